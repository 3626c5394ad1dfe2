//! The command line's readers on any bytes: lines, the UTF-8 check and its message, `jsonl`
//! articles, and CoNLL columns tagged as the `conll` command tags them. No panic, and what they
//! return holds together.

#![no_main]

use article_analyzer::readers::{self, ConllLine};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = readers::utf8(data, None) {
        assert_eq!(
            std::str::from_utf8(data).map_err(|e| e.valid_up_to()),
            Err(e.at)
        );
        assert_eq!(
            data.get(e.at),
            Some(&e.byte),
            "the byte named is not the bad one"
        );
        assert!(e.to_string().starts_with(&format!("line {}: ", e.line)));
    }

    let mut lines = Vec::new();
    for (number, line) in readers::lines(data) {
        let line = line.expect("reading from memory cannot fail");
        assert_eq!(number, lines.len() + 1);
        assert!(!line.contains(&b'\n'));
        match readers::article(&line, number) {
            Ok(article) => match serde_json::from_slice::<serde_json::Value>(&line) {
                Ok(value) => {
                    assert_eq!(
                        value.get("text").and_then(|t| t.as_str()),
                        Some(&*article.text)
                    )
                }
                // serde_json alone refuses escapes of lone surrogates, which the reader takes
                // as U+FFFD.
                Err(_) => assert!(line.windows(2).any(|w| w == b"\\u"), "{article:?}"),
            },
            Err(bad) => assert!(bad.message.starts_with(&format!("line {number}: "))),
        }
        lines.push(line);
    }
    let ends = data.iter().filter(|&&b| b == b'\n').count();
    let unended = usize::from(data.last().is_some_and(|&b| b != b'\n'));
    assert_eq!(
        lines.len(),
        ends + unended,
        "a line per line end, and the last unended one"
    );

    let texts: Vec<&str> = lines
        .iter()
        .filter_map(|l| readers::utf8(l, None).ok())
        .collect();
    let parsed: Vec<ConllLine> = texts.iter().map(|t| ConllLine::parse(t)).collect();
    let sentences = readers::conll_sentences(&parsed);
    let tokens = parsed
        .iter()
        .filter(|l| matches!(l, ConllLine::Token { .. }))
        .count();
    assert_eq!(sentences.iter().map(Vec::len).sum::<usize>(), tokens);
    assert!(sentences.iter().all(|s| !s.is_empty()));
    let labels = article_analyzer::tag_tokens(&sentences);
    assert_eq!(labels.len(), sentences.len());
    for (labels, tokens) in labels.iter().zip(&sentences) {
        assert_eq!(labels.len(), tokens.len(), "a label per token");
    }
});
