"""Archigos 4.1 (``Archigos_4.1.csv``, converted from the Stata file): each state's effective leaders,
1840-2015.

One row per spell (``obsid``): the COW number (read with the year the spell began), the leader's id
(one person across spells), the name as the list spells it (often the surname alone: "Grant"), the
start and end days (``YYYY-MM-DD``, a bare year where that is all there is). A spell still going on
at the end of 2015 (``exit`` "Still in Office") has an open end, not 2015-12-31. Archigos is free for
research with citation but carries no licence to redistribute it, so it is an importer only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bilat.importers.base import Importer, Outcome, Skip
from bilat.importers.spells import Spell, SpellRecords, mixed_rows, read_spells, whole
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "archigos-4-1",
        "kind": "dataset",
        "title": "Archigos: A Data Set on Leaders 1875-2015, version 4.1",
        "publisher": "University of Rochester",
        "author": "H. E. Goemans, Kristian Skrede Gleditsch, Giacomo Chiozza",
        "published": "2016",
        "url": "https://www.rochester.edu/college/faculty/hgoemans/data.htm",
    }
)
COLUMNS = ("obsid", "leadid", "ccode", "leader", "startdate", "enddate", "exit")
STILL_IN_OFFICE = "still in office"
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def read_archigos(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A holding of the state's leader post per spell; the persons last."""
    yield from read_spells(_spells(path, encoding), SpellRecords(register, SOURCE, "archigos"))


def _spells(path: Path, encoding: str) -> Iterator[Spell | Skip]:
    for line, row in mixed_rows(path, encoding, COLUMNS, "Archigos"):
        try:
            ccode = whole(row["ccode"])
            start = _date(row["startdate"])
            end = _date(row["enddate"])
        except ValueError as error:
            yield Skip(line, "unreadable date or code", str(error))
            continue
        if ccode is None or start is None:
            yield Skip(
                line, "no COW number or start date", f"ccode {row['ccode']!r}, start {row['startdate']!r}"
            )
            continue
        if row["exit"].strip().lower() == STILL_IN_OFFICE:
            end = None
        yield Spell(line, row["leadid"].strip(), row["leader"].strip(), ccode, start, end)


def _date(text: str) -> PartialDate | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; empty and ``NA`` are unknown; anything else an error."""
    text = text.strip()
    if not text or text.upper() == "NA" or text.startswith("-"):
        return None
    if not _DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date")
    return PartialDate.parse(text)


ARCHIGOS = Importer("archigos", "Archigos 4.1 leaders (Archigos_4.1.csv)", SOURCE, read_archigos)
