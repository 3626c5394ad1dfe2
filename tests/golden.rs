//! The seed article against its gold annotation: prints how much of the gold the analyzer gets
//! right, and holds the line on what must not regress.

mod common;

use article_analyzer::{analyze_with, Analysis, EntityType, Offsets, Options};
use serde_json::Value;

struct Seed {
    text: String,
    gold: Value,
    analysis: Analysis,
}

fn seed() -> Seed {
    let text = std::fs::read_to_string(common::shared("fixtures/seed-article.txt")).unwrap();
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(common::shared("fixtures/seed-article.gold.json")).unwrap(),
    )
    .unwrap();
    // The gold counts characters; the seed is ASCII, so UTF-16 offsets are the same.
    let analysis = analyze_with(&text, &Options::default().offsets(Offsets::Utf16));
    Seed {
        text,
        gold,
        analysis,
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Matches by the contract's rule: overlapping by at least half the longer span.
fn matches(a: (usize, usize), b: (usize, usize)) -> bool {
    2 * overlap(a, b) >= (a.1 - a.0).max(b.1 - b.0)
}

fn gold_type(t: &str) -> EntityType {
    serde_json::from_value(Value::String(t.to_owned())).unwrap()
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

struct Score {
    quotes: usize,
    speakers: usize,
    entities: usize,
    typed: usize,
    places: usize,
}

fn score(seed: &Seed) -> Score {
    let a = &seed.analysis;
    let gold = &seed.gold;
    let mut s = Score {
        quotes: 0,
        speakers: 0,
        entities: 0,
        typed: 0,
        places: 0,
    };
    for g in gold["quotes"].as_array().unwrap() {
        let span = (
            g["start"].as_u64().unwrap() as usize,
            g["end"].as_u64().unwrap() as usize,
        );
        if let Some(q) = a.quotes.iter().find(|q| matches((q.start, q.end), span)) {
            s.quotes += 1;
            let name = q.speaker.as_ref().map(|s| s.name.as_str());
            if name == g["speaker"].as_str() {
                s.speakers += 1;
            } else {
                println!(
                    "  speaker: {:?} for {:?} (gold {})",
                    name, q.text, g["speaker"]
                );
            }
        } else {
            println!("  missed quote: {}", g["text"]);
        }
    }
    for g in gold["entities"].as_array().unwrap() {
        let names: Vec<&str> = g["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .chain(std::iter::once(&g["name"]))
            .filter_map(Value::as_str)
            .collect();
        let found = a.entities.iter().find(|e| {
            names.contains(&e.name.as_str())
                || e.mentions.iter().any(|m| names.contains(&m.text.as_str()))
        });
        match found {
            Some(e) => {
                s.entities += 1;
                if e.kind == gold_type(g["type"].as_str().unwrap()) {
                    s.typed += 1;
                } else {
                    println!("  type: {} is {:?} (gold {})", g["name"], e.kind, g["type"]);
                }
            }
            None => println!("  missed entity: {} ({})", g["name"], g["type"]),
        }
    }
    for g in gold["places"].as_array().unwrap() {
        let at = (g["lat"].as_f64().unwrap(), g["lon"].as_f64().unwrap());
        let name = g["name"].as_str().unwrap();
        let placed = a.places.iter().find(|p| {
            p.name == name
                || a.entities.iter().any(|e| {
                    e.id == p.entity_id
                        && e.mentions.iter().any(|m| m.text.eq_ignore_ascii_case(name))
                })
        });
        match placed {
            Some(p) if haversine_km(at, (p.lat, p.lon)) <= 161.0 => s.places += 1,
            Some(p) => println!("  misplaced: {name} at {},{}", p.lat, p.lon),
            None => println!("  missed place: {name}"),
        }
    }
    s
}

#[test]
fn seed_article_scores_against_its_gold() {
    let seed = seed();
    let s = score(&seed);
    let total = |k: &str| seed.gold[k].as_array().unwrap().len();
    println!("seed article against its gold:");
    println!("  quotes found       {}/{}", s.quotes, total("quotes"));
    println!("  speakers right     {}/{}", s.speakers, total("quotes"));
    println!("  entities found     {}/{}", s.entities, total("entities"));
    println!("  entities typed     {}/{}", s.typed, total("entities"));
    println!("  places within 161 km {}/{}", s.places, total("places"));
    assert_eq!(s.quotes, total("quotes"), "every gold quote is found");
    assert_eq!(
        s.speakers,
        total("quotes"),
        "every gold quote has its speaker's canonical name"
    );
    assert_eq!(
        s.places,
        total("places"),
        "every gold place is found and placed within 161 km"
    );
}

#[test]
fn every_span_in_the_seed_analysis_is_its_text() {
    let seed = seed();
    let units: Vec<u16> = seed.text.encode_utf16().collect();
    let slice = |start: usize, end: usize| String::from_utf16(&units[start..end]).unwrap();
    for q in &seed.analysis.quotes {
        assert_eq!(slice(q.start, q.end), q.text);
    }
    for e in &seed.analysis.entities {
        for m in &e.mentions {
            assert_eq!(slice(m.start, m.end), m.text);
        }
    }
}
