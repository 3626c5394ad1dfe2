//! The command line as ../shared/CONTRACT.md fixes it, bad input included.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn analyze_reads_standard_input_and_counts_offsets_in_utf16() {
    let text = "😀 \"We won,\" said Jane Smith.";
    let o = run(&["analyze"], text.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let analysis: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let quote = &analysis["quotes"][0];
    assert_eq!(quote["text"], "We won,");
    // The emoji is two UTF-16 units, then a space and the opening mark.
    assert_eq!(quote["start"], 4);
    assert_eq!(quote["speaker"]["name"], "Jane Smith");
    assert_eq!(analysis["offsets"], "utf16");
}

#[test]
fn analyze_rejects_invalid_utf8_with_one_line_naming_the_line() {
    let o = run(&["analyze"], b"first line\nsecond \xff line\n");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("line 2") && err.contains("not UTF-8"), "{err}");
}

#[test]
fn analyze_reports_an_unreadable_file() {
    let o = run(&["analyze", "/nonexistent/article.txt"], b"");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("cannot read /nonexistent/article.txt"),
        "{err}"
    );
}

#[test]
fn jsonl_keeps_order_and_reports_bad_lines_without_stopping() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"\\\"Yes,\\\" Ann Lee said.\"}\n",
        "{\"id\": 2, \"text\": 5}\n",
        "not json\n",
        "\n",
        "{\"id\": \"c\", \"text\": \"Nothing quoted.\"}\n",
    );
    let o = run(&["jsonl"], input.as_bytes());
    assert!(!o.status.success());
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(
        lines[0]["analysis"]["quotes"][0]["speaker"]["name"],
        "Ann Lee"
    );
    assert_eq!(lines[1]["id"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert!(lines[2]["error"].as_str().unwrap().contains("line 3"));
    assert_eq!(lines[3]["id"], "c");
    assert_eq!(lines[3]["analysis"]["quotes"], Value::Array(vec![]));
    let err = stderr(&o);
    assert!(err.contains("line 2") && err.contains("line 3"), "{err}");
}

#[test]
fn jsonl_analyzes_many_lines_in_order_on_several_threads() {
    let input: String = (0..600)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Line {i} by Ann Lee.\"}}\n"))
        .collect();
    let o = run(&["jsonl", "--threads", "2"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<u64> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(ids, (0..600).collect::<Vec<_>>());
}

#[test]
fn conll_prints_token_gold_and_prediction_and_copies_structure() {
    let input = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\ncall NN I-NP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n";
    let o = run(&["conll"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), input.lines().count());
    assert_eq!(lines[0], "-DOCSTART- -X- -X- O");
    assert_eq!(lines[1], "");
    assert!(lines[2].starts_with("EU B-ORG "), "{}", lines[2]);
    assert_eq!(lines[6], "");
    let peter: Vec<&str> = lines[7].split(' ').collect();
    assert_eq!(peter[..2], ["Peter", "B-PER"]);
    for line in lines
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
    {
        let pred = line.split(' ').nth(2).unwrap();
        assert!(
            pred == "O" || ["B-", "I-"].iter().any(|p| pred.starts_with(p)),
            "{line}"
        );
    }
}

#[test]
fn conll_rejects_invalid_utf8_naming_the_line() {
    let o = run(&["conll"], b"EU NNP B-NP B-ORG\nbad\xc3 X X O\n");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
}

/// A file of `{"id", "text"}` lines in a temporary folder of its own (tests run at once, and each
/// removes its folder: `remove_jsonl_file`).
fn jsonl_file(name: &str, lines: &[String]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "article-analyzer-cli-{name}-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

/// Removes `jsonl_file`'s folder, before a test's assertions (a failed one would leave it).
fn remove_jsonl_file(path: &std::path::Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[test]
fn bench_times_the_articles_and_counts_what_they_contain() {
    let texts = [
        "\"We won,\" said Jane Smith, the mayor of Paris.",
        "\"Not yet,\" John Brown told reporters in Berlin on Monday.",
    ];
    let lines: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(id, text)| serde_json::json!({ "id": id, "text": text }).to_string())
        .collect();
    let path = jsonl_file("bench.jsonl", &lines);
    let o = run(
        &[
            "bench",
            path.to_str().unwrap(),
            "--runs",
            "2",
            "--budget",
            "0",
        ],
        b"",
    );
    remove_jsonl_file(&path);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["articles"], 2);
    assert_eq!(
        report["bytes"],
        texts.iter().map(|t| t.len()).sum::<usize>()
    );
    let quotes: usize = texts
        .iter()
        .map(|t| article_analyzer::analyze(t).quotes.len())
        .sum();
    assert_eq!(report["found"]["quotes"], quotes);
    for runs in ["eachRunsMs", "wholeRunsMs"] {
        let times = report[runs].as_array().unwrap();
        // A zero budget still makes one run.
        assert!(!times.is_empty(), "{report}");
        assert!(times.iter().all(|t| t.as_f64().unwrap() > 0.0), "{report}");
    }
}

#[test]
fn bench_names_the_line_that_is_not_an_article() {
    let path = jsonl_file(
        "bench-bad.jsonl",
        &[r#"{"text": "Fine."}"#.into(), "{oops".into()],
    );
    let o = run(&["bench", path.to_str().unwrap()], b"");
    remove_jsonl_file(&path);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("line 2"), "{err}");
}

/// A PolNeAR-style folder with one article of our own, in a fresh temporary directory.
fn polnear_folder(name: &str, text: &str, ann: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("aa-eval-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    std::fs::write(dir.join("text/story.txt"), text).unwrap();
    std::fs::write(dir.join("attributions/story_zz.ann"), ann).unwrap();
    // A second annotator's file, later by name, is not the one scored.
    std::fs::write(dir.join("attributions/story_zzz.ann"), "").unwrap();
    dir
}

#[test]
fn eval_quotes_scores_a_polnear_folder_and_lists_misses() {
    // Code points: the title line and blank line are 8; the curly marks count one each.
    let text = "Budget\n\n\u{201C}We have the votes,\u{201D} Ann Lee said. \
                \u{201C}Not now,\u{201D} Bo Park replied.\n";
    let ann = "T1\tContent 8 28\t\u{201C}We have the votes,\u{201D}\n\
               T2\tSource 29 36\tAnn Lee\n\
               T3\tCue 37 41\tsaid\n\
               T4\tAttribution 37 41\tsaid\n\
               E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n";
    let dir = polnear_folder("score", text, ann);
    let o = run(
        &["eval-quotes", dir.to_str().unwrap(), "--misses", "5"],
        b"",
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let line = |key: &str| {
        out.lines()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} line in\n{out}"))
            .to_owned()
    };
    // Bo Park's quote is in no Content: not gold, so predicting it costs precision.
    assert!(line("gold quotes").contains(" 1 "), "{out}");
    assert!(line("predicted quotes").ends_with(" 2"), "{out}");
    assert!(line("precision").contains("50.0"), "{out}");
    assert!(line("recall").contains("100.0"), "{out}");
    assert!(line("speaker right").contains("100.0%"), "{out}");
    assert!(out.contains("story_zz@44 \"Not now,\""), "{out}");
}

#[test]
fn eval_quotes_reports_a_missing_folder() {
    let o = run(&["eval-quotes", "/nonexistent/polnear"], b"");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/polnear"), "{err}");
}
