//! Geocoding: each place entity located on the globe, choosing among the places of its name.
//!
//! A reading's score adds up what speaks for it: how big and how prominent the place is (its
//! population, and its kind: a country before a state before a town of the same size), an explicit
//! container written after the name ("Aqaba, Jordan", "Alexandria, La."), a dateline (a city), and
//! the other places of the article: a reading in a country or state the article is about is the
//! likelier one (Paris in a story about Lamar County, Texas, is Paris, Texas), and so is one in a
//! state where the article's other places could all lie, one near the article's other towns
//! and counties, and a name among states is a state.
//! A nationality ("the Sudanese government") is placed in its country.
//! A place the gazetteer lacks (a village, a river) is placed at the article's own town, or
//! failing one its county, state or country, in the state and the country the article names
//! most; so is a small town the gazetteer knows only outside the state the article is mostly
//! about.
//!
//! Recognition adds to the tagger's places those the gazetteer knows where a place name usually
//! stands, and the places named inside other names ("[Rapides Parish] Fire District 2"): those
//! are mentions nested in another entity's, which the page draws as marks within marks.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::analysis::{Entity, EntityType, Place};
use crate::entities::Candidate;
use crate::gazetteer::{self, Entry, Kind};
use crate::lexicons;
use crate::text::{Document, Span, TokenKind};

/// How much each kind of evidence weighs, in the unit of one order of magnitude of population.
mod weight {
    pub const COUNTRY: f64 = 3.0;
    pub const ADMIN1: f64 = 1.0;
    pub const ADMIN2: f64 = 0.5;
    pub const REGION: f64 = 3.0;
    pub const CONTINENT: f64 = 2.0;
    /// Written inside a container: "Aqaba, Jordan".
    pub const CONTAINER: f64 = 10.0;
    /// A dateline names a city.
    pub const DATELINE: f64 = 3.0;
    /// For each other place of the article in the same country, or the same state.
    pub const SAME_COUNTRY: f64 = 0.75;
    pub const SAME_ADMIN1: f64 = 1.5;
    /// For each other place of the article (up to three) that could lie in the same state:
    /// Huntsville, Walker County and Texas are all in Texas, though Huntsville and Walker
    /// County are both in Alabama too.
    pub const SUPPORT: f64 = 1.0;
    /// For each other place of the article (up to two) that has a county reading around this
    /// town, or a town reading inside this county: Paris beside Henry County is Paris,
    /// Tennessee, in Henry County, Tennessee.
    pub const BESIDE: f64 = 2.0;
    /// For each other town or county of the article (up to two) within `NEAR_KM`, as chosen;
    /// and for each other place of the article (up to two) with a town or county reading
    /// within `NEAR_KM`, whichever is chosen.
    pub const NEAR: f64 = 1.0;
    /// A national capital is in the news more than its size says.
    pub const CAPITAL: f64 = 2.5;
    /// For each other place of the article (up to four) of the same kind, for a country or a
    /// state.
    pub const PEER: f64 = 1.5;
}

/// A place entity with what the text says about it.
struct Reading<'a> {
    entity: &'a Entity,
    candidates: Vec<&'static Entry>,
    /// Whether the candidates are those of a part of the name only: "Écija" for "Nueva Ecija".
    partial: bool,
    /// Whether the candidates are the containers of a town the gazetteer lacks in them:
    /// "Ohio" for "Swanton, Ohio".
    lacking: bool,
    /// Places written as its container: "Jordan" in "Aqaba, Jordan".
    containers: Vec<&'static Entry>,
    dateline: bool,
    /// For each candidate, how many other places of the article could lie in its state.
    support: Vec<usize>,
    /// For each candidate, how many other places of the article have a reading beside it: a
    /// county around a town, a town inside a county.
    beside: Vec<usize>,
    /// For each candidate, how many other places of the article have a town or county
    /// reading within `NEAR_KM` of it.
    near: Vec<usize>,
    /// What `score` asks of the candidates in each of its rounds, worked out once: each
    /// candidate's population in orders of magnitude; whether any is a national capital; whether
    /// any is a country or a state.
    magnitudes: Vec<f64>,
    capital: bool,
    national: bool,
}

/// The state (first-level division) a place lies in or is, with its country.
fn state_of(e: &Entry) -> Option<(&'static str, &'static str)> {
    match e.kind {
        Kind::Admin1 | Kind::Admin2 | Kind::City => e.country.zip(e.admin1),
        _ => None,
    }
}

/// The states a reading's candidates lie in.
fn states_of(r: &Reading) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = r.candidates.iter().copied().filter_map(state_of).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Locates every place entity, in the order of `entities`: by the gazetteer, or where it lacks
/// the name (a street, a village), at the article's own town.
pub fn locate(doc: &Document, entities: &[Entity]) -> Vec<Place> {
    // One set for every entity's forms, emptied for each.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut readings: Vec<Reading> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Place)
        .filter_map(|entity| {
            if is_street(&entity.name) {
                return None;
            }
            let mut candidates: Vec<&'static Entry> = Vec::new();
            let mut partial = true;
            // "Rep. Earl Pomeroy, D-N.D.": the tagger may take the party and a piece of the
            // state for the name ("D-N"); the state is what follows the party, if all its
            // mentions agree ("D-N.D." and "D-N.Y." are both "D-N").
            let mut parties = entity
                .mentions
                .iter()
                .map(|m| party_state(doc.text, m.start));
            if let Some(Some(states)) = parties.next() {
                if parties.all(|p| p.as_ref() == Some(&states)) {
                    candidates = states;
                    partial = false;
                }
            }
            // "Clay" in "Becker, Clay and Wilkin counties" is Clay County.
            let counties = entity
                .mentions
                .iter()
                .any(|m| in_county_list(doc, Span::new(m.start, m.end)));
            let by_party = !candidates.is_empty();
            // Mentions repeat a few forms: each is looked up once.
            seen.clear();
            for name in std::iter::once(entity.name.as_str())
                .chain(entity.mentions.iter().map(|m| m.text.as_str()))
                .filter(|_| !by_party)
            {
                if !seen.insert(name) {
                    continue;
                }
                // A county is often named without the word: "Kanawha", "Clarke and Oconee".
                let as_county = county_readings(name);
                // The places of the name, then those of it as a county's: borrowed from the
                // gazetteer where it lists them.
                let inside;
                let named: &[&'static Entry] = if counties {
                    &[]
                } else {
                    // "Washington, D.C." is the town inside its container, whatever else
                    // the whole name is given as.
                    inside = lookup_inside(name);
                    let whole = if inside.is_empty() {
                        lookup_whole(name)
                    } else {
                        &inside
                    };
                    if whole.is_empty() {
                        lookup_within(name)
                    } else {
                        partial = false;
                        whole
                    }
                };
                if !as_county.is_empty() {
                    partial = false;
                }
                for &e in named.iter().chain(&as_county) {
                    if !candidates.iter().any(|c| std::ptr::eq(*c, e)) {
                        candidates.push(e);
                    }
                }
            }
            let containers: Vec<&'static Entry> = entity
                .mentions
                .iter()
                .flat_map(|m| containers_after(doc.text, m.end))
                .collect();
            let dateline = entity
                .mentions
                .iter()
                .any(|m| is_dateline(doc, m.start, m.end));
            Some(Reading {
                entity,
                candidates,
                partial,
                lacking: false,
                containers,
                dateline,
                support: Vec::new(),
                beside: Vec::new(),
                near: Vec::new(),
                magnitudes: Vec::new(),
                capital: false,
                national: false,
            })
        })
        .collect();
    // One sense per article: "RIDGE FARM, Ill. (AP)" and the headline's "Ridge Farm" are one
    // place, whatever the case they are written in, with one container and one dateline.
    // Each reading's name in small letters, and the first reading of each such name, which
    // gathers the others' containers and datelines and hands them back.
    let lower: Vec<String> = readings
        .iter()
        .map(|r| r.entity.name.to_lowercase())
        .collect();
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, name) in lower.iter().enumerate() {
        let at = *first.entry(name.as_str()).or_insert(i);
        if at != i {
            let (containers, dateline) = (readings[i].containers.clone(), readings[i].dateline);
            let shared = &mut readings[at];
            for k in containers {
                if !shared.containers.iter().any(|c| std::ptr::eq(*c, k)) {
                    shared.containers.push(k);
                }
            }
            shared.dateline |= dateline;
        }
    }
    for (i, name) in lower.iter().enumerate() {
        let at = first.get(name.as_str()).copied().unwrap_or(i);
        if at != i {
            let (containers, dateline) = (readings[at].containers.clone(), readings[at].dateline);
            readings[i].containers = containers;
            readings[i].dateline = dateline;
        }
    }
    readings.retain_mut(|r| {
        // "a Washington state farm", "the state of Washington": the state, not its capital
        // or a town of its name.
        if r.entity
            .mentions
            .iter()
            .any(|m| names_a_state(doc.text, m.start, m.end))
            && r.candidates.iter().any(|c| c.kind == Kind::Admin1)
        {
            r.candidates.retain(|c| c.kind == Kind::Admin1);
        }
        // A town written inside a state or country where the gazetteer knows no town of its
        // name ("Austin, Indiana"), or no town of its name at all ("Swanton, Ohio"), is a town
        // it lacks there: placed at the container (a state before a country of the same name:
        // "Blakely, Georgia"), not at the big town of the name elsewhere, and no sign of where
        // the others are.
        let towns_only = r
            .candidates
            .iter()
            .all(|c| matches!(c.kind, Kind::City | Kind::Admin2));
        if towns_only
            && !r.containers.is_empty()
            && !r
                .candidates
                .iter()
                .any(|c| r.containers.iter().any(|k| c.is_within(k)))
        {
            let states = r.containers.iter().any(|k| k.kind == Kind::Admin1);
            r.candidates = Vec::new();
            for &k in &r.containers {
                if (!states || k.kind == Kind::Admin1)
                    && !r.candidates.iter().any(|c| std::ptr::eq(*c, k))
                {
                    r.candidates.push(k);
                }
            }
            r.partial = true;
            r.lacking = true;
        }
        !r.candidates.is_empty()
    });
    // First each on its own, then each in the light of where the others are, twice: a county
    // placed by its state in the second round places the town beside it in the third.
    // How many of the article's places could lie in each state, to see which states they share.
    let mut shared: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    // A place found by a part of its name only says little of where the others are: the
    // village of Tennessee Colony, Texas, is no sign of Tennessee.
    for r in readings.iter().filter(|r| !r.partial) {
        for state in states_of(r) {
            *shared.entry(state).or_default() += 1;
        }
    }
    let readings: Vec<Reading> = readings
        .into_iter()
        .map(|mut r| {
            // Less one: the place itself could lie there (unless it was not counted).
            let itself = usize::from(!r.partial);
            r.support = r
                .candidates
                .iter()
                .map(|e| {
                    state_of(e).map_or(0, |st| {
                        shared.get(&st).map_or(0, |n| n.saturating_sub(itself))
                    })
                })
                .collect();
            r.magnitudes = (r.candidates.iter())
                .map(|e| (e.population as f64 + 1.0).log10())
                .collect();
            r.capital = r.candidates.iter().any(|c| c.capital);
            r.national =
                (r.candidates.iter()).any(|c| matches!(c.kind, Kind::Country | Kind::Admin1));
            r
        })
        .collect();
    // Two names of a local story that could both lie in one corner of a state most likely do:
    // Henry County and Washington County are neighbours in Iowa, though both are in Alabama
    // too, 300 km apart. This weighs the readings, not the choices: chosen one by one, the
    // bigger of each name would pull the other to its state before nearness could count
    // (`Neighbours::near`, among the choices). Not for a name that is also a state or a
    // country (see `score`).
    let around = readings_around(&readings, |r| !r.national);
    let readings: Vec<Reading> = readings
        .into_iter()
        .zip(around)
        .map(|(mut r, (beside, near))| {
            r.beside = beside;
            r.near = near;
            r
        })
        .collect();
    let mut chosen: Vec<&'static Entry> = readings
        .iter()
        .map(|r| best(r, &Neighbours::default(), None))
        .collect();
    for round in 0..2 {
        let whole: Vec<&'static Entry> = readings
            .iter()
            .zip(&chosen)
            .filter(|(r, _)| !r.partial)
            .map(|(_, &e)| e)
            .collect();
        // Nearness counts in the last round only, among choices already made on the rest:
        // counted from the first round's, two places of two names each (Richmond and London,
        // England, and Richmond and London, Kentucky) would trade their readings back and forth.
        let neighbours = Neighbours::of(&whole, round == 1);
        chosen = readings
            .iter()
            .zip(&chosen)
            .map(|(r, &own)| best(r, &neighbours, (!r.partial).then_some(own)))
            .collect();
    }
    // A street, or a place the gazetteer lacks, is in the article's town: the one it names
    // most in the state it names most of the country it names most (else its county there, the
    // state, or the country).
    // The country the article names most, counting every mention of its places.
    // A place found by a part of its name counts once, whatever its mentions: "East Bank" ten
    // times in a West Virginia story is no sign of Bānk, India.
    let mut by_country: FxHashMap<&str, usize> = FxHashMap::default();
    for (r, e) in readings.iter().zip(&chosen) {
        if let Some(cc) = e.country {
            let mentions = if r.partial { 1 } else { r.entity.count.max(1) };
            *by_country.entry(cc).or_default() += mentions;
        }
    }
    let home = by_country
        .into_iter()
        .max_by_key(|&(cc, n)| (n, std::cmp::Reverse(cc)))
        .map(|(cc, _)| cc);
    // And the state it names most there, counting each of its towns and counties and the state
    // itself once: a town named five times is one place, and when it is the namesake of a
    // village the gazetteer lacks it would outvote the article's three other places
    // ("Avondale" five times beside Decatur, DeKalb County and Avondale Estates, Georgia).
    let mut by_state: FxHashMap<(&str, &str), usize> = FxHashMap::default();
    for (r, e) in readings.iter().zip(&chosen) {
        if r.partial || e.country != home {
            continue;
        }
        if let Some(st) = state_of(e) {
            *by_state.entry(st).or_default() += 1;
        }
    }
    // Whether all of them lie in that one state.
    let one_state = by_state.len() == 1;
    // Whether more than half of those mentions are of that state's places.
    let mostly = 2 * by_state.values().copied().max().unwrap_or(0) > by_state.values().sum();
    let state = by_state
        .into_iter()
        .max_by_key(|&(st, n)| (n, std::cmp::Reverse(st)))
        .map(|(st, _)| st);
    let most_named = |kind: Kind| {
        readings
            .iter()
            .zip(&chosen)
            .filter(|(_, e)| {
                e.kind == kind
                    && (home.is_none() || e.country == home)
                    && (state.is_none() || kind == Kind::Country || state_of(e) == state)
            })
            .max_by_key(|(r, _)| r.entity.count)
            .map(|(_, e)| *e)
    };
    let town = [Kind::City, Kind::Admin2, Kind::Admin1]
        .into_iter()
        .find_map(most_named)
        .or_else(|| state.and_then(|(cc, st)| gazetteer::division(cc, st)))
        .or_else(|| most_named(Kind::Country));
    let place = |id: usize, e: &Entry| Place {
        entity_id: id,
        name: e.name.to_owned(),
        lat: e.lat,
        lon: e.lon,
        country: e.country.map(str::to_owned),
        kind: e.kind.place_kind(),
    };
    // A small town of a name no place of the article's state bears, in a story mostly about
    // that state, is likelier a village of it the gazetteer lacks than the only town of the
    // name it knows, elsewhere: "Plainview" among Norfolk, Knox County and Nebraska is the
    // Nebraska town, not Plainview, New York. Unless the text says where it is (a
    // container), or the place is a city or a capital the news names from afar. A dateline
    // is no exception: American papers put the state after all but the big cities there too
    // ("HUDSON, Ill."), so a small town's bare dateline is one of the paper's own state.
    let in_state = |e: &Entry| state.is_some() && state_of(e) == state;
    let small = |e: &Entry| {
        e.kind == Kind::City
            && e.population
                < if home == Some("US") && e.country == home {
                    STRAY_POPULATION_US
                } else {
                    STRAY_POPULATION
                }
            && !e.capital
    };
    let stray = |r: &Reading, e: &Entry| {
        mostly
            && town.is_some_and(in_state)
            && !r.partial
            && small(e)
            && !r.containers.iter().any(|k| e.is_within(k))
            && !r.candidates.iter().any(|&c| in_state(c))
    };
    let mut located = readings.iter().zip(chosen).peekable();
    let mut out = Vec::new();
    for entity in entities.iter().filter(|e| e.kind == EntityType::Place) {
        match located.peek() {
            // A place found by a part of its name in another country than the article's is
            // likelier a place the gazetteer lacks ("Nueva Ecija" in the Philippines is not
            // Écija in Spain, "Centennial Park" in Sydney not Centennial, Colorado), and so is
            // one in another state than that of all the article's places ("Jerome Township" in
            // an Ohio story is not Jerome, Idaho), or of most of them if it is a small town,
            // as for a whole name below ("Fort Benning" beside Muscogee County, Georgia, and
            // Fort Knox, Kentucky, is not Benning in Washington; "South Cotabato" in a story
            // mostly about Bulacan is beside Cotabato City, a city of 380,000 people);
            // not one written in its state ("Bethel, Vt.").
            Some((r, e))
                if r.entity.id == entity.id
                    && r.partial
                    && (e.country != home
                        || (!r.lacking
                            && (one_state || (mostly && small(e)))
                            && state_of(e).is_some_and(|s| Some(s) != state))) =>
            {
                if let Some(town) = town {
                    out.push(place(entity.id, town));
                }
                located.next();
            }
            // A town the gazetteer lacks inside a state is likelier the article's own town there,
            // if it has one, than the middle of the state.
            Some((r, e)) if r.entity.id == entity.id => {
                let e = match town {
                    Some(t) if r.lacking && t.is_within(e) => t,
                    Some(t) if stray(r, e) => t,
                    _ => e,
                };
                out.push(place(entity.id, e));
                located.next();
            }
            _ => {
                if let Some(town) = town {
                    out.push(place(entity.id, town));
                }
            }
        }
    }
    out.extend(
        entities
            .iter()
            .filter_map(|entity| Some(place(entity.id, nationality(entity)?))),
    );
    out
}

/// The country of a nationality the article names ("Egyptian troops", "Russians"), which the
/// map shows as it does the country's name.
fn nationality(entity: &Entity) -> Option<&'static Entry> {
    if entity.kind != EntityType::Norp {
        return None;
    }
    let country = lexicons::country_of_demonym(&entity.name)?;
    gazetteer::lookup(country)
        .iter()
        .copied()
        .find(|e| e.kind == Kind::Country)
}

/// The last word of a street's name: "Street", "St.".
const STREET_WORDS: &[&str] = &[
    "Street",
    "Avenue",
    "Road",
    "Drive",
    "Boulevard",
    "Lane",
    "Parkway",
    "Pike",
];
const STREET_ABBREVIATIONS: &[&str] = &["St", "Ave", "Rd", "Blvd"];
/// Words before a road's number: "Highway 82".
const ROADS: &[&str] = &["Highway", "Interstate", "Route"];

/// Physical features named "X of Y" that the tagger cuts in two at a place's name: "[Gulf] of
/// [Mexico]", "Gulf of [Alaska]". A word, "of" and one or two words that together name a feature
/// the gazetteer knows.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn features_with_of(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for k in 1..doc.tokens.len() {
        // Most tokens are ruled out by their length, without reading their text.
        if doc.tokens[k].span().len() != 2
            || doc.token_text(k) != "of"
            || !is_name_word(doc.token_text(k - 1))
        {
            continue;
        }
        for last in [k + 2, k + 1] {
            let Some(end) = doc.tokens.get(last) else {
                continue;
            };
            let span = Span::new(doc.tokens[k - 1].span().start, end.span().end);
            if gazetteer::lookup(doc.slice(span))
                .iter()
                .any(|e| e.kind == Kind::Feature)
            {
                out.push(span);
                break;
            }
        }
    }
    out
}

/// Words that open a sentence or a phrase before a street's name: "On Main Street".
const BEFORE_STREETS: &[&str] = &[
    "The", "On", "At", "In", "From", "To", "Along", "Near", "Off", "And", "Of", "By", "Down", "Up",
];

/// Streets and roads: "North Nokomis Street", "Augusta St.", "Highway 82"; not "St. Louis".
fn streets(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    let text = |k: usize| doc.tokens.get(k).map_or("", |t| doc.slice(t.span()));
    for (k, token) in doc.tokens.iter().enumerate() {
        // Every word below begins with a capital: most tokens are ruled out by their first byte
        // rather than compared with each (or sliced from the text).
        let first = doc.text.as_bytes().get(token.span().start);
        if !first.is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        let word = doc.slice(token.span());
        if ROADS.contains(&word)
            && doc
                .tokens
                .get(k + 1)
                .is_some_and(|t| t.kind() == TokenKind::Number)
        {
            let start = if k > 0 && text(k - 1) == "State" {
                doc.tokens[k - 1].span().start
            } else {
                token.span().start
            };
            out.push(Span::new(start, doc.tokens[k + 1].span().end));
            continue;
        }
        let bare = word.strip_suffix('.').unwrap_or(word);
        let (end, after) = if STREET_WORDS.contains(&word) {
            (token.span().end, k + 1)
        } else if STREET_ABBREVIATIONS.contains(&bare) {
            // The period may be the token's or the next one.
            if word.ends_with('.') {
                (token.span().end, k + 1)
            } else if text(k + 1) == "." {
                (doc.tokens[k + 1].span().end, k + 2)
            } else {
                continue;
            }
        } else {
            continue;
        };
        // "St. Louis" is a saint's city.
        if (end != token.span().end || word.ends_with('.')) && is_name_word(text(after)) {
            continue;
        }
        let mut first = k;
        while first > 0 && k - first < 3 && is_name_word(text(first - 1)) {
            first -= 1;
        }
        while first < k && BEFORE_STREETS.contains(&text(first)) {
            first += 1;
        }
        if first == k {
            continue;
        }
        if first > 0
            && matches!(
                text(first - 1),
                "North" | "South" | "East" | "West" | "Old" | "N." | "S." | "E." | "W."
            )
        {
            first -= 1;
        }
        out.push(Span::new(doc.tokens[first].span().start, end));
    }
    out
}

/// Whether a place's name is a street's: all of it one of `streets`.
fn is_street(name: &str) -> bool {
    // Read as a document of its own only if it holds a word `streets` looks for: most place
    // names hold none, and reading one was a tenth of locating the places.
    let bytes = name.as_bytes();
    let word_at = |i: usize| {
        let rest = bytes.get(i..).unwrap_or_default();
        (ROADS.iter().chain(STREET_WORDS).chain(STREET_ABBREVIATIONS))
            .any(|w| rest.starts_with(w.as_bytes()))
    };
    if !(0..bytes.len()).any(|i| bytes[i].is_ascii_uppercase() && word_at(i)) {
        return false;
    }
    let doc = Document::new(name);
    streets(&doc)
        .first()
        .is_some_and(|s| s.start == 0 && s.end == name.len())
}

/// The places a place name may be: those of the whole name, or else of the place it is built on:
/// the owner in "Wichita's Wesley Medical Center", the head in "Pakistan-administered Kashmir"
/// (the last words that name a place), or the first words ("Gaza Strip border").
fn lookup_within(name: &str) -> &'static [&'static Entry] {
    let found = gazetteer::lookup(name);
    if !found.is_empty() {
        return found;
    }
    if let Some((owner, _)) = name.split_once("'s ").or_else(|| name.split_once("’s ")) {
        let found = gazetteer::lookup(owner);
        if !found.is_empty() {
            return found;
        }
    }
    let starts: Vec<usize> = name
        .char_indices()
        .filter(|&(i, c)| {
            let breaks = |p: char| p.is_whitespace() || p == '-';
            !breaks(c) && i > 0 && name[..i].ends_with(breaks)
        })
        .map(|(i, _)| i)
        .collect();
    for &at in &starts {
        let tail = &name[at..];
        // "Rift Valley" is not the town of Valley, Alabama.
        if tail.chars().next().is_some_and(char::is_uppercase) && !FEATURE_HEADS.contains(&tail) {
            let found = gazetteer::lookup(tail);
            if !found.is_empty() {
                return found;
            }
        }
    }
    for &at in starts.iter().rev() {
        let head = name[..at].trim_end_matches(|c: char| c.is_whitespace() || c == '-');
        let found = gazetteer::lookup(head);
        if !found.is_empty() {
            return found;
        }
    }
    &[]
}

/// How far from a county's centre a town in it is taken to lie: most US counties are some 50 km
/// across (measured on LGL, right within 161 km: 25 km 3178, 30 km 3176, 40 km 3168, 60 km 3168).
const BESIDE_KM: f64 = 30.0;

/// The cosine of a latitude by its Taylor series, a little under the true one (no call into a
/// maths library, which would cost the page several kilobytes).
fn cos_of_latitude(degrees: f64) -> f64 {
    let x = degrees.to_radians();
    let x2 = x * x;
    (1.0 - x2 / 2.0 + x2 * x2 / 24.0 - x2 * x2 * x2 / 720.0).max(0.0)
}

/// Whether two places lie within `km` of each other, for short distances: an equirectangular
/// approximation.
fn within_km(a: &Entry, b: &Entry, km: f64) -> bool {
    let cos = cos_of_latitude((a.lat + b.lat) / 2.0);
    let dx = (a.lon - b.lon).to_radians() * cos;
    let dy = (a.lat - b.lat).to_radians();
    let r = km / 6371.0;
    dx * dx + dy * dy <= r * r
}

/// Below this population a town is small enough to be a namesake of a village the gazetteer
/// lacks (measured, right within 161 km on LGL and GeoVirus: 20,000, 3,361 and 1,881; 30,000,
/// 3,365 and 1,881; 50,000, 3,364 and 1,883; 100,000, 3,373 and 1,882).
const STRAY_POPULATION: u64 = 50_000;

/// The same for a town of the article's own country in a US story: American papers write a town
/// of another state with its state ("Irvine, Calif.", as the AP's style asks), all but the big
/// cities they name alone, so a bare name only a bigger town of another state bears is likelier
/// still a village of the article's state (measured on LGL and GeoVirus, right within 161 km:
/// 50,000, 3,374 and 1,886; 100,000, 3,383 and 1,886; 200,000 or 300,000, 3,382 and 1,886;
/// 1,000,000, 3,374 and 1,884: Atlanta, Denver, Miami, Shreveport). Not for other countries: a
/// British paper names Paisley bare (GeoVirus lost it at 100,000).
const STRAY_POPULATION_US: u64 = 100_000;

/// The degree square a place lies in.
fn cell(e: &Entry) -> (i32, i32) {
    (e.lat.floor() as i32, e.lon.floor() as i32)
}

/// How near two towns or counties of an article lie to speak for each other: a local story's
/// places are a county or two apart (measured on LGL, right within 161 km, 3,328 without:
/// 50, 80 or 110 km, 3,337 to 3,338; a weight of 2 instead of 1, 3,331; of 3, 3,327).
const NEAR_KM: f64 = 80.0;

/// For each reading's candidates, how many other readings (found by their whole name) have a
/// town or county candidate beside it: a county around a town, a town inside a county, within
/// `BESIDE_KM` (the town and the county a local story names together lie together); and, for a
/// reading `wants_near` accepts, how many have a town or county candidate within `NEAR_KM` of it
/// (empty for the others). Not a reading of the same name in other letters ("ARLINGTON" in a
/// dateline, "Arlington" after it): its county reading is only the name's, and would make every
/// town of a name with a county of it beside itself. Counted up to two, as `best` weighs no more.
///
/// Candidates are sorted by the degree square they lie in, so that a long text's many places are
/// not compared pairwise, and the squares of a row around a candidate are one run of them, found
/// by one search. Both counts come from one scan: each on its own, with a map of squares each,
/// was 2.4% of a native pass.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn readings_around(
    readings: &[Reading],
    wants_near: impl Fn(&Reading) -> bool,
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let local = |e: &Entry| matches!(e.kind, Kind::City | Kind::Admin2);
    let mut points: Vec<((i32, i32), usize, &'static Entry)> = Vec::new();
    for (i, r) in readings.iter().enumerate().filter(|(_, r)| !r.partial) {
        points.extend(
            (r.candidates.iter())
                .filter(|e| local(e))
                .map(|&e| (cell(e), i, e)),
        );
    }
    crate::sort::by_key(&mut points, |p| p.0);
    let around = |i: usize, r: &Reading, e: &Entry, near: bool| {
        let (y, x) = cell(e);
        // The degrees of longitude `km` spans at the squares' latitude farthest from the
        // equator (a degree is 111 km at the equator, 56 at 60 degrees).
        let far = cos_of_latitude((e.lat.abs() + 2.0).min(89.0)).max(0.01);
        let reach = |km: f64| (km / (111.0 * far)).ceil() as i32;
        let beside_reach = reach(BESIDE_KM);
        let near_reach = if near { reach(NEAR_KM) } else { 0 };
        let widest = beside_reach.max(near_reach);
        let (mut beside, mut close) = (Others::default(), Others::default());
        for dy in -1..=1 {
            let from = points.partition_point(|p| p.0 < (y + dy, x - widest));
            let row = points[from..]
                .iter()
                .take_while(|p| p.0 <= (y + dy, x + widest));
            for &((_, ox), j, o) in row {
                // The distance first: it rules out most, and costs less than comparing names.
                let other = |reach: i32, km: f64| {
                    (ox - x).abs() <= reach
                        && j != i
                        && within_km(e, o, km)
                        && o.country == e.country
                        && !readings[j].entity.name.eq_ignore_ascii_case(&r.entity.name)
                };
                if !beside.full() && e.kind != o.kind && other(beside_reach, BESIDE_KM) {
                    beside.add(j);
                }
                if near && !close.full() && other(near_reach, NEAR_KM) {
                    close.add(j);
                }
                if beside.full() && (!near || close.full()) {
                    return (beside.found, close.found);
                }
            }
        }
        (beside.found, close.found)
    };
    readings
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let near = wants_near(r);
            let mut beside = Vec::with_capacity(r.candidates.len());
            let mut close = Vec::new();
            for &e in &r.candidates {
                let (b, n) = if local(e) {
                    around(i, r, e, near)
                } else {
                    (0, 0)
                };
                beside.push(b);
                if near {
                    close.push(n);
                }
            }
            (beside, close)
        })
        .collect()
}

/// The other readings counted around a candidate: up to two, each once.
struct Others {
    seen: [usize; 2],
    found: usize,
}

impl Default for Others {
    fn default() -> Others {
        Others {
            seen: [usize::MAX; 2],
            found: 0,
        }
    }
}

impl Others {
    fn full(&self) -> bool {
        self.found == self.seen.len()
    }

    fn add(&mut self, j: usize) {
        if !self.seen.contains(&j) {
            self.seen[self.found] = j;
            self.found += 1;
        }
    }
}

/// The likeliest reading, given the places the rest of the article is about.
/// How many of the places chosen so far lie in each country, and in each first-level division.
#[derive(Default)]
struct Neighbours {
    countries: FxHashMap<&'static str, usize>,
    divisions: FxHashMap<(Option<&'static str>, &'static str), usize>,
    /// How many are countries, and how many states or provinces.
    kinds: FxHashMap<Kind, usize>,
    /// The towns and counties, sorted by the degree square they lie in: the squares of a row
    /// around a place are one run, found by one search rather than a look-up per square.
    points: Vec<((i32, i32), &'static Entry)>,
}

impl Neighbours {
    /// `near`: whether to keep where the towns and counties are, for [`Neighbours::near`].
    fn of(chosen: &[&'static Entry], near: bool) -> Neighbours {
        let mut n = Neighbours::default();
        for e in chosen {
            if let Some(country) = e.country {
                *n.countries.entry(country).or_default() += 1;
            }
            if let Some(division) = Neighbours::division(e) {
                *n.divisions.entry(division).or_default() += 1;
            }
            *n.kinds.entry(e.kind).or_default() += 1;
            if near && matches!(e.kind, Kind::City | Kind::Admin2) {
                n.points.push((cell(e), e));
            }
        }
        crate::sort::by_key(&mut n.points, |p| p.0);
        n
    }

    /// How many others (not `own`, nor `e` itself: another name of the same place is no sign
    /// of where it is) lie within `NEAR_KM` of `e`. A degree of longitude is 80 km at 44
    /// degrees of latitude, 27 km at 70: three squares either side reach that far.
    fn near(&self, e: &Entry, own: Option<&Entry>) -> usize {
        // Before the last round no points are kept.
        if self.points.is_empty() {
            return 0;
        }
        let (y, x) = cell(e);
        let mut n = 0;
        for dy in -1..=1 {
            let from = self.points.partition_point(|p| p.0 < (y + dy, x - 3));
            n += self.points[from..]
                .iter()
                .take_while(|p| p.0 <= (y + dy, x + 3))
                .filter(|&&(_, o)| {
                    !std::ptr::eq(o, e)
                        && !own.is_some_and(|own| std::ptr::eq(o, own))
                        && within_km(e, o, NEAR_KM)
                })
                .count();
        }
        n
    }

    /// How many others (not `own`) are of the kind of `e`.
    fn peers(&self, e: &Entry, own: Option<&Entry>) -> usize {
        let all = self.kinds.get(&e.kind).copied().unwrap_or(0);
        all.saturating_sub(usize::from(own.is_some_and(|o| o.kind == e.kind)))
    }

    /// The division a place counts for: a state, or a county or town in one.
    fn division(e: &Entry) -> Option<(Option<&'static str>, &'static str)> {
        let counts = matches!(e.kind, Kind::Admin1 | Kind::Admin2 | Kind::City);
        Some((e.country, e.admin1.filter(|_| counts)?))
    }

    /// How many others (not `own`) are in a country.
    fn others(&self, own: Option<&Entry>) -> usize {
        let all: usize = self.countries.values().sum();
        all.saturating_sub(usize::from(own.is_some_and(|o| o.country.is_some())))
    }

    /// How many others (not `own`, the place's own choice) are in the country of `e`.
    fn in_country(&self, e: &Entry, own: Option<&Entry>) -> usize {
        let Some(country) = e.country else {
            return 0;
        };
        let all = self.countries.get(country).copied().unwrap_or(0);
        all.saturating_sub(usize::from(own.is_some_and(|o| o.country == e.country)))
    }

    /// How many others (not `own`) are in the first-level division of `e`.
    fn in_division(&self, e: &Entry, own: Option<&Entry>) -> usize {
        let Some(admin1) = e.admin1 else {
            return 0;
        };
        let key = (e.country, admin1);
        let all = self.divisions.get(&key).copied().unwrap_or(0);
        let counted = own.and_then(Neighbours::division) == Some(key);
        all.saturating_sub(usize::from(counted))
    }
}

/// The reading's best candidate among `neighbours`, the places chosen for the others (`own` is
/// this one's own choice, counted among them).
fn best(r: &Reading, neighbours: &Neighbours, own: Option<&Entry>) -> &'static Entry {
    let mut top = r.candidates[0];
    let mut top_score = f64::NEG_INFINITY;
    for (i, &c) in r.candidates.iter().enumerate() {
        let support = r.support.get(i).copied().unwrap_or(0);
        let beside = r.beside.get(i).copied().unwrap_or(0);
        let near = r.near.get(i).copied().unwrap_or(0);
        let magnitude = r.magnitudes.get(i).copied().unwrap_or(0.0);
        let s = score(c, magnitude, r, neighbours, own)
            + weight::SUPPORT * (support.min(6) as f64)
            + weight::BESIDE * (beside.min(2) as f64)
            + weight::NEAR * (near.min(2) as f64);
        if s > top_score {
            top = c;
            top_score = s;
        }
    }
    top
}

fn score(
    e: &Entry,
    magnitude: f64,
    r: &Reading,
    neighbours: &Neighbours,
    own: Option<&Entry>,
) -> f64 {
    let mut s = magnitude
        + match e.kind {
            // A country the article has no other place in, named like a town of the state the
            // article's other places are in: "Lebanon" beside Boone County, Indiana.
            Kind::Country
                if neighbours.in_country(e, own) == 0
                    && r.candidates
                        .iter()
                        .any(|c| c.kind != Kind::Country && neighbours.in_division(c, own) > 0) =>
            {
                0.0
            }
            Kind::Country => weight::COUNTRY,
            Kind::Admin1 => weight::ADMIN1,
            Kind::Admin2 => weight::ADMIN2,
            Kind::City => 0.0,
            Kind::Region | Kind::Feature => weight::REGION,
            Kind::Continent => weight::CONTINENT,
        };
    if r.containers.iter().any(|c| e.is_within(c)) {
        s += weight::CONTAINER;
    }
    if r.dateline && e.kind == Kind::City {
        s += weight::DATELINE;
    }
    // Each other place of the article in the same country, or the same state, adds its weight,
    // up to a point: one stray mention does not move a town across the world, five do.
    if e.kind != Kind::Country {
        let same = neighbours.in_country(e, own);
        s += weight::SAME_COUNTRY * (same.min(3) as f64);
    }
    // A state holding the article's towns is the state of that name: Georgia beside Atlanta
    // is no country.
    if matches!(e.kind, Kind::City | Kind::Admin2 | Kind::Admin1) {
        let same = neighbours.in_division(e, own);
        s += weight::SAME_ADMIN1 * (same.min(3) as f64);
    }
    // A name among states is a state, among countries a country: "Oregon" in a list of states
    // is not the town in Wisconsin that the other states' towns would support.
    // A national capital's name is the capital's more often still: "Washington" among states.
    if matches!(e.kind, Kind::Country | Kind::Admin1) && !r.capital {
        s += weight::PEER * (neighbours.peers(e, own).min(4) as f64);
    }
    // Unless the article's other places are all in other countries: Dublin beside Ohio.
    // Each other town or county of the article near this one, up to two: a local story's
    // places lie together (Madison County beside Alton is Madison County, Illinois). Between
    // a town and a country or state of its name the rules above choose: Lebanon, Indiana,
    // lies near Boone County, but beside Beirut the country is meant.
    if matches!(e.kind, Kind::City | Kind::Admin2) && !r.national {
        s += weight::NEAR * (neighbours.near(e, own).min(2) as f64);
    }
    if e.capital && (neighbours.others(own) == 0 || neighbours.in_country(e, own) > 0) {
        s += weight::CAPITAL;
    }
    s
}

/// The state of a legislator's party and state written at `start`, after a comma or an opening
/// bracket: "D-N.D.", "(R-Pa.)", "D-Ohio". The tagger may cut such a state at its periods.
fn party_state(text: &str, start: usize) -> Option<Vec<&'static Entry>> {
    let before = text.get(..start)?.trim_end_matches(' ');
    if !before.ends_with([',', '(']) {
        return None;
    }
    let rest = text.get(start..)?;
    let rest = ["D-", "R-", "I-"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let end = rest.find([' ', ',', ';', ')']).unwrap_or(rest.len());
    let states: Vec<&'static Entry> = gazetteer::lookup(&rest[..end])
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Admin1)
        .collect();
    (!states.is_empty()).then_some(states)
}

/// The countries or states written after a place as its container: ", Jordan", ", La.", ", LA".
fn containers_after(text: &str, end: usize) -> Vec<&'static Entry> {
    let Some(rest) = text.get(end..) else {
        return Vec::new();
    };
    let Some(rest) = rest.trim_start_matches(' ').strip_prefix(',') else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches(' ');
    // Up to four words, the longest that names a container.
    let words: Vec<(usize, &str)> = rest
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .take(4)
        .take_while(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    for n in (1..=words.len()).rev() {
        let (start, word) = words[n - 1];
        let phrase = rest[..start + word.len()].trim_end_matches([',', ';', ':', ')']);
        // "Alexandria, La." keeps its period; "in Aqaba, Jordan." does not.
        let candidates = [phrase, phrase.trim_end_matches('.')];
        for p in candidates {
            let all = gazetteer::lookup(p);
            let found: Vec<&'static Entry> = all
                .iter()
                .copied()
                .filter(|e| matches!(e.kind, Kind::Country | Kind::Admin1))
                .collect();
            if !found.is_empty() {
                return found;
            }
            // "Pensacola, Panama City and Gainesville" is a list of towns: Panama is no container.
            if !all.is_empty() {
                return Vec::new();
            }
            if p.len() == 2 && p.bytes().all(|b| b.is_ascii_uppercase()) {
                if let Some(state) = gazetteer::division("US", p) {
                    return vec![state];
                }
            }
        }
    }
    Vec::new()
}

/// Words before "of" that call what follows by its kind: "the State of Ohio", "the City of
/// Santa Ana".
const KIND_OF: &[&str] = &[
    "State of ",
    "Commonwealth of ",
    "City of ",
    "Town of ",
    "Village of ",
    "Township of ",
    "County of ",
    "Province of ",
];

/// The places of a name as a whole, or of what follows the word for its kind: "State of Ohio" is
/// Ohio, by its whole name.
fn lookup_whole(name: &str) -> &'static [&'static Entry] {
    let found = gazetteer::lookup(name);
    if !found.is_empty() {
        return found;
    }
    KIND_OF
        .iter()
        .find_map(|kind| name.strip_prefix(kind))
        .map_or(&[], gazetteer::lookup)
}

/// The places of a name written with its container, "Washington, D.C.": the town of the name
/// inside the container, else the container.
fn lookup_inside(name: &str) -> Vec<&'static Entry> {
    let Some((town, container)) = name.rsplit_once(", ") else {
        return Vec::new();
    };
    let holders: Vec<&'static Entry> = gazetteer::lookup(container)
        .iter()
        .copied()
        .filter(|e| matches!(e.kind, Kind::Country | Kind::Admin1))
        .collect();
    if holders.is_empty() {
        return Vec::new();
    }
    let inside: Vec<&'static Entry> = lookup_whole(town)
        .iter()
        .copied()
        .filter(|e| holders.iter().any(|h| e.is_within(h)))
        .collect();
    if inside.is_empty() {
        holders
    } else {
        inside
    }
}

/// Whether the mention at `start..end` is called a state: "Washington state", "the state of
/// Washington", "the State of Ohio".
fn names_a_state(text: &str, start: usize, end: usize) -> bool {
    let mention = text.get(start..end).unwrap_or("");
    if ["State of ", "Commonwealth of "]
        .iter()
        .any(|kind| mention.starts_with(kind))
    {
        return true;
    }
    let before = text.get(..start).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    let after_word = after
        .strip_prefix(' ')
        .and_then(|rest| rest.strip_prefix("state"))
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()));
    after_word || before.ends_with("state of ") || before.ends_with("State of ")
}

/// Whether the mention at `start..end` is a dateline: the capitalized place that opens a
/// paragraph before a dash or a comma ("WASHINGTON - ", "CHARLESTON, W.Va. -"), or a sentence,
/// after the headline ("... trial. LEBANON (AP) - ").
fn is_dateline(doc: &Document, start: usize, end: usize) -> bool {
    let Some(name) = doc.text.get(start..end) else {
        return false;
    };
    // Only space between the start of its paragraph (the last to start before it) and it.
    let paragraph = doc.paragraphs.partition_point(|p| p.span.start <= start);
    let opens = paragraph
        .checked_sub(1)
        .and_then(|i| doc.paragraphs.get(i))
        .and_then(|p| doc.text.get(p.span.start..start))
        .is_some_and(|s| s.trim().is_empty());
    let shouting = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    let after = doc.text.get(end..).unwrap_or("").trim_start();
    (opens && shouting && after.starts_with(['-', '—', '–', ',', '(']))
        || opens_dateline(doc, Span::new(start, end))
}

/// Words after which a known place name is a place: "a raid in Jenin", "flew from Doha".
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "outside",
    "across",
    "around",
    "into",
    "towards",
    "toward",
    "through",
    "throughout",
    "within",
    "via",
    "visited",
    "visiting",
    "Near",
    "In",
    "From",
];

/// Place mentions the tagger missed or typed otherwise, found by the gazetteer where a place
/// name usually stands: after "in", "near", "from"...; before its container ("Aqaba, Jordan",
/// "Alexandria, La."); as the container after a place. A person or organization the tagger is
/// sure of stays one without such evidence ("Israel Katz", "Jordan said").
pub fn recognize(doc: &Document, candidates: &mut Vec<Candidate>) {
    // Surnames of the people named in full: "Clinton" after "Hillary Clinton" is her.
    let surnames: FxHashSet<&str> = candidates
        .iter()
        .filter(|c| c.kind == EntityType::Person)
        .filter_map(|c| {
            let mut words = doc.slice(c.span).split_whitespace();
            let last = words.next_back();
            // A surname only after another name.
            words.next().and(last)
        })
        .collect();
    for c in candidates.iter_mut() {
        if matches!(
            c.kind,
            EntityType::Misc | EntityType::Person | EntityType::Org
        ) && (is_place_name(doc, c, &surnames) || is_feature_name(doc.slice(c.span)))
        {
            c.kind = EntityType::Place;
        }
        // "BYESVILLE -- Firefighters ...": a dateline's town, whatever the tagger took it for.
        if c.kind != EntityType::Place && opens_dateline(doc, c.span) {
            c.kind = EntityType::Place;
        }
        // A building is an institution, not a toponym: "Fithian House", "Webb Center", "Western
        // State Hospital" (the town in "[Gainesville] Regional Hospital" is found inside it).
        if c.kind == EntityType::Place && is_building_name(doc.slice(c.span)) {
            c.kind = EntityType::Org;
        }
    }
    let known: FxHashSet<&str> = candidates
        .iter()
        .filter(|c| c.kind == EntityType::Place)
        .map(|c| doc.slice(c.span))
        .collect();
    // One sense per article: a name that is a place in one sentence is the same place where the
    // tagger took it for a person or a team ("Tbilisi says ...", "[Greer]'s city limits"), unless
    // it is the surname of someone the article names in full.
    for c in candidates.iter_mut() {
        if matches!(
            c.kind,
            EntityType::Misc | EntityType::Person | EntityType::Org
        ) {
            let text = doc.slice(c.span);
            if known.contains(text)
                && !surnames.contains(text)
                && !lexicons::is_demonym(text)
                && !gazetteer::lookup(text).is_empty()
            {
                c.kind = EntityType::Place;
            }
        }
    }
    let spans: FxHashSet<Span> = candidates.iter().map(|c| c.span).collect();
    let nested: Vec<Candidate> = candidates
        .iter()
        .filter_map(|c| embedded(doc, c, &known))
        .filter(|span| !spans.contains(span))
        .map(|span| Candidate {
            span,
            kind: EntityType::Place,
        })
        .collect();
    candidates.extend(nested);
    // A place the tagger saw in "Fargo-Moorhead" gives way to the two towns.
    let with_hyphen = hyphenated_tokens(doc);
    let mut hyphenated = hyphenated_places(doc, candidates, &with_hyphen);
    // By start, so that each candidate looks only at those that start inside it: all of them
    // for each candidate made a long text's places quadratic (10 MB as one text, 3 times slower).
    crate::sort::by_key(&mut hyphenated, |h| (h.start, h.end));
    candidates.retain(|c| {
        let first = hyphenated.partition_point(|h| h.start < c.span.start);
        c.kind != EntityType::Place
            || !hyphenated[first..]
                .iter()
                .take_while(|h| h.start < c.span.end)
                .any(|h| h.end <= c.span.end && c.span != *h)
    });
    let spans: FxHashSet<Span> = candidates.iter().map(|c| c.span).collect();
    candidates.extend(
        hyphenated
            .into_iter()
            .filter(|span| !spans.contains(span))
            .map(|span| Candidate {
                span,
                kind: EntityType::Place,
            }),
    );
    let mut named = party_hometowns(doc, &with_hyphen);
    named.extend(county_lists(doc));
    named.extend(attributive_places(doc, &with_hyphen));
    named.extend(streets(doc));
    named.extend(features_with_of(doc));
    let places: FxHashSet<Span> = candidates
        .iter()
        .filter(|c| c.kind == EntityType::Place)
        .map(|c| c.span)
        .collect();
    named.retain(|span| !places.contains(span));
    named.sort_unstable();
    named.dedup();
    // What the tagger found inside such a name gives way to it ("R-[Elbow] Lake").
    candidates.retain(|c| {
        let i = named.partition_point(|n| n.start <= c.span.start);
        named[..i].last().is_none_or(|n| c.span.end > n.end)
    });
    candidates.extend(named.into_iter().map(|span| Candidate {
        span,
        kind: EntityType::Place,
    }));
    crate::sort::by_key(candidates, |c| c.span);
    let mut covered = vec![false; doc.tokens.len()];
    for c in candidates.iter() {
        let first = doc.token_from(c.span.start);
        for k in first..doc.token_from(c.span.end) {
            if let Some(slot) = covered.get_mut(k) {
                *slot = true;
            }
        }
    }
    let capitalized = |k: usize| {
        doc.tokens[k].kind() == TokenKind::Word
            && doc
                .token_text(k)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            && !covered[k]
    };
    let mut found = Vec::new();
    for sentence in &doc.sentences {
        let mut k = sentence.tokens.start;
        while k < sentence.tokens.end {
            if !capitalized(k) {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            // A town's office ends the town's name: "[Lewisburg] Mayor John Manchester".
            while end < sentence.tokens.end
                && end - k < 4
                && capitalized(end)
                && !TOWN_OFFICES.contains(&doc.token_text(end))
            {
                end += 1;
            }
            // "Sweden's Minister": the owner is a place the tagger, which reads "'s" as a token
            // of its own, often leaves untagged when it is written as one word.
            let owner = (k..end)
                .find(|&j| is_possessive(doc.token_text(j)))
                .and_then(|j| (k..=j).find_map(|i| possessive_place(doc, i, j, &surnames)));
            if let Some(owner) = owner {
                found.push(Candidate {
                    span: owner.0,
                    kind: EntityType::Place,
                });
                k = owner.1;
                continue;
            }
            let span = Span::new(doc.tokens[k].span().start, doc.tokens[end - 1].span().end);
            let dateline = opens_dateline(doc, span);
            // "to Monroeville, Ala. An Amber Alert ...": the place may be the start of the run.
            let placed = (k + 1..=end).rev().find_map(|e| {
                let span = Span::new(doc.tokens[k].span().start, doc.tokens[e - 1].span().end);
                (!gazetteer::lookup(doc.slice(span)).is_empty() && placed_by_context(doc, span))
                    .then_some((span, e))
            });
            if let (false, Some((span, e))) = (dateline, placed) {
                found.push(Candidate {
                    span,
                    kind: EntityType::Place,
                });
                k = e;
                continue;
            }
            if dateline {
                found.push(Candidate {
                    span,
                    kind: EntityType::Place,
                });
            }
            k = end;
        }
    }
    if !found.is_empty() {
        candidates.extend(found);
        crate::sort::by_key(candidates, |c| c.span);
    }
    // "a 1992 Toyota", "their red 1991 Honda": a make of car, in every sentence of the article
    // where nothing places it ("The Toyota failed to yield", "a Toyota Camry").
    let makes = model_year_makes(doc);
    if !makes.is_empty() {
        let mut spans: Vec<Span> = candidates.iter().map(|c| c.span).collect();
        spans.sort_unstable();
        // Only a span starting at most this far before another can hold it: scanning them all for
        // each make grew with the square of one long text.
        let longest = spans.iter().map(|s| s.len()).max().unwrap_or(0);
        candidates.retain_mut(|c| {
            if c.kind != EntityType::Place
                || !makes.contains(doc.slice(c.span))
                || placed_by_context(doc, c.span)
            {
                return true;
            }
            let near = spans.partition_point(|s| s.start + longest < c.span.start)
                ..spans.partition_point(|s| s.start <= c.span.start);
            let nested = spans[near]
                .iter()
                .any(|s| s.start <= c.span.start && c.span.end <= s.end && *s != c.span);
            c.kind = EntityType::Misc;
            !nested
        });
    }
}

/// The names written after a model year and an indefinite article or a possessive ("a 2007
/// Toyota Corolla", "their red 1991 Honda"): makes of cars, not the towns of their names. A
/// year after "the" may date an event at a place ("the 2010 Haiti earthquake").
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn model_year_makes<'t>(doc: &Document<'t>) -> FxHashSet<&'t str> {
    const OWNERS: &[&str] = &[
        "a", "an", "A", "An", "his", "her", "their", "my", "our", "your", "His", "Her", "Their",
        "My", "Our", "Your",
    ];
    let mut makes = FxHashSet::default();
    for k in 1..doc.tokens.len().saturating_sub(1) {
        // A year has four bytes: most tokens are ruled out by their length, unread.
        if doc.tokens[k].span().len() != 4 {
            continue;
        }
        let year = doc.token_text(k);
        let is_year = year.bytes().all(|b| b.is_ascii_digit())
            && (year.starts_with("19") || year.starts_with("20"));
        if !is_year {
            continue;
        }
        // One adjective may come between: "their red 1991 Honda".
        let owner = OWNERS.contains(&doc.token_text(k - 1))
            || (k > 1
                && OWNERS.contains(&doc.token_text(k - 2))
                && doc.token_text(k - 1).chars().all(char::is_lowercase));
        let make = doc.token_text(k + 1);
        let make = possessive_owner(make).unwrap_or(make);
        // "a 2007 U.S. Supreme Court decision": a country or a state names no car.
        let town = gazetteer::lookup(make).iter().all(|e| e.kind == Kind::City);
        if owner
            && town
            && doc.tokens[k + 1].kind() == TokenKind::Word
            && make.chars().next().is_some_and(char::is_uppercase)
        {
            makes.insert(make);
        }
    }
    makes
}

/// Places joined by a hyphen into one word, each a place the gazetteer knows: "Egypt-US
/// relations", "the Washington-Moscow route", "University of Nebraska-Lincoln", "[Paris]-[Henry
/// County] Arts Council", "Logan-Rogersville". A compound with a part the gazetteer does not know
/// is something else: a double surname ("Webb-Lawton" is a person's name when the tagger says
/// so), a virus ("Ebola-Reston"), a demonym ("UK-Algerian"), a party and a town ("D-Charleston",
/// found as a legislator's hometown). A name the gazetteer knows whole ("Guinea-Bissau",
/// "Batesburg-Leesville") is one place.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn hyphenated_places(doc: &Document, candidates: &[Candidate], with_hyphen: &[usize]) -> Vec<Span> {
    if with_hyphen.is_empty() {
        return Vec::new();
    }
    // The tokens inside a person's name, marked once: asking every candidate at every
    // hyphenated word made a long text's places quadratic.
    let mut in_person = vec![false; doc.tokens.len()];
    for c in candidates.iter().filter(|c| c.kind == EntityType::Person) {
        let first = doc.token_from(c.span.start);
        for (token, inside) in doc.tokens[first..].iter().zip(&mut in_person[first..]) {
            if token.span().start >= c.span.end {
                break;
            }
            *inside |= token.span().end <= c.span.end;
        }
    }
    let known = |name: &str| {
        !lexicons::is_demonym(name)
            && (!gazetteer::lookup(name).is_empty() || !county_readings(name).is_empty())
    };
    let mut found = Vec::new();
    for &k in with_hyphen {
        let token = doc.tokens[k].span();
        let word = doc.token_text(k);
        if doc.tokens[k].kind() != TokenKind::Word || in_person[k] {
            continue;
        }
        let word = possessive_owner(word).unwrap_or(word);
        if !gazetteer::lookup(word).is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        let mut at = token.start;
        for part in word.split('-') {
            parts.push(Span::new(at, at + part.len()));
            at += part.len() + 1;
        }
        // The last part may go on past the word: "Paris-Henry County".
        if let (Some(last), Some(next)) = (parts.last_mut(), doc.tokens.get(k + 1)) {
            let longer = Span::new(last.start, next.span().end);
            if last.end == token.end
                && next.kind() == TokenKind::Word
                && doc.text.get(last.end..next.span().start) == Some(" ")
                && !gazetteer::lookup(doc.slice(longer)).is_empty()
            {
                *last = longer;
            }
        }
        let all_places = parts.len() > 1
            && parts.iter().all(|&p| {
                let name = doc.slice(p);
                name.chars().next().is_some_and(char::is_uppercase) && known(name)
            });
        if all_places {
            found.extend(parts);
        }
    }
    found
}

/// The place owning what follows, in a possessive written as one token ("Sweden's", "New
/// Zealand's") from token `k` to token `j`: its span and the token after it. The place must
/// be placed by the text around it or be well known ("China's Health Ministry"), and not be the
/// surname of someone the article names in full.
/// Whether `span`, opening a sentence, is a dateline's town in capitals: "DANIELSVILLE - ...",
/// "MOUNT GILEAD (AP) -- ...", "CHARLESTON, W.Va. -- ...". Local papers date their stories from
/// towns too small for the gazetteer, so the form alone says it is a place.
fn is_shouted_dateline(doc: &Document, span: Span) -> bool {
    let name = doc.slice(span);
    let shouting = !name.chars().any(char::is_lowercase)
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    if !shouting || NEWS_LABELS.contains(&name) {
        return false;
    }
    let mut after = doc.text.get(span.end..).unwrap_or("").trim_start();
    if let Some(rest) = after.strip_prefix(',') {
        // A state or country between the town and the dash: ", W.Va.", ", N.L.".
        let state = rest
            .find(|c: char| !(c.is_alphabetic() || c == '.' || c == ' '))
            .unwrap_or(rest.len());
        if state > 20 {
            return false;
        }
        after = rest.get(state..).unwrap_or("");
    }
    let after = after.trim_start();
    let after = after.strip_prefix("(AP)").map_or(after, str::trim_start);
    // "NASA - ...": a short word in capitals is an acronym, unless the gazetteer knows it (looked
    // up last: acronyms are common, dashes after them are not).
    after.starts_with(['-', '\u{2014}', '\u{2013}'])
        && (name.chars().filter(|c| c.is_alphabetic()).count() > 4
            || !gazetteer::lookup(name).is_empty())
}

/// Whether `span` is a dateline's town in capitals where a dateline stands: opening a sentence,
/// or after the date of a byline ("... Advocate Reporter March 29, 2009 PATASKALA -- ...").
fn opens_dateline(doc: &Document, span: Span) -> bool {
    // Asked of most names, which are not in capitals: ruled out before the sentences and tokens
    // are searched.
    if !is_shouted_dateline(doc, span) {
        return false;
    }
    let k = doc.token_from(span.start);
    let sentence = doc.sentences.partition_point(|s| s.tokens.start <= k);
    let opens = sentence
        .checked_sub(1)
        .and_then(|i| doc.sentences.get(i))
        .is_some_and(|s| s.tokens.start == k);
    let after_year = k > 0 && {
        let before = doc.token_text(k - 1);
        before.len() == 4
            && before.bytes().all(|b| b.is_ascii_digit())
            && (before.starts_with("19") || before.starts_with("20"))
    };
    opens || after_year
}

/// What a story may open with in capitals before a dash that is no town: "UPDATE - ...".
const NEWS_LABELS: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "CORRECTION",
    "NOTE",
    "PHOTOS",
    "PHOTO",
    "VIDEO",
    "WATCH",
    "LIVE",
    "ANALYSIS",
    "OPINION",
    "COMMENTARY",
    "REVIEW",
    "ALERT",
    "NEWS",
];

fn is_possessive(token: &str) -> bool {
    token.len() > 2 && possessive_owner(token).is_some()
}

/// The owner in a possessive written as one word: "Sweden" of "Sweden's" or "Sweden’s".
fn possessive_owner(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
}

fn possessive_place(
    doc: &Document,
    k: usize,
    j: usize,
    surnames: &FxHashSet<&str>,
) -> Option<(Span, usize)> {
    let last = doc.token_text(j);
    let stem = possessive_owner(last)?;
    if stem.is_empty() {
        return None;
    }
    let start = doc.tokens[k].span().start;
    let span = Span::new(start, doc.tokens[j].span().start + stem.len());
    let name = doc.slice(span);
    if surnames.contains(name) || lexicons::is_demonym(name) {
        return None;
    }
    let known = gazetteer::prominent(name).is_some()
        || (!gazetteer::lookup(name).is_empty() && placed_by_context(doc, span));
    known.then_some((span, j + 1))
}

/// The last words of the names of rivers, lakes, mountains and the divisions of a state: what
/// makes "Red River", "Otter Tail County" or "Pelican Lake" a place whatever the tagger says.
const FEATURE_HEADS: &[&str] = &[
    "River",
    "Lake",
    "Lakes",
    "Creek",
    "Bay",
    "Island",
    "Islands",
    "Mountain",
    "Mountains",
    "Valley",
    "Sea",
    "Ocean",
    "Canyon",
    "Peninsula",
    "Strait",
    "Desert",
    "Delta",
    "County",
    "Parish",
    "Township",
    "Borough",
    "Province",
];

/// The last words of the names of buildings and what is housed in one: "Webb Center".
const BUILDING_HEADS: &[&str] = &[
    "House",
    "Hospital",
    "Center",
    "Centre",
    "School",
    "Museum",
    "Hall",
    "Building",
    "Church",
    "Cathedral",
    "Mosque",
    "Temple",
    "Synagogue",
    "Stadium",
    "Arena",
    "Mall",
    "Library",
    "Hotel",
    "Inn",
    "Theatre",
    "Theater",
    "Clinic",
    "Academy",
    "College",
    "Prison",
    "Jail",
];

/// Whether a name of two or more words is a building's by its last word: "Fithian House".
fn is_building_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let last = words.next_back();
    words.next().is_some() && last.is_some_and(|w| BUILDING_HEADS.contains(&w))
}

/// The first words of such names: "Lake Erie", "Mount Hood", "Fort Hood".
const FEATURE_OPENERS: &[&str] = &["Lake", "Mount", "Mt.", "Fort", "Ft.", "Cape", "Isle"];

/// Whether a name of two to four capitalized words is a geographic feature's by its form:
/// "Red River", "Lake Erie", "Otter Tail County".
fn is_feature_name(name: &str) -> bool {
    let words = || name.split_whitespace();
    let (Some(first), Some(last)) = (words().next(), words().next_back()) else {
        return false;
    };
    (2..=4).contains(&words().count())
        && words().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && (FEATURE_HEADS.contains(&last) || FEATURE_OPENERS.contains(&first))
}

/// Words after a town's name that make the name an institution of the town: "[Mansfield] Police
/// Department", "[Alexandria] City Public Schools", "[Lamar County] Elections Coordinator".
const LOCAL_HEADS: &[&str] = &[
    "Police",
    "Sheriff",
    "Sheriff's",
    "Sheriff’s",
    "Fire",
    "City",
    "County",
    "Parish",
    "Mayor",
    "Council",
    "Municipal",
    "Public",
    "High",
    "Area",
    "Township",
    "Board",
    "Chamber",
    "District",
    "Regional",
    "School",
    "Schools",
    "Library",
    "Community",
    "Circuit",
    "Superior",
    "Court",
    "Town",
    "Village",
    "Borough",
    "Commission",
    "Commissioners",
    "Department",
    "Elections",
    "Health",
    "Water",
    "Housing",
    "Transit",
    "Parks",
    "Convention",
    "Visitors",
    "Museum",
    "Historical",
    "Arts",
    "Symphony",
    "Zoo",
    "Airport",
    "Port",
    "Harbor",
    "Hospital",
    "Medical",
    "Emergency",
    "Planning",
    "Economic",
    "Development",
    "State",
    "National",
    "Metropolitan",
    "Metro",
    "Memorial",
    "Senior",
    "Middle",
    "Elementary",
    "Catholic",
    "Christian",
    "Baptist",
];

/// Offices only a town has: "[Byesville] Volunteer Fire Department", "[East Bank] Mayor".
const TOWN_OFFICES: &[&str] = &[
    "Police",
    "Sheriff",
    "Sheriff's",
    "Sheriff’s",
    "Fire",
    "Volunteer",
    "Mayor",
    "Magistrates",
    "Magistrates'",
    "Magistrates’",
    "Township",
    "Borough",
    "Village",
    "Town",
];

/// Lowercase words after a town's name that make it the town: "[Roselle] police", "a [Charleston]
/// man".
const LOCALS: &[&str] = &[
    "police",
    "mayor",
    "officials",
    "man",
    "woman",
    "teen",
    "native",
];

/// Words before such an office that name no town: "State Police", "Capitol Police".
const NOT_TOWNS: &[&str] = &[
    "State",
    "National",
    "Capitol",
    "Metropolitan",
    "Metro",
    "Campus",
    "Transit",
    "Border",
    "Military",
    "Federal",
    "Secret",
    "Riot",
    "Traffic",
    "Highway",
    "County",
    "City",
    "Park",
    "Parks",
    "Tribal",
    "Port",
    "Airport",
    "Railway",
    "Royal",
    "Mounted",
    "Religious",
    "Morality",
    "Auxiliary",
    "Reserve",
    "Special",
    "Forest",
    "Deputy",
    "Assistant",
    "Former",
    "Acting",
    "Interim",
    "The",
    "A",
    "New",
    "Local",
    "Regional",
    "District",
    "Area",
    "Community",
    "Public",
];

/// Words before a place's name that name a part of it: "Western [Boone] Education Foundation".
const REGION_PARTS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Northeast",
    "Northwest",
    "Southeast",
    "Southwest",
    "Central",
    "Metro",
    "Metropolitan",
    "Greater",
    "Downtown",
    "Upper",
    "Lower",
];

/// Words after a city's name that make the whole a newspaper, not the city: "Washington Post".
const MEDIA_HEADS: &[&str] = &[
    "Post",
    "Times",
    "News",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Star",
    "Globe",
    "Chronicle",
    "Daily",
    "Examiner",
    "Sun",
    "Record",
    "Courier",
    "Observer",
    "Inquirer",
    "Dispatch",
    "Register",
    "Bee",
    "Telegraph",
    "Independent",
    "Guardian",
    "Review",
];

/// A place named inside the name of something else: the town of an institution ("[Pointe Coupee]
/// Sheriff's Office", "[China]'s Health Ministry"), the place after "of" ("University of
/// [Nebraska]") or a state or country at the end ("Education [Minnesota]"). A town's name counts
/// only before a word that makes the name a local institution, or when the article names the
/// town as a place elsewhere; "Washington Post" is a newspaper.
fn embedded(doc: &Document, c: &Candidate, known: &FxHashSet<&str>) -> Option<Span> {
    if matches!(c.kind, EntityType::Place | EntityType::Date) {
        return None;
    }
    let first = doc.token_from(c.span.start);
    let end = doc.token_from(c.span.end).min(doc.tokens.len());
    let mut start = first;
    if start < end && matches!(doc.token_text(start), "The" | "the") {
        start += 1;
    }
    // "Northeast [Georgia] Medical Center", "Metro [Nashville]": a part of the place, unless
    // the two words name one ("South Carolina", "West Bank").
    let part = start + 1 < end && REGION_PARTS.contains(&doc.token_text(start)) && {
        let two = doc.slice(Span::new(
            doc.tokens[start].span().start,
            doc.tokens[start + 1].span().end,
        ));
        let two = possessive_owner(two).unwrap_or(two);
        gazetteer::lookup(two).is_empty()
    };
    // "Metro Nashville" is Nashville; "West Java" is not Java.
    let whole_part = part && matches!(doc.token_text(start), "Metro" | "Greater" | "Downtown");
    if part {
        start += 1;
    }
    let words = start..end;
    let capitalized = |k: usize| {
        doc.tokens[k].kind() == TokenKind::Word
            && doc
                .token_text(k)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    };
    let strong = |name: &str| {
        let found = gazetteer::lookup(name);
        !found.is_empty()
            && (gazetteer::prominent(name).is_some()
                || found.iter().any(|e| e.kind == Kind::Admin2)
                || known.contains(&name))
    };
    let span_of =
        |a: usize, b: usize| Span::new(doc.tokens[a].span().start, doc.tokens[b].span().end);
    // The owner or town at the start.
    for n in (1..=4.min(words.len())).rev() {
        let last = start + n - 1;
        if !(start..=last).all(capitalized) {
            continue;
        }
        let span = span_of(start, last);
        let text = doc.slice(span);
        let (name, possessive) = match possessive_owner(text) {
            Some(owner) => (owner, true),
            None => (text, false),
        };
        if !possessive && n == words.len() && !whole_part {
            continue;
        }
        let next = (last + 1 < end).then(|| doc.token_text(last + 1));
        let local = next.is_some_and(|w| LOCAL_HEADS.contains(&w))
            || (c.kind != EntityType::Person && possessive);
        // Asked first, as the tests below only rule names out: most candidates are people's
        // names, and most of those end here.
        if c.kind == EntityType::Person && !(local || next.is_some_and(lexicons::is_title_word)) {
            continue;
        }
        if next.is_some_and(|w| MEDIA_HEADS.contains(&w)) || lexicons::is_demonym(name) {
            continue;
        }
        // "Superior Court", "Memorial Hospital": a word of an institution's name, no town.
        if LOCAL_HEADS.contains(&name) {
            continue;
        }
        let found = gazetteer::lookup(name);
        if !found.is_empty() && (local || strong(name)) {
            return Some(Span::new(span.start, span.start + name.len()));
        }
        // A town too small for the gazetteer still has a police force and a mayor. The words of
        // the name are read only before such an office: for every name, they were a fifth of
        // `recognize`.
        let town_office = next.is_some_and(|w| TOWN_OFFICES.contains(&w));
        let generic = || {
            name.split_whitespace().any(|w| {
                NOT_TOWNS.contains(&w)
                    || TOWN_OFFICES.contains(&w)
                    || LOCAL_HEADS.contains(&w)
                    || lexicons::is_org_word(w)
                    || lexicons::is_title_word(w)
            })
        };
        let given = || {
            name.split_whitespace()
                .next()
                .is_some_and(lexicons::is_given_name)
        };
        if town_office && !possessive && !generic() && !given() {
            return Some(span);
        }
    }
    if c.kind == EntityType::Person {
        return None;
    }
    // The place after "of", or a state or country at the end.
    let of = words.clone().position(|k| doc.token_text(k) == "of");
    let tail_from = match of {
        Some(i) => i + 1,
        None => words.len().saturating_sub(3).max(1),
    };
    for from in tail_from..words.len() {
        let a = start + from;
        let run = (a..end).take_while(|&k| capitalized(k)).take(4).count();
        if run == 0 {
            continue;
        }
        let b = a + run - 1;
        // "Association of Western [Pennsylvania]": a part of the place, as at the start.
        let a = if of.is_some() && a < b && REGION_PARTS.contains(&doc.token_text(a)) && {
            gazetteer::lookup(doc.slice(span_of(a, a + 1))).is_empty()
        } {
            a + 1
        } else {
            a
        };
        let found_at = |b: usize| {
            let name = doc.slice(span_of(a, b));
            let found = gazetteer::lookup(name);
            let fits = if of.is_some() {
                strong(name)
            } else {
                b + 1 == end
                    && (found
                        .iter()
                        .any(|e| matches!(e.kind, Kind::Country | Kind::Admin1))
                        || known.contains(&name))
            };
            fits.then(|| span_of(a, b))
        };
        if let Some(span) = (a..=b).rev().find_map(found_at) {
            return Some(span);
        }
        if of.is_some() {
            break;
        }
    }
    None
}

/// The counties (or parishes) a name in a list before "counties" may be.
fn county_readings(name: &str) -> Vec<&'static Entry> {
    // One buffer for both names: asked of every form of every place's name.
    let mut full = String::with_capacity(name.len() + " County".len());
    let mut out = Vec::new();
    for suffix in [" County", " Parish"] {
        full.clear();
        full.push_str(name);
        full.push_str(suffix);
        out.extend(
            (gazetteer::lookup(&full).iter())
                .copied()
                .filter(|e| e.kind == Kind::Admin2),
        );
    }
    out
}

/// The names listed before "counties" or "parishes" that name counties: "Becker", "Clay",
/// "Otter Tail" and "Wilkin" in "Becker, Clay, Otter Tail and Wilkin counties".
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn county_lists(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for (k, token) in doc.tokens.iter().enumerate() {
        // Each of the words is eight bytes long: most tokens are ruled out unread.
        if token.span().len() != 8 {
            continue;
        }
        let word = doc.slice(token.span());
        if !matches!(word, "counties" | "parishes" | "Counties" | "Parishes") {
            continue;
        }
        let mut end = k;
        loop {
            let mut start = end;
            while start > 0 && end - start < 3 && is_capitalized(doc, start - 1) {
                start -= 1;
            }
            if start == end {
                break;
            }
            let span = Span::new(
                doc.tokens[start].span().start,
                doc.tokens[end - 1].span().end,
            );
            if county_readings(doc.slice(span)).is_empty() {
                break;
            }
            out.push(span);
            let mut before = start;
            while before > 0 && matches!(doc.token_text(before - 1), "," | "and" | "&" | "or") {
                before -= 1;
            }
            if before == start {
                break;
            }
            end = before;
        }
    }
    out
}

/// Whether `span` is one of the names of a list of counties.
fn in_county_list(doc: &Document, span: Span) -> bool {
    // A list of counties is a few names long; looking further made a text of capitalized words
    // quadratic.
    const LONGEST_LIST: usize = 24;
    let mut k = doc.token_from(span.end);
    // "Indiana counties" alone are the state's counties, not Indiana County, Pennsylvania.
    let listed = doc
        .token_from(span.start)
        .checked_sub(1)
        .is_some_and(|b| matches!(doc.token_text(b), "," | "and" | "&" | "or"));
    let single = k < doc.tokens.len()
        && matches!(
            doc.token_text(k),
            "counties" | "parishes" | "Counties" | "Parishes"
        );
    if single
        && !listed
        && gazetteer::lookup(doc.slice(span))
            .iter()
            .any(|e| e.kind == Kind::Admin1)
    {
        return false;
    }
    let end = doc.tokens.len().min(k + LONGEST_LIST);
    while k < end {
        match doc.token_text(k) {
            "counties" | "parishes" | "Counties" | "Parishes" => return true,
            "," | "and" | "&" | "or" => k += 1,
            _ if is_capitalized(doc, k) => k += 1,
            _ => return false,
        }
    }
    false
}

fn is_capitalized(doc: &Document, k: usize) -> bool {
    doc.tokens[k].kind() == TokenKind::Word
        && doc
            .token_text(k)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// Words that, after a hyphen, make the name before it a place: "[Washington]-based".
const ATTRIBUTIVE: &[&str] = &[
    "based",
    "born",
    "area",
    "bound",
    "headquartered",
    "made",
    "raised",
    "registered",
    "flagged",
    "administered",
    "controlled",
    "held",
    "ruled",
    "backed",
];

/// The tokens with a hyphen in them, in order: the passes for hyphenated names look at these
/// alone. The hyphens are found in the text at once (a search for the byte, several bytes a
/// step): asking each token in each of three passes cost more than those passes' own work.
fn hyphenated_tokens(doc: &Document) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for (at, _) in doc.text.match_indices('-') {
        // The token before the first that starts after the hyphen.
        let Some(k) = doc.token_from(at + 1).checked_sub(1) else {
            continue;
        };
        if doc.tokens[k].span().end > at && out.last() != Some(&k) {
            out.push(k);
        }
    }
    out
}

/// Places named before "-based" and the like: "a [Washington]-based group", "[UK]-based".
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn attributive_places(doc: &Document, with_hyphen: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    for &k in with_hyphen {
        let token = &doc.tokens[k];
        let word = doc.slice(token.span());
        let Some((name, tail)) = word.rsplit_once('-') else {
            continue;
        };
        if !ATTRIBUTIVE.contains(&tail) || !name.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // "Los Angeles-based": the words before the token may begin the name.
        let mut start = token.span().start;
        let end = token.span().start + name.len();
        for back in 1..=2 {
            if k < back || !is_capitalized(doc, k - back) {
                break;
            }
            let from = doc.tokens[k - back].span().start;
            if !gazetteer::lookup(&doc.text[from..end]).is_empty() {
                start = from;
            }
        }
        if !gazetteer::lookup(&doc.text[start..end]).is_empty() {
            out.push(Span::new(start, end));
        }
    }
    out
}

/// A legislator's hometown after the party: "Rep. Torrey Westrom, R-[Elbow Lake],", "DFL-[Cook]".
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn party_hometowns(doc: &Document, with_hyphen: &[usize]) -> Vec<Span> {
    let mut out = Vec::new();
    for &k in with_hyphen {
        let token = &doc.tokens[k];
        let word = doc.slice(token.span());
        let Some((party, first)) = word.split_once('-') else {
            continue;
        };
        let opens = k > 0 && matches!(doc.token_text(k - 1), "," | "(");
        if !opens || !matches!(party, "R" | "D" | "I" | "DFL" | "GOP") || !is_name_word(first) {
            continue;
        }
        let start = token.span().start + party.len() + 1;
        let mut end = token.span().end;
        let mut next = k + 1;
        while next < doc.tokens.len() && next - k < 4 && is_name_word(doc.token_text(next)) {
            end = doc.tokens[next].span().end;
            next += 1;
        }
        // What closes the party and town: "R-Raleigh;", "D-Story City and Rep. ...", the
        // sentence's end, or after an abbreviation's period, "D-Calif.,".
        let closes = |t: usize| {
            t >= doc.tokens.len() || matches!(doc.token_text(t), "," | ")" | ";" | "and")
        };
        if closes(next) {
            out.push(Span::new(start, end));
        } else if doc.token_text(next) == "." {
            let abbreviation = closes(next + 1) && next + 1 < doc.tokens.len();
            out.push(Span::new(start, if abbreviation { end + 1 } else { end }));
        }
    }
    out
}

/// A word written as a name: a capital, then lowercase letters ("Elbow", "McDowell", "DeKalb";
/// not "USA" or "3M").
fn is_name_word(word: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    let mut chars = word.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_alphabetic())
}

/// Whether a name the tagger typed as a person or "other" is a place: the gazetteer knows it, and
/// either the text around it says so, or it is a well-known place (a country, a state, a county,
/// a big city) and nothing says it is a person: no given name, no surname of someone named in
/// full, no title before it, no "said" after it.
fn is_place_name(doc: &Document, c: &Candidate, surnames: &FxHashSet<&str>) -> bool {
    let text = doc.slice(c.span);
    let found = gazetteer::lookup(text);
    if found.is_empty() {
        return false;
    }
    if placed_by_context(doc, c.span) {
        return true;
    }
    let well_known =
        gazetteer::prominent(text).is_some() || found.iter().any(|e| e.kind == Kind::Admin2);
    if !well_known || lexicons::is_demonym(text) {
        return false;
    }
    if matches!(c.kind, EntityType::Misc | EntityType::Org) {
        return true;
    }
    let first_word = text.split_whitespace().next().unwrap_or("");
    let first = doc.token_from(c.span.start);
    let next = doc.token_from(c.span.end);
    let titled = first > 0 && {
        let before = doc.token_text(first - 1);
        lexicons::is_title_word(before)
            || lexicons::is_title_abbreviation(before.trim_end_matches('.'))
    };
    let says = next < doc.tokens.len() && lexicons::speech_verb(doc.token_text(next)).is_some();
    !lexicons::is_given_name(first_word) && !surnames.contains(text) && !titled && !says
}

/// Whether the text around `span` says it is a place: a locative word before it, a container
/// after it, or a place before it that it contains ("Aqaba, Jordan").
fn placed_by_context(doc: &Document, span: Span) -> bool {
    let first = doc.token_from(span.start);
    if first > 0 && LOCATIVE.contains(&doc.token_text(first - 1)) {
        return true;
    }
    if !containers_after(doc.text, span.end).is_empty() {
        return true;
    }
    // "[Roselle] police", "[Lewisburg] Mayor John Manchester", "a [Charleston] man".
    let next = doc.token_from(span.end);
    if next < doc.tokens.len() {
        let after = doc.token_text(next);
        if TOWN_OFFICES.contains(&after) || LOCALS.contains(&after) {
            return true;
        }
    }
    let before = doc.text.get(..span.start).unwrap_or("").trim_end();
    let Some(before) = before.strip_suffix(',') else {
        return false;
    };
    let previous = before.trim_end().rsplit(' ').next().unwrap_or("");
    previous.chars().next().is_some_and(char::is_uppercase)
        && !gazetteer::lookup(previous).is_empty()
        && gazetteer::lookup(doc.slice(span))
            .iter()
            .any(|e| matches!(e.kind, Kind::Country | Kind::Admin1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Mention;
    use crate::text::Span;

    /// Locates `names` as the place entities of `text` (every occurrence a mention), and returns
    /// where the first one is placed: the tagger is not under test here.
    fn place_of(text: &str, names: &[&str]) -> Place {
        let doc = Document::new(text);
        let entities: Vec<Entity> = names
            .iter()
            .enumerate()
            .map(|(id, name)| {
                let mentions: Vec<Mention> = text
                    .match_indices(name)
                    .map(|(at, _)| Mention::new(text, Span::new(at, at + name.len())))
                    .collect();
                Entity {
                    id,
                    name: (*name).to_owned(),
                    kind: EntityType::Place,
                    count: mentions.len(),
                    mentions,
                    role: None,
                    iso: None,
                }
            })
            .collect();
        locate(&doc, &entities)
            .into_iter()
            .find(|p| p.entity_id == 0)
            .unwrap_or_else(|| panic!("{} not located", names[0]))
    }

    /// Asserts that `p` lies within `degrees` of `(lat, lon)`, in latitude and in longitude.
    #[track_caller]
    fn assert_near(p: &Place, (lat, lon): (f64, f64), degrees: f64, what: &str) {
        assert!(
            (p.lat - lat).abs() < degrees && (p.lon - lon).abs() < degrees,
            "{what}: {p:?}"
        );
    }

    #[test]
    fn a_nationality_is_placed_in_its_country() {
        let a = crate::analyze(
            "Egyptian troops crossed the border on Monday. The Sudanese government protested, \
             and Muslims and Republicans marched in Cairo. Korean officials said nothing.",
        );
        let placed = |name: &str| {
            let e = a.entities.iter().find(|e| e.name == name)?;
            assert_eq!(e.kind, EntityType::Norp, "{name}");
            a.places.iter().find(|p| p.entity_id == e.id)
        };
        assert_eq!(placed("Egyptian").unwrap().country.as_deref(), Some("EG"));
        let sudan = placed("Sudanese").unwrap();
        assert_eq!(
            (sudan.name.as_str(), sudan.kind),
            ("Sudan", crate::PlaceKind::Country)
        );
        // A religion, a party, a people of two countries: nowhere.
        for name in ["Muslims", "Republicans", "Korean"] {
            assert!(placed(name).is_none(), "{name}");
        }
    }

    #[test]
    fn a_container_after_the_name_picks_the_town_inside_it() {
        let p = place_of(
            "The fire was in Alexandria, La. on Sunday.",
            &["Alexandria"],
        );
        assert_eq!(p.country.as_deref(), Some("US"));
        assert!((p.lat - 31.3).abs() < 0.5, "{p:?}");
        let p = place_of("Blinken spoke in Aqaba, Jordan.", &["Jordan"]);
        assert_eq!(p.kind, crate::PlaceKind::Country);
    }

    #[test]
    fn a_postal_code_after_the_name_is_a_us_state() {
        let p = place_of(
            "He lives in Alexandria, LA and works nearby.",
            &["Alexandria"],
        );
        assert!((p.lat - 31.3).abs() < 0.5, "{p:?}");
    }

    #[test]
    fn a_dateline_in_capitals_is_the_city() {
        let p = place_of(
            "WASHINGTON - The United States said on Tuesday it was hopeful.",
            &["WASHINGTON", "United States"],
        );
        assert_eq!(p.kind, crate::PlaceKind::City);
        assert_near(&p, (38.9, -77.0), 0.2, "");
    }

    #[test]
    fn the_state_the_article_names_picks_the_town() {
        let p = place_of(
            "Police in Paris said the fire spread. Officials in Texas, Lamar County and Dallas were warned.",
            &["Paris", "Texas", "Lamar County", "Dallas"],
        );
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    }

    /// Regression: Dublin in an Ohio paper's story went to Ireland, its capital's bonus
    /// outweighing the state the article names.
    #[test]
    fn a_capital_gives_way_where_the_article_is_in_another_country() {
        let p = place_of(
            "Dublin police said the fire spread. Officials across Ohio and Franklin County were warned.",
            &["Dublin", "Ohio", "Franklin County"],
        );
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
        let p = place_of(
            "Dublin said the talks went well. Officials in Ireland were pleased.",
            &["Dublin", "Ireland"],
        );
        assert_eq!(p.country.as_deref(), Some("IE"), "{p:?}");
    }

    /// Regression: seas and lakes the gazetteer lacked went to a place named by part of them, the
    /// Gulf of Mexico to Gulf County, Florida, Lake Ontario to the province.
    #[test]
    fn a_sea_or_lake_is_placed_on_the_water() {
        let p = place_of(
            "Oil reached the Gulf of Mexico, officials in Texas said.",
            &["Gulf of Mexico", "Texas"],
        );
        assert_near(&p, (25.0, -90.0), 1.0, "");
        assert_eq!(p.kind, crate::PlaceKind::Region);
        let p = place_of(
            "Boats on Lake Ontario near Woodstock, Ontario.",
            &["Lake Ontario", "Woodstock", "Ontario"],
        );
        assert_near(&p, (43.7, -77.9), 1.0, "");
    }

    #[test]
    fn without_context_the_biggest_place_of_the_name_wins() {
        let p = place_of("She moved to Paris last year.", &["Paris"]);
        assert_eq!(p.country.as_deref(), Some("FR"));
    }

    #[test]
    fn a_national_capital_outweighs_a_state_of_its_name() {
        let p = place_of(
            "Officials in Washington said the talks would go on.",
            &["Washington"],
        );
        assert!((p.lat - 38.9).abs() < 0.2, "{p:?}");
    }

    /// What `embedded` finds inside `name`, typed `kind`, in `text`.
    fn inside(text: &str, name: &str, kind: EntityType) -> Option<String> {
        let doc = Document::new(text);
        let at = text.find(name).expect("the name is in the text");
        let c = Candidate {
            span: Span::new(at, at + name.len()),
            kind,
        };
        embedded(&doc, &c, &FxHashSet::default()).map(|s| doc.slice(s).to_owned())
    }

    #[test]
    fn a_town_before_a_local_institution_is_a_place_inside_the_organization() {
        let text = "Officers of the Mansfield Police Department arrived.";
        let found = inside(text, "Mansfield Police Department", EntityType::Org);
        assert_eq!(found.as_deref(), Some("Mansfield"));
        let text = "The Walker County Sheriff's Office said so.";
        let found = inside(text, "Walker County Sheriff's Office", EntityType::Org);
        assert_eq!(found.as_deref(), Some("Walker County"));
    }

    /// Regression: a part of a place before it hid the place in an organization's name
    /// ("Northeast [Georgia] Medical Center", "Metro [Nashville]").
    #[test]
    fn a_place_after_a_word_for_a_part_of_it_is_inside_the_organization() {
        let cases = [
            ("Northeast Georgia Medical Center", Some("Georgia")),
            ("Metro Nashville", Some("Nashville")),
            (
                "South Carolina Department of Health",
                Some("South Carolina"),
            ),
            ("North Korea's Foreign Ministry", Some("North Korea")),
            ("West Java", None),
        ];
        for (name, place) in cases {
            let text = format!("Both were taken to {name} for treatment.");
            let found = inside(&text, name, EntityType::Org);
            assert_eq!(found.as_deref(), place, "{name}");
        }
    }

    #[test]
    fn an_owner_state_or_country_inside_an_organization_is_a_place() {
        let text = "China's Health Ministry said so.";
        let found = inside(text, "China's Health Ministry", EntityType::Org);
        assert_eq!(found.as_deref(), Some("China"));
        let text = "She studies at the University of Nebraska at Omaha.";
        let found = inside(text, "University of Nebraska", EntityType::Org);
        assert_eq!(found.as_deref(), Some("Nebraska"));
        let text = "The president of Education Minnesota was not happy.";
        let found = inside(text, "Education Minnesota", EntityType::Org);
        assert_eq!(found.as_deref(), Some("Minnesota"));
    }

    #[test]
    fn a_newspaper_named_for_its_city_holds_no_place() {
        let text = "The Washington Post reported it.";
        assert_eq!(inside(text, "Washington Post", EntityType::Org), None);
        let text = "Tom Smith said it.";
        assert_eq!(inside(text, "Tom Smith", EntityType::Person), None);
    }

    #[test]
    fn a_legislators_hometown_follows_the_party() {
        let hometowns = |text: &str| {
            let doc = Document::new(text);
            party_hometowns(&doc, &hyphenated_tokens(&doc))
        };
        let text = "Rep. Torrey Westrom, R-Elbow Lake, said so. Sen. Tom Bakk, DFL-Cook, agreed.";
        let towns: Vec<&str> = hometowns(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(towns, ["Elbow Lake", "Cook"]);
        // Regression: a list's last hometown, or one before "and", or a semicolon, was missed.
        let text = "Sen. Rich Olive, D-Story City and Rep. Ricky Moye, D-Raleigh; and Clif Moore, \
                    D-McDowell. Then R-Hardy said so.";
        let towns: Vec<&str> = hometowns(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(towns, ["Story City", "Raleigh", "McDowell"]);
    }

    #[test]
    fn the_state_all_the_places_could_share_picks_each_reading() {
        // Huntsville and Walker County are both in Alabama and in Texas; Texas settles it.
        let text =
            "Huntsville police and Walker County deputies searched the area, Texas officials said.";
        let p = place_of(text, &["Huntsville", "Walker County", "Texas"]);
        assert!((p.lat - 30.7).abs() < 0.5, "{p:?}");
    }

    #[test]
    fn a_country_lies_within_reach_of_both_conventions() {
        // China: 35 N, 105 E in the Factbook and GeoNames; the centre of its outline, near
        // Wikipedia's point, 36.6 N, 103.8 E. Halfway is within 161 km of both.
        let p = place_of("Exports from China rose.", &["China"]);
        let km = |lat: f64, lon: f64| {
            let (a, b) = (p.lat.to_radians(), lat.to_radians());
            let h = ((b - a) / 2.0).sin().powi(2)
                + a.cos()
                    * b.cos()
                    * ((lon.to_radians() - p.lon.to_radians()) / 2.0)
                        .sin()
                        .powi(2);
            2.0 * 6371.0 * h.sqrt().asin()
        };
        assert!(km(35.0, 105.0) < 161.0 && km(36.6, 103.8) < 161.0, "{p:?}");
    }

    #[test]
    fn a_country_is_placed_at_its_conventional_point() {
        // Gazetteers put Canada at 60 N, 95 W, far from the centre of its outline.
        let p = place_of("Flights to Canada resumed.", &["Canada"]);
        assert_near(&p, (60.0, -95.0), 1.0, "");
    }

    fn texts(text: &str, spans: Vec<Span>) -> Vec<&str> {
        spans.into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn names_listed_before_counties_are_counties() {
        let text = "Roads are closed in Becker, Clay, Otter Tail and Wilkin counties today.";
        let doc = Document::new(text);
        let mut found = texts(text, county_lists(&doc));
        found.sort_unstable();
        assert_eq!(found, ["Becker", "Clay", "Otter Tail", "Wilkin"]);
        let p = place_of(text, &["Clay", "Becker", "Otter Tail", "Wilkin"]);
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert!((p.lat - 46.9).abs() < 0.5, "{p:?}");
    }

    #[test]
    fn a_text_of_capitalized_words_is_no_county_list_to_its_end() {
        // Each mention looked ahead to the end of a run of capitalized words: quadratic on a
        // text of only capitalized words.
        let listed = "Clay And Becker Counties";
        assert!(in_county_list(&Document::new(listed), Span::new(0, 4)));
        let run = format!("Clay {}counties", "Talks Resume In Cairo ".repeat(10));
        assert!(!in_county_list(&Document::new(&run), Span::new(0, 4)));
    }

    #[test]
    fn hyphenated_tokens_are_those_with_a_hyphen() {
        let text = "A Washington-based group - R-Elbow Lake, and a well-to-do x-";
        let doc = Document::new(text);
        let words: Vec<&str> = (hyphenated_tokens(&doc).into_iter())
            .map(|k| doc.token_text(k))
            .collect();
        let expected: Vec<&str> = (0..doc.tokens.len())
            .map(|k| doc.token_text(k))
            .filter(|w| w.contains('-'))
            .collect();
        assert_eq!(words, expected);
        assert!(words.contains(&"well-to-do"), "{words:?}");
    }

    #[test]
    fn a_place_before_based_is_a_place() {
        let text = "A Washington-based group and a Los Angeles-based firm joined.";
        let doc = Document::new(text);
        assert_eq!(
            texts(text, attributive_places(&doc, &hyphenated_tokens(&doc))),
            ["Washington", "Los Angeles"]
        );
    }

    #[test]
    fn streets_and_highways_are_places_but_a_saint_is_not() {
        let text = "The crash on North Nokomis Street and Augusta St., near Highway 82, closed traffic to St. Louis.";
        assert_eq!(
            texts(text, streets(&Document::new(text))),
            ["North Nokomis Street", "Augusta St.", "Highway 82"]
        );
        for name in [
            "North Nokomis Street",
            "Augusta St.",
            "Highway 82",
            "State Route 9",
        ] {
            assert!(is_street(name), "{name}");
        }
        for name in ["St. Louis", "Paris", "Rhode Island", "Streetsboro", ""] {
            assert!(!is_street(name), "{name}");
        }
    }

    #[test]
    fn a_street_is_placed_in_the_article_town() {
        let text =
            "Alexandria, La. police said the fire on Dublin Road spread. Alexandria firemen came.";
        let p = place_of(text, &["Dublin Road", "Alexandria"]);
        assert!((p.lat - 31.3).abs() < 0.5, "{p:?}");
    }

    #[test]
    fn a_town_too_small_for_the_gazetteer_has_a_fire_department() {
        let text = "A spokesperson for the Byesville Volunteer Fire Department said so.";
        let found = inside(text, "Byesville Volunteer Fire Department", EntityType::Org);
        assert_eq!(found.as_deref(), Some("Byesville"));
        let text = "The State Police Department said so.";
        assert_eq!(
            inside(text, "State Police Department", EntityType::Org),
            None
        );
    }

    /// The spans `recognize` leaves typed as places in `text`, given the tagger's `tagged`.
    fn recognized(text: &str, tagged: &[(&str, EntityType)]) -> Vec<String> {
        let doc = Document::new(text);
        let mut candidates: Vec<Candidate> = tagged
            .iter()
            .flat_map(|&(name, kind)| {
                text.match_indices(name).map(move |(at, _)| Candidate {
                    span: Span::new(at, at + name.len()),
                    kind,
                })
            })
            .collect();
        recognize(&doc, &mut candidates);
        candidates
            .iter()
            .filter(|c| c.kind == EntityType::Place)
            .map(|c| doc.slice(c.span).to_owned())
            .collect()
    }

    /// Regression: "Sweden's" is one token to the tokenizer, and the tagger, trained on text
    /// where "'s" stands apart, left such owners untagged (33 countries and cities in GeoVirus).
    #[test]
    fn places_joined_by_a_hyphen_are_places() {
        let found = recognized(
            "The Washington-Moscow route reopened. Paris-Henry County Rescue Squad staff met.",
            &[("Paris-Henry County Rescue Squad", EntityType::Org)],
        );
        assert_eq!(found, ["Washington", "Moscow", "Paris", "Henry County"]);
        // A double surname, a virus and a demonym are no places.
        let found = recognized(
            "Nina Webb-Lawton said the Ebola-Reston strain worried UK-Algerian teams.",
            &[("Nina Webb-Lawton", EntityType::Person)],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    /// Regression: the tagger cut "Gulf of Mexico" at the country's name, and "Gulf" went to
    /// Gulf County, Florida.
    #[test]
    fn a_feature_named_with_of_is_one_place() {
        let found = recognized(
            "Oil reached the Gulf of Mexico and the Gulf of Alaska.",
            &[
                ("Gulf", EntityType::Place),
                ("Mexico", EntityType::Place),
                ("Alaska", EntityType::Place),
            ],
        );
        assert_eq!(found, ["Gulf of Mexico", "Gulf of Alaska"]);
    }

    #[test]
    fn a_make_of_car_after_its_model_year_is_no_place() {
        let text = "A 1992 Toyota Corolla hit a pole. The Toyota failed to yield. \
                    A 2007 U.S. Supreme Court decision stands.";
        let found = recognized(
            text,
            &[("Toyota", EntityType::Place), ("U.S.", EntityType::Place)],
        );
        assert_eq!(found, ["U.S."]);
    }

    #[test]
    fn a_word_of_an_institutions_name_is_no_town() {
        let cases = [
            ("Superior Court", None),
            ("Clarke County Superior Court", Some("Clarke County")),
        ];
        for (name, place) in cases {
            let text = format!("A judge of the {name} ruled on Monday.");
            let found = inside(&text, name, EntityType::Org);
            assert_eq!(found.as_deref(), place, "{name}");
        }
    }

    #[test]
    fn a_place_may_open_a_run_of_capitalized_words() {
        let found = recognized(
            "She made him drive to Monroeville, Ala. An Amber Alert was issued.",
            &[("Amber Alert", EntityType::Person)],
        );
        assert_eq!(found, ["Monroeville", "Ala."]);
    }

    #[test]
    fn a_place_after_of_and_a_word_for_a_part_of_it_is_inside_the_organization() {
        let cases = [
            (
                "Spina Bifida Association of Western Pennsylvania",
                Some("Pennsylvania"),
            ),
            ("United Way of Metropolitan Atlanta", Some("Atlanta")),
            ("Bank of South Carolina", Some("South Carolina")),
        ];
        for (name, place) in cases {
            let text = format!("The money went to the {name} last year.");
            let found = inside(&text, name, EntityType::Org);
            assert_eq!(found.as_deref(), place, "{name}");
        }
    }

    #[test]
    fn an_untagged_possessive_names_its_owner() {
        let found = recognized(
            "The birds died. Sweden's Minister of Agriculture said it was New Zealand\u{2019}s turn.",
            &[],
        );
        assert_eq!(found, ["Sweden", "New Zealand"]);
        let found = recognized(
            "Hillary Clinton spoke. Clinton's plan was new.",
            &[("Hillary Clinton", EntityType::Person)],
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_dateline_town_in_capitals_is_a_place_the_gazetteer_need_not_know() {
        let found = recognized(
            "Madison will dump assessors. DANIELSVILLE - Madison County commissioners voted.",
            &[],
        );
        assert_eq!(found, ["DANIELSVILLE"]);
        let found = recognized("Pay cuts. MOUNT GILEAD (AP) -- A court said no.", &[]);
        assert_eq!(found, ["MOUNT GILEAD"]);
        let found = recognized("LEWISBURG, W.Va. -- The mayor said no.", &[]);
        assert_eq!(found, ["LEWISBURG", "W.Va."]);
        let found = recognized("UPDATE - The road is open. NASA - It flew.", &[]);
        assert!(found.is_empty(), "{found:?}");
    }

    /// Regression: a dateline's town the tagger took for an organization or a person stayed one
    /// ("BYESVILLE -- Firefighters ..."), and one after a byline's date was not looked at.
    #[test]
    fn a_dateline_town_is_a_place_whatever_the_tagger_says() {
        let found = recognized(
            "Home hit by fire. BYESVILLE -- Firefighters are searching.",
            &[("BYESVILLE", EntityType::Org)],
        );
        assert_eq!(found, ["BYESVILLE"]);
        let found = recognized(
            "By Jo Limack Advocate Reporter March 29, 2009 PATASKALA -- City officials say no.",
            &[],
        );
        assert_eq!(found, ["PATASKALA"]);
        let found = recognized("It rose 12 percent in 2009 NASA -- said a report.", &[]);
        assert!(found.is_empty(), "{found:?}");
    }

    /// Regression: a town before its police or mayor, or a resident's home town, stayed what
    /// the tagger took it for ("[Roselle] police ticketed ...", "A [Hanover] man ...").
    #[test]
    fn a_town_before_its_police_or_a_resident_is_a_place() {
        let found = recognized(
            "Roselle police ticketed hundreds. A Hanover man said so. Lewisburg Mayor John \
             Manchester agreed. Ford officials did not.",
            &[("Roselle", EntityType::Misc), ("Hanover", EntityType::Org)],
        );
        assert_eq!(found, ["Roselle", "Hanover", "Lewisburg"]);
    }

    /// Regression: the tagger's places included buildings ("Fithian House", "the Webb Center",
    /// "Western State Hospital"), which no toponym corpus marks.
    #[test]
    fn a_building_is_no_place() {
        let found = recognized(
            "He moved into Fithian House near the Webb Center in Gainesville.",
            &[
                ("Fithian House", EntityType::Place),
                ("Webb Center", EntityType::Place),
                ("Gainesville", EntityType::Place),
            ],
        );
        assert_eq!(found, ["Gainesville"]);
        assert!(is_building_name("White House"));
        assert!(!is_building_name("House") && !is_building_name("Houston"));
    }

    /// Regression: a place the gazetteer lacks went to a place across the world named by a
    /// part of its name ("Nueva Ecija" to Écija, Spain; "Centennial Park" in Sydney to
    /// Centennial, Colorado); nor does such a part tell where the article's other places are.
    #[test]
    fn the_dr_congo_is_at_geonames_point_not_the_factbooks() {
        // GeoNames: 2.5 S, 23.5 E, near the centre of the outline; the Factbook: 0, 25 E.
        let p = place_of(
            "Ebola spread in the Democratic Republic of the Congo.",
            &["Democratic Republic of the Congo"],
        );
        assert!(
            (p.lat + 2.5).abs() < 0.5 && (p.lon - 23.5).abs() < 0.5,
            "{p:?}"
        );
    }

    #[test]
    fn a_town_the_gazetteer_lacks_inside_a_state_is_placed_at_the_state() {
        // No Albany in Indiana is big enough for the gazetteer: Indiana, not Albany, New York.
        let p = place_of(
            "Cases rose in Albany, Indiana, health officials said.",
            &["Albany"],
        );
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert_near(&p, (39.9, -86.3), 1.0, "");
        // The state of Georgia, not the country, for a town written inside "Georgia".
        let p = place_of("Farms near Blakely, Georgia, were tested.", &["Blakely"]);
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    }

    #[test]
    fn a_list_of_towns_holds_no_container() {
        // "Panama" opens the next town's name: Pensacola is not written inside Panama.
        let text = "It ran in Tallahassee, Pensacola, Panama City and Gainesville.";
        let end = text.find("Pensacola").map(|at| at + "Pensacola".len());
        assert!(containers_after(text, end.unwrap_or(0)).is_empty());
        let p = place_of(text, &["Pensacola"]);
        assert!((p.lon + 87.2).abs() < 0.5, "{p:?}");
    }

    #[test]
    fn a_place_called_a_state_is_the_state() {
        for text in [
            "The cow came from a Washington state farm.",
            "It was found in the state of Washington last year.",
        ] {
            let p = place_of(text, &["Washington"]);
            assert_eq!(p.kind, crate::PlaceKind::Admin, "{text}: {p:?}");
            assert!(p.lon < -115.0, "{text}: {p:?}");
        }
    }

    #[test]
    fn a_state_alone_before_counties_is_the_state() {
        // "Indiana counties" are the state's, not Indiana County, Pennsylvania.
        let text = "Boone County was near the middle of Indiana counties, Indiana officials said.";
        let p = place_of(text, &["Indiana", "Boone County"]);
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert!((p.lon + 86.3).abs() < 1.0, "Indiana, the state: {p:?}");
        let doc = Document::new(text);
        let at = text.find("Indiana").unwrap_or(0);
        assert!(!in_county_list(&doc, Span::new(at, at + "Indiana".len())));
        // In a list, a state's name is a county's: "Washington and Jefferson counties".
        let text = "Flooding hit Washington and Jefferson counties.";
        let doc = Document::new(text);
        let at = text.find("Washington").unwrap_or(0);
        assert!(in_county_list(&doc, Span::new(at, at + "Washington".len())));
    }

    #[test]
    fn a_town_near_the_articles_places_is_the_one_there() {
        // "DeKalb" is DeKalb, Illinois, the biggest place of the name, beside DeKalb County,
        // Illinois, unless North Druid Hills, some 10 km from the middle of DeKalb County,
        // Georgia, speaks for Georgia's county.
        let text = "Water main repaired in north DeKalb. A main broke in north DeKalb County \
                    by North Druid Hills Road, the county said.";
        let names = ["DeKalb", "DeKalb County", "North Druid Hills"];
        let town = place_of(text, &names);
        assert_near(&town, (33.8, -84.3), 0.5, "DeKalb County, Georgia");
    }

    #[test]
    fn two_counties_a_story_names_together_are_the_neighbours() {
        // Henry and Washington counties are neighbours in Iowa, 300 km apart in Alabama (where
        // Henry County is bigger): both names could lie in either state, so only nearness tells.
        let text = "Henry County stands to receive about $36,000 in damages for a bridge, less \
                    than Washington County got for a smaller one.";
        let county = place_of(text, &["Henry County", "Washington County"]);
        assert_near(&county, (41.0, -91.5), 0.3, "Henry County, Iowa");
    }

    #[test]
    fn a_small_town_named_only_elsewhere_is_in_the_articles_state() {
        // Plainview, Nebraska, is a town the gazetteer lacks; Plainview, New York, is not what a
        // story of Norfolk and Knox County, Nebraska, means.
        let text = "Norfolk and Plainview students met in Knox County, Nebraska, on Monday.";
        let town = place_of(text, &["Plainview", "Norfolk", "Knox County", "Nebraska"]);
        assert!(
            (town.lat - 42.0).abs() < 1.0 && (town.lon + 97.6).abs() < 1.5,
            "Plainview, Nebraska, near Norfolk: {town:?}"
        );
        // A city is no such namesake: it is in the news from afar.
        let text = "Knox County and Norfolk, Nebraska, sent a delegation to Detroit.";
        let city = place_of(text, &["Detroit", "Norfolk", "Knox County", "Nebraska"]);
        assert!((city.lat - 42.3).abs() < 0.5, "Detroit, Michigan: {city:?}");
    }

    #[test]
    fn a_bigger_town_named_only_in_another_state_is_in_a_us_storys_state() {
        // Battle Creek, Nebraska, is a village the gazetteer lacks; Battle Creek, Michigan (some
        // 52,000 people), would be written "Battle Creek, Mich." in a Nebraska paper.
        let text = "Norfolk and Battle Creek students met in Knox County, Nebraska, on Monday.";
        let town = place_of(
            text,
            &["Battle Creek", "Norfolk", "Knox County", "Nebraska"],
        );
        assert!(
            (town.lat - 42.0).abs() < 1.0 && (town.lon + 97.6).abs() < 1.5,
            "Battle Creek, Nebraska, near Norfolk: {town:?}"
        );
    }

    #[test]
    fn a_small_towns_bare_dateline_is_in_the_articles_state() {
        // Atlantic Beach, South Carolina, is a town the gazetteer lacks; Atlantic Beach,
        // Florida, would carry its state in a South Carolina paper's dateline.
        let text = "ATLANTIC BEACH - Town council met Monday.\n\nMyrtle Beach police and Horry \
                    County deputies patrol the South Carolina coast.";
        let town = place_of(
            text,
            &[
                "ATLANTIC BEACH",
                "Myrtle Beach",
                "Horry County",
                "South Carolina",
            ],
        );
        assert_near(
            &town,
            (33.8, -78.8),
            0.5,
            "Atlantic Beach, South Carolina, near Myrtle Beach",
        );
    }

    #[test]
    fn a_place_found_by_a_part_of_its_name_elsewhere_is_in_the_state_most_places_are_in() {
        // "Benning" is a neighbourhood of Washington, D.C.; the story is mostly in Georgia
        // (Fort Knox, Kentucky, is named too), where Fort Benning lies beside Columbus.
        let text = "Soldiers from Fort Benning trained in Muscogee County and Stewart County, \
                    Georgia, before they left for Fort Knox, Kentucky.";
        let fort = place_of(
            text,
            &[
                "Fort Benning",
                "Muscogee County",
                "Stewart County",
                "Georgia",
                "Fort Knox",
                "Kentucky",
            ],
        );
        assert_near(&fort, (32.4, -84.9), 0.8, "Fort Benning, Georgia");
    }

    #[test]
    fn a_particle_written_closed_up_finds_the_name_written_apart() {
        // GeoNames writes "De Soto Parish"; without it, "DeSoto" is DeSoto, Texas.
        let text = "He served on the DeSoto Parish Police Jury in Mansfield.";
        let parish = place_of(text, &["DeSoto Parish"]);
        assert_near(&parish, (32.1, -93.7), 0.3, "De Soto Parish, Louisiana");
    }

    #[test]
    fn a_town_named_often_counts_once_for_the_articles_state() {
        // Swansea, South Carolina, is a town the gazetteer lacks; named three times, Swansea,
        // Massachusetts, must not outvote Lexington County and South Carolina.
        let text = "Swansea police said the Swansea man fled Swansea for Lexington County, \
                    South Carolina.";
        let town = place_of(text, &["Swansea", "Lexington County", "South Carolina"]);
        assert_near(
            &town,
            (33.9, -81.2),
            0.5,
            "Swansea, South Carolina, in Lexington County",
        );
    }

    #[test]
    fn a_party_and_state_cut_at_its_periods_is_the_state() {
        let text = "\"Bonuses are wrong,\" said Rep. Earl Pomeroy, D-N.D. \"They must stop.\"";
        let state = place_of(text, &["D-N"]);
        assert_near(&state, (47.4, -100.5), 1.0, "North Dakota");
    }

    #[test]
    fn a_town_beside_its_county_is_the_one_in_it() {
        // Paris and Henry County could share Tennessee, Kentucky or Illinois; only in Tennessee
        // is the town in the county.
        let text = "A Paris man was arrested Friday, Henry County deputies said.";
        let town = place_of(text, &["Paris", "Henry County"]);
        assert_near(&town, (36.3, -88.3), 0.3, "Paris, Tennessee");
        let county = place_of(text, &["Henry County", "Paris"]);
        assert_near(&county, (36.3, -88.3), 0.3, "Henry County, Tennessee");
    }

    #[test]
    fn a_place_found_by_a_part_of_its_name_counts_once_for_the_country() {
        // "East Bank" is found only as "Bank" (Bānk, India); named five times, it must not make
        // India the article's country, and so it is placed at the article's town.
        let text = "East Bank council met. East Bank voters, East Bank police, East Bank \
                    schools and East Bank roads were discussed, Kanawha County officials in \
                    Charleston, West Virginia, said.";
        let names = ["East Bank", "Kanawha County", "Charleston", "West Virginia"];
        let doc = Document::new(text);
        let entities: Vec<Entity> = names
            .iter()
            .enumerate()
            .map(|(id, name)| {
                let mentions: Vec<Mention> = text
                    .match_indices(name)
                    .map(|(at, _)| Mention::new(text, Span::new(at, at + name.len())))
                    .collect();
                Entity {
                    id,
                    name: (*name).to_owned(),
                    kind: EntityType::Place,
                    count: mentions.len(),
                    mentions,
                    role: None,
                    iso: None,
                }
            })
            .collect();
        let places = locate(&doc, &entities);
        let p = places.iter().find(|p| p.entity_id == 0).expect("placed");
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    }

    #[test]
    fn a_part_of_a_name_abroad_is_no_reading() {
        let text = "Farms in Nueva Ecija and Bulacan, north of Manila, Philippines, were hit.";
        let p = place_of(text, &["Nueva Ecija", "Bulacan", "Manila", "Philippines"]);
        assert_eq!(p.country.as_deref(), Some("PH"), "{p:?}");
        let text = "A man from Tennessee Colony was found in Anderson County near Palestine, \
                    and Palestine police said so.";
        let p = place_of(text, &["Anderson County", "Tennessee Colony", "Palestine"]);
        assert!(
            p.lon < -94.0,
            "Anderson County, Texas, not Tennessee: {p:?}"
        );
    }

    /// Regression: a county named without the word went unplaced, or to a town of its name
    /// across the country ("Kanawha", "D-Raleigh" in a West Virginia story).
    #[test]
    fn a_county_may_be_named_without_the_word() {
        let text = "Delegates from Kanawha, Hardy and Raleigh met in Charleston, West Virginia, \
                    with Boone County officials.";
        let names = [
            "Kanawha",
            "West Virginia",
            "Boone County",
            "Hardy",
            "Raleigh",
        ];
        let p = place_of(text, &names);
        assert_eq!(p.name, "Kanawha County", "{p:?}");
        let raleigh = place_of(
            text,
            &["Raleigh", "West Virginia", "Boone County", "Kanawha"],
        );
        assert_eq!(raleigh.name, "Raleigh County", "{raleigh:?}");
        let alone = place_of("Flights to Raleigh were cut.", &["Raleigh"]);
        assert_eq!(alone.name, "Raleigh", "{alone:?}");
    }

    /// Regression: a name placed in one sentence stayed a person where the tagger said so in
    /// another ("Tbilisi says the separatists ...").
    #[test]
    fn a_place_in_one_sentence_is_a_place_in_all() {
        let text = "Shelling went on near Tbilisi. Tbilisi says the rebels attacked.";
        let doc = Document::new(text);
        let mut candidates = vec![
            Candidate {
                span: Span::new(22, 29),
                kind: EntityType::Place,
            },
            Candidate {
                span: Span::new(31, 38),
                kind: EntityType::Person,
            },
        ];
        recognize(&doc, &mut candidates);
        assert!(candidates.iter().all(|c| c.kind == EntityType::Place));
        let found = recognized(
            "Bill Clinton spoke in Clinton. Clinton said he was proud.",
            &[
                ("Bill Clinton", EntityType::Person),
                ("Clinton said", EntityType::Person),
            ],
        );
        assert!(!found.contains(&"Clinton said".to_owned()), "{found:?}");
    }

    #[test]
    fn a_river_a_lake_or_a_county_is_a_place_whatever_the_tagger_says() {
        for name in ["Red River", "Lake Erie", "Otter Tail County", "Mount Hood"] {
            assert!(is_feature_name(name), "{name}");
        }
        for name in [
            "River",
            "Red river",
            "Lake",
            "Tampa Bay Buccaneers Stadium Fund",
        ] {
            assert!(!is_feature_name(name), "{name}");
        }
        let found = recognized(
            "The Red River will crest at 40 feet.",
            &[("Red River", EntityType::Org)],
        );
        assert_eq!(found, ["Red River"]);
    }

    /// Regression: "Rift Valley", "Salinas Valley" were the town of Valley, Alabama.
    #[test]
    fn a_valley_is_not_the_town_named_by_its_last_word() {
        assert!(lookup_within("Salinas Valley")
            .iter()
            .all(|e| e.name != "Valley"));
    }

    /// Regression: the gazetteer's "ACT" (the Australian Capital Territory) was found in "the
    /// Clean Air Act".
    #[test]
    fn a_name_the_gazetteer_writes_in_capitals_needs_capitals_in_the_text() {
        assert!(gazetteer::lookup("Act")
            .iter()
            .all(|e| e.country != Some("AU")));
        assert!(gazetteer::lookup("ACT")
            .iter()
            .any(|e| e.country == Some("AU")));
    }

    #[test]
    fn a_place_the_gazetteer_lacks_is_placed_at_the_article_town() {
        let text =
            "Cottonport police said the fire spread to Alexandria, La. Alexandria firemen came.";
        let p = place_of(text, &["Cottonport", "Alexandria"]);
        assert_near(&p, (31.3, -92.4), 0.5, "");
    }

    /// Regression: "California" in a list of states was California, Pennsylvania, the other
    /// states' towns in Pennsylvania supporting it.
    #[test]
    fn a_name_among_states_is_a_state() {
        let p = place_of(
            "Troops from California, Texas and Ohio came home to Pittsburgh and Philadelphia.",
            &["California", "Texas", "Ohio", "Pittsburgh", "Philadelphia"],
        );
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert!(p.lon < -115.0, "{p:?}");
    }

    #[test]
    fn an_english_county_is_in_england() {
        let p = place_of(
            "Bird flu was found in Suffolk, officials in England said.",
            &["Suffolk", "England"],
        );
        assert_eq!(p.country.as_deref(), Some("GB"), "{p:?}");
    }

    #[test]
    fn a_name_written_twice_is_not_beside_itself() {
        // Arlington, Virginia, lies in Arlington County: "ARLINGTON" is no county beside
        // "Arlington", and the bigger Arlington, Texas, stays the likelier.
        let p = place_of(
            "ARLINGTON schools closed on Monday. Arlington police said the roads were icy.",
            &["Arlington", "ARLINGTON"],
        );
        assert_eq!(p.lat.round(), 33.0, "{p:?}");
    }

    #[test]
    fn an_irish_county_is_in_ireland() {
        // Not Mayo, Maryland, nor Clare, Michigan; Tipperary is the county around the town,
        // which the gazetteer lacks.
        for (text, name) in [
            (
                "Mayo County Council approved the houses in Kiltimagh.",
                "Mayo",
            ),
            ("Hurling fans from Clare travelled to the final.", "Clare"),
            (
                "Five men appeared before Tipperary District Court.",
                "Tipperary",
            ),
        ] {
            let p = place_of(text, &[name]);
            assert_eq!(p.country.as_deref(), Some("IE"), "{p:?}");
        }
    }

    #[test]
    fn a_state_with_the_articles_towns_in_it_is_the_state() {
        // Atlanta is in the state of Georgia: the state, not the country of the same name.
        let text = "Rain fell across north Georgia on Tuesday, and Atlanta got an inch.";
        let p = place_of(text, &["Georgia", "Atlanta"]);
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
    }

    #[test]
    fn the_state_of_a_name_is_the_place_by_its_whole_name() {
        // "State of Ohio" is Ohio, and says where the article is: Dublin, Ohio.
        let text = "Groups in Dublin must be registered with the State of Ohio, the council said.";
        let p = place_of(text, &["State of Ohio", "Dublin"]);
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert!((p.lon + 82.8).abs() < 1.0, "Ohio: {p:?}");
        let p = place_of(text, &["Dublin", "State of Ohio"]);
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    }

    #[test]
    fn a_town_the_gazetteer_lacks_inside_a_state_is_in_that_state() {
        // No Seville in Ohio is in the gazetteer: Ohio, not the article's town in Tennessee (nor
        // Seville, Spain).
        let text = "A man from Seville, Ohio, died on Sunday, Knoxville police said. Knoxville \
                    officers found him.";
        let p = place_of(text, &["Seville", "Knoxville"]);
        assert_eq!(p.kind, crate::PlaceKind::Admin, "{p:?}");
        assert!((p.lon + 82.8).abs() < 1.0, "Ohio: {p:?}");
        // The article's own town in that state is likelier still than the middle of it.
        let text = "Crews from Maineville, Ohio, helped Cincinnati firefighters. Cincinnati \
                    thanked them.";
        let p = place_of(text, &["Maineville", "Cincinnati"]);
        assert_near(&p, (39.1, -84.5), 0.3, "");
    }

    #[test]
    fn a_name_in_capitals_and_in_small_letters_is_one_place() {
        // The headline's "Ridge Farm" is the dateline's, written inside Illinois.
        let text = "Mine near Ridge Farm to close.\n\nRIDGE FARM, Ill. (AP) - The company said \
                    on Monday that the mine would close.";
        let p = place_of(text, &["Ridge Farm", "RIDGE FARM"]);
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
        assert!((p.lon + 89.2).abs() < 1.5, "Illinois: {p:?}");
    }

    #[test]
    fn a_dateline_after_the_headline_is_a_town() {
        // "LEBANON (AP) -" opens a sentence, not the paragraph: still a dateline, and a town.
        let text = "Ohio council passes budget. LEBANON (AP) - The city council voted on Monday \
                    to pass the budget.";
        let p = place_of(text, &["LEBANON", "Ohio"]);
        assert_eq!(p.kind, crate::PlaceKind::City, "{p:?}");
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    }

    #[test]
    fn a_place_the_gazetteer_lacks_is_in_the_articles_state() {
        // The article is about Iowa: Elmvale, which the gazetteer lacks, is placed in the Iowa
        // county it names, not at the town of Tacoma in Washington state.
        let text = "Crews cleared roads near Elmvale on Monday. Iowa officials said Iowa crews \
                    and Polk County workers helped, and a truck came from Tacoma.";
        let p = place_of(text, &["Elmvale", "Iowa", "Polk County", "Tacoma"]);
        assert!((p.lon + 93.6).abs() < 2.0, "in Iowa: {p:?}");
    }

    #[test]
    fn a_town_written_with_its_container_is_the_town_inside_it() {
        // "Washington, D.C." is the city, not Washington state among other states.
        let text = "The rally in Washington, D.C., drew buses from Texas and North Carolina.";
        let p = place_of(text, &["Washington, D.C.", "Texas", "North Carolina"]);
        assert_eq!(p.kind, crate::PlaceKind::City, "{p:?}");
        assert_near(&p, (38.9, -77.0), 0.3, "");
    }

    #[test]
    fn a_place_found_by_a_part_of_its_name_is_in_the_state_of_the_articles_places() {
        // "Jerome Township" is found only as Jerome, Idaho; in a story whose places are all in
        // Ohio it is a township of Ohio the gazetteer lacks, at the article's town.
        let names = ["Jerome Township", "Columbus", "Ohio", "Franklin County"];
        let text = "Jerome Township trustees met Tuesday in Columbus, Ohio. Columbus police \
                    and Franklin County deputies attended.";
        let p = place_of(text, &names);
        assert!((p.lon + 83.0).abs() < 1.0, "{p:?}");
        // Where the article names another state too, the part's reading stands.
        let names = ["Jerome Township", "Columbus", "Ohio", "Twin Falls", "Idaho"];
        let text = "Jerome Township trustees met in Columbus, Ohio, and in Twin Falls, Idaho.";
        let p = place_of(text, &names);
        assert!((p.lon + 114.5).abs() < 1.0, "{p:?}");
    }

    #[test]
    fn a_country_named_like_a_town_of_the_articles_state_is_the_town() {
        // Lebanon, Indiana, is Boone County's seat: beside Boone County, and with no other
        // place of the article in the country of Lebanon, the town is meant.
        let names = ["Lebanon", "Boone County"];
        let text = "Lebanon firefighters and Boone County deputies answered the call, the \
                    mayor of Lebanon said.";
        let p = place_of(text, &names);
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
        // Beside a place of its own region, the country stands.
        let names = ["Lebanon", "Boone County", "Beirut"];
        let text = "Lebanon and Boone County deputies, Beirut said.";
        let p = place_of(text, &names);
        assert_eq!(p.country.as_deref(), Some("LB"), "{p:?}");
    }
}
