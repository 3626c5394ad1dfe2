//! `train-ner`, `eval-ner` and `bench-ner`: the tagger's training, its conlleval-style score,
//! and its speed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use article_analyzer::ner::corpus::{self, Document};
use article_analyzer::ner::train::{self, Config};
use article_analyzer::ner::FeatureSet;
use article_analyzer::ner::{self, word_classes, Model};

use super::{input, CliError};

fn documents(path: &Path) -> Result<Vec<Document>, CliError> {
    let bytes = input::read_all(Some(path))?;
    let text = input::utf8(&bytes, None)?;
    corpus::read(text).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))
}

fn model(path: Option<&Path>) -> Result<Model, CliError> {
    match path {
        None => Ok(ner::model().clone()),
        Some(path) => {
            let bytes = input::read_all(Some(path))?;
            Model::from_bytes(&bytes).ok_or_else(|| {
                CliError::Input(format!("{}: not a model of this version", path.display()))
            })
        }
    }
}

/// Parses `lists,doc-case,doc-tags,clusters,doc-context` (or `none`) into a feature set.
pub fn feature_set(names: &str) -> Result<FeatureSet, String> {
    let mut set = 0;
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        set |= match name {
            "lists" => FeatureSet::LISTS,
            "doc-case" => FeatureSet::DOC_CASE,
            "doc-tags" => FeatureSet::DOC_TAGS,
            "clusters" => FeatureSet::CLUSTERS,
            "doc-context" => FeatureSet::DOC_CONTEXT,
            "none" => 0,
            other => return Err(format!("unknown feature family {other:?}")),
        };
    }
    Ok(FeatureSet(set))
}

pub struct TrainArgs {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub out: Option<PathBuf>,
    pub config: Config,
}

pub fn train(args: TrainArgs) -> Result<(), CliError> {
    let started = Instant::now();
    let train_docs = documents(&args.train)?;
    let dev_docs = documents(&args.dev)?;
    let trained = train::train(&train_docs, &dev_docs, &args.config, &mut |line| {
        eprintln!("[{:6.1}s] {line}", started.elapsed().as_secs_f64());
    });
    let bytes = trained.model.to_bytes();
    println!(
        "kept epoch {} of {}; {} rows, {} bytes; trained in {:.1}s",
        trained.epoch,
        args.config.epochs,
        trained.model.rows_used(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    print!("{}", trained.dev.report());
    if let Some(out) = args.out {
        std::fs::write(&out, &bytes)
            .map_err(|e| CliError::Input(format!("cannot write {}: {e}", out.display())))?;
    }
    Ok(())
}

pub fn eval(file: &Path, model_path: Option<&Path>) -> Result<(), CliError> {
    let docs = documents(file)?;
    let model = model(model_path)?;
    print!("{}", train::evaluate(&model, &docs).report());
    Ok(())
}

pub fn bench(file: &Path, model_path: Option<&Path>, rounds: usize) -> Result<(), CliError> {
    let docs = documents(file)?;
    let model = model(model_path)?;
    let words: Vec<Vec<Vec<&str>>> = docs.iter().map(corpus::words).collect();
    let tokens: usize = docs.iter().flatten().map(|s| s.tokens.len()).sum();
    // One untimed round loads the lists and warms the caches.
    let mut entities = count(&model, &words);
    let started = Instant::now();
    let cpu_start = cpu_seconds();
    for _ in 0..rounds.max(1) {
        entities = count(&model, &words);
    }
    let seconds = started.elapsed().as_secs_f64();
    let total = tokens * rounds.max(1);
    println!(
        "{total} tokens in {seconds:.3}s on one thread: {:.0} tokens/s ({} entities a round)",
        total as f64 / seconds,
        entities
    );
    // On a shared machine the thread waits for a core; its own CPU time says what one core does.
    if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
        println!(
            "{:.3}s of CPU time: {:.0} tokens per CPU-second",
            b - a,
            total as f64 / (b - a)
        );
    }
    Ok(())
}

/// The CPU time this thread has run, where Linux says (`/proc/thread-self/schedstat`).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 / 1e9)
}

/// The entities found in one pass over `docs`, by a tagger that has read nothing before.
fn count(model: &Model, docs: &[Vec<Vec<&str>>]) -> usize {
    let mut tagger = ner::Tagger::new(model);
    docs.iter()
        .map(|d| {
            tagger
                .tag(d)
                .iter()
                .map(|l| ner::chunks(l).len())
                .sum::<usize>()
        })
        .sum()
}

pub struct ClusterArgs {
    pub conll: Vec<PathBuf>,
    pub text: Vec<PathBuf>,
    pub xml: Vec<PathBuf>,
    pub out: PathBuf,
    pub config: word_classes::Config,
}

/// Builds the word classes from CoNLL tokens, plain-text files (or folders of them) and the
/// `<text>` elements of XML files.
pub fn clusters(args: ClusterArgs) -> Result<(), CliError> {
    let started = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for path in &args.conll {
        for doc in documents(path)? {
            sentences.extend(doc.into_iter().map(|s| s.tokens));
        }
    }
    let mut add_text = |text: &str| {
        sentences.extend(
            article_analyzer::token_sentences(text)
                .into_iter()
                .map(|s| s.into_iter().map(str::to_owned).collect()),
        );
    };
    for path in &args.text {
        let mut files = vec![path.clone()];
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
            files = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
        }
        for file in files {
            let bytes = input::read_all(Some(&file))?;
            add_text(&String::from_utf8_lossy(&bytes));
        }
    }
    let element = regex::Regex::new(r"(?s)<text>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</text>")
        .map_err(|e| CliError::Input(e.to_string()))?;
    for path in &args.xml {
        let bytes = input::read_all(Some(path))?;
        let xml = String::from_utf8_lossy(&bytes);
        for c in element.captures_iter(&xml) {
            let text = c.get(1).map_or("", |m| m.as_str());
            add_text(
                &text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            );
        }
    }
    let asset = word_classes::build(&sentences, &args.config, &mut |line| {
        eprintln!("[{:6.1}s] {line}", started.elapsed().as_secs_f64());
    });
    std::fs::write(&args.out, asset)
        .map_err(|e| CliError::Input(format!("cannot write {}: {e}", args.out.display())))?;
    println!("built in {:.1}s", started.elapsed().as_secs_f64());
    Ok(())
}
