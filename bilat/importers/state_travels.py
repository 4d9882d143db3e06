"""The Office of the Historian's travels of Presidents and Secretaries of State abroad
(HistoryAtState/travels, one ``<trip>`` per row) and visits of foreign leaders to the United States
(HistoryAtState/visits, one ``<visit>`` per row), as visit events.

A trip is a visit of the United States (the traveller a participant) to the state the trip's country
id stood for on its first day, at its place; a visit is the visitor's state's visit to the United
States, with the visitor as a participant where the file names a leader by title and name. A trip
that repeats an earlier one under another id is left out as its duplicate.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip
from bilat.importers.statexml import (
    US,
    Crosswalk,
    bundled_crosswalk,
    child_attribute,
    child_text,
    dataset_source,
    elements,
    partial_date,
)
from bilat.model.base import Record, slug
from bilat.model.dates import PartialDate
from bilat.model.entities import Person
from bilat.model.facts import Event
from bilat.model.fields import describe
from bilat.model.vocab import EventKind
from bilat.register import Register

TRAVELS_SOURCE = dataset_source(
    "travels", "Travels of the President and the Secretary of State", "travels", "3170c773"
)
VISITS_SOURCE = dataset_source(
    "visits", "Visits by Foreign Leaders to the United States", "visits", "869ca4f0"
)
TRAVELLERS = {"president": "President", "secretary": "Secretary of State"}
TITLES = (
    "Crown Prince",
    "Prime Minister",
    "President",
    "Chancellor",
    "King",
    "Queen",
    "Emperor",
    "Empress",
    "Prince",
    "Princess",
    "Grand Duke",
    "Grand Duchess",
    "Sultan",
    "Emir",
    "Amir",
    "Shah",
    "Premier",
    "Taoiseach",
    "Foreign Minister",
    "Governor-General",
    "Sheikh",
    "General",
    "Chairman",
    "Vice President",
)
"""The titles a visitor's name may follow; a visitor under another title is not named as a person."""
_TITLED = re.compile(rf"^(?:{'|'.join(sorted(TITLES, key=len, reverse=True))}) (?P<name>[A-Z][^,;()]*)$")


def read_travels(
    path: Path, register: Register, encoding: str = "utf-8", crosswalk: Crosswalk | None = None
) -> Iterator[Outcome]:
    """One trip per row."""
    crosswalk = crosswalk or bundled_crosswalk()
    seen: dict[tuple[str, ...], str] = {}
    for line, trip in elements(path, lambda tag, _: tag == "trip"):
        number, role, who = child_text(trip, "id"), child_text(trip, "role"), trip.get("who", "")
        place_id = child_attribute(trip, "country", "id")
        content = tuple(child_text(trip, f) for f in ("name", "start-date", "end-date", "locale", "remarks"))
        earlier = seen.setdefault((who, place_id, *content), number)
        if earlier != number:
            yield (
                line,
                Skip(line, "duplicate of an earlier trip", f"trip {number} repeats trip {earlier}", False),
            )
            continue
        if role not in TRAVELLERS:
            yield (
                line,
                Skip(line, "not a trip of a President or Secretary of State", f"trip {number}: {role!r}"),
            )
            continue
        outcome = _visit(trip, place_id, crosswalk, line)
        if isinstance(outcome, Skip):
            yield line, outcome
            continue
        country, start, end = outcome
        name, locale = child_text(trip, "name"), child_text(trip, "locale")
        country_name = child_text(trip, "country")
        try:
            person = Person.model_validate(
                {"id": who, "name": name, "country": US, "sources": [TRAVELS_SOURCE.id]}
            )
            event = Event.model_validate(
                {
                    "id": f"state-{role}-trip-{number}",
                    "kind": EventKind.VISIT,
                    "date": start,
                    "end_date": end,
                    "title": f"{TRAVELLERS[role]} {name} in {locale or country_name}",
                    "description": child_text(trip, "remarks") or None,
                    "place": locale or None,
                    "place_country": country,
                    "countries": [US, country],
                    "source_country": US,
                    "target_country": country,
                    "participants": [who],
                    "sources": [TRAVELS_SOURCE.id],
                }
            )
        except ValidationError as error:
            yield line, Skip(line, "invalid trip", f"trip {number}: {describe(error)}")
            continue
        yield line, [person, event]


def read_visits(
    path: Path, register: Register, encoding: str = "utf-8", crosswalk: Crosswalk | None = None
) -> Iterator[Outcome]:
    """One visit of a foreign leader per row."""
    crosswalk = crosswalk or bundled_crosswalk()
    for line, visit in elements(path, lambda tag, _: tag == "visit"):
        number, visitor = child_text(visit, "id"), child_text(visit, "visitor")
        place_id = child_attribute(visit, "from", "id")
        outcome = _visit(visit, place_id, crosswalk, line)
        if isinstance(outcome, Skip):
            yield line, outcome
            continue
        country, start, end = outcome
        records: list[Record] = []
        titled = _TITLED.match(visitor)
        if titled and " and " not in visitor:
            name = titled["name"].strip()
            records.append(
                Person.model_validate(
                    {
                        "id": _person_key(country, name),
                        "name": name,
                        "country": country,
                        "sources": [VISITS_SOURCE.id],
                    }
                )
            )
        try:
            event = Event.model_validate(
                {
                    "id": f"state-visit-{number}",
                    "kind": EventKind.VISIT,
                    "date": start,
                    "end_date": end,
                    "title": f"{visitor} of {child_text(visit, 'from')} visits the United States",
                    "description": child_text(visit, "description") or None,
                    "place_country": US,
                    "countries": [US, country],
                    "source_country": country,
                    "target_country": US,
                    "participants": [r.key for r in records],
                    "sources": [VISITS_SOURCE.id],
                }
            )
        except ValidationError as error:
            yield line, Skip(line, "invalid visit", f"visit {number}: {describe(error)}")
            continue
        yield line, [*records, event]


def _person_key(country: str, name: str) -> str:
    """A visitor's key from the name as spelt. The files spell some names two ways ("Diaz Ordaz" and
    "Diaz-Ordaz", "Senghor" with and without accents), and one key for both would make records that
    disagree: a name of anything but plain letters and spaces gets a short hash of its spelling."""
    key = f"{country.lower()}-{slug(name)}"
    if re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)*", name):
        return key
    return f"{key}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def _visit(
    element: ET.Element, place_id: str, crosswalk: Crosswalk, line: int
) -> tuple[str, PartialDate, PartialDate | None] | Skip:
    """The other state, the first and the last day of a trip or visit, or why there are none."""
    number = child_text(element, "id")
    try:
        start = partial_date(child_text(element, "start-date"))
        end = partial_date(child_text(element, "end-date"))
    except ValueError as error:
        return Skip(line, "unreadable date", f"{number}: {error}")
    if start is None:
        return Skip(line, "no date", number)
    country, reason, detail = crosswalk.country(place_id, start)
    if country is None:
        return Skip(line, reason, f"{detail} (id {number})")
    if country == US:
        return Skip(line, "the United States itself", f"{place_id} (id {number})", error=False)
    return country, start, None if end == start else end


STATE_TRAVELS = Importer(
    "state-travels",
    "trips abroad of US Presidents and Secretaries of State (Office of the Historian, XML)",
    TRAVELS_SOURCE,
    read_travels,
)
STATE_VISITS = Importer(
    "state-visits",
    "visits of foreign leaders to the United States (Office of the Historian, XML)",
    VISITS_SOURCE,
    read_visits,
)
