//! From mentions to entities: the mentions of one thing grouped under its fullest name ("Miller"
//! under "Matthew Miller", "US" under "United States"), with the role the article gives a person.

use std::collections::HashMap;

use crate::analysis::{Entity, EntityType, Mention};
use crate::text::{Document, Span};
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
    /// Every mention's span with the id of its entity, in text order.
    pub mentions: Vec<(Span, usize)>,
}

impl Entities {
    pub fn get(&self, id: usize) -> Option<&Entity> {
        self.list.iter().find(|e| e.id == id)
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

/// What makes two mentions the same thing: their normalized name, and for people their surname.
fn key(text: &str, kind: EntityType) -> String {
    if kind == EntityType::Place {
        if let Some(entry) = gazetteer::lookup(text).first() {
            return entry.name.to_owned();
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Groups candidate mentions (in text order) into entities, ids in order of first mention.
pub fn resolve(doc: &Document, candidates: &[Candidate]) -> Entities {
    let mut by_key: HashMap<(String, EntityType), usize> = HashMap::new();
    let mut list: Vec<Entity> = Vec::new();
    let mut mentions = Vec::new();
    let mut sorted = candidates.to_vec();
    sorted.sort_by_key(|c| c.span);
    // Full names first, so that a surname seen before its full name still joins it.
    let full_names: Vec<&str> = sorted
        .iter()
        .filter(|c| c.kind == EntityType::Person)
        .map(|c| doc.slice(c.span))
        .filter(|t| t.split_whitespace().count() > 1)
        .collect();
    for c in &sorted {
        let text = doc.slice(c.span);
        let mut k = key(text, c.kind);
        if c.kind == EntityType::Person && !k.contains(' ') {
            if let Some(full) = full_names
                .iter()
                .find(|f| f.split_whitespace().last() == Some(text))
            {
                k = key(full, c.kind);
            }
        }
        let id = *by_key.entry((k.clone(), c.kind)).or_insert_with(|| {
            list.push(Entity {
                id: list.len(),
                name: k.clone(),
                kind: c.kind,
                mentions: Vec::new(),
                role: None,
                iso: None,
            });
            list.len() - 1
        });
        list[id].mentions.push(Mention::new(doc.text, c.span));
        mentions.push((c.span, id));
    }
    for entity in &mut list {
        if entity.kind == EntityType::Person {
            entity.role = entity
                .mentions
                .iter()
                .find_map(|m| role_before(doc, Span::new(m.start, m.end)));
        }
    }
    Entities { list, mentions }
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
        let fits = lexicons::is_role_word(word)
            || lexicons::is_title_word(word)
            || lexicons::is_demonym(word)
            || lexicons::is_org_word(word);
        if !fits || first - start >= 6 {
            break;
        }
        start -= 1;
    }
    while start < first && matches!(doc.token_text(start), "of" | "the") {
        start += 1;
    }
    (start < first).then(|| {
        let span = Span::new(doc.tokens[start].span.start, doc.tokens[first - 1].span.end);
        doc.slice(span).to_owned()
    })
}

/// Orders entities by salience: how often they are mentioned, whether they are quoted, how early
/// they appear. Ids are kept, so references stay valid.
pub fn sort_by_salience(entities: &mut [Entity], quoted: &[usize]) {
    let score = |e: &Entity| {
        let quotes = quoted.iter().filter(|&&id| id == e.id).count();
        e.mentions.len() * 2 + quotes * 3
    };
    entities.sort_by(|a, b| {
        score(b)
            .cmp(&score(a))
            .then_with(|| a.mentions[0].start.cmp(&b.mentions[0].start))
    });
}
