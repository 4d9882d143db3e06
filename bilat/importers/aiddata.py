"""AidData's China Public Diplomacy Dashboard Dataset, Version 2.0 (ODC-By 1.0): what China did in 39
states of Asia and the Pacific, 2000-2018.

``ChinesePublicDiplomacy.csv`` has a row per partner (by English name) and year with counts of one kind
of public diplomacy each; every figure becomes a reported count of the pair China-partner for that year.
``"N/A"`` means not reported, which is not zero, so it makes no count. ``total_elite_visits`` is left out:
it is ``government_visits`` plus ``military_visits`` with ``N/A`` taken as zero (the importer checks
that it is). ``journalist_visits`` is kept as given, though for the 13 states of South and Central Asia
it never falls from one year to the next, as a running total would not.

``ChineseFinancialPublicDiplomacyProjectDetails.csv`` has a row per Chinese official finance project
(grants, loans, export credits, debt relief) with its year of commitment: each becomes an aid event
from China to the recipient in that year, titled as AidData titles it, its flow, category, status and
amount in current US dollars in the description. AidData's long narrative of each project, with its
staff notes, is left in the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pydantic import ValidationError

from bilat.errors import UnknownCountryError
from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.base import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Country, Source
from bilat.model.facts import Event, ReportedCount
from bilat.model.fields import describe
from bilat.register import Register, readable_name

SOURCE = Source.model_validate(
    {
        "id": "aiddata-china-public-diplomacy-2-0",
        "kind": "dataset",
        "title": "China's Public Diplomacy Dashboard Dataset, Version 2.0: country-year measures and the "
        "financial diplomacy project details (ODC-By 1.0)",
        "publisher": "AidData at William & Mary",
        "author": "Samantha Custer et al.",
        "url": "https://www.aiddata.org/china-public-diplomacy",
        "language": "en",
    }
)
CHINA = "CN"
NOT_REPORTED = "N/A"
COUNTED = {
    "confucius_institutes": "Confucius Institutes opened in the year",
    "sister_cities_established": "sister-city ties established in the year",
    "government_visits": "government visits in the year",
    "military_visits": "military visits in the year",
    "ambassador_op_eds": "op-eds by the Chinese ambassador in the year",
    "journalist_visits": "journalist visits (AidData's yearly figure)",
    "media_partnerships": "media partnerships in the year",
    "outbound_chinese_students": "Chinese students in {partner}",
    "inbound_students_to_china": "students from {partner} in China",
}
"""Each column read, and what its figure counts."""
COUNT_COLUMNS = ("receiving_country", "year", "total_elite_visits", *COUNTED)
PROJECT_COLUMNS = (
    "project_id",
    "year",
    "title",
    "flow",
    "flow_class",
    "category",
    "crs_sector_name",
    "status",
    "usd_current",
    "recipient_iso3",
    "recipient_iso2",
    "year_uncertain",
)


def read_counts(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A row per partner and year: one count per figure reported."""
    for line, row in delimited_rows(
        path, encoding, required=COUNT_COLUMNS, dataset="AidData ChinesePublicDiplomacy"
    ):
        assert isinstance(row, dict)
        yield line, _count_row(line, row, register)


def _count_row(line: int, row: dict[str, str], register: Register) -> list[Record] | Skip:
    name = row["receiving_country"].strip()
    try:
        partner = register.resolve(name)
    except UnknownCountryError as error:
        return Skip(line, "partner not in the register", str(error))
    try:
        year = int(row["year"])
        figures = {column: _figure(row[column]) for column in (*COUNTED, "total_elite_visits")}
    except ValueError as error:
        return Skip(line, "unreadable year or count", str(error))
    government, military = figures["government_visits"], figures["military_visits"]
    total = figures.pop("total_elite_visits")
    if total is not None and total != (government or 0) + (military or 0):
        detail = f"{name} {year}: {total} elite visits, {government} government, {military} military"
        return Skip(line, "total_elite_visits is not government_visits plus military_visits", detail)
    reported = {column: count for column, count in figures.items() if count is not None}
    if not reported:
        return Skip(line, "nothing reported that year", f"{name} {year}", error=False)
    try:
        return [_count(partner, year, column, count) for column, count in reported.items()]
    except ValidationError as error:
        return Skip(line, "invalid count", describe(error))


def _figure(text: str) -> int | None:
    text = text.strip()
    if text == NOT_REPORTED:
        return None
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"{text!r} is neither a count nor {NOT_REPORTED}")
    return int(text)


def _count(partner: Country, year: int, column: str, count: int) -> ReportedCount:
    return ReportedCount.model_validate(
        {
            "countries": sorted([CHINA, partner.code]),
            "counted": COUNTED[column].format(partner=readable_name(partner)),
            "count": count,
            "as_of": PartialDate(year),
            "sources": [SOURCE.id],
        }
    )


def read_projects(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """A row per project: an aid event from China to the recipient in the year of commitment."""
    for line, row in delimited_rows(
        path, encoding, required=PROJECT_COLUMNS, dataset="AidData financial public diplomacy project"
    ):
        assert isinstance(row, dict)
        yield line, _project_row(line, row, register)


def _project_row(line: int, row: dict[str, str], register: Register) -> list[Record] | Skip:
    iso3, iso2 = row["recipient_iso3"].strip(), row["recipient_iso2"].strip()
    recipient = register.by_alpha3(iso3) if iso3 else None
    if recipient is None:
        return Skip(line, "recipient not in the register", f"{iso3} / {iso2}")
    if iso2 and iso2.upper() != recipient.code:
        return Skip(line, "the recipient's ISO codes disagree", f"{iso3} is {recipient.code}, not {iso2}")
    number, title = row["project_id"].strip(), row["title"].strip()
    if not (number.isascii() and number.isdigit()):
        return Skip(line, "unreadable project id", number)
    try:
        year = PartialDate(int(row["year"]))
        amount = _dollars(row["usd_current"])
    except ValueError as error:
        return Skip(line, "unreadable year or amount", str(error))
    try:
        return [
            Event.model_validate(
                {
                    "id": f"aiddata-pd-{number}",
                    "kind": "aid",
                    "date": year,
                    "title": title or None,
                    "description": _description(row, number, amount),
                    "countries": sorted([CHINA, recipient.code]),
                    "source_country": CHINA,
                    "target_country": recipient.code,
                    "sources": [SOURCE.id],
                }
            )
        ]
    except ValidationError as error:
        return Skip(line, "invalid event", describe(error))


def _dollars(text: str) -> Decimal | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"usd_current {text!r} is not an amount") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"usd_current {text!r} is not an amount")
    return value


def _description(row: dict[str, str], number: str, amount: Decimal | None) -> str:
    """What the project was, in AidData's words: flow, category, sector, status, amount."""
    parts = [
        f"AidData project {number}",
        f"{row['flow'].strip()} ({row['flow_class'].strip()})",
        row["category"].strip(),
        f"sector: {row['crs_sector_name'].strip()}" if row["crs_sector_name"].strip() else "",
        f"status: {row['status'].strip()}",
        f"USD {amount:,.2f} (current)" if amount is not None else "amount not given",
        "year uncertain" if row["year_uncertain"].strip() == "true" else "",
    ]
    return "; ".join(part for part in parts if part and part != " ()")


AIDDATA_DIPLOMACY = Importer(
    "aiddata-diplomacy",
    "China's public diplomacy by partner and year (AidData ChinesePublicDiplomacy.csv)",
    SOURCE,
    read_counts,
)
AIDDATA_PROJECTS = Importer(
    "aiddata-projects",
    "China's financial public diplomacy projects (AidData ChineseFinancialPublicDiplomacyProjectDetails.csv)",
    SOURCE,
    read_projects,
)
