"""Correlates of War: state system membership (states2016.csv) and Diplomatic Exchange (dyad-years).

COW numbers are not countries: 365 is the Russian Empire, the USSR and Russia; 345 is Serbia,
Yugoslavia and Serbia and Montenegro. ``data/cow-crosswalk.csv`` says which country each number
stood for over which dates; membership rows are split where the country changes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bilat.files.bundled import data_dir
from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.base import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Source, StateSystemMembership
from bilat.model.facts import Representation
from bilat.model.fields import describe
from bilat.model.vocab import RepresentationLevel
from bilat.register import Register

STATES_SOURCE = Source.model_validate(
    {
        "id": "cow-states-2016",
        "kind": "dataset",
        "title": "State System Membership List, v2016",
        "publisher": "Correlates of War Project",
        "published": "2017",
        "url": "https://correlatesofwar.org/data-sets/state-system-membership/",
    }
)
DIPLOMATIC_SOURCE = Source.model_validate(
    {
        "id": "cow-diplomatic-exchange-2006",
        "kind": "dataset",
        "title": "Diplomatic Exchange, v2006.1 (Bayer 2006)",
        "publisher": "Correlates of War Project",
        "published": "2006",
        "url": "https://correlatesofwar.org/data-sets/diplomatic-exchange/",
    }
)
LEVELS = {
    "0": RepresentationLevel.NONE,
    "1": RepresentationLevel.CHARGE_D_AFFAIRES,
    "2": RepresentationLevel.MINISTER,
    "3": RepresentationLevel.AMBASSADOR,
    "9": RepresentationLevel.OTHER,
}
DATA_END = PartialDate(2016, 12, 31)
"""The last day COW v2016 covers: a membership ending then is still going on."""


@dataclass(frozen=True)
class CrosswalkPiece:
    """COW number ``cow_code`` means ``country`` from ``start`` to ``end`` (open ends unbounded)."""

    cow_code: int
    country: str
    start: PartialDate | None
    end: PartialDate | None


def crosswalk(path: Path | None = None) -> dict[int, list[CrosswalkPiece]]:
    """The bundled COW-number-to-country table."""
    pieces: dict[int, list[CrosswalkPiece]] = {}
    with open(path or data_dir() / "cow-crosswalk.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            piece = CrosswalkPiece(
                int(row["cow_code"]),
                row["country"],
                PartialDate.parse(row["start"]) if row["start"] else None,
                PartialDate.parse(row["end"]) if row["end"] else None,
            )
            pieces.setdefault(piece.cow_code, []).append(piece)
    return pieces


def read_states(
    path: Path,
    register: Register,
    encoding: str = "utf-8",
    table: dict[int, list[CrosswalkPiece]] | None = None,
) -> Iterator[Outcome]:
    """``states2016.csv`` rows as membership records, split where a number changes country."""
    table = table if table is not None else crosswalk()
    columns = ("ccode", "stateabb", "styear", "stmonth", "stday", "endyear", "endmonth", "endday")
    for line, row in delimited_rows(path, encoding, required=columns, dataset="COW State System Membership"):
        assert isinstance(row, dict)
        try:
            code = int(row["ccode"])
            start = PartialDate(int(row["styear"]), int(row["stmonth"]), int(row["stday"]))
            end = PartialDate(int(row["endyear"]), int(row["endmonth"]), int(row["endday"]))
        except (KeyError, ValueError) as error:
            yield line, Skip(line, "unreadable date or code", str(error))
            continue
        if code not in table:
            yield line, Skip(line, "COW number not in the crosswalk", f"{code} {row.get('statenme', '')}")
            continue
        records: list[Record] = []
        for piece in table[code]:
            first = max(start, piece.start) if piece.start else start
            last = min(end, piece.end) if piece.end else end
            if last < first:
                continue
            try:
                records.append(
                    StateSystemMembership.model_validate(
                        {
                            "country": piece.country,
                            "cow_code": code,
                            "cow_letters": row["stateabb"],
                            "start": first,
                            "end": None if last == DATA_END else last,
                            "sources": [STATES_SOURCE.id],
                        }
                    )
                )
            except ValidationError as error:
                yield line, Skip(line, "invalid membership", describe(error))
                break
        else:
            yield line, records


def read_diplomatic_exchange(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """Directed dyad-years to representation records: one per direction and level, with its years.

    ``DR_at_1`` is the level at which state 2 was represented in state 1, ``DR_at_2`` the reverse;
    each dyad appears in both orders, so every direction is read twice and must agree.
    """
    years: dict[tuple[str, str, RepresentationLevel], set[int]] = {}
    seen: dict[tuple[str, str, int], tuple[RepresentationLevel, int]] = {}
    columns = ("ccode1", "ccode2", "year", "DR_at_1", "DR_at_2")
    for line, row in delimited_rows(path, encoding, required=columns, dataset="COW Diplomatic Exchange"):
        assert isinstance(row, dict)
        try:
            one, two, year = int(row["ccode1"]), int(row["ccode2"]), int(row["year"])
        except ValueError:
            found = f"ccode1 {row['ccode1']!r}, ccode2 {row['ccode2']!r}, year {row['year']!r}"
            yield line, Skip(line, "state numbers and year must be whole numbers", found)
            continue
        if row.get("DR_at_1", "").strip() not in LEVELS or row.get("DR_at_2", "").strip() not in LEVELS:
            found = f"{row.get('DR_at_1')!r}, {row.get('DR_at_2')!r}"
            yield line, Skip(line, "representation level not one of 0, 1, 2, 3, 9", found)
            continue
        levels = LEVELS[row["DR_at_1"].strip()], LEVELS[row["DR_at_2"].strip()]
        first, second = register.by_cow(one, year), register.by_cow(two, year)
        if first is None or second is None:
            missing = one if first is None else two
            yield line, Skip(line, "COW number unknown", str(missing))
            continue
        if first.code == second.code:
            yield line, Skip(line, "a state paired with itself", f"{one} and {two} in {year}")
            continue
        conflict = None
        for sending, host, level in (
            (second.code, first.code, levels[0]),
            (first.code, second.code, levels[1]),
        ):
            earlier = seen.setdefault((sending, host, year), (level, line))
            if earlier[0] != level:
                conflict = (
                    f"{sending} in {host} {year}: {level.value} here, {earlier[0].value} at line {earlier[1]}"
                )
        if conflict:
            yield line, Skip(line, "disagrees with the mirror row", conflict)
            continue
        for sending, host, level in (
            (second.code, first.code, levels[0]),
            (first.code, second.code, levels[1]),
        ):
            years.setdefault((sending, host, level), set()).add(year)
        yield line, []
    yield (
        0,
        [
            Representation.model_validate(
                {
                    "sending": sending,
                    "host": host,
                    "level": level,
                    "years": [PartialDate(y) for y in sorted(found)],
                    "sources": [DIPLOMATIC_SOURCE.id],
                }
            )
            for (sending, host, level), found in sorted(years.items())
        ],
    )


COW_STATES = Importer(
    "cow-states", "COW state system membership (states2016.csv)", STATES_SOURCE, read_states
)
COW_DIPLOMATIC = Importer(
    "cow-diplomatic", "COW Diplomatic Exchange dyad-years", DIPLOMATIC_SOURCE, read_diplomatic_exchange
)
