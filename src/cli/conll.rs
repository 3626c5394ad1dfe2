//! `conll`: the tagger on CoNLL-2003 columns, one document at a time.

use std::io::{self, Write};
use std::path::PathBuf;

use article_analyzer::tag_tokens;

use super::{input, CliError};

/// A line of the input as the output needs it.
enum Line {
    /// `-DOCSTART-` or a blank line: copied as it is.
    Copied(String),
    /// A token with its gold label (the last column).
    Token { token: String, gold: String },
}

pub fn run(file: Option<PathBuf>) -> Result<(), CliError> {
    let reader = input::open(file.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut document: Vec<Line> = Vec::new();
    for (number, line) in input::lines(reader) {
        let bytes =
            line.map_err(|e| CliError::Input(format!("line {number}: cannot read: {e}")))?;
        let text = input::utf8(&bytes, Some(number))?;
        let trimmed = text.trim();
        if trimmed.starts_with("-DOCSTART-") {
            flush(&mut document, &mut out)?;
            document.push(Line::Copied(text.to_owned()));
        } else if trimmed.is_empty() {
            document.push(Line::Copied(String::new()));
        } else {
            let columns: Vec<&str> = trimmed.split_whitespace().collect();
            let gold = if columns.len() > 1 {
                columns[columns.len() - 1]
            } else {
                "O"
            };
            document.push(Line::Token {
                token: columns[0].to_owned(),
                gold: gold.to_owned(),
            });
        }
    }
    flush(&mut document, &mut out)?;
    out.flush().map_err(CliError::Output)
}

/// Tags and writes one document's lines, leaving `document` empty.
fn flush(document: &mut Vec<Line>, out: &mut impl Write) -> Result<(), CliError> {
    let mut sentences: Vec<Vec<&str>> = vec![Vec::new()];
    for line in document.iter() {
        match line {
            Line::Token { token, .. } => sentences.last_mut().expect("never empty").push(token),
            Line::Copied(_) => {
                if !sentences.last().expect("never empty").is_empty() {
                    sentences.push(Vec::new());
                }
            }
        }
    }
    let labels = tag_tokens(&sentences);
    let mut predicted = labels.iter().flatten();
    for line in document.iter() {
        match line {
            Line::Copied(text) => writeln!(out, "{text}"),
            Line::Token { token, gold } => {
                let pred = predicted.next().map_or("O", String::as_str);
                writeln!(out, "{token} {gold} {pred}")
            }
        }
        .map_err(CliError::Output)?;
    }
    document.clear();
    Ok(())
}
