//! From mentions to entities: the mentions of one thing grouped under its fullest name.
//!
//! What joins two mentions: the same name; a surname alone after (or before) the full name
//! ("Miller", "Matthew Miller"); an acronym and the name it abbreviates ("UN", "U.N.", "United
//! Nations", or any "Food and Agriculture Organization (FAO)"); two names of one place in the
//! gazetteer ("US", "U.S.", "the United States"); and a definite description after the thing it
//! describes ("the department" after "the State Department", "the secretary" after Secretary of
//! State Antony Blinken). People carry the role the article gives them, before or after the
//! name; entities are ordered by salience.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use crate::analysis::{Entity, EntityType, Mention};
use crate::text::{Document, Span, TokenKind};
use crate::{gazetteer, lexicons};

/// A typed stretch of text that names something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub span: Span,
    pub kind: EntityType,
}

/// The entities of a document, and where each mention points.
#[derive(Debug, Default)]
pub struct Entities {
    pub list: Vec<Entity>,
    /// Every mention's span with the id of its entity, in text order; a mention nested inside
    /// another (a place inside an organization's name) only in its entity's list.
    pub mentions: Vec<(Span, usize)>,
}

impl Entities {
    pub fn get(&self, id: usize) -> Option<&Entity> {
        // Ids are positions in the list as `resolve` makes it; a scan only for a list reordered
        // since (a scan for every lookup is quadratic in long texts).
        self.list
            .get(id)
            .filter(|e| e.id == id)
            .or_else(|| self.list.iter().find(|e| e.id == id))
    }

    /// The entity mentions that lie inside `span`, in text order.
    pub fn within(&self, span: Span) -> impl Iterator<Item = (Span, usize)> + '_ {
        let first = self.mentions.partition_point(|(s, _)| s.start < span.start);
        self.mentions[first..]
            .iter()
            .take_while(move |(s, _)| s.end <= span.end)
            .copied()
    }
}

/// A name's form for comparing: spaces collapsed, a possessive and the dots of an acronym gone
/// ("U.N.'s" is "UN").
fn normalized(text: &str) -> Cow<'_, str> {
    // Asked of every mention, and more than once: no searcher built for each pattern, no
    // intermediate vector of words.
    let text = trim_start_all(
        trim_start_all(trim_end_all(trim_end_all(text, "'s"), "’s"), "the "),
        "The ",
    );
    let mut joined = spaces_collapsed(text);
    if is_acronym(&joined) && joined.contains('.') {
        joined.to_mut().retain(|c| c != '.');
    }
    joined
}

/// The words of `text` with one space between them: `text` itself when it has them so already,
/// as nearly every name has (a copy of each was a tenth of grouping the mentions).
fn spaces_collapsed(text: &str) -> Cow<'_, str> {
    if single_spaced(text) {
        return Cow::Borrowed(text);
    }
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    Cow::Owned(joined)
}

/// Whether `text` is words with one space between them, none before or after. Read a byte at a
/// time: past ASCII, only a char led by one of the bytes that lead a white space's UTF-8 (U+0085,
/// U+00A0, U+1680, U+2000-U+205F, U+3000) is decoded.
fn single_spaced(text: &str) -> bool {
    let mut after_space = true;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        after_space = match b {
            b' ' if after_space => return false,
            b' ' => true,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1..=0xE3 if text[i..].starts_with(char::is_whitespace) => return false,
            _ => false,
        };
    }
    !after_space || text.is_empty()
}

/// `text` without any number of `suffix` at its end, as `trim_end_matches` but comparing only the
/// end (with a `&str` pattern, `trim_end_matches` first builds a substring searcher).
fn trim_end_all<'a>(mut text: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = text.strip_suffix(suffix) {
        text = rest;
    }
    text
}

/// `text` without any number of `prefix` at its start.
fn trim_start_all<'a>(mut text: &'a str, prefix: &str) -> &'a str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

/// Whether `text` is an acronym: two to six capitals, with or without dots ("UN", "U.N.").
fn is_acronym(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        match c {
            '.' => {}
            c if c.is_ascii_uppercase() => letters += 1,
            _ => return false,
        }
    }
    (2..=6).contains(&letters)
}

/// The letters of an acronym ("UN" for "UN" or "U.N."), if `text` is one.
fn acronym(text: &str) -> Option<String> {
    is_acronym(text).then(|| text.chars().filter(|&c| c != '.').collect())
}

/// The initials of a name of several words, small words skipped: "United Nations" is "UN",
/// "Food and Agriculture Organization" "FAO".
fn initials(name: &str) -> Option<String> {
    let words = || {
        (name.split_whitespace())
            .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "on" | "in" | "&"))
    };
    words().nth(1)?;
    words()
        .map(|w| w.chars().next().filter(char::is_ascii_uppercase))
        .collect()
}

/// What a mention is grouped by: most often a stretch of the text itself, not copied.
fn key(text: &str, kind: EntityType) -> Cow<'_, str> {
    if kind == EntityType::Place {
        if let Some(entry) = gazetteer::lookup(text).first() {
            // Joined by hand: `format!` cost several times as much.
            let country = entry.country.unwrap_or("-");
            let mut key = String::with_capacity(entry.name.len() + 1 + country.len());
            key.push_str(entry.name);
            key.push('|');
            key.push_str(country);
            return Cow::Owned(key);
        }
    }
    normalized(text)
}

/// Groups candidate mentions into entities, ids in order of first mention.
pub fn resolve(doc: &Document, candidates: &[Candidate]) -> Entities {
    let mut sorted = candidates.to_vec();
    crate::sort::by_key(&mut sorted, |c| c.span);
    harmonize(doc, &mut sorted);
    // Who the short forms may stand for: people's full names by surname, long names by initials.
    let mut by_surname: FxHashMap<String, &str> = FxHashMap::default();
    let mut by_initials: FxHashMap<String, (&str, EntityType)> = FxHashMap::default();
    for c in &sorted {
        let text = doc.slice(c.span);
        let bare = bare_name(text).0;
        if c.kind == EntityType::Person && bare.contains(' ') {
            // "Bruce Springsteen’s" gives the surname "Springsteen"; "Mr. Trump" gives none.
            if let Some(last) = normalized(bare).split_whitespace().last() {
                by_surname.entry(last.to_owned()).or_insert(bare);
            }
        }
        if matches!(
            c.kind,
            EntityType::Org | EntityType::Misc | EntityType::Place
        ) {
            if let Some(letters) = initials(text) {
                by_initials.entry(letters).or_insert((text, c.kind));
            }
        }
    }
    for (name, letters) in defined_acronyms(doc, &sorted) {
        by_initials.insert(letters, name);
    }

    let mut groups: FxHashMap<(Cow<str>, EntityType), usize> = FxHashMap::default();
    let mut list: Vec<Entity> = Vec::new();
    let mut mentions = Vec::new();
    for c in &sorted {
        let text = doc.slice(c.span);
        // A person by the name without titles ("Trump" for "Mr. Trump").
        let bare = bare_name(text).0;
        let named = if c.kind == EntityType::Person {
            bare
        } else {
            text
        };
        let (mut k, mut kind) = (key(named, c.kind), c.kind);
        // A lone surname is the person named in full earlier, even where the tagger took it for
        // an organization or another name.
        // A town may share a surname ("Clinton"); a country or a state is itself.
        let big_place = || {
            gazetteer::lookup(bare)
                .first()
                .is_some_and(|e| !matches!(e.kind, gazetteer::Kind::City | gazetteer::Kind::Admin2))
        };
        let surname_like = c.kind == EntityType::Person
            || matches!(c.kind, EntityType::Org | EntityType::Misc) && !is_acronym(text)
            || c.kind == EntityType::Place && !big_place();
        if surname_like && !bare.contains(' ') {
            if let Some(full) = by_surname.get(normalized(bare).as_ref()) {
                kind = EntityType::Person;
                k = key(full, kind);
            }
        }
        if let Some((full, full_kind)) = acronym(text).and_then(|a| by_initials.get(&a)) {
            if matches!(
                c.kind,
                EntityType::Org | EntityType::Misc | EntityType::Place
            ) {
                kind = *full_kind;
                k = key(full, kind);
            }
        }
        // An acronym is one thing whatever the tagger called it each time ("U.N." an
        // organization, "UN" a place).
        if is_acronym(text) && !groups.contains_key(&(k.clone(), kind)) {
            if let Some(other) = [EntityType::Org, EntityType::Place, EntityType::Misc]
                .into_iter()
                .find(|other| groups.contains_key(&(k.clone(), *other)))
            {
                kind = other;
            }
        }
        let id = *groups.entry((k, kind)).or_insert_with(|| {
            list.push(Entity {
                id: list.len(),
                name: String::new(),
                kind,
                mentions: Vec::new(),
                count: 0,
                role: None,
                iso: None,
            });
            list.len() - 1
        });
        list[id].mentions.push(Mention::new(doc.text, c.span));
        mentions.push((c.span, id));
    }
    for (span, id) in descriptions(doc, &list, &mentions) {
        list[id].mentions.push(Mention::new(doc.text, span));
        mentions.push((span, id));
    }
    // A place named inside an organization's name ("[Rapides Parish] Fire District") is the
    // place's mention, but the text there names the organization: who speaks, who is meant.
    crate::sort::by_key(&mut mentions, |&(span, _)| {
        (span.start, std::cmp::Reverse(span.end))
    });
    let mut reach: Option<Span> = None;
    mentions.retain(|&(span, _)| {
        let nested = reach.is_some_and(|r| r != span && span.end <= r.end);
        if reach.is_none_or(|r| span.end > r.end) {
            reach = Some(span);
        }
        !nested
    });
    crate::sort::by_key(&mut mentions, |&(span, _)| span);
    for entity in &mut list {
        crate::sort::by_key(&mut entity.mentions, |m| m.start);
        entity.count = entity.mentions.len();
        entity.name = canonical(entity);
        if entity.kind == EntityType::Person {
            entity.role = entity.mentions.iter().find_map(|m| {
                let span = Span::new(m.start, m.end);
                role_before(doc, span).or_else(|| role_after(doc, span))
            });
        }
    }
    Entities { list, mentions }
}

/// A name without the titles before it: "Mr. Trump" is "Trump".
fn bare_name(text: &str) -> (&str, bool) {
    let mut rest = text.trim();
    let mut titled = false;
    // The first space found among the bytes: asked of each mention several times, a search for
    // the character cost more than the rest of this.
    while let Some(space) = rest.bytes().position(|b| b == b' ') {
        let (first, after) = (&rest[..space], &rest[space + 1..]);
        if !lexicons::is_title_abbreviation(first.trim_end_matches('.')) || first == "of" {
            break;
        }
        titled = true;
        rest = after.trim_start();
    }
    (rest, titled)
}

/// The tagger labels each mention on its own, so one name can come out a person in one sentence
/// and an organization in the next ("Trump", "Wells Fargo"). One name is one thing: each mention
/// takes the type most mentions of the name have, a title before it ("Mr.", "Sen.") making it a
/// person. A title alone ("Sens.") names nobody.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn harmonize(doc: &Document, sorted: &mut Vec<Candidate>) {
    sorted.retain(|c| {
        let written = doc.slice(c.span);
        // "Ky." after "Louisville," is the state, though "Ky." never ends a sentence.
        let state = || {
            gazetteer::lookup(written)
                .iter()
                .any(|e| e.kind == gazetteer::Kind::Admin1)
        };
        c.kind == EntityType::Date
            || !lexicons::is_title_abbreviation(written.trim_end_matches('.'))
            || c.kind == EntityType::Place && state()
    });
    // Each name's votes by type, and which of them each candidate's name has (none for a date):
    // the second pass reads them without naming the mention again.
    let mut names: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    let mut votes: Vec<[usize; 5]> = Vec::new();
    let mut voted: Vec<Option<usize>> = Vec::with_capacity(sorted.len());
    let slot = |kind| match kind {
        EntityType::Person => Some(0),
        EntityType::Org => Some(1),
        EntityType::Place => Some(2),
        EntityType::Norp => Some(3),
        EntityType::Misc => Some(4),
        EntityType::Date => None,
    };
    const KINDS: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Place,
        EntityType::Norp,
        EntityType::Misc,
    ];
    for c in sorted.iter_mut() {
        let written = doc.slice(c.span);
        let (name, titled) = bare_name(written);
        // "St." before a place is a town's ("St. Petersburg", "St. Cloud"), not a saint's title.
        let saint = (written.bytes().position(|b| b == b' '))
            .is_some_and(|space| written[..space].trim_end_matches('.') == "St");
        let titled = titled && !(saint && c.kind == EntityType::Place);
        if titled && c.kind != EntityType::Date {
            c.kind = EntityType::Person;
        }
        voted.push(slot(c.kind).map(|i| {
            let n = *names.entry(normalized(name)).or_insert_with(|| {
                votes.push([0; 5]);
                votes.len() - 1
            });
            votes[n][i] += if titled { 3 } else { 1 };
            n
        }));
    }
    for (c, n) in sorted.iter_mut().zip(voted) {
        let Some(counts) = n.and_then(|n| votes.get(n)) else {
            continue;
        };
        let Some(best) = (0..5).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))) else {
            continue;
        };
        // A tie keeps the tagger's word.
        let unique = counts.iter().filter(|&&n| n == counts[best]).count() == 1;
        if unique {
            c.kind = KINDS[best];
        }
    }
}

/// Acronyms the article defines in parentheses after the name: "Reston ebolavirus (ERV)". A
/// dateline's wire service ("WASHINGTON (AP)", "Sept. 28 (UPI)") is not one: a date or a name in
/// capitals defines nothing, and an acronym starts with the initial of one of the name's words.
fn defined_acronyms<'t>(
    doc: &Document<'t>,
    sorted: &[Candidate],
) -> Vec<((&'t str, EntityType), String)> {
    let mut out = Vec::new();
    for c in sorted {
        let name = doc.slice(c.span);
        if c.kind == EntityType::Date || !name.chars().any(char::is_lowercase) {
            continue;
        }
        let rest = doc.text.get(c.span.end..).unwrap_or("");
        let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split_once(')')) else {
            continue;
        };
        let Some(letters) = acronym(inner.0) else {
            continue;
        };
        let first = letters.chars().next();
        let starts_a_word = name
            .split_whitespace()
            .any(|w| w.chars().next().map(|c| c.to_ascii_uppercase()) == first);
        if starts_a_word {
            out.push(((name, c.kind), letters));
        }
    }
    out
}

/// The fullest form of an entity's name: a person's longest name, an organization's name over its
/// acronym, a place's name as the gazetteer writes it when the article abbreviates or shouts it.
fn canonical(entity: &Entity) -> String {
    let longest = entity
        .mentions
        .iter()
        .filter(|m| !m.text.starts_with("the ") && !m.text.starts_with("The "))
        .map(|m| match entity.kind {
            EntityType::Person => bare_name(&m.text).0,
            _ => m.text.as_str(),
        })
        .max_by_key(|name| (name.split_whitespace().count(), name.len()))
        .or(entity.mentions.first().map(|m| m.text.as_str()))
        .map(normalized_name)
        .unwrap_or_default();
    if entity.kind == EntityType::Place {
        let abbreviated =
            is_acronym(&longest) || !longest.chars().any(char::is_lowercase) || longest.len() <= 3;
        if abbreviated {
            if let Some(entry) = gazetteer::lookup(&longest).first() {
                return entry.name.to_owned();
            }
        }
    }
    longest
}

/// A mention's text as a name: spaces collapsed, without a possessive.
fn normalized_name(text: &str) -> String {
    spaces_collapsed(trim_end_all(trim_end_all(text, "'s"), "’s")).into_owned()
}

/// Nouns that, after "the", stand for an organization named before: "the department" after "the
/// State Department".
const ORG_HEADS: &[&str] = &[
    "department",
    "ministry",
    "agency",
    "company",
    "council",
    "committee",
    "commission",
    "court",
    "university",
    "bank",
    "office",
    "bureau",
    "organization",
    "organisation",
    "foundation",
    "institute",
    "party",
    "service",
];

/// Definite descriptions ("the department", "the secretary") with the entity each stands for:
/// the nearest one before it whose name ends in the noun (an organization) or whose role holds it
/// (a person).
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
fn descriptions(doc: &Document, list: &[Entity], mentions: &[(Span, usize)]) -> Vec<(Span, usize)> {
    let namers = namers(doc, list, mentions);
    let mut out = Vec::new();
    // The descriptions come in text order: the first mention that ends after one only moves on.
    let mut next = 0;
    for pair in doc.tokens.windows(2) {
        let (the, token) = (pair[0].span(), pair[1]);
        // Lengths first: a text is two million tokens in 10 MB, and slicing each cost more.
        if token.kind() != TokenKind::Word
            || the.len() != 3
            || !doc.slice(the).eq_ignore_ascii_case("the")
        {
            continue;
        }
        let noun = doc.slice(token.span());
        if !noun.chars().all(char::is_lowercase) {
            continue;
        }
        let span = Span::new(the.start, token.span().end);
        while mentions.get(next).is_some_and(|(s, _)| s.end <= span.start) {
            next += 1;
        }
        if mentions.get(next).is_some_and(|(s, _)| s.overlaps(span)) {
            continue;
        }
        let org = ORG_HEADS.contains(&noun);
        let person = lexicons::is_role_word(noun);
        if !org && !person {
            continue;
        }
        // The entity of the last mention before it that the noun can name.
        // The noun's letters are all small: it is its own key.
        let referent = namers[usize::from(org)].get(noun).and_then(|found| {
            let before = found.partition_point(|&i| mentions[i].0.end <= span.start);
            let &i = found[..before].last()?;
            list.get(mentions[i].1)
        });
        if let Some(e) = referent {
            out.push((span, e.id));
        }
    }
    out
}

/// Which mentions "the <noun>" may refer back to, by whether the noun is an organization's head
/// noun (at 1, else 0) and by noun (ASCII lowercase), each list in the order of `mentions`: an
/// organization's mentions by the last words of its names ("the department"), a person's by the
/// words of the roles written with its names ("the secretary"). `mentions` are in text order and
/// do not overlap, so a list's ends rise too, and the last mention before a description is found
/// by binary search.
fn namers(
    doc: &Document,
    list: &[Entity],
    mentions: &[(Span, usize)],
) -> [FxHashMap<String, Vec<usize>>; 2] {
    let words: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let mut words: Vec<String> = match e.kind {
                EntityType::Org => e
                    .mentions
                    .iter()
                    .filter_map(|m| m.text.split_whitespace().last())
                    .filter(|w| ORG_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w)))
                    .map(str::to_ascii_lowercase)
                    .collect(),
                EntityType::Person => e
                    .mentions
                    .iter()
                    .filter_map(|m| {
                        let m = Span::new(m.start, m.end);
                        role_before(doc, m).or_else(|| role_after(doc, m))
                    })
                    .flat_map(|role| {
                        role.split_whitespace()
                            .map(str::to_ascii_lowercase)
                            .collect::<Vec<_>>()
                    })
                    .filter(|w| lexicons::is_role_word(w))
                    .collect(),
                _ => Vec::new(),
            };
            words.sort_unstable();
            words.dedup();
            words
        })
        .collect();
    let mut namers: [FxHashMap<String, Vec<usize>>; 2] = Default::default();
    for (i, &(_, id)) in mentions.iter().enumerate() {
        let (Some(e), Some(words)) = (list.get(id), words.get(id)) else {
            continue;
        };
        let named = &mut namers[usize::from(e.kind == EntityType::Org)];
        for w in words {
            // A word copied once, at its first mention.
            if !named.contains_key(w) {
                named.insert(w.clone(), Vec::new());
            }
            if let Some(found) = named.get_mut(w) {
                found.push(i);
            }
        }
    }
    namers
}

fn fits_role(word: &str) -> bool {
    lexicons::is_role_word(word)
        || lexicons::is_title_word(word)
        || lexicons::is_demonym(word)
        || lexicons::is_org_word(word)
}

/// The title or role written just before a person's name: "State Department spokesman",
/// "Israeli Defense Minister", "Secretary of State".
fn role_before(doc: &Document, name: Span) -> Option<String> {
    let first = doc.token_from(name.start);
    let sentence = doc.sentence_at(name.start)?;
    let floor = doc.sentences[sentence].tokens.start;
    let mut start = first;
    while start > floor {
        let word = doc.token_text(start - 1);
        if !fits_role(word) || first - start >= 6 {
            break;
        }
        start -= 1;
    }
    while start < first && matches!(doc.token_text(start), "of" | "the") {
        start += 1;
    }
    (start < first).then(|| {
        let span = Span::new(
            doc.tokens[start].span().start,
            doc.tokens[first - 1].span().end,
        );
        doc.slice(span).to_owned()
    })
}

/// The role in an apposition after the name: "Matthew Miller, the State Department spokesman,".
fn role_after(doc: &Document, name: Span) -> Option<String> {
    let mut t = doc.token_from(name.end);
    let sentence = doc.sentence_at(name.start)?;
    let end = doc.sentences[sentence].tokens.end;
    if t >= end || doc.token_text(t) != "," {
        return None;
    }
    t += 1;
    if t < end && matches!(doc.token_text(t), "the" | "a" | "an") {
        t += 1;
    }
    let start = t;
    let mut last_role = None;
    while t < end && t - start < 6 {
        let word = doc.token_text(t);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if lexicons::is_role_word(word) || lexicons::is_title_word(word) {
            last_role = Some(t);
        } else if !(fits_role(word) || capital || matches!(word, "of" | "for")) {
            break;
        }
        t += 1;
    }
    let last = last_role?;
    let span = Span::new(doc.tokens[start].span().start, doc.tokens[last].span().end);
    Some(doc.slice(span).to_owned())
}

/// Orders entities by salience: how often they are mentioned, whether they are quoted, how early
/// they first appear. Ids are kept, so references stay valid.
pub fn sort_by_salience(entities: &mut [Entity], quoted: &[usize], text_len: usize) {
    let mut quotes_of: FxHashMap<usize, usize> = FxHashMap::default();
    for &id in quoted {
        *quotes_of.entry(id).or_default() += 1;
    }
    let score = |e: &Entity| {
        let quotes = quotes_of.get(&e.id).copied().unwrap_or(0) as f64;
        let first = e
            .mentions
            .first()
            .map_or(1.0, |m| m.start as f64 / text_len.max(1) as f64);
        // The headline and the lede name what the story is about.
        e.mentions.len() as f64 * 2.0 + quotes * 3.0 + (1.0 - first) * 2.0
    };
    // Each entity's score worked out once, not at each comparison.
    let key = |e: &Entity| (score(e), e.mentions.first().map(|m| m.start));
    crate::sort::by_cached(entities, key, |a, b| {
        b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze;

    fn entity<'a>(a: &'a crate::Analysis, mention: &str) -> &'a Entity {
        a.entities
            .iter()
            .find(|e| e.mentions.iter().any(|m| m.text == mention))
            .unwrap_or_else(|| panic!("no entity mentioned as {mention}: {:#?}", a.entities))
    }

    /// Regression: "Ky." after "Louisville," was dropped as a title, since state abbreviations
    /// never end a sentence.
    #[test]
    fn a_state_abbreviation_after_a_town_is_a_place() {
        let a = analyze("The winners were Louisville, Ky., and New Haven, Conn., this year.");
        for state in ["Ky.", "Conn."] {
            let e = entity(&a, state);
            assert_eq!(e.kind, EntityType::Place, "{e:?}");
            let place = a.places.iter().find(|p| p.entity_id == e.id);
            assert_eq!(
                place.and_then(|p| p.country.as_deref()),
                Some("US"),
                "{e:?}"
            );
        }
    }

    /// Regression: "St." read as a title made every "St. Petersburg" and "St. Cloud" the tagger
    /// or the gazetteer placed a person named Petersburg or Cloud.
    #[test]
    fn saint_before_a_place_is_no_title() {
        let text = "Flights to St. Petersburg began. Mr. Smith met Sen. Jones.";
        let doc = Document::new(text);
        let at = |name: &str, kind| {
            let start = text.find(name).unwrap_or(0);
            Candidate {
                span: Span::new(start, start + name.len()),
                kind,
            }
        };
        let mut sorted = vec![
            at("St. Petersburg", EntityType::Place),
            at("Mr. Smith", EntityType::Org),
            at("Sen. Jones", EntityType::Place),
        ];
        harmonize(&doc, &mut sorted);
        let kinds: Vec<EntityType> = sorted.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [EntityType::Place, EntityType::Person, EntityType::Person]
        );
    }

    #[test]
    fn each_description_is_the_nearest_namer_before_it() {
        // Read in one pass in text order (a cursor over the mentions, not a search per "the").
        let text = "The department was quiet. The State Department said the department would \
                    answer. The Justice Department said the department would not.";
        let a = analyze(text);
        let meant = |n: usize| {
            let (at, _) = text
                .match_indices("the department")
                .nth(n)
                .unwrap_or_default();
            a.entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.start == at))
                .map(|e| e.name.as_str())
        };
        assert_eq!(meant(0), Some("State Department"), "{a:#?}");
        assert_eq!(meant(1), Some("Justice Department"), "{a:#?}");
        let lead = text.find("The department").unwrap_or(usize::MAX);
        assert!(a
            .entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.start != lead)));
    }

    #[test]
    fn short_forms_of_a_country_are_one_place() {
        let a = analyze("The US said so. Officials in the United States and the U.S. agreed.");
        let us = entity(&a, "US");
        assert_eq!(us.name, "United States");
        assert_eq!(us.count, 3);
        assert_eq!(entity(&a, "U.S.").id, us.id);
    }

    #[test]
    fn single_spacing_is_read_as_the_chars_say() {
        let by_chars = |text: &str| {
            let words: Vec<&str> = text.split_whitespace().collect();
            words.join(" ") == text
        };
        // Every char up to U+3000, the last white space, alone, between letters and doubled.
        for c in (0..=0x3000).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("a{c}b"),
                format!("a {c}b"),
                format!("{c}{c} a"),
            ] {
                assert_eq!(single_spaced(&text), by_chars(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn names_compare_without_possessives_articles_extra_spaces_or_acronym_dots() {
        assert_eq!(normalized("The  U.N.'s"), "UN");
        assert_eq!(normalized("Joe \n Biden’s"), "Joe Biden");
        assert_eq!(normalized("the the Hague"), "Hague");
        assert_eq!(normalized("St. Louis"), "St. Louis");
        assert_eq!(normalized_name("Joe  Biden's"), "Joe Biden");
        for (text, collapsed) in [
            (" Joe Biden", "Joe Biden"),
            ("Joe Biden ", "Joe Biden"),
            ("Joe\tBiden", "Joe Biden"),
            ("Joe\u{a0}Biden", "Joe Biden"),
            ("Joe\u{b}Biden", "Joe Biden"),
            ("José  Martí ", "José Martí"),
            (" ", ""),
            ("", ""),
        ] {
            assert_eq!(spaces_collapsed(text), collapsed, "{text:?}");
        }
        assert!(matches!(spaces_collapsed("Joe Biden"), Cow::Borrowed(_)));
        assert!(matches!(spaces_collapsed("José Martí"), Cow::Borrowed(_)));
        for (text, letters) in [
            ("U.N.", Some("UN")),
            ("UNESCO", Some("UNESCO")),
            ("NATO.", Some("NATO")),
        ] {
            assert_eq!(acronym(text).as_deref(), letters);
        }
        for text in ["U N", "A", "ABCDEFG", "Un", "", "U.S.A.E.F.G.H."] {
            assert_eq!(acronym(text), None, "{text}");
        }
    }

    #[test]
    fn an_acronym_joins_the_name_it_abbreviates() {
        let a = analyze(
            "The World Health Organization met on Monday. A U.N. official said the WHO and the UN agreed.",
        );
        let who = entity(&a, "WHO");
        assert_eq!(who.id, entity(&a, "World Health Organization").id);
        assert_eq!(who.name, "World Health Organization");
        assert_eq!(entity(&a, "UN").id, entity(&a, "U.N.").id);
    }

    #[test]
    fn an_acronym_defined_in_parentheses_joins_its_name() {
        let a = analyze(
            "The Bureau of Animal Industry (BAI) said on Sunday that BAI teams were ready.",
        );
        let bai = entity(&a, "Bureau of Animal Industry");
        assert!(
            bai.mentions.iter().filter(|m| m.text == "BAI").count() == 2,
            "{bai:?}"
        );
    }

    /// The mention `name` where `from` first stands in `text`, typed `kind`: the tagger is not
    /// under test.
    fn candidate(text: &str, from: &str, name: &str, kind: EntityType) -> Candidate {
        let start = text.find(from).unwrap();
        Candidate {
            span: Span::new(start, start + name.len()),
            kind,
        }
    }

    #[test]
    fn a_surname_the_tagger_took_for_an_organization_joins_the_person() {
        let text = "She sings Bruce Springsteen’s song. Springsteen wrote it.";
        let doc = Document::new(text);
        let at = |from, name, kind| candidate(text, from, name, kind);
        let found = resolve(
            &doc,
            &[
                at("Bruce", "Bruce Springsteen’s", EntityType::Person),
                at("Springsteen wrote", "Springsteen", EntityType::Org),
            ],
        );
        assert_eq!(found.list.len(), 1, "{:?}", found.list);
        assert_eq!(found.list[0].name, "Bruce Springsteen");
        assert_eq!(found.list[0].kind, EntityType::Person);
        assert_eq!(found.list[0].count, 2);
    }

    #[test]
    fn a_surname_the_tagger_took_for_a_town_joins_the_person_but_a_state_stays() {
        let text = "Hillary Clinton spoke. Clinton left. Chris Georgia met voters in Georgia.";
        let doc = Document::new(text);
        let at = |from, name, kind| candidate(text, from, name, kind);
        let found = resolve(
            &doc,
            &[
                at("Hillary", "Hillary Clinton", EntityType::Person),
                at("Clinton left", "Clinton", EntityType::Place),
                at("Chris", "Chris Georgia", EntityType::Person),
                at("Georgia.", "Georgia", EntityType::Place),
            ],
        );
        let kinds: Vec<(&str, EntityType, usize)> = found
            .list
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.count))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Hillary Clinton", EntityType::Person, 2),
                ("Chris Georgia", EntityType::Person, 1),
                ("Georgia", EntityType::Place, 1)
            ]
        );
    }

    #[test]
    fn one_name_is_one_thing_whatever_the_tagger_called_each_mention() {
        let text = "Wells Fargo fell. Wells Fargo rose. Wells Fargo shut. Mr. Trump spoke. \
                    Trump left. Sens. Warren and Brown wrote.";
        let doc = Document::new(text);
        let spans = |name: &str| {
            text.match_indices(name)
                .map(|(start, _)| Span::new(start, start + name.len()))
                .collect::<Vec<_>>()
        };
        let wells = spans("Wells Fargo");
        let found = resolve(
            &doc,
            &[
                Candidate {
                    span: wells[0],
                    kind: EntityType::Org,
                },
                Candidate {
                    span: wells[1],
                    kind: EntityType::Place,
                },
                Candidate {
                    span: wells[2],
                    kind: EntityType::Org,
                },
                Candidate {
                    span: spans("Mr. Trump")[0],
                    kind: EntityType::Place,
                },
                Candidate {
                    span: Span::new(
                        spans("Trump left")[0].start,
                        spans("Trump left")[0].start + 5,
                    ),
                    kind: EntityType::Org,
                },
                Candidate {
                    span: spans("Sens")[0],
                    kind: EntityType::Place,
                },
            ],
        );
        let kinds: Vec<(&str, EntityType, usize)> = found
            .list
            .iter()
            .map(|e| (e.name.as_str(), e.kind, e.count))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Wells Fargo", EntityType::Org, 3),
                ("Trump", EntityType::Person, 2)
            ],
            "{:?}",
            found.list
        );
    }

    #[test]
    fn a_datelines_wire_service_is_no_acronym_of_the_date_or_the_place() {
        let a = analyze(
            "LOS ANGELES, Sept. 28 (UPI) — The show opens. ATLANTA (AP) — Voters waited. \
             UPI and AP reported it.",
        );
        for name in ["Sept. 28", "LOS ANGELES", "ATLANTA"] {
            let e = a
                .entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| m.text == name));
            if let Some(e) = e {
                assert!(
                    e.mentions.iter().all(|m| m.text != "UPI" && m.text != "AP"),
                    "{e:?}"
                );
            }
        }
    }

    #[test]
    fn a_surname_joins_the_full_name_and_the_person_keeps_a_role() {
        let a = analyze(
            "Secretary of State Antony Blinken spoke. Blinken said the talks were serious.",
        );
        let blinken = entity(&a, "Blinken");
        assert_eq!(blinken.name, "Antony Blinken");
        assert_eq!(blinken.role.as_deref(), Some("Secretary of State"));
        assert_eq!(blinken.count, 2);
    }

    #[test]
    fn a_role_in_apposition_after_the_name() {
        let a = analyze("Matthew Miller, the State Department spokesman, told reporters.");
        assert_eq!(
            entity(&a, "Matthew Miller").role.as_deref(),
            Some("State Department spokesman")
        );
    }

    #[test]
    fn the_department_after_the_state_department_is_it() {
        let a = analyze(
            "The State Department announced new rules on Monday. Later the department said more.",
        );
        let dept = entity(&a, "State Department");
        assert!(
            dept.mentions.iter().any(|m| m.text == "the department"),
            "{dept:?}"
        );
    }

    #[test]
    fn the_secretary_is_the_person_with_that_role() {
        let a = analyze(
            "Secretary of State Antony Blinken arrived on Monday. The talks, the secretary said, were serious.",
        );
        let blinken = entity(&a, "Antony Blinken");
        assert!(
            blinken.mentions.iter().any(|m| m.text == "the secretary"),
            "{blinken:?}"
        );
    }

    #[test]
    fn more_mentions_come_first() {
        let a = analyze("Hamas met Qatar. Hamas said no. Hamas left.");
        assert_eq!(a.entities[0].name, "Hamas");
    }
}
