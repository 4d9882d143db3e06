"""UNCTAD's bilateral investment treaties (the IIA Navigator, as scraped in January 2020).

One row per treaty: its parties by UNCTAD's country names (``"Afghanistan; Azerbaijan;"``), its dates
as Stata strings (``01dec2017``), its status (signed, in force, terminated). UNCTAD's data carries no
open licence, so it is an importer only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from bilat.errors import UnknownCountryError
from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.base import slug
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import Agreement
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "unctad-iia-bits",
        "kind": "dataset",
        "title": "UNCTAD International Investment Agreements Navigator: bilateral investment treaties",
        "publisher": "United Nations Conference on Trade and Development",
        "url": "https://investmentpolicy.unctad.org/international-investment-agreements",
    }
)
COLUMNS = ("Shorttitle", "Parties", "Status", "Dateofsignature", "Dateofentryintoforce", "Dateoftermination")
STATUS = {"signed": "signed", "in force": "in_force", "terminated": "terminated"}
_STATA_DATE = re.compile(r"\d{2}[a-z]{3}\d{4}")
NAMES = {
    "BLEU (Belgium-Luxembourg Economic Union)": ("Belgium", "Luxembourg"),
    "Korea, Dem. People's Rep. of": ("North Korea",),
    "Congo, Democratic Republic of the": ("CD",),
    "Hong Kong, China SAR": ("Hong Kong",),
    "Macao, China SAR": ("Macao",),
    "Yugoslavia (former)": ("Yugoslavia",),
}
"""UNCTAD's names that the register does not know, as names or codes it does: a treaty of the
Belgium-Luxembourg Economic Union binds both its states."""


def read_unctad(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One investment treaty per row, its parties resolved by name."""
    for line, row in delimited_rows(path, encoding, required=COLUMNS, dataset="UNCTAD BIT"):
        assert isinstance(row, dict)
        status = STATUS.get(row["Status"].strip().lower())
        if status is None:
            yield line, Skip(line, "not signed, in force or terminated", row["Status"].strip(), error=False)
            continue
        try:
            signed, in_force, ended = (_date(row[c]) for c in COLUMNS[3:])
        except ValueError as error:
            yield line, Skip(line, "unreadable date", str(error))
            continue
        given = [name.strip() for name in row["Parties"].split(";") if name.strip()]
        names = [known for name in given for known in NAMES.get(name, (name,))]
        try:
            parties = sorted({register.resolve(name).code for name in names})
        except UnknownCountryError as error:
            yield line, Skip(line, "party not in the register", str(error))
            continue
        title = row["Shorttitle"].strip() or row.get("Titleofagreement", "").strip()
        try:
            yield line, [_agreement(title, parties, signed, in_force, ended, status)]
        except ValidationError as error:
            yield line, Skip(line, "invalid treaty", describe(error))


def _date(text: str) -> PartialDate | None:
    """A Stata date string such as ``01dec2017``; empty: unknown."""
    text = text.strip().lower()
    if not text:
        return None
    if not _STATA_DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date like 01dec2017")
    day = datetime.strptime(text, "%d%b%Y").date()
    return PartialDate(day.year, day.month, day.day)


def _agreement(
    title: str,
    parties: list[str],
    signed: PartialDate | None,
    in_force: PartialDate | None,
    ended: PartialDate | None,
    status: str,
) -> Agreement:
    when = str(signed.year) if signed else "undated"
    name = slug(title)[:40].strip("-") or "bit"
    return Agreement.model_validate(
        {
            "id": f"bit-{'-'.join(p.lower() for p in parties)}-{when}-{name}",
            "title": title,
            "kind": "investment_treaty",
            "parties": parties,
            "signed": signed,
            "in_force": in_force,
            "ended": ended,
            "status": status,
            "sources": [SOURCE.id],
        }
    )


UNCTAD_BITS = Importer("unctad-bits", "UNCTAD bilateral investment treaties (CSV)", SOURCE, read_unctad)
