//! Reading a PolNeAR folder (brat standoff) as gold direct quotes for `eval-quotes`.
//!
//! A folder holds `text/<article>.txt` and `attributions/<article>_<annotator>.ann`. Each article
//! is scored against one annotator, the first file by name, so runs are repeatable. `.ann` offsets
//! count code points; they are turned into byte offsets here, and checked against the surface
//! text the file gives.
//!
//! PolNeAR marks every attribution (indirect speech too) with Source, Cue and Content spans. A gold
//! direct quote is a span between quotation marks (`quoted_spans`) that lies in an attribution's
//! Content, cut to the part inside the Content and given that attribution's Source:
//! - the quote's text excludes its marks, as the analyzer's does;
//! - a single-quoted span inside a double-quoted one is part of it, not a quote of its own;
//! - a quote left open at the end of a paragraph ends there (newspaper style continues it in the
//!   next paragraph, which opens with its own mark and so makes a second quote);
//! - quoted spans outside every Content (titles, scare quotes, quotes the annotators passed
//!   over) are not gold: predicting them counts against precision. `Article::unannotated`
//!   counts them so the report can say how many there are.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use super::CliError;

/// One article with its gold quotes, offsets in bytes.
pub struct Article {
    /// The file name without `.txt`.
    pub name: String,
    /// The annotator whose file was read.
    pub annotator: String,
    pub text: String,
    pub quotes: Vec<GoldQuote>,
    /// Every Content fragment of every attribution.
    pub contents: Vec<Range<usize>>,
    /// Quoted spans of the text that lie in no Content.
    pub unannotated: usize,
    /// Spans whose surface text differs from the text at their offsets.
    pub bad_offsets: usize,
}

pub struct GoldQuote {
    /// The quoted words, without the marks, inside the Content.
    pub span: Range<usize>,
    /// The Source's fragments; empty when the attribution has none.
    pub source: Vec<Range<usize>>,
}

/// Reads every article of `dir` that has at least one annotation file, in name order. Returns
/// the articles and how many texts had no annotation.
pub fn read(dir: &Path) -> Result<(Vec<Article>, usize), CliError> {
    let list = |sub: &str| -> Result<Vec<String>, CliError> {
        let path = dir.join(sub);
        let entries = std::fs::read_dir(&path)
            .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    };
    // article -> its annotation files, in name order
    let mut annotations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in list("attributions")? {
        let Some(stem) = file.strip_suffix(".ann") else {
            continue;
        };
        if let Some((article, _annotator)) = stem.rsplit_once('_') {
            annotations
                .entry(article.to_owned())
                .or_default()
                .push(file.clone());
        }
    }
    let mut articles = Vec::new();
    let mut unannotated_texts = 0;
    for file in list("text")? {
        let Some(name) = file.strip_suffix(".txt") else {
            continue;
        };
        let Some(ann) = annotations.get(name).and_then(|files| files.first()) else {
            unannotated_texts += 1;
            continue;
        };
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))
        };
        let text = read(&dir.join("text").join(&file))?;
        let standoff = read(&dir.join("attributions").join(ann))?;
        let annotator = ann
            .trim_end_matches(".ann")
            .rsplit_once('_')
            .map_or("", |(_, a)| a)
            .to_owned();
        articles.push(article(name.to_owned(), annotator, text, &standoff));
    }
    Ok((articles, unannotated_texts))
}

/// A text-bound annotation: `T<n>\t<Type> <start> <end>[;<start> <end>]...\t<surface>`.
struct TextBound {
    kind: String,
    fragments: Vec<Range<usize>>,
    surface: String,
}

/// An attribution: its Source and Content annotations (by id).
#[derive(Default)]
struct Relation {
    source: Option<String>,
    contents: Vec<String>,
}

fn parse(standoff: &str) -> (BTreeMap<String, TextBound>, Vec<Relation>) {
    let mut bounds = BTreeMap::new();
    let mut relations = Vec::new();
    // A surface may run over several lines; only lines that start with an id are read.
    for line in standoff.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((kind, ranges)) = body.split_once(' ') else {
                continue;
            };
            let fragments: Option<Vec<Range<usize>>> = ranges
                .split(';')
                .map(|r| {
                    let (s, e) = r.trim().split_once(' ')?;
                    Some(s.parse().ok()?..e.parse().ok()?)
                })
                .collect();
            if let Some(fragments) = fragments {
                let surface = fields.next().unwrap_or("").to_owned();
                bounds.insert(
                    id.to_owned(),
                    TextBound {
                        kind: kind.to_owned(),
                        fragments,
                        surface,
                    },
                );
            }
        } else if id.starts_with('E') {
            let mut relation = Relation::default();
            for arg in body.split_whitespace() {
                let Some((role, target)) = arg.split_once(':') else {
                    continue;
                };
                // Content, Content2, ...: every content of the attribution.
                match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                    "Source" => relation.source = Some(target.to_owned()),
                    "Content" => relation.contents.push(target.to_owned()),
                    _ => {}
                }
            }
            relations.push(relation);
        }
    }
    (bounds, relations)
}

/// Byte offsets of each code point of `text`, and of its end.
fn code_point_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

fn article(name: String, annotator: String, text: String, standoff: &str) -> Article {
    let (bounds, relations) = parse(standoff);
    let offsets = code_point_offsets(&text);
    let mut bad_offsets = 0;
    // Fragments in bytes, or none when they fall outside the text.
    let mut bytes = |id: &str| -> Option<Vec<Range<usize>>> {
        let bound = bounds.get(id)?;
        let fragments: Option<Vec<Range<usize>>> = bound
            .fragments
            .iter()
            .map(|f| Some(*offsets.get(f.start)?..*offsets.get(f.end)?))
            .filter(|f| f.as_ref().is_none_or(|f| f.start <= f.end))
            .collect();
        let Some(fragments) = fragments else {
            bad_offsets += 1;
            return None;
        };
        let joined: Vec<&str> = fragments.iter().map(|f| &text[f.clone()]).collect();
        if squeeze(&joined.join(" ")) != squeeze(&bound.surface) {
            bad_offsets += 1;
        }
        Some(fragments)
    };
    // (content fragments, source fragments) of each attribution
    let mut attributions = Vec::new();
    for relation in &relations {
        let contents: Vec<Range<usize>> = relation
            .contents
            .iter()
            .filter(|id| bounds.get(*id).is_some_and(|b| b.kind == "Content"))
            .filter_map(|id| bytes(id))
            .flatten()
            .collect();
        let source = relation
            .source
            .as_deref()
            .and_then(&mut bytes)
            .unwrap_or_default();
        if !contents.is_empty() {
            attributions.push((contents, source));
        }
    }
    let mut quotes = Vec::new();
    let mut unannotated = 0;
    for quoted in quoted_spans(&text) {
        let best = attributions
            .iter()
            .map(|(contents, source)| {
                let inside: Vec<Range<usize>> = contents
                    .iter()
                    .map(|c| quoted.start.max(c.start)..quoted.end.min(c.end))
                    .filter(|r| {
                        r.start < r.end && text[r.clone()].chars().any(char::is_alphanumeric)
                    })
                    .collect();
                (inside, source)
            })
            .filter(|(inside, _)| !inside.is_empty())
            .max_by_key(|(inside, _)| inside.iter().map(|r| r.len()).sum::<usize>());
        match best {
            Some((inside, source)) => {
                let start = inside.iter().map(|r| r.start).min().unwrap_or(quoted.start);
                let end = inside.iter().map(|r| r.end).max().unwrap_or(quoted.end);
                quotes.push(GoldQuote {
                    span: trim(&text, start..end),
                    source: source.clone(),
                });
            }
            None => unannotated += 1,
        }
    }
    let contents = attributions.into_iter().flat_map(|(c, _)| c).collect();
    Article {
        name,
        annotator,
        text,
        quotes,
        contents,
        unannotated,
        bad_offsets,
    }
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn trim(text: &str, span: Range<usize>) -> Range<usize> {
    let inner = &text[span.clone()];
    let start = span.start + (inner.len() - inner.trim_start().len());
    let end = span.end - (inner.len() - inner.trim_end().len());
    start..end.max(start)
}

/// Whether a mark at a position after `prev` stands at the start of a word, where quotes open.
fn at_word_start(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{\u{2014}\u{2013}-/:;\"\u{201C}".contains(p))
}

/// The spans between quotation marks, marks excluded, paragraph by paragraph (a paragraph is a
/// line). Doubles: `" '' “” „“ «»`; singles `' ‘’` outside doubles, opening at a word's start
/// (not the '90s or rock 'n' roll) and closing after a word.
pub fn quoted_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        quoted_in_line(body, line_start, &mut out);
        line_start += line.len();
    }
    out.retain(|r| text[r.clone()].chars().any(char::is_alphanumeric));
    out
}

fn quoted_in_line(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let mut double: Option<(usize, char)> = None;
    let mut nested = 0;
    let mut nested_straight = false;
    let mut single: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, mut c)) = chars.next() {
        let mut next = chars.peek().map(|&(_, n)| n);
        let mut after = base + i + c.len_utf8();
        if c == '\'' && next == Some('\'') {
            // Two apostrophes for a double mark, as in the New York Times' archive.
            chars.next();
            next = chars.peek().map(|&(_, n)| n);
            after += 1;
            c = '"';
        }
        match (c, double) {
            ('\u{201C}', Some((s, '\u{201E}'))) => {
                out.push(s..base + i);
                double = None;
            }
            // Quotes inside the quote: curly ones, and straight ones inside curly ones.
            ('\u{201C}' | '\u{201E}' | '\u{AB}', Some(_)) => nested += 1,
            ('"', Some((_, open))) if open != '"' && (nested_straight || at_word_start(prev)) => {
                nested_straight = !nested_straight;
            }
            ('\u{201D}' | '\u{BB}', Some(_)) if nested > 0 => nested -= 1,
            ('\u{201D}' | '\u{BB}' | '"', Some((s, _))) => {
                out.push(s..base + i);
                double = None;
            }
            ('\u{201C}' | '\u{201E}' | '\u{AB}' | '"', None) => {
                double = Some((after, c));
                single = None;
                nested = 0;
                nested_straight = false;
            }
            ('\'' | '\u{2018}' | '\u{2019}', None) => {
                let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                let elision = line[i + c.len_utf8()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect::<String>();
                let is_elision = elision.starts_with(|d: char| d.is_ascii_digit())
                    || matches!(elision.as_str(), "n" | "em" | "til" | "cause");
                if single.is_none()
                    && c != '\u{2019}'
                    && at_word_start(prev)
                    && letter(next)
                    && !is_elision
                {
                    single = Some(after);
                } else if let Some(s) = single {
                    if c != '\u{2018}' && !prev.is_none_or(char::is_whitespace) && !letter(next) {
                        out.push(s..base + i);
                        single = None;
                    }
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((s, _)) = double {
        out.push(s..base + line.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        quoted_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn gold_marks_pair_doubles_and_singles_but_not_apostrophes() {
        assert_eq!(
            spans("Lee's \u{201C}plan\u{201D} isn't 'final', said the '90s band."),
            ["plan", "final"]
        );
        assert_eq!(
            spans("\"He said 'no' twice,\" she said."),
            ["He said 'no' twice,"]
        );
    }

    #[test]
    fn gold_marks_read_two_apostrophes_as_a_double_mark() {
        assert_eq!(
            spans("''It isn't over,'' she said. ''Not yet.''"),
            ["It isn't over,", "Not yet."]
        );
    }

    #[test]
    fn gold_marks_keep_nested_quotes_inside() {
        assert_eq!(
            spans("\"Ask: \u{201C}Is it?\u{201D} No.\" \u{201C}He said \"no\" twice.\u{201D}"),
            ["Ask: \u{201C}Is it?\u{201D} No.", "He said \"no\" twice."]
        );
    }

    #[test]
    fn gold_quote_open_at_paragraph_end_stops_there() {
        let text = "\"One thing.\n\n\"Another,\" he said.";
        assert_eq!(spans(text), ["One thing.", "Another,"]);
    }

    #[test]
    fn gold_quotes_are_quoted_spans_inside_contents_with_their_source() {
        // Code points: the curly marks are one each, three bytes each.
        let text =
            "Title\n\n\u{201C}We won,\u{201D} Ann Lee said. The \u{201C}plan\u{201D} is out.";
        let ann = "T1\tContent 7 16\t\u{201C}We won,\u{201D}\nT2\tSource 17 24\tAnn Lee\n\
                   T3\tCue 25 29\tsaid\nT4\tAttribution 25 29\tsaid\n\
                   E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n";
        let a = article("a".into(), "x".into(), text.into(), ann);
        assert_eq!(a.bad_offsets, 0);
        assert_eq!(a.quotes.len(), 1);
        assert_eq!(&a.text[a.quotes[0].span.clone()], "We won,");
        assert_eq!(&a.text[a.quotes[0].source[0].clone()], "Ann Lee");
        assert_eq!(a.unannotated, 1, "the scare-quoted plan is in no Content");
    }

    #[test]
    fn surface_that_differs_from_the_text_is_counted() {
        let a = article(
            "a".into(),
            "x".into(),
            "Some text here.".into(),
            "T1\tSource 0 4\tNone\nE1\tAttribution:T9 Source:T1\n",
        );
        assert_eq!(a.bad_offsets, 1);
    }
}
