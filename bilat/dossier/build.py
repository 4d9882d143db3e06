"""The dossier of a pair of countries: every fact that links them, with the people, posts and sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from rdflib import URIRef

from bilat.dossier.officials import Officeholder, pair_officials
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
from bilat.model.kinds import KIND_BY_NAME, KINDS
from bilat.model.window import Window
from bilat.queries.run import stored_query
from bilat.rdf.namespaces import dyad, key_of, mint
from bilat.store import Store

_KIND_OF = {kind.record: kind for kind in KINDS}


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
    """Everything the store holds that links ``countries``: the facts of each kind (``model.kinds``)
    in date order, the latest events with their participants, coded events, areas and sources."""

    countries: tuple[Country, Country]
    window: Window
    by_kind: dict[str, list[Record]] = field(default_factory=dict)
    """The facts of each kind the ties query finds, by kind name, in date order."""
    events: list[EventEntry] = field(default_factory=list)
    event_count: int = 0
    """How many curated events the pair has in the window; ``events`` holds the latest of them."""
    coded_events: list[CodedEvents] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    officials: list[Officeholder] = field(default_factory=list)
    """Who held each side's leading posts, foreign ministry and envoy post to the other in the window."""
    organizations: dict[str, Organization] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)

    def country(self, code: str) -> str:
        """The name of one of the pair's countries (``model.kinds.Names``)."""
        return next((c.name for c in self.countries if c.code == code), code)

    def organization(self, key: str) -> str:
        """The name of an organization the dossier names."""
        found = self.organizations.get(key)
        return found.name if found else key

    def of(self, kind: str) -> list[Record]:
        """The facts of the kind named ``kind`` (events as records)."""
        if kind == "events":
            return [entry.event for entry in self.events]
        return self.by_kind.get(kind, [])

    @property
    def facts(self) -> list[Record]:
        """Every fact of the dossier, kind by kind."""
        return [fact for kind in KINDS for fact in self.of(kind.name)]

    @property
    def is_empty(self) -> bool:
        return not self.facts and not self.coded_events

    @property
    def relations(self) -> list[BilateralRelation]:
        return cast(list[BilateralRelation], self.of("relations"))

    @property
    def missions(self) -> list[DiplomaticMission]:
        return cast(list[DiplomaticMission], self.of("missions"))

    @property
    def representations(self) -> list[Representation]:
        return cast(list[Representation], self.of("representations"))

    @property
    def bodies(self) -> list[Organization]:
        return cast(list[Organization], self.of("bodies"))

    @property
    def agreements(self) -> list[Agreement]:
        return cast(list[Agreement], self.of("agreements"))

    @property
    def counts(self) -> list[ReportedCount]:
        return cast(list[ReportedCount], self.of("counts"))

    @property
    def trade(self) -> list[TradeFigure]:
        return cast(list[TradeFigure], self.of("trade"))


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
    facts = [
        kind.trimmed(record, window)
        for record in records_from_rows(rows)
        if (kind := _KIND_OF[type(record)]).keeps(record, window)
    ]
    shown, event_count = latest_events(store, a.code, b.code, window.start, window.end, events)
    facts += fetch_records(store, [URIRef(event) for event in shown])
    groups = coded_events(store, a, b, window)
    datasets = [mint("source", g.source) for g in groups if g.source]
    everything = with_references(store, facts) + fetch_records(store, datasets)
    persons = [mint("person", r.id) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    everything = with_references(store, everything + list(holdings))
    pair = (a, b) if a.code < b.code else (b, a)
    officials = pair_officials(store, *pair, window)
    return Dossier(
        countries=pair,
        window=window,
        by_kind={kind.name: kind.sorted(facts) for kind in KINDS if not kind.indexed},
        events=_events(facts, everything, holdings),
        event_count=event_count,
        coded_events=groups,
        areas=_areas(facts, everything),
        officials=officials,
        organizations={o.id: o for o in everything if isinstance(o, Organization)},
        sources={s.id: s for s in everything if isinstance(s, Source)}
        | {s.id: s for o in officials for s in o.tenure.sources},
    )


def coded_events(store: Store, a: Country, b: Country, window: Window) -> list[CodedEvents]:
    """GDELT-style events of the pair, counted by CAMEO root code in the store itself."""
    bindings = {"dyad": dyad(a.code, b.code), **window.bounds()}
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


def _events(facts: list[Record], everything: list[Record], holdings: list[PostHolding]) -> list[EventEntry]:
    persons = {p.id: p for p in everything if isinstance(p, Person)}
    posts = {p.id: p for p in everything if isinstance(p, Post)}
    entries = []
    for event in cast(list[Event], KIND_BY_NAME["events"].sorted(facts)):
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
