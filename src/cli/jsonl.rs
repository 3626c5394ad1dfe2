//! `jsonl`: many articles, one JSON object a line, analyzed on every core, written in input order.

use std::io::{self, Write};
use std::path::PathBuf;

use article_analyzer::{analyze_with, readers, Analysis};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};

use super::{input, json_options, CliError};

/// Lines analyzed together: enough to keep every core busy, few enough to stream.
const BATCH: usize = 256;

/// An output line. Written straight from the analysis: `json!` would first copy it into a
/// `Value`, which was a fifth of the command's time.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a Value,
    analysis: &'a Analysis,
}

/// One output line for one input line: the analysis, or the reason there is none.
fn process(number: usize, line: io::Result<Vec<u8>>) -> Result<String, (String, Value)> {
    let line = line.map_err(|e| (format!("line {number}: cannot read: {e}"), Value::Null))?;
    let article = readers::article(&line, number).map_err(|e| (e.message, e.id))?;
    input::not_too_long(&article.text, Some(number))
        .map_err(|e| (e.to_string(), article.id.clone()))?;
    let analysis = analyze_with(&article.text, &json_options());
    let line = Line {
        id: &article.id,
        analysis: &analysis,
    };
    serde_json::to_string(&line).map_err(|e| (format!("line {number}: {e}"), article.id.clone()))
}

pub fn run(file: Option<PathBuf>, threads: Option<usize>) -> Result<(), CliError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Input(format!("cannot start worker threads: {e}")))?;
    let reader = input::open(file.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    let mut lines = input::lines(reader).filter(|(_, l)| {
        l.as_ref()
            .map_or(true, |l| !l.iter().all(u8::is_ascii_whitespace))
    });
    loop {
        let batch: Vec<_> = lines.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<_> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|(number, line)| process(number, line))
                .collect()
        });
        for result in results {
            let line = match result {
                Ok(line) => line,
                Err((message, id)) => {
                    eprintln!("article-analyzer: {message}");
                    bad += 1;
                    // Keep one output line per input line, so outputs still line up with inputs.
                    json!({ "id": id, "error": message }).to_string()
                }
            };
            writeln!(out, "{line}").map_err(CliError::Output)?;
        }
    }
    out.flush().map_err(CliError::Output)?;
    if bad > 0 {
        return Err(CliError::Input(format!(
            "{bad} line(s) could not be analyzed"
        )));
    }
    Ok(())
}
