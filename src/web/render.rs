//! Renders an Analysis into any root node: the page's results area or a widget's shadow root.
//! Article text reaches the DOM only as text nodes.

use std::collections::BTreeSet;

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, Node};

use crate::{Analysis, Entity, EntityType, Quote, QuoteKind};

/// Builds elements under one document.
pub struct Builder<'d> {
    pub doc: &'d Document,
}

impl Builder<'_> {
    pub fn el(&self, parent: &Node, tag: &str, class: &str) -> Result<Element, JsValue> {
        let e = self.doc.create_element(tag)?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        parent.append_child(&e)?;
        Ok(e)
    }

    /// An element holding only `text`, as a text node.
    pub fn text_el(
        &self,
        parent: &Node,
        tag: &str,
        class: &str,
        text: &str,
    ) -> Result<Element, JsValue> {
        let e = self.el(parent, tag, class)?;
        e.set_text_content(Some(text));
        Ok(e)
    }

    pub fn text(&self, parent: &Node, text: &str) -> Result<(), JsValue> {
        parent.append_child(&self.doc.create_text_node(text))?;
        Ok(())
    }
}

fn type_class(kind: EntityType) -> &'static str {
    match kind {
        EntityType::Person => "person",
        EntityType::Org => "org",
        EntityType::Place => "place",
        EntityType::Norp => "norp",
        EntityType::Date => "date",
        EntityType::Misc => "misc",
    }
}

/// Replaces the children of `root` with the rendered analysis of `text` (byte offsets).
pub fn render(
    doc: &Document,
    root: &Element,
    text: &str,
    analysis: &Analysis,
) -> Result<(), JsValue> {
    root.set_text_content(None);
    let b = Builder { doc };
    let highlighted = b.el(root, "section", "text-view")?;
    highlighted.set_attribute("aria-label", "The article, with quotes and names marked")?;
    highlighted_text(&b, &highlighted, text, analysis)?;
    let panels = b.el(root, "div", "panels")?;
    quotes(&b, &panels, &analysis.quotes)?;
    for (kind, title) in [
        (EntityType::Person, "People"),
        (EntityType::Org, "Organizations"),
        (EntityType::Place, "Places"),
        (EntityType::Date, "Dates"),
    ] {
        entity_list(&b, &panels, title, kind, &analysis.entities)?;
    }
    Ok(())
}

/// The article with each quote and entity mention wrapped in a span of its kind.
fn highlighted_text(
    b: &Builder,
    parent: &Element,
    text: &str,
    analysis: &Analysis,
) -> Result<(), JsValue> {
    let mut cuts: BTreeSet<usize> = [0, text.len()].into();
    let mut marks: Vec<(usize, usize, String)> = Vec::new();
    for q in &analysis.quotes {
        marks.push((q.start, q.end, "quote".into()));
    }
    for e in &analysis.entities {
        for m in &e.mentions {
            marks.push((m.start, m.end, format!("ent ent-{}", type_class(e.kind))));
        }
    }
    for &(s, e, _) in &marks {
        cuts.insert(s);
        cuts.insert(e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        let piece = &text[s..e];
        let classes: Vec<&str> = marks
            .iter()
            .filter(|(ms, me, _)| *ms <= s && e <= *me)
            .map(|(_, _, c)| c.as_str())
            .collect();
        if classes.is_empty() {
            b.text(parent, piece)?;
        } else {
            b.text_el(parent, "span", &classes.join(" "), piece)?;
        }
    }
    Ok(())
}

fn quotes(b: &Builder, parent: &Element, quotes: &[Quote]) -> Result<(), JsValue> {
    let section = b.el(parent, "section", "panel quotes")?;
    b.text_el(&section, "h2", "", &format!("Quotes ({})", quotes.len()))?;
    let list = b.el(&section, "ol", "quote-list")?;
    for q in quotes {
        let card = b.el(&list, "li", "quote-card")?;
        let words = b.el(&card, "blockquote", "")?;
        words.set_attribute(
            "class",
            if q.kind == QuoteKind::Full {
                "full"
            } else {
                "partial"
            },
        )?;
        b.text(&words, &q.text)?;
        let who = b.el(&card, "p", "speaker")?;
        match &q.speaker {
            Some(s) => {
                b.text(&who, "— ")?;
                b.text_el(&who, "strong", "", &s.name)?;
            }
            None => b.text(&who, "— speaker unknown")?,
        }
        let mut details = Vec::new();
        if let Some(cue) = &q.cue {
            details.push(format!("cue “{}”", cue.text));
        }
        details.push(if q.kind == QuoteKind::Full {
            "full quote".into()
        } else {
            "partial quote".into()
        });
        if let Some(rule) = &q.rule {
            details.push(rule.clone());
        }
        b.text_el(&card, "p", "why", &details.join(" · "))?;
    }
    Ok(())
}

fn entity_list(
    b: &Builder,
    parent: &Element,
    title: &str,
    kind: EntityType,
    entities: &[Entity],
) -> Result<(), JsValue> {
    let chosen: Vec<&Entity> = entities.iter().filter(|e| e.kind == kind).collect();
    let section = b.el(
        parent,
        "section",
        &format!("panel entities {}", type_class(kind)),
    )?;
    b.text_el(&section, "h2", "", &format!("{title} ({})", chosen.len()))?;
    let list = b.el(&section, "ul", "entity-list")?;
    for e in chosen {
        let item = b.el(&list, "li", "")?;
        b.text_el(
            &item,
            "span",
            &format!("ent ent-{}", type_class(kind)),
            &e.name,
        )?;
        b.text_el(&item, "span", "count", &format!("×{}", e.mentions.len()))?;
        if let Some(role) = e.role.as_ref().or(e.iso.as_ref()) {
            b.text_el(&item, "span", "role", role)?;
        }
    }
    Ok(())
}
