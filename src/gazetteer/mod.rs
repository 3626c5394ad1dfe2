//! The places the analyzer knows by name, with where they are: GeoNames countries, cities, US
//! states and counties and continents, with hand-checked regions and other names
//! (assets/geo/gazetteer.bin, made by scripts/geo/make_gazetteer.py; sources and licenses in
//! assets/geo/README.md).
//!
//! The asset is read once, on first use, into a table of names sorted by their folded form
//! (lowercase, without diacritics or apostrophes, "St." as "Saint"), searched by bisection.

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
    /// Folded names, one after another.
    keys: String,
    /// Each name: where its folded form lies in `keys`, its entry, and whether it is written in
    /// capitals; places' own names first, then their other names.
    names: Vec<Name>,
    /// The first name with each folded form's hash; `next` chains the others, in order.
    heads: hash::Map<u32>,
    next: Vec<u32>,
    fold: Vec<(char, &'static str)>,
}

struct Name {
    start: u32,
    end: u32,
    entry: u32,
    shouted: bool,
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
        keys: String::new(),
        names: Vec::with_capacity(count),
        heads: hash::Map::default(),
        next: vec![NONE; count],
        fold: contents.fold,
    };
    // A table of names by hash, not a sorted index: sorting the names was most of the
    // analyzer's start-up, which the page's first analysis waits for.
    let mut hashes = Vec::with_capacity(count);
    let mut key = String::new();
    let names = g.entries.iter().map(|e| e.name).enumerate();
    for (entry, name) in names.chain(contents.aliases.iter().copied()) {
        g.fold_into(name, &mut key);
        let start = g.keys.len();
        g.keys.push_str(&key);
        hashes.push(hash::bytes(key.as_bytes()));
        // The asset is far below 4 GB.
        g.names.push(Name {
            start: start as u32,
            end: g.keys.len() as u32,
            entry: entry as u32,
            shouted: is_shouted(name),
        });
    }
    g.heads.reserve(count);
    // Linked from the last, so that each chain runs in the names' order.
    for (i, &h) in hashes.iter().enumerate().rev() {
        if let Some(head) = g.heads.insert(h, i as u32) {
            g.next[i] = head;
        }
    }
    g
}

impl Gazetteer {
    /// The form names are compared in: lowercase, letters without their diacritics, apostrophes
    /// dropped, hyphens and runs of spaces as one space, "St." as "Saint" ("St. Louis",
    /// "Saint Louis"), "Mt." as "Mount", "Ft." as "Fort".
    fn fold_into(&self, name: &str, out: &mut String) {
        out.clear();
        if name.is_ascii() {
            // Most names: a byte at a time, without decoding characters (the same as below;
            // folding the gazetteer's names is a fifth of the analyzer's start-up, and this path
            // a tenth less of it).
            let mut bytes = std::mem::take(out).into_bytes();
            let words = name
                .as_bytes()
                .split(|&b| b.is_ascii_whitespace() || b == b'-' || b == 0x0B);
            for word in words.filter(|w| !w.is_empty()) {
                if !bytes.is_empty() {
                    bytes.push(b' ');
                }
                match expansion(word) {
                    Some(full) => bytes.extend_from_slice(full.as_bytes()),
                    None => bytes.extend(
                        word.iter()
                            .filter(|&&b| b != b'\'' && b != b'`')
                            .map(u8::to_ascii_lowercase),
                    ),
                }
            }
            // ASCII throughout.
            *out = String::from_utf8(bytes).unwrap_or_default();
            return;
        }
        for word in name.split(|c: char| c.is_whitespace() || c == '-') {
            if word.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            if let Some(full) = expansion(word.as_bytes()) {
                out.push_str(full);
                continue;
            }
            for c in word.chars() {
                match c {
                    '\'' | '’' | '‘' | 'ʼ' | 'ʻ' | '`' => {}
                    c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                    c => match self.fold.binary_search_by(|(f, _)| f.cmp(&c)) {
                        Ok(i) => out.push_str(self.fold[i].1),
                        Err(_) => out.extend(c.to_lowercase()),
                    },
                }
            }
        }
    }

    fn find(&self, name: &str) -> Vec<&Entry> {
        let mut key = String::new();
        self.fold_into(name, &mut key);
        // "UN" is not the town of Un: a short name in capitals is an acronym, and matches only
        // names the gazetteer writes in capitals too ("US", "UAE").
        // And the other way round: "Clean Air Act" names no ACT (the Australian Capital
        // Territory), written in capitals.
        let shouted = is_shouted(name);
        let acronym = shouted && name.chars().filter(|c| c.is_alphabetic()).count() <= 4;
        let mut seen: Vec<u32> = Vec::new();
        let mut found = Vec::new();
        let mut at = self.heads.get(&hash::bytes(key.as_bytes())).copied();
        while let Some(i) = at {
            let Some(n) = self.names.get(i as usize) else {
                break;
            };
            at = self.next.get(i as usize).copied().filter(|&i| i != NONE);
            let text = self.keys.get(n.start as usize..n.end as usize);
            if text != Some(key.as_str()) || seen.contains(&n.entry) {
                continue;
            }
            // A place is judged by the first of its names with this form.
            seen.push(n.entry);
            if if acronym {
                n.shouted
            } else {
                !n.shouted || shouted
            } {
                found.extend(self.entries.get(n.entry as usize));
            }
        }
        // In the asset's order, whichever of their names matched first.
        found.sort_by_key(|&e| std::ptr::from_ref(e) as usize);
        found
    }
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

    #[test]
    fn every_name_is_on_its_forms_chain_in_order() {
        let g = &*GAZETTEER;
        for (i, n) in g.names.iter().enumerate() {
            let key = &g.keys[n.start as usize..n.end as usize];
            let mut at = g.heads.get(&hash::bytes(key.as_bytes())).copied();
            let (mut last, mut on) = (None, false);
            while let Some(j) = at {
                assert!(last < Some(j), "chains run in the names' order");
                last = Some(j);
                on |= j as usize == i;
                at = Some(g.next[j as usize]).filter(|&j| j != NONE);
            }
            assert!(on, "{key:?} is not on its chain");
        }
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
