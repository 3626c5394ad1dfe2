//! `eval-geo`: place recognition and resolution against a geoparsing corpus (LGL or GeoVirus XML).
//!
//! Recognition: a predicted place mention (a mention of a PLACE entity, or of a nationality the
//! analysis places in its country) is right when it overlaps a gold toponym; a gold toponym is found when a predicted mention overlaps it. Resolution: of the
//! found gold toponyms that have coordinates, the share whose predicted place lies within 161 km
//! (100 miles, the usual "accuracy at 161 km") of the gold point.

use std::fmt::Write as _;
use std::path::PathBuf;

use article_analyzer::{analyze, Analysis, EntityType};

use super::{input, CliError};

/// The distance within which a resolved place counts as right.
const WITHIN_KM: f64 = 161.0;

/// A place name in the gold annotation, as byte offsets into the article's text.
struct Toponym {
    start: usize,
    end: usize,
    name: String,
    at: Option<(f64, f64)>,
}

struct Article {
    text: String,
    toponyms: Vec<Toponym>,
}

#[derive(Default)]
struct Tally {
    gold: usize,
    found: usize,
    predicted: usize,
    right: usize,
    /// Found gold toponyms with coordinates, and those placed within `WITHIN_KM`.
    resolvable: usize,
    resolved: usize,
    errors_km: Vec<f64>,
    /// Missed gold toponyms by what the analyzer made of them: "untagged", or the type of the
    /// entity whose mention overlaps it ("ORG" for "[Texas] Department of ...").
    missed_as: std::collections::BTreeMap<String, usize>,
    /// Misplaced ones: "not in the gazetteer", or the kind of place chosen instead.
    misplaced_as: std::collections::BTreeMap<String, usize>,
}

/// One thing that went wrong, to list.
enum Miss {
    /// `name` is the toponym quoted with what the analyzer made of it: `"Texas" (ORG)`.
    Missed {
        name: String,
        context: String,
    },
    Spurious {
        name: String,
        context: String,
    },
    Misplaced {
        name: String,
        detail: String,
    },
}

pub fn run(file: PathBuf, misses: usize) -> Result<(), CliError> {
    let bytes = input::read_all(Some(&file))?;
    let xml = input::utf8(&bytes, None)?;
    let articles = parse(xml).map_err(|e| CliError::Input(format!("{}: {e}", file.display())))?;
    let mut tally = Tally::default();
    let mut listed: Vec<Miss> = Vec::new();
    for article in &articles {
        let analysis = analyze(&article.text);
        score(article, &analysis, &mut tally, &mut listed);
    }
    let mut report = String::new();
    let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
    let precision = pct(tally.right, tally.predicted);
    let recall = pct(tally.found, tally.gold);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    tally.errors_km.sort_by(f64::total_cmp);
    let median = tally
        .errors_km
        .get(tally.errors_km.len() / 2)
        .copied()
        .unwrap_or(0.0);
    let _ = writeln!(report, "{}: {} articles", file.display(), articles.len());
    let _ = writeln!(
        report,
        "recognition  P {precision:.1}  R {recall:.1}  F1 {f1:.1}   ({} of {} predicted right, {} of {} gold found)",
        tally.right, tally.predicted, tally.found, tally.gold
    );
    let _ = writeln!(
        report,
        "resolution   {:.1}% within {WITHIN_KM} km   ({} of {} found toponyms with coordinates; median error {median:.0} km)",
        pct(tally.resolved, tally.resolvable),
        tally.resolved,
        tally.resolvable
    );
    let breakdown = |m: &std::collections::BTreeMap<String, usize>| {
        let mut parts: Vec<(&String, &usize)> = m.iter().collect();
        parts.sort_by_key(|&(_, n)| std::cmp::Reverse(*n));
        parts
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(report, "missed, as    {}", breakdown(&tally.missed_as));
    let _ = writeln!(report, "misplaced, as {}", breakdown(&tally.misplaced_as));
    for (title, pick) in [("missed", 0), ("spurious", 1), ("misplaced", 2)] {
        let chosen: Vec<String> = listed
            .iter()
            .filter_map(|m| match (m, pick) {
                (Miss::Missed { name, context }, 0) => Some(format!("{name}  …{context}…")),
                (Miss::Spurious { name, context }, 1) => Some(format!("{name:?}  …{context}…")),
                (Miss::Misplaced { name, detail }, 2) => Some(format!("{name:?}  {detail}")),
                _ => None,
            })
            .take(misses)
            .collect();
        if !chosen.is_empty() {
            let _ = writeln!(report, "\n{title} (first {}):", chosen.len());
            for line in chosen {
                let _ = writeln!(report, "  {line}");
            }
        }
    }
    print!("{report}");
    Ok(())
}

fn score(article: &Article, analysis: &Analysis, tally: &mut Tally, listed: &mut Vec<Miss>) {
    let text = &article.text;
    let placed: Vec<usize> = analysis.places.iter().map(|p| p.entity_id).collect();
    let predicted: Vec<(usize, usize, usize)> = analysis
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Place || placed.contains(&e.id))
        .flat_map(|e| e.mentions.iter().map(move |m| (m.start, m.end, e.id)))
        .collect();
    let overlaps = |s: usize, e: usize, t: &Toponym| s < t.end && t.start < e;
    tally.predicted += predicted.len();
    for &(s, e, _) in &predicted {
        if article.toponyms.iter().any(|t| overlaps(s, e, t)) {
            tally.right += 1;
        } else {
            listed.push(Miss::Spurious {
                name: text[s..e].to_owned(),
                context: context(text, s, e),
            });
        }
    }
    tally.gold += article.toponyms.len();
    for t in &article.toponyms {
        let Some(&(_, _, id)) = predicted.iter().find(|&&(s, e, _)| overlaps(s, e, t)) else {
            let as_what = analysis
                .entities
                .iter()
                .find(|e| {
                    e.mentions
                        .iter()
                        .any(|m| m.start < t.end && t.start < m.end)
                })
                .map_or_else(
                    || "untagged".to_owned(),
                    |e| {
                        serde_json::to_value(e.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_owned))
                            .unwrap_or_default()
                    },
                );
            listed.push(Miss::Missed {
                name: format!("{:?} ({as_what})", t.name),
                context: context(text, t.start, t.end),
            });
            *tally.missed_as.entry(as_what).or_default() += 1;
            continue;
        };
        tally.found += 1;
        let Some(gold) = t.at else { continue };
        tally.resolvable += 1;
        match analysis.places.iter().find(|p| p.entity_id == id) {
            Some(p) => {
                let km = haversine_km(gold, (p.lat, p.lon));
                tally.errors_km.push(km);
                if km <= WITHIN_KM {
                    tally.resolved += 1;
                } else {
                    let why = format!("another {:?}", p.kind).to_lowercase();
                    *tally.misplaced_as.entry(why).or_default() += 1;
                    listed.push(Miss::Misplaced {
                        name: t.name.clone(),
                        detail: format!(
                            "as {} ({:?} {}, {:.2},{:.2}), gold {:.2},{:.2}: {km:.0} km; with {}",
                            p.name,
                            p.kind,
                            p.country.as_deref().unwrap_or("-"),
                            p.lat,
                            p.lon,
                            gold.0,
                            gold.1,
                            others(analysis, id)
                        ),
                    });
                }
            }
            None => {
                *tally
                    .misplaced_as
                    .entry("not in the gazetteer".to_owned())
                    .or_default() += 1;
                listed.push(Miss::Misplaced {
                    name: t.name.clone(),
                    detail: "not in the gazetteer".to_owned(),
                });
            }
        }
    }
}

/// The article's other places, as the analyzer located them: the context a reading had.
fn others(analysis: &Analysis, id: usize) -> String {
    let names: Vec<String> = analysis
        .places
        .iter()
        .filter(|p| p.entity_id != id)
        .take(8)
        .map(|p| format!("{} {}", p.name, p.country.as_deref().unwrap_or("-")))
        .collect();
    names.join(", ")
}

/// A few words either side of `start..end`, on one line.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut floor = start.saturating_sub(40);
    while !text.is_char_boundary(floor) {
        floor -= 1;
    }
    let mut ceil = (end + 40).min(text.len());
    while !text.is_char_boundary(ceil) {
        ceil += 1;
    }
    format!(
        "{}[{}]{}",
        &text[floor..start],
        &text[start..end],
        &text[end..ceil]
    )
    .replace(['\n', '\r'], " ")
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.1 - a.1).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Reads LGL (`<toponym>` with a `<gaztag>`) or GeoVirus (`<location>`) articles. Offsets there
/// count characters; GeoVirus's are one too high, so each span is checked against its text and
/// shifted when that is what makes it match.
fn parse(xml: &str) -> Result<Vec<Article>, String> {
    let doc = roxmltree::Document::parse(xml).map_err(|e| e.to_string())?;
    let mut articles = Vec::new();
    for a in doc.descendants().filter(|n| n.has_tag_name("article")) {
        let text = text_of(a, "text").ok_or("an article without <text>")?;
        // Character offsets to byte offsets (and one past the end).
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let mut toponyms = Vec::new();
        for t in a
            .descendants()
            .filter(|n| n.has_tag_name("toponym") || n.has_tag_name("location"))
        {
            let name = text_of(t, "phrase")
                .or_else(|| text_of(t, "name"))
                .ok_or("a toponym without a name")?;
            let (Some(start), Some(end)) = (number(t, "start"), number(t, "end")) else {
                return Err(format!("toponym {name:?} without offsets"));
            };
            let (start, end) = (start as usize, end as usize);
            let span = |s: usize, e: usize| -> Option<(usize, usize)> {
                let (bs, be) = (*bytes.get(s)?, *bytes.get(e)?);
                (text.get(bs..be)? == name).then_some((bs, be))
            };
            let Some((start, end)) =
                span(start, end).or_else(|| span(start.checked_sub(1)?, end.checked_sub(1)?))
            else {
                return Err(format!(
                    "toponym {name:?} at {start}..{end} is not in the text"
                ));
            };
            let place = child(t, "gaztag").unwrap_or(t);
            let at = number(place, "lat").zip(number(place, "lon"));
            toponyms.push(Toponym {
                start,
                end,
                name,
                at,
            });
        }
        articles.push(Article { text, toponyms });
    }
    Ok(articles)
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

fn text_of(n: roxmltree::Node, name: &str) -> Option<String> {
    Some(child(n, name)?.text().unwrap_or("").to_owned())
}

fn number(n: roxmltree::Node, name: &str) -> Option<f64> {
    child(n, name)?.text()?.trim().parse().ok()
}
