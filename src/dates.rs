//! Dates and times of day as news writes them ("28 August 2024", "Sept. 4", "Tuesday", "last
//! week"), with their ISO 8601 form where the text fixes it.
//!
//! The grammar is small and fixed, so it is matched by hand, a word at a time, trying the forms in
//! a fixed order of preference, rather than by a regular expression: the regex crate was the
//! largest piece of the page's code (about 150 KB gzipped), took about 50 ms of its start to
//! build the automaton, and a third of the analysis time (its fast engines give up on Unicode
//! word boundaries in text with curly quotes).

use crate::lexicons::FirstThree;
use crate::text::Span;

/// A date found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` where the text gives an absolute date.
    pub iso: Option<String>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month and weekday names, which name dates rather than entities.
pub fn is_date_word(word: &str) -> bool {
    MONTHS.contains(&word) && word != "May" && word != "March" || WEEKDAYS.contains(&word)
}

/// How months are written, each with its number; where one form begins another, the longer
/// comes first.
const MONTH_FORMS: [(&str, u8); 30] = [
    ("January", 1),
    ("Jan.", 1),
    ("Jan", 1),
    ("February", 2),
    ("Feb.", 2),
    ("Feb", 2),
    ("March", 3),
    ("Mar.", 3),
    ("April", 4),
    ("Apr.", 4),
    ("May", 5),
    ("June", 6),
    ("Jun.", 6),
    ("July", 7),
    ("Jul.", 7),
    ("August", 8),
    ("Aug.", 8),
    ("Aug", 8),
    ("September", 9),
    ("Sept.", 9),
    ("Sep.", 9),
    ("October", 10),
    ("Oct.", 10),
    ("Oct", 10),
    ("November", 11),
    ("Nov.", 11),
    ("Nov", 11),
    ("December", 12),
    ("Dec.", 12),
    ("Dec", 12),
];

/// The ASCII bytes that begin `words` (bit `b` for byte `b`), both cases of a letter if
/// `any_case`.
const fn initials(words: &[&str], any_case: bool) -> u128 {
    let mut set = 0;
    let mut i = 0;
    while i < words.len() {
        let b = words[i].as_bytes()[0];
        set |= 1 << b;
        if any_case {
            set |= 1 << b.to_ascii_lowercase() | 1 << b.to_ascii_uppercase();
        }
        i += 1;
    }
    set
}

/// A list of words the grammar tries at one place, and the bytes they begin with: most places
/// begin with none of them, ruled out by one test rather than a comparison per word (each of
/// the article's "the", "in" and "a" was tried against some 120 words).
struct Words {
    list: &'static [&'static str],
    any_case: bool,
    initials: u128,
}

impl Words {
    /// Words matched in this case.
    const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            any_case: false,
            initials: initials(list, false),
        }
    }

    /// Words (ASCII) matched in any case.
    const fn any_case(list: &'static [&'static str]) -> Words {
        Words {
            list,
            any_case: true,
            initials: initials(list, true),
        }
    }
}

/// The bytes that begin [`MONTH_FORMS`].
const MONTH_INITIALS: u128 = {
    let mut forms = [""; MONTH_FORMS.len()];
    let mut i = 0;
    while i < forms.len() {
        forms[i] = MONTH_FORMS[i].0;
        i += 1;
    }
    initials(&forms, false)
};

/// Weekday names without their "day".
const DAY_STEMS: Words = Words::new(&["Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur", "Sun"]);
const ORDINAL_SUFFIXES: Words = Words::new(&["st", "nd", "rd", "th"]);
/// Words before a relative period ("last week"); matched in any case.
const PERIOD_OPENERS: Words = Words::any_case(&[
    "last",
    "next",
    "this",
    "earlier this",
    "later this",
    "past",
    "coming",
]);
const PERIODS: Words = Words::new(&[
    "week", "month", "year", "weekend", "spring", "summer", "fall", "autumn", "winter",
]);
const PARTS_OF_DAY: Words = Words::new(&["morning", "afternoon", "evening", "night"]);
/// Days named from today; matched in any case.
const NEAR_DAYS: Words = Words::any_case(&["yesterday", "today", "tomorrow"]);
/// Words before a weekday ("last Tuesday"); matched in any case.
const WEEKDAY_OPENERS: Words = Words::any_case(&["last", "this", "next"]);
/// How many, in "two days ago"; matched in any case.
const COUNTS: Words = Words::any_case(&[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "a few", "several",
]);
const UNITS: Words = Words::new(&[
    "days", "day", "weeks", "week", "months", "month", "years", "year", "decades", "decade",
]);
/// Words that make a bare year a date: "in 2016", "since 1990".
const YEAR_OPENERS: Words = Words::new(&[
    "in", "since", "until", "by", "from", "of", "during", "before", "after",
]);
/// What a form ruled out by the word at a place tries there.
const NO_WORDS: Words = Words::new(&[]);

/// A set of the grammar's forms, named by their first words: the forms that may begin with a
/// given word. The word at a place rules out most forms (an article's many "the", "in" and "a"
/// can each begin one or two), and trying only the others finds the same dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Forms(u16);

/// Forms beginning with one of [`PERIOD_OPENERS`].
const PERIOD_OPENER: Forms = Forms(1);
/// With one of [`NEAR_DAYS`].
const NEAR_DAY: Forms = Forms(1 << 1);
/// With one of [`WEEKDAY_OPENERS`].
const WEEKDAY_OPENER: Forms = Forms(1 << 2);
/// With a weekday.
const WEEKDAY: Forms = Forms(1 << 3);
/// With one of [`COUNTS`].
const COUNT: Forms = Forms(1 << 4);
/// With "the".
const THE: Forms = Forms(1 << 5);
/// With a month ([`MONTH_FORMS`]).
const MONTH: Forms = Forms(1 << 6);
/// With one of [`YEAR_OPENERS`].
const YEAR_OPENER: Forms = Forms(1 << 7);
/// With a digit.
const DIGITS: Forms = Forms(1 << 8);
/// The forms whose first word is followed by a number.
const NUMBER_AFTER: Forms = Forms(THE.0 | YEAR_OPENER.0);

impl Forms {
    const fn has(self, forms: Forms) -> bool {
        self.0 & forms.0 != 0
    }
}

/// A match: where it ends, and the date, unless the text matched only to be passed over (a day
/// that is no day of a month, a bare "May").
struct Found {
    end: usize,
    date: Option<DateMention>,
}

/// The text, and how to match the grammar's pieces at a byte offset. Offsets are always on char
/// boundaries: they only move past whole chars.
struct Scan<'a> {
    text: &'a str,
}

/// Whether two byte strings are equal (ASCII letters in any case if `any_case`). Most comparisons
/// fail at the first byte, which this finds without the cost of a call to `memcmp`.
fn same(a: &[u8], b: &[u8], any_case: bool) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x == y || any_case && x.eq_ignore_ascii_case(y))
}

fn is_word(c: char) -> bool {
    // Most characters past ASCII in news are curly quotes and dashes, of General Punctuation,
    // which holds no letter nor digit (tested): ruled out without the Unicode tables, whose
    // look-ups were 0.5% of a pass.
    !PUNCTUATION.contains(&c) && (c.is_alphanumeric() || c == '_')
}

/// The General Punctuation block.
const PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Which ASCII chars are words', as [`is_word`] has them.
const WORD_BYTES: [bool; 128] = {
    let mut word = [false; 128];
    let mut b = 0;
    while b < 128 {
        word[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    word
};

impl<'a> Scan<'a> {
    fn rest(&self, at: usize) -> &'a str {
        self.text.get(at..).unwrap_or("")
    }

    /// Whether the char at `at` is a word's, and its length (none at the end). Most of a text
    /// is ASCII: its bytes are classified without decoding (the scan for the words that may
    /// start a date reads every char of the text).
    #[inline(always)]
    fn word_char(&self, at: usize) -> Option<(bool, usize)> {
        match *self.text.as_bytes().get(at)? {
            b if b.is_ascii() => Some((WORD_BYTES[usize::from(b)], 1)),
            _ => self.non_ascii_word_char(at),
        }
    }

    /// [`Scan::word_char`] past ASCII, out of the loops that call it.
    #[inline(never)]
    fn non_ascii_word_char(&self, at: usize) -> Option<(bool, usize)> {
        (self.rest(at).chars().next()).map(|c| (is_word(c), c.len_utf8()))
    }

    /// Whether a word starts or ends at `at`.
    fn boundary(&self, at: usize) -> bool {
        let before = self.text.get(..at).and_then(|s| s.chars().next_back());
        let after = self.rest(at).chars().next();
        before.is_some_and(is_word) != after.is_some_and(is_word)
    }

    /// `word`, in this case.
    fn lit(&self, at: usize, word: &str) -> Option<usize> {
        let head = self.text.as_bytes().get(at..)?.get(..word.len())?;
        same(head, word.as_bytes(), false).then_some(at + word.len())
    }

    /// `word` (ASCII) in any case.
    fn lit_any_case(&self, at: usize, word: &str) -> Option<usize> {
        let head = self.text.as_bytes().get(at..)?.get(..word.len())?;
        same(head, word.as_bytes(), true).then_some(at + word.len())
    }

    /// One or more spaces.
    fn space(&self, at: usize) -> Option<usize> {
        let rest = self.rest(at);
        let len: usize = rest
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        (len > 0).then_some(at + len)
    }

    /// Whether a number follows the word that ends at `end`, after one or more spaces.
    fn number_after(&self, end: usize) -> bool {
        (self.space(end))
            .is_some_and(|s| self.text.as_bytes().get(s).is_some_and(u8::is_ascii_digit))
    }

    /// Exactly `n` ASCII digits.
    fn digits(&self, at: usize, n: usize) -> Option<usize> {
        let rest = self.rest(at).as_bytes();
        (rest.len() >= n && rest[..n].iter().all(u8::is_ascii_digit)).then_some(at + n)
    }

    /// The ASCII digits at `at`, as many as there are (at least one).
    fn number(&self, at: usize) -> Option<usize> {
        let len = self.rest(at).bytes().take_while(u8::is_ascii_digit).count();
        (len > 0).then_some(at + len)
    }

    /// Whether the byte at `at` is one of `initials` (see [`initials`]).
    fn begins(&self, at: usize, initials: u128) -> bool {
        (self.text.as_bytes().get(at)).is_some_and(|&b| b < 128 && initials >> b & 1 == 1)
    }

    /// Where each of `words` that the text has at `at` ends, in their order.
    fn any_of<'w>(&'w self, at: usize, words: &'w Words) -> impl Iterator<Item = usize> + 'w {
        let list = if self.begins(at, words.initials) {
            words.list
        } else {
            &[]
        };
        list.iter().filter_map(move |w| {
            if words.any_case {
                self.lit_any_case(at, w)
            } else {
                self.lit(at, w)
            }
        })
    }

    /// The months written at `at`: where each ends, its number, and its form.
    fn months(&self, at: usize) -> impl Iterator<Item = (usize, u8, &'static str)> + '_ {
        let forms: &[(&str, u8)] = if self.begins(at, MONTH_INITIALS) {
            &MONTH_FORMS
        } else {
            &[]
        };
        forms
            .iter()
            .filter_map(move |&(form, n)| Some((self.lit(at, form)?, n, form)))
    }

    /// "Mon" .. "Sun" and "day".
    fn weekday(&self, at: usize) -> Option<usize> {
        self.any_of(at, &DAY_STEMS)
            .find_map(|end| self.lit(end, "day"))
    }

    /// A day of the month, "4" or "04", with its ordinal suffix if any: the first of `f` of
    /// each reading, where it ends (longest first) and the day's digits' end, that is some.
    fn days(&self, at: usize, mut f: impl FnMut(usize, usize) -> Option<Found>) -> Option<Found> {
        for digits_end in [self.digits(at, 2), self.digits(at, 1)]
            .into_iter()
            .flatten()
        {
            let suffixed = self.any_of(digits_end, &ORDINAL_SUFFIXES);
            for day_end in suffixed.chain([digits_end]) {
                if let Some(found) = f(day_end, digits_end) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// ", 2024" or " 2024" after a date: where it ends and where the year starts.
    fn year_after(&self, at: usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for comma in [self.lit(at, ","), Some(at)].into_iter().flatten() {
            if let Some(start) = self.space(comma) {
                if let Some(end) = self.digits(start, 4) {
                    out.push((end, start));
                }
            }
        }
        out
    }

    /// The date starting at `at` (the start of a word), trying the forms in order of preference,
    /// those of `forms` only (the others cannot begin with the word at `at`).
    // Out of `find`'s loop, which runs for every word: see src/analyze.rs.
    #[inline(never)]
    fn date_at(&self, at: usize, forms: Forms) -> Option<Found> {
        let plain = |end: usize| Found {
            end,
            date: Some(DateMention {
                span: Span::new(at, end),
                iso: None,
            }),
        };
        if let Some(end) = self.relative(at, forms) {
            return Some(plain(end));
        }
        if let Some(found) = forms.has(DIGITS).then(|| self.day_month_year(at)).flatten() {
            return Some(found);
        }
        if let Some(found) = forms.has(MONTH).then(|| self.month_day_year(at)).flatten() {
            return Some(found);
        }
        if let Some(end) = forms.has(DIGITS).then(|| self.iso(at)).flatten() {
            return Some(Found {
                end,
                date: Some(DateMention {
                    span: Span::new(at, end),
                    iso: Some(self.text[at..end].to_owned()),
                }),
            });
        }
        let weekdays: &[&str] = if forms.has(WEEKDAY) { &WEEKDAYS } else { &[] };
        if let Some(end) = (weekdays.iter())
            .filter_map(|w| self.lit(at, w))
            .find(|&end| self.boundary(end))
        {
            return Some(plain(end));
        }
        if let Some(found) = forms.has(MONTH).then(|| self.month_year(at)).flatten() {
            return Some(found);
        }
        forms.has(YEAR_OPENER).then(|| self.year(at)).flatten()
    }

    /// "last week", "yesterday", "Monday night", "last Tuesday", "two days ago", "the 1990s".
    fn relative(&self, at: usize, forms: Forms) -> Option<usize> {
        let ends = |end: &usize| self.boundary(*end);
        let openers = |flag: Forms, words: &'static Words| {
            let words = if forms.has(flag) { words } else { &NO_WORDS };
            self.any_of(at, words)
        };
        // last week
        for opener in openers(PERIOD_OPENER, &PERIOD_OPENERS) {
            if let Some(s) = self.space(opener) {
                if let Some(end) = self.any_of(s, &PERIODS).find(ends) {
                    return Some(end);
                }
            }
        }
        // yesterday
        if let Some(end) = openers(NEAR_DAY, &NEAR_DAYS).find(ends) {
            return Some(end);
        }
        // (last) Monday night
        let prefixed = openers(WEEKDAY_OPENER, &WEEKDAY_OPENERS).filter_map(|end| self.space(end));
        let unprefixed = forms.has(WEEKDAY).then_some(at);
        for start in prefixed.chain(unprefixed) {
            if let Some(day) = self.weekday(start) {
                if let Some(s) = self.space(day) {
                    if let Some(end) = self.any_of(s, &PARTS_OF_DAY).find(ends) {
                        return Some(end);
                    }
                }
            }
        }
        // last Tuesday
        for opener in openers(WEEKDAY_OPENER, &WEEKDAY_OPENERS) {
            if let Some(end) = self
                .space(opener)
                .and_then(|s| self.weekday(s))
                .filter(ends)
            {
                return Some(end);
            }
        }
        // two days ago
        let number = forms.has(DIGITS).then(|| self.number(at)).flatten();
        let counts = number.into_iter().chain(openers(COUNT, &COUNTS));
        for count in counts {
            let Some(s) = self.space(count) else { continue };
            for unit in self.any_of(s, &UNITS) {
                if let Some(end) = self
                    .space(unit)
                    .and_then(|s| self.lit(s, "ago"))
                    .filter(ends)
                {
                    return Some(end);
                }
            }
        }
        // the 1990s
        let the = if forms.has(THE) {
            self.lit_any_case(at, "the").and_then(|end| self.space(end))
        } else {
            None
        };
        for start in the.into_iter().chain(forms.has(DIGITS).then_some(at)) {
            let rest = self.rest(start).as_bytes();
            let decade = rest.len() >= 5
                && matches!(&rest[..2], b"18" | b"19" | b"20")
                && rest[2].is_ascii_digit()
                && &rest[3..5] == b"0s";
            if decade && self.boundary(start + 5) {
                return Some(start + 5);
            }
        }
        None
    }

    /// "28 August 2024", "4th Sept.".
    fn day_month_year(&self, at: usize) -> Option<Found> {
        self.days(at, |day_end, digits_end| {
            let s = self.space(day_end)?;
            self.months(s).find_map(|(month_end, month, _)| {
                self.with_year(at, month_end, month, &self.text[at..digits_end])
            })
        })
    }

    /// "August 28, 2024", "Sept. 4".
    fn month_day_year(&self, at: usize) -> Option<Found> {
        for (month_end, month, _) in self.months(at) {
            let Some(s) = self.space(month_end) else {
                continue;
            };
            let day =
                |day_end, digits_end| self.with_year(at, day_end, month, &self.text[s..digits_end]);
            if let Some(found) = self.days(s, day) {
                return Some(found);
            }
        }
        None
    }

    /// A day and month that end at `end`, with a year after them if there is one; the date only
    /// if the day can be one.
    fn with_year(&self, at: usize, end: usize, month: u8, day: &str) -> Option<Found> {
        let years = self.year_after(end).into_iter();
        let (end, year) = years
            .map(|(end, start)| (end, Some(start)))
            .chain([(end, None)])
            .find(|&(end, _)| self.boundary(end))?;
        let date = day
            .parse::<u8>()
            .ok()
            .filter(|d| (1..=31).contains(d))
            .map(|day| DateMention {
                span: Span::new(at, end),
                iso: year.map(|y| format!("{}-{month:02}-{day:02}", &self.text[y..end])),
            });
        Some(Found { end, date })
    }

    /// "2024-08-28".
    fn iso(&self, at: usize) -> Option<usize> {
        let end = self.digits(at, 4)?;
        let end = self.digits(self.lit(end, "-")?, 2)?;
        let end = self.digits(self.lit(end, "-")?, 2)?;
        self.boundary(end).then_some(end)
    }

    /// "August", "August 2024"; "May" and "March" alone are more often a verb or a walk than a
    /// month, and an abbreviation alone is passed over too.
    fn month_year(&self, at: usize) -> Option<Found> {
        for (month_end, month, form) in self.months(at) {
            let with_year = self
                .space(month_end)
                .and_then(|s| Some((self.digits(s, 4)?, s)));
            let readings = with_year
                .map(|(end, s)| (end, Some(s)))
                .into_iter()
                .chain([(month_end, None)]);
            for (end, year) in readings {
                if !self.boundary(end) {
                    continue;
                }
                let bare =
                    year.is_none() && (form == "May" || form == "March" || form.ends_with('.'));
                let date = (!bare).then(|| DateMention {
                    span: Span::new(at, end),
                    iso: year.map(|y| format!("{}-{month:02}", &self.text[y..end])),
                });
                return Some(Found { end, date });
            }
        }
        None
    }

    /// "in 2016" (the year alone is the date; "in the 1990s" is a decade and gets no ISO form).
    fn year(&self, at: usize) -> Option<Found> {
        for opener in self.any_of(at, &YEAR_OPENERS) {
            let Some(start) = self.space(opener) else {
                continue;
            };
            let Some(digits) = self.year_digits(start) else {
                continue;
            };
            for end in [self.lit(digits, "s"), Some(digits)].into_iter().flatten() {
                if self.boundary(end) {
                    let iso = (end == digits).then(|| self.text[start..digits].to_owned());
                    return Some(Found {
                        end,
                        date: Some(DateMention {
                            span: Span::new(start, end),
                            iso,
                        }),
                    });
                }
            }
        }
        None
    }

    /// A year from 1800 to 2099.
    fn year_digits(&self, at: usize) -> Option<usize> {
        let century = self.rest(at).as_bytes().get(..2)?;
        matches!(century, b"18" | b"19" | b"20")
            .then(|| self.digits(at, 4))
            .flatten()
    }
}

/// The first words of the grammar's forms, lowercase and sorted (a test checks them against the
/// forms): a date starts with one of them, or with a digit.
const STARTERS: [&str; 64] = [
    "a",
    "after",
    "an",
    "apr",
    "april",
    "aug",
    "august",
    "before",
    "by",
    "coming",
    "dec",
    "december",
    "during",
    "earlier",
    "eight",
    "feb",
    "february",
    "five",
    "four",
    "friday",
    "from",
    "in",
    "jan",
    "january",
    "jul",
    "july",
    "jun",
    "june",
    "last",
    "later",
    "mar",
    "march",
    "may",
    "monday",
    "next",
    "nine",
    "nov",
    "november",
    "oct",
    "october",
    "of",
    "one",
    "past",
    "saturday",
    "sep",
    "sept",
    "september",
    "seven",
    "several",
    "since",
    "six",
    "sunday",
    "ten",
    "the",
    "this",
    "three",
    "thursday",
    "today",
    "tomorrow",
    "tuesday",
    "two",
    "until",
    "wednesday",
    "yesterday",
];

/// The forms each of [`STARTERS`] may begin, in the same order.
const STARTER_FORMS: [Forms; STARTERS.len()] = {
    let mut forms = [Forms(0); STARTERS.len()];
    let mut i = 0;
    while i < MONTH_FORMS.len() {
        add_form(&mut forms, MONTH_FORMS[i].0, MONTH);
        i += 1;
    }
    let lists: [(&[&str], Forms); 7] = [
        (&WEEKDAYS, WEEKDAY),
        (YEAR_OPENERS.list, YEAR_OPENER),
        (PERIOD_OPENERS.list, PERIOD_OPENER),
        (NEAR_DAYS.list, NEAR_DAY),
        (WEEKDAY_OPENERS.list, WEEKDAY_OPENER),
        (COUNTS.list, COUNT),
        (&["the"], THE),
    ];
    let mut l = 0;
    while l < lists.len() {
        let (list, form) = lists[l];
        let mut i = 0;
        while i < list.len() {
            add_form(&mut forms, list[i], form);
            i += 1;
        }
        l += 1;
    }
    forms
};

/// Adds `form` to the forms of the starter that is the first word of `words` (up to a space or
/// a full stop, in any case); there must be one.
const fn add_form(forms: &mut [Forms; STARTERS.len()], words: &str, form: Forms) {
    let words = words.as_bytes();
    let mut len = 0;
    while len < words.len() && words[len] != b' ' && words[len] != b'.' {
        len += 1;
    }
    let mut s = 0;
    while s < STARTERS.len() {
        let starter = STARTERS[s].as_bytes();
        let mut same = starter.len() == len;
        let mut i = 0;
        while same && i < len {
            same = words[i].to_ascii_lowercase() == starter[i];
            i += 1;
        }
        if same {
            forms[s].0 |= form.0;
            return;
        }
        s += 1;
    }
    panic!("a form's first word is missing from STARTERS");
}

/// Where the starters of each first letter begin in [`STARTERS`] (`a` 0 to `z` 25; 26 is the
/// end): a word is compared with those of its letter only.
const STARTER_FROM: [u8; 27] = {
    let mut from = [STARTERS.len() as u8; 27];
    let mut i = STARTERS.len();
    while i > 0 {
        i -= 1;
        from[(STARTERS[i].as_bytes()[0] - b'a') as usize] = i as u8;
    }
    let mut letter = 26;
    while letter > 0 {
        letter -= 1;
        if from[letter] > from[letter + 1] {
            from[letter] = from[letter + 1];
        }
    }
    from
};

/// The first three letters of [`STARTERS`].
const STARTER_STARTS: FirstThree = {
    let mut starts = FirstThree::EMPTY;
    let mut i = 0;
    while i < STARTERS.len() {
        starts = starts.with(STARTERS[i]);
        i += 1;
    }
    starts
};

/// The forms that may begin with `word` (a whole word), none for most words: much cheaper than
/// trying every form.
fn may_start(word: &str) -> Forms {
    let none = Forms(0);
    let word = word.as_bytes();
    let Some(&head) = word.first() else {
        return none;
    };
    if head.is_ascii_digit() {
        return DIGITS;
    }
    // Most words of an article are ruled out by their first three letters, without the cost of
    // comparing them with the starters (all ASCII letters). No starter is longer than nine bytes.
    let first = usize::from((head | 0x20).wrapping_sub(b'a'));
    if first >= 26 || !STARTER_STARTS.may_begin(word) || word.len() > 9 {
        return none;
    }
    let from = usize::from(STARTER_FROM[first])..usize::from(STARTER_FROM[first + 1]);
    (STARTERS[from.clone()].iter())
        .position(|starter| word.eq_ignore_ascii_case(starter.as_bytes()))
        .map_or(none, |i| STARTER_FORMS[from.start + i])
}

/// Every date in `text`, in order.
// Kept apart from its one caller, for V8: see src/analyze.rs.
#[inline(never)]
pub fn find(text: &str) -> Vec<DateMention> {
    let scan = Scan { text };
    let mut out = Vec::new();
    let mut at = 0;
    while let Some((word, len)) = scan.word_char(at) {
        if !word {
            at += len;
            continue;
        }
        // `at` starts a word: every date does.
        let mut word_end = at + len;
        while let Some((true, len)) = scan.word_char(word_end) {
            word_end += len;
        }
        let forms = may_start(&text[at..word_end]);
        // "the", "in" and "of" are among an article's commonest words, and begin a date only
        // before a number ("the 1990s", "in 2016"): tried there only.
        let tried =
            forms.0 & !NUMBER_AFTER.0 != 0 || forms != Forms(0) && scan.number_after(word_end);
        if tried {
            if let Some(found) = scan.date_at(at, forms) {
                out.extend(found.date);
                // A date ends where a word does, so what follows starts a word or is no word.
                at = found.end;
                continue;
            }
        }
        at = word_end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_holds_no_word_character() {
        for c in PUNCTUATION {
            assert!(!c.is_alphanumeric() && c != '_', "{c:?}");
        }
        assert!(!is_word('\u{2019}') && is_word('é') && is_word('_'));
    }

    fn found(text: &str) -> Vec<(&str, Option<String>)> {
        find(text)
            .into_iter()
            .map(|d| (&text[d.span.start..d.span.end], d.iso))
            .collect()
    }

    #[test]
    fn absolute_dates_get_iso_forms() {
        assert_eq!(
            found("on 28 August 2024 and Sept. 4, 2016, or March 3rd"),
            [
                ("28 August 2024", Some("2024-08-28".into())),
                ("Sept. 4, 2016", Some("2016-09-04".into())),
                ("March 3rd", None)
            ]
        );
    }

    #[test]
    fn relative_dates_at_the_start_of_a_sentence_and_counted_back() {
        assert_eq!(
            found("Last week it rose. It fell last Tuesday, two days ago, and in the 1990s."),
            [
                ("Last week", None),
                ("last Tuesday", None),
                ("two days ago", None),
                ("the 1990s", None)
            ]
        );
    }

    #[test]
    fn the_starters_are_the_first_words_of_the_forms() {
        let first = |form: &str| form.split([' ', '.']).next().unwrap_or(form).to_lowercase();
        let mut words: Vec<String> = MONTH_FORMS.iter().map(|(form, _)| first(form)).collect();
        for list in [
            &WEEKDAYS[..],
            YEAR_OPENERS.list,
            PERIOD_OPENERS.list,
            NEAR_DAYS.list,
            WEEKDAY_OPENERS.list,
            COUNTS.list,
            &["the"],
        ] {
            words.extend(list.iter().map(|form| first(form)));
        }
        words.sort();
        words.dedup();
        assert_eq!(words, STARTERS);
        assert!(STARTERS.windows(2).all(|w| w[0] < w[1]));
        assert!(STARTERS.iter().all(|w| w.len() <= 9));
        for word in [
            "a",
            "A",
            "Sept",
            "SEPTEMBER",
            "the",
            "yesterday",
            "2024",
            "An",
            "tWo",
        ] {
            assert_ne!(may_start(word), Forms(0), "{word}");
        }
        for word in [
            "",
            "b",
            "ab",
            "Septembers",
            "Septembe",
            "they",
            "yesterdays",
            "th",
            "a1",
            "_a",
            "é",
        ] {
            assert_eq!(may_start(word), Forms(0), "{word}");
        }
    }

    #[test]
    fn each_form_is_tried_where_its_first_word_is() {
        let forms = |words: &[Forms]| Forms(words.iter().map(|f| f.0).fold(0, |a, b| a | b));
        assert_eq!(may_start("Last"), forms(&[PERIOD_OPENER, WEEKDAY_OPENER]));
        assert_eq!(may_start("earlier"), PERIOD_OPENER);
        assert_eq!(may_start("a"), COUNT);
        assert_eq!(may_start("In"), YEAR_OPENER);
        assert_eq!(may_start("sept"), MONTH);
        assert_eq!(may_start("Sunday"), WEEKDAY);
        assert_eq!(may_start("THE"), THE);
        assert_eq!(may_start("1990s"), DIGITS);
        assert_eq!(
            found(
                "Earlier this month, next Friday night and Sunday morning; this Sunday, the coming \
                 weekend, Tomorrow, a few days ago, several weeks ago, 3 decades ago, the 1800s, \
                 2000s, 4th Dec. 2020, Dec. 2020, December 4th; 2019-01-02, since 1990, during \
                 the 1990s and Wednesday."
            ),
            [
                ("Earlier this month", None),
                ("next Friday night", None),
                ("Sunday morning", None),
                ("this Sunday", None),
                ("coming weekend", None),
                ("Tomorrow", None),
                ("a few days ago", None),
                ("several weeks ago", None),
                ("3 decades ago", None),
                ("the 1800s", None),
                ("2000s", None),
                ("4th Dec. 2020", Some("2020-12-04".into())),
                ("Dec. 2020", Some("2020-12".into())),
                ("December 4th", None),
                ("2019-01-02", Some("2019-01-02".into())),
                ("1990", Some("1990".into())),
                ("the 1990s", None),
                ("Wednesday", None)
            ]
        );
    }

    #[test]
    fn a_date_ends_where_a_word_does() {
        assert_eq!(
            found("Mondays, the weekend, 123 August, Jan. 5 and Jan."),
            [("August", None), ("Jan. 5", None), ("Jan", None)]
        );
    }

    #[test]
    fn a_bare_may_is_no_date_but_may_2016_is() {
        assert_eq!(
            found("May we? In May 2016, Sept. 4th and 2016-08-28."),
            [
                ("May 2016", Some("2016-05".into())),
                ("Sept. 4th", None),
                ("2016-08-28", Some("2016-08-28".into()))
            ]
        );
    }

    #[test]
    fn weekdays_months_and_relative_dates() {
        assert_eq!(
            found("said Tuesday that in August, last week and in 2016 it may rain"),
            [
                ("Tuesday", None),
                ("August", None),
                ("last week", None),
                ("2016", Some("2016".into()))
            ]
        );
    }
}
