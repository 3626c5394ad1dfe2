//! `conll`: the tagger on CoNLL-2003 columns, one document at a time.

use std::io::{self, Write};
use std::path::PathBuf;

use article_analyzer::readers::{conll_sentences, ConllLine};
use article_analyzer::tag_tokens;

use super::{input, CliError};

pub fn run(file: Option<PathBuf>) -> Result<(), CliError> {
    let reader = input::open(file.as_deref())?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // One document's lines, as read.
    let mut document: Vec<String> = Vec::new();
    for (number, line) in input::lines(reader) {
        let bytes =
            line.map_err(|e| CliError::Input(format!("line {number}: cannot read: {e}")))?;
        let text = input::utf8(&bytes, Some(number))?;
        if matches!(ConllLine::parse(text), ConllLine::DocStart(_)) {
            flush(&document, &mut out)?;
            document.clear();
        }
        document.push(text.to_owned());
    }
    flush(&document, &mut out)?;
    out.flush().map_err(CliError::Output)
}

/// Tags and writes one document's lines: structure lines as they are (blank lines empty), token
/// lines as `TOKEN GOLD PRED`.
fn flush(document: &[String], out: &mut impl Write) -> Result<(), CliError> {
    let lines: Vec<ConllLine> = document.iter().map(|l| ConllLine::parse(l)).collect();
    let labels = tag_tokens(&conll_sentences(&lines));
    let mut predicted = labels.iter().flatten();
    for line in &lines {
        match line {
            ConllLine::DocStart(text) => writeln!(out, "{text}"),
            ConllLine::Blank => writeln!(out),
            ConllLine::Token { token, gold } => {
                let pred = predicted.next().map_or("O", String::as_str);
                writeln!(out, "{token} {gold} {pred}")
            }
        }
        .map_err(CliError::Output)?;
    }
    Ok(())
}
