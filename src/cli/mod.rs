//! Command-line parsing and the commands. Every failure becomes one line on standard error and a
//! non-zero exit; nothing panics on bad input.

mod conll;
mod input;
mod jsonl;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use article_analyzer::{analyze_with, Offsets, Options};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "article-analyzer",
    version,
    about = "Quotes, speakers, entities, places and dates in news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze one article (UTF-8 text) and print the Analysis as JSON.
    Analyze {
        /// The article; standard input when absent.
        file: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
    },
    /// Analyze lines of `{"id": ..., "text": "..."}`, printing `{"id": ..., "analysis": {...}}`
    /// lines in the same order, using every core.
    Jsonl {
        /// The lines; standard input when absent.
        file: Option<PathBuf>,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Tag CoNLL-2003 columns, printing `TOKEN GOLD PRED` for each token line.
    Conll {
        /// The columns; standard input when absent.
        file: Option<PathBuf>,
    },
}

/// An error to report on one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Input(String),
    #[error("writing the output: {0}")]
    Output(io::Error),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze { file, pretty } => analyze(file, pretty),
        Command::Jsonl { file, threads } => jsonl::run(file, threads),
        Command::Conll { file } => conll::run(file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`| head`): nothing left to say.
        Err(CliError::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-analyzer: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The options every JSON-writing command uses: offsets in UTF-16 code units.
pub fn json_options() -> Options {
    Options::default().offsets(Offsets::Utf16)
}

fn analyze(file: Option<PathBuf>, pretty: bool) -> Result<(), CliError> {
    let bytes = input::read_all(file.as_deref())?;
    let text = input::utf8(&bytes, None)?;
    let analysis = analyze_with(text, &json_options());
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let json = if pretty {
        serde_json::to_string_pretty(&analysis)
    } else {
        serde_json::to_string(&analysis)
    }
    .map_err(|e| CliError::Input(e.to_string()))?;
    writeln!(out, "{json}").map_err(CliError::Output)?;
    out.flush().map_err(CliError::Output)
}
