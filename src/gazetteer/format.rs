//! Reads assets/geo/gazetteer.bin, as scripts/geo/make_gazetteer.py writes it.
//!
//! Integers are LEB128 varints unless said otherwise; signed ones are zigzag-coded. In order:
//! - `AAG3`;
//! - the fold table: n, then per letter the code point's delta from the previous one, a byte
//!   length and the lowercase ASCII form ("ï" -> "i");
//! - countries: n, then n two-byte ISO 3166-1 codes (country 0 means none, k the k-th), then
//!   n + 1 counts: how many places of each country (none first) lie in no division;
//! - first-level divisions: n, then per division its country (as above), a length, its GeoNames
//!   admin1 code and how many places lie in it;
//! - places: n, then one column after another, a value per place: kind (a byte; 0x80 marks a
//!   national capital), population (a byte, 10·log10), latitude and longitude in tenths of a
//!   degree (deltas from the previous place), and the names: a length, then a place a line, its
//!   name first and its other names after it, each after a tab.
//!
//! Places are sorted by country, then by division (those in none first), so a place's country and
//! division follow from the counts; then by kind (so that the column repeats and gzip, as the page
//! is served, shrinks it), then neighbours together (so that coordinate deltas stay small). A
//! tenth of a degree (11 km at most) is far finer than geocoding needs.

use super::{Entry, Kind};

struct Reader {
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.data.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        // Many are one byte (small deltas between neighbours' coordinates): read without the
        // loop's checks, as the page's first analysis waits for this.
        if let Some(&b) = self.data.get(self.at).filter(|&&b| b < 0x80) {
            self.at += 1;
            return Some(u64::from(b));
        }
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    #[inline]
    fn signed(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some((v >> 1) as i64 ^ -((v & 1) as i64))
    }

    fn bytes(&mut self, n: usize) -> Option<&'static [u8]> {
        let out = self.data.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn str(&mut self, n: usize) -> Option<&'static str> {
        std::str::from_utf8(self.bytes(n)?).ok()
    }
}

/// The names of `text`, a place a line and a place's other names after a tab: the `n` places'
/// names, and the other names with their place's index. Split by a loop over its bytes, eight at a
/// time: faster than `str::split` (or a `memchr` call per name) over these short lines, and this
/// is the start-up of the page's first analysis.
type Names = (Vec<&'static str>, Vec<(usize, &'static str)>);

fn names(text: &'static str, n: usize) -> Option<Names> {
    let mut names = Vec::with_capacity(n);
    let mut others = Vec::new();
    let mut add = |name: &'static str, own: bool| {
        if own {
            names.push(name);
        } else {
            others.push((names.len().checked_sub(1)?, name));
        }
        Some(())
    };
    let mut start = 0;
    let mut own = true;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Names hold no control characters (the script checks): a byte below 11 is a tab or a
        // line break. Eight bytes are tested at once (a byte below 11 sets its top bit in
        // `below`; the lowest set one is always a true one): the names' ends are found in a
        // quarter of a byte loop's work.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().ok()?);
            let below = x.wrapping_sub(0x0B0B_0B0B_0B0B_0B0B) & !x & 0x8080_8080_8080_8080;
            if below == 0 {
                i += 8;
                continue;
            }
            i += below.trailing_zeros() as usize / 8;
        } else if b > b'\n' {
            i += 1;
            continue;
        }
        let b = *bytes.get(i)?;
        add(text.get(start..i)?, own)?;
        own = b == b'\n';
        start = i + 1;
        i += 1;
    }
    add(text.get(start..)?, own)?;
    (names.len() == n).then_some((names, others))
}

/// What the asset holds: the places, their other names (place index, name), and the fold table.
pub struct Contents {
    pub entries: Vec<Entry>,
    pub aliases: Vec<(usize, &'static str)>,
    pub fold: Vec<(char, &'static str)>,
}

pub fn read(data: &'static [u8]) -> Option<Contents> {
    let mut r = Reader { data, at: 0 };
    if r.bytes(4)? != b"AAG3" {
        return None;
    }
    let mut fold = Vec::new();
    let mut code = 0u32;
    for _ in 0..r.count()? {
        code = code.checked_add(u32::try_from(r.varint()?).ok()?)?;
        let len = usize::from(r.byte()?);
        fold.push((char::from_u32(code)?, r.str(len)?));
    }
    let countries: Vec<&'static str> = (0..r.count()?).map(|_| r.str(2)).collect::<Option<_>>()?;
    let country = |i: usize| -> Option<Option<&'static str>> {
        match i {
            0 => Some(None),
            _ => countries.get(i - 1).copied().map(Some),
        }
    };
    let undivided: Vec<usize> = (0..=countries.len())
        .map(|_| r.count())
        .collect::<Option<_>>()?;
    let mut divisions = Vec::new();
    for _ in 0..r.count()? {
        let country = r.count()?;
        let len = r.count()?;
        divisions.push((country, r.str(len)?, r.count()?));
    }
    let n = r.count()?;
    // The columns of one byte a place are read as they lie, and decoded as the places are built;
    // read first, they bound `n` by the data's length before anything is allocated for it.
    let kind_codes = r.bytes(n)?;
    let population_codes = r.bytes(n)?;
    // Each run of places' country and division, from the counts (the places are sorted by them):
    // the places are built run by run, not given a container each first.
    let mut runs = Vec::with_capacity(divisions.len() + undivided.len());
    let mut placed = 0;
    let mut fill = |container: (Option<&'static str>, Option<&'static str>), count: usize| {
        (count <= n - placed).then(|| {
            placed += count;
            runs.push((container, count));
        })
    };
    let mut division = divisions.iter().peekable();
    for (i, &count) in undivided.iter().enumerate() {
        let cc = country(i)?;
        fill((cc, None), count)?;
        while let Some(&(_, code, count)) = division.next_if(|d| d.0 == i) {
            fill((cc, Some(code)), count)?;
        }
    }
    if placed != n || division.next().is_some() {
        return None;
    }
    // Each code decoded once rather than a power per place.
    let scale: [u64; 256] = std::array::from_fn(|code| match code {
        0 => 0,
        code => 10f64.powf(code as f64 / 10.0).round() as u64,
    });
    let (mut lat, mut lon) = (0i64, 0i64);
    let mut points = Vec::with_capacity(n);
    for _ in 0..n {
        lat = lat.checked_add(r.signed()?)?;
        lon = lon.checked_add(r.signed()?)?;
        points.push((lat as f64 / 10.0, lon as f64 / 10.0));
    }
    let len = r.count()?;
    let (names, aliases) = names(r.str(len)?, n)?;
    let mut entries = Vec::with_capacity(n);
    // Each place's columns by its index: zipped iterators of them cost three times as much.
    let mut i = 0;
    for ((country, admin1), count) in runs {
        for _ in 0..count {
            let (kind, population) = (kind_codes[i], population_codes[i]);
            let (lat, lon) = points[i];
            entries.push(Entry {
                name: names[i],
                lat,
                lon,
                country,
                admin1,
                kind: Kind::from_code(kind & 0x7F)?,
                capital: kind & 0x80 != 0,
                population: scale[usize::from(population)],
            });
            i += 1;
        }
    }
    (r.at == data.len()).then_some(Contents {
        entries,
        aliases,
        fold,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small asset as the script writes it: a continent, Rome (a capital, in Italy but in no
    /// division here) and Louisiana's town of Alexandria, also "Alex".
    const SMALL: &[u8] = b"AAG3\x00\x02ITUS\x01\x01\x00\x01\x02\x02LA\x01\x03\x05\x83\x03\x00@/\
        \x9a\x07\xcf\x0fS\xca\x11\xd3\x01\xb1\x10\"North America\nRome\nAlexandria\tAlex";

    #[test]
    fn countries_and_divisions_follow_from_the_counts() {
        let c = read(SMALL).expect("the small asset reads");
        let got: Vec<_> = c
            .entries
            .iter()
            .map(|e| (e.name, e.country, e.admin1, e.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("North America", None, None, Kind::Continent),
                ("Rome", Some("IT"), None, Kind::City),
                ("Alexandria", Some("US"), Some("LA"), Kind::City),
            ]
        );
        assert!(c.entries[1].capital && !c.entries[2].capital);
        assert_eq!((c.entries[1].lat, c.entries[1].lon), (41.9, 12.5));
        assert_eq!((c.entries[2].lat, c.entries[2].lon), (31.3, -92.4));
        assert_eq!(c.entries[1].population, 2_511_886);
        assert_eq!(c.aliases, [(2, "Alex")]);
    }

    #[test]
    fn a_cut_or_damaged_asset_is_refused_without_a_panic() {
        for end in 0..SMALL.len() {
            assert!(read(&SMALL[..end]).is_none(), "cut at {end}");
        }
        // Counts that overrun or fall short, a place too many or too few: refused or read,
        // never a panic.
        for at in 4..SMALL.len() {
            for value in [0x00, 0x01, 0x02, 0x09, 0x7F, 0x80, 0xFF] {
                let mut damaged = SMALL.to_vec();
                damaged[at] = value;
                let _ = read(Box::leak(damaged.into_boxed_slice()));
            }
        }
    }
}
