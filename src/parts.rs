//! An analysis as a list of small JSON texts, and back. The worker sends the page its answer this
//! way so that the page's main thread parses it a part at a time, yielding between parts: the
//! JSON of a 200 KB article is over half a megabyte, and parsing it at once held the main thread
//! for 25 to 140 ms.
//!
//! The first part is the analysis with its lists empty; each further part is a JSON object with
//! one list (`{"quotes":[...]}`), of whole items, about [`PART_BYTES`] long, to be appended in
//! order. Every part is valid JSON on its own; the keys are the analysis's own.

use serde::{Deserialize, Serialize};

use crate::{Analysis, Entity, Place, Quote, Reported, Warning};

/// About how long one part is, in bytes: small enough to parse in a millisecond or two.
pub const PART_BYTES: usize = 16 * 1024;

/// One further part: whichever lists it carries.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Part {
    quotes: Vec<Quote>,
    reported: Vec<Reported>,
    entities: Vec<Entity>,
    places: Vec<Place>,
    warnings: Vec<Warning>,
}

/// The analysis as parts, in the order [`Assembler::add`] takes them.
pub fn split(analysis: &Analysis) -> Result<Vec<String>, serde_json::Error> {
    let head = Analysis {
        offsets: analysis.offsets,
        ..Analysis::default()
    };
    let mut parts = vec![serde_json::to_string(&head)?];
    pack("quotes", &analysis.quotes, &mut parts)?;
    pack("reported", &analysis.reported, &mut parts)?;
    pack("entities", &analysis.entities, &mut parts)?;
    pack("places", &analysis.places, &mut parts)?;
    pack("warnings", &analysis.warnings, &mut parts)?;
    Ok(parts)
}

/// Appends `items` as parts `{"<key>":[...]}` of about [`PART_BYTES`] each.
fn pack<T: Serialize>(
    key: &str,
    items: &[T],
    parts: &mut Vec<String>,
) -> Result<(), serde_json::Error> {
    let open = format!("{{\"{key}\":[");
    let mut part = String::new();
    for item in items {
        if part.is_empty() {
            part.push_str(&open);
        } else {
            part.push(',');
        }
        part.push_str(&serde_json::to_string(item)?);
        if part.len() >= PART_BYTES {
            part.push_str("]}");
            parts.push(std::mem::take(&mut part));
        }
    }
    if !part.is_empty() {
        part.push_str("]}");
        parts.push(part);
    }
    Ok(())
}

/// Rebuilds an analysis from its parts, given one at a time.
#[derive(Default)]
pub struct Assembler {
    analysis: Option<Analysis>,
}

impl Assembler {
    /// Takes the next part: the first is the head, the others append to its lists.
    pub fn add(&mut self, part: &str) -> Result<(), serde_json::Error> {
        match &mut self.analysis {
            None => self.analysis = Some(serde_json::from_str(part)?),
            Some(analysis) => {
                let part: Part = serde_json::from_str(part)?;
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
        let whole = serde_json::to_string(&analysis).unwrap().len();
        assert!(parts.len() > whole / PART_BYTES, "{} parts", parts.len());
        // One item may carry a part over the mark, never far.
        assert!(parts.iter().all(|p| p.len() < 2 * PART_BYTES));
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
    fn a_part_that_is_not_json_is_an_error() {
        let mut assembler = Assembler::default();
        assert!(assembler.add("{\"quotes\":[").is_err());
    }
}
