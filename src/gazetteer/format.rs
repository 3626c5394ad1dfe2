//! Reads assets/geo/gazetteer.bin, as scripts/geo/make_gazetteer.py writes it.
//!
//! Integers are LEB128 varints unless said otherwise; signed ones are zigzag-coded. In order:
//! - `AAG2`;
//! - the fold table: n, then per letter the code point's delta from the previous one, a byte
//!   length and the lowercase ASCII form ("ï" -> "i");
//! - countries: n, then n two-byte ISO 3166-1 codes (place country 0 means none, k the k-th);
//! - first-level divisions: n, then per division its country (as above), a length and its
//!   GeoNames admin1 code;
//! - places: n, then one column after another, a value per place: country (a byte), division
//!   (0 for none), kind (a byte; 0x80 marks a national capital), population (a byte,
//!   10·log10), latitude and longitude in tenths of a degree (deltas from the previous place),
//!   and the names: a length, then the names one a line;
//! - other names: n, then per name the delta of its place's index, a length and the name.
//!
//! Places are sorted by country, division and kind (so that the columns repeat and gzip, as the
//! page is served, shrinks them), then along a Z-order curve (so that coordinate deltas stay
//! small). A tenth of a degree (11 km at most) is far finer than geocoding needs.

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

/// The `n` lines of `text`, split by a loop over its bytes: faster than `str::split` over these
/// short lines, and this is the start-up of the page's first analysis.
fn lines(text: &'static str, n: usize) -> Option<Vec<&'static str>> {
    let mut lines = Vec::with_capacity(n);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(text.get(start..i)?);
            start = i + 1;
        }
    }
    lines.push(text.get(start..)?);
    (lines.len() == n).then_some(lines)
}

/// What the asset holds: the places, their other names (place index, name), and the fold table.
pub struct Contents {
    pub entries: Vec<Entry>,
    pub aliases: Vec<(usize, &'static str)>,
    pub fold: Vec<(char, &'static str)>,
}

pub fn read(data: &'static [u8]) -> Option<Contents> {
    let mut r = Reader { data, at: 0 };
    if r.bytes(4)? != b"AAG2" {
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
    let mut admins = Vec::new();
    for _ in 0..r.count()? {
        let cc = country(r.count()?)?;
        let len = r.count()?;
        admins.push((cc, r.str(len)?));
    }
    let n = r.count()?;
    // The columns of one byte a place are read as they lie, and decoded as the places are built.
    let country_codes = r.bytes(n)?;
    let mut admin_of = Vec::with_capacity(n);
    for _ in 0..n {
        admin_of.push(match r.count()? {
            0 => None,
            i => Some(admins.get(i - 1)?.1),
        });
    }
    let kind_codes = r.bytes(n)?;
    let population_codes = r.bytes(n)?;
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
    let names = lines(r.str(len)?, n)?;
    let mut entries = Vec::with_capacity(n);
    let columns = (names.into_iter().zip(points).zip(admin_of))
        .zip(country_codes.iter().zip(kind_codes).zip(population_codes));
    for (((name, (lat, lon)), admin1), ((&country_code, &kind), &population)) in columns {
        entries.push(Entry {
            name,
            lat,
            lon,
            country: country(usize::from(country_code))?,
            admin1,
            kind: Kind::from_code(kind & 0x7F)?,
            capital: kind & 0x80 != 0,
            population: scale[usize::from(population)],
        });
    }
    let mut aliases = Vec::new();
    let mut place = 0usize;
    for _ in 0..r.count()? {
        place = place.checked_add(r.count()?)?;
        let len = r.count()?;
        let name = r.str(len)?;
        if place >= n {
            return None;
        }
        aliases.push((place, name));
    }
    (r.at == data.len()).then_some(Contents {
        entries,
        aliases,
        fold,
    })
}
