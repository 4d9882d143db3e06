"""The Wikidata-derived database of embassies: one diplomatic mission per row.

Semicolon-separated UTF-8, QIDs as full entity URIs. Operators and hosts are resolved by QID; rows
whose operator is not a state in the register (an international organisation, a sub-national
government) are skipped. The host is the first state the mission is accredited to (an embassy to the
Holy See stands in Rome), else the country it stands in. Wikidata stores year-precision dates as
January 1st; such a date is read as the year alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.entities import Source
from bilat.model.facts import DiplomaticMission
from bilat.model.fields import describe
from bilat.model.vocab import MissionKind
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "database-of-embassies-2022-11-16",
        "kind": "dataset",
        "title": "Database of embassies and consulates (generated from Wikidata, CC0)",
        "publisher": "database-of-embassies project",
        "published": "2022-11-16",
        "url": "https://github.com/database-of-embassies/database-of-embassies",
    }
)
KINDS = (
    ("de facto embassy", MissionKind.DE_FACTO_EMBASSY),
    ("high commission", MissionKind.HIGH_COMMISSION),
    ("nunciature", MissionKind.APOSTOLIC_NUNCIATURE),
    ("apostolic delegation", MissionKind.APOSTOLIC_NUNCIATURE),
    ("honorary", MissionKind.HONORARY_CONSULATE),
    ("consulate general", MissionKind.CONSULATE_GENERAL),
    ("consul", MissionKind.CONSULATE),
    ("permanent mission", MissionKind.PERMANENT_MISSION),
    ("liaison office", MissionKind.LIAISON_OFFICE),
    ("embassy", MissionKind.EMBASSY),
)
"""Wikidata mission types, matched in this order by the words they contain; others are ``other``."""
_QID = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T00:00:00Z$")


def read_embassies(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One mission per row."""
    columns = ("QID", "operatorQID", "jurisdictionQIDs", "countryQID", "type")
    for line, row in delimited_rows(path, encoding, ";", required=columns, dataset="database of embassies"):
        assert isinstance(row, dict)
        sending = _country(row.get("operatorQID", ""), register)
        accredited = [_country(uri, register) for uri in row.get("jurisdictionQIDs", "").split("|")]
        host = next((c for c in accredited if c is not None), None) or _country(
            row.get("countryQID", ""), register
        )
        if sending is None:
            yield line, Skip(line, "operator is not a state", row.get("operator", ""), error=False)
            continue
        if host is None:
            yield line, Skip(line, "host is not a state", row.get("country", ""), error=False)
            continue
        if sending.code == host.code:
            yield (
                line,
                Skip(
                    line,
                    "mission in its own state",
                    f"{row.get('operator')} in {row.get('city')}",
                    error=False,
                ),
            )
            continue
        label = row.get("type", "").strip().lower()
        kind = next((kind for words, kind in KINDS if words in label), MissionKind.OTHER)
        qid = _QID.match(row.get("QID", "").strip())
        city = row.get("city", "").strip() or None
        try:
            mission = DiplomaticMission.model_validate(
                {
                    "sending": sending.code,
                    "host": host.code,
                    "kind": kind,
                    "city": city,
                    "name": _name(kind, sending.name, host.name, city),
                    "opened": _date(row.get("creation", "").strip()),
                    "wikidata": qid.group(1) if qid else None,
                    "sources": [SOURCE.id],
                }
            )
        except ValidationError as error:
            yield line, Skip(line, "invalid mission", describe(error))
            continue
        yield line, [mission]


def _country(uri: str, register: Register):  # type: ignore[no-untyped-def]
    match = _QID.match(uri.strip())
    return register.by_wikidata(match.group(1)) if match else None


def _date(text: str) -> str | None:
    match = _DATE.match(text)
    if not match:
        return None
    year, month, day = match.groups()
    return year if (month, day) == ("01", "01") else f"{year}-{month}-{day}"


def _name(kind: MissionKind, sending: str, host: str, city: str | None) -> str:
    label = kind.value.replace("_", " ").capitalize()
    return f"{label} of {sending} in {city or host}"


EMBASSIES = Importer(
    "embassies", "database of embassies (semicolon CSV from Wikidata)", SOURCE, read_embassies
)
