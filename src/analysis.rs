//! The result of an analysis, as it crosses every boundary (CLI JSON, the JS API, the page).
//! Field names follow ../shared/CONTRACT.md: camelCase, offsets `start..end` with `end` exclusive.

use serde::{Deserialize, Serialize};

use crate::text::{self, Offsets, Span};

/// Everything the analyzer found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Analysis {
    /// Direct quotations, in text order.
    pub quotes: Vec<Quote>,
    /// Indirect (reported) speech, in text order.
    pub reported: Vec<Reported>,
    /// People, organizations, places, groups, dates: mentions grouped into things, most salient first.
    pub entities: Vec<Entity>,
    /// The place entities located on the globe.
    pub places: Vec<Place>,
    /// Things the reader may want to know about the text itself (an unclosed quote, say).
    pub warnings: Vec<Warning>,
    /// How `start` and `end` are counted in this result.
    pub offsets: Offsets,
}

/// A stretch of the analyzed text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    pub(crate) fn new(text: &str, span: Span) -> Mention {
        Mention {
            text: text[span.start..span.end].to_owned(),
            start: span.start,
            end: span.end,
        }
    }
}

/// A direct quotation: the words between the quotation marks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    pub cue: Option<Mention>,
    /// Which rule attributed the speaker, so a reader can see why: its explanation.
    pub rule: Option<String>,
    /// The same rule's stable identifier (`after-quote`, `same-paragraph`, ...).
    pub rule_id: Option<Rule>,
}

/// How a quote's speaker was found. The identifier (`ruleId` in the JSON) is stable; the
/// explanation (`rule`) is for readers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// “…,” X said · “…,” said X
    AfterQuote,
    /// X said: “…” · X called it “…”
    BeforeQuote,
    /// “…,” according to X
    AccordingTo,
    /// X: “…”
    Colon,
    /// “…” — X
    Dash,
    /// The paragraph before ends with “X said:”.
    IntroducedBefore,
    /// “…,” X said. “…”: a later quote of the same paragraph.
    SameParagraph,
    /// The quote runs on into the next paragraph, where its speaker is named.
    RunsOn,
    /// A paragraph that opens with a quote, after a paragraph quoting X.
    FollowsQuote,
    /// The sentence before names the speaker (X said he would. “…”).
    SentenceBefore,
    /// A fragment quoted in a sentence about its subject (X praised his “deep faith”).
    Subject,
}

impl Rule {
    /// The explanation a reader sees.
    pub fn explanation(self) -> &'static str {
        match self {
            Rule::AfterQuote => "the speaker and the speech verb follow the quote (\u{201C}\u{2026},\u{201D} X said)",
            Rule::BeforeQuote => "the speaker and the speech verb lead into the quote (X said: \u{201C}\u{2026}\u{201D})",
            Rule::AccordingTo => "the quote is attributed with \u{201C}according to X\u{201D}",
            Rule::Colon => "the speaker is named before a colon (X: \u{201C}\u{2026}\u{201D})",
            Rule::Dash => "the speaker is named after a dash that closes the quote (\u{201C}\u{2026}\u{201D} \u{2014} X)",
            Rule::IntroducedBefore => "the paragraph before introduces it and ends with a colon (X said:)",
            Rule::SameParagraph => "it goes on from the quote before it in the paragraph, by the same speaker",
            Rule::RunsOn => "the quote runs on into the next paragraph, where its speaker is named",
            Rule::FollowsQuote => "its paragraph opens with it, after a paragraph quoting the same speaker",
            Rule::SentenceBefore => "the sentence before names the speaker",
            Rule::Subject => "a fragment quoted in a sentence about its subject, who is taken to say it",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum QuoteKind {
    /// A whole utterance: a sentence or more of the speaker's own words.
    Full,
    /// A quoted fragment inside the writer's own sentence.
    Partial,
}

/// Who said something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Speaker {
    /// The canonical name: the fullest form the article gives.
    pub name: String,
    pub entity_id: Option<usize>,
    /// Where the text names the speaker for this quote ("Miller", "he", "the spokesman").
    pub mention: Option<Mention>,
}

/// Indirect speech: "X said that ...".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reported {
    pub speaker: Option<Speaker>,
    pub cue: Option<Mention>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Place,
    /// Nationalities, religious and political groups.
    Norp,
    Date,
    Misc,
}

/// One thing the article talks about, with every place it is mentioned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Entity {
    pub id: usize,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub mentions: Vec<Mention>,
    /// How many times the article mentions it (the length of `mentions`).
    #[serde(default)]
    pub count: usize,
    /// A role or title the article gives a person ("State Department spokesman").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For dates: the ISO 8601 form, where the date is absolute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iso: Option<String>,
}

/// A place entity located on the globe, or a nationality (a NORP entity such as "Egyptian") at
/// its country.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Place {
    pub entity_id: usize,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2, or none for regions that span countries.
    pub country: Option<String>,
    pub kind: PlaceKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PlaceKind {
    Country,
    Admin,
    City,
    Region,
}

/// Something worth telling the reader about the text, attached to where it happens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WarningKind {
    /// A quotation mark opens a quote that never closes.
    UnclosedQuote,
}

impl Analysis {
    /// Re-counts every offset in this analysis of `text` in the given unit.
    pub fn with_offsets(mut self, text: &str, offsets: Offsets) -> Analysis {
        if self.offsets == offsets {
            return self;
        }
        let mut all = Vec::new();
        self.visit_offsets(&mut |o| all.push(*o));
        match offsets {
            Offsets::Utf16 => text::bytes_to_utf16(text, &mut all),
            Offsets::Bytes => text::utf16_to_bytes(text, &mut all),
        }
        // Visited in the same order as they were collected.
        let mut converted = all.into_iter();
        self.visit_offsets(&mut |o| *o = converted.next().unwrap_or(*o));
        self.offsets = offsets;
        self
    }

    fn visit_offsets(&mut self, f: &mut impl FnMut(&mut usize)) {
        fn mention(m: &mut Mention, f: &mut impl FnMut(&mut usize)) {
            f(&mut m.start);
            f(&mut m.end);
        }
        fn attribution(
            speaker: &mut Option<Speaker>,
            cue: &mut Option<Mention>,
            f: &mut impl FnMut(&mut usize),
        ) {
            if let Some(m) = speaker.as_mut().and_then(|s| s.mention.as_mut()) {
                mention(m, f);
            }
            if let Some(c) = cue {
                mention(c, f);
            }
        }
        for q in &mut self.quotes {
            f(&mut q.start);
            f(&mut q.end);
            attribution(&mut q.speaker, &mut q.cue, f);
        }
        for r in &mut self.reported {
            f(&mut r.start);
            f(&mut r.end);
            attribution(&mut r.speaker, &mut r.cue, f);
        }
        for m in self.entities.iter_mut().flat_map(|e| &mut e.mentions) {
            mention(m, f);
        }
        for w in &mut self.warnings {
            f(&mut w.start);
            f(&mut w.end);
        }
    }
}
