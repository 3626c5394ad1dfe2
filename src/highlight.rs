//! The article cut where any mark (a quote, an entity mention) starts or ends, for the page's
//! highlighted text: each piece with the marks covering it, and the text grouped in blocks of
//! about [`BLOCK_BYTES`] at line ends, so the browser lays out only the blocks in view.
//!
//! Pieces are cut one at a time, as they are drawn: the renderer draws a few milliseconds' worth
//! per frame, and cutting a long article's pieces all at once took one long task of its own.

use crate::text;
use crate::Analysis;

/// About how many bytes of text a block holds; blocks end after a line end.
pub const BLOCK_BYTES: usize = 4096;

/// A stretch of text with the same marks: a byte range of the text.
#[derive(Debug, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    /// The CSS classes of the marks covering it, space-separated; empty for plain text.
    pub classes: String,
    pub entity: Option<usize>,
    pub quote: Option<usize>,
    /// Whether a new block starts with this piece.
    pub new_block: bool,
}

struct Mark {
    start: usize,
    end: usize,
    class: String,
    entity: Option<usize>,
    quote: Option<usize>,
}

/// Cuts the pieces of one text, in order.
pub struct Pieces<T> {
    text: T,
    /// By start; a mark's start and end are always cut points.
    marks: Vec<Mark>,
    next: usize,
    active: Vec<usize>,
    at: usize,
    /// Where the next block starts (the text's end if none does).
    block: usize,
}

impl<T: AsRef<str>> Pieces<T> {
    /// The marks of `analysis` (UTF-16 offsets) on `text`; `class_of` names an entity type's
    /// class.
    pub fn new(
        text: T,
        analysis: &Analysis,
        class_of: impl Fn(crate::EntityType) -> &'static str,
    ) -> Pieces<T> {
        let whole = text.as_ref();
        let mut marks: Vec<Mark> = Vec::new();
        for (i, q) in analysis.quotes.iter().enumerate() {
            marks.push(Mark {
                start: q.start,
                end: q.end,
                class: "quote".into(),
                entity: None,
                quote: Some(i),
            });
        }
        for e in &analysis.entities {
            let class = format!("ent ent-{}", class_of(e.kind));
            for m in &e.mentions {
                marks.push(Mark {
                    start: m.start,
                    end: m.end,
                    class: class.clone(),
                    entity: Some(e.id),
                    quote: None,
                });
            }
        }
        let mut offsets: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
        text::utf16_to_bytes(whole, &mut offsets);
        for (m, o) in marks.iter_mut().zip(offsets.chunks_exact(2)) {
            if let [start, end] = *o {
                (m.start, m.end) = (start, end);
            }
        }
        // Offsets past the end (a stale or foreign analysis) mark nothing.
        marks.retain(|m| m.start < m.end && m.end <= whole.len());
        crate::sort::by_key(&mut marks, |m| m.start);
        let block = next_block(whole, 0);
        Pieces {
            text,
            marks,
            next: 0,
            active: Vec::new(),
            at: 0,
            block,
        }
    }

    /// Whether every piece has been cut.
    pub fn is_done(&self) -> bool {
        self.at >= self.text.as_ref().len()
    }
}

/// Where the block after the one starting at `from` starts: after the first line end at least
/// [`BLOCK_BYTES`] on, unless that is the text's end.
fn next_block(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(tail) = bytes.get(from + BLOCK_BYTES - 1..) else {
        return text.len();
    };
    match tail.iter().position(|&b| b == b'\n') {
        Some(i) if from + BLOCK_BYTES + i < text.len() => from + BLOCK_BYTES + i,
        _ => text.len(),
    }
}

impl<T: AsRef<str>> Iterator for Pieces<T> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let text = self.text.as_ref();
        let start = self.at;
        if start >= text.len() {
            return None;
        }
        let new_block = start > 0 && start == self.block;
        if new_block {
            self.block = next_block(text, start);
        }
        let marks = &self.marks;
        self.active.retain(|&m| marks[m].end > start);
        while self.marks.get(self.next).is_some_and(|m| m.start <= start) {
            self.active.push(self.next);
            self.next += 1;
        }
        let marks = &self.marks;
        let end = self
            .active
            .iter()
            .map(|&m| marks[m].end)
            .chain(marks.get(self.next).map(|m| m.start))
            .fold(self.block.min(text.len()), usize::min);
        self.at = end;
        let covering = || self.active.iter().map(|&m| &marks[m]);
        Some(Piece {
            start,
            end,
            classes: covering()
                .map(|m| m.class.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            entity: covering().find_map(|m| m.entity),
            quote: covering().find_map(|m| m.quote),
            new_block,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze_with, EntityType, Offsets, Options};

    fn class_of(kind: EntityType) -> &'static str {
        match kind {
            EntityType::Person => "person",
            _ => "other",
        }
    }

    fn analysis(text: &str) -> Analysis {
        analyze_with(text, &Options::default().offsets(Offsets::Utf16))
    }

    #[test]
    fn the_pieces_join_back_into_the_text_and_mark_what_the_analysis_marks() {
        let text = "« Oui », dit Ann Lee à Paris. \"We will go,\" said Ann Lee, the mayor.\n";
        let a = analysis(text);
        let mut cutter = Pieces::new(text, &a, class_of);
        assert!(!cutter.is_done());
        let pieces: Vec<Piece> = cutter.by_ref().collect();
        assert!(cutter.is_done());
        let joined: String = pieces.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(joined, text);
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        let quoted: String = pieces
            .iter()
            .filter(|p| p.quote == Some(1))
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(quoted, "We will go,");
        assert_eq!(quoted, a.quotes[1].text);
        let person = pieces
            .iter()
            .find(|p| &text[p.start..p.end] == "Ann Lee")
            .expect("the name is one piece");
        assert_eq!(person.classes, "ent ent-person");
        assert!(person.entity.is_some());
    }

    #[test]
    fn a_long_text_is_cut_in_blocks_after_line_ends() {
        let line = "Ann Lee said the line is long enough to need several of its kind.\n";
        let text = line.repeat(200);
        let a = analysis(&text);
        let pieces: Vec<Piece> = Pieces::new(&text, &a, class_of).collect();
        let starts: Vec<usize> = pieces
            .iter()
            .filter(|p| p.new_block)
            .map(|p| p.start)
            .collect();
        assert!(starts.len() >= 2, "{starts:?}");
        let mut last = 0;
        for &s in &starts {
            assert_eq!(text.as_bytes()[s - 1], b'\n');
            assert!(s - last >= BLOCK_BYTES && s - last < BLOCK_BYTES + line.len());
            last = s;
        }
        assert!(text.len() - last <= BLOCK_BYTES + line.len());
    }

    #[test]
    fn marks_past_the_end_of_the_text_mark_nothing() {
        let text = "Ann Lee said so.";
        let a = analysis("Ann Lee said so, and Bob Ray agreed with her at length.");
        let pieces: Vec<Piece> = Pieces::new(text, &a, class_of).collect();
        let joined: String = pieces.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(joined, text);
        let marked: Vec<&str> = pieces
            .iter()
            .filter(|p| !p.classes.is_empty())
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(marked, ["Ann Lee"]);
    }
}
