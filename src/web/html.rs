//! HTML reduced to the text a reader sees, with paragraphs kept as blank lines so the analyzer
//! still finds its sentences. Pasted or dropped HTML is parsed by the browser's DOMParser into an
//! inert document that is never attached: no script in it runs and nothing it names is fetched.
//! Only the text comes out, and it reaches the page as text.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomParser, Element, Node, SupportedType};

use super::dom::clock;
use super::worker::next_task;

/// Whether pasted or dropped text is markup rather than prose: it opens with a tag and closes
/// one. An article that merely mentions `<b>` stays as it is.
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim();
    let opens_with_tag = t.starts_with('<')
        && t[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '!')
        && t.ends_with('>');
    let doctype = t
        .get(..9)
        .is_some_and(|p| p.eq_ignore_ascii_case("<!doctype"));
    opens_with_tag && (t.contains("</") || doctype)
}

/// How long the walk over pasted or dropped markup runs before it lets the browser render and
/// handle input, in milliseconds: the page of a long article has thousands of nodes.
const WALK_SLICE_MS: f64 = 8.0;

/// The text of an HTML document or fragment: its `<article>` if it has one, else its `<main>`,
/// else its body. A long document is walked a slice at a time, each slice in its own task, and
/// the text comes back in a task of its own, so that whoever puts it in the page starts afresh.
pub async fn text_of_html(html: &str) -> Result<String, JsValue> {
    let now = clock();
    // The parse in a task of its own, apart from the paste or drop that brought the markup: the
    // parser alone takes 10-40 ms for a long article's page on a loaded machine.
    next_task().await;
    let parsing = now();
    let doc = DomParser::new()?.parse_from_string(html, SupportedType::TextHtml)?;
    if now() - parsing > WALK_SLICE_MS {
        next_task().await;
    }
    let root: Option<Node> = match doc.query_selector("article")? {
        Some(article) => Some(article.into()),
        None => match doc.query_selector("main")? {
            Some(main) => Some(main.into()),
            None => doc.body().map(Into::into),
        },
    };
    let Some(root) = root else {
        return Ok(String::new());
    };
    let mut walk = Walk::new(&root);
    let mut deadline = now() + WALK_SLICE_MS;
    let mut sliced = false;
    // The clock is read every 64 nodes: a node takes about a microsecond.
    let mut steps = 0u32;
    while walk.step() {
        steps = steps.wrapping_add(1);
        if steps % 64 == 0 && now() > deadline {
            next_task().await;
            sliced = true;
            deadline = now() + WALK_SLICE_MS;
        }
    }
    if sliced {
        next_task().await;
    }
    Ok(walk.out.text)
}

/// The text under `root` as a browser would lay it out: whitespace collapsed, blocks separated
/// by blank lines, `<br>` as a line break, `<pre>` kept as written. A blank line in the source
/// text also counts as a paragraph break, so plain text inside an element keeps its paragraphs.
pub fn text_of(root: &Node) -> String {
    let mut walk = Walk::new(root);
    while walk.step() {}
    walk.out.text
}

/// A walk over the nodes under `root`, in document order, writing their text to `out`.
/// Iterative, so deeply nested markup cannot exhaust the stack.
struct Walk {
    root: Node,
    /// The nodes still to visit, each with whether the walk is leaving it (after its children).
    stack: Vec<(Node, bool)>,
    out: Out,
}

impl Walk {
    fn new(root: &Node) -> Walk {
        Walk {
            root: root.clone(),
            stack: vec![(root.clone(), false)],
            out: Out::default(),
        }
    }

    /// Visits the next node; false once there is none left.
    fn step(&mut self) -> bool {
        let Some((node, leaving)) = self.stack.pop() else {
            return false;
        };
        if let Some(element) = node.dyn_ref::<Element>() {
            let name = element.local_name();
            if leaving {
                self.out.leave(&name);
                return true;
            }
            if SKIPPED.contains(&name.as_str()) && node != self.root {
                return true;
            }
            self.out.enter(&name);
            self.stack.push((node.clone(), true));
        } else if node.node_type() == Node::TEXT_NODE
            || node.node_type() == Node::CDATA_SECTION_NODE
        {
            self.out.text(&node.node_value().unwrap_or_default());
            return true;
        }
        let children = node.child_nodes();
        for i in (0..children.length()).rev() {
            if let Some(child) = children.item(i) {
                self.stack.push((child, false));
            }
        }
        true
    }
}

/// Elements whose content is not article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object",
    "canvas", "nav", "aside", "form", "select", "button", "dialog",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "article",
    "section",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "pre",
    "hr",
    "address",
    "details",
    "summary",
];

/// What separates the next word from the text so far.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Gap {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
}

#[derive(Default)]
struct Out {
    text: String,
    gap: Gap,
    /// Inside how many `<pre>` elements: their whitespace is kept.
    pre: usize,
}

impl Out {
    fn want(&mut self, gap: Gap) {
        self.gap = self.gap.max(gap);
    }

    fn enter(&mut self, name: &str) {
        match name {
            "br" => self.want(Gap::Line),
            "td" | "th" => self.want(Gap::Space),
            "pre" => {
                self.want(Gap::Paragraph);
                self.pre += 1;
            }
            _ if BLOCKS.contains(&name) => self.want(Gap::Paragraph),
            _ => {}
        }
    }

    fn leave(&mut self, name: &str) {
        if name == "pre" {
            self.pre = self.pre.saturating_sub(1);
        }
        if BLOCKS.contains(&name) {
            self.want(Gap::Paragraph);
        }
    }

    fn flush_gap(&mut self) {
        if !self.text.is_empty() {
            self.text.push_str(match self.gap {
                Gap::None => "",
                Gap::Space => " ",
                Gap::Line => "\n",
                Gap::Paragraph => "\n\n",
            });
        }
        self.gap = Gap::None;
    }

    fn text(&mut self, s: &str) {
        if self.pre > 0 {
            self.flush_gap();
            self.text.push_str(s);
            return;
        }
        let mut rest = s;
        while !rest.is_empty() {
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if word_end > 0 {
                self.flush_gap();
                self.text.push_str(&rest[..word_end]);
            }
            rest = &rest[word_end..];
            let space_end = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if space_end > 0 {
                let blank_line = rest[..space_end].matches('\n').count() >= 2;
                self.want(if blank_line {
                    Gap::Paragraph
                } else {
                    Gap::Space
                });
            }
            rest = &rest[space_end..];
        }
    }
}
