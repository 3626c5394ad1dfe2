//! Reading the commands' input: a file or standard input, checked for UTF-8.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use super::CliError;

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

/// The bytes as text, or an error naming the line (when given) and where the bad byte is.
pub fn utf8(bytes: &[u8], line: Option<usize>) -> Result<&str, CliError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line_no =
            line.unwrap_or_else(|| 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count());
        CliError::Input(format!(
            "line {line_no}: input is not UTF-8 (invalid byte 0x{:02X} at byte {at})",
            bytes[at]
        ))
    })
}

/// Splits input into lines (without their `\n` or `\r\n`), numbered from 1.
pub fn lines(reader: Box<dyn BufRead>) -> impl Iterator<Item = (usize, io::Result<Vec<u8>>)> {
    reader.split(b'\n').enumerate().map(|(i, line)| {
        let line = line.map(|mut l| {
            if l.last() == Some(&b'\r') {
                l.pop();
            }
            l
        });
        (i + 1, line)
    })
}
