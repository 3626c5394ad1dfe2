#!/usr/bin/env python3
"""Regenerates the name lists the NER tagger reads as features (assets/ner/*.txt).

Source, pinned by version (installed by this script if missing):
  names 0.3.0          US Census 1990 name frequency lists (public domain)

The tagger's place names come from the analyzer's gazetteer (assets/geo/, scripts/geo/), so
the page ships them once.

Each list is lowercased and sorted, one entry a line, each line starting with how many
characters it shares with the line before (as the character '0' + n) and then the rest: the
page downloads these lists, and shared prefixes cost nothing. The generated files are
committed, so normal builds never need Python.

    python3 scripts/ner-gazetteers.py
"""
import importlib
import subprocess
import sys
from pathlib import Path

PINS = {"names": "0.3.0"}
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


def census(names_module, filename, limit):
    path = Path(names_module.__file__).parent / filename
    rows = [line.split()[0] for line in path.read_text().splitlines() if line.strip()]
    return {normalize(r) for r in rows[:limit]}


def front_coded(entries):
    lines, previous = [], ""
    for entry in sorted(entries):
        shared = 0
        while shared < min(len(entry), len(previous), 40) and entry[shared] == previous[shared]:
            shared += 1
        lines.append(f"{chr(ord('0') + shared)}{entry[shared:]}\n")
        previous = entry
    return "".join(lines)


def write(path, entries):
    path.write_text(front_coded(entries))
    print(f"{path}: {len(entries)} entries")


def main():
    names = ensure("names")
    out = Path(__file__).resolve().parent.parent / "assets" / "ner"
    out.mkdir(parents=True, exist_ok=True)
    first = census(names, "dist.male.first", FIRST_NAMES) | census(
        names, "dist.female.first", FIRST_NAMES)
    write(out / "first-names.txt", first)
    write(out / "last-names.txt", census(names, "dist.all.last", LAST_NAMES))


if __name__ == "__main__":
    main()
