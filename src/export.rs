//! An analysis as files a reader takes away: the JSON itself, the quotes and the entities as CSV,
//! and the located places as GeoJSON. Plain functions from an [`Analysis`] to text, so the page,
//! the widget and the tests share them.
//!
//! CSV follows RFC 4180 (comma, CRLF, fields quoted when they hold a comma, a quote or a line
//! break) and is safe to open in a spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return gets a leading apostrophe, as OWASP advises against CSV injection.
//! Article text is untrusted, and a quote beginning "=HYPERLINK(" is a formula to Excel.

use std::fmt::Write;

use serde_json::json;

use crate::{Analysis, Entity};

/// The analysis as pretty-printed JSON (the shape ../shared/CONTRACT.md describes).
pub fn json(analysis: &Analysis) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(analysis).unwrap_or_default()
}

/// One row per direct quote: the words, who said them and why the analyzer thinks so.
pub fn quotes_csv(analysis: &Analysis) -> String {
    let mut csv = Csv::new(&[
        "quote",
        "speaker",
        "speaker_entity_id",
        "speaker_role",
        "cue",
        "kind",
        "rule",
        "start",
        "end",
    ]);
    for q in &analysis.quotes {
        let entity_id = q.speaker.as_ref().and_then(|s| s.entity_id);
        let role = entity_id
            .and_then(|id| entity(analysis, id))
            .and_then(|e| e.role.as_deref());
        csv.text(&q.text);
        csv.text(q.speaker.as_ref().map_or("", |s| &s.name));
        csv.number(entity_id);
        csv.text(role.unwrap_or(""));
        csv.text(q.cue.as_ref().map_or("", |c| &c.text));
        csv.text(match q.kind {
            crate::QuoteKind::Full => "full",
            crate::QuoteKind::Partial => "partial",
        });
        csv.text(q.rule.as_deref().unwrap_or(""));
        csv.number(Some(q.start));
        csv.number(Some(q.end));
        csv.end_row();
    }
    csv.out
}

/// One row per entity, with its count of mentions and, for places, where it is.
pub fn entities_csv(analysis: &Analysis) -> String {
    let mut csv = Csv::new(&[
        "id",
        "name",
        "type",
        "mentions",
        "role",
        "date",
        "latitude",
        "longitude",
        "country",
    ]);
    for e in &analysis.entities {
        let place = analysis.places.iter().find(|p| p.entity_id == e.id);
        csv.number(Some(e.id));
        csv.text(&e.name);
        csv.text(type_name(e));
        csv.number(Some(e.mentions.len()));
        csv.text(e.role.as_deref().unwrap_or(""));
        csv.text(e.iso.as_deref().unwrap_or(""));
        csv.number(place.map(|p| p.lat));
        csv.number(place.map(|p| p.lon));
        csv.text(place.and_then(|p| p.country.as_deref()).unwrap_or(""));
        csv.end_row();
    }
    csv.out
}

/// The located places as an RFC 7946 FeatureCollection of points (longitude first).
pub fn places_geojson(analysis: &Analysis) -> String {
    let features: Vec<_> = analysis
        .places
        .iter()
        .map(|p| {
            let mentions = entity(analysis, p.entity_id).map_or(0, |e| e.mentions.len());
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": {
                    "name": p.name,
                    "entityId": p.entity_id,
                    "country": p.country,
                    "kind": p.kind,
                    "mentions": mentions,
                },
            })
        })
        .collect();
    let collection = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

fn entity(analysis: &Analysis, id: usize) -> Option<&Entity> {
    analysis.entities.iter().find(|e| e.id == id)
}

fn type_name(e: &Entity) -> &'static str {
    match e.kind {
        crate::EntityType::Person => "PERSON",
        crate::EntityType::Org => "ORG",
        crate::EntityType::Place => "PLACE",
        crate::EntityType::Norp => "NORP",
        crate::EntityType::Date => "DATE",
        crate::EntityType::Misc => "MISC",
    }
}

/// A CSV document written row by row.
struct Csv {
    out: String,
    row_started: bool,
}

impl Csv {
    fn new(header: &[&str]) -> Csv {
        let mut csv = Csv {
            out: String::new(),
            row_started: false,
        };
        for name in header {
            csv.cell(name);
        }
        csv.end_row();
        csv
    }

    /// A cell of text from the article: defused if a spreadsheet would read it as a formula.
    fn text(&mut self, value: &str) {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            self.cell(&format!("'{value}"));
        } else {
            self.cell(value);
        }
    }

    /// A cell the analyzer computed (an offset, a coordinate), empty when there is none.
    fn number(&mut self, value: Option<impl std::fmt::Display>) {
        match value {
            Some(v) => self.cell(&v.to_string()),
            None => self.cell(""),
        }
    }

    fn cell(&mut self, value: &str) {
        if self.row_started {
            self.out.push(',');
        }
        self.row_started = true;
        if value.contains([',', '"', '\r', '\n']) || value.starts_with('\'') {
            let _ = write!(self.out, "\"{}\"", value.replace('"', "\"\""));
        } else {
            self.out.push_str(value);
        }
    }

    fn end_row(&mut self) {
        self.out.push_str("\r\n");
        self.row_started = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{analyze_with, Offsets, Options};

    fn analysis(text: &str) -> Analysis {
        analyze_with(text, &Options::default().offsets(Offsets::Utf16))
    }

    /// Splits RFC 4180 CSV into rows of cells, as a strict reader would.
    fn parse_csv(csv: &str) -> Vec<Vec<String>> {
        let mut rows = vec![];
        let mut row = vec![];
        let mut cell = String::new();
        let mut chars = csv.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') if cell.is_empty() => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut cell)),
                (false, '\r') => {
                    assert_eq!(chars.next(), Some('\n'), "a bare CR ends a row");
                    row.push(std::mem::take(&mut cell));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => {
                    assert_ne!(c, '\n', "a bare LF outside quotes");
                    cell.push(c)
                }
            }
        }
        assert!(
            cell.is_empty() && row.is_empty(),
            "the last row ends with CRLF"
        );
        rows
    }

    #[test]
    fn quotes_csv_has_one_row_per_quote_with_its_speaker() {
        let a = analysis("\"We will win, and soon,\" Jane Smith said on Monday.");
        let rows = parse_csv(&quotes_csv(&a));
        assert_eq!(rows.len(), 1 + a.quotes.len());
        assert_eq!(rows[0][0], "quote");
        assert_eq!(rows[1][0], "We will win, and soon,");
        assert_eq!(rows[1][1], "Jane Smith");
        assert_eq!(rows[1][5], "full");
        assert_eq!(rows[1][7], a.quotes[0].start.to_string());
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_defused() {
        let hostile = |text: &str| crate::Quote {
            text: text.to_owned(),
            start: 0,
            end: 1,
            kind: crate::QuoteKind::Full,
            speaker: Some(crate::Speaker {
                name: "@Bob".to_owned(),
                entity_id: None,
                mention: None,
            }),
            cue: None,
            rule: Some("-rule".to_owned()),
            rule_id: None,
        };
        let a = Analysis {
            quotes: [
                "=HYPERLINK(\"http://x\"),\nsaid",
                "+1",
                "-1",
                "\tx",
                "\rx",
                "'quoted",
            ]
            .map(hostile)
            .into(),
            ..Analysis::default()
        };
        let csv = quotes_csv(&a);
        let rows = parse_csv(&csv);
        for cell in rows.iter().skip(1).flatten() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} in {csv}"
            );
        }
        assert_eq!(rows[1][0], "'=HYPERLINK(\"http://x\"),\nsaid");
        assert_eq!(rows[1][1], "'@Bob");
        assert_eq!(rows[6][0], "'quoted");
    }

    #[test]
    fn negative_coordinates_stay_numbers() {
        let mut csv = Csv::new(&["lat"]);
        csv.number(Some(-33.86));
        csv.text("-5 degrees");
        csv.end_row();
        assert_eq!(csv.out, "lat\r\n-33.86,\"'-5 degrees\"\r\n");
    }

    #[test]
    fn entities_csv_counts_mentions_and_locates_places() {
        let mut a = analysis("Jane Smith flew to Paris. Smith said it was cold.");
        let jane = a
            .entities
            .iter()
            .find(|e| e.name == "Jane Smith")
            .expect("Jane Smith");
        a.places = vec![place(jane.id, "Somewhere", -1.5, 2.25)];
        let rows = parse_csv(&entities_csv(&a));
        let row = rows.iter().find(|r| r[1] == "Jane Smith").expect("row");
        assert_eq!(row[2..4], ["PERSON", "2"]);
        assert_eq!(row[6..8], ["-1.5", "2.25"]);
    }

    fn place(entity_id: usize, name: &str, lat: f64, lon: f64) -> crate::Place {
        crate::Place {
            entity_id,
            name: name.to_owned(),
            lat,
            lon,
            country: None,
            kind: crate::PlaceKind::City,
        }
    }

    #[test]
    fn geojson_points_are_longitude_first() {
        let a = Analysis {
            places: vec![
                place(0, "Sydney", -33.87, 151.21),
                place(1, "Lima", -12.05, -77.04),
            ],
            ..Analysis::default()
        };
        let geo: serde_json::Value = serde_json::from_str(&places_geojson(&a)).expect("JSON");
        assert_eq!(geo["type"], "FeatureCollection");
        let features = geo["features"].as_array().expect("features");
        assert_eq!(features.len(), 2);
        assert_eq!(features[0]["geometry"]["type"], "Point");
        assert_eq!(
            features[0]["geometry"]["coordinates"],
            json!([151.21, -33.87])
        );
        assert_eq!(features[1]["properties"]["name"], "Lima");
        assert_eq!(features[1]["properties"]["entityId"], 1);
    }

    #[test]
    fn json_export_reads_back_as_the_same_analysis() {
        let a = analysis("\"Fine,\" said Ann Lee in Rome.");
        let back: Analysis = serde_json::from_str(&json(&a)).expect("JSON");
        assert_eq!(back, a);
    }
}
