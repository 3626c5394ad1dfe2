//! Quotations and who said them, layout by layout: the marks, long quotes, the ways news copy
//! attributes a quote, how speakers resolve to names, kinds, reported speech, and the rule each
//! quote carries. The sentences are written for these tests.

use article_analyzer::{analyze, Analysis, Quote, QuoteKind, Rule};

fn quotes(text: &str) -> Vec<Quote> {
    analyze(text).quotes
}

fn texts(text: &str) -> Vec<String> {
    quotes(text).into_iter().map(|q| q.text).collect()
}

/// The one quote whose text starts with `start`.
fn quote<'a>(analysis: &'a Analysis, start: &str) -> &'a Quote {
    let found: Vec<&Quote> = analysis
        .quotes
        .iter()
        .filter(|q| q.text.starts_with(start))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one quote starting {start:?} in {:#?}",
        analysis.quotes
    );
    found[0]
}

fn speaker(q: &Quote) -> &str {
    q.speaker.as_ref().map_or("", |s| s.name.as_str())
}

fn mention(q: &Quote) -> &str {
    q.speaker
        .as_ref()
        .and_then(|s| s.mention.as_ref())
        .map_or("", |m| m.text.as_str())
}

/// Each quote's text with its speaker's name.
fn said(text: &str) -> Vec<(String, String)> {
    quotes(text)
        .iter()
        .map(|q| (q.text.clone(), speaker(q).to_owned()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

// Marks

#[test]
fn straight_and_curly_double_quotes_are_quotes() {
    assert_eq!(
        texts("\"We won,\" said Jane Roe. \u{201C}It was close,\u{201D} said Mark Hill."),
        ["We won,", "It was close,"]
    );
}

#[test]
fn single_quotes_in_a_headline_are_quotes() {
    assert_eq!(
        texts("Mayor says city is 'ready for the storm' and \u{2018}well prepared\u{2019}"),
        ["ready for the storm", "well prepared"]
    );
}

#[test]
fn guillemets_and_low_nine_openers_are_quotes() {
    assert_eq!(
        texts("\u{AB}Nous restons,\u{BB} said Marie Dubois. \u{201E}Wir bleiben,\u{201C} said Olaf Berg."),
        ["Nous restons,", "Wir bleiben,"]
    );
}

#[test]
fn apostrophes_never_open_a_quote() {
    let text = "We didn't see Hamas' leaders play rock 'n' roll in the '90s, said O'Brien.";
    assert_eq!(texts(text), Vec::<String>::new());
}

#[test]
fn apostrophe_in_nineties_never_opens_a_quote() {
    assert_eq!(
        texts("Back in the '90s the mayor said 'never again' to the plan."),
        ["never again"]
    );
}

#[test]
fn single_quote_inside_double_belongs_to_the_outer_quote() {
    assert_eq!(
        texts("\"She told me 'not today' twice,\" said Jane Roe."),
        ["She told me 'not today' twice,"]
    );
}

#[test]
fn two_apostrophes_make_a_double_mark() {
    assert_eq!(
        said("''It isn't over,'' Jane Roe said."),
        pairs(&[("It isn't over,", "Jane Roe")])
    );
}

// Long quotes

#[test]
fn quote_over_several_sentences_is_one_quote() {
    assert_eq!(
        said("\"We are ready. We have the votes. We will win,\" Jane Roe said."),
        pairs(&[("We are ready. We have the votes. We will win,", "Jane Roe")])
    );
}

#[test]
fn paragraph_left_open_runs_on_into_the_next() {
    let text = "\"The first part of the answer is simple.\n\n\"The second part,\" Jane Roe said, \"is harder.\"";
    let analysis = analyze(text);
    let first = quote(&analysis, "The first part");
    assert_eq!(speaker(first), "Jane Roe");
    assert_eq!(first.rule_id, Some(Rule::RunsOn));
    assert!(analysis.warnings.is_empty(), "not an unclosed quote");
    assert_eq!(speaker(quote(&analysis, "is harder")), "Jane Roe");
}

#[test]
fn quote_never_closed_is_kept_and_warned_about() {
    let analysis = analyze("Jane Roe said: \"We will not give up on this town.");
    assert_eq!(analysis.quotes.len(), 1);
    assert_eq!(analysis.warnings.len(), 1);
}

// Layouts

#[test]
fn trailing_x_said_after_quote() {
    let analysis = analyze("\"We will not back down,\" Jane Roe said on Monday.");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(q.rule_id, Some(Rule::AfterQuote));
}

#[test]
fn trailing_said_x_after_quote() {
    assert_eq!(
        said("\"The vote is close,\" said Jane Roe, a Democrat from Ohio."),
        pairs(&[("The vote is close,", "Jane Roe")])
    );
}

#[test]
fn x_said_colon_before_quote() {
    let analysis = analyze("Jane Roe said: \"We have the numbers.\"");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.kind, QuoteKind::Full);
    assert_eq!(q.rule_id, Some(Rule::BeforeQuote));
}

#[test]
fn x_told_reporters_after_quote() {
    assert_eq!(
        said("\"It is a fair way to describe it,\" State Department spokesman Matthew Miller told reporters."),
        pairs(&[("It is a fair way to describe it,", "Matthew Miller")])
    );
}

#[test]
fn according_to_x() {
    let analysis =
        analyze("Talks will resume, according to Mark Hill, who called them \"serious.\"");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Mark Hill");
    assert_eq!(q.rule_id, Some(Rule::AccordingTo));
}

#[test]
fn appositive_between_name_and_cue() {
    assert_eq!(
        said("\"We expect a vote soon,\" Mark Hill, a spokesman for the council, said."),
        pairs(&[("We expect a vote soon,", "Mark Hill")])
    );
}

#[test]
fn x_added_before_quote() {
    assert_eq!(
        said("Jane Roe added: \"And we will keep going.\""),
        pairs(&[("And we will keep going.", "Jane Roe")])
    );
}

#[test]
fn trailing_dash_names_the_speaker() {
    let analysis = analyze("\"Never give up on your town.\" \u{2014} Jane Roe");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.rule_id, Some(Rule::Dash));
}

#[test]
fn speaker_named_in_the_sentence_before() {
    let analysis = analyze("Jane Roe said the vote would be close. \"We are not there yet.\"");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.rule_id, Some(Rule::SentenceBefore));
}

#[test]
fn paragraph_that_is_only_a_quote_follows_a_quote_by_x() {
    let text =
        "\"We were close before,\" Matthew Miller said.\n\n\"All we can do is push for a deal.\"";
    let analysis = analyze(text);
    let q = quote(&analysis, "All we can do");
    assert_eq!(speaker(q), "Matthew Miller");
    assert_eq!(q.rule_id, Some(Rule::FollowsQuote));
    // The text names the speaker for this quote where it named them for the one before.
    assert_eq!(mention(q), "Matthew Miller");
}

#[test]
fn later_quote_of_the_paragraph_keeps_its_speaker() {
    let analysis = analyze("\"Elections matter,\" Jane Roe said. \"Look at the record.\"");
    let q = quote(&analysis, "Look at the record");
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.rule_id, Some(Rule::SameParagraph));
}

#[test]
fn paragraph_ending_with_a_colon_introduces_the_quote() {
    let analysis = analyze("Jane Roe continued:\n\n\"The numbers are on our side.\"");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(q.rule_id, Some(Rule::IntroducedBefore));
}

#[test]
fn name_and_colon_before_the_quote() {
    assert_eq!(
        said("Mayor Jane Roe: 'We are ready'"),
        pairs(&[("We are ready", "Jane Roe")])
    );
}

#[test]
fn transcript_paragraph_opens_with_the_speaker_in_capitals() {
    let text = "\"ROE: We will hold the vote on Monday.\n\n\"HILL: And if you lose it?";
    let q = quotes(text);
    assert_eq!(q.len(), 2);
    assert_eq!(mention(&q[0]), "ROE");
    assert_eq!(mention(&q[1]), "HILL");
}

// Speakers resolved

#[test]
fn pronoun_resolves_to_the_nearest_fitting_person() {
    let text = "Jane Roe met Mark Hill on Monday. \"We agreed on nothing,\" she said. \"Nothing at all,\" he said.";
    let analysis = analyze(text);
    assert_eq!(speaker(quote(&analysis, "We agreed")), "Jane Roe");
    assert_eq!(mention(quote(&analysis, "We agreed")), "she");
    assert_eq!(speaker(quote(&analysis, "Nothing at all")), "Mark Hill");
}

#[test]
fn surname_resolves_to_the_full_name_given_earlier() {
    let text = "Matthew Miller spoke first. \"There were times we were close,\" Miller said.";
    let analysis = analyze(text);
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Matthew Miller");
    assert_eq!(mention(q), "Miller");
}

#[test]
fn description_resolves_to_the_person_introduced_with_that_role() {
    let text = "The council's spokesman Mark Hill spoke on Monday. \"The vote will happen,\" the spokesman said.";
    let analysis = analyze(text);
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Mark Hill");
    assert_eq!(mention(q), "the spokesman");
}

#[test]
fn unnamed_description_is_the_speaker_as_written() {
    assert_eq!(
        said("\"We are worried,\" a senior official said."),
        pairs(&[("We are worried,", "a senior official")])
    );
}

#[test]
fn organization_and_country_speak() {
    let analysis = analyze(
        "Hamas said the talks were \"serious and positive.\" The United States said it felt \"cautious optimism.\"",
    );
    assert_eq!(speaker(quote(&analysis, "serious")), "Hamas");
    assert_eq!(speaker(quote(&analysis, "cautious")), "United States");
}

#[test]
fn relative_pronoun_names_the_speaker_before_it() {
    let analysis = analyze("The plan drew criticism from Jane Roe, who called it \"a disaster.\"");
    let q = &analysis.quotes[0];
    assert_eq!(speaker(q), "Jane Roe");
    assert_eq!(mention(q), "who");
}

// Cues

#[test]
fn speech_verbs_in_their_forms_are_cues() {
    for verb in [
        "says",
        "told",
        "added",
        "warned",
        "asked",
        "wrote",
        "tweeted",
        "insisted",
        "acknowledged",
        "argued",
        "recalled",
        "explained",
    ] {
        let text = format!("\"We will see,\" Jane Roe {verb}.");
        let analysis = analyze(&text);
        let q = &analysis.quotes[0];
        assert_eq!(speaker(q), "Jane Roe", "{verb}");
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some(verb));
    }
}

#[test]
fn noun_after_a_determiner_is_not_a_cue() {
    let analysis = analyze("\"We are broke,\" the report said, citing \"years of waste.\"");
    assert_eq!(mention(quote(&analysis, "We are broke")), "the report");
}

// Kinds

#[test]
fn fragment_in_the_writers_sentence_is_partial() {
    let analysis = analyze("Jane Roe called the plan \"a fair deal for working families.\"");
    let q = &analysis.quotes[0];
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(speaker(q), "Jane Roe");
}

#[test]
fn whole_sentence_after_a_colon_is_full() {
    assert_eq!(
        quotes("Jane Roe put it simply: \"We will win.\"")[0].kind,
        QuoteKind::Full
    );
}

#[test]
fn scare_quoted_term_is_not_a_quote() {
    assert!(quotes("The so-called \"peace plan\" was published on Monday.").is_empty());
    assert!(quotes("The city's \"temporary\" fence has stood for years.").is_empty());
    assert!(quotes("Jane Roe's \"temporary\" fence has stood for years.").is_empty());
}

#[test]
fn quoted_title_is_not_a_quote() {
    assert!(quotes("Jane Roe appeared on \"Meet the Press\" on Sunday.").is_empty());
}

// Reported speech

#[test]
fn x_said_that_is_reported_speech() {
    let analysis = analyze("Jane Roe said that the council would vote on Monday.");
    assert!(analysis.quotes.is_empty());
    let r = &analysis.reported[0];
    assert_eq!(r.text, "that the council would vote on Monday");
    assert_eq!(
        r.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Jane Roe")
    );
    assert_eq!(r.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
}

#[test]
fn x_described_y_as_z_is_reported_speech() {
    let analysis = analyze("Mark Hill described the two sides as closer than ever.");
    let r = &analysis.reported[0];
    assert_eq!(r.text, "the two sides as closer than ever");
    assert_eq!(
        r.speaker.as_ref().map(|s| s.name.as_str()),
        Some("Mark Hill")
    );
}

#[test]
fn x_acknowledged_that_is_reported_speech() {
    let analysis = analyze("The council acknowledged that earlier hopes had been dashed.");
    let r = &analysis.reported[0];
    assert_eq!(r.text, "that earlier hopes had been dashed");
    assert_eq!(
        r.cue.as_ref().map(|c| c.text.as_str()),
        Some("acknowledged")
    );
}

// Explainable

#[test]
fn every_attributed_quote_says_which_rule_attributed_it() {
    let text =
        "\"We won,\" Jane Roe said. \"It was close.\"\n\nMark Hill said: \"Not close enough.\"";
    for q in quotes(text) {
        let rule = q.rule_id.expect("attributed");
        assert_eq!(q.rule.as_deref(), Some(rule.explanation()));
        assert!(q.speaker.is_some());
    }
}
