//! Geocoding: each place entity located on the globe, choosing among the places of its name.
//!
//! A reading's score adds up what speaks for it: how big and how prominent the place is (its
//! population, and its kind: a country before a state before a town of the same size), an explicit
//! container written after the name ("Aqaba, Jordan", "Alexandria, La."), a dateline (a city), and
//! the other places of the article: a reading in a country or state the article is about is the
//! likelier one (Paris in a story about Lamar County, Texas, is Paris, Texas).

use std::collections::{HashMap, HashSet};

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
    /// A national capital is in the news more than its size says.
    pub const CAPITAL: f64 = 2.5;
}

/// A place entity with what the text says about it.
struct Reading<'a> {
    entity: &'a Entity,
    candidates: Vec<&'static Entry>,
    /// Places written as its container: "Jordan" in "Aqaba, Jordan".
    containers: Vec<&'static Entry>,
    dateline: bool,
}

/// Locates every place entity the gazetteer knows, in the order of `entities`.
pub fn locate(doc: &Document, entities: &[Entity]) -> Vec<Place> {
    let readings: Vec<Reading> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Place)
        .filter_map(|entity| {
            let mut candidates: Vec<&'static Entry> = Vec::new();
            for name in std::iter::once(entity.name.as_str())
                .chain(entity.mentions.iter().map(|m| m.text.as_str()))
            {
                for e in lookup_within(name) {
                    if !candidates.iter().any(|c| std::ptr::eq(*c, e)) {
                        candidates.push(e);
                    }
                }
            }
            if candidates.is_empty() {
                return None;
            }
            let containers = entity
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
                containers,
                dateline,
            })
        })
        .collect();
    // First each on its own, then each in the light of where the others are, twice: a county
    // placed by its state in the second round places the town beside it in the third.
    let mut chosen: Vec<&'static Entry> = readings
        .iter()
        .map(|r| best(r, &Neighbours::default(), None))
        .collect();
    for _ in 0..2 {
        let neighbours = Neighbours::of(&chosen);
        chosen = readings
            .iter()
            .zip(&chosen)
            .map(|(r, &own)| best(r, &neighbours, Some(own)))
            .collect();
    }
    readings
        .iter()
        .zip(chosen)
        .map(|(r, chosen)| Place {
            entity_id: r.entity.id,
            name: chosen.name.to_owned(),
            lat: chosen.lat,
            lon: chosen.lon,
            country: chosen.country.map(str::to_owned),
            kind: chosen.kind.place_kind(),
        })
        .collect()
}

/// The places a place name may be: those of the whole name, or else of the place it is built on:
/// the owner in "Wichita's Wesley Medical Center", the head in "Pakistan-administered Kashmir"
/// (the last words that name a place), or the first words ("Gaza Strip border").
fn lookup_within(name: &str) -> Vec<&'static Entry> {
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
        if tail.chars().next().is_some_and(char::is_uppercase) {
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
    Vec::new()
}

/// The likeliest reading, given the places the rest of the article is about.
/// How many of the places chosen so far lie in each country, and in each first-level division.
#[derive(Default)]
struct Neighbours {
    countries: HashMap<&'static str, usize>,
    divisions: HashMap<(Option<&'static str>, &'static str), usize>,
}

impl Neighbours {
    fn of(chosen: &[&'static Entry]) -> Neighbours {
        let mut n = Neighbours::default();
        for e in chosen {
            if let Some(country) = e.country {
                *n.countries.entry(country).or_default() += 1;
            }
            if let Some(division) = Neighbours::division(e) {
                *n.divisions.entry(division).or_default() += 1;
            }
        }
        n
    }

    /// The division a place counts for: a state, or a county or town in one.
    fn division(e: &Entry) -> Option<(Option<&'static str>, &'static str)> {
        let counts = matches!(e.kind, Kind::Admin1 | Kind::Admin2 | Kind::City);
        Some((e.country, e.admin1.filter(|_| counts)?))
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
    for &c in &r.candidates {
        let s = score(c, r, neighbours, own);
        if s > top_score {
            top = c;
            top_score = s;
        }
    }
    top
}

fn score(e: &Entry, r: &Reading, neighbours: &Neighbours, own: Option<&Entry>) -> f64 {
    let mut s = (e.population as f64 + 1.0).log10()
        + match e.kind {
            Kind::Country => weight::COUNTRY,
            Kind::Admin1 => weight::ADMIN1,
            Kind::Admin2 => weight::ADMIN2,
            Kind::City => 0.0,
            Kind::Region => weight::REGION,
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
    if matches!(e.kind, Kind::City | Kind::Admin2) {
        let same = neighbours.in_division(e, own);
        s += weight::SAME_ADMIN1 * (same.min(3) as f64);
    }
    if e.capital {
        s += weight::CAPITAL;
    }
    s
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
            let found: Vec<&'static Entry> = gazetteer::lookup(p)
                .into_iter()
                .filter(|e| matches!(e.kind, Kind::Country | Kind::Admin1))
                .collect();
            if !found.is_empty() {
                return found;
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

/// Whether the mention at `start..end` is a dateline: the capitalized place that opens a
/// paragraph before a dash or a comma ("WASHINGTON - ", "CHARLESTON, W.Va. -").
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
    opens && shouting && after.starts_with(['-', '—', '–', ',', '('])
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
    let surnames: HashSet<&str> = candidates
        .iter()
        .filter(|c| c.kind == EntityType::Person)
        .filter_map(|c| {
            let words: Vec<&str> = doc.slice(c.span).split_whitespace().collect();
            (words.len() > 1).then(|| words.last().copied()).flatten()
        })
        .collect();
    for c in candidates.iter_mut() {
        if matches!(c.kind, EntityType::Misc | EntityType::Person)
            && is_place_name(doc, c, &surnames)
        {
            c.kind = EntityType::Place;
        }
    }
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
        doc.tokens[k].kind == TokenKind::Word
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
            while end < sentence.tokens.end && end - k < 4 && capitalized(end) {
                end += 1;
            }
            let span = Span::new(doc.tokens[k].span.start, doc.tokens[end - 1].span.end);
            if !gazetteer::lookup(doc.slice(span)).is_empty() && placed_by_context(doc, span) {
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
        candidates.sort_by_key(|c| c.span);
    }
}

/// Whether a name the tagger typed as a person or "other" is a place: the gazetteer knows it, and
/// either the text around it says so, or it is a well-known place (a country, a state, a county,
/// a big city) and nothing says it is a person: no given name, no surname of someone named in
/// full, no title before it, no "said" after it.
fn is_place_name(doc: &Document, c: &Candidate, surnames: &HashSet<&str>) -> bool {
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
    if c.kind == EntityType::Misc {
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
            .map(|(id, name)| Entity {
                id,
                name: (*name).to_owned(),
                kind: EntityType::Place,
                mentions: text
                    .match_indices(name)
                    .map(|(at, _)| Mention::new(text, Span::new(at, at + name.len())))
                    .collect(),
                count: 0,
                role: None,
                iso: None,
            })
            .collect();
        locate(&doc, &entities)
            .into_iter()
            .find(|p| p.entity_id == 0)
            .unwrap_or_else(|| panic!("{} not located", names[0]))
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
        assert!(
            (p.lat - 38.9).abs() < 0.2 && (p.lon + 77.0).abs() < 0.2,
            "{p:?}"
        );
    }

    #[test]
    fn the_state_the_article_names_picks_the_town() {
        let p = place_of(
            "Police in Paris said the fire spread. Officials in Texas, Lamar County and Dallas were warned.",
            &["Paris", "Texas", "Lamar County", "Dallas"],
        );
        assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
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
}
