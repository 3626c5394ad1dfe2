//! The committed tagger against the CoNLL-2003 dev split (read from the shared data), and the
//! NER commands.

mod common;

use std::process::Command;

use article_analyzer::ner::{self, corpus, train};

#[test]
fn the_committed_model_scores_at_least_93_f1_on_the_dev_split() {
    let path = common::shared("data/ner/conll2003/eng.testa");
    let docs = corpus::read(&std::fs::read_to_string(path).unwrap()).unwrap();
    let score = train::evaluate(ner::model(), &docs);
    println!("{}", score.report());
    assert!(score.overall().f1() >= 93.0, "{}", score.report());
}

#[test]
fn eval_ner_prints_a_conlleval_report() {
    let dir = std::env::temp_dir().join(format!("aa-eval-ner-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("tiny.conll");
    std::fs::write(
        &file,
        "-DOCSTART- -X- -X- O\n\nMatthew NNP B-NP B-PER\nMiller NNP I-NP I-PER\nspoke VBD B-VP O\nin IN B-PP O\nParis NNP B-NP B-LOC\n. . O O\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .arg("eval-ner")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.starts_with("processed 6 tokens with 2 phrases;"),
        "{text}"
    );
    assert!(text.contains("FB1: 100.00"), "{text}");
    for class in ["LOC", "MISC", "ORG", "PER"] {
        assert!(text.contains(&format!("{class}: precision:")), "{text}");
    }
    std::fs::write(&file, "Paris NNP B-NP B-CITY\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .arg("eval-ner")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    std::fs::remove_dir_all(&dir).unwrap();
}
