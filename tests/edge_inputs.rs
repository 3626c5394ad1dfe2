//! Inputs that break text code: empty, blank, one character, NUL, line ends of every kind,
//! right-to-left script, emoji and combining marks, HTML, a quote never closed, 100,000 quotation
//! marks, 10,000 words without punctuation, only capitalized words, 20 MB. Each gets an analysis
//! that keeps every promise of `invariants` (spans in bounds and on character boundaries, UTF-16
//! offsets that index the same text, the same analysis twice), within a time limit that turns a
//! freeze into a failure rather than a hung suite.
//!
//! The large inputs run only in optimized builds (`cargo test --release --test edge_inputs`, as
//! scripts/test does), where their time means something: one test prints the time per MB of
//! each input and names the slowest. Invalid UTF-8 is the command line's to reject (tests/cli.rs
//! and below); lone surrogates are JavaScript's (tests/browser/).

mod invariants;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use article_analyzer::{analyze_with, Analysis, Options, WarningKind};

const MB: f64 = (1 << 20) as f64;

/// Runs `work` on its own thread and fails if it takes longer than `limit`: a freeze fails the
/// test instead of hanging the suite (the thread is left behind; the test process ends anyway).
fn within<T: Send + 'static>(
    name: &str,
    limit: Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name(name.to_owned())
        .stack_size(8 << 20)
        .spawn(move || {
            let _ = tx.send(work());
        })
        .expect("cannot start a thread");
    match rx.recv_timeout(limit) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no analysis after {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the analysis panicked"),
    }
}

/// Every promise of `invariants::check`, within a generous limit for the text's size: a few
/// seconds, plus 20 s per MB (the check analyzes three times, unoptimized in `cargo test`).
fn check(name: &str, text: String) -> Analysis {
    let limit = Duration::from_secs_f64(5.0 + 20.0 * text.len() as f64 / MB);
    let label = name.to_owned();
    within(name, limit, move || invariants::check(&text))
        .unwrap_or_else(|broken| panic!("{label}: {broken}"))
}

fn quote_texts(a: &Analysis) -> Vec<&str> {
    a.quotes.iter().map(|q| q.text.as_str()).collect()
}

fn speakers(a: &Analysis) -> Vec<Option<&str>> {
    a.quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect()
}

fn names(a: &Analysis) -> Vec<(&str, article_analyzer::EntityType)> {
    let mut names: Vec<_> = a
        .entities
        .iter()
        .map(|e| (e.name.as_str(), e.kind))
        .collect();
    names.sort_by(|x, y| x.0.cmp(y.0));
    names
}

const ARTICLE: &str =
    "\"We are close to a deal,\" Secretary of State Antony Blinken told reporters \
in Washington on Tuesday.\n\nThe talks in Cairo would resume, he said. \"Nothing is agreed \
until everything is agreed.\"\n";

#[test]
fn empty_and_blank_texts_have_empty_analyses() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\t \r\n \u{a0}\u{2029}\u{3000}",
        "\r\r\r",
    ] {
        let a = check("blank", text.to_owned());
        assert!(
            a.quotes.is_empty()
                && a.reported.is_empty()
                && a.entities.is_empty()
                && a.places.is_empty()
                && a.warnings.is_empty(),
            "{text:?}: {a:?}"
        );
    }
}

#[test]
fn every_single_character_of_note_is_a_text() {
    for c in [
        'a',
        'A',
        '1',
        '.',
        '"',
        '\'',
        '\u{201C}',
        '\u{201D}',
        '\u{AB}',
        '\0',
        '\u{FFFD}',
        '😀',
        '\u{301}',
        '\u{200F}',
        '\u{10FFFF}',
        'ß',
        'İ',
    ] {
        check("one character", c.to_string());
    }
}

#[test]
fn nul_bytes_stay_in_the_text_and_offsets_count_them() {
    let clean = check("no NUL", ARTICLE.to_owned());
    let with_nul = ARTICLE
        .replace(" told", "\0 told")
        .replace("\n\n", "\0\n\n\0");
    let a = check("NUL", with_nul.clone());
    // A NUL glued to a word is part of it (it may cost an attribution), but no quote is lost.
    assert_eq!(quote_texts(&a), quote_texts(&clean));
    let nuls = check("only NUL", "\0".repeat(1000));
    assert!(nuls.quotes.is_empty() && nuls.entities.is_empty());
}

#[test]
fn crlf_and_cr_line_ends_find_what_lf_finds() {
    let lf = check("LF", ARTICLE.to_owned());
    assert!(!lf.quotes.is_empty(), "{lf:?}");
    for ending in ["\r\n", "\r"] {
        let a = check(ending, ARTICLE.replace('\n', ending));
        assert_eq!(quote_texts(&a), quote_texts(&lf), "{ending:?}");
        assert_eq!(speakers(&a), speakers(&lf), "{ending:?}");
        assert_eq!(names(&a), names(&lf), "{ending:?}");
    }
}

#[test]
fn right_to_left_text_keeps_its_spans() {
    let hebrew = "\u{05D4}\u{05D5}\u{05D0} \u{05D0}\u{05DE}\u{05E8}: \"\u{05D0}\u{05E0}\u{05D7}\u{05E0}\u{05D5} \u{05E7}\u{05E8}\u{05D5}\u{05D1}\u{05D9}\u{05DD}.\"";
    let arabic = "\u{0642}\u{0627}\u{0644} \u{0627}\u{0644}\u{0648}\u{0632}\u{064A}\u{0631} \u{00AB}\u{0646}\u{062D}\u{0646} \u{0642}\u{0631}\u{064A}\u{0628}\u{0648}\u{0646}\u{00BB}.";
    // Right-to-left quotes inside an English article, with direction marks around them.
    let mixed = format!("\u{200F}{hebrew}\u{200E} {ARTICLE} \u{202B}{arabic}\u{202C}");
    let a = check("right to left", mixed);
    let english = check("the article alone", ARTICLE.to_owned());
    for quote in quote_texts(&english) {
        assert!(quote_texts(&a).contains(&quote), "{quote:?} lost: {a:?}");
    }
    check("Hebrew", hebrew.to_owned());
    check("Arabic", arabic.to_owned());
}

#[test]
fn emoji_and_combining_marks_keep_names_and_quotes_whole() {
    // Decomposed accents (e + U+0301), a family emoji joined by ZWJ, flags, skin tones.
    let text = format!(
        "👩‍👩‍👧🇺🇸 {ARTICLE}\"Nous sommes pre\u{301}ts 👍🏽,\" said Rene\u{301}e Le\u{301}vesque.\n"
    );
    let a = check("emoji", text.clone());
    let q = a
        .quotes
        .iter()
        .find(|q| q.text.contains("pre\u{301}ts"))
        .unwrap_or_else(|| panic!("the quote with marks is lost: {a:?}"));
    assert_eq!(&text[q.start..q.end], q.text);
    assert!(q.text.contains("👍🏽"));
    for e in &a.entities {
        for m in &e.mentions {
            let before = text[..m.start].chars().next_back();
            let after = text[m.end..].chars().next();
            // A mention never strands a combining mark or cuts a joined emoji.
            assert!(
                after != Some('\u{301}') && after != Some('\u{200D}'),
                "{m:?}"
            );
            assert!(before != Some('\u{200D}'), "{m:?}");
        }
    }
}

#[test]
fn html_and_script_tags_are_text_like_any_other() {
    let text = format!(
        "<html><head><script>alert(\"pwned\"); document.cookie</script></head>\n<body><p>\n{ARTICLE}</p>\
         <img src=x onerror=\"alert('x')\"><a href=\"javascript:alert(1)\">Jane &amp; Co</a></body></html>"
    );
    let a = check("HTML", text);
    assert!(
        quote_texts(&a).contains(&"We are close to a deal,"),
        "{:?}",
        quote_texts(&a)
    );
}

#[test]
fn a_quote_opened_at_the_first_character_and_never_closed_is_a_warning() {
    let text = format!(
        "\u{201C}{}",
        "The talks went on all night and nobody left. ".repeat(200)
    );
    let a = check("unclosed", text);
    let w = a
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::UnclosedQuote)
        .unwrap_or_else(|| panic!("no warning: {:?}", a.warnings));
    assert_eq!(w.start, 0);
    check("only an opening mark", "\"".to_owned());
}

/// 20 MB of news-like text: paragraphs of quotes, attributions, names, places and dates,
/// drawn (deterministically) so that names vary as in a year of articles.
fn news(bytes: usize) -> String {
    const FIRST: &[&str] = &[
        "Jane", "Antony", "Maria", "Ahmed", "Li", "Olga", "Kwame", "Sofia", "Juan", "Priya",
        "Hans", "Fatima", "Kenji", "Aisha", "Pierre", "Ngozi", "Tomás", "Zoë", "Dmitri", "Chloé",
    ];
    const LAST: &[&str] = &[
        "Smith", "Blinken", "Garcia", "Khan", "Wei", "Petrova", "Mensah", "Rossi", "Pérez",
        "Sharma", "Müller", "Haddad", "Tanaka", "Bello", "Dubois", "Okafor", "Silva", "Ivanov",
        "Nguyen", "O'Brien", "Kowalski", "Andersen", "Yılmaz", "Cohen", "Murphy",
    ];
    const PLACES: &[&str] = &[
        "Washington",
        "Paris",
        "Cairo",
        "Nairobi",
        "Berlin",
        "Tokyo",
        "Lagos",
        "Lima",
        "Texas",
        "Gaza",
        "Kyiv",
        "Mumbai",
        "Ohio",
        "London",
        "Beijing",
        "Mexico City",
    ];
    const ORGS: &[&str] = &[
        "the United Nations",
        "the World Bank",
        "Reuters",
        "the Senate",
        "NATO",
        "Google",
        "the European Union",
        "the Red Cross",
    ];
    const SAID: &[&str] = &["said", "told reporters", "added", "wrote", "warned", "says"];
    const WORDS: &[&str] = &[
        "we", "will", "not", "accept", "the", "deal", "talks", "are", "close", "people", "need",
        "help", "now", "this", "is", "a", "crisis", "for", "our", "country", "and", "it", "must",
        "end", "today", "prices", "rose", "again", "in", "march",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut text = String::with_capacity(bytes + 1000);
    while text.len() < bytes {
        for _ in 0..4 {
            let name = format!("{} {}", FIRST[next(FIRST.len())], LAST[next(LAST.len())]);
            let words: Vec<&str> = (0..4 + next(10))
                .map(|_| WORDS[next(WORDS.len())])
                .collect();
            let mut quote = words.join(" ");
            if let Some(first) = quote.get(..1) {
                quote.replace_range(..1, &first.to_uppercase());
            }
            let sentence = match next(4) {
                0 => format!(
                    "\u{201C}{quote},\u{201D} {name} {} in {} on Tuesday. ",
                    SAID[next(SAID.len())],
                    PLACES[next(PLACES.len())]
                ),
                1 => format!(
                    "{name}, a spokesperson for {}, {} that {}. ",
                    ORGS[next(ORGS.len())],
                    SAID[next(SAID.len())],
                    words.join(" ")
                ),
                2 => format!(
                    "\"{quote}.\" The meeting in {} was set for March {}, 2024. ",
                    PLACES[next(PLACES.len())],
                    1 + next(28)
                ),
                _ => format!(
                    "Officials in {} said the {} would {} on Sept. 4. ",
                    PLACES[next(PLACES.len())],
                    words[0],
                    words.join(" ")
                ),
            };
            text.push_str(&sentence);
        }
        text.push_str("\n\n");
    }
    text
}

/// The large inputs, by name.
fn large_inputs() -> Vec<(&'static str, String)> {
    let mut words = String::new();
    let pool = [
        "the",
        "officials",
        "said",
        "talks",
        "would",
        "go",
        "on",
        "Paris",
        "late",
    ];
    for i in 0..10_000 {
        words.push_str(pool[(i * 7 + i / 3) % pool.len()]);
        words.push(' ');
    }
    let capitals: String = (0..50_000)
        .map(|i| {
            [
                "Talks ", "Resume ", "In ", "Cairo ", "Tuesday ", "Blinken ", "Said ",
            ][i % 7]
        })
        .collect();
    vec![
        ("100,000 quotation marks", "\"".repeat(100_000)),
        (
            "100,000 quotation marks among words",
            "\u{201C}a\u{201D} \"b\" '".repeat(20_000),
        ),
        ("a 10,000-word paragraph, no punctuation", words),
        ("only capitalized words", capitals),
        ("20 MB of news", news(20 << 20)),
    ]
}

/// Generous: a freeze fails the test, slowness only shows in the printed times.
fn freeze_limit(len: usize) -> Duration {
    Duration::from_secs_f64(60.0 + 30.0 * len as f64 / MB)
}

#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "large inputs: run optimized (scripts/test does)"
)]
fn every_input_finishes_keeps_its_spans_and_the_slowest_per_mb_is_printed() {
    let bulk = [
        ("the article", ARTICLE.repeat(500)),
        ("CRLF", ARTICLE.replace('\n', "\r\n").repeat(500)),
        ("NUL", ARTICLE.replace(' ', "\0").repeat(500)),
        ("emoji and marks", "👩‍👩‍👧 e\u{301} \u{201C}Ça va\u{201D}, dit-il. ".repeat(2000)),
        ("right to left", "\u{05D4}\u{05D5}\u{05D0} \u{05D0}\u{05DE}\u{05E8}: \"\u{05E7}\u{05E8}\u{05D5}\u{05D1}\u{05D9}\u{05DD}.\" ".repeat(2000)),
        ("HTML with scripts", "<p><script>alert(\"x\")</script><b>Jane Smith</b> said &quot;yes&quot;.</p>\n".repeat(2000)),
        ("unclosed at the first character", format!("\"{}", "Nobody left the room. ".repeat(5000))),
    ];
    // The first analysis builds the analyzer's tables (the tagger's model, the gazetteer): a
    // cost of the process, not of the first input timed.
    analyze_with(ARTICLE, &Options::default());
    let mut rows: Vec<(&str, f64)> = Vec::new();
    for (name, text) in bulk.into_iter().chain(large_inputs()) {
        let len = text.len();
        // One analysis (three would triple the memory of the 20 MB), checked span by span.
        let (analysis, seconds) = within(name, freeze_limit(len), move || {
            let start = Instant::now();
            let a = analyze_with(&text, &Options::default());
            let seconds = start.elapsed().as_secs_f64();
            (invariants::spans(&text, &a).map(|_| a), seconds)
        });
        let analysis = analysis.unwrap_or_else(|broken| panic!("{name}: {broken}"));
        let per_mb = seconds / (len as f64 / MB);
        println!(
            "{name}: {len} bytes in {seconds:.3} s, {per_mb:.2} s per MB; {} quotes, {} entities",
            analysis.quotes.len(),
            analysis.entities.len()
        );
        if name.starts_with("20 MB") {
            assert!(analysis.quotes.len() > 10_000, "{}", analysis.quotes.len());
            assert!(analysis.entities.len() > 100, "{}", analysis.entities.len());
        }
        rows.push((name, per_mb));
    }
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    if let Some((name, per_mb)) = rows.first() {
        println!("slowest per MB: {name}, {per_mb:.2} s per MB");
    }
}

fn cli(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-analyzer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run the command line");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(stdin)
            .expect("cannot write to the command line");
    }
    child
        .wait_with_output()
        .expect("the command line did not finish")
}

#[test]
fn invalid_utf8_of_every_kind_is_one_clear_line_and_exit_code_1() {
    let cases: [(&[u8], &str); 5] = [
        (
            b"\xff",
            "line 1: input is not UTF-8 (invalid byte 0xFF at byte 0)",
        ),
        (
            b"ok\nok\n\xc3",
            "line 3: input is not UTF-8 (invalid byte 0xC3 at byte 6)",
        ),
        // A surrogate encoded as UTF-8 (CESU-8), and an overlong encoding of '/'.
        (
            b"a \xed\xa0\x80 b",
            "line 1: input is not UTF-8 (invalid byte 0xED at byte 2)",
        ),
        (
            b"\xc0\xaf",
            "line 1: input is not UTF-8 (invalid byte 0xC0 at byte 0)",
        ),
        (
            b"\"We won\0,\" \xe2\x80 she said",
            "line 1: input is not UTF-8 (invalid byte 0xE2 at byte 11)",
        ),
    ];
    for (bytes, message) in cases {
        let o = cli(&["analyze"], bytes);
        assert_eq!(o.status.code(), Some(1), "{bytes:?}");
        assert!(o.stdout.is_empty(), "{bytes:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(message), "{bytes:?}: {err}");
    }
}

#[test]
fn jsonl_reports_bad_bytes_replaces_lone_surrogates_and_goes_on() {
    let input = b"{\"id\": 1, \"text\": \"fine\"}\n\xff\xfe\n{\"id\": 3, \"text\": \"\\ud800 alone\"}\n{\"id\": 4, \"text\": \"\\ud83d\\ude00 \\\"Yes,\\\" she said.\"}\n";
    let o = cli(&["jsonl"], input);
    assert!(!o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0]["analysis"].is_object());
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("not UTF-8")));
    // JSON can escape a lone surrogate; it becomes U+FFFD, as in JavaScript.
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["analysis"].is_object(), "{}", lines[2]);
    assert_eq!(lines[3]["analysis"]["quotes"][0]["text"], "Yes,");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 2: input is not UTF-8"), "{err}");
    assert!(!err.contains("line 3"), "{err}");
}
