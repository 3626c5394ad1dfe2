//! CoNLL-2003 columns read into documents: `-DOCSTART-` opens a document, a blank line ends a
//! sentence, the first column is the token and the last its label.

use super::Label;

/// A sentence's tokens and their gold labels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub labels: Vec<Label>,
}

/// A document: its sentences, in order.
pub type Document = Vec<Sentence>;

/// Reads CoNLL-2003 columns; an unknown label is an error naming its line.
pub fn read(text: &str) -> Result<Vec<Document>, String> {
    let mut docs: Vec<Document> = Vec::new();
    let mut sentence = Sentence::default();
    let end_sentence = |docs: &mut Vec<Document>, sentence: &mut Sentence| {
        if !sentence.tokens.is_empty() {
            if docs.is_empty() {
                docs.push(Vec::new());
            }
            if let Some(doc) = docs.last_mut() {
                doc.push(std::mem::take(sentence));
            }
        }
    };
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("-DOCSTART-") {
            end_sentence(&mut docs, &mut sentence);
            docs.push(Vec::new());
        } else if line.is_empty() {
            end_sentence(&mut docs, &mut sentence);
        } else {
            let mut columns = line.split_whitespace();
            let token = columns.next().unwrap_or_default();
            let label = columns.next_back().unwrap_or("O");
            let label = Label::parse(label)
                .ok_or_else(|| format!("line {}: unknown label {label:?}", number + 1))?;
            sentence.tokens.push(token.to_owned());
            sentence.labels.push(label);
        }
    }
    end_sentence(&mut docs, &mut sentence);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// A document's tokens as the tagger takes them.
pub fn words(doc: &Document) -> Vec<Vec<&str>> {
    doc.iter()
        .map(|s| s.tokens.iter().map(String::as_str).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::Class;

    #[test]
    fn documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nBonn NNP B-NP B-LOC\n";
        let docs = read(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].len(), 2);
        assert_eq!(docs[0][0].tokens, ["EU", "rejects"]);
        assert_eq!(docs[0][0].labels, [Label::Begin(Class::Org), Label::Out]);
        assert_eq!(words(&docs[1]), [vec!["Bonn"]]);
    }

    #[test]
    fn an_unknown_label_names_its_line() {
        let err = read("EU NNP B-NP B-ORG\nx y z B-DATE\n").unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }
}
