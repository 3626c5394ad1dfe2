//! Renders an analysis into any root node: the page's results area or a widget's shadow root.
//! Article text reaches the DOM only as text nodes.
//!
//! The skeleton (panels, headings, legend) is built at once; the many small parts (pieces of the
//! highlighted text, quote cards, list items) come back as [`Step`]s that the caller runs a few
//! milliseconds at a time, so a long article never holds the main thread for long.
//!
//! The analysis arrives with UTF-16 offsets, as the JSON has them; the highlighted text converts
//! just its cut points to byte offsets, through the core's one conversion (`text::utf16_to_bytes`).

use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::Builder;
use crate::highlight::Pieces;
use crate::{Analysis, Entity, EntityType, QuoteKind};

/// A bounded piece of rendering work; `Ok(true)` asks to be called again for the next piece.
pub type Step = Box<dyn FnMut() -> Result<bool, JsValue>>;

/// Which panels to show (the widget's `panels` attribute; the page shows all).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels {
    pub text: bool,
    pub quotes: bool,
    pub entities: bool,
    pub map: bool,
}

impl Panels {
    pub const ALL: Panels = Panels {
        text: true,
        quotes: true,
        entities: true,
        map: true,
    };

    /// Panels named in a space- or comma-separated list (`"quotes map"`); all for an empty list.
    pub fn parse(list: &str) -> Panels {
        let names: Vec<&str> = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return Panels::ALL;
        }
        let has = |name: &str| names.iter().any(|n| n.eq_ignore_ascii_case(name));
        Panels {
            text: has("text"),
            quotes: has("quotes"),
            entities: has("entities"),
            map: has("map"),
        }
    }
}

/// How entity types are named and coloured; the order of the legend and of the lists.
const TYPES: [(EntityType, &str, &str, &str); 6] = [
    (EntityType::Person, "person", "People", "Person"),
    (EntityType::Org, "org", "Organizations", "Organization"),
    (EntityType::Place, "place", "Places", "Place"),
    (EntityType::Date, "date", "Dates", "Date"),
    (
        EntityType::Norp,
        "norp",
        "Groups and nationalities",
        "Group",
    ),
    (EntityType::Misc, "misc", "Other names", "Other"),
];

fn type_class(kind: EntityType) -> &'static str {
    TYPES.iter().find(|t| t.0 == kind).map_or("misc", |t| t.1)
}

/// Pieces of highlighted text, quote cards, and list items per call of a step.
const PIECES_PER_STEP: usize = 50;
const CARDS_PER_STEP: usize = 8;
const ITEMS_PER_STEP: usize = 40;

/// The analysis of `text` (UTF-16 offsets) for `root`: builds the skeleton now, in a layout
/// element not yet in the document, and returns it with the remaining steps, in order. The
/// caller puts the layout in place of `root`'s children, after the steps it runs at once:
/// elements added to a tree outside the document cost the browser less than ones it shows.
pub fn render(
    b: &Builder,
    root: &Element,
    text: &Rc<str>,
    analysis: &Rc<Analysis>,
    panels: Panels,
) -> Result<(Element, VecDeque<Step>), JsValue> {
    let mut steps = VecDeque::new();
    let layout = b.doc.create_element("div")?;
    layout.set_class_name("aa-layout");
    if panels.text {
        let article = b.el(&layout, "div", "aa-article")?;
        legend(b, &article)?;
        let view = b.el(&article, "section", "text-view")?;
        view.set_attribute("aria-label", "The article, with quotes and names marked")?;
        // Focusable, so keyboard users can scroll it.
        view.set_attribute("tabindex", "0")?;
        highlighted_text(b, &view, text, analysis, &mut steps);
    } else {
        layout.class_list().add_1("no-text")?;
    }
    let side = b.el(&layout, "div", "panels")?;
    if panels.quotes {
        quotes(b, &side, analysis, &mut steps)?;
    }
    if panels.entities {
        for (kind, class, title, _) in TYPES {
            let always = !matches!(kind, EntityType::Norp | EntityType::Misc);
            if always || analysis.entities.iter().any(|e| e.kind == kind) {
                entity_list(b, &side, title, kind, class, analysis, &mut steps)?;
            }
        }
    }
    if panels.map {
        map(b, &side, root, analysis, &mut steps)?;
    }
    Ok((layout, steps))
}

/// What the marks in the text mean.
fn legend(b: &Builder, parent: &Element) -> Result<(), JsValue> {
    let list = b.el(parent, "ul", "legend")?;
    list.set_attribute("aria-label", "Legend")?;
    for (_, class, _, name) in TYPES {
        b.text_el(&list, "li", &format!("ent ent-{class}"), name)?;
    }
    b.text_el(&list, "li", "quote", "Quotation")?;
    Ok(())
}

/// The article with each quote and entity mention wrapped in a span of its kind, in blocks. The
/// marks are read on the step's first call, not before, so the caller can yield first, and the
/// pieces are cut as they are drawn.
fn highlighted_text(
    b: &Builder,
    view: &Element,
    text: &Rc<str>,
    analysis: &Rc<Analysis>,
    steps: &mut VecDeque<Step>,
) {
    let (b, view, text, analysis) = (b.clone(), view.clone(), text.clone(), analysis.clone());
    let mut pieces: Option<Pieces<Rc<str>>> = None;
    let mut block: Option<Element> = None;
    steps.push_back(Box::new(move || {
        let Some(pieces) = pieces.as_mut() else {
            pieces = Some(Pieces::new(text.clone(), &analysis, type_class));
            return Ok(true);
        };
        for p in pieces.by_ref().take(PIECES_PER_STEP) {
            let parent = match &block {
                Some(parent) if !p.new_block => parent.clone(),
                _ => {
                    let fresh = b.el(&view, "div", "tv-block")?;
                    block = Some(fresh.clone());
                    fresh
                }
            };
            let Some(piece) = text.get(p.start..p.end) else {
                continue;
            };
            if p.classes.is_empty() {
                b.text(&parent, piece)?;
                continue;
            }
            let span = b.text_el(&parent, "span", &p.classes, piece)?;
            if let Some(id) = p.entity {
                span.set_attribute("data-entity", &id.to_string())?;
            }
            if let Some(i) = p.quote {
                span.set_attribute("data-quote", &i.to_string())?;
            }
        }
        Ok(!pieces.is_done())
    }));
}

/// A step that calls `item` for `0..count`, `per_call` at a time.
pub(super) fn each_item(
    count: usize,
    per_call: usize,
    mut item: impl FnMut(usize) -> Result<(), JsValue> + 'static,
) -> Step {
    let mut next = 0;
    Box::new(move || {
        let to = (next + per_call).min(count);
        (next..to).try_for_each(&mut item)?;
        next = to;
        Ok(next < count)
    })
}

fn panel(b: &Builder, parent: &Element, class: &str, title: &str) -> Result<Element, JsValue> {
    let section = b.el(parent, "section", &format!("panel {class}"))?;
    let heading = b.text_el(&section, "h2", "", title)?;
    let id = format!("aa-h-{}", class.replace(' ', "-"));
    heading.set_id(&id);
    section.set_attribute("aria-labelledby", &id)?;
    Ok(section)
}

fn quotes(
    b: &Builder,
    parent: &Element,
    analysis: &Rc<Analysis>,
    steps: &mut VecDeque<Step>,
) -> Result<(), JsValue> {
    let count = analysis.quotes.len();
    let section = panel(b, parent, "quotes", &format!("Quotes ({count})"))?;
    if count == 0 {
        b.text_el(&section, "p", "none", "No direct quotations found.")?;
        return Ok(());
    }
    let list = b.el(&section, "ol", "quote-list")?;
    let (b, analysis) = (b.clone(), analysis.clone());
    steps.push_back(each_item(count, CARDS_PER_STEP, move |i| {
        quote_card(&b, &list, &analysis, i)
    }));
    Ok(())
}

/// A quote with who said it and why the analyzer thinks so: the cue, the kind, the rule.
fn quote_card(b: &Builder, list: &Element, analysis: &Analysis, i: usize) -> Result<(), JsValue> {
    let Some(q) = analysis.quotes.get(i) else {
        return Ok(());
    };
    let card = b.el(list, "li", "quote-card")?;
    let kind = if q.kind == QuoteKind::Full {
        "full"
    } else {
        "partial"
    };
    b.text_el(&card, "blockquote", kind, &q.text)?;
    let who = b.el(&card, "p", "speaker")?;
    match &q.speaker {
        Some(s) => {
            b.text(&who, "— ")?;
            b.text_el(&who, "strong", "", &s.name)?;
            let role = s
                .entity_id
                .and_then(|id| analysis.entities.iter().find(|e| e.id == id))
                .and_then(|e| e.role.as_deref());
            if let Some(role) = role {
                b.text(&who, ", ")?;
                b.text_el(&who, "span", "role", role)?;
            }
        }
        None => b.text(&who, "— speaker unknown")?,
    }
    let why = b.el(&card, "p", "why")?;
    if let Some(cue) = &q.cue {
        b.text(&why, "cue ")?;
        b.text_el(&why, "q", "", &cue.text)?;
        b.text(&why, " · ")?;
    }
    b.text(&why, &format!("{kind} quote"))?;
    if let Some(rule) = q.rule.as_deref().filter(|r| !r.is_empty()) {
        b.text(&why, &format!(" · rule: {rule}"))?;
    }
    let actions = b.el(&card, "div", "card-actions")?;
    let show = b.button(&actions, "show", "Show in text")?;
    show.set_attribute("data-show-quote", &i.to_string())?;
    show.set_attribute("aria-label", &format!("Show in text: quote {}", i + 1))?;
    let copy = b.button(&actions, "copy", "Copy")?;
    copy.set_attribute("data-copy-quote", &i.to_string())?;
    copy.set_attribute("aria-label", &format!("Copy quote {}", i + 1))?;
    Ok(())
}

fn entity_list(
    b: &Builder,
    parent: &Element,
    title: &str,
    kind: EntityType,
    class: &str,
    analysis: &Rc<Analysis>,
    steps: &mut VecDeque<Step>,
) -> Result<(), JsValue> {
    let chosen: Rc<[usize]> = analysis
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == kind)
        .map(|(i, _)| i)
        .collect();
    let section = panel(
        b,
        parent,
        &format!("entities {class}"),
        &format!("{title} ({})", chosen.len()),
    )?;
    if chosen.is_empty() {
        b.text_el(&section, "p", "none", "None found.")?;
        return Ok(());
    }
    let list = b.el(&section, "ul", "entity-list")?;
    let (b, analysis, class) = (b.clone(), analysis.clone(), class.to_owned());
    steps.push_back(each_item(
        chosen.len(),
        ITEMS_PER_STEP,
        move |i| match chosen.get(i).and_then(|&i| analysis.entities.get(i)) {
            Some(e) => entity_item(&b, &list, e, &class),
            None => Ok(()),
        },
    ));
    Ok(())
}

/// An entity as a button that highlights its mentions, with its count and role or date.
fn entity_item(b: &Builder, list: &Element, e: &Entity, class: &str) -> Result<(), JsValue> {
    let item = b.el(list, "li", "")?;
    pick_button(b, &item, e, class)?;
    if let Some(role) = e.role.as_ref().or(e.iso.as_ref()) {
        b.text_el(&item, "span", "role", role)?;
    }
    Ok(())
}

fn pick_button(b: &Builder, parent: &Element, e: &Entity, class: &str) -> Result<(), JsValue> {
    let button = b.el(parent, "button", "pick")?;
    button.set_attribute("type", "button")?;
    button.set_attribute("data-pick", &e.id.to_string())?;
    button.set_attribute("aria-pressed", "false")?;
    b.text_el(&button, "span", &format!("ent ent-{class}"), &e.name)?;
    let count = b.text_el(&button, "span", "count", &e.mentions.len().to_string())?;
    let noun = if e.mentions.len() == 1 {
        " mention"
    } else {
        " mentions"
    };
    b.text_el(&count, "span", "sr-only", noun)?;
    Ok(())
}

/// The places on the globe: the map (drawn by the map module), and below it the list of places
/// with their coordinates.
fn map(
    b: &Builder,
    parent: &Element,
    root: &Element,
    analysis: &Rc<Analysis>,
    steps: &mut VecDeque<Step>,
) -> Result<(), JsValue> {
    let section = panel(
        b,
        parent,
        "map",
        &format!("Map ({})", analysis.places.len()),
    )?;
    if analysis.places.is_empty() {
        b.text_el(&section, "p", "none", "No places located.")?;
        return Ok(());
    }
    steps.extend(super::map::render(b, &section, root, analysis)?);
    let list = b.el(&section, "ul", "place-list")?;
    let (b, analysis) = (b.clone(), analysis.clone());
    let count = analysis.places.len();
    steps.push_back(each_item(count, ITEMS_PER_STEP, move |i| {
        let Some(p) = analysis.places.get(i) else {
            return Ok(());
        };
        let item = b.el(&list, "li", "")?;
        match analysis.entities.iter().find(|e| e.id == p.entity_id) {
            Some(e) => pick_button(&b, &item, e, "place")?,
            None => b.text(&item, &p.name)?,
        }
        let country = p
            .country
            .as_deref()
            .map(|c| format!(" {c}"))
            .unwrap_or_default();
        let coords = format!("{:.2}, {:.2}{country}", p.lat, p.lon);
        b.text_el(&item, "span", "coords", &coords)?;
        Ok(())
    }));
    Ok(())
}
