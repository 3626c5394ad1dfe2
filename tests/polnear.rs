//! The targets on PolNeAR dev, held: `eval-quotes` on ../shared/data/quotes/polnear/dev
//! reaches quote F1 93 and speaker accuracy 93%. Prints the report.

mod common;

use std::process::Command;

/// The number on the report line that starts with `key`.
fn figure(report: &str, key: &str) -> f64 {
    let line = report
        .lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("no {key:?} line in\n{report}"));
    line[key.len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.trim_end_matches('%').parse().ok())
        .unwrap_or_else(|| panic!("no figure in {line:?}"))
}

#[test]
fn polnear_dev_quotes_and_speakers_reach_the_targets() {
    let dev = common::shared("data/quotes/polnear/dev");
    let out = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .arg("eval-quotes")
        .arg(&dev)
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(figure(&report, "F1") >= 93.0, "quote F1 below 93");
    assert!(
        figure(&report, "speaker right") >= 93.0,
        "speaker accuracy below 93%"
    );
}
