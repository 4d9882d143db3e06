"""ATOP (Alliance Treaty Obligations and Provisions) member level: alliances with their members.

One row per member of an alliance (and per phase, when its terms changed). Members are COW numbers,
read with the year they joined. Rows of one ATOP number become one alliance whose parties are every
member; it begins at the earliest entry and ends at the latest exit (an exit year 0 means still in
force). Its obligations (defence, offence, neutrality, non-aggression, consultation) are named in its
title, as ATOP codes them. The data is free for research with citation, not for redistribution, so
it is an importer only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import Agreement
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "atop-4-01",
        "kind": "dataset",
        "title": "Alliance Treaty Obligations and Provisions (ATOP) v4.01, member level (Leeds et al. 2002)",
        "publisher": "ATOP project, Rice University",
        "url": "http://www.atopdata.org/",
    }
)
OBLIGATIONS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non-aggression",
    "consul": "consultation",
}
COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", *OBLIGATIONS)


@dataclass
class _Alliance:
    row: int
    number: str
    members: set[str] = field(default_factory=set)
    starts: list[PartialDate] = field(default_factory=list)
    ends: list[PartialDate | None] = field(default_factory=list)
    obligations: set[str] = field(default_factory=set)


def read_atop(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """Member rows gathered into one alliance per ATOP number."""
    alliances: dict[str, _Alliance] = {}
    for line, row in delimited_rows(path, encoding, required=COLUMNS, dataset="ATOP member-level"):
        assert isinstance(row, dict)
        try:
            number, code = row["atopid"].strip(), int(row["member"])
            start = _date(row["yrent"], row["moent"], row["dayent"])
            end = (
                _date(row["yrexit"], row["moexit"], row["dayexit"]) if row["yrexit"].strip() != "0" else None
            )
        except ValueError as error:
            yield line, Skip(line, "unreadable member, entry or exit date", str(error))
            continue
        country = register.by_cow(code, start.year)
        if country is None:
            yield line, Skip(line, "COW number unknown", f"{code} in {start.year}")
            continue
        alliance = alliances.setdefault(number, _Alliance(line, number))
        alliance.members.add(country.code)
        alliance.starts.append(start)
        alliance.ends.append(end)
        alliance.obligations |= {name for column, name in OBLIGATIONS.items() if row[column].strip() == "1"}
        yield line, []
    for alliance in sorted(alliances.values(), key=lambda a: a.row):
        if len(alliance.members) < 2:
            yield (
                0,
                Skip(alliance.row, "alliance with fewer than two known members", f"ATOP {alliance.number}"),
            )
            continue
        try:
            yield 0, [_agreement(alliance)]
        except ValidationError as error:
            yield 0, Skip(alliance.row, "invalid alliance", describe(error))


def _date(year: str, month: str, day: str) -> PartialDate:
    """An ATOP date: the year, with month and day where given (0 or empty: unknown)."""
    y, m, d = int(year), int(month or 0), int(day or 0)
    if not m:
        return PartialDate(y)
    return PartialDate(y, m, d or None)


def _agreement(alliance: _Alliance) -> Agreement:
    ended = None if None in alliance.ends else max(e for e in alliance.ends if e is not None)
    obligations = [name for name in OBLIGATIONS.values() if name in alliance.obligations]
    return Agreement.model_validate(
        {
            "id": f"atop-{alliance.number}",
            "title": f"ATOP alliance {alliance.number}"
            + (f" ({', '.join(obligations)})" if obligations else ""),
            "kind": "alliance",
            "parties": sorted(alliance.members),
            "signed": min(alliance.starts),
            "ended": ended,
            "status": "terminated" if ended else "in_force",
            "sources": [SOURCE.id],
        }
    )


ATOP = Importer("atop", "ATOP alliances, member level (CSV)", SOURCE, read_atop)
