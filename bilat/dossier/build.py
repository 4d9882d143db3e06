"""The dossier of a pair of countries: every fact that links them, with the people, posts and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from rdflib import Literal, URIRef

from bilat.errors import QueryError
from bilat.graph.event_index import latest_events
from bilat.graph.read import fetch_records, holdings_of, records_from_rows, with_references
from bilat.model.dataset import (
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
    Representation,
    Source,
    TradeFigure,
)
from bilat.model.dates import PartialDate, overlaps
from bilat.model.window import Window
from bilat.queries.run import stored_query
from bilat.rdf.namespaces import dyad, key_of, mint
from bilat.store import Store

R = TypeVar("R", bound=Record)


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
class CodedEvents:
    """Machine-coded events of the pair under one CAMEO root code."""

    root: str
    label: str | None
    count: int
    first: PartialDate
    last: PartialDate
    mean_goldstein: Decimal | None
    source: str | None


@dataclass(frozen=True)
class Dossier:
    """Everything the store holds that links ``countries``; lists are in date order."""

    countries: tuple[Country, Country]
    window: Window
    relations: list[BilateralRelation] = field(default_factory=list)
    missions: list[DiplomaticMission] = field(default_factory=list)
    representations: list[Representation] = field(default_factory=list)
    bodies: list[Organization] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    event_count: int = 0
    """How many curated events the pair has in the window; ``events`` holds the latest of them."""
    counts: list[ReportedCount] = field(default_factory=list)
    trade: list[TradeFigure] = field(default_factory=list)
    coded_events: list[CodedEvents] = field(default_factory=list)
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
            *self.representations,
            *self.bodies,
            *self.agreements,
            *events,
            *self.counts,
            *self.trade,
        ]

    @property
    def is_empty(self) -> bool:
        return not self.facts and not self.coded_events


def ties(
    store: Store, a: Country, b: Country, window: Window | None = None, events: int | None = 50
) -> Dossier:
    """Build the dossier of ``a`` and ``b`` from ``store``, limited to ``window``.

    At most ``events`` curated events are shown, the latest ones (None shows all); the dossier
    says how many there are in all.
    """
    if a.code == b.code:
        raise QueryError(f"give two different countries, not {a.name} twice")
    window = window or Window()
    bindings = {"a": mint("country", a.code), "b": mint("country", b.code)}
    rows = store.terms(stored_query("ties").text, bindings)
    facts = [_trimmed(r, window) for r in records_from_rows(rows) if _in_window(r, window)]
    shown, event_count = latest_events(store, a.code, b.code, window.start, window.end, events)
    facts += fetch_records(store, [URIRef(event) for event in shown])
    groups = coded_events(store, a, b, window)
    datasets = [mint("source", g.source) for g in groups if g.source]
    everything = with_references(store, facts) + fetch_records(store, datasets)
    persons = [mint("person", r.id) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    everything = with_references(store, everything + list(holdings))
    pair = (a, b) if a.code < b.code else (b, a)
    return Dossier(
        countries=pair,
        window=window,
        relations=_sorted(facts, BilateralRelation, lambda r: r.established),
        missions=_sorted(facts, DiplomaticMission, lambda m: m.opened),
        representations=_sorted(facts, Representation, lambda r: r.years[0]),
        bodies=_sorted(facts, Organization, lambda o: None),
        agreements=_sorted(facts, Agreement, lambda g: g.signed),
        events=_events(facts, everything, holdings),
        event_count=event_count,
        counts=_sorted(facts, ReportedCount, lambda c: c.as_of),
        trade=_sorted(facts, TradeFigure, lambda t: t.period),
        coded_events=groups,
        areas=_areas(facts, everything),
        organizations={o.id: o for o in everything if isinstance(o, Organization)},
        sources={s.id: s for s in everything if isinstance(s, Source)},
    )


def _in_window(record: Record, window: Window) -> bool:
    """Whether a fact of the ties query falls in the window (events are windowed by their index)."""
    if isinstance(record, TradeFigure):
        return window.keeps(record.period, record.period_end)
    if isinstance(record, DiplomaticMission):
        return window.keeps(record.opened, record.closed) if record.opened else True
    if isinstance(record, BilateralRelation):
        return window.keeps(record.established, record.ended) if record.established else True
    if isinstance(record, Agreement):
        return window.keeps(record.signed, None) if record.signed else True
    if isinstance(record, Representation):
        return any(window.keeps(year) for year in record.years)
    if isinstance(record, ReportedCount) and record.as_of is not None:
        return window.keeps(record.as_of)
    return True


def _trimmed(record: Record, window: Window) -> Record:
    """A representation keeps only the years inside the window."""
    if isinstance(record, Representation) and (window.start or window.end):
        return record.model_copy(update={"years": tuple(y for y in record.years if window.keeps(y))})
    return record


def coded_events(store: Store, a: Country, b: Country, window: Window) -> list[CodedEvents]:
    """GDELT-style events of the pair, counted by CAMEO root code in the store itself."""
    start = str(window.start.earliest) if window.start else "0000"
    end = str(window.end.latest) if window.end else "9999"
    bindings = {"dyad": dyad(a.code, b.code), "from": Literal(start), "to": Literal(end)}
    groups = []
    for row in store.select(stored_query("coded-events").text, bindings).rows:
        score = row.get("goldstein")
        groups.append(
            CodedEvents(
                root=str(row["root"]),
                label=str(row["label"]) if "label" in row else None,
                count=int(str(row["events"])),
                first=PartialDate.parse(str(row["first"])),
                last=PartialDate.parse(str(row["last"])),
                mean_goldstein=round(Decimal(str(score)), 2) if score is not None else None,
                source=key_of(str(row["source"]), "source") if "source" in row else None,
            )
        )
    return groups


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
