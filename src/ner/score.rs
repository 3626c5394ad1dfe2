//! Entity-level precision, recall and F1, counted as conlleval counts them: an entity is right
//! when its type and both its ends are.

use super::{chunks, Class, Label};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.found)
    }

    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.found += other.found;
        self.correct += other.correct;
    }
}

fn percent(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Counts over sentences of gold and predicted labels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub tokens: usize,
    pub tokens_right: usize,
    pub classes: [Counts; 4],
}

impl Score {
    /// Adds one sentence.
    pub fn add(&mut self, gold: &[Label], predicted: &[Label]) {
        self.tokens += gold.len();
        self.tokens_right += gold.iter().zip(predicted).filter(|(g, p)| g == p).count();
        let gold = chunks(gold);
        let predicted = chunks(predicted);
        for c in &gold {
            self.classes[c.class as usize].gold += 1;
        }
        for c in &predicted {
            self.classes[c.class as usize].found += 1;
            if gold.contains(c) {
                self.classes[c.class as usize].correct += 1;
            }
        }
    }

    /// All classes together.
    pub fn overall(&self) -> Counts {
        let mut all = Counts::default();
        for c in self.classes {
            all.add(c);
        }
        all
    }

    /// The report in conlleval's layout.
    pub fn report(&self) -> String {
        let all = self.overall();
        let mut out = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n",
            self.tokens, all.gold, all.found, all.correct
        );
        out += &format!(
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            percent(self.tokens_right, self.tokens),
            all.precision(),
            all.recall(),
            all.f1()
        );
        for class in [Class::Loc, Class::Misc, Class::Org, Class::Per] {
            let c = self.classes[class as usize];
            out += &format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                class.name(),
                c.precision(),
                c.recall(),
                c.f1(),
                c.found
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Class::*;
    use Label::*;

    #[test]
    fn counts_entities_as_conlleval_does() {
        let mut s = Score::default();
        // Gold: [Peter Blackburn]PER in [Bonn]LOC. Predicted: [Peter]PER [Blackburn]PER in
        // [Bonn]LOC; an I- without a B- still opens an entity.
        s.add(
            &[Begin(Per), Inside(Per), Out, Begin(Loc)],
            &[Begin(Per), Begin(Per), Out, Inside(Loc)],
        );
        let all = s.overall();
        assert_eq!((all.gold, all.found, all.correct), (2, 3, 1));
        // Tokens count as conlleval counts them: by the label as written.
        assert_eq!(s.tokens_right, 2);
        assert!((all.f1() - 40.0).abs() < 1e-9);
        let report = s.report();
        assert!(report.contains("found: 3 phrases; correct: 1."), "{report}");
        assert!(
            report.contains("LOC: precision: 100.00%; recall: 100.00%; FB1: 100.00  1"),
            "{report}"
        );
    }
}
