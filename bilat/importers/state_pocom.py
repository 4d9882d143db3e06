"""The Office of the Historian's Principal Officers and Chiefs of Mission (HistoryAtState/pocom): one
file per country (``missions-countries/<id>.xml``), one US chief of mission per row.

Each chief becomes a post holding, with its appointment, start and end as the file gives them (a
day, a month or a year; an empty date is unknown, an open end not yet known to have ended), of a post
such as "Ambassador of the United States to France" whose country is the state the mission's country
id stood for on the day the chief started (the Russian Empire in 1809, the USSR in 1933). The chief's
name is read from the ``people`` folder beside ``missions-countries``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip
from bilat.importers.statexml import (
    US,
    Crosswalk,
    bundled_crosswalk,
    child_text,
    dataset_source,
    elements,
    partial_date,
)
from bilat.model.base import slug
from bilat.model.entities import Person, Post
from bilat.model.facts import PostHolding
from bilat.model.fields import describe
from bilat.register import Register, readable_name

SOURCE = dataset_source(
    "pocom", "Principal Officers and Chiefs of Mission of the US Department of State", "pocom", "44d2226d"
)
ROLES = {
    "ambassador-e-p": "Ambassador",
    "envoy-extraordinary-minister-plenipotentiary": "Envoy Extraordinary and Minister Plenipotentiary",
    "envoy-extraordinary-minister-plenipotentiary-consul-general": (
        "Envoy Extraordinary and Minister Plenipotentiary and Consul General"
    ),
    "charge-daffaires-ad-interim": "Chargé d'Affaires ad interim",
    "charge-daffaires": "Chargé d'Affaires",
    "charge-daffaires-pro-tem": "Chargé d'Affaires pro tem",
    "charge-daffaires-consul-general": "Chargé d'Affaires and Consul General",
    "minister-resident": "Minister Resident",
    "minister-resident-consul-general": "Minister Resident and Consul General",
    "minister-resident-and-extraordinary": "Minister Resident and Extraordinary",
    "minister-resident-foreign-service-officer": "Minister Resident",
    "minister-plenipotentiary": "Minister Plenipotentiary",
    "diplomatic-agent-consul-general": "Diplomatic Agent and Consul General",
    "agent-consul-general": "Agent and Consul General",
    "commissioner-consul-general": "Commissioner and Consul General",
    "personal-representative-of-the-president": "Personal Representative of the President",
}
"""The State Department's role ids, as a post title says them; others are their words capitalised."""


def read_pocom(
    path: Path, register: Register, encoding: str = "utf-8", crosswalk: Crosswalk | None = None
) -> Iterator[Outcome]:
    """One chief of mission per row: the person, the post and the holding."""
    crosswalk = crosswalk or bundled_crosswalk()
    people = path.parent.parent / "people"
    mission = path.stem
    for line, chief in elements(path, _is_chief):
        person_id = child_text(chief, "person-id")
        territory = child_text(chief, "contemporary-territory-id") or mission
        try:
            appointed, start, end = (partial_date(child_text(chief, f"{name}/date")) for name in _DATES)
        except ValueError as error:
            yield line, Skip(line, "unreadable date", f"{child_text(chief, 'id')}: {error}")
            continue
        country, reason, detail = crosswalk.country(territory, start or appointed or end)
        if country is None:
            yield line, Skip(line, reason, f"{detail} ({child_text(chief, 'id')})")
            continue
        person = _person(people, person_id)
        if person is None:
            yield line, Skip(line, "person not in the people files", f"{person_id} at {people}")
            continue
        role = child_text(chief, "role-title-id")
        try:
            post = _post(role, country, register)
            holding = PostHolding.model_validate(
                {
                    "person": person.id,
                    "post": post.id,
                    "appointed": appointed,
                    "start": start,
                    "end": end,
                    "sources": [SOURCE.id],
                }
            )
        except ValidationError as error:
            yield line, Skip(line, "invalid holding", f"{child_text(chief, 'id')}: {describe(error)}")
            continue
        yield line, [person, post, holding]


_DATES = ("appointed", "started", "ended")


def _is_chief(tag: str, attributes: dict[str, str]) -> bool:
    return tag == "chief"


def _person(folder: Path, id: str) -> Person | None:
    """The person of the people file ``<folder>/<first letter>/<id>.xml``."""
    path = folder / id[:1] / f"{id}.xml"
    if not id or not path.is_file():
        return None
    for _, element in elements(path, lambda tag, _: tag == "persName"):
        return Person.model_validate(
            {"id": id, "name": _name(element), "country": US, "sources": [SOURCE.id]}
        )
    return None


def _name(element: ET.Element) -> str:
    parts = (child_text(element, part) for part in ("forename", "surname"))
    name = " ".join(part for part in parts if part)
    generation = child_text(element, "genName")
    return f"{name}, {generation}" if generation else name


def _post(role: str, country: str, register: Register) -> Post:
    title = ROLES.get(role) or role.replace("-", " ").title()
    state = register.countries.get(country)
    name = readable_name(state) if state else country
    return Post.model_validate(
        {
            "id": f"us-{slug(title)}-to-{country.lower()}",
            "title": f"{title} of the United States to {name}",
            "country": US,
            "sources": [SOURCE.id],
        }
    )


STATE_POCOM = Importer(
    "state-pocom",
    "US chiefs of mission (Office of the Historian, missions-countries/*.xml with people/ beside)",
    SOURCE,
    read_pocom,
)
