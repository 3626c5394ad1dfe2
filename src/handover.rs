//! The analysis as the module's `analyze` hands it to JavaScript: numbers, and one string of the
//! names, roles and the like, from which www/analysis.js builds the plain objects that `JSON.parse` of the
//! analysis's JSON would give, key for key. Parsing that JSON took about 8% of the wall time of
//! 1 MB of articles analyzed in Node (16 ms of ~200 per pass, most of it the entities' mentions);
//! building the same objects from numbers takes a fraction of it. The texts of quotes, cues and
//! mentions, always the analyzed text at `start..end`, are not written at all: the decoder cuts
//! them from the caller's own string.
//!
//! Written in the order the decoder reads, which is the order of each object's keys:
//! - a number is one `u32` (offsets, ids and counts of a text under 4 GiB);
//! - an optional id or the like is 0 for none, else the value plus one;
//! - a string is its length in UTF-16 units plus one (0 for none), its text appended to `strings`;
//! - an enum's variant (a type, a kind, a rule, the offsets' unit) is its index in the enum's
//!   declaration, plus one where it is optional; the decoder has their names, in the same order;
//! - a rule's explanation is 0 for none, 1 for one not written before in this analysis (its
//!   string follows), else 2 plus the index of the one written before: each is in `strings` once
//!   per analysis;
//! - a mention (a quote's, a cue, a speaker's) is its `start`, then its `end`;
//! - a list is its length, then its items;
//! - a place's latitude and longitude are in `coordinates`, not among the numbers, as `f64`s.

use crate::{Analysis, Mention, Speaker};

/// The analysis written out for www/analysis.js.
#[derive(Default)]
pub struct Handover<'a> {
    pub numbers: Vec<u32>,
    pub coordinates: Vec<f64>,
    pub strings: String,
    /// The rules' explanations written so far (a dozen at most), found again by their text.
    rules: Vec<&'a str>,
}

impl<'a> Handover<'a> {
    pub fn new(analysis: &'a Analysis) -> Handover<'a> {
        let mut out = Handover::default();
        // Reserved at once, a little over what is written: a vector grown by doubling asks for a
        // range up to twice as long as it ends up, which a module that has analyzed a long text
        // may not have free. (The strings take a third of the numbers' bytes, or less.)
        let mentions: usize = analysis
            .entities
            .iter()
            .map(|e| 7 + 2 * e.mentions.len())
            .sum();
        out.numbers.reserve_exact(
            6 + 16 * analysis.quotes.len()
                + 11 * analysis.reported.len()
                + mentions
                + 4 * (analysis.places.len() + analysis.warnings.len()),
        );
        out.coordinates.reserve_exact(2 * analysis.places.len());
        out.write(analysis);
        out
    }

    fn write(&mut self, a: &'a Analysis) {
        self.number(a.quotes.len());
        for q in &a.quotes {
            self.number(q.start);
            self.number(q.end);
            self.number(q.kind as usize);
            self.speaker(&q.speaker);
            self.mention(&q.cue);
            self.rule(q.rule.as_deref());
            self.number(q.rule_id.map_or(0, |id| id as usize + 1));
        }
        self.number(a.reported.len());
        for r in &a.reported {
            self.speaker(&r.speaker);
            self.mention(&r.cue);
            self.number(r.start);
            self.number(r.end);
        }
        self.number(a.entities.len());
        for e in &a.entities {
            self.number(e.id);
            self.string(Some(&e.name));
            self.number(e.kind as usize);
            self.number(e.mentions.len());
            for m in &e.mentions {
                self.number(m.start);
                self.number(m.end);
            }
            self.number(e.count);
            self.string(e.role.as_deref());
            self.string(e.iso.as_deref());
        }
        self.number(a.places.len());
        for p in &a.places {
            self.number(p.entity_id);
            self.string(Some(&p.name));
            self.coordinates.extend([p.lat, p.lon]);
            self.string(p.country.as_deref());
            self.number(p.kind as usize);
        }
        self.number(a.warnings.len());
        for w in &a.warnings {
            self.number(w.kind as usize);
            self.string(Some(&w.message));
            self.number(w.start);
            self.number(w.end);
        }
        self.number(a.offsets as usize);
    }

    // The writers are kept out of their callers: inlined, their pushes made the module's code
    // some 5 KB larger, for a few hundred thousand numbers a megabyte of text.
    #[inline(never)]
    fn number(&mut self, n: usize) {
        self.numbers.push(n as u32);
    }

    #[inline(never)]
    fn string(&mut self, s: Option<&str>) {
        let Some(s) = s else {
            return self.number(0);
        };
        self.number(crate::text::utf16_len(s.as_bytes()) + 1);
        self.strings.push_str(s);
    }

    /// A rule's explanation, written out the first time only.
    fn rule(&mut self, rule: Option<&'a str>) {
        let Some(rule) = rule else {
            return self.number(0);
        };
        match self.rules.iter().position(|r| *r == rule) {
            Some(at) => self.number(at + 2),
            None => {
                self.number(1);
                self.string(Some(rule));
                self.rules.push(rule);
            }
        }
    }

    fn mention(&mut self, m: &Option<Mention>) {
        self.number(usize::from(m.is_some()));
        if let Some(m) = m {
            self.number(m.start);
            self.number(m.end);
        }
    }

    fn speaker(&mut self, s: &Option<Speaker>) {
        self.number(usize::from(s.is_some()));
        if let Some(s) = s {
            self.string(Some(&s.name));
            self.number(s.entity_id.map_or(0, |id| id + 1));
            self.mention(&s.mention);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Handover;
    use crate::{EntityType, Offsets, PlaceKind, QuoteKind, Rule, WarningKind};

    #[test]
    fn a_rules_explanation_is_written_once_per_analysis() {
        let text =
            "\"One,\" Ann Lee said. \"Two,\" Bob Ray said in Paris. \"Three,\" Ann Lee said.";
        let analysis = crate::analyze(text);
        let rules: Vec<_> = analysis.quotes.iter().map(|q| q.rule.as_deref()).collect();
        assert_eq!(rules.len(), 3);
        assert!(
            rules.iter().all(|r| r.is_some() && *r == rules[0]),
            "{rules:?}"
        );
        let out = Handover::new(&analysis);
        assert_eq!(out.strings.matches(rules[0].unwrap_or_default()).count(), 1);
        assert!(out.strings.contains("Bob Ray") && out.coordinates.len() == 2);
    }

    /// The names in www/analysis.js's `const TABLE = [...]`.
    fn names(table: &str) -> Vec<String> {
        let js = include_str!("../www/analysis.js");
        let start = js.find(&format!("const {table} = [")).expect(table) + table.len() + 10;
        let list = &js[start..start + js[start..].find(']').expect(table)];
        let names = list.split(',').map(str::trim).filter(|n| !n.is_empty());
        names.map(|n| serde_json::from_str(n).expect(n)).collect()
    }

    /// Each name of `table` is the JSON's name of the variant at its index, and the table has
    /// `count` names.
    fn check<T: serde::de::DeserializeOwned>(table: &str, index: fn(T) -> usize, count: usize) {
        let names = names(table);
        assert_eq!(names.len(), count, "{table}: {names:?}");
        for (i, name) in names.iter().enumerate() {
            let variant: T = serde_json::from_value(name.as_str().into()).expect(name);
            assert_eq!(index(variant), i, "{table}: {name}");
        }
    }

    #[test]
    fn the_decoders_names_are_the_jsons_in_the_enums_order() {
        // Each count is in a match over every variant, which stops compiling when one is added.
        use EntityType::*;
        let types = |t| match t {
            Person | Org | Place | Norp | Date | Misc => 6,
        };
        check::<EntityType>("TYPES", |v| v as usize, types(Person));
        let kinds = |k| match k {
            QuoteKind::Full | QuoteKind::Partial => 2,
        };
        check::<QuoteKind>("QUOTE_KINDS", |v| v as usize, kinds(QuoteKind::Full));
        use Rule::*;
        let rules = |r| match r {
            AfterQuote | BeforeQuote | AccordingTo | Colon | Dash | IntroducedBefore
            | SameParagraph | RunsOn | FollowsQuote | SentenceBefore | Subject => 11,
        };
        check::<Rule>("RULES", |v| v as usize, rules(Colon));
        let places = |p| match p {
            PlaceKind::Country | PlaceKind::Admin | PlaceKind::City | PlaceKind::Region => 4,
        };
        check::<PlaceKind>("PLACE_KINDS", |v| v as usize, places(PlaceKind::City));
        let warnings = |w| match w {
            WarningKind::UnclosedQuote => 1,
        };
        let unclosed = WarningKind::UnclosedQuote;
        check::<WarningKind>("WARNING_KINDS", |v| v as usize, warnings(unclosed));
        let offsets = |o| match o {
            Offsets::Bytes | Offsets::Utf16 => 2,
        };
        check::<Offsets>("OFFSETS", |v| v as usize, offsets(Offsets::Bytes));
    }
}
