"""kdiplo (Kadir Jun Ayhan, MIT licence): the diplomatic ties of South and North Korea with every state by
year (``diplo_ties_data.csv``); South Korea's trade, the same dataset's other file, is ``kdiplo_trade``.

The file has a row per Korea, partner and year (1948-2025) that repeats the pair's years of
establishment, cut and re-establishment (``date``, ``cut_date``, ``reestablish_date``: years, or the
string ``NA``) beside the year's ``diplomatic_ties`` (1 or 0). The rows of a pair are collapsed into its
relation and the events that changed it, each at the precision of a year; every row's ``diplomatic_ties``
is checked against those years, and a row that contradicts them, or a pair whose rows disagree on them,
is reported rather than mended. Rows that give no year of establishment (before the partner's
independence, when the file leaves its codes ``NA`` too, or for a pair that never had relations) say
nothing to record. A partner whose dates fall outside its own existence in the register (``RUS`` in
1948, which was the USSR) is reported, not moved to a predecessor: the file does not say which one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.base import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Country, Source
from bilat.model.facts import BilateralRelation, Event
from bilat.model.fields import describe
from bilat.model.vocab import EventKind, RelationStatus
from bilat.register import Register, readable_name

REPOSITORY = "https://github.com/kjayhan/kdiplo/tree/effe9591/data-raw"
LICENCE = "MIT licence, © 2025 Kadir Jun Ayhan"
KOREAS = {"South Korea": "KR", "North Korea": "KP"}
MISSING = "NA"


def dataset_source(key: str, title: str, updated: str) -> Source:
    """The record of one of kdiplo's files, at the commit read, with the day its data was updated."""
    return Source.model_validate(
        {
            "id": f"kdiplo-{key}",
            "kind": "dataset",
            "title": f"kdiplo: {title} ({LICENCE})",
            "publisher": "Kadir Jun Ayhan",
            "published": updated,
            "url": REPOSITORY,
        }
    )


SOURCE = dataset_source(
    "ties",
    "diplomatic ties of South and North Korea by partner and year, from the Korean Ministry of Foreign "
    "Affairs (diplo_ties_data.csv)",
    "2025-06-16",
)
COLUMNS = (
    "iso3c",
    "iso2c",
    "south_north",
    "year",
    "diplomatic_ties",
    "date",
    "cut_date",
    "reestablish_date",
)


@dataclass(frozen=True)
class Dates:
    """The years a pair's relations were established, cut and re-established, as a row gives them."""

    established: int
    cut: int | None
    restored: int | None

    def ties(self, year: int) -> bool:
        """Whether the pair had relations in ``year``: from the year of establishment to the year of the
        cut, and again from the year of re-establishment."""
        if year < self.established:
            return False
        return self.cut is None or year <= self.cut or (self.restored is not None and year >= self.restored)

    def __str__(self) -> str:
        cut, restored = self.cut or MISSING, self.restored or MISSING
        return f"established {self.established}, cut {cut}, re-established {restored}"


def read_ties(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A row per Korea, partner and year; each pair's relation and events at the end."""
    pairs: dict[tuple[str, str], set[Dates]] = {}
    for line, row in delimited_rows(path, encoding, required=COLUMNS, dataset="kdiplo diplo_ties_data"):
        assert isinstance(row, dict)
        outcome = _tie_row(line, row, register)
        if isinstance(outcome, tuple):
            pairs.setdefault(outcome[0], set()).add(outcome[1])
            yield line, []
        else:
            yield line, outcome
    for (korea, other), found in sorted(pairs.items()):
        if len(found) > 1:
            detail = f"{korea}-{other}: " + "; ".join(sorted(map(str, found)))
            yield 0, Skip(0, "the pair's rows disagree on the years", detail)
            continue
        try:
            yield 0, _history(register.countries[korea], register.countries[other], found.pop())
        except ValidationError as error:
            yield 0, Skip(0, "invalid relation or event", f"{korea}-{other}: {describe(error)}")


def _tie_row(line: int, row: dict[str, str], register: Register) -> tuple[tuple[str, str], Dates] | Skip:
    """The pair and its years, or why the row gives none."""
    korea = KOREAS.get(row["south_north"].strip())
    if korea is None:
        return Skip(line, "neither South nor North Korea", row["south_north"])
    try:
        year = year_of(row, "year")
        established, cut, restored = (
            _year_or_missing(row, c) for c in ("date", "cut_date", "reestablish_date")
        )
    except ValueError as error:
        return Skip(line, "unreadable year", str(error))
    flag = row["diplomatic_ties"].strip()
    if flag not in ("0", "1"):
        return Skip(line, "diplomatic_ties is neither 0 nor 1", flag)
    if established is None:
        if flag == "1" or cut or restored:
            return Skip(line, "ties, a cut or a re-establishment without a year of establishment", _said(row))
        return Skip(line, "no relations that year and no year of establishment", error=False)
    problem = _order(established, cut, restored)
    if problem:
        return Skip(line, problem, _said(row))
    dates = Dates(established, cut, restored)
    if dates.ties(year) != (flag == "1"):
        return Skip(line, "the year's diplomatic_ties contradicts the pair's years", f"{year}: {_said(row)}")
    country = partner(row["iso3c"], row["iso2c"], register)
    if country is None:
        return Skip(line, "partner not in the register", f"{row['iso3c']} / {row['iso2c']}")
    beyond = outside(country, [y for y in (established, cut, restored) if y])
    if beyond:
        return Skip(line, "dated outside the partner's existence", beyond)
    return (korea, country.code), dates


def _order(established: int, cut: int | None, restored: int | None) -> str | None:
    if cut is not None and cut < established:
        return "cut before it was established"
    if restored is not None and cut is None:
        return "re-established but never cut"
    if restored is not None and cut is not None and restored < cut:
        return "re-established before it was cut"
    return None


def _said(row: dict[str, str]) -> str:
    names = ("south_north", "iso3c", "diplomatic_ties", "date", "cut_date", "reestablish_date")
    return ", ".join(f"{name} {row[name].strip()}" for name in names)


def year_of(row: dict[str, str], column: str) -> int:
    """The year in ``column``, four digits."""
    text = row[column].strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise ValueError(f"{column} {text!r} is not a year")
    return int(text)


def _year_or_missing(row: dict[str, str], column: str) -> int | None:
    return None if row[column].strip() == MISSING else year_of(row, column)


def partner(iso3: str, iso2: str, register: Register) -> Country | None:
    """The register's country for the row's codes: by alpha-3, else by alpha-2 (Kosovo's ``XKX`` is no
    ISO code, ``XK`` is the register's). ``NA`` is Namibia's alpha-2 code, not a missing one."""
    iso2 = iso2.strip().upper()
    return register.by_alpha3(iso3.strip()) or (register.countries.get(iso2) if iso2 else None)


def outside(country: Country, years: list[int]) -> str:
    """Why a year is outside the country's existence in the register, or ''."""
    for year in years:
        if country.founded and year < country.founded.year:
            return f"{year}, before {country.name} ({country.code}) existed (founded {country.founded})"
        if country.dissolved and year > country.dissolved.year:
            return f"{year}, after {country.name} ({country.code}) ended ({country.dissolved})"
    return ""


_CHANGES = (
    ("established", EventKind.RELATIONS_ESTABLISHED, "establish", "established"),
    ("cut", EventKind.RELATIONS_SEVERED, "cut", "cut"),
    ("restored", EventKind.RELATIONS_ESTABLISHED, "re-establish", "re-established"),
)


def _history(korea: Country, partner: Country, dates: Dates) -> list[Record]:
    """The pair's relation and the events that made and changed it."""
    countries = sorted([korea.code, partner.code])
    ended = dates.cut if dates.cut is not None and dates.restored is None else None
    records: list[Record] = [
        BilateralRelation.model_validate(
            {
                "countries": countries,
                "established": PartialDate(dates.established),
                "status": RelationStatus.SEVERED if ended else RelationStatus.ACTIVE,
                "ended": PartialDate(ended) if ended else None,
                "sources": [SOURCE.id],
            }
        )
    ]
    names = f"{readable_name(korea)} and {readable_name(partner)}"
    for field, kind, verb, done in _CHANGES:
        year = getattr(dates, field)
        if year is None:
            continue
        records.append(
            Event.model_validate(
                {
                    "id": f"kdiplo-{'-'.join(countries).lower()}-{year}-relations-{done}",
                    "kind": kind,
                    "date": PartialDate(year),
                    "title": f"{names} {verb} diplomatic relations",
                    "countries": countries,
                    "sources": [SOURCE.id],
                }
            )
        )
    return records


KDIPLO = Importer(
    "kdiplo",
    "South and North Korea's diplomatic ties by partner and year (kdiplo diplo_ties_data.csv)",
    SOURCE,
    read_ties,
)
