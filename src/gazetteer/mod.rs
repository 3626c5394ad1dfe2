//! The places the analyzer knows by name, with where they are: GeoNames countries, cities, US
//! states and counties and continents, with hand-checked regions and other names
//! (assets/geo/gazetteer.bin, made by scripts/geo/make_gazetteer.py; sources and licenses in
//! assets/geo/README.md).
//!
//! The asset is read once, on first use, into a table of names by the hash of their folded form
//! (lowercase, without diacritics or apostrophes, "St." as "Saint").

mod format;

use std::sync::LazyLock;

use crate::analysis::PlaceKind;
use crate::ner::hash;

/// What sort of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Country,
    /// A first-level division: a US state, a Canadian province.
    Admin1,
    /// A second-level division: a US county.
    Admin2,
    City,
    /// A named region, inside a country or across several: the West Bank, the Middle East.
    Region,
    Continent,
}

impl Kind {
    fn from_code(code: u8) -> Option<Kind> {
        Some(match code {
            0 => Kind::Country,
            1 => Kind::Admin1,
            2 => Kind::Admin2,
            3 => Kind::City,
            4 => Kind::Region,
            5 => Kind::Continent,
            _ => return None,
        })
    }

    pub fn place_kind(self) -> PlaceKind {
        match self {
            Kind::Country => PlaceKind::Country,
            Kind::Admin1 | Kind::Admin2 => PlaceKind::Admin,
            Kind::City => PlaceKind::City,
            Kind::Region | Kind::Continent => PlaceKind::Region,
        }
    }
}

/// A place the gazetteer knows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2; none for continents and regions across borders.
    pub country: Option<&'static str>,
    /// The GeoNames code of the first-level division the place is in (or is): "LA" for
    /// Louisiana and its towns.
    pub admin1: Option<&'static str>,
    pub kind: Kind,
    /// A national capital.
    pub capital: bool,
    /// Approximate (two significant figures); zero where unknown.
    pub population: u64,
}

impl Entry {
    /// Whether `self` lies inside `other`: a town in its state or country, a state in its country.
    pub fn is_within(&self, other: &Entry) -> bool {
        if std::ptr::eq(self, other) || self.country.is_none() || self.country != other.country {
            return false;
        }
        match other.kind {
            Kind::Country => self.kind != Kind::Country,
            Kind::Admin1 => {
                matches!(self.kind, Kind::Admin2 | Kind::City) && self.admin1 == other.admin1
            }
            _ => false,
        }
    }
}

static DATA: &[u8] = include_bytes!("../../assets/geo/gazetteer.bin");

struct Gazetteer {
    entries: Vec<Entry>,
    /// Other names: (the place's index, the name).
    aliases: Vec<(usize, &'static str)>,
    /// Each name's [`Gazetteer::key`]: places' own names (name `i` is entry `i`'s), then their
    /// other names (name `entries.len() + j` is alias `j`).
    keys: Vec<u64>,
    /// The first name with each key; `next` chains the others, in order.
    heads: hash::Map<u32>,
    next: Vec<u32>,
    fold: Vec<(char, &'static str)>,
}

/// The end of a chain in `Gazetteer::next`.
const NONE: u32 = u32::MAX;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(load);

fn load() -> Gazetteer {
    // The asset is ours and checked by the tests; were it ever unreadable, places go unlocated
    // rather than the analyzer failing.
    let contents = format::read(DATA).unwrap_or(format::Contents {
        entries: Vec::new(),
        aliases: Vec::new(),
        fold: Vec::new(),
    });
    let count = contents.entries.len() + contents.aliases.len();
    let mut g = Gazetteer {
        entries: contents.entries,
        aliases: contents.aliases,
        keys: Vec::with_capacity(count),
        heads: hash::Map::default(),
        next: vec![NONE; count],
        fold: contents.fold,
    };
    // Each name's key is hashed as it is folded, not kept folded: this is most of the analyzer's
    // start-up, which the page's first analysis waits for.
    let keys: Vec<u64> = (g.entries.iter().map(|e| e.name))
        .chain(g.aliases.iter().map(|a| a.1))
        .map(|name| g.key(name))
        .collect();
    g.keys = keys;
    g.heads.reserve(count);
    // Linked from the last, so that each chain runs in the names' order. The asset is far below
    // 4 G names.
    for (i, &key) in g.keys.iter().enumerate().rev() {
        if let Some(head) = g.heads.insert(key, i as u32) {
            g.next[i] = head;
        }
    }
    g
}

/// Where a name goes as it is folded: into its hash, or (for the tests) into a string.
trait Fold {
    fn push(&mut self, b: u8);
    fn is_empty(&self) -> bool;

    fn push_str(&mut self, s: &str) {
        s.bytes().for_each(|b| self.push(b));
    }
}

/// A folded name's hash, as it is folded.
struct Folded {
    hash: hash::Stream,
    empty: bool,
}

impl Fold for Folded {
    fn push(&mut self, b: u8) {
        self.hash.push(b);
        self.empty = false;
    }

    fn is_empty(&self) -> bool {
        self.empty
    }
}

impl Gazetteer {
    /// The hash of a name's folded form ([`Gazetteer::fold`]). Names are compared by this hash
    /// alone: 64 bits, and no two of the gazetteer's forms share one (tested).
    ///
    /// Not inlined: the start-up calls it for each of the gazetteer's names, and a WebAssembly
    /// engine optimizes a function only after some calls to it, never a loop inside a function
    /// that runs once.
    #[inline(never)]
    fn key(&self, name: &str) -> u64 {
        let mut out = Folded {
            hash: hash::Stream::new(),
            empty: true,
        };
        self.fold(name, &mut out);
        out.hash.finish()
    }

    /// The form names are compared in: lowercase, letters without their diacritics, apostrophes
    /// dropped, hyphens and runs of spaces as one space, "St." as "Saint" ("St. Louis",
    /// "Saint Louis"), "Mt." as "Mount", "Ft." as "Fort".
    fn fold(&self, name: &str, out: &mut impl Fold) {
        if name.is_ascii() {
            // Most names: a byte at a time, without decoding characters (the same as below).
            let bytes = name.as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                let start = at;
                while at < bytes.len() && !is_ascii_separator(bytes[at]) {
                    at += 1;
                }
                let word = &bytes[start..at];
                at += 1;
                if word.is_empty() {
                    continue;
                }
                if !out.is_empty() {
                    out.push(b' ');
                }
                match expansion(word) {
                    Some(full) => out.push_str(full),
                    None => {
                        for &b in word {
                            if b != b'\'' && b != b'`' {
                                out.push(b.to_ascii_lowercase());
                            }
                        }
                    }
                }
            }
            return;
        }
        for word in name.split(|c: char| c.is_whitespace() || c == '-') {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(b' ');
            }
            if let Some(full) = expansion(word.as_bytes()) {
                out.push_str(full);
                continue;
            }
            for c in word.chars() {
                match c {
                    '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' => {}
                    c if c.is_ascii() => out.push(c.to_ascii_lowercase() as u8),
                    c => match self.fold.binary_search_by(|(f, _)| f.cmp(&c)) {
                        Ok(i) => out.push_str(self.fold[i].1),
                        Err(_) => c
                            .to_lowercase()
                            .for_each(|l| out.push_str(l.encode_utf8(&mut [0; 4]))),
                    },
                }
            }
        }
    }

    /// Name `i`: its place's index and its text.
    fn name(&self, i: usize) -> Option<(usize, &'static str)> {
        match self.entries.get(i) {
            Some(e) => Some((i, e.name)),
            None => self.aliases.get(i - self.entries.len()).copied(),
        }
    }

    fn find(&self, name: &str) -> Vec<&Entry> {
        let key = self.key(name);
        // "UN" is not the town of Un: a short name in capitals is an acronym, and matches only
        // names the gazetteer writes in capitals too ("US", "UAE").
        // And the other way round: "Clean Air Act" names no ACT (the Australian Capital
        // Territory), written in capitals.
        let shouted = is_shouted(name);
        let acronym = shouted && name.chars().filter(|c| c.is_alphabetic()).count() <= 4;
        let mut seen: Vec<usize> = Vec::new();
        let mut found = Vec::new();
        let mut at = self.heads.get(&key).copied();
        while let Some(i) = at {
            at = self.next.get(i as usize).copied().filter(|&i| i != NONE);
            let Some((entry, text)) = self.name(i as usize) else {
                break;
            };
            if seen.contains(&entry) {
                continue;
            }
            // A place is judged by the first of its names with this form.
            seen.push(entry);
            if if acronym {
                is_shouted(text)
            } else {
                !is_shouted(text) || shouted
            } {
                found.extend(self.entries.get(entry));
            }
        }
        // In the asset's order, whichever of their names matched first.
        found.sort_by_key(|&e| std::ptr::from_ref(e) as usize);
        found
    }
}

/// What separates words in an ASCII name, as `char::is_whitespace` and hyphens do in others.
fn is_ascii_separator(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'-' || b == 0x0B
}

/// The word an abbreviation in a name stands for.
fn expansion(word: &[u8]) -> Option<&'static str> {
    match word {
        b"St." | b"St" | b"ST." => Some("saint"),
        b"Ste." | b"Ste" => Some("sainte"),
        b"Mt." | b"Mt" => Some("mount"),
        b"Ft." | b"Ft" => Some("fort"),
        _ => None,
    }
}

/// Whether a name is written in capitals: "UAE", "WASHINGTON".
fn is_shouted(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// The places called `name` (or by one of their other names), most populous first. The name
/// must begin with a capital: "turkey" is no country, while a dateline's WASHINGTON is the city.
pub fn lookup(name: &str) -> Vec<&'static Entry> {
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return Vec::new();
    }
    let mut found = GAZETTEER.find(name);
    found.sort_by_key(|e| (std::cmp::Reverse(e.population), e.kind));
    found
}

/// The best-known place called `name`, if it is well known: a country, a region, a state or
/// province, or a city of 100,000 people or more. What a tagger may take for a place without
/// other evidence ("Warren said" is not the city in Michigan).
pub fn prominent(name: &str) -> Option<&'static Entry> {
    lookup(name).into_iter().find(|e| match e.kind {
        Kind::City => e.population >= 100_000,
        Kind::Admin2 => false,
        _ => true,
    })
}

/// The first-level division of `country` with this GeoNames code: ("US", "LA") is Louisiana.
pub fn division(country: &str, code: &str) -> Option<&'static Entry> {
    GAZETTEER
        .entries
        .iter()
        .find(|e| e.kind == Kind::Admin1 && e.country == Some(country) && e.admin1 == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Fold for Vec<u8> {
        fn push(&mut self, b: u8) {
            Vec::push(self, b);
        }

        fn is_empty(&self) -> bool {
            <[u8]>::is_empty(self)
        }
    }

    /// A name's folded form, as text.
    fn folded(name: &str) -> String {
        let mut form = Vec::new();
        GAZETTEER.fold(name, &mut form);
        String::from_utf8(form).expect("folded names are UTF-8")
    }

    #[test]
    fn every_name_is_on_its_keys_chain_in_order() {
        let g = &*GAZETTEER;
        assert_eq!(g.keys.len(), g.entries.len() + g.aliases.len());
        for (i, &key) in g.keys.iter().enumerate() {
            let mut at = g.heads.get(&key).copied();
            let (mut last, mut on) = (None, false);
            while let Some(j) = at {
                assert!(last < Some(j), "chains run in the names' order");
                assert_eq!(g.keys[j as usize], key);
                last = Some(j);
                on |= j as usize == i;
                at = Some(g.next[j as usize]).filter(|&j| j != NONE);
            }
            assert!(on, "{:?} is not on its chain", g.name(i));
        }
    }

    #[test]
    fn no_two_folded_forms_share_a_key() {
        let g = &*GAZETTEER;
        let mut forms: std::collections::HashMap<u64, String> = Default::default();
        for i in 0..g.keys.len() {
            let (_, name) = g.name(i).expect("a name");
            let form = folded(name);
            assert_eq!(g.keys[i], hash::bytes(form.as_bytes()), "{name:?}");
            let known = forms.entry(g.keys[i]).or_insert_with(|| form.clone());
            assert_eq!(*known, form, "two forms, one key");
        }
    }

    #[test]
    fn names_fold_to_their_compared_form() {
        assert_eq!(folded("St. Louis"), "saint louis");
        assert_eq!(folded("Winston-Salem"), "winston salem");
        assert_eq!(folded("Côte d’Ivoire"), "cote divoire");
        assert_eq!(folded("Ft.  Worth"), "fort worth");
        assert_eq!(folded("' Mt"), "mount");
    }

    fn first(name: &str) -> &'static Entry {
        lookup(name)
            .first()
            .copied()
            .unwrap_or_else(|| panic!("{name} is not in the gazetteer"))
    }

    #[test]
    fn the_asset_reads_whole() {
        let g = &*GAZETTEER;
        assert!(g.entries.len() > 20_000, "{} places", g.entries.len());
        assert!(g.entries.iter().any(|e| e.kind == Kind::Admin2));
        assert!(g.names.len() > g.entries.len());
    }

    #[test]
    fn aliases_and_abbreviations_find_the_place() {
        assert_eq!(first("U.S.").name, "United States");
        assert_eq!(first("Britain").country, Some("GB"));
        assert_eq!(first("La.").name, "Louisiana");
        assert_eq!(first("Kiev").name, "Kyiv");
    }

    #[test]
    fn case_diacritics_and_saint_are_folded() {
        assert!(lookup("turkey").is_empty());
        assert!(lookup("UN").is_empty(), "the UN is no town called Un");
        assert_eq!(first("WASHINGTON").name, "Washington");
        assert_eq!(first("Zaïre").country, Some("CD"));
        assert_eq!(first("Montreal").name, "Montréal");
        assert_eq!(first("Saint Petersburg").name, first("St. Petersburg").name);
    }

    #[test]
    fn a_town_lies_within_its_state_and_country() {
        let alexandria_la = lookup("Alexandria")
            .into_iter()
            .find(|e| e.admin1 == Some("LA"))
            .expect("Alexandria, Louisiana");
        assert!(alexandria_la.is_within(first("Louisiana")));
        assert!(alexandria_la.is_within(first("United States")));
        assert!(!alexandria_la.is_within(first("Virginia")));
        assert!(!first("Louisiana").is_within(alexandria_la));
    }
}
