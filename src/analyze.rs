//! The pipeline: text to tokens, entities, quotes and places, in that order.

use crate::analysis::{Analysis, EntityType};
use crate::dates::DateMention;
use crate::entities::{self, Candidate};
use crate::ner::{self, Class};
use crate::text::{Document, Offsets, Span};
use crate::{dates, lexicons, places, quotes};

/// How to analyze.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// How offsets are counted in the result: bytes (for slicing the `&str` in Rust) or UTF-16
    /// code units (for JavaScript strings, and in the JSON).
    pub offsets: Offsets,
}

impl Options {
    pub fn offsets(mut self, offsets: Offsets) -> Options {
        self.offsets = offsets;
        self
    }
}

/// Analyzes one article with byte offsets. Never fails: any text has an analysis, if only an
/// empty one.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &Options::default())
}

/// Analyzes one article as `options` say.
pub fn analyze_with(text: &str, options: &Options) -> Analysis {
    let doc = Document::new(text);
    let mut candidates = tagged_mentions(&doc);
    places::recognize(&doc, &mut candidates);
    let found_dates = dates::find(text);
    candidates.retain(|c| date_overlapping(&found_dates, c.span).is_none());
    candidates.extend(found_dates.iter().map(|d| Candidate {
        span: d.span,
        kind: EntityType::Date,
    }));
    let mut entities = entities::resolve(&doc, &candidates);
    for entity in &mut entities.list {
        if entity.kind == EntityType::Date {
            entity.iso = entity.mentions.iter().find_map(|m| {
                let span = Span::new(m.start, m.end);
                date_overlapping(&found_dates, span)
                    .filter(|d| d.span == span)
                    .and_then(|d| d.iso.clone())
            });
        }
    }
    let found = quotes::find(&doc, &entities);
    let quoted: Vec<usize> = found
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref()?.entity_id)
        .collect();
    let mut list = entities.list;
    entities::sort_by_salience(&mut list, &quoted, text.len());
    let places = places::locate(&doc, &list);
    Analysis {
        quotes: found.quotes,
        reported: found.reported,
        entities: list,
        places,
        warnings: found.warnings,
        offsets: Offsets::Bytes,
    }
    .with_offsets(text, options.offsets)
}

/// The date that overlaps `span`, if any, by binary search: `dates` are in text order and do not
/// overlap, as [`dates::find`] returns them (a linear scan per mention is quadratic in long texts).
fn date_overlapping(dates: &[DateMention], span: Span) -> Option<&DateMention> {
    let first = dates.partition_point(|d| d.span.end <= span.start);
    dates.get(first).filter(|d| d.span.overlaps(span))
}

/// The tagger's entities as typed spans of the text.
fn tagged_mentions(doc: &Document) -> Vec<Candidate> {
    let sentences: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .map(|s| s.tokens.clone().map(|t| doc.token_text(t)).collect())
        .collect();
    let labels = ner::tag_document(&sentences);
    let mut out = Vec::new();
    for (sentence, labels) in doc.sentences.iter().zip(&labels) {
        for chunk in ner::chunks(labels) {
            let first = sentence.tokens.start + chunk.start;
            let last = sentence.tokens.start + chunk.end - 1;
            let span = Span::new(doc.tokens[first].span.start, doc.tokens[last].span.end);
            let text = doc.slice(span);
            let kind = match chunk.class {
                Class::Per => EntityType::Person,
                Class::Org => EntityType::Org,
                Class::Loc => EntityType::Place,
                Class::Misc if lexicons::is_demonym(text) => EntityType::Norp,
                Class::Misc => EntityType::Misc,
            };
            out.push(Candidate { span, kind });
        }
    }
    out
}
