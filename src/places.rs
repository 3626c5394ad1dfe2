//! Geocoding: each place entity located on the globe by the gazetteer, the most likely reading
//! first (the biggest place of that name, preferring countries the article already mentions).

use crate::analysis::{Entity, EntityType, Place};
use crate::gazetteer::{self, Entry};

/// Places every place entity the gazetteer knows.
pub fn locate(entities: &[Entity]) -> Vec<Place> {
    let candidates: Vec<(&Entity, Vec<&'static Entry>)> = entities
        .iter()
        .filter(|e| e.kind == EntityType::Place)
        .map(|e| {
            let mut found = gazetteer::lookup(&e.name);
            for m in &e.mentions {
                if found.is_empty() {
                    found = gazetteer::lookup(&m.text);
                }
            }
            (e, found)
        })
        .filter(|(_, found)| !found.is_empty())
        .collect();
    // Countries the article names outright make their places the likelier readings elsewhere.
    let context: Vec<&str> = candidates
        .iter()
        .filter_map(|(_, found)| (found.len() == 1).then(|| found[0].country).flatten())
        .collect();
    candidates
        .into_iter()
        .map(|(entity, found)| {
            let best = found
                .iter()
                .max_by_key(|e| {
                    let in_context = e.country.is_some_and(|c| context.contains(&c));
                    (in_context, e.population)
                })
                .expect("only entities with candidates are kept");
            Place {
                entity_id: entity.id,
                name: best.name.to_owned(),
                lat: best.lat,
                lon: best.lon,
                country: best.country.map(str::to_owned),
                kind: best.kind,
            }
        })
        .collect()
}
