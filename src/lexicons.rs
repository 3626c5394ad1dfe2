//! Word lists the analyzer consults: abbreviations, speech verbs, titles and roles, demonyms,
//! organization words. Hand-checked; the generated assets (gazetteer, model) live with the modules
//! that use them.

use std::sync::LazyLock;

use crate::ner::hash;

/// Abbreviations whose final period belongs to the word (Mr., Sept., Inc.).
pub fn is_abbreviation(word: &str) -> bool {
    is_title_abbreviation(word)
        || matches!(
            word,
            "Inc"
                | "Corp"
                | "Co"
                | "Ltd"
                | "Jr"
                | "Sr"
                | "No"
                | "Nos"
                | "vs"
                | "etc"
                | "Ave"
                | "Blvd"
                | "Mt"
                | "Ft"
                | "approx"
                | "Dept"
                | "Univ"
                | "Bros"
                | "Est"
                | "al"
        )
}

/// Abbreviations that never end a sentence because a name or number always follows (Mr. Smith,
/// Sept. 4, Gov. Brown).
pub fn is_title_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Sen"
            | "Sens"
            | "Rep"
            | "Reps"
            | "Gov"
            | "Gen"
            | "Lt"
            | "Col"
            | "Maj"
            | "Capt"
            | "Sgt"
            | "Cpl"
            | "Adm"
            | "Cmdr"
            | "Rev"
            | "Hon"
            | "Pres"
            | "Supt"
            | "Insp"
            | "St"
            | "Messrs"
            | "Mme"
            | "Jan"
            | "Feb"
            | "Mar"
            | "Apr"
            | "Jun"
            | "Jul"
            | "Aug"
            | "Sep"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
            | "Mon"
            | "Tue"
            | "Tues"
            | "Wed"
            | "Thu"
            | "Thur"
            | "Thurs"
            | "Fri"
            | "Sat"
            | "Sun"
            | "Ala"
            | "Ariz"
            | "Ark"
            | "Calif"
            | "Colo"
            | "Conn"
            | "Del"
            | "Fla"
            | "Ga"
            | "Ill"
            | "Ind"
            | "Kan"
            | "Ky"
            | "La"
            | "Md"
            | "Mass"
            | "Mich"
            | "Minn"
            | "Miss"
            | "Mo"
            | "Mont"
            | "Neb"
            | "Nev"
            | "Okla"
            | "Ore"
            | "Pa"
            | "Tenn"
            | "Tex"
            | "Va"
            | "Vt"
            | "Wash"
            | "Wis"
            | "Wyo"
    )
}

/// Capitalized words that commonly open a sentence, used to decide whether an abbreviation's period
/// also ends the sentence.
pub fn is_sentence_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "For"
            | "If"
            | "When"
            | "As"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "Some"
            | "Many"
            | "Most"
            | "After"
            | "Before"
            | "While"
            | "Since"
            | "Still"
            | "Yet"
            | "So"
            | "Now"
            | "Then"
            | "Meanwhile"
            | "However"
            | "Officials"
            | "According"
    )
}

/// Speech and attribution verbs in all their forms, with the lemma each form belongs to.
pub fn speech_verb(word: &str) -> Option<&'static str> {
    // Asked of every word of an article: found by hash, the word lowercased as it is hashed,
    // not copied and searched for (the sorted forms' binary search was 3% of an analysis).
    static FORMS: LazyLock<hash::Map<(&'static str, &'static str)>> = LazyLock::new(|| {
        SPEECH_VERBS
            .iter()
            .flat_map(|(lemma, forms)| {
                forms
                    .iter()
                    .map(move |f| (hash::bytes(f.as_bytes()), (*f, *lemma)))
            })
            .collect()
    });
    // Most words of an article are shorter than any form ("a", "of", a comma), and no word
    // is equal to a form, or lowercases to one, unless it has at least as many bytes.
    if word.len() < SHORTEST_SPEECH_VERB {
        return None;
    }
    // Five words of six begin with three letters that begin no form: ruled out before they
    // are hashed and looked up.
    if !SPEECH_VERB_STARTS.may_begin(word.as_bytes()) {
        return None;
    }
    let key = if word.is_ascii() {
        let mut h = hash::Stream::new();
        word.bytes().for_each(|b| h.push(b.to_ascii_lowercase()));
        h.finish()
    } else {
        hash::bytes(lowercase(word).as_bytes())
    };
    let &(form, lemma) = FORMS.get(&key)?;
    (form.eq_ignore_ascii_case(word) || form == lowercase(word)).then_some(lemma)
}

/// The first three letters of the speech verbs' forms.
const SPEECH_VERB_STARTS: FirstThree = {
    let mut starts = FirstThree::EMPTY;
    let mut i = 0;
    while i < SPEECH_VERBS.len() {
        let forms = SPEECH_VERBS[i].1;
        let mut j = 0;
        while j < forms.len() {
            starts = starts.with(forms[j]);
            j += 1;
        }
        i += 1;
    }
    starts
};

/// The first three letters of the words of a list (lowercase ASCII letters), as a bit table built
/// at compile time: for each first two (`a` 0 to `z` 25, the second 26 for a word of one letter),
/// bit `n` for a third letter `n`, bit 26 for a word that ends before it. A word whose first three
/// letters begin none of the list's is none of them, in any case: asked of every word of an
/// article before a look-up that costs more.
pub(crate) struct FirstThree([u32; 26 * 27]);

impl FirstThree {
    pub(crate) const EMPTY: FirstThree = FirstThree([0; 26 * 27]);

    /// The table with `word` added.
    pub(crate) const fn with(mut self, word: &str) -> FirstThree {
        let word = word.as_bytes();
        let (a, b, c) = (letter_at(word, 0), letter_at(word, 1), letter_at(word, 2));
        self.0[a * 27 + b] |= 1 << c;
        self
    }

    /// Whether `word` may be one of the list's words or lowercase to one: false only where its
    /// first three bytes (those it has) are ASCII letters that begin none of them. (An ASCII
    /// letter with the lowercase bit set is one of a..=z.)
    pub(crate) fn may_begin(&self, word: &[u8]) -> bool {
        let letter = |k: usize| match word.get(k) {
            None => Some(26),
            Some(&b) => {
                let n = (b | 0x20).wrapping_sub(b'a');
                (n < 26).then_some(usize::from(n))
            }
        };
        match (letter(0), letter(1), letter(2)) {
            (Some(a), Some(b), Some(c)) if a < 26 => self
                .0
                .get(a * 27 + b)
                .is_some_and(|bits| bits >> c & 1 == 1),
            _ => true,
        }
    }
}

/// The letter at `k` of a listed word (`a` 0 to `z` 25), 26 past its end.
const fn letter_at(word: &[u8], k: usize) -> usize {
    if k < word.len() {
        assert!(
            word[k].is_ascii_lowercase(),
            "a listed word of other than a..=z"
        );
        (word[k] - b'a') as usize
    } else {
        26
    }
}

/// The length of the shortest of the speech verbs' forms (all ASCII).
pub(crate) const SHORTEST_SPEECH_VERB: usize = {
    let mut shortest = usize::MAX;
    let mut i = 0;
    while i < SPEECH_VERBS.len() {
        let forms = SPEECH_VERBS[i].1;
        let mut j = 0;
        while j < forms.len() {
            if forms[j].len() < shortest {
                shortest = forms[j].len();
            }
            j += 1;
        }
        i += 1;
    }
    shortest
};

/// Forms of speech verbs that are as often nouns ("the report", "a call"): a cue only where
/// no determiner stands before them.
pub fn is_also_a_noun(word: &str) -> bool {
    lowercase_is(word, |lower| {
        matches!(
            lower,
            "report"
                | "reports"
                | "call"
                | "calls"
                | "post"
                | "posts"
                | "note"
                | "notes"
                | "claim"
                | "claims"
                | "promise"
                | "promises"
                | "warning"
                | "tweet"
                | "tweets"
                | "reply"
                | "joke"
                | "jokes"
                | "answer"
                | "answers"
                | "remark"
                | "remarks"
                | "comment"
                | "comments"
                | "question"
                | "questions"
                | "charge"
                | "charges"
                | "label"
                | "labels"
                | "brand"
                | "vow"
                | "vows"
                | "pledge"
                | "pledges"
                | "boast"
                | "boasts"
                | "quip"
                | "chant"
                | "chants"
                | "counter"
                | "blast"
                | "attack"
                | "attacks"
                | "demand"
                | "demands"
                | "mention"
                | "say"
                | "saying"
                | "writing"
                | "speaking"
                | "testimony"
                | "statement"
                | "states"
                | "read"
                | "reads"
                | "reading"
        )
    })
}

/// `word.to_lowercase()`, without a copy where that is the word itself: ASCII without a capital,
/// as most words of an article are (some are lowercased more than once each).
pub(crate) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// Whether `word` in small letters is a word `is` accepts. A short ASCII word is lowercased on the
/// stack: a capitalized word was copied to the heap to be compared with a list (`is_role_word`
/// alone 4.6 k copies over 1 MB of articles).
pub(crate) fn lowercase_is(word: &str, is: impl FnOnce(&str) -> bool) -> bool {
    const STACK: usize = 16;
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        is(word)
    } else if word.len() <= STACK && word.is_ascii() {
        let mut lower = [0; STACK];
        for (l, b) in lower.iter_mut().zip(word.bytes()) {
            *l = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&lower[..word.len()]).is_ok_and(is)
    } else {
        is(&word.to_lowercase())
    }
}

const SPEECH_VERBS: &[(&str, &[&str])] = &[
    ("say", &["say", "says", "said", "saying"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("add", &["add", "adds", "added", "adding"]),
    ("warn", &["warn", "warns", "warned", "warning"]),
    ("ask", &["ask", "asks", "asked", "asking"]),
    ("write", &["write", "writes", "wrote", "written", "writing"]),
    ("tweet", &["tweet", "tweets", "tweeted", "tweeting"]),
    ("insist", &["insist", "insists", "insisted", "insisting"]),
    (
        "acknowledge",
        &[
            "acknowledge",
            "acknowledges",
            "acknowledged",
            "acknowledging",
        ],
    ),
    (
        "describe",
        &["describe", "describes", "described", "describing"],
    ),
    (
        "explain",
        &["explain", "explains", "explained", "explaining"],
    ),
    ("note", &["note", "notes", "noted", "noting"]),
    ("state", &["states", "stated", "stating"]),
    ("claim", &["claim", "claims", "claimed", "claiming"]),
    ("argue", &["argue", "argues", "argued", "arguing"]),
    (
        "announce",
        &["announce", "announces", "announced", "announcing"],
    ),
    ("declare", &["declare", "declares", "declared", "declaring"]),
    ("reply", &["reply", "replies", "replied", "replying"]),
    (
        "respond",
        &["respond", "responds", "responded", "responding"],
    ),
    (
        "continue",
        &["continue", "continues", "continued", "continuing"],
    ),
    ("recall", &["recall", "recalls", "recalled", "recalling"]),
    (
        "suggest",
        &["suggest", "suggests", "suggested", "suggesting"],
    ),
    ("admit", &["admit", "admits", "admitted", "admitting"]),
    (
        "confirm",
        &["confirm", "confirms", "confirmed", "confirming"],
    ),
    ("deny", &["deny", "denies", "denied", "denying"]),
    (
        "predict",
        &["predict", "predicts", "predicted", "predicting"],
    ),
    ("promise", &["promise", "promises", "promised", "promising"]),
    ("report", &["report", "reports", "reported", "reporting"]),
    ("call", &["call", "calls", "called", "calling"]),
    ("urge", &["urge", "urges", "urged", "urging"]),
    ("see", &["sees"]),
    ("post", &["post", "posts", "posted"]),
    ("joke", &["joke", "jokes", "joked", "joking"]),
    ("exclaim", &["exclaim", "exclaims", "exclaimed"]),
    ("shout", &["shout", "shouts", "shouted", "shouting"]),
    ("yell", &["yell", "yells", "yelled", "yelling"]),
    ("scream", &["scream", "screams", "screamed", "screaming"]),
    ("stress", &["stress", "stresses", "stressed", "stressing"]),
    (
        "emphasize",
        &[
            "emphasize",
            "emphasizes",
            "emphasized",
            "emphasizing",
            "emphasise",
            "emphasised",
        ],
    ),
    ("answer", &["answer", "answers", "answered", "answering"]),
    ("assert", &["assert", "asserts", "asserted", "asserting"]),
    ("observe", &["observes", "observed"]),
    ("quip", &["quip", "quips", "quipped"]),
    ("muse", &["muses", "mused"]),
    ("boast", &["boast", "boasts", "boasted", "boasting"]),
    (
        "complain",
        &["complain", "complains", "complained", "complaining"],
    ),
    ("lament", &["laments", "lamented", "lamenting"]),
    ("vow", &["vow", "vows", "vowed", "vowing"]),
    ("pledge", &["pledge", "pledges", "pledged", "pledging"]),
    ("tout", &["tout", "touts", "touted", "touting"]),
    ("slam", &["slam", "slams", "slammed", "slamming"]),
    ("blast", &["blast", "blasts", "blasted", "blasting"]),
    ("accuse", &["accuse", "accuses", "accused", "accusing"]),
    (
        "criticize",
        &[
            "criticize",
            "criticizes",
            "criticized",
            "criticizing",
            "criticise",
            "criticised",
        ],
    ),
    ("mock", &["mock", "mocks", "mocked", "mocking"]),
    ("dub", &["dub", "dubs", "dubbed", "dubbing"]),
    (
        "label",
        &["label", "labels", "labeled", "labelled", "labeling"],
    ),
    ("brand", &["brand", "brands", "branded", "branding"]),
    (
        "condemn",
        &["condemn", "condemns", "condemned", "condemning"],
    ),
    (
        "denounce",
        &["denounce", "denounces", "denounced", "denouncing"],
    ),
    (
        "question",
        &["question", "questions", "questioned", "questioning"],
    ),
    ("caution", &["cautions", "cautioned", "cautioning"]),
    ("concede", &["concede", "concedes", "conceded", "conceding"]),
    (
        "contend",
        &["contend", "contends", "contended", "contending"],
    ),
    ("counter", &["counter", "counters", "countered"]),
    ("retort", &["retort", "retorts", "retorted"]),
    ("remark", &["remark", "remarks", "remarked"]),
    ("recount", &["recounts", "recounted", "recounting"]),
    (
        "reiterate",
        &["reiterate", "reiterates", "reiterated", "reiterating"],
    ),
    ("repeat", &["repeats", "repeated"]),
    (
        "testify",
        &["testify", "testifies", "testified", "testifying"],
    ),
    ("speak", &["speak", "speaks", "spoke", "speaking"]),
    ("chant", &["chant", "chants", "chanted", "chanting"]),
    ("conclude", &["concludes", "concluded"]),
    ("allege", &["allege", "alleges", "alleged"]),
    ("charge", &["charges", "charged"]),
    (
        "characterize",
        &[
            "characterize",
            "characterizes",
            "characterized",
            "characterizing",
            "characterised",
        ],
    ),
    ("refer", &["refer", "refers", "referred", "referring"]),
    (
        "mention",
        &["mention", "mentions", "mentioned", "mentioning"],
    ),
    (
        "comment",
        &["comment", "comments", "commented", "commenting"],
    ),
    (
        "proclaim",
        &["proclaim", "proclaims", "proclaimed", "proclaiming"],
    ),
    ("reveal", &["reveal", "reveals", "revealed", "revealing"]),
    (
        "threaten",
        &["threaten", "threatens", "threatened", "threatening"],
    ),
    ("plead", &["plead", "pleads", "pleaded", "pled", "pleading"]),
    ("demand", &["demand", "demands", "demanded", "demanding"]),
    ("wonder", &["wonders", "wondered"]),
    ("praise", &["praise", "praises", "praised", "praising"]),
    ("attack", &["attack", "attacks", "attacked"]),
    ("assure", &["assure", "assures", "assured"]),
    ("affirm", &["affirms", "affirmed", "reaffirmed"]),
    ("hint", &["hints", "hinted"]),
    ("scoff", &["scoff", "scoffs", "scoffed"]),
    ("snap", &["snapped"]),
    ("chide", &["chides", "chided"]),
    ("thunder", &["thundered"]),
    ("gush", &["gushed"]),
    ("rail", &["railed"]),
    ("implore", &["implored"]),
    ("lecture", &["lectured"]),
    ("interject", &["interjected"]),
    ("inform", &["informs", "informed"]),
    ("read", &["read", "reads", "reading"]),
    ("fume", &["fumes", "fumed"]),
    ("exhort", &["exhorted"]),
    ("propose", &["proposes", "proposed"]),
    ("cite", &["cites", "cited", "citing"]),
    ("decry", &["decries", "decried", "decrying"]),
    ("riff", &["riffed"]),
    ("remember", &["remembered"]),
    ("confide", &["confided"]),
    ("assail", &["assails", "assailed"]),
    ("sing", &["sing", "sings", "sang", "singing"]),
    ("recommend", &["recommends", "recommended"]),
    ("bark", &["barked"]),
    ("agree", &["agrees", "agreed"]),
    ("elaborate", &["elaborated"]),
    ("express", &["expressed", "expressing"]),
    ("rip", &["rips", "ripped"]),
    ("bash", &["bashes", "bashed"]),
    ("knock", &["knocks", "knocked"]),
    ("hammer", &["hammers", "hammered"]),
];

/// Nouns that report what someone said or claimed.
pub fn is_speech_noun(lower: &str) -> bool {
    matches!(
        lower,
        "claim"
            | "claims"
            | "assertion"
            | "assertions"
            | "remark"
            | "remarks"
            | "comment"
            | "comments"
            | "statement"
            | "words"
            | "promise"
            | "pledge"
            | "description"
            | "warning"
            | "argument"
            | "suggestion"
            | "insistence"
            | "prediction"
            | "accusation"
            | "characterization"
            | "emphasis"
            | "contention"
            | "declaration"
            | "admission"
            | "vow"
            | "threat"
            | "response"
            | "reply"
            | "tweet"
            | "quip"
            | "complaint"
            | "slogan"
            | "catchphrase"
            | "mantra"
            | "message"
            | "testimony"
            | "denial"
            | "boast"
            | "rhetoric"
            | "charge"
            | "allegation"
    )
}

/// Common nouns for those who speak, beyond the role words: "a source", "the statement".
pub fn is_speaker_noun(word: &str) -> bool {
    lowercase_is(word, |lower| {
        matches!(
            lower,
            "source"
                | "sources"
                | "aide"
                | "aides"
                | "official"
                | "officials"
                | "statement"
                | "report"
                | "campaign"
                | "spokesperson"
                | "voter"
                | "voters"
                | "supporter"
                | "supporters"
                | "critic"
                | "critics"
                | "expert"
                | "experts"
                | "lawyer"
                | "lawyers"
                | "friend"
                | "man"
                | "woman"
                | "people"
                | "police"
                | "group"
                | "organization"
                | "website"
                | "newspaper"
                | "paper"
                | "article"
                | "poll"
                | "study"
                | "memo"
                | "letter"
                | "ad"
                | "spokesman"
                | "spokeswoman"
                | "confidant"
                | "strategist"
                | "operative"
                | "pollster"
                | "economist"
                | "editorial"
                | "sign"
                | "signs"
                | "message"
                | "email"
                | "release"
                | "headline"
                | "caption"
                | "banner"
                | "video"
                | "tweet"
                | "post"
                | "document"
                | "filing"
                | "complaint"
                | "lawsuit"
                | "survey"
                | "finding"
                | "authors"
                | "author"
                | "researchers"
                | "scientists"
                | "economists"
                | "businessman"
                | "businesswoman"
                | "billionaire"
                | "mogul"
                | "piece"
                | "ruling"
                | "order"
                | "attendee"
                | "attendees"
                | "students"
                | "analysts"
                | "residents"
                | "members"
                | "protesters"
                | "delegates"
                | "leaders"
                | "republicans"
                | "democrats"
                | "conservatives"
                | "liberals"
                | "activists"
                | "advocates"
                | "opponents"
                | "lawmakers"
                | "senators"
                | "polls"
                | "crowd"
                | "audience"
        )
    })
}

/// Role and title words that precede a name ("Defense Minister", "spokesman", "Secretary of State").
pub fn is_role_word(word: &str) -> bool {
    lowercase_is(word, |lower| {
        matches!(
            lower,
            "president"
                | "minister"
                | "secretary"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "senator"
                | "sen."
                | "governor"
                | "gov."
                | "mayor"
                | "chancellor"
                | "king"
                | "queen"
                | "prince"
                | "princess"
                | "pope"
                | "chairman"
                | "chairwoman"
                | "chair"
                | "director"
                | "ambassador"
                | "envoy"
                | "general"
                | "gen."
                | "commander"
                | "chief"
                | "leader"
                | "premier"
                | "representative"
                | "rep."
                | "congressman"
                | "congresswoman"
                | "judge"
                | "justice"
                | "attorney"
                | "prosecutor"
                | "officer"
                | "official"
                | "adviser"
                | "advisor"
                | "analyst"
                | "professor"
                | "prof."
                | "dr."
                | "mr."
                | "mrs."
                | "ms."
                | "candidate"
                | "nominee"
                | "ceo"
                | "founder"
                | "executive"
                | "coach"
                | "captain"
                | "lt."
                | "col."
                | "sgt."
                | "capt."
                | "sheriff"
                | "lawmaker"
                | "diplomat"
                | "head"
                | "vice"
                | "deputy"
                | "foreign"
                | "defense"
                | "defence"
                | "interior"
                | "finance"
                | "prime"
                | "state"
                | "department"
                | "white"
                | "house"
                | "press"
                | "national"
                | "security"
                | "campaign"
                | "manager"
                | "of"
        )
    })
}

/// Words that make a capitalized run a title, never a name by themselves.
pub fn is_title_word(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "President"
            | "Minister"
            | "Secretary"
            | "Senator"
            | "Sen"
            | "Governor"
            | "Gov"
            | "Mayor"
            | "Chancellor"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Pope"
            | "Chairman"
            | "Director"
            | "Ambassador"
            | "Envoy"
            | "General"
            | "Gen"
            | "Commander"
            | "Premier"
            | "Representative"
            | "Rep"
            | "Congressman"
            | "Congresswoman"
            | "Judge"
            | "Justice"
            | "Attorney"
            | "Prosecutor"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Lt"
            | "Col"
            | "Sgt"
            | "Capt"
            | "Sheriff"
            | "Vice"
            | "Deputy"
            | "Prime"
            | "Spokesman"
            | "Spokeswoman"
            | "Chief"
            | "Rev"
            | "Sir"
            | "Lord"
            | "Lady"
            | "Dame"
            | "Speaker"
            | "Leader"
            | "Defense"
            | "Defence"
            | "Foreign"
            | "Interior"
            | "Finance"
    )
}

/// The country a nationality names, by its adjective or plural: "Egyptian troops", "the
/// Sudanese government", "Russians" are about Egypt, Sudan and Russia, and a reader looks for
/// them on the map (LGL's annotators mark them as toponyms; CLIFF's geoparser maps them to
/// countries too). Only where the word means one country: not "Korean" (North or South),
/// "Congolese", "English", "Scottish" or "Welsh" (a language, or a part of one country the
/// gazetteer keeps apart), "Indians" (a Cleveland team, or Native Americans, in American news).
pub fn country_of_demonym(word: &str) -> Option<&'static str> {
    let i = COUNTRY_DEMONYMS
        .binary_search_by(|(d, _)| first_byte_first(d, word))
        .ok()?;
    Some(COUNTRY_DEMONYMS[i].1)
}

/// The sorted lists' order, with first bytes compared before whole words: most probes of a
/// binary search differ in the first byte, and a call to compare the bytes of two words cost
/// several times as much (a list of names is searched for each name of an article, some for each
/// capitalized word).
fn first_byte_first(probe: &str, word: &str) -> std::cmp::Ordering {
    let first = |w: &str| w.as_bytes().first().copied();
    first(probe).cmp(&first(word)).then_with(|| probe.cmp(word))
}

/// Whether the sorted `list` has `word`.
fn sorted_has(list: &[&str], word: &str) -> bool {
    list.binary_search_by(|probe| first_byte_first(probe, word))
        .is_ok()
}

const COUNTRY_DEMONYMS: &[(&str, &str)] = &[
    ("Afghan", "Afghanistan"),
    ("Albanian", "Albania"),
    ("Algerian", "Algeria"),
    ("American", "United States"),
    ("Americans", "United States"),
    ("Argentine", "Argentina"),
    ("Armenian", "Armenia"),
    ("Australian", "Australia"),
    ("Austrian", "Austria"),
    ("Bangladeshi", "Bangladesh"),
    ("Belgian", "Belgium"),
    ("Bolivian", "Bolivia"),
    ("Bosnian", "Bosnia and Herzegovina"),
    ("Brazilian", "Brazil"),
    ("British", "United Kingdom"),
    ("Bulgarian", "Bulgaria"),
    ("Burmese", "Myanmar"),
    ("Cambodian", "Cambodia"),
    ("Canadian", "Canada"),
    ("Chilean", "Chile"),
    ("Chinese", "China"),
    ("Colombian", "Colombia"),
    ("Croatian", "Croatia"),
    ("Cuban", "Cuba"),
    ("Czech", "Czech Republic"),
    ("Danish", "Denmark"),
    ("Dutch", "Netherlands"),
    ("Egyptian", "Egypt"),
    ("Egyptians", "Egypt"),
    ("Emirati", "United Arab Emirates"),
    ("Eritrean", "Eritrea"),
    ("Estonian", "Estonia"),
    ("Ethiopian", "Ethiopia"),
    ("Filipino", "Philippines"),
    ("Finnish", "Finland"),
    ("French", "France"),
    ("Georgian", "Georgia"),
    ("German", "Germany"),
    ("Germans", "Germany"),
    ("Ghanaian", "Ghana"),
    ("Greek", "Greece"),
    ("Haitian", "Haiti"),
    ("Hungarian", "Hungary"),
    ("Indian", "India"),
    ("Indonesian", "Indonesia"),
    ("Iranian", "Iran"),
    ("Iranians", "Iran"),
    ("Iraqi", "Iraq"),
    ("Iraqis", "Iraq"),
    ("Irish", "Ireland"),
    ("Israeli", "Israel"),
    ("Israelis", "Israel"),
    ("Italian", "Italy"),
    ("Italians", "Italy"),
    ("Japanese", "Japan"),
    ("Jordanian", "Jordan"),
    ("Kazakh", "Kazakhstan"),
    ("Kenyan", "Kenya"),
    ("Kuwaiti", "Kuwait"),
    ("Lebanese", "Lebanon"),
    ("Libyan", "Libya"),
    ("Lithuanian", "Lithuania"),
    ("Malaysian", "Malaysia"),
    ("Mexican", "Mexico"),
    ("Mexicans", "Mexico"),
    ("Moroccan", "Morocco"),
    ("Nepalese", "Nepal"),
    ("Nigerian", "Nigeria"),
    ("Norwegian", "Norway"),
    ("Pakistani", "Pakistan"),
    ("Palestinian", "Palestine"),
    ("Palestinians", "Palestine"),
    ("Peruvian", "Peru"),
    ("Polish", "Poland"),
    ("Portuguese", "Portugal"),
    ("Qatari", "Qatar"),
    ("Romanian", "Romania"),
    ("Russian", "Russia"),
    ("Russians", "Russia"),
    ("Rwandan", "Rwanda"),
    ("Saudi", "Saudi Arabia"),
    ("Saudis", "Saudi Arabia"),
    ("Serbian", "Serbia"),
    ("Slovak", "Slovakia"),
    ("Somali", "Somalia"),
    ("South African", "South Africa"),
    ("Spanish", "Spain"),
    ("Sudanese", "Sudan"),
    ("Swedish", "Sweden"),
    ("Swiss", "Switzerland"),
    ("Syrian", "Syria"),
    ("Syrians", "Syria"),
    ("Taiwanese", "Taiwan"),
    ("Thai", "Thailand"),
    ("Tunisian", "Tunisia"),
    ("Turkish", "Turkey"),
    ("Turks", "Turkey"),
    ("Ugandan", "Uganda"),
    ("Ukrainian", "Ukraine"),
    ("Ukrainians", "Ukraine"),
    ("Venezuelan", "Venezuela"),
    ("Vietnamese", "Vietnam"),
    ("Yemeni", "Yemen"),
    ("Zimbabwean", "Zimbabwe"),
];

/// Nationalities, religions and political groups (NORP), by their adjective or plural.
pub fn is_demonym(word: &str) -> bool {
    sorted_has(DEMONYMS, word)
}

const DEMONYMS: &[&str] = &[
    "Afghan",
    "African",
    "Albanian",
    "Algerian",
    "American",
    "Americans",
    "Arab",
    "Arabs",
    "Argentine",
    "Armenian",
    "Asian",
    "Australian",
    "Austrian",
    "Bangladeshi",
    "Belgian",
    "Bolivian",
    "Bosnian",
    "Brazilian",
    "British",
    "Buddhist",
    "Bulgarian",
    "Burmese",
    "Cambodian",
    "Canadian",
    "Catholic",
    "Catholics",
    "Chilean",
    "Chinese",
    "Christian",
    "Christians",
    "Colombian",
    "Congolese",
    "Croatian",
    "Cuban",
    "Czech",
    "Danish",
    "Democrat",
    "Democratic",
    "Democrats",
    "Dutch",
    "Egyptian",
    "Egyptians",
    "Emirati",
    "English",
    "Eritrean",
    "Estonian",
    "Ethiopian",
    "European",
    "Europeans",
    "Filipino",
    "Finnish",
    "French",
    "Georgian",
    "German",
    "Germans",
    "Ghanaian",
    "Greek",
    "Haitian",
    "Hindu",
    "Hispanic",
    "Hungarian",
    "Indian",
    "Indians",
    "Indonesian",
    "Iranian",
    "Iranians",
    "Iraqi",
    "Iraqis",
    "Irish",
    "Israeli",
    "Israelis",
    "Italian",
    "Italians",
    "Japanese",
    "Jewish",
    "Jews",
    "Jordanian",
    "Kazakh",
    "Kenyan",
    "Korean",
    "Koreans",
    "Kurdish",
    "Kurds",
    "Kuwaiti",
    "Latino",
    "Latinos",
    "Lebanese",
    "Libyan",
    "Lithuanian",
    "Malaysian",
    "Mexican",
    "Mexicans",
    "Moroccan",
    "Muslim",
    "Muslims",
    "Nepalese",
    "Nigerian",
    "Norwegian",
    "Pakistani",
    "Palestinian",
    "Palestinians",
    "Peruvian",
    "Polish",
    "Portuguese",
    "Qatari",
    "Republican",
    "Republicans",
    "Romanian",
    "Russian",
    "Russians",
    "Rwandan",
    "Saudi",
    "Saudis",
    "Scottish",
    "Serbian",
    "Shia",
    "Shiite",
    "Slovak",
    "Somali",
    "South African",
    "Spanish",
    "Sudanese",
    "Sunni",
    "Swedish",
    "Swiss",
    "Syrian",
    "Syrians",
    "Taiwanese",
    "Thai",
    "Tunisian",
    "Turkish",
    "Turks",
    "Ugandan",
    "Ukrainian",
    "Ukrainians",
    "Venezuelan",
    "Vietnamese",
    "Welsh",
    "Yemeni",
    "Zimbabwean",
];

/// Words that end or mark an organization's name (State Department, Acme Corp, Labour Party).
pub fn is_org_word(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Department"
            | "Ministry"
            | "Party"
            | "University"
            | "College"
            | "Institute"
            | "Inc"
            | "Corp"
            | "Corporation"
            | "Company"
            | "Co"
            | "Ltd"
            | "LLC"
            | "Group"
            | "Bank"
            | "Council"
            | "Committee"
            | "Commission"
            | "Agency"
            | "Association"
            | "Foundation"
            | "Army"
            | "Navy"
            | "Force"
            | "Forces"
            | "Police"
            | "Court"
            | "Congress"
            | "Senate"
            | "Parliament"
            | "Assembly"
            | "Office"
            | "Bureau"
            | "Service"
            | "Times"
            | "Post"
            | "News"
            | "Press"
            | "Journal"
            | "Network"
            | "Club"
            | "Union"
            | "Federation"
            | "League"
            | "Organization"
            | "Organisation"
            | "Administration"
            | "Board"
            | "Authority"
            | "Fund"
            | "Society"
            | "Center"
            | "Centre"
            | "Hospital"
            | "School"
            | "Airlines"
            | "Reuters"
            | "Hamas"
            | "Hezbollah"
            | "NATO"
            | "UN"
            | "EU"
            | "AFP"
            | "AP"
            | "FBI"
            | "CIA"
            | "Pentagon"
            | "Kremlin"
            | "Taliban"
            | "Fatah"
            | "WHO"
            | "Google"
            | "Apple"
            | "Microsoft"
            | "Amazon"
            | "Facebook"
            | "Twitter"
            | "CNN"
            | "BBC"
            | "NBC"
            | "CBS"
            | "ABC"
            | "Fox"
            | "Breitbart"
            | "Politico"
            | "Houthis"
            | "IDF"
            | "GOP"
            | "DNC"
            | "RNC"
            | "ISIS"
            | "NASA"
            | "IMF"
            | "OPEC"
    )
}

/// A pronoun that can stand for a speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    /// An organization, a country, a document.
    It,
    /// A group, an organization or a country.
    They,
    We,
    I,
}

pub fn speaker_pronoun(word: &str) -> Option<Pronoun> {
    // `He's`, `they're`, `I'm`: the pronoun of a contraction.
    let word = [
        "'s",
        "\u{2019}s",
        "'re",
        "\u{2019}re",
        "'m",
        "\u{2019}m",
        "'ve",
        "\u{2019}ve",
    ]
    .iter()
    .find_map(|suffix| word.strip_suffix(suffix))
    .unwrap_or(word);
    // Most words are longer than any pronoun, and lowercase to none: not lowercased (a copy for
    // a capitalized word). Only ASCII letters lowercase to ASCII ones, but for the Kelvin sign
    // (`k`), which no pronoun has.
    if word.len() > "they".len() {
        return None;
    }
    match lowercase(word).as_ref() {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "it" => Some(Pronoun::It),
        "they" => Some(Pronoun::They),
        "we" => Some(Pronoun::We),
        "i" if word == "I" => Some(Pronoun::I),
        _ => None,
    }
}

/// What a given name or an honorific says about a person, for the pronouns he and she.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// The gender a first name or honorific (Mrs., Mr.) usually goes with, where it says.
pub fn gender_of(word: &str) -> Option<Gender> {
    match word.trim_end_matches('.') {
        "Mrs" | "Ms" | "Miss" | "Madam" | "Lady" | "Dame" | "Queen" | "Princess" => {
            Some(Gender::Female)
        }
        "Mr" | "Sir" | "Lord" | "King" | "Prince" => Some(Gender::Male),
        w if sorted_has(FEMALE_NAMES, w) => Some(Gender::Female),
        w if sorted_has(MALE_NAMES, w) => Some(Gender::Male),
        _ => None,
    }
}

const FEMALE_NAMES: &[&str] = &[
    "Abigail",
    "Adriana",
    "Alexandra",
    "Alice",
    "Alicia",
    "Alison",
    "Amanda",
    "Amber",
    "Amy",
    "Ana",
    "Andrea",
    "Angela",
    "Angelina",
    "Ann",
    "Anna",
    "Anne",
    "Annie",
    "Ashley",
    "Ayanna",
    "Barbara",
    "Betsy",
    "Beverly",
    "Brenda",
    "Brianna",
    "Brooke",
    "Camila",
    "Candace",
    "Candy",
    "Carly",
    "Carmen",
    "Carol",
    "Caroline",
    "Carolyn",
    "Catherine",
    "Cathy",
    "Charlotte",
    "Chelsea",
    "Cheryl",
    "Christina",
    "Christine",
    "Claire",
    "Claudia",
    "Condoleezza",
    "Cynthia",
    "Dana",
    "Danielle",
    "Debbie",
    "Deborah",
    "Debra",
    "Denise",
    "Diana",
    "Diane",
    "Donna",
    "Doris",
    "Dorothy",
    "Elaine",
    "Eleanor",
    "Elena",
    "Elisabeth",
    "Elise",
    "Eliza",
    "Elizabeth",
    "Ellen",
    "Emily",
    "Emma",
    "Erica",
    "Erin",
    "Eva",
    "Evelyn",
    "Faith",
    "Fiona",
    "Frances",
    "Gabrielle",
    "Gail",
    "Gennifer",
    "Gina",
    "Gloria",
    "Grace",
    "Gretchen",
    "Hannah",
    "Harriet",
    "Heather",
    "Heidi",
    "Helen",
    "Hillary",
    "Hope",
    "Huma",
    "Ileana",
    "Irene",
    "Isabel",
    "Ivanka",
    "Jacqueline",
    "Jamie",
    "Jan",
    "Jane",
    "Janet",
    "Janice",
    "Jeanne",
    "Jennifer",
    "Jessica",
    "Jill",
    "Joan",
    "Joanna",
    "Joni",
    "Josephine",
    "Joy",
    "Joyce",
    "Judith",
    "Judy",
    "Julia",
    "Julie",
    "Karen",
    "Kate",
    "Katherine",
    "Kathleen",
    "Kathryn",
    "Kathy",
    "Katie",
    "Katrina",
    "Katy",
    "Kay",
    "Kayleigh",
    "Kelly",
    "Kellyanne",
    "Kim",
    "Kimberly",
    "Kirsten",
    "Kristen",
    "Laura",
    "Lauren",
    "Laurie",
    "Leah",
    "Lena",
    "Linda",
    "Lisa",
    "Loretta",
    "Lori",
    "Louise",
    "Lucy",
    "Lynn",
    "Madeleine",
    "Madison",
    "Maggie",
    "Mallory",
    "Mara",
    "Margaret",
    "Maria",
    "Marie",
    "Marilyn",
    "Marsha",
    "Martha",
    "Mary",
    "Maureen",
    "Maxine",
    "Megan",
    "Megyn",
    "Melania",
    "Melanie",
    "Melissa",
    "Meryl",
    "Mia",
    "Michele",
    "Michelle",
    "Mika",
    "Mindy",
    "Mira",
    "Miriam",
    "Molly",
    "Monica",
    "Nancy",
    "Natalie",
    "Neera",
    "Nicole",
    "Nikki",
    "Nina",
    "Nora",
    "Olivia",
    "Pamela",
    "Patricia",
    "Patti",
    "Paula",
    "Peggy",
    "Penny",
    "Rachel",
    "Rebecca",
    "Rebekah",
    "Regina",
    "Rena",
    "Renee",
    "Rhonda",
    "Rita",
    "Roberta",
    "Robin",
    "Rosa",
    "Rose",
    "Ruth",
    "Samantha",
    "Sandra",
    "Sara",
    "Sarah",
    "Serena",
    "Sharon",
    "Sheila",
    "Shelley",
    "Sherry",
    "Shirley",
    "Sonia",
    "Sophia",
    "Stephanie",
    "Susan",
    "Susana",
    "Suzanne",
    "Sylvia",
    "Tammy",
    "Tanya",
    "Tara",
    "Teresa",
    "Theresa",
    "Tiffany",
    "Tina",
    "Tracy",
    "Tulsi",
    "Valerie",
    "Vanessa",
    "Veronica",
    "Victoria",
    "Virginia",
    "Wendy",
    "Whitney",
    "Yvonne",
    "Zoe",
];

const MALE_NAMES: &[&str] = &[
    "Aaron",
    "Abdul",
    "Adam",
    "Ahmed",
    "Al",
    "Alan",
    "Albert",
    "Alex",
    "Alexander",
    "Andrew",
    "Andy",
    "Anthony",
    "Antony",
    "Arnold",
    "Barack",
    "Ben",
    "Benjamin",
    "Bernie",
    "Bill",
    "Billy",
    "Bob",
    "Bobby",
    "Boris",
    "Brad",
    "Brandon",
    "Brendan",
    "Brian",
    "Bruce",
    "Bryan",
    "Carl",
    "Carlos",
    "Charles",
    "Charlie",
    "Chris",
    "Christopher",
    "Chuck",
    "Clarence",
    "Corey",
    "Craig",
    "Dan",
    "Daniel",
    "Darrell",
    "Dave",
    "David",
    "Dean",
    "Dennis",
    "Derek",
    "Devin",
    "Dick",
    "Don",
    "Donald",
    "Doug",
    "Douglas",
    "Duncan",
    "Dwight",
    "Ed",
    "Eddie",
    "Edward",
    "Elijah",
    "Emmanuel",
    "Eric",
    "Evan",
    "Frank",
    "Fred",
    "Gary",
    "Gavin",
    "Geoffrey",
    "George",
    "Gerald",
    "Glenn",
    "Greg",
    "Gregory",
    "Harold",
    "Harry",
    "Henry",
    "Howard",
    "Hugh",
    "Ian",
    "Isaac",
    "Jack",
    "Jacob",
    "Jake",
    "James",
    "Jared",
    "Jason",
    "Jay",
    "Jeb",
    "Jeff",
    "Jeffrey",
    "Jeremy",
    "Jerry",
    "Jesse",
    "Jim",
    "Jimmy",
    "Joe",
    "Joel",
    "John",
    "Johnny",
    "Jon",
    "Jonathan",
    "Jorge",
    "Jose",
    "Joseph",
    "Josh",
    "Joshua",
    "Juan",
    "Justin",
    "Keith",
    "Ken",
    "Kenneth",
    "Kevin",
    "Kurt",
    "Lamar",
    "Larry",
    "Lawrence",
    "Lee",
    "Leon",
    "Lindsey",
    "Louis",
    "Luis",
    "Marco",
    "Mark",
    "Martin",
    "Marty",
    "Matt",
    "Matthew",
    "Max",
    "Michael",
    "Mike",
    "Mitch",
    "Mitt",
    "Mohammed",
    "Muhammad",
    "Nathan",
    "Newt",
    "Nicholas",
    "Nick",
    "Noah",
    "Orrin",
    "Oscar",
    "Pat",
    "Patrick",
    "Paul",
    "Pete",
    "Peter",
    "Phil",
    "Philip",
    "Ralph",
    "Rand",
    "Randy",
    "Ray",
    "Raymond",
    "Reince",
    "Reza",
    "Richard",
    "Rick",
    "Rob",
    "Robby",
    "Robert",
    "Rod",
    "Roger",
    "Ron",
    "Ronald",
    "Ross",
    "Roy",
    "Rudy",
    "Russ",
    "Russell",
    "Ryan",
    "Sam",
    "Samuel",
    "Scott",
    "Sean",
    "Sergei",
    "Seth",
    "Sherrod",
    "Stephen",
    "Steve",
    "Steven",
    "Stuart",
    "Ted",
    "Terry",
    "Thomas",
    "Tim",
    "Timothy",
    "Todd",
    "Tom",
    "Tony",
    "Travis",
    "Trey",
    "Troy",
    "Tyler",
    "Vladimir",
    "Walter",
    "Wayne",
    "Will",
    "William",
    "Xi",
    "Yasser",
    "Zach",
];

/// Common English given names, enough for capitalization rules to call a run a person.
pub fn is_given_name(word: &str) -> bool {
    sorted_has(GIVEN_NAMES, word)
}

const GIVEN_NAMES: &[&str] = &[
    "Abdul",
    "Adam",
    "Ahmed",
    "Alan",
    "Alex",
    "Alexander",
    "Ali",
    "Alice",
    "Amy",
    "Andrew",
    "Angela",
    "Ann",
    "Anna",
    "Anne",
    "Anthony",
    "Antony",
    "Barack",
    "Barbara",
    "Ben",
    "Benjamin",
    "Bernie",
    "Bill",
    "Bob",
    "Boris",
    "Brian",
    "Carl",
    "Carlos",
    "Carol",
    "Catherine",
    "Charles",
    "Chris",
    "Christopher",
    "Chuck",
    "Daniel",
    "David",
    "Donald",
    "Elizabeth",
    "Emily",
    "Emma",
    "Emmanuel",
    "Eric",
    "Frank",
    "Gary",
    "George",
    "Hillary",
    "Hunter",
    "Ian",
    "Isaac",
    "Ivanka",
    "Jack",
    "James",
    "Jane",
    "Jason",
    "Jeb",
    "Jeff",
    "Jennifer",
    "Jessica",
    "Jim",
    "Joe",
    "John",
    "Jonathan",
    "Joseph",
    "Juan",
    "Julia",
    "Kamala",
    "Karen",
    "Kevin",
    "Laura",
    "Linda",
    "Lisa",
    "Marco",
    "Maria",
    "Mark",
    "Mary",
    "Matthew",
    "Michael",
    "Michelle",
    "Mike",
    "Mitch",
    "Mohammed",
    "Muhammad",
    "Nancy",
    "Nicholas",
    "Nick",
    "Olaf",
    "Patricia",
    "Patrick",
    "Paul",
    "Peter",
    "Rachel",
    "Richard",
    "Robert",
    "Ron",
    "Sarah",
    "Scott",
    "Sergei",
    "Steve",
    "Steven",
    "Susan",
    "Ted",
    "Thomas",
    "Tim",
    "Tom",
    "Vladimir",
    "William",
    "Xi",
    "Yasser",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_lists_are_sorted_for_binary_search() {
        assert!(DEMONYMS.windows(2).all(|w| w[0] < w[1]));
        assert!(COUNTRY_DEMONYMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(GIVEN_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(FEMALE_NAMES.windows(2).all(|w| w[0] < w[1]));
        assert!(MALE_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sorted_lists_find_their_words_and_no_others() {
        for list in [DEMONYMS, GIVEN_NAMES, FEMALE_NAMES, MALE_NAMES] {
            for word in list {
                assert!(sorted_has(list, word), "{word}");
                assert!(!sorted_has(list, &word.to_lowercase()), "{word}");
                assert!(!sorted_has(list, &format!("{word}x")), "{word}");
            }
            assert!(!sorted_has(list, ""));
        }
        assert_eq!(country_of_demonym("Zimbabwean"), Some("Zimbabwe"));
        assert_eq!(country_of_demonym("Afghan"), Some("Afghanistan"));
        assert_eq!(country_of_demonym("Korean"), None);
    }

    #[test]
    fn every_nationality_is_a_demonym_of_a_country_the_gazetteer_knows() {
        for &(demonym, country) in COUNTRY_DEMONYMS {
            assert!(is_demonym(demonym), "{demonym} is not tagged NORP");
            assert!(
                crate::gazetteer::lookup(country)
                    .iter()
                    .any(|e| e.kind == crate::gazetteer::Kind::Country),
                "{country} is no country of the gazetteer"
            );
        }
    }

    #[test]
    fn speech_verbs_know_their_forms() {
        assert_eq!(speech_verb("Told"), Some("tell"));
        assert_eq!(speech_verb("acknowledged"), Some("acknowledge"));
        assert_eq!(speech_verb("table"), None);
        assert_eq!(speech_verb("Tweeted"), Some("tweet"));
        assert_eq!(speech_verb("according"), None);
        assert_eq!(speech_verb("SAID"), Some("say"));
        assert_eq!(speech_verb("sai"), None);
        assert_eq!(speech_verb("saidd"), None);
    }

    #[test]
    fn first_three_letters_rule_out_only_words_they_can() {
        let list = FirstThree::EMPTY.with("a").with("in").with("said");
        for word in [
            "a",
            "A",
            "in",
            "IN",
            "said",
            "Saida",
            "sai",
            "é",
            "1990",
            "s\u{212A}x",
            "",
        ] {
            assert!(list.may_begin(word.as_bytes()), "{word}");
        }
        for word in ["an", "i", "on", "sad", "SAT", "b"] {
            assert!(!list.may_begin(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn every_speech_verb_form_finds_its_lemma() {
        // Forms are found by hash: two forms with one hash would hide one of them.
        for (lemma, forms) in SPEECH_VERBS {
            for form in *forms {
                assert_eq!(speech_verb(form), Some(*lemma), "{form}");
                assert_eq!(speech_verb(&form.to_uppercase()), Some(*lemma), "{form}");
            }
        }
    }

    #[test]
    fn contracted_pronouns_are_pronouns() {
        assert_eq!(speaker_pronoun("He\u{2019}s"), Some(Pronoun::He));
        assert_eq!(speaker_pronoun("they're"), Some(Pronoun::They));
        assert_eq!(speaker_pronoun("Trump's"), None);
    }

    #[test]
    fn pronouns_in_capitals_are_pronouns_and_longer_words_none() {
        assert_eq!(speaker_pronoun("THEY"), Some(Pronoun::They));
        assert_eq!(speaker_pronoun("SHE\u{2019}s"), Some(Pronoun::She));
        assert_eq!(speaker_pronoun("Theyre"), None);
        assert_eq!(speaker_pronoun("Heather"), None);
    }

    #[test]
    fn words_are_compared_in_small_letters_in_any_script() {
        assert!(is_role_word("SPOKESMAN"));
        assert!(is_role_word("Congresswoman"));
        // The Kelvin sign's small letter is an ASCII `k`.
        assert!(is_role_word("Spo\u{212A}esman"));
        assert!(!is_role_word("Spokesmän"));
        assert!(lowercase_is("ÉTAT", |w| w == "état"));
        // Longer than the copy on the stack.
        assert!(lowercase_is("PRESIDENTIALCANDIDATE", |w| {
            w == "presidentialcandidate"
        }));
    }

    /// `speaker_pronoun` rules out a word longer than any pronoun before lowercasing it: a word
    /// lowercases to a shorter ASCII one only where it has a character outside ASCII whose small
    /// letter is ASCII, and the Kelvin sign (`k`, in no pronoun) is the only one.
    #[test]
    fn only_the_kelvin_sign_lowercases_into_ascii() {
        let into_ascii: Vec<char> = ('\u{80}'..=char::MAX)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(into_ascii, ['\u{212A}']);
    }
}
