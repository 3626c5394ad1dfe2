//! The golden-case harness: each `tests/cases/*.txt` is analyzed and its JSON compared with the
//! reference in `tests/snapshots/`. After an intended change, review and accept with
//! `INSTA_UPDATE=always cargo test --test cases` (or `cargo insta review`).

use article_analyzer::{analyze_with, Offsets, Options};

#[test]
fn every_case_matches_its_reference_analysis() {
    insta::glob!("cases/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let analysis = analyze_with(&text, &Options::default().offsets(Offsets::Utf16));
        insta::assert_json_snapshot!(analysis);
    });
}
