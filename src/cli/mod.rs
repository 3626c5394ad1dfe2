//! Command-line parsing and the commands. Every failure becomes one line on standard error and a
//! non-zero exit; nothing panics on bad input.

mod bench;
mod conll;
mod eval_geo;
mod eval_quotes;
mod input;
mod jsonl;
mod ner;
mod polnear;

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
    /// Train the named-entity tagger on CoNLL-2003 columns, keeping the epoch that scores best
    /// on the dev set.
    TrainNer {
        #[arg(long)]
        train: PathBuf,
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model (assets/ner/model.bin for the app).
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 15)]
        epochs: usize,
        /// Features are hashed to 2^bits rows.
        #[arg(long, default_value_t = 19)]
        bits: u32,
        /// Bytes per weight: 1 or 2.
        #[arg(long, default_value_t = 1)]
        width: u8,
        /// Drop weights below this, of 32767 (the largest weight).
        #[arg(long, default_value_t = 800)]
        prune: i16,
        /// Feature families: lists, doc-case, doc-tags, clusters, doc-context (comma-separated), or none.
        #[arg(long, default_value = "lists,doc-case,doc-tags,clusters,doc-context", value_parser = ner::feature_set)]
        features: article_analyzer::ner::FeatureSet,
        /// Folds for the second pass's first-pass tags.
        #[arg(long, default_value_t = 4)]
        folds: usize,
    },
    /// Build the tagger's word classes from unlabeled text (assets/ner/clusters.bin).
    NerClusters {
        /// CoNLL-2003 columns (their tokens only).
        #[arg(long)]
        conll: Vec<PathBuf>,
        /// Plain-text files, or folders of them.
        #[arg(long)]
        text: Vec<PathBuf>,
        /// XML files whose <text> elements hold articles.
        #[arg(long)]
        xml: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Numbers of classes, coarse to fine (at most three).
        #[arg(long, value_delimiter = ',', default_values_t = [64, 256, 1024])]
        classes: Vec<usize>,
        #[arg(long, default_value_t = 3)]
        min_count: usize,
        #[arg(long, default_value_t = 30000)]
        max_words: usize,
        #[arg(long, default_value_t = 15)]
        iterations: usize,
    },
    /// Score the tagger on CoNLL-2003 columns: per-type precision, recall and F1, as conlleval.
    EvalNer {
        file: PathBuf,
        /// A model file instead of the embedded one.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Measure the tagger's speed on CoNLL-2003 columns, on one thread.
    BenchNer {
        file: PathBuf,
        #[arg(long)]
        model: Option<PathBuf>,
        #[arg(long, default_value_t = 5)]
        rounds: usize,
    },
    /// Time the analyzer on `jsonl` input, each article alone and all as one text, and print the
    /// figures as JSON (scripts/bench runs it).
    Bench {
        /// The articles, one `{"id": ..., "text": "..."}` a line.
        file: PathBuf,
        /// Timed runs of each measurement.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Seconds after which a measurement stops starting runs (it makes at least one).
        #[arg(long, default_value_t = 60)]
        budget: u64,
    },
    /// Score the direct quotes and their speakers against a PolNeAR folder (`text/`,
    /// `attributions/`): precision, recall, F1, speaker accuracy, and the misses.
    EvalQuotes {
        /// The folder, e.g. ../shared/data/quotes/polnear/dev.
        dir: PathBuf,
        /// List this many misses of each kind (missed, unmatched, wrong speaker).
        #[arg(long, default_value_t = 0)]
        misses: usize,
    },
    /// Score place recognition and resolution against a geoparsing corpus (LGL or GeoVirus XML).
    EvalGeo {
        /// The corpus.
        file: PathBuf,
        /// How many of each kind of miss to list.
        #[arg(long, default_value_t = 0)]
        misses: usize,
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
        Command::TrainNer {
            train,
            dev,
            out,
            seed,
            epochs,
            bits,
            width,
            prune,
            features,
            folds,
        } => ner::train(ner::TrainArgs {
            train,
            dev,
            out,
            config: article_analyzer::ner::train::Config {
                seed,
                epochs,
                bits,
                set: features,
                folds,
                width,
                prune,
            },
        }),
        Command::NerClusters {
            conll,
            text,
            xml,
            out,
            classes,
            min_count,
            max_words,
            iterations,
        } => ner::clusters(ner::ClusterArgs {
            conll,
            text,
            xml,
            out,
            config: article_analyzer::ner::word_classes::Config {
                classes,
                min_count,
                max_words,
                iterations,
            },
        }),
        Command::EvalNer { file, model } => ner::eval(&file, model.as_deref()),
        Command::BenchNer {
            file,
            model,
            rounds,
        } => ner::bench(&file, model.as_deref(), rounds),
        Command::Bench { file, runs, budget } => {
            bench::run(&file, runs, std::time::Duration::from_secs(budget))
        }
        Command::EvalQuotes { dir, misses } => eval_quotes::run(&dir, misses),
        Command::EvalGeo { file, misses } => eval_geo::run(file, misses),
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
    input::not_too_long(text, None)?;
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
