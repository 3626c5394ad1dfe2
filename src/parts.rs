//! An analysis as a list of small JSON texts, and back. The worker sends the page its answer this
//! way so that the page's main thread parses it a part at a time, yielding between parts: the
//! JSON of a 200 KB article is over half a megabyte, and parsing it at once held the main thread
//! for 25 to 140 ms.
//!
//! Each part is itself an analysis, as `export::json` writes it but without spaces (less to write,
//! send and parse) and in ASCII (see [`ascii_json`]): the first with empty lists, each further one
//! with up to [`ITEMS_PER_PART`] items of one list, to append in order. So the wasm carries no
//! other serializer or parser than the analysis's own.

use crate::{ascii_json, Analysis};

/// Items of a list per part: a few kilobytes of JSON, parsed in a millisecond or so.
pub const ITEMS_PER_PART: usize = 25;

/// The analysis as parts, in the order [`Assembler::add`] takes them.
pub fn split(analysis: &Analysis) -> Result<Vec<String>, serde_json::Error> {
    let empty = || Analysis {
        offsets: analysis.offsets,
        ..Analysis::default()
    };
    let json = |part: &Analysis| ascii_json::write(part);
    let mut parts = vec![json(&empty())?];
    let mut add = |fill: &dyn Fn(&mut Analysis)| {
        let mut part = empty();
        fill(&mut part);
        json(&part).map(|json| parts.push(json))
    };
    for chunk in analysis.quotes.chunks(ITEMS_PER_PART) {
        add(&|p| p.quotes = chunk.to_vec())?;
    }
    for chunk in analysis.reported.chunks(ITEMS_PER_PART) {
        add(&|p| p.reported = chunk.to_vec())?;
    }
    for chunk in analysis.entities.chunks(ITEMS_PER_PART) {
        add(&|p| p.entities = chunk.to_vec())?;
    }
    for chunk in analysis.places.chunks(ITEMS_PER_PART) {
        add(&|p| p.places = chunk.to_vec())?;
    }
    for chunk in analysis.warnings.chunks(ITEMS_PER_PART) {
        add(&|p| p.warnings = chunk.to_vec())?;
    }
    Ok(parts)
}

/// Rebuilds an analysis from its parts, given one at a time.
#[derive(Default)]
pub struct Assembler {
    analysis: Option<Analysis>,
}

impl Assembler {
    /// Takes the next part: the first is the head, the others append to its lists.
    pub fn add(&mut self, part: &str) -> Result<(), serde_json::Error> {
        let part: Analysis = serde_json::from_str(part)?;
        match &mut self.analysis {
            None => self.analysis = Some(part),
            Some(analysis) => {
                analysis.quotes.extend(part.quotes);
                analysis.reported.extend(part.reported);
                analysis.entities.extend(part.entities);
                analysis.places.extend(part.places);
                analysis.warnings.extend(part.warnings);
            }
        }
        Ok(())
    }

    /// The analysis, once every part is in; `None` if there was none.
    pub fn finish(self) -> Option<Analysis> {
        self.analysis
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze_with, Offsets, Options};

    fn long_article() -> String {
        let paragraph = "\"We are close to a deal,\" Secretary of State Antony Blinken told \
                         reporters in Washington on Tuesday. Officials from Qatar and Egypt met \
                         in Cairo, said Maria Lopez, a spokeswoman for the United Nations. \"It \
                         is not over,\" she said. ";
        paragraph.repeat(200)
    }

    #[test]
    fn a_long_analysis_comes_back_whole_from_small_parts() {
        let options = Options::default().offsets(Offsets::Utf16);
        let analysis = analyze_with(&long_article(), &options);
        assert!(analysis.quotes.len() > 100 && !analysis.places.is_empty());
        let parts = split(&analysis).unwrap();
        let lists = [
            analysis.quotes.len(),
            analysis.reported.len(),
            analysis.entities.len(),
            analysis.places.len(),
            analysis.warnings.len(),
        ];
        let expected: usize = lists.iter().map(|n| n.div_ceil(ITEMS_PER_PART)).sum();
        assert_eq!(parts.len(), 1 + expected);
        let mut assembler = Assembler::default();
        for part in &parts {
            assembler.add(part).unwrap();
        }
        assert_eq!(assembler.finish(), Some(analysis));
    }

    #[test]
    fn an_empty_analysis_is_one_part() {
        let analysis = analyze_with("", &Options::default());
        let parts = split(&analysis).unwrap();
        assert_eq!(parts.len(), 1);
        let mut assembler = Assembler::default();
        assembler.add(&parts[0]).unwrap();
        assert_eq!(assembler.finish(), Some(analysis));
    }

    #[test]
    fn a_part_that_is_not_an_analysis_is_an_error() {
        let mut assembler = Assembler::default();
        assert!(assembler.add("{\"quotes\":[").is_err());
        assert!(assembler.add("{\"quotes\":[]}").is_err());
    }
}
