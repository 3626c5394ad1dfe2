//! Word lists the analyzer consults: abbreviations, speech verbs, titles and roles, demonyms,
//! organization words. Hand-checked; the generated assets (gazetteer, model) live with the modules
//! that use them.

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
            | "Rep"
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
    let lower = word.to_lowercase();
    SPEECH_VERBS
        .iter()
        .find(|(_, forms)| forms.contains(&lower.as_str()))
        .map(|(lemma, _)| *lemma)
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
    ("state", &["stated"]),
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
    ("joke", &["joke", "jokes", "joked"]),
    (
        "exclaim",
        &["exclaim", "exclaims", "exclaimed", "shouted", "yelled"],
    ),
    ("stress", &["stress", "stresses", "stressed"]),
    (
        "emphasize",
        &["emphasize", "emphasizes", "emphasized", "emphasised"],
    ),
];

/// Role and title words that precede a name ("Defense Minister", "spokesman", "Secretary of State").
pub fn is_role_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    matches!(
        lower.as_str(),
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

/// Nationalities, religions and political groups (NORP), by their adjective or plural.
pub fn is_demonym(word: &str) -> bool {
    DEMONYMS.binary_search(&word).is_ok()
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

/// What a pronoun that can stand for a speaker refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// he, she
    Person,
    /// it: an organization or a country
    Thing,
    /// they, we: a group, an organization or a country
    Group,
}

pub fn speaker_pronoun(word: &str) -> Option<Pronoun> {
    match word.to_lowercase().as_str() {
        "he" | "she" => Some(Pronoun::Person),
        "it" => Some(Pronoun::Thing),
        "they" | "we" => Some(Pronoun::Group),
        _ => None,
    }
}

/// Common English given names, enough for capitalization rules to call a run a person.
pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.binary_search(&word).is_ok()
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
        assert!(GIVEN_NAMES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn speech_verbs_know_their_forms() {
        assert_eq!(speech_verb("Told"), Some("tell"));
        assert_eq!(speech_verb("acknowledged"), Some("acknowledge"));
        assert_eq!(speech_verb("table"), None);
    }
}
