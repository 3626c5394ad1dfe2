//! The places the analyzer knows by name, with where they are.
//!
//! A small hand-checked table for now (countries, cities and regions common in international news,
//! coordinates rounded from GeoNames, CC-BY 4.0); the generated GeoNames asset replaces it.

use crate::analysis::PlaceKind;

/// A place the gazetteer knows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entry {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<&'static str>,
    pub kind: PlaceKind,
    pub population: u64,
}

const fn entry(
    name: &'static str,
    lat: f64,
    lon: f64,
    country: &'static str,
    kind: PlaceKind,
    population: u64,
) -> Entry {
    Entry {
        name,
        lat,
        lon,
        country: if country.is_empty() {
            None
        } else {
            Some(country)
        },
        kind,
        population,
    }
}

use PlaceKind::{Admin, City, Country, Region};

const ENTRIES: &[Entry] = &[
    entry("United States", 39.76, -98.5, "US", Country, 327_167_434),
    entry("Israel", 31.5, 34.75, "IL", Country, 8_883_800),
    entry("Iran", 32.0, 53.0, "IR", Country, 81_800_269),
    entry("Qatar", 25.5, 51.25, "QA", Country, 2_781_677),
    entry("Jordan", 31.0, 36.0, "JO", Country, 9_956_011),
    entry("Turkey", 39.0, 35.0, "TR", Country, 82_319_724),
    entry("Egypt", 27.0, 30.0, "EG", Country, 98_423_595),
    entry("Lebanon", 33.83, 35.83, "LB", Country, 6_848_925),
    entry("Syria", 35.0, 38.0, "SY", Country, 16_906_283),
    entry("Iraq", 33.0, 44.0, "IQ", Country, 38_433_600),
    entry("Saudi Arabia", 25.0, 45.0, "SA", Country, 33_699_947),
    entry("Yemen", 15.5, 47.5, "YE", Country, 28_498_687),
    entry("Russia", 60.0, 100.0, "RU", Country, 144_478_050),
    entry("Ukraine", 49.0, 32.0, "UA", Country, 44_622_516),
    entry("China", 35.0, 105.0, "CN", Country, 1_411_778_724),
    entry("India", 22.0, 79.0, "IN", Country, 1_352_617_328),
    entry("Pakistan", 30.0, 70.0, "PK", Country, 212_215_030),
    entry("Afghanistan", 33.0, 66.0, "AF", Country, 37_172_386),
    entry("United Kingdom", 54.76, -2.7, "GB", Country, 66_488_991),
    entry("France", 46.0, 2.0, "FR", Country, 66_987_244),
    entry("Germany", 51.5, 10.5, "DE", Country, 82_927_922),
    entry("Mexico", 23.0, -102.0, "MX", Country, 126_190_788),
    entry("Canada", 60.11, -113.64, "CA", Country, 37_058_856),
    entry("Japan", 35.69, 139.75, "JP", Country, 126_529_100),
    entry("North Korea", 40.0, 127.0, "KP", Country, 25_549_819),
    entry("South Korea", 36.5, 127.75, "KR", Country, 51_635_256),
    entry("Gaza", 31.42, 34.37, "PS", Region, 1_710_257),
    entry("Gaza Strip", 31.42, 34.37, "PS", Region, 1_710_257),
    entry("West Bank", 31.95, 35.25, "PS", Region, 2_697_687),
    entry("Middle East", 29.0, 41.0, "", Region, 0),
    entry("Europe", 48.69, 9.14, "", Region, 741_000_000),
    entry("Africa", 7.19, 21.09, "", Region, 1_031_833_000),
    entry("Asia", 29.84, 89.3, "", Region, 3_812_366_000),
    entry("Washington", 38.9, -77.04, "US", City, 689_545),
    entry("New York", 40.71, -74.01, "US", City, 8_804_190),
    entry("London", 51.51, -0.13, "GB", City, 8_961_989),
    entry("Paris", 48.85, 2.35, "FR", City, 2_138_551),
    entry("Moscow", 55.75, 37.62, "RU", City, 10_381_222),
    entry("Beijing", 39.91, 116.4, "CN", City, 18_960_744),
    entry("Jerusalem", 31.77, 35.22, "IL", City, 801_000),
    entry("Tel Aviv", 32.08, 34.78, "IL", City, 432_892),
    entry("Jenin", 32.46, 35.3, "PS", City, 39_004),
    entry("Rafah", 31.3, 34.25, "PS", City, 126_305),
    entry("Khan Younis", 31.35, 34.31, "PS", City, 173_183),
    entry("Aqaba", 29.53, 35.01, "JO", City, 95_048),
    entry("Amman", 31.96, 35.95, "JO", City, 1_275_857),
    entry("Ankara", 39.93, 32.86, "TR", City, 3_517_182),
    entry("Istanbul", 41.01, 28.95, "TR", City, 14_804_116),
    entry("Doha", 25.29, 51.53, "QA", City, 344_939),
    entry("Cairo", 30.06, 31.25, "EG", City, 7_734_614),
    entry("Beirut", 33.89, 35.49, "LB", City, 1_916_100),
    entry("Damascus", 33.51, 36.29, "SY", City, 1_569_394),
    entry("Baghdad", 33.34, 44.4, "IQ", City, 5_672_513),
    entry("Tehran", 35.69, 51.42, "IR", City, 7_153_309),
    entry("Kyiv", 50.45, 30.52, "UA", City, 2_797_553),
    entry("Texas", 31.25, -99.25, "US", Admin, 28_304_596),
    entry("California", 37.25, -119.75, "US", Admin, 39_512_223),
    entry("Florida", 28.75, -82.5, "US", Admin, 21_477_737),
    entry("Ohio", 40.25, -83.0, "US", Admin, 11_689_100),
];

/// Other names for places in `ENTRIES`: short forms, abbreviations, older names.
const ALIASES: &[(&str, &str)] = &[
    ("US", "United States"),
    ("U.S.", "United States"),
    ("USA", "United States"),
    ("U.S.A.", "United States"),
    ("America", "United States"),
    ("United States of America", "United States"),
    ("UK", "United Kingdom"),
    ("U.K.", "United Kingdom"),
    ("Britain", "United Kingdom"),
    ("Great Britain", "United Kingdom"),
    ("Türkiye", "Turkey"),
    ("Kiev", "Kyiv"),
    ("Washington D.C.", "Washington"),
    ("Washington, D.C.", "Washington"),
    ("New York City", "New York"),
];

/// The places called `name`, most populous first. An all-capitals name (a dateline, WASHINGTON)
/// matches regardless of case; otherwise case must match, so "turkey" is not a country.
pub fn lookup(name: &str) -> Vec<&'static Entry> {
    let shouting = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
    let same = |a: &str| {
        if shouting {
            a.eq_ignore_ascii_case(name)
        } else {
            a == name
        }
    };
    let canonical = ALIASES
        .iter()
        .find(|(alias, _)| same(alias))
        .map(|(_, canonical)| *canonical);
    let mut found: Vec<&'static Entry> = ENTRIES
        .iter()
        .filter(|e| canonical.map_or_else(|| same(e.name), |c| e.name == c))
        .collect();
    found.sort_by_key(|e| std::cmp::Reverse(e.population));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_and_datelines_find_the_place() {
        assert_eq!(lookup("U.S.")[0].name, "United States");
        assert_eq!(lookup("WASHINGTON")[0].name, "Washington");
        assert!(lookup("turkey").is_empty());
    }
}
