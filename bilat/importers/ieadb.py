"""The International Environmental Agreements Database (IEADB): environmental agreements between states.

One row per agreement (CRLF CSV). Its inclusion code says what the row is: bilateral (``B``),
multilateral (``M``) or with a party that is not a state (``O``); environmental (``E``) or not;
binding (``A``) or not. Binding environmental agreements between states (``BEA``, ``MEA``) are read;
the file lists no parties, so they are read from the title (``importers.treaty_titles``): a bilateral
one needs exactly two states there, a multilateral one a parties clause that names every party.

Dates are ``YYYY-MM-DD`` with ``00`` for an unknown month or day; ``0000-00-00`` leaves the signature
year alone, and where both are given the date wins (the year is the entry into force in the few rows
that disagree). A signature after today is a typo (the file has ``2699``); an entry into force after
today (``2599-01-01``, ``2999-01-01`` ...) is a placeholder, read as unknown. A protocol or amendment
points to the agreement its lineage sequence puts it under (``401.040`` amends ``401.000``, a
protocol to ``400.000``) when that agreement is imported too. The data is free for research with
citation, not for redistribution, so it is an importer only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.importers.treaty_titles import TitleReader
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import Agreement
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "ieadb",
        "kind": "dataset",
        "title": "International Environmental Agreements Database (IEADB), list of agreements "
        "(Mitchell et al. 2020)",
        "publisher": "IEA Database Project, University of Oregon",
        "url": "https://iea.uoregon.edu/",
    }
)
NUMBER = "IEA# (click for add'l info)"
COLUMNS = (
    NUMBER,
    "Inclusion",
    "Signature Year",
    "Signature Date",
    "Date IEA entered into force",
    "Treaty Name",
)
BILATERAL, MULTILATERAL = "BEA", "MEA"
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SEQUENCE = re.compile(r"(\d+)\.(\d{3})")

Place = tuple[str, int, int]
"""An agreement's place in its lineage: the lineage's name, the sequence's whole part and its
thousandths (``401.040`` is 401 and 40)."""


def read_ieadb(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One agreement per row in scope; then each protocol or amendment linked to what it changes."""
    titles = TitleReader(register)
    today = dt.date.today()
    read: list[tuple[int, Agreement | Skip, Place | None]] = []
    for line, row in delimited_rows(path, encoding, required=COLUMNS, dataset="IEADB"):
        assert isinstance(row, dict)
        read.append((line, _agreement(line, row, titles, today), _place(row)))
    made = Counter(place for _, found, place in read if isinstance(found, Agreement) and place)
    ids = {place: found.id for _, found, place in read if isinstance(found, Agreement) and place}
    for line, found, place in read:
        if isinstance(found, Agreement) and place:
            base = _base(place)
            if base is not None and made[base] == 1:  # a sequence number two rows share links nothing
                found = found.model_copy(update={"base_agreement": ids[base]})
        yield line, found if isinstance(found, Skip) else [found]


def _agreement(line: int, row: dict[str, str], titles: TitleReader, today: dt.date) -> Agreement | Skip:
    inclusion = row["Inclusion"].strip()
    if inclusion not in (BILATERAL, MULTILATERAL):
        return Skip(line, "not a binding environmental agreement between states", inclusion, error=False)
    number = row[NUMBER].strip()
    try:
        signed = _date(row["Signature Date"]) or _year(row["Signature Year"])
        in_force = _date(row["Date IEA entered into force"])
    except ValueError as error:
        return Skip(line, "unreadable date", str(error))
    if not number.isdigit() or signed is None:
        return Skip(line, "no IEA number or signature date", f"{number!r}, {row['Signature Date']!r}")
    if signed.earliest > today:
        return Skip(line, "typo year", f"signed {signed}, after today")
    if in_force is not None and in_force.earliest > today:
        in_force = None  # a placeholder of the database, not a date
    title = row["Treaty Name"].strip()
    named = titles.states(title, signed)
    if named.problem:
        return Skip(line, named.problem, named.detail)
    states = sorted(named.states)
    if inclusion == BILATERAL and len(states) != 2:
        reason = (
            "title names more than two states" if len(states) > 2 else "title names fewer than two states"
        )
        return Skip(line, reason, f"{title[:120]} ({', '.join(states) or 'none'})")
    if inclusion == MULTILATERAL and not (named.complete and len(states) > 2):
        return Skip(line, "title does not name every party", title[:120], error=False)
    try:
        return Agreement.model_validate(
            {
                "id": f"ieadb-{number}",
                "title": title,
                "kind": "environmental_agreement",
                "parties": states,
                "signed": signed,
                "in_force": in_force,
                "status": "in_force" if in_force else "signed",
                "sources": [SOURCE.id],
            }
        )
    except ValidationError as error:
        return Skip(line, "invalid agreement", describe(error))


def _date(text: str) -> PartialDate | None:
    """``YYYY-MM-DD`` with ``00`` for what is unknown; empty or ``0000``: no date."""
    text = text.strip()
    if not text:
        return None
    match = _DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date like 1992-06-05")
    year, month, day = (int(part) for part in match.groups())
    if not year:
        return None
    return PartialDate(year, month or None, (day or None) if month else None)


def _year(text: str) -> PartialDate | None:
    text = text.strip()
    if not text.isdigit() or not int(text):
        return None
    return PartialDate(int(text))


def _place(row: dict[str, str]) -> Place | None:
    lineage = row.get("Lineage", "").strip()
    match = _SEQUENCE.fullmatch(row.get("Sequence in lineage", "").strip())
    if not lineage or lineage == "Not Yet Assigned" or not match:
        return None
    return lineage, int(match[1]), int(match[2])


def _base(place: Place) -> Place | None:
    """What an agreement at ``place`` changes: an amendment its agreement or protocol, a protocol
    its agreement; an agreement (a whole hundred) nothing."""
    lineage, whole, thousandths = place
    if thousandths:
        return lineage, whole, 0
    if whole % 100:
        return lineage, whole - whole % 100, 0
    return None


IEADB = Importer("ieadb", "IEADB environmental agreements (CSV)", SOURCE, read_ieadb)
