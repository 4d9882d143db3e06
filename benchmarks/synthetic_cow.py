"""A full-size synthetic COW Diplomatic Exchange file: every pair of member states in every sampled year.

The real file (Diplomatic_Exchange_2006v1.csv, about 325,000 rows) is too big to ship; this one has the
same columns, the same sampled years, the states of the COW system in those years, both orders of every
dyad, and mirror rows that agree, so the importer does the same work. Seeded, so every run is the same.

    python benchmarks/synthetic_cow.py OUT.csv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from bilat.register import bundled_register

YEARS = (
    1817,
    1824,
    1827,
    1832,
    1836,
    1840,
    1844,
    1849,
    1855,
    1860,
    1864,
    1868,
    1872,
    1877,
    1881,
    1886,
    1890,
    1895,
    1899,
    1904,
    1909,
    1913,
    1920,
    1925,
    1930,
    1935,
    1940,
    1950,
    1955,
    1960,
    1965,
    1970,
    1975,
    1980,
    1985,
    1990,
    1995,
    2000,
    2005,
)
LEVELS = ("0", "1", "2", "3", "9")
WEIGHTS = (40, 8, 6, 44, 2)


def members(year: int) -> list[int]:
    """COW numbers of the states that were members at some point of ``year``."""
    register = bundled_register()
    found = set()
    for code, pieces in register.memberships.items():
        for piece in pieces:
            end = piece.end.year if piece.end else 2016
            if piece.start.year <= year <= end:
                found.add(code)
    return sorted(found)


def write(path: Path, seed: int = 1) -> int:
    """Write the file; returns the number of data rows."""
    rng = random.Random(seed)
    rows = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write('"ccode1","ccode2","year","DR_at_1","DR_at_2","DE","version"\n')
        for year in YEARS:
            states = members(year)
            level = {(a, b): rng.choices(LEVELS, WEIGHTS)[0] for a in states for b in states if a != b}
            for a in states:
                for b in states:
                    if a == b:
                        continue
                    at_1, at_2 = level[(b, a)], level[(a, b)]
                    exchange = int(at_1 in "123" or at_2 in "123")
                    out.write(f"{a},{b},{year},{at_1},{at_2},{exchange},2006.0999755859375\n")
                    rows += 1
    return rows


if __name__ == "__main__":
    print(write(Path(sys.argv[1])))
