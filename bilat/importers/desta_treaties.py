"""DESTA's list of treaties, one row per treaty (semicolon CSV): trade agreements with all their members.

Members are ISO 3166 numeric codes in columns ``c1`` ... ``c91`` (``NA`` when empty), read with the
signature year (a code of a state not yet founded stands for the state before it: 643 in 1960 is the
USSR); the columns after them are not read. An accession, a protocol or amendment,
and a consolidated text are agreements of their own that point to their base treaty, when that is
imported too. Agreements still in negotiation were not signed, and a withdrawal is no agreement; both
are skipped. DESTA numbers are the same as in its dyadic version (``importers.desta``), so a treaty
keeps one IRI whichever of the two files it comes from. The data is free for research with citation,
not for redistribution, so it is an importer only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.importers.desta import agreement_id
from bilat.importers.standing import Standing
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import Agreement
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "desta-treaties",
        "kind": "dataset",
        "title": "DESTA list of treaties, treaty level (Dür, Baccini and Elsig 2014), as distributed "
        "by the manytreaties package",
        "publisher": "Design of Trade Agreements (DESTA) project",
        "url": "https://www.designoftradeagreements.org/",
    }
)
COLUMNS = ("number", "base_treaty", "name", "entry_type", "year", "entryforceyear", "c1")
KINDS = {
    "base_treaty": "trade_agreement",
    "consolidated": "trade_agreement",
    "protocol or amendment": "trade_agreement",
    "accession": "accession",
}
OUT_OF_SCOPE = {
    "negotiation": "not signed: still in negotiation",
    "withdrawal": "a withdrawal, not an agreement",
}
KOSOVO = "900"
"""DESTA's own code for Kosovo, which has no ISO numeric code."""


def read_desta_treaties(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One agreement per signed treaty; then each linked to its base treaty where that was made."""
    standing = Standing(register)
    read: list[tuple[int, Agreement | Skip, str]] = []
    for line, row in delimited_rows(path, encoding, ";", required=COLUMNS, dataset="DESTA treaty list"):
        assert isinstance(row, dict)
        read.append((line, _agreement(line, row, standing), row["base_treaty"].strip()))
    made = {found.id for _, found, _ in read if isinstance(found, Agreement)}
    for line, found, base in read:
        if isinstance(found, Agreement):
            base_id = agreement_id(base) if base else ""
            if base_id != found.id and base_id in made:
                found = found.model_copy(update={"base_agreement": base_id})
            yield line, [found]
        else:
            yield line, found


def _agreement(line: int, row: dict[str, str], standing: Standing) -> Agreement | Skip:
    entry = row["entry_type"].strip()
    if entry in OUT_OF_SCOPE:
        return Skip(line, OUT_OF_SCOPE[entry], row["name"].strip()[:120], error=False)
    if entry not in KINDS:
        return Skip(line, "unknown entry type", repr(entry))
    number, year, in_force = row["number"].strip(), row["year"].strip(), row["entryforceyear"].strip()
    if not number or not year.isdigit() or not (in_force.isdigit() or in_force in ("", "NA")):
        return Skip(line, "unreadable number or year", f"{number!r}, {year!r}, {in_force!r}")
    parties = set()
    register = standing.register
    for column, code in _members(row):
        country = register.by_iso_numeric(code, int(year))
        if country is None and code == KOSOVO:
            country = register.countries.get("XK")
        if country is None:
            return Skip(line, "unknown ISO numeric code", f"{column} = {code!r} in {year}")
        parties.add((standing.on(country, PartialDate(int(year))) or country).code)
    if len(parties) < 2:
        return Skip(line, "fewer than two members", ", ".join(sorted(parties)) or "none")
    try:
        return Agreement.model_validate(
            {
                "id": agreement_id(number),
                "title": row["name"].strip(),
                "kind": KINDS[entry],
                "parties": sorted(parties),
                "signed": int(year),
                "in_force": int(in_force) if in_force.isdigit() else None,
                "status": "in_force" if in_force.isdigit() else "signed",
                "sources": [SOURCE.id],
            }
        )
    except ValidationError as error:
        return Skip(line, "invalid agreement", describe(error))


def _members(row: dict[str, str]) -> Iterator[tuple[str, str]]:
    """The member columns ``c1``, ``c2`` ... with a value, in order."""
    number = 1
    while f"c{number}" in row:
        code = (row[f"c{number}"] or "").strip()
        if code and code != "NA":
            yield f"c{number}", code
        number += 1


DESTA_TREATIES = Importer(
    "desta-treaties",
    "DESTA list of treaties, treaty level (semicolon CSV)",
    SOURCE,
    read_desta_treaties,
)
