//! Dates and times of day as news writes them ("28 August 2024", "Sept. 4", "Tuesday", "last
//! week"), with their ISO 8601 form where the text fixes it.

use std::sync::LazyLock;

use regex::Regex;

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

const MONTH: &str = r"(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June|Jun\.|July|Jul\.|Aug(?:ust|\.)?|Sept?(?:ember|\.)|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let day_month_year =
        format!(r"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+(?P<y1>\d{{4}}))?");
    let month_day_year = format!(
        r"{}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?",
        MONTH.replace("month", "month2")
    );
    let month_year = format!(
        r"{}(?:\s+(?P<y3>\d{{4}}))?",
        MONTH.replace("month", "month3")
    );
    let weekday = format!(r"(?P<weekday>{})", WEEKDAYS.join("|"));
    // "Last week", "next month", "last Tuesday", "Monday night", "two days ago", "the 1990s".
    let relative = concat!(
        r"(?:(?i:last|next|this|earlier this|later this|past|coming)\s+(?:week|month|year|weekend|spring|summer|fall|autumn|winter)",
        r"|(?i:yesterday|today|tomorrow)",
        r"|(?:(?i:last|this|next)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+(?:morning|afternoon|evening|night)",
        r"|(?i:last|this|next)\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day",
        r"|(?:\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several))\s+(?:days?|weeks?|months?|years?|decades?)\s+ago",
        r"|(?:(?i:the)\s+)?(?:1[89]|20)\d0s)",
    );
    let iso = r"(?P<iso>\d{4}-\d{2}-\d{2})";
    let year =
        r"(?:(?:in|since|until|by|from|of|during|before|after)\s+)(?P<year>1[89]\d\d|20\d\d)s?";
    Regex::new(&format!(
        r"\b(?:{relative}|{day_month_year}|{month_day_year}|{iso}|{weekday}|{month_year})\b|\b{year}\b"
    ))
    .expect("the date pattern is valid")
});

fn month_number(name: &str) -> usize {
    let stem = &name[..3];
    MONTHS
        .iter()
        .position(|m| m.starts_with(stem))
        .map_or(0, |i| i + 1)
}

/// Every date in `text`, in order.
pub fn find(text: &str) -> Vec<DateMention> {
    DATE.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let mut span = Span::new(whole.start(), whole.end());
            let iso = if let Some(iso) = c.name("iso") {
                Some(iso.as_str().to_owned())
            } else if let Some(year) = c.name("year") {
                // Only the year itself is the date in "in 2016".
                span = Span::new(year.start(), whole.end());
                (!whole.as_str().ends_with('s')).then(|| year.as_str().to_owned())
            } else if let Some(m) = c.name("month").or(c.name("month2")) {
                let day = c.name("d1").or(c.name("d2"))?.as_str();
                let day: usize = day.parse().ok().filter(|d| (1..=31).contains(d))?;
                c.name("y1")
                    .or(c.name("y2"))
                    .map(|y| format!("{}-{:02}-{:02}", y.as_str(), month_number(m.as_str()), day))
            } else if let Some(m) = c.name("month3") {
                let m = m.as_str();
                // "May" and "March" alone are more often a verb or a walk than a month.
                if c.name("y3").is_none() && (m == "May" || m == "March" || m.ends_with('.')) {
                    return None;
                }
                c.name("y3")
                    .map(|y| format!("{}-{:02}", y.as_str(), month_number(m)))
            } else {
                None
            };
            Some(DateMention { span, iso })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
