//! The places of an analysis on a world map, drawn as inline SVG from Natural Earth's outlines
//! (assets/geo/world.txt, made by scripts/geo/make_map.py), so no tile server is asked: a pin per
//! place sized by its mentions, the named countries shaded, the view zoomed to the article's
//! places. Pointing at a pin lights its mentions in the text and pointing at a mention lights its
//! pin; a click keeps them lit.

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{Element, Event};

use super::dom::Builder;
use super::render::{each_item, Step};
use crate::{Analysis, Entity, EntityType, PlaceKind};

const WORLD: &str = include_str!("../../assets/geo/world.txt");
const SVG: &str = "http://www.w3.org/2000/svg";
/// The map's coordinates: tenths of a degree, x east from 180°W, y south from 90°N.
const WIDTH: f64 = 3600.0;
const HEIGHT: f64 = 1800.0;

fn project(lat: f64, lon: f64) -> (f64, f64) {
    ((lon + 180.0) * 10.0, (90.0 - lat) * 10.0)
}

/// The part of the world to show: the places with a margin, at least 24° wide, twice as wide as
/// high, inside the map.
fn view(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    if points.is_empty() {
        return (0.0, 0.0, WIDTH, HEIGHT * 0.85);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in points {
        x0 = x0.min(x);
        y0 = y0.min(y);
        x1 = x1.max(x);
        y1 = y1.max(y);
    }
    let margin = ((x1 - x0).max(y1 - y0) * 0.15).max(30.0);
    let (mut w, mut h) = (x1 - x0 + 2.0 * margin, y1 - y0 + 2.0 * margin);
    w = w.max(240.0).max(2.0 * h).min(WIDTH);
    h = (w / 2.0).min(HEIGHT);
    let cx = (x0 + x1) / 2.0;
    let cy = (y0 + y1) / 2.0;
    let x = (cx - w / 2.0).clamp(0.0, WIDTH - w);
    let y = (cy - h / 2.0).clamp(0.0, HEIGHT - h);
    (x, y, w, h)
}

fn svg(b: &Builder, parent: &Element, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = b.doc.create_element_ns(Some(SVG), tag)?;
    if !class.is_empty() {
        e.set_attribute("class", class)?;
    }
    parent.append_child(&e)?;
    Ok(e)
}

/// Country outlines and pins added per step.
const PATHS_PER_STEP: usize = 40;
const PINS_PER_STEP: usize = 60;

/// Draws the map of `analysis`'s places into `parent`; `root` holds the highlighted text, whose
/// mentions carry `data-entity` as the pins do. A pin also carries `data-pick`, so that clicking it
/// picks its entity as its button in the list does. The outlines and the pins come in the steps
/// returned, a few dozen at a time: with a long article's hundreds of pins, drawing them all at
/// once held the main thread for over 50 ms.
pub fn render(
    b: &Builder,
    parent: &Element,
    root: &Element,
    analysis: &Rc<Analysis>,
) -> Result<Vec<Step>, JsValue> {
    let section = parent;
    let map = svg(b, section, "svg", "world")?;
    map.set_attribute("role", "img")?;
    map.set_attribute("aria-label", "The article's places on a world map")?;
    let points: Vec<(f64, f64)> = analysis
        .places
        .iter()
        .map(|p| project(p.lat, p.lon))
        .collect();
    let (x, y, w, h) = view(&points);
    map.set_attribute("viewBox", &format!("{x:.0} {y:.0} {w:.0} {h:.0}"))?;
    map.set_attribute("preserveAspectRatio", "xMidYMid meet")?;

    let named: FxHashSet<String> = analysis
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Country)
        .filter_map(|p| p.country.clone())
        .collect();
    let land_step = land(b, &map, named)?;

    // Pins keep their size on screen whatever the zoom.
    let unit = w / 600.0;
    let pins = svg(b, &map, "g", "pins")?;
    // By id, not by a search of the entities for each place: a long article has hundreds of each.
    let entities: FxHashMap<usize, &Entity> = analysis.entities.iter().map(|e| (e.id, e)).collect();
    let mentions: Vec<usize> = analysis
        .places
        .iter()
        .map(|p| entities.get(&p.entity_id).map_or(1, |e| e.mentions.len()))
        .collect();
    // A nationality's pin says whose it is: "Israeli, Israel" beside the pin of "Israel".
    let titles: Vec<String> = analysis
        .places
        .iter()
        .map(|p| match entities.get(&p.entity_id) {
            Some(e) if e.kind == EntityType::Norp => format!("{}, {}", e.name, p.name),
            _ => p.name.clone(),
        })
        .collect();
    let mut order: Vec<usize> = (0..analysis.places.len()).collect();
    // Big pins first, so that small ones stay on top and can be pointed at.
    crate::sort::by_key(&mut order, |&i| std::cmp::Reverse(mentions[i]));
    let (b, analysis) = (b.clone(), analysis.clone());
    let pins_step = each_item(order.len(), PINS_PER_STEP, move |k| {
        let Some(&i) = order.get(k) else {
            return Ok(());
        };
        let (Some(place), Some(&(cx, cy)), Some(&count), Some(name)) = (
            analysis.places.get(i),
            points.get(i),
            mentions.get(i),
            titles.get(i),
        ) else {
            return Ok(());
        };
        let pin = svg(&b, &pins, "circle", "pin")?;
        pin.set_attribute("cx", &format!("{cx:.1}"))?;
        pin.set_attribute("cy", &format!("{cy:.1}"))?;
        let r = unit * (3.0 + 2.0 * (count as f64).sqrt());
        pin.set_attribute("r", &format!("{r:.1}"))?;
        pin.set_attribute("data-entity", &place.entity_id.to_string())?;
        pin.set_attribute("data-pick", &place.entity_id.to_string())?;
        pin.set_attribute("tabindex", "0")?;
        let title = svg(&b, &pin, "title", "")?;
        title.set_text_content(Some(&format!(
            "{name} ({count} mention{})",
            if count == 1 { "" } else { "s" }
        )));
        Ok(())
    });
    wire(root)?;
    Ok(vec![land_step, pins_step])
}

thread_local! {
    /// The outlines, drawn once and copied for each map: drawing them was most of the time from
    /// a paste to its analysis on screen, the same 130 KB of outlines read again each time.
    static LAND: RefCell<Option<Element>> = const { RefCell::new(None) };
    /// Their countries' codes, in order: read once too, since finding the 130 KB's line ends
    /// was a tenth of drawing an article's analysis.
    static CODES: Rc<[&'static str]> = WORLD
        .lines()
        .filter_map(|l| Some(l.split_once('\t')?.0))
        .collect();
}

/// The country outlines, behind everything else on `map`, `named` shaded: a copy of those drawn
/// for an earlier map, or drawn now, a few dozen at a time, for the first.
fn land(b: &Builder, map: &Element, named: FxHashSet<String>) -> Result<Step, JsValue> {
    let codes = CODES.with(Rc::clone);
    let place = move |map: &Element, drawn: &Element| -> Result<(), JsValue> {
        let land: Element = drawn.clone_node_with_deep(true)?.dyn_into()?;
        // The outlines are the copy's only children, in the asset's order.
        let paths = land.child_nodes();
        for (i, code) in codes.iter().enumerate() {
            if named.contains(*code) {
                if let Some(path) = paths
                    .item(i as u32)
                    .and_then(|n| n.dyn_into::<Element>().ok())
                {
                    path.set_attribute("class", "country named")?;
                }
            }
        }
        map.insert_before(&land, map.first_child().as_ref())?;
        Ok(())
    };
    let map = map.clone();
    if let Some(drawn) = LAND.with_borrow(Clone::clone) {
        return Ok(Box::new(move || place(&map, &drawn).map(|()| false)));
    }
    let drawn = b.doc.create_element_ns(Some(SVG), "g")?;
    drawn.set_attribute("class", "land")?;
    let countries: Vec<&str> = WORLD
        .lines()
        .filter_map(|l| Some(l.split_once('\t')?.1))
        .collect();
    let mut next = 0;
    let b = b.clone();
    Ok(Box::new(move || {
        let to = (next + PATHS_PER_STEP).min(countries.len());
        for d in countries.get(next..to).unwrap_or_default() {
            svg(&b, &drawn, "path", "country")?.set_attribute("d", d)?;
        }
        next = to;
        if next < countries.len() {
            return Ok(true);
        }
        LAND.with_borrow_mut(|land| *land = Some(drawn.clone()));
        place(&map, &drawn).map(|()| false)
    }))
}

/// Listens once on `root` for pointing (or focusing) at anything with a `data-entity` (pins and
/// mentions alike) and lights everything of that entity while it lasts. Clicks are the page's:
/// they pick the entity, pins included.
fn wire(root: &Element) -> Result<(), JsValue> {
    if root.has_attribute("data-map-wired") {
        return Ok(());
    }
    root.set_attribute("data-map-wired", "")?;
    for (event, on) in [
        ("mouseover", true),
        ("focusin", true),
        ("mouseout", false),
        ("focusout", false),
    ] {
        let scope = root.clone();
        let handler = Closure::<dyn Fn(Event)>::new(move |e: Event| {
            if let Err(err) = light(&scope, &e, on) {
                web_sys::console::error_2(&"article-analyzer: map".into(), &err);
            }
        });
        root.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref())?;
        // The results area lives as long as the page: so does its one set of listeners.
        handler.forget();
    }
    Ok(())
}

/// Lights (or puts out) every element of the entity the event happened on, if it has a pin.
fn light(root: &Element, e: &Event, on: bool) -> Result<(), JsValue> {
    let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return Ok(());
    };
    let Some(id) = target
        .closest("[data-entity]")?
        .and_then(|hit| hit.get_attribute("data-entity"))
    else {
        return Ok(());
    };
    // Ids are numbers we wrote; anything else is not ours to look up.
    if id.is_empty() || !id.bytes().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    if root
        .query_selector(&format!("circle[data-entity=\"{id}\"]"))?
        .is_none()
    {
        return Ok(());
    }
    let all = root.query_selector_all(&format!("[data-entity=\"{id}\"]"))?;
    for k in 0..all.length() {
        if let Some(el) = all.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
            if on {
                el.class_list().add_1("lit")?;
            } else {
                el.class_list().remove_1("lit")?;
            }
        }
    }
    Ok(())
}
