//! `bench`: times the analyzer natively on a file of articles (the `jsonl` input), for
//! scripts/bench; bench/engine.mjs does the same for the wasm module and for compromise.
//!
//! After a warm-up (a second of analyses), it times two things: every article analyzed on
//! its own, and all of them as one text (joined by blank lines). Each is timed `runs` times, or
//! fewer once a time budget is spent (but at least once); a run of a short input repeats it until
//! the run lasts 100 ms, and counts the time per repetition. Prints one JSON object: the times in
//! milliseconds, what the analyses found, and the process's peak resident memory.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use article_analyzer::readers::Article;
use article_analyzer::{analyze_with, Analysis, EntityType};
use serde_json::json;

use super::{input, json_options, CliError};

const WARM_UP: Duration = Duration::from_secs(1);
const MIN_RUN: Duration = Duration::from_millis(100);

pub fn run(file: &Path, runs: usize, budget: Duration) -> Result<(), CliError> {
    let mut articles = Vec::new();
    for (number, line) in input::lines(input::open(Some(file))?) {
        let line = line.map_err(|e| CliError::Input(format!("line {number}: {e}")))?;
        let text = input::utf8(&line, Some(number))?;
        if text.trim().is_empty() {
            continue;
        }
        let article: Article = serde_json::from_str(text)
            .map_err(|e| CliError::Input(format!("line {number}: {e}")))?;
        articles.push(article.text);
    }
    let whole = articles.join("\n\n");
    let options = json_options();
    let analyze = |text: &str| black_box(analyze_with(text, &options));

    let mut found = Found::default();
    for text in &articles {
        found.add(&analyze(text));
    }
    let start = Instant::now();
    'warm: loop {
        for text in &articles {
            analyze(text);
            if start.elapsed() >= WARM_UP {
                break 'warm;
            }
        }
    }
    let each = measure(runs, budget, || {
        for text in &articles {
            analyze(text);
        }
    });
    let all = measure(runs, budget, || {
        analyze(&whole);
    });
    let report = json!({
        "articles": articles.len(),
        "bytes": articles.iter().map(String::len).sum::<usize>(),
        "eachMs": median(&each),
        "eachRunsMs": each,
        "wholeMs": median(&all),
        "wholeRunsMs": all,
        "found": found,
        "peakBytes": peak_rss(),
    });
    println!("{report}");
    Ok(())
}

/// Times `f`: `runs` times, or fewer once `budget` is spent, but at least once. When one call is
/// shorter than [`MIN_RUN`], each run repeats it that long and counts the time per call.
fn measure(runs: usize, budget: Duration, mut f: impl FnMut()) -> Vec<f64> {
    let start = Instant::now();
    f();
    let first = start.elapsed();
    let reps = (MIN_RUN.as_secs_f64() / first.as_secs_f64().max(1e-9)).ceil() as u32;
    let mut times = Vec::new();
    if reps <= 1 {
        // Long enough to count as a run itself.
        times.push(first.as_secs_f64() * 1e3);
    }
    let reps = reps.max(1);
    while times.len() < runs.max(1) && (times.is_empty() || start.elapsed() < budget) {
        let run = Instant::now();
        for _ in 0..reps {
            f();
        }
        times.push(run.elapsed().as_secs_f64() * 1e3 / f64::from(reps));
    }
    times
}

/// What the analyses of the articles found, to show next to the time they took.
#[derive(Default, serde::Serialize)]
struct Found {
    quotes: usize,
    people: usize,
    organizations: usize,
    places: usize,
}

impl Found {
    fn add(&mut self, analysis: &Analysis) {
        self.quotes += analysis.quotes.len();
        for entity in &analysis.entities {
            match entity.kind {
                EntityType::Person => self.people += 1,
                EntityType::Org => self.organizations += 1,
                EntityType::Place => self.places += 1,
                _ => {}
            }
        }
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The most memory this process has held (VmHWM), where Linux says it.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
