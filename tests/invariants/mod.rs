//! The promises every analysis keeps, whatever the text. The property tests
//! (tests/properties.rs), the edge-input tests (tests/edge_inputs.rs) and the fuzz targets
//! (fuzz/fuzz_targets/, which include this file by path) all check them through [`check`]:
//!
//! - every span (any object of the JSON with a `start` and an `end`) lies inside the text, on
//!   character boundaries, and its `text`, where it has one, is the text between them;
//! - counted in UTF-16 code units, the same spans index the same text in a JavaScript string,
//!   and equal the byte offsets converted independently of the analyzer's own conversion;
//! - the same text gives the same analysis every time;
//! - ids hold together: entity ids are unique, each entity has a mention, and speakers and
//!   places refer to entities that exist; coordinates are on the globe.
//!
//! Spans are found in the JSON rather than field by field, so spans that later versions add are
//! checked too.

use std::collections::{HashMap, HashSet};

use article_analyzer::{analyze_with, Analysis, Offsets, Options};
use serde_json::Value;

/// Analyzes `text` twice with byte offsets and once with UTF-16 offsets, and checks every
/// promise; returns the analysis with byte offsets, or what broke.
pub fn check(text: &str) -> Result<Analysis, String> {
    let bytes = analyze_with(text, &Options::default());
    if analyze_with(text, &Options::default()) != bytes {
        return Err("two analyses of the same text differ".into());
    }
    let utf16 = analyze_with(text, &Options::default().offsets(Offsets::Utf16));
    if bytes.offsets != Offsets::Bytes || utf16.offsets != Offsets::Utf16 {
        return Err(format!(
            "offsets say {:?} and {:?}",
            bytes.offsets, utf16.offsets
        ));
    }
    let bytes_json = spans(text, &bytes)?;
    let mut spans = Vec::new();
    collect(&bytes_json, String::new(), &mut spans);

    let utf16_json = json(&utf16)?;
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut spans16 = Vec::new();
    collect(&utf16_json, String::new(), &mut spans16);
    for s in &spans16 {
        let slice = units
            .get(s.start..s.end)
            .map(String::from_utf16)
            .and_then(Result::ok)
            .ok_or_else(|| {
                format!(
                    "{}: UTF-16 {}..{} does not cut the text between characters",
                    s.path, s.start, s.end
                )
            })?;
        if s.text.as_ref().is_some_and(|t| *t != slice) {
            return Err(format!(
                "{}: text {:?} but the JavaScript string at {}..{} is {slice:?}",
                s.path, s.text, s.start, s.end
            ));
        }
    }

    let wanted: HashSet<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    let table = utf16_offsets(text, &wanted);
    let mut converted = bytes_json;
    convert(&mut converted, &table);
    converted["offsets"] = Value::from("utf16");
    if let Some(at) = difference(&converted, &utf16_json, "analysis") {
        return Err(format!(
            "UTF-16 offsets differ from the byte offsets converted: at {at}"
        ));
    }
    Ok(bytes)
}

/// Checks one analysis with byte offsets on its own (for texts too big to analyze three times):
/// ids hold together, and every span is a slice of the text whose `text` is that slice. Returns
/// the analysis as JSON.
pub fn spans(text: &str, analysis: &Analysis) -> Result<Value, String> {
    if analysis.offsets != Offsets::Bytes {
        return Err("spans() checks byte offsets".into());
    }
    ids(analysis)?;
    let json = json(analysis)?;
    let mut spans = Vec::new();
    collect(&json, String::new(), &mut spans);
    for s in &spans {
        let slice = text.get(s.start..s.end).ok_or_else(|| {
            format!(
                "{}: {}..{} is not a slice of the text",
                s.path, s.start, s.end
            )
        })?;
        if s.text.as_ref().is_some_and(|t| t != slice) {
            return Err(format!(
                "{}: text {:?} but the text at {}..{} is {slice:?}",
                s.path, s.text, s.start, s.end
            ));
        }
    }
    Ok(json)
}

fn json(analysis: &Analysis) -> Result<Value, String> {
    serde_json::to_value(analysis).map_err(|e| format!("the analysis is not JSON: {e}"))
}

fn ids(a: &Analysis) -> Result<(), String> {
    let mut seen = HashSet::new();
    for e in &a.entities {
        if !seen.insert(e.id) {
            return Err(format!("entity id {} twice", e.id));
        }
        if e.mentions.is_empty() {
            return Err(format!("entity {} ({:?}) has no mention", e.id, e.name));
        }
    }
    let speakers = a
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref())
        .chain(a.reported.iter().filter_map(|r| r.speaker.as_ref()));
    for id in speakers.filter_map(|s| s.entity_id) {
        if !seen.contains(&id) {
            return Err(format!(
                "a speaker refers to entity {id}, which is not listed"
            ));
        }
    }
    for p in &a.places {
        if !seen.contains(&p.entity_id) {
            return Err(format!(
                "place {:?} refers to entity {}",
                p.name, p.entity_id
            ));
        }
        if !((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon)) {
            return Err(format!("place {:?} at {}, {}", p.name, p.lat, p.lon));
        }
    }
    Ok(())
}

/// An object of the JSON that has a `start` and an `end`.
struct Span {
    path: String,
    start: usize,
    end: usize,
    text: Option<String>,
}

fn offset(v: Option<&Value>) -> Option<usize> {
    v?.as_u64().and_then(|n| usize::try_from(n).ok())
}

fn collect(v: &Value, path: String, out: &mut Vec<Span>) {
    match v {
        Value::Object(map) => {
            if let (Some(start), Some(end)) = (offset(map.get("start")), offset(map.get("end"))) {
                out.push(Span {
                    path: path.clone(),
                    start,
                    end,
                    text: map.get("text").and_then(Value::as_str).map(str::to_owned),
                });
            }
            for (k, child) in map {
                collect(child, format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// The UTF-16 offset of each wanted byte offset that falls between characters, counted char by
/// char (not by the analyzer's `text::bytes_to_utf16`).
fn utf16_offsets(text: &str, wanted: &HashSet<usize>) -> HashMap<usize, usize> {
    let mut table = HashMap::new();
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if wanted.contains(&i) {
            table.insert(i, units);
        }
        units += c.len_utf16();
    }
    table.insert(text.len(), units);
    table
}

fn convert(v: &mut Value, table: &HashMap<usize, usize>) {
    match v {
        Value::Object(map) => {
            let has_span = offset(map.get("start")).is_some() && offset(map.get("end")).is_some();
            for (k, child) in map.iter_mut() {
                match offset(Some(child)) {
                    Some(o) if has_span && (k == "start" || k == "end") => {
                        *child = table.get(&o).map_or(Value::Null, |&u| Value::from(u));
                    }
                    _ => convert(child, table),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| convert(c, table)),
        _ => {}
    }
}

/// Where two JSON values first differ, if they do.
fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: HashSet<&String> = x.keys().chain(y.keys()).collect();
            let mut keys: Vec<&String> = keys.into_iter().collect();
            keys.sort();
            keys.into_iter().find_map(|k| match (x.get(k), y.get(k)) {
                (Some(p), Some(q)) => difference(p, q, &format!("{path}.{k}")),
                _ => Some(format!("{path}.{k} (only on one side)")),
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (p, q))| difference(p, q, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}
