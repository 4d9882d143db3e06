"""REIGN's leader list (``leaderlist_3_21.csv``): each state's effective leaders since 1950.

One row per spell: the COW number (read with the year the spell began), Archigos 2.9's leader id,
the name as the list spells it (typos kept: "Ilhma Aliyev"), the start to the day and the end to the
month; an empty end is a leader still in office in March 2021. The file is UTF-8 but for a stray
cp1252 byte in one note. REIGN is free to use with citation but carries no licence to redistribute
it, so it is an importer only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bilat.importers.base import Importer, Outcome, Skip
from bilat.importers.spells import Spell, SpellRecords, mixed_rows, read_spells, whole
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "reign-2021-03",
        "kind": "dataset",
        "title": "Rulers, Elections, and Irregular Governance (REIGN) dataset: leader list, March 2021",
        "publisher": "One Earth Future Research",
        "author": "Curtis Bell, Clayton Besaw, Matthew Frank",
        "published": "2021-03",
        "url": "https://oefdatascience.github.io/REIGN.github.io/",
    }
)
COLUMNS = ("ccode", "leadid", "leader", "sdate", "smonth", "syear", "emonth", "eyear")


def read_reign(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A holding of the state's leader post per row; the persons last."""
    yield from read_spells(_spells(path, encoding), SpellRecords(register, SOURCE, "reign"))


def _spells(path: Path, encoding: str) -> Iterator[Spell | Skip]:
    for line, row in mixed_rows(path, encoding, COLUMNS, "REIGN leader list"):
        try:
            ccode = whole(row["ccode"])
            start = _date(row["syear"], row["smonth"], row["sdate"])
            end = _date(row["eyear"], row["emonth"]) if row["eyear"].strip() else None
        except ValueError as error:
            yield Skip(line, "unreadable date or code", str(error))
            continue
        if ccode is None or start is None:
            found = f"ccode {row['ccode']!r}, start year {row['syear']!r}"
            yield Skip(line, "no COW number or start year", found)
            continue
        yield Spell(line, row["leadid"].strip(), row["leader"].strip(), ccode, start, end)


def _date(year: str, month: str, day: str = "") -> PartialDate | None:
    """A date to the day, the month or the year, as far as the row gives it."""
    y, m, d = whole(year), whole(month), whole(day)
    if y is None:
        return None
    return PartialDate(y, m, d if m is not None else None)


REIGN = Importer("reign", "REIGN leader list (leaderlist_3_21.csv)", SOURCE, read_reign)
