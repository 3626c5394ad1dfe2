//! From a speaker phrase to who it is: the entity a name belongs to ("Miller" is Matthew
//! Miller), the person a pronoun stands for (the nearest fitting one before it), the person a
//! description ("the spokesman") was introduced as, or else the phrase itself.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::phrases::{Phrase, PhraseKind, Tokens};
use crate::analysis::{EntityType, Mention, Speaker};
use crate::entities::Entities;
use crate::lexicons::{self, Gender, Pronoun};
use crate::text::Span;

/// Who a phrase was found to be.
#[derive(Clone, Debug)]
pub struct Who {
    pub name: String,
    pub entity: Option<usize>,
    /// Where the text names the speaker.
    pub mention: Span,
    pub kind: Kind,
}

/// What sort of speaker, for the pronouns that may later stand for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Person(Option<Gender>),
    /// An organization, a country, a document, a group: it, they.
    Other,
}

impl Who {
    pub fn speaker(&self, text: &str, mention: Option<Span>) -> Speaker {
        Speaker {
            name: self.name.clone(),
            entity_id: self.entity,
            mention: mention.map(|m| Mention::new(text, m)),
        }
    }
}

pub struct Resolver<'a, 'd, 't> {
    pub tokens: &'a Tokens<'d, 't>,
    pub entities: &'a Entities,
    /// Speakers found so far, in text order of their mentions.
    speakers: BTreeMap<(usize, usize), Who>,
    genders: FxHashMap<usize, Option<Gender>>,
    /// People by surname, in text order, for a surname alone: "Miller" for Matthew Miller.
    surnames: FxHashMap<String, Vec<Who>>,
    /// (where, person, role): the roles people are introduced with, in text order.
    roles: Vec<(usize, usize, String)>,
}

/// How far back (in bytes) a description looks for the person introduced with its role: further
/// than any article runs, but not through every story of a text of many, where a description
/// matching no role made the search grow with the square of the text.
const LOOK_BACK: usize = 100_000;

/// Titles and role words that come before a name and are not part of it.
fn is_title(word: &str) -> bool {
    lexicons::is_title_word(word) || lexicons::is_role_word(word)
}

impl<'a, 'd, 't> Resolver<'a, 'd, 't> {
    pub fn new(tokens: &'a Tokens<'d, 't>, entities: &'a Entities) -> Self {
        let mut resolver = Resolver {
            tokens,
            entities,
            speakers: BTreeMap::new(),
            genders: FxHashMap::default(),
            surnames: FxHashMap::default(),
            roles: Vec::new(),
        };
        resolver.roles = resolver.find_roles();
        for e in &entities.list {
            let Some(first) = e.mentions.first() else {
                continue;
            };
            if e.kind == EntityType::Person && e.name.split_whitespace().count() > 1 {
                let who = Who {
                    name: e.name.clone(),
                    entity: Some(e.id),
                    mention: Span::new(first.start, first.end),
                    kind: Kind::Person(resolver.gender(e.id)),
                };
                resolver.remember_surname(who);
            }
        }
        resolver
    }

    fn span(&self, start: usize, end: usize) -> Span {
        let tokens = &self.tokens.doc.tokens;
        Span::new(tokens[start].span().start, tokens[end - 1].span().end)
    }

    /// Who `phrase` is, and remembers it for the pronouns that follow.
    pub fn resolve(&mut self, phrase: Phrase) -> Who {
        let who = match phrase.kind {
            PhraseKind::Pronoun(p) => self.pronoun(phrase, p),
            PhraseKind::Name => self.name(phrase),
            PhraseKind::Description => self.description(phrase),
            PhraseKind::Relative(start, end) => {
                // `Trump, who said`: the name of the phrase before, named here by "who".
                let antecedent = self.tokens.phrase(start, end).unwrap_or(Phrase {
                    start,
                    end,
                    kind: PhraseKind::Description,
                });
                let who = self.resolve(antecedent);
                Who {
                    mention: self.span(phrase.start, phrase.end),
                    ..who
                }
            }
        };
        let key = (who.mention.start, self.speakers.len());
        self.speakers.insert(key, who.clone());
        if who.entity.is_none() && matches!(who.kind, Kind::Person(_)) {
            self.remember_surname(who.clone());
        }
        who
    }

    fn remember_surname(&mut self, who: Who) {
        let mut words = who.name.split_whitespace();
        if let (Some(_), Some(last)) = (words.next(), words.next_back()) {
            // A surname already known is not copied again to look it up.
            let Some(named) = self.surnames.get_mut(last) else {
                self.surnames.insert(last.to_owned(), vec![who]);
                return;
            };
            let at = named.partition_point(|w| w.mention.start <= who.mention.start);
            named.insert(at, who);
        }
    }

    fn entity_kind(&mut self, id: usize) -> Option<Kind> {
        let entity = self.entities.get(id)?;
        match entity.kind {
            EntityType::Person => Some(Kind::Person(self.gender(id))),
            EntityType::Org | EntityType::Place | EntityType::Norp => Some(Kind::Other),
            _ => None,
        }
    }

    /// The gender of a person entity, from a first name or an honorific before a mention.
    fn gender(&mut self, id: usize) -> Option<Gender> {
        if let Some(g) = self.genders.get(&id) {
            return *g;
        }
        let doc = self.tokens.doc;
        let g = self.entities.get(id).and_then(|e| {
            let first = e
                .name
                .split_whitespace()
                .next()
                .and_then(lexicons::gender_of);
            first.or_else(|| {
                e.mentions.iter().find_map(|m| {
                    let t = doc.token_from(m.start);
                    let mut g = lexicons::gender_of(doc.token_text(t));
                    if t > 0 {
                        g = g.or_else(|| lexicons::gender_of(doc.token_text(t - 1)));
                    }
                    g
                })
            })
        });
        self.genders.insert(id, g);
        g
    }

    /// A name: the entity it mentions (a person first, then the one it ends with), or failing
    /// that the words themselves, a surname completed from an earlier full name.
    fn name(&mut self, phrase: Phrase) -> Who {
        let span = self.span(phrase.start, phrase.end);
        let mentions: Vec<(Span, usize)> = self
            .entities
            .within(span)
            .filter(|&(_, id)| {
                self.entities.get(id).is_some_and(|e| {
                    matches!(
                        e.kind,
                        EntityType::Person | EntityType::Org | EntityType::Place | EntityType::Norp
                    )
                })
            })
            .collect();
        let best = mentions
            .iter()
            .rev()
            .find(|&&(_, id)| {
                self.entities
                    .get(id)
                    .is_some_and(|e| e.kind == EntityType::Person)
            })
            .or_else(|| mentions.iter().rev().find(|(s, _)| s.end == span.end))
            .or(mentions.last())
            .copied();
        if let Some((mention, id)) = best {
            if let (Some(kind), Some(entity)) = (self.entity_kind(id), self.entities.get(id)) {
                return Who {
                    name: entity.name.clone(),
                    entity: Some(id),
                    mention,
                    kind,
                };
            }
        }
        // No entity: the capitalized words at the end, titles dropped.
        let tokens = self.tokens;
        let mut start = phrase.end - 1;
        while start > phrase.start && tokens.word(start - 1).starts_with(char::is_uppercase) {
            start -= 1;
        }
        let title = tokens.word(start);
        let gender = lexicons::gender_of(title);
        while start + 1 < phrase.end && is_title(tokens.word(start)) {
            start += 1;
        }
        let mention = self.span(start, phrase.end);
        let written = tokens.doc.slice(mention);
        let words: Vec<&str> = written.split_whitespace().collect();
        // A surname alone: the full name given earlier.
        let full = (words.len() == 1)
            .then(|| {
                // The person of that surname named last before, or failing that first after.
                let named = self.surnames.get(written)?;
                let before = named.partition_point(|w| w.mention.start < mention.start);
                named.get(before.checked_sub(1)?).or(named.first()).cloned()
            })
            .flatten();
        if let Some(full) = full {
            return Who { mention, ..full };
        }
        let first = words.first().copied().unwrap_or("");
        let person_like = gender.is_some() || lexicons::gender_of(first).is_some();
        Who {
            name: written.to_owned(),
            entity: None,
            mention,
            kind: if person_like || words.len() > 1 {
                Kind::Person(gender.or_else(|| lexicons::gender_of(first)))
            } else {
                Kind::Other
            },
        }
    }

    /// A description: the person introduced with that role ("the spokesman" for "State
    /// Department spokesman Matthew Miller"), or the description as written.
    fn description(&mut self, phrase: Phrase) -> Who {
        let span = self.span(phrase.start, phrase.end);
        let written = self.tokens.doc.slice(span);
        let head = self.tokens.word(phrase.end - 1).to_lowercase();
        let words: Vec<String> = written
            .split_whitespace()
            .skip(1)
            .map(str::to_lowercase)
            .collect();
        let is_person_role = lexicons::is_role_word(&head)
            && !matches!(head.as_str(), "campaign" | "department" | "house" | "state");
        if is_person_role {
            // The person most recently introduced with every word of the description, or
            // failing that with its last word.
            // A headline's description may name someone introduced only below it.
            let headline = self
                .tokens
                .doc
                .paragraphs
                .first()
                .is_some_and(|p| p.span.end >= span.end);
            let (from, before) = if headline {
                (0, self.roles.len())
            } else {
                (
                    self.roles.partition_point(|r| r.0 + LOOK_BACK < span.start),
                    self.roles.partition_point(|r| r.0 < span.start),
                )
            };
            let introduced = |all_words: bool| {
                let roles = self.roles[from..before].iter();
                let mut matching = roles.filter(|(_, _, role)| {
                    if all_words {
                        words.iter().all(|w| role.contains(w.as_str()))
                    } else {
                        role.split_whitespace().any(|w| w == head)
                    }
                });
                if headline {
                    matching.next()
                } else {
                    matching.next_back()
                }
            };
            if let Some(&(_, id, _)) = introduced(true).or_else(|| introduced(false)) {
                if let Some(name) = self.entities.get(id).map(|e| e.name.clone()) {
                    return Who {
                        name,
                        entity: Some(id),
                        mention: span,
                        kind: Kind::Person(self.gender(id)),
                    };
                }
            }
        }
        let plural = head.ends_with('s') && !head.ends_with("ss");
        Who {
            name: written.to_owned(),
            entity: None,
            mention: span,
            kind: if is_person_role && !plural {
                Kind::Person(None)
            } else {
                Kind::Other
            },
        }
    }

    /// The roles the article gives people, where it gives them: the title before a name (from
    /// the entities), and appositives: `Mark Hill, a spokesman for the council,` · `The
    /// council's spokesman, Mark Hill,`.
    fn find_roles(&self) -> Vec<(usize, usize, String)> {
        let tokens = self.tokens;
        let doc = tokens.doc;
        let mut roles = Vec::new();
        for e in &self.entities.list {
            if e.kind != EntityType::Person {
                continue;
            }
            if let (Some(role), Some(first)) = (&e.role, e.mentions.first()) {
                roles.push((first.start, e.id, role.to_lowercase()));
            }
        }
        for &(span, id) in &self.entities.mentions {
            if self
                .entities
                .get(id)
                .is_none_or(|e| e.kind != EntityType::Person)
            {
                continue;
            }
            let first = doc.token_from(span.start);
            let after = doc.token_from(span.end);
            let comma = |t: usize| t < doc.tokens.len() && tokens.word(t) == ",";
            // `Mark Hill, a spokesman for the council,`
            if comma(after) {
                let end = (after + 1..doc.tokens.len().min(after + 12))
                    .take_while(|&t| !tokens.quoted[t])
                    .find(|&t| matches!(tokens.word(t), "," | "." | ";" | ")"));
                if let Some(described) = end.and_then(|end| tokens.phrase_from(after + 1, end)) {
                    if described.kind == PhraseKind::Description {
                        roles.push((span.start, id, self.text_of(described)));
                    }
                }
            }
            // `The council's spokesman, Mark Hill,`
            if first > 0 && comma(first - 1) && comma(after) {
                if let Some(described) = tokens.phrase_ending(first - 1, first.saturating_sub(10)) {
                    if described.kind == PhraseKind::Description {
                        roles.push((span.start, id, self.text_of(described)));
                    }
                }
            }
        }
        crate::sort::by_key(&mut roles, |r| r.0);
        roles
    }

    fn text_of(&self, phrase: Phrase) -> String {
        self.tokens
            .doc
            .slice(self.span(phrase.start, phrase.end))
            .to_lowercase()
    }

    /// A pronoun: the nearest fitting speaker or entity before it.
    fn pronoun(&mut self, phrase: Phrase, pronoun: Pronoun) -> Who {
        let mention = self.span(phrase.start, phrase.end);
        let written = self.tokens.doc.slice(mention).to_owned();
        let fits = |kind: Kind| match (pronoun, kind) {
            (Pronoun::He, Kind::Person(g)) => g != Some(Gender::Female),
            (Pronoun::She, Kind::Person(g)) => g != Some(Gender::Male),
            (Pronoun::It | Pronoun::They | Pronoun::We, Kind::Other) => true,
            _ => false,
        };
        if matches!(pronoun, Pronoun::I) {
            return Who {
                name: written,
                entity: None,
                mention,
                kind: Kind::Other,
            };
        }
        if matches!(pronoun, Pronoun::It | Pronoun::They | Pronoun::We) {
            // `Clinton's campaign is seeking to contrast ... what they call`: the subject of
            // the sentence, when it is a group or an organization.
            let tokens = self.tokens;
            let sentence = tokens
                .doc
                .sentence_at(mention.start)
                .map(|s| tokens.doc.sentences[s].tokens.start);
            let subject = sentence
                .and_then(|start| tokens.sentence_subject(start, phrase.start))
                .filter(|p| {
                    p.end <= phrase.start
                        && matches!(p.kind, PhraseKind::Name | PhraseKind::Description)
                });
            if let Some(subject) = subject {
                let who = match subject.kind {
                    PhraseKind::Name => self.name(subject),
                    _ => self.description(subject),
                };
                if who.kind == Kind::Other {
                    return Who { mention, ..who };
                }
            }
        }
        let found = self.antecedent(mention.start, &fits);
        match found {
            Some((name, entity, kind)) => Who {
                name,
                entity,
                mention,
                kind,
            },
            None => Who {
                name: written,
                entity: None,
                mention,
                kind: match pronoun {
                    Pronoun::He => Kind::Person(Some(Gender::Male)),
                    Pronoun::She => Kind::Person(Some(Gender::Female)),
                    _ => Kind::Other,
                },
            },
        }
    }

    /// The nearest speaker or entity before byte `at` that `fits`: in this sentence and the
    /// few before it, a recent speaker first, then the first fitting entity of the sentence
    /// (its likely subject).
    fn antecedent(
        &mut self,
        at: usize,
        fits: &dyn Fn(Kind) -> bool,
    ) -> Option<(String, Option<usize>, Kind)> {
        let doc = self.tokens.doc;
        let here = doc.sentence_at(at)?;
        let floor = doc.sentences[here.saturating_sub(4)].span.start;
        let recent = self
            .speakers
            .range((floor, 0)..(at, 0))
            .rev()
            .map(|(_, w)| w)
            .find(|w| fits(w.kind) && !is_pronoun(&w.name))
            .map(|w| (w.mention.start, (w.name.clone(), w.entity, w.kind)));
        for s in (here.saturating_sub(4)..=here).rev() {
            let sentence = doc.sentences[s].span;
            let candidates: Vec<(Span, usize)> = self
                .entities
                .within(Span::new(sentence.start, sentence.end.min(at)))
                .collect();
            let entity = candidates.into_iter().find_map(|(span, id)| {
                let kind = self.entity_kind(id)?;
                fits(kind).then_some((span.start, id, kind))
            });
            let speaker_here = recent
                .as_ref()
                .filter(|(start, _)| *start >= sentence.start && *start < sentence.end);
            match (speaker_here, entity) {
                (Some((_, who)), _) => return Some(who.clone()),
                (None, Some((_, id, kind))) => {
                    let name = self.entities.get(id)?.name.clone();
                    return Some((name, Some(id), kind));
                }
                (None, None) => {}
            }
        }
        recent.map(|(_, who)| who)
    }
}

fn is_pronoun(name: &str) -> bool {
    lexicons::speaker_pronoun(name).is_some()
}
