//! `eval-quotes`: the analyzer's direct quotes and speakers scored against a PolNeAR folder.
//!
//! A predicted quote matches a gold one (see `polnear`) when they overlap by at least half the
//! longer, one to one. Precision, recall and F1 count quotes; the speaker of a matched quote is
//! right when its mention overlaps the gold Source, or when its canonical name shares a name with
//! the Source ("Matthew Miller" for "Miller"). Quotes whose attribution has no Source are left out
//! of speaker accuracy. The report ends with the misses of each kind, to read.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use article_analyzer::{analyze, Quote, QuoteKind};

use super::polnear::{self, Article, GoldQuote};
use super::CliError;

#[derive(Default)]
struct Tally {
    gold: usize,
    predicted: usize,
    matched: usize,
    /// Matched quotes with a gold Source, and how many of those have the right speaker.
    sourced: usize,
    speaker_right: usize,
    /// Right by the mention overlapping the Source (the stricter half of the rule).
    mention_right: usize,
    unannotated: usize,
    bad_offsets: usize,
    extra_in_content: usize,
    /// rule -> (matched with a Source, speaker right)
    by_rule: BTreeMap<String, (usize, usize)>,
    missed: Vec<String>,
    extra: Vec<String>,
    wrong_speaker: Vec<String>,
}

pub fn run(dir: &Path, misses: usize) -> Result<(), CliError> {
    let (articles, unannotated_texts) = polnear::read(dir)?;
    let mut tally = Tally::default();
    for article in &articles {
        score(article, &mut tally);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    report(
        &mut out,
        dir,
        articles.len(),
        unannotated_texts,
        &tally,
        misses,
    )
    .map_err(CliError::Output)?;
    out.flush().map_err(CliError::Output)
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

fn matches(a: &Range<usize>, b: &Range<usize>) -> bool {
    2 * overlap(a, b) >= a.len().max(b.len())
}

fn score(article: &Article, tally: &mut Tally) {
    let text = article.text.as_str();
    let predicted = analyze(text).quotes;
    tally.gold += article.quotes.len();
    tally.predicted += predicted.len();
    tally.unannotated += article.unannotated;
    tally.bad_offsets += article.bad_offsets;
    let mut used = vec![false; predicted.len()];
    for gold in &article.quotes {
        let best = predicted
            .iter()
            .enumerate()
            .filter(|&(i, q)| !used[i] && matches(&(q.start..q.end), &gold.span))
            .max_by_key(|(_, q)| overlap(&(q.start..q.end), &gold.span));
        let Some((i, quote)) = best else {
            tally.missed.push(format!(
                "{}  source {}",
                locate(article, &gold.span),
                source_text(article, gold)
            ));
            continue;
        };
        used[i] = true;
        tally.matched += 1;
        if gold.source.is_empty() {
            continue;
        }
        tally.sourced += 1;
        let rule = quote.rule.clone().unwrap_or_else(|| "(no rule)".to_owned());
        let entry = tally.by_rule.entry(rule.clone()).or_default();
        entry.0 += 1;
        let (right, by_mention) = speaker_right(article, gold, quote);
        if right {
            tally.speaker_right += 1;
            entry.1 += 1;
            tally.mention_right += usize::from(by_mention);
        } else {
            let got = match &quote.speaker {
                Some(s) => format!(
                    "{:?} (mention {:?})",
                    s.name,
                    s.mention.as_ref().map_or("", |m| m.text.as_str())
                ),
                None => "nobody".to_owned(),
            };
            tally.wrong_speaker.push(format!(
                "{}  [{}]  gold {}  got {got}  by {rule}",
                locate(article, &gold.span),
                kind_name(quote.kind),
                source_text(article, gold)
            ));
        }
    }
    for (quote, _) in predicted.iter().zip(&used).filter(|(_, &u)| !u) {
        let span = quote.start..quote.end;
        let in_content = article.contents.iter().any(|c| overlap(c, &span) > 0);
        tally.extra_in_content += usize::from(in_content);
        tally.extra.push(format!(
            "{}  [{}, {}]  speaker {:?}",
            locate(article, &span),
            kind_name(quote.kind),
            if in_content {
                "in a Content"
            } else {
                "in no Content"
            },
            quote.speaker.as_ref().map_or("", |s| s.name.as_str())
        ));
    }
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Full => "full",
        QuoteKind::Partial => "partial",
    }
}

/// Whether the speaker is right, and whether it is right by its mention.
fn speaker_right(article: &Article, gold: &GoldQuote, quote: &Quote) -> (bool, bool) {
    let Some(speaker) = &quote.speaker else {
        return (false, false);
    };
    let by_mention = speaker.mention.as_ref().is_some_and(|m| {
        gold.source
            .iter()
            .any(|s| overlap(s, &(m.start..m.end)) > 0)
    });
    let source = source_text(article, gold);
    let names = name_words(&speaker.name);
    let by_name = name_words(&source).iter().any(|w| names.contains(w));
    (by_mention || by_name, by_mention)
}

/// The capitalized words of a name that say who it is (not "The", "Mr.", "President").
fn name_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && w.starts_with(char::is_uppercase))
        .filter(|w| {
            !matches!(
                *w,
                "The"
                    | "Mr"
                    | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "President"
                    | "Sen"
                    | "Senator"
                    | "Rep"
                    | "Gov"
                    | "Governor"
                    | "Secretary"
                    | "State"
                    | "Former"
                    | "Vice"
                    | "House"
                    | "Democrat"
                    | "Democrats"
                    | "Democratic"
                    | "Republican"
                    | "Republicans"
                    | "GOP"
            )
        })
        .collect()
}

fn source_text(article: &Article, gold: &GoldQuote) -> String {
    if gold.source.is_empty() {
        return "none".to_owned();
    }
    let parts: Vec<&str> = gold
        .source
        .iter()
        .map(|s| article.text[s.clone()].trim())
        .collect();
    format!("{:?}", parts.join(" "))
}

/// `article_annotator@offset "text..."`: the `.ann` file and the offset in code points, as there.
fn locate(article: &Article, span: &Range<usize>) -> String {
    let at = article.text[..span.start].chars().count();
    let quoted = &article.text[span.clone()];
    let mut snippet: String = quoted.chars().take(90).collect();
    if snippet.len() < quoted.len() {
        snippet.push('\u{2026}');
    }
    format!(
        "{}_{}@{at} {:?}",
        article.name,
        article.annotator,
        snippet.replace('\n', " ")
    )
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

fn report(
    out: &mut impl Write,
    dir: &Path,
    articles: usize,
    unannotated_texts: usize,
    t: &Tally,
    misses: usize,
) -> io::Result<()> {
    let precision = percent(t.matched, t.predicted);
    let recall = percent(t.matched, t.gold);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    writeln!(
        out,
        "PolNeAR direct quotes in {}: {articles} articles (first annotator's file each)",
        dir.display()
    )?;
    if unannotated_texts > 0 || t.bad_offsets > 0 {
        writeln!(
            out,
            "  skipped {unannotated_texts} texts without annotations; {} spans whose surface differs from the text",
            t.bad_offsets
        )?;
    }
    writeln!(
        out,
        "gold quotes      {:>6}   (quoted spans in no Content, not gold: {})",
        t.gold, t.unannotated
    )?;
    writeln!(out, "predicted quotes {:>6}", t.predicted)?;
    writeln!(
        out,
        "precision        {precision:>6.1}   ({}/{})",
        t.matched, t.predicted
    )?;
    writeln!(
        out,
        "recall           {recall:>6.1}   ({}/{})",
        t.matched, t.gold
    )?;
    writeln!(out, "F1               {f1:>6.1}")?;
    writeln!(
        out,
        "speaker right    {:>6.1}%  ({}/{} matched quotes with a gold Source; {} more have none)",
        percent(t.speaker_right, t.sourced),
        t.speaker_right,
        t.sourced,
        t.matched - t.sourced
    )?;
    writeln!(
        out,
        "  by mention     {:>6.1}%  (the speaker mention overlaps the gold Source)",
        percent(t.mention_right, t.sourced)
    )?;
    writeln!(
        out,
        "by rule (matched quotes with a Source, speaker right):"
    )?;
    for (rule, (n, right)) in &t.by_rule {
        writeln!(out, "  {:>5} {:>6.1}%  {rule}", n, percent(*right, *n))?;
    }
    writeln!(
        out,
        "unmatched predictions: {} ({} in a Content, {} in none)",
        t.extra.len(),
        t.extra_in_content,
        t.extra.len() - t.extra_in_content
    )?;
    if misses > 0 {
        for (title, list) in [
            ("missed quotes", &t.missed),
            ("predicted quotes matching no gold", &t.extra),
            ("wrong speakers", &t.wrong_speaker),
        ] {
            writeln!(
                out,
                "\n{title} ({} of {}):",
                misses.min(list.len()),
                list.len()
            )?;
            for line in list.iter().take(misses) {
                writeln!(out, "  {line}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_share_a_surname_but_not_a_title() {
        let share = |a: &str, b: &str| name_words(a).iter().any(|w| name_words(b).contains(w));
        assert!(share("Matthew Miller", "Miller"));
        assert!(share("Hillary Clinton", "Clinton\u{2019}s campaign"));
        assert!(!share("President Obama", "the President"));
        assert!(!share("Donald Trump", "he"));
    }

    #[test]
    fn a_match_overlaps_by_half_the_longer() {
        assert!(matches(&(0..10), &(5..10)));
        assert!(!matches(&(0..10), &(6..10)));
        assert!(!matches(&(0..10), &(10..20)));
    }
}
