//! Reading the commands' input: a file or standard input. What is read is checked and parsed by
//! the library's `readers`, which the fuzz targets exercise without I/O.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use article_analyzer::readers;

use super::CliError;

pub use readers::lines;

fn describe(path: Option<&Path>) -> String {
    path.map_or_else(|| "standard input".to_owned(), |p| p.display().to_string())
}

/// Opens `path`, or standard input when there is none, for reading.
pub fn open(path: Option<&Path>) -> Result<Box<dyn BufRead>, CliError> {
    match path {
        Some(p) => {
            let file = std::fs::File::open(p)
                .map_err(|e| CliError::Input(format!("cannot read {}: {e}", p.display())))?;
            Ok(Box::new(BufReader::new(file)))
        }
        None => Ok(Box::new(BufReader::new(io::stdin()))),
    }
}

/// Reads all of `path` (or standard input).
pub fn read_all(path: Option<&Path>) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", describe(path))))?;
    Ok(bytes)
}

/// An error if `text` (of the given line) is longer than the analyzer reads.
pub fn not_too_long(text: &str, line: Option<usize>) -> Result<(), CliError> {
    if text.len() <= article_analyzer::MAX_TEXT {
        return Ok(());
    }
    let line = line.map_or_else(String::new, |n| format!("line {n}: "));
    Err(CliError::Input(format!(
        "{line}a text of {} bytes is longer than the {} bytes the analyzer reads as one text",
        text.len(),
        article_analyzer::MAX_TEXT
    )))
}

/// The bytes as text, or an error naming the line (when given) and where the bad byte is.
pub fn utf8(bytes: &[u8], line: Option<usize>) -> Result<&str, CliError> {
    readers::utf8(bytes, line).map_err(|e| CliError::Input(e.to_string()))
}
