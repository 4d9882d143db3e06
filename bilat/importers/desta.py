"""DESTA (Design of Trade Agreements) dyads: trade agreements with their parties, signed and in force.

The file is Windows-1252 with CRLF line ends and ISO 3166 numeric codes. Plurilateral agreements are
listed once per member pair; rows of the same agreement number are gathered into one agreement with
every party. Accessions are agreements of their own that point to their base treaty.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.entities import Source
from bilat.model.facts import Agreement
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "desta-2-01",
        "kind": "dataset",
        "title": "DESTA list of treaties, dyadic version 02_01 (Dür, Baccini and Elsig 2014)",
        "publisher": "Design of Trade Agreements (DESTA) project",
        "url": "https://www.designoftradeagreements.org/",
    }
)
KINDS = {"base_treaty": "trade_agreement", "consolidated": "trade_agreement", "accession": "accession"}


@dataclass
class _Treaty:
    row: int
    number: str
    name: str
    kind: str
    base: str
    signed: int
    in_force: int | None
    parties: set[str] = field(default_factory=set)


def read_desta(path: Path, register: Register, encoding: str = "cp1252") -> Iterator[Outcome]:
    """Dyad rows gathered into one agreement per DESTA number."""
    treaties: dict[str, _Treaty] = {}
    columns = ("iso1", "iso2", "number", "base_treaty", "name", "entry_type", "year", "entryforceyear")
    for line, row in delimited_rows(path, encoding, required=columns, dataset="DESTA dyads"):
        assert isinstance(row, dict)
        try:
            number, year = row["number"].strip(), int(row["year"])
            in_force = row["entryforceyear"].strip()
            kind = KINDS[row["entry_type"]]
        except (KeyError, ValueError) as error:
            yield line, Skip(line, "unreadable number, year or entry type", repr(error))
            continue
        parties = []
        for column in ("iso1", "iso2"):
            country = register.by_iso_numeric(row[column], year) if row[column].strip().isdigit() else None
            if country is None and row[column].strip() == "900":
                country = register.countries.get("XK")  # DESTA's own code for Kosovo
            if country is None:
                break
            parties.append(country.code)
        else:
            treaty = treaties.setdefault(
                number,
                _Treaty(
                    line,
                    number,
                    row["name"].strip(),
                    kind,
                    row["base_treaty"].strip(),
                    year,
                    int(in_force) if in_force.isdigit() else None,
                ),
            )
            treaty.parties.update(parties)
            yield line, []
            continue
        yield (
            line,
            Skip(
                line,
                "unknown ISO numeric code",
                f"{row[column]!r} ({row.get(column.replace('iso', 'country'))})",
            ),
        )
    for treaty in sorted(treaties.values(), key=lambda t: t.row):
        try:
            yield 0, [_agreement(treaty, treaties)]
        except ValidationError as error:
            yield 0, Skip(treaty.row, "invalid agreement", describe(error))


def agreement_id(number: str) -> str:
    """The agreement id of a DESTA number; accession numbers such as ``3+1`` become ``3plus1``."""
    return "desta-" + number.lower().replace("+", "plus")


def _agreement(treaty: _Treaty, treaties: dict[str, _Treaty]) -> Agreement:
    known_base = treaty.base and treaty.base != treaty.number and treaty.base in treaties
    return Agreement.model_validate(
        {
            "id": agreement_id(treaty.number),
            "title": treaty.name,
            "kind": treaty.kind,
            "parties": sorted(treaty.parties),
            "signed": treaty.signed,
            "in_force": treaty.in_force,
            "status": "in_force" if treaty.in_force else "signed",
            "base_agreement": agreement_id(treaty.base) if known_base else None,
            "sources": [SOURCE.id],
        }
    )


DESTA = Importer("desta", "DESTA trade agreement dyads (cp1252 CSV)", SOURCE, read_desta, "cp1252")
