//! The places the analyzer knows by name, with where they are: GeoNames countries, cities, US
//! states and counties and continents, with hand-checked regions and other names
//! (assets/geo/gazetteer.bin, made by scripts/geo/make_gazetteer.py; sources and licenses in
//! assets/geo/README.md).
//!
//! The asset is read once, on first use, into a table of names by the hash of their folded form
//! (lowercase, without diacritics or apostrophes, "St." as "Saint").

mod format;

use std::cell::RefCell;
use std::sync::{LazyLock, OnceLock};

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
    /// A physical feature: an ocean, sea, gulf, strait, lake, river (at its mouth), mountain
    /// range, desert or island.
    Feature,
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
            6 => Kind::Feature,
            _ => return None,
        })
    }

    pub fn place_kind(self) -> PlaceKind {
        match self {
            Kind::Country => PlaceKind::Country,
            Kind::Admin1 | Kind::Admin2 => PlaceKind::Admin,
            Kind::City => PlaceKind::City,
            Kind::Region | Kind::Continent | Kind::Feature => PlaceKind::Region,
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
    /// The names by the first bytes of their folded form ([`Folded`]): bucket `b` holds names
    /// `order[starts[b]..starts[b + 1]]`, in the names' order (places' own names, name `i` being
    /// entry `i`'s, then their other names, name `entries.len() + j` being alias `j`).
    starts: Vec<u32>,
    order: Vec<u32>,
    /// Each bucket's forms and the places they name, made on the bucket's first look-up: the
    /// page's first analysis waits for the analyzer's start-up, and hashing every name was most
    /// of it.
    buckets: Vec<OnceLock<Bucket>>,
    fold: Vec<(char, &'static str)>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(load);

/// A bucket's folded forms and what a look-up of each finds, worked out once, so that a look-up
/// returns a list made already rather than a new one.
struct Bucket {
    /// Each form's index in `forms`, by its key.
    index: hash::Map<u32>,
    forms: Vec<Form>,
    /// The places `forms` point into.
    places: Vec<&'static Entry>,
}

/// The places one folded form names (none, for a form that only begins names), each judged by the first of its names with that form:
/// `plain` places whose name is not in capitals from `start` in [`Bucket::places`], then
/// `shouted` whose name is; then, where there are both, all of them again in one list. Each
/// list most populous first.
#[derive(Clone, Copy, Default)]
struct Form {
    start: u32,
    plain: u16,
    shouted: u16,
    /// Whether a name of several words begins with this form and a space.
    begins: bool,
}

impl Bucket {
    fn form(&self, key: u64) -> Option<&Form> {
        self.forms.get(*self.index.get(&key)? as usize)
    }
}

fn load() -> Gazetteer {
    // The asset is ours and checked by the tests; were it ever unreadable, places go unlocated
    // rather than the analyzer failing.
    built(format::read(DATA).unwrap_or(format::Contents {
        entries: Vec::new(),
        aliases: Vec::new(),
        fold: Vec::new(),
    }))
}

/// The gazetteer of these places and names.
fn built(contents: format::Contents) -> Gazetteer {
    let mut g = Gazetteer {
        entries: contents.entries,
        aliases: contents.aliases,
        starts: Vec::new(),
        order: Vec::new(),
        buckets: (0..BUCKETS).map(|_| OnceLock::new()).collect(),
        fold: contents.fold,
    };
    let buckets: Vec<u16> = (g.entries.iter().map(|e| e.name))
        .chain(g.aliases.iter().map(|a| a.1))
        .map(|name| g.bucket(name))
        .collect();
    // A counting sort: stable, so each bucket keeps the names' order. The asset is far below
    // 4 G names.
    let mut starts = vec![0u32; BUCKETS + 1];
    for &b in &buckets {
        starts[usize::from(b) + 1] += 1;
    }
    for b in 0..BUCKETS {
        starts[b + 1] += starts[b];
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; buckets.len()];
    for (i, &b) in buckets.iter().enumerate() {
        let at = &mut next[usize::from(b)];
        order[*at as usize] = i as u32;
        *at += 1;
    }
    g.starts = starts;
    g.order = order;
    g
}

/// How many buckets names are sorted into.
const BUCKETS: usize = 1 << 12;

/// How many bytes of a folded name choose its bucket.
const PREFIX: usize = 3;

/// Where a name goes as it is folded: into its hash and bucket, into its bucket alone, or (for
/// the tests) into a string.
trait Fold {
    fn push(&mut self, b: u8);
    fn is_empty(&self) -> bool;
    /// Starts again, empty.
    fn clear(&mut self);

    /// Whether the rest of the name changes nothing: [`Gazetteer::fold`] then stops.
    fn full(&self) -> bool {
        false
    }

    fn push_str(&mut self, s: &str) {
        s.bytes().for_each(|b| self.push(b));
    }
}

/// A folded name's hash and its bucket (a hash of the first [`PREFIX`] bytes of its first word,
/// or fewer if that is shorter, so that every name beginning with a word is in the word's
/// bucket), as it is folded; or its bucket alone, which needs only the first bytes.
struct Folded {
    hash: hash::Stream,
    prefix: hash::Stream,
    len: usize,
    whole: bool,
    /// The hash of the first word, once a second begins.
    first: Option<u64>,
}

impl Folded {
    fn new(whole: bool) -> Folded {
        Folded {
            hash: hash::Stream::new(),
            prefix: hash::Stream::new(),
            len: 0,
            whole,
            first: None,
        }
    }

    fn bucket(&self) -> u16 {
        // BUCKETS fits in 16 bits.
        (self.prefix.finish() % BUCKETS as u64) as u16
    }
}

impl Fold for Folded {
    fn push(&mut self, b: u8) {
        if b == b' ' && self.first.is_none() {
            self.first = Some(self.hash.finish());
        }
        if self.whole {
            self.hash.push(b);
        }
        if self.len < PREFIX && self.first.is_none() {
            self.prefix.push(b);
        }
        self.len += 1;
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn clear(&mut self) {
        *self = Folded::new(self.whole);
    }

    fn full(&self) -> bool {
        !self.whole && (self.len >= PREFIX || self.first.is_some())
    }
}

impl Gazetteer {
    /// The hash of a name's folded form ([`Gazetteer::fold`]), and its bucket. Names are
    /// compared by this hash alone: 64 bits, and no two of the gazetteer's forms share one
    /// (tested).
    fn key(&self, name: &str) -> (u64, u16) {
        let out = self.folded(name);
        (out.hash.finish(), out.bucket())
    }

    /// A name folded whole.
    fn folded(&self, name: &str) -> Folded {
        let mut out = Folded::new(true);
        self.fold(name, &mut out);
        out
    }

    /// A name's bucket: the start of [`Gazetteer::key`]'s work.
    fn bucket(&self, name: &str) -> u16 {
        // The start-up buckets every name, and most begin with [`PREFIX`] ASCII letters or digits,
        // which fold to themselves in lowercase unless their word is an abbreviation the folding
        // spells out: hashed here, without the folding's checks (a fifth of the analyzer's
        // start-up, 9 M instructions natively).
        if let Some(start) = name.as_bytes().get(..PREFIX) {
            if start.iter().all(u8::is_ascii_alphanumeric)
                && abbreviation(name.as_bytes()).is_none()
            {
                let mut prefix = hash::Stream::new();
                start
                    .iter()
                    .for_each(|b| prefix.push(b.to_ascii_lowercase()));
                // BUCKETS fits in 16 bits.
                return (prefix.finish() % BUCKETS as u64) as u16;
            }
        }
        let mut out = Folded::new(false);
        self.fold(name, &mut out);
        out.bucket()
    }

    /// Bucket `b`'s forms: each name's key, and the places of each form in the order [`lookup`]
    /// returns them.
    fn bucket_at(&'static self, b: u16) -> Option<&'static Bucket> {
        let bucket = self.buckets.get(usize::from(b))?;
        Some(bucket.get_or_init(|| self.made(b)))
    }

    /// Bucket `b`'s forms, worked out from its names.
    fn made(&'static self, b: u16) -> Bucket {
        let (from, to) = (self.starts[usize::from(b)], self.starts[usize::from(b) + 1]);
        let names = self
            .order
            .get(from as usize..to as usize)
            .unwrap_or_default();
        let named: Vec<(usize, &'static str, Folded)> = (names.iter())
            .filter_map(|&i| {
                let (entry, text) = self.name(i as usize)?;
                Some((entry, text, self.folded(text)))
            })
            .collect();
        let longer = named.iter().filter(|n| n.2.first.is_some()).count();
        let mut out = Bucket {
            index: hash::Map::with_capacity_and_hasher(named.len() + longer, Default::default()),
            forms: Vec::new(),
            places: Vec::with_capacity(names.len()),
        };
        // Each name's form (and its first word's, if it has more), then the names of each form
        // together in the names' order (the first of a place's names with the form judges it):
        // a counting sort by form.
        let mut counts: Vec<usize> = Vec::new();
        let mut form_of = |out: &mut Bucket, key: u64| match out.index.get(&key) {
            Some(&i) => i as usize,
            None => {
                out.index.insert(key, out.forms.len() as u32);
                out.forms.push(Form::default());
                counts.push(0);
                out.forms.len() - 1
            }
        };
        let mut forms = Vec::with_capacity(named.len());
        for (_, _, folded) in &named {
            let form = form_of(&mut out, folded.hash.finish());
            forms.push(form);
            if let Some(first) = folded.first {
                let begins = form_of(&mut out, first);
                out.forms[begins].begins = true;
            }
        }
        for &form in &forms {
            counts[form] += 1;
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        starts.push(0);
        for count in counts {
            starts.push(starts.last().copied().unwrap_or_default() + count);
        }
        let mut next = starts.clone();
        let mut by_form = vec![(0, ""); named.len()];
        for (&(entry, text, _), &form) in named.iter().zip(&forms) {
            by_form[next[form]] = (entry, text);
            next[form] += 1;
        }
        let (mut plain, mut shouted) = (Vec::new(), Vec::new());
        for (f, form) in out.forms.iter_mut().enumerate() {
            plain.clear();
            shouted.clear();
            let names = by_form.get(starts[f]..starts[f + 1]).unwrap_or_default();
            for (k, &(entry, text)) in names.iter().enumerate() {
                if names[..k].iter().any(|&(e, _)| e == entry) {
                    continue;
                }
                let list = if is_shouted(text) {
                    &mut shouted
                } else {
                    &mut plain
                };
                list.extend(self.entries.get(entry));
            }
            by_population(&mut plain);
            by_population(&mut shouted);
            // The asset's forms name far fewer than 65,536 places each.
            form.start = out.places.len() as u32;
            form.plain = plain.len() as u16;
            form.shouted = shouted.len() as u16;
            out.places.extend_from_slice(&plain);
            out.places.extend_from_slice(&shouted);
            if !plain.is_empty() && !shouted.is_empty() {
                let all = out.places.len();
                out.places.extend_from_slice(&plain);
                out.places.extend_from_slice(&shouted);
                by_population(&mut out.places[all..]);
            }
        }
        out
    }

    /// The form names are compared in: lowercase, letters without their diacritics, apostrophes
    /// dropped, hyphens and runs of spaces as one space, "St." as "Saint" ("St. Louis",
    /// "Saint Louis"), "Mt." as "Mount", "Ft." as "Fort".
    ///
    /// Not inlined: the start-up calls it for each of the gazetteer's names, and a WebAssembly
    /// engine optimizes a function only after some calls to it, never a loop inside a function
    /// that runs once.
    #[inline(never)]
    fn fold(&self, name: &str, out: &mut impl Fold) {
        // Most names are ASCII: folded a byte at a time, without decoding characters (as
        // `fold_chars` would fold them), until a byte that is not ASCII sends the name there.
        let bytes = name.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            if is_ascii_separator(b) {
                at += 1;
                continue;
            }
            if out.full() {
                return;
            }
            if !out.is_empty() {
                out.push(b' ');
            }
            if let Some((full, len)) = abbreviation(bytes.get(at..).unwrap_or_default()) {
                out.push_str(full);
                at += len;
                continue;
            }
            while let Some(&b) = bytes.get(at) {
                if is_ascii_separator(b) {
                    break;
                }
                if !b.is_ascii() {
                    out.clear();
                    return self.fold_chars(name, out);
                }
                if b != b'\'' && b != b'`' {
                    out.push(b.to_ascii_lowercase());
                    if out.full() {
                        return;
                    }
                }
                at += 1;
            }
        }
    }

    /// [`Gazetteer::fold`] of a name that is not all ASCII.
    fn fold_chars(&self, name: &str, out: &mut impl Fold) {
        for word in name.split(|c: char| c.is_whitespace() || c == '-') {
            if word.is_empty() {
                continue;
            }
            if out.full() {
                return;
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
                // A bucket needs only the first bytes: the start-up buckets every name, these
                // too, and the rest of a long word would change nothing.
                if out.full() {
                    return;
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

    /// The places called `name`, most populous first.
    fn find(&'static self, name: &str) -> &'static [&'static Entry] {
        let (key, bucket) = self.key(name);
        let Some(bucket) = self.bucket_at(bucket) else {
            return &[];
        };
        let Some(f) = bucket.form(key) else {
            return &[];
        };
        // "UN" is not the town of Un: a short name in capitals is an acronym, and matches only
        // names the gazetteer writes in capitals too ("US", "UAE").
        // And the other way round: "Clean Air Act" names no ACT (the Australian Capital
        // Territory), written in capitals.
        let shouted = is_shouted(name);
        let acronym = shouted && name.chars().filter(|c| c.is_alphabetic()).count() <= 4;
        let (start, plain, caps) = (
            f.start as usize,
            usize::from(f.plain),
            usize::from(f.shouted),
        );
        let places = if acronym {
            start + plain..start + plain + caps
        } else if !shouted {
            start..start + plain
        } else if plain == 0 || caps == 0 {
            start..start + plain + caps
        } else {
            start + plain + caps..start + 2 * (plain + caps)
        };
        bucket.places.get(places).unwrap_or_default()
    }
}

/// Places most populous first, then by kind, then in the asset's order.
fn by_population(places: &mut [&'static Entry]) {
    crate::sort::by_key(places, |e| {
        (
            std::cmp::Reverse(e.population),
            e.kind,
            std::ptr::from_ref(*e) as usize,
        )
    });
}

/// What separates words in an ASCII name, as `char::is_whitespace` and hyphens do in others.
fn is_ascii_separator(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'-' || b == 0x0B
}

/// The word the abbreviation `rest` begins with stands for, and the abbreviation's length.
fn abbreviation(rest: &[u8]) -> Option<(&'static str, usize)> {
    // The abbreviations ([`expansion`]) are words of two to four ASCII letters and dots, and
    // begin "St", "ST", "Mt" or "Ft": most words are ruled out by their first two bytes.
    if !matches!(rest, [b'S' | b'M' | b'F', b't' | b'T', ..]) {
        return None;
    }
    let len = (rest.iter().take(5))
        .position(|&b| is_ascii_separator(b))
        .unwrap_or(rest.len().min(5));
    Some((expansion(rest.get(..len)?)?, len))
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
pub fn lookup(name: &str) -> &'static [&'static Entry] {
    if !name.chars().next().is_some_and(char::is_uppercase) {
        return &[];
    }
    let key = hash::bytes(name.as_bytes());
    if let Some(found) = LOOKUPS.with_borrow(|seen| seen.get(&key).copied()) {
        return found;
    }
    let gazetteer: &'static Gazetteer = &GAZETTEER;
    let mut found = gazetteer.find(name);
    if found.is_empty() {
        if let Some(other) = particle_spelling(name) {
            found = gazetteer.find(&other);
        }
    }
    LOOKUPS.with_borrow_mut(|seen| {
        if seen.len() >= REMEMBERED {
            seen.clear();
        }
        seen.insert(key, found);
    });
    found
}

/// Forgets the names [`lookup`] remembers on this thread, and the memory that held them.
pub(crate) fn forget_lookups() {
    LOOKUPS.with_borrow_mut(|seen| *seen = hash::Map::default());
}

#[cfg(test)]
pub(crate) fn remembered() -> usize {
    LOOKUPS.with_borrow(|seen| seen.len())
}

/// The particles a name may write closed up or apart: "DeSoto" or "De Soto", "LaSalle" or "La
/// Salle".
const PARTICLES: &[&str] = &["De", "La", "Le", "Du"];

/// A name with its particles written the other way, if it has any: local usage often closes up
/// what GeoNames writes apart ("DeSoto Parish", GeoNames' "De Soto Parish") and the other way
/// round. Only for a name the gazetteer does not know as written.
fn particle_spelling(name: &str) -> Option<String> {
    let starts_particle = |w: &str| PARTICLES.iter().any(|p| w.starts_with(p));
    if !name.split(' ').any(starts_particle) {
        return None;
    }
    let mut out = String::with_capacity(name.len() + 1);
    let mut changed = false;
    let mut words = name.split(' ').peekable();
    while let Some(word) = words.next() {
        if !out.is_empty() {
            out.push(' ');
        }
        let capital = |w: &&str| w.starts_with(|c: char| c.is_ascii_uppercase());
        // "De Soto" -> "DeSoto".
        if PARTICLES.contains(&word) && words.peek().is_some_and(capital) {
            out.push_str(word);
            out.push_str(words.next().unwrap_or_default());
            changed = true;
        // "DeSoto" -> "De Soto", not "Delaware" nor "LAKE".
        } else if closes_up_particle(word) {
            out.push_str(&word[..2]);
            out.push(' ');
            out.push_str(&word[2..]);
            changed = true;
        } else {
            out.push_str(word);
        }
    }
    changed.then_some(out)
}

/// Whether a word is a particle closed up with the rest of a name: "DeSoto".
fn closes_up_particle(word: &str) -> bool {
    word.get(..2).is_some_and(|p| PARTICLES.contains(&p))
        && word.as_bytes().get(2).is_some_and(u8::is_ascii_uppercase)
        && word.bytes().skip(3).any(|b| b.is_ascii_lowercase())
}

/// Whether a name of several words may begin with the word `word`: when it is false, [`lookup`]
/// finds nothing for any name that is `word`, a space and more words, and a caller looking up
/// the names a text's words begin can skip them all (the tagger's look-ups of capitalized
/// phrases: most of them find nothing, and a look-up costs far more than this test, made once
/// per word).
pub fn begins_names(word: &str) -> bool {
    // A name lookup finds nothing for may be looked up again with its particles written the
    // other way ([`particle_spelling`]), which changes its first word only if that word is a
    // particle, alone or closed up.
    if PARTICLES.contains(&word) || closes_up_particle(word) {
        return true;
    }
    let gazetteer: &'static Gazetteer = &GAZETTEER;
    let folded = gazetteer.folded(word);
    // A word folded into several ("Winston-Salem") is not looked for among first words.
    if folded.first.is_some() {
        return true;
    }
    (gazetteer.bucket_at(folded.bucket()))
        .and_then(|b| b.form(folded.hash.finish()))
        .is_some_and(|f| f.begins)
}

/// How many names [`lookup`] remembers (on each thread) before it starts afresh: a megabyte or
/// two at most. A 10 MB text looks up tens of thousands of names; starting afresh every 16,384
/// made it slower per megabyte than 1 MB (10 MB as one text 4.4 s -> 3.8 s natively).
const REMEMBERED: usize = 1 << 16;

thread_local! {
    /// Names looked up already, by the hash of their text: the tagger, the places and the
    /// entities look up the same names, which recur within an article and across a batch, and
    /// folding a name and finding its form costs some 700 instructions, a hash some 30.
    static LOOKUPS: RefCell<hash::Map<&'static [&'static Entry]>> = RefCell::new(hash::Map::default());
}

/// The best-known place called `name`, if it is well known: a country, a region, a state or
/// province, or a city of 100,000 people or more. What a tagger may take for a place without
/// other evidence ("Warren said" is not the city in Michigan).
pub fn prominent(name: &str) -> Option<&'static Entry> {
    lookup(name).iter().copied().find(|e| match e.kind {
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

        fn clear(&mut self) {
            Vec::clear(self);
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

    /// How many names the gazetteer has.
    fn names(g: &Gazetteer) -> usize {
        g.entries.len() + g.aliases.len()
    }

    #[test]
    fn a_particle_is_written_the_other_way() {
        let other = |name: &str| particle_spelling(name);
        assert_eq!(other("DeSoto Parish").as_deref(), Some("De Soto Parish"));
        assert_eq!(other("La Salle County").as_deref(), Some("LaSalle County"));
        // No particle: a word that only begins like one, a name in capitals, a lone particle,
        // and letters beyond ASCII where a particle's second letter would be.
        for name in [
            "Delaware",
            "Lebanon",
            "LAKE",
            "DE",
            "La",
            "Göd",
            "Côte d'Ivoire",
            "",
        ] {
            assert_eq!(other(name), None, "{name}");
        }
    }

    #[test]
    fn every_name_is_in_its_bucket() {
        let g: &'static Gazetteer = &GAZETTEER;
        assert_eq!(g.order.len(), names(g));
        for i in 0..names(g) {
            let (entry, name) = g.name(i).expect("a name");
            let (key, bucket) = g.key(name);
            assert_eq!(bucket, g.bucket(name), "{name:?}");
            let b = g.bucket_at(bucket).expect("a bucket");
            let f = b
                .form(key)
                .unwrap_or_else(|| panic!("{name:?} is not in its bucket"));
            let both = usize::from(f.plain) + usize::from(f.shouted);
            let places = &b.places[f.start as usize..f.start as usize + both];
            assert!(
                places.iter().any(|&e| std::ptr::eq(e, &g.entries[entry])),
                "{name:?} does not name its place"
            );
        }
    }

    /// What [`Gazetteer::find`] finds, by a scan of the names of each form: the places whose
    /// first name with the form passes the test of capitals, most populous first.
    fn scanned(g: &Gazetteer, forms: &hash::Map<Vec<usize>>, name: &str) -> Vec<&'static Entry> {
        let shouted = is_shouted(name);
        let acronym = shouted && name.chars().filter(|c| c.is_alphabetic()).count() <= 4;
        let mut seen = Vec::new();
        let mut found: Vec<&'static Entry> = Vec::new();
        let key = hash::bytes(folded(name).as_bytes());
        for &i in forms.get(&key).map_or(&[][..], Vec::as_slice) {
            let (entry, text) = g.name(i).expect("a name");
            if seen.contains(&entry) {
                continue;
            }
            seen.push(entry);
            let passes = if acronym {
                is_shouted(text)
            } else {
                !is_shouted(text) || shouted
            };
            if passes {
                found.push(&GAZETTEER.entries[entry]);
            }
        }
        found.sort_by_key(|&e| std::ptr::from_ref(e) as usize);
        found.sort_by_key(|e| (std::cmp::Reverse(e.population), e.kind));
        found
    }

    #[test]
    fn every_name_finds_what_a_scan_of_the_names_finds() {
        let g: &'static Gazetteer = &GAZETTEER;
        let mut forms: hash::Map<Vec<usize>> = hash::Map::default();
        for i in 0..names(g) {
            let (_, name) = g.name(i).expect("a name");
            let key = hash::bytes(folded(name).as_bytes());
            forms.entry(key).or_default().push(i);
        }
        for i in 0..names(g) {
            let (_, name) = g.name(i).expect("a name");
            for written in [name.to_owned(), name.to_uppercase(), name.to_lowercase()] {
                let expected = scanned(g, &forms, &written);
                assert_eq!(g.find(&written), expected.as_slice(), "{written:?}");
            }
        }
        for name in [
            "UN",
            "ACT",
            "Act",
            "US",
            "Nowhere Special",
            "",
            "Zaïre",
            "St. Louis",
        ] {
            assert_eq!(g.find(name), scanned(g, &forms, name).as_slice(), "{name}");
        }
    }

    #[test]
    fn no_two_folded_forms_share_a_key() {
        let g = &*GAZETTEER;
        let mut forms: std::collections::HashMap<u64, String> = Default::default();
        for i in 0..names(g) {
            let (_, name) = g.name(i).expect("a name");
            let form = folded(name);
            let (key, _) = g.key(name);
            assert_eq!(key, hash::bytes(form.as_bytes()), "{name:?}");
            let known = forms.entry(key).or_insert_with(|| form.clone());
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
        assert!(names(g) > g.entries.len());
    }

    #[test]
    fn a_form_written_both_ways_finds_by_the_name_s_capitals() {
        let place = |name, population| Entry {
            name,
            lat: 0.0,
            lon: 0.0,
            country: None,
            admin1: None,
            kind: Kind::Region,
            capital: false,
            population,
        };
        let g: &'static Gazetteer = Box::leak(Box::new(built(format::Contents {
            entries: vec![place("Act", 10), place("ACT", 20), place("Acts", 30)],
            aliases: vec![(2, "ACT"), (0, "ACT")],
            fold: Vec::new(),
        })));
        let names = |found: &[&Entry]| found.iter().map(|e| e.name).collect::<Vec<_>>();
        // Each place is judged by its first name of the form: "Act" by "Act", not by "ACT".
        assert_eq!(names(g.find("Act")), ["Act"]);
        assert_eq!(names(g.find("ACT")), ["Acts", "ACT"]);
        assert_eq!(names(g.find("THE ACT")), Vec::<&str>::new());
        assert_eq!(names(g.find("ACTS")), Vec::<&str>::new());
        // A name in capitals but no acronym finds every place of its form, most populous first.
        let g2: &'static Gazetteer = Box::leak(Box::new(built(format::Contents {
            entries: vec![place("Santa Fe", 10), place("SANTA FE", 20)],
            aliases: Vec::new(),
            fold: Vec::new(),
        })));
        assert_eq!(names(g2.find("SANTA FE")), ["SANTA FE", "Santa Fe"]);
        assert_eq!(names(g2.find("Santa Fe")), ["Santa Fe"]);
    }

    #[test]
    fn the_first_word_of_every_longer_name_found_begins_names() {
        let g: &'static Gazetteer = &GAZETTEER;
        for i in 0..names(g) {
            let (_, name) = g.name(i).expect("a name");
            for written in [name.to_owned(), name.to_uppercase()] {
                if let Some((first, _)) = written.split_once(' ') {
                    if !g.find(&written).is_empty() {
                        assert!(begins_names(first), "{first:?} of {written:?}");
                    }
                }
            }
        }
        assert!(begins_names("St."), "Saint Louis");
        assert!(begins_names("De"), "De Soto, or DeSoto");
        assert!(begins_names("DeSoto"), "DeSoto Parish, or De Soto Parish");
        for word in ["President", "Minister", "Tuesday", "Said", ""] {
            assert!(!begins_names(word), "{word:?}");
        }
    }

    #[test]
    fn a_remembered_lookup_finds_what_the_first_found() {
        for name in ["Springfield", "Paris", "UN", "Nowhere Special"] {
            let expected = GAZETTEER.find(name);
            assert_eq!(lookup(name), expected, "{name}, looked up first");
            assert_eq!(lookup(name), expected, "{name}, remembered");
        }
        assert!(lookup("Springfield").len() > 3);
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
            .iter()
            .copied()
            .find(|e| e.admin1 == Some("LA"))
            .expect("Alexandria, Louisiana");
        assert!(alexandria_la.is_within(first("Louisiana")));
        assert!(alexandria_la.is_within(first("United States")));
        assert!(!alexandria_la.is_within(first("Virginia")));
        assert!(!first("Louisiana").is_within(alexandria_la));
    }
}
