"""The dossier of a pair of countries: every fact that links them, with the people, posts and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from bilat.dates import PartialDate, overlaps
from bilat.errors import QueryError
from bilat.models import (
    Agreement,
    BilateralRelation,
    CooperationArea,
    Country,
    DiplomaticMission,
    Event,
    Organization,
    Person,
    Post,
    PostHolding,
    Record,
    ReportedCount,
    Source,
    TradeFigure,
)
from bilat.namespaces import mint
from bilat.queries import stored_query
from bilat.records import holdings_of, records_from_rows, with_references
from bilat.store import Store

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Window:
    """Which facts to keep: those that may overlap [start, end]; open ends are unbounded."""

    start: PartialDate | None = None
    end: PartialDate | None = None

    def keeps(self, start: PartialDate | None, end: PartialDate | None = None) -> bool:
        return overlaps(start, end if end is not None else start, self.start, self.end)


@dataclass(frozen=True)
class Participant:
    """A person at an event, with the post(s) the person held on the day."""

    person: Person
    posts: tuple[Post, ...]


@dataclass(frozen=True)
class EventEntry:
    event: Event
    participants: tuple[Participant, ...]


@dataclass(frozen=True)
class AreaEntry:
    """A cooperation area and the facts (event or agreement ids) that name it."""

    area: CooperationArea
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Dossier:
    """Everything the store holds that links ``countries``; lists are in date order."""

    countries: tuple[Country, Country]
    window: Window
    relations: list[BilateralRelation] = field(default_factory=list)
    missions: list[DiplomaticMission] = field(default_factory=list)
    bodies: list[Organization] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    counts: list[ReportedCount] = field(default_factory=list)
    trade: list[TradeFigure] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    organizations: dict[str, Organization] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def facts(self) -> list[Record]:
        """Every fact of the dossier, section by section."""
        events: list[Record] = [entry.event for entry in self.events]
        return [
            *self.relations,
            *self.missions,
            *self.bodies,
            *self.agreements,
            *events,
            *self.counts,
            *self.trade,
        ]

    @property
    def is_empty(self) -> bool:
        return not self.facts


def ties(store: Store, a: Country, b: Country, window: Window | None = None) -> Dossier:
    """Build the dossier of ``a`` and ``b`` from ``store``, limited to ``window``."""
    if a.code == b.code:
        raise QueryError(f"give two different countries, not {a.name} twice")
    window = window or Window()
    query = stored_query("ties")
    rows = store.select(query.text, {"a": mint("country", a.code), "b": mint("country", b.code)})
    facts = [r for r in records_from_rows(rows) if _in_window(r, window)]
    everything = with_references(store, facts)
    persons = [mint("person", r.id) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    everything = with_references(store, everything + list(holdings))
    pair = (a, b) if a.code < b.code else (b, a)
    return Dossier(
        countries=pair,
        window=window,
        relations=_sorted(facts, BilateralRelation, lambda r: r.established),
        missions=_sorted(facts, DiplomaticMission, lambda m: m.opened),
        bodies=_sorted(facts, Organization, lambda o: None),
        agreements=_sorted(facts, Agreement, lambda g: g.signed),
        events=_events(facts, everything, holdings),
        counts=_sorted(facts, ReportedCount, lambda c: c.as_of),
        trade=_sorted(facts, TradeFigure, lambda t: t.period),
        areas=_areas(facts, everything),
        organizations={o.id: o for o in everything if isinstance(o, Organization)},
        sources={s.id: s for s in everything if isinstance(s, Source)},
    )


def _in_window(record: Record, window: Window) -> bool:
    if isinstance(record, Event):
        return window.keeps(record.date, record.end_date)
    if isinstance(record, TradeFigure):
        return window.keeps(record.period, record.period_end)
    if isinstance(record, DiplomaticMission):
        return window.keeps(record.opened, record.closed) if record.opened else True
    if isinstance(record, BilateralRelation):
        return window.keeps(record.established, record.ended) if record.established else True
    if isinstance(record, Agreement):
        return window.keeps(record.signed, None) if record.signed else True
    if isinstance(record, ReportedCount) and record.as_of is not None:
        return window.keeps(record.as_of)
    return True


def _sorted(records: list[Record], kind: type[R], when) -> list[R]:  # type: ignore[no-untyped-def]
    chosen = [r for r in records if type(r) is kind]
    return sorted(chosen, key=lambda r: (when(r) is None, when(r) or PartialDate(1), r.key))


def _events(facts: list[Record], everything: list[Record], holdings: list[PostHolding]) -> list[EventEntry]:
    persons = {p.id: p for p in everything if isinstance(p, Person)}
    posts = {p.id: p for p in everything if isinstance(p, Post)}
    entries = []
    for event in _sorted(facts, Event, lambda e: e.date):
        participants = []
        for person_id in event.participants:
            held = tuple(
                posts[h.post]
                for h in holdings
                if h.person == person_id
                and h.post in posts
                and overlaps(h.start, h.end, event.date, event.end_date or event.date)
            )
            participants.append(Participant(persons[person_id], held))
        entries.append(EventEntry(event, tuple(participants)))
    return entries


def _areas(facts: list[Record], everything: list[Record]) -> list[AreaEntry]:
    areas = {a.id: a for a in everything if isinstance(a, CooperationArea)}
    named: dict[str, list[str]] = {}
    for fact in facts:
        if isinstance(fact, Event | Agreement):
            for area_id in fact.areas:
                named.setdefault(area_id, []).append(fact.id)
    return [AreaEntry(areas[i], tuple(sorted(named[i]))) for i in sorted(named, key=lambda i: areas[i].label)]
