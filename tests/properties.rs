//! Property tests: on generated texts full of what breaks text code (quotation marks and
//! apostrophes of every kind, line ends, capitalized words, emoji, combining marks, right-to-left
//! script, NUL, lone punctuation), every analysis keeps the promises of `invariants::check`.
//! The fuzz targets (fuzz/) check the same promises on arbitrary bytes, for longer.

mod invariants;

use proptest::prelude::*;

/// Pieces that texts are built from: words news uses, names, and the characters that trouble
/// tokenizers, quote finders and offset conversions.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "said",
        "told",
        "says",
        "that",
        "the",
        "he",
        "she",
        "they",
        "according to",
        "Mr.",
        "U.S.",
        "Sept. 4,",
        "Tuesday",
        "2024",
        "Jane Smith",
        "Paris",
        "United Nations",
        "Hamas'",
        "didn't",
        "O'Brien",
        "'90s",
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        "\u{2018}",
        "\u{2019}",
        "\u{AB}",
        "\u{BB}",
        "\u{201E}",
        ",",
        ".",
        ":",
        "?",
        "!",
        "\u{2014}",
        "-",
        "(",
        ")",
        "...",
        "\u{2026}",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\n\n",
        "\u{2029}",
        "\t",
        "\0",
        "\u{FFFD}",
        "😀",
        "👩‍👩‍👧",
        "🇺🇸",
        "e\u{301}",
        "a\u{308}\u{332}",
        "שלום",
        "مرحبا",
        "\u{200F}",
        "\u{202E}",
        "Zoë",
        "Ångström",
        "İstanbul",
        "ß",
        "ǅ",
        "\u{10FFFF}",
        "<script>",
        "&amp;",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        6 => fixed,
        2 => "[A-Z][a-z]{0,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.join(" "))
}

fn glued() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn texts_of_words_and_marks_keep_every_promise(text in text()) {
        invariants::check(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn texts_glued_without_spaces_keep_every_promise(text in glued()) {
        invariants::check(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_string_keeps_every_promise(text in any::<String>()) {
        invariants::check(&text).map_err(TestCaseError::fail)?;
    }
}
