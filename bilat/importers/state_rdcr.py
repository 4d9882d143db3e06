"""The Office of the Historian's guide to US recognition and diplomatic relations, by country
(HistoryAtState/rdcr): one TEI article per country, one timeline entry per row.

An entry's heading says what happened ("Diplomatic Relations Severed, 1961") and gives the year; the
day is read from its text, from the first sentence that speaks of it. Entries become events between
the United States and the state the article's country id stood for on that day (the Russian Empire in
1809, the USSR in 1933, Russia in 1991), each citing the article's page; the relations of each pair
(first established, then severed, suspended or resumed) are summed up at the end of the article.
Entries about consulates, treaties and the like are left out, each with its heading.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip
from bilat.importers.statexml import (
    HISTORIAN,
    US,
    Crosswalk,
    bundled_crosswalk,
    child_attribute,
    dataset_source,
    elements,
    text_of,
)
from bilat.model.base import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import BilateralRelation, Event
from bilat.model.fields import describe
from bilat.model.vocab import EventKind, RelationStatus
from bilat.register import Register

SOURCE = dataset_source(
    "rdcr",
    "A Guide to the United States' History of Recognition, Diplomatic, and Consular Relations, by Country",
    "rdcr",
    "f3c53549",
)
PAGE = "https://history.state.gov/countries/{}"

ESTABLISHED, RESUMED, SEVERED, SUSPENDED = "established", "resumed", "severed", "suspended"
_CHANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (SEVERED, re.compile(r"\bsever|cessation of (diplomatic )?relations|termination of diplomatic|break in")),
    (
        SUSPENDED,
        re.compile(r"relations (were )?interrupted|interruption of|suspension of (diplomatic|normal)"),
    ),
    (
        RESUMED,
        re.compile(
            r"relations (resumed|re-?established|restored)|resum\w* of (normal |diplomatic |full )*"
            r"(diplomatic )?relations|resumption of normal|re-?establish\w* of (diplomatic )?relations"
            r"|re-?opening of diplomatic"
        ),
    ),
    (
        ESTABLISHED,
        re.compile(
            r"establish\w*( of)? (diplomatic|ambassadorial) relations|diplomatic relations (established|and)"
        ),
    ),
)
_MISSION = re.compile(r"embassy|legation|diplomatic mission|interests section|liaison office")
_CLOSED = re.compile(r"clos|suspen|terminat|withdraw")
_OPENED = re.compile(r"raised|elevat|establish|open|return|resum")
_KIND_OF_CHANGE = {
    ESTABLISHED: EventKind.RELATIONS_ESTABLISHED,
    RESUMED: EventKind.RELATIONS_ESTABLISHED,
    SEVERED: EventKind.RELATIONS_SEVERED,
    SUSPENDED: EventKind.RELATIONS_SEVERED,
}
_WORDS = {
    EventKind.RELATIONS_ESTABLISHED: r"establish|resum|restor|credential|recogni",
    EventKind.RELATIONS_SEVERED: r"sever|broke|interrupt|suspend|terminat|ceas|withdr|break",
    EventKind.MISSION_OPENED: r"embass|legation|mission|section|office|opened|raised|elevat",
    EventKind.MISSION_CLOSED: r"embass|legation|mission|closed|suspend|withdr",
    EventKind.OTHER: r"recogni",
}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH = "|".join(_MONTHS)
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}}) ({_MONTH}),? (\d{{4}})\b")
_MONTH_FIRST = re.compile(rf"\b({_MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b")
_MONTH_ONLY = re.compile(rf"\b({_MONTH}),? (\d{{4}})\b")


@dataclass(frozen=True)
class Entry:
    """What one timeline entry says: its heading, year, text and what it records."""

    heading: str
    year: int | None
    text: str
    kinds: tuple[EventKind, ...]
    change: str | None


def read_rdcr(
    path: Path, register: Register, encoding: str = "utf-8", crosswalk: Crosswalk | None = None
) -> Iterator[Outcome]:
    """One timeline entry of a country's article per row; the pair's relations at the end."""
    crosswalk = crosswalk or bundled_crosswalk()
    slug = path.stem
    page: Source | None = None
    changes: dict[str, list[tuple[PartialDate, str]]] = {}
    keys: set[str] = set()
    for line, element in elements(path, _wanted):
        if element.tag == "title":
            page = _page(slug, text_of(element))
            continue
        page = page or _page(slug, slug)
        entry = _entry(element)
        if not entry.kinds:
            yield line, Skip(line, "not an entry on relations or missions", entry.heading, error=False)
            continue
        date = _date(entry)
        if date is None:
            yield line, Skip(line, "no date in the heading or the text", entry.heading)
            continue
        country, reason, detail = crosswalk.country(slug, date)
        if country is None:
            yield line, Skip(line, reason, f"{detail} ({entry.heading})")
            continue
        if country == US:
            yield line, Skip(line, "the United States itself", entry.heading, error=False)
            continue
        try:
            events = [_event(slug, kind, date, entry, country, page, keys) for kind in entry.kinds]
        except ValidationError as error:
            yield line, Skip(line, "invalid event", describe(error))
            continue
        if entry.change:
            changes.setdefault(country, []).append((date, entry.change))
        yield line, [page, *events]
    for country, found in sorted(changes.items()):
        assert page is not None
        try:
            yield 0, [_relation(country, found, page)]
        except ValidationError as error:
            yield 0, Skip(0, "invalid relation", f"{US}-{country}: {describe(error)}")


def _wanted(tag: str, attributes: dict[str, str]) -> bool:
    return (tag == "div" and attributes.get("type") == "timeline") or (
        tag == "title" and attributes.get("type") == "short"
    )


def _page(slug: str, title: str) -> Source:
    return Source.model_validate(
        {
            "id": f"state-dept-rdcr-{slug}",
            "kind": "web_page",
            "title": f"A Guide to the United States' History of Recognition, Diplomatic, and Consular "
            f"Relations, by Country, since 1776: {title.rstrip('*')}",
            "publisher": HISTORIAN,
            "url": PAGE.format(slug),
            "language": "en",
        }
    )


def _entry(element: ET.Element) -> Entry:
    head = element.find("head")
    heading = text_of(head).rstrip(".").strip()
    when = child_attribute(head, "date", "when")
    year = int(when[:4]) if when[:4].isdigit() else None
    text = " ".join(text_of(p) for p in element.findall("p"))  # a nested entry is a row of its own
    lowered = heading.lower()
    change = next((name for name, pattern in _CHANGES if pattern.search(lowered)), None)
    kinds = [_KIND_OF_CHANGE[change]] if change else []
    if _MISSION.search(lowered):
        if _CLOSED.search(lowered):
            kinds.append(EventKind.MISSION_CLOSED)
        elif _OPENED.search(lowered):
            kinds.append(EventKind.MISSION_OPENED)
    if not kinds and "recogni" in lowered:
        kinds.append(EventKind.OTHER)
    return Entry(heading, year, text, tuple(kinds), change)


def _date(entry: Entry) -> PartialDate | None:
    """The day (else the month) the entry's text gives in the heading's year, from the first sentence
    that speaks of what the entry records; else the heading's year."""
    sentences = re.split(r"(?<=[.;])\s+(?=[A-Z])", entry.text)
    words = re.compile("|".join(_WORDS[kind] for kind in entry.kinds), re.IGNORECASE)
    speaking = [s for s in sentences if words.search(s)]
    for group in (speaking, sentences):
        for sentence in group:
            for date in _dates(sentence):
                if entry.year is None or date.year == entry.year:
                    return date
    return PartialDate(entry.year) if entry.year else None


def _dates(sentence: str) -> list[PartialDate]:
    """The dates a sentence gives, in the order it gives them; a day before a month alone."""
    found: list[tuple[int, PartialDate]] = []
    taken: list[range] = []
    for pattern, order in ((_MONTH_FIRST, "mdy"), (_DAY_FIRST, "dmy"), (_MONTH_ONLY, "my")):
        for match in pattern.finditer(sentence):
            if any(match.start() in span for span in taken):
                continue
            parts = dict(zip(order, match.groups(), strict=True))
            try:
                date = PartialDate(
                    int(parts["y"]), _MONTHS.index(parts["m"]) + 1, int(parts["d"]) if "d" in parts else None
                )
            except ValueError:
                continue
            taken.append(range(match.start(), match.end()))
            found.append((match.start(), date))
    return [date for _, date in sorted(found, key=lambda pair: pair[0])]


def _event(
    slug: str, kind: EventKind, date: PartialDate, entry: Entry, country: str, page: Source, keys: set[str]
) -> Event:
    base = f"state-rdcr-{slug}-{date}-{kind.value.replace('_', '-')}"
    key, number = base, 1
    while key in keys:
        number += 1
        key = f"{base}-{number}"
    keys.add(key)
    lowered = entry.heading.lower()
    direction: dict[str, str] = {}
    if "by the united states" in lowered or (
        kind in (EventKind.MISSION_OPENED, EventKind.MISSION_CLOSED)
        and re.search(r"american|u\.s\.", lowered)
    ):
        direction = {"source_country": US, "target_country": country}
    elif re.search(r"severed by (?!the united states)", lowered):
        direction = {"source_country": country, "target_country": US}
    return Event.model_validate(
        {
            "id": key,
            "kind": kind,
            "date": date,
            "title": entry.heading,
            "description": entry.text or None,
            "countries": [US, country],
            **direction,
            "sources": [page.id],
        }
    )


def _relation(country: str, changes: list[tuple[PartialDate, str]], page: Source) -> Record:
    established: PartialDate | None = None
    status, ended = RelationStatus.ACTIVE, None
    for date, change in sorted(changes, key=lambda pair: pair[0]):
        if change in (ESTABLISHED, RESUMED):
            established = established or date
            status, ended = RelationStatus.ACTIVE, None
        else:
            status = RelationStatus.SEVERED if change == SEVERED else RelationStatus.SUSPENDED
            ended = date
    return BilateralRelation.model_validate(
        {
            "countries": sorted([US, country]),
            "established": established,
            "status": status,
            "ended": ended,
            "sources": [page.id],
        }
    )


STATE_RDCR = Importer(
    "state-rdcr",
    "US recognition and diplomatic relations by country (Office of the Historian, TEI XML articles)",
    SOURCE,
    read_rdcr,
)
