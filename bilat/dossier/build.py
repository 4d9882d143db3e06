"""The dossier of a pair of countries: every fact that links them, with the people, posts and sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar, cast

from rdflib import URIRef

from bilat.dossier.officials import Officeholder, pairs_officials
from bilat.errors import QueryError
from bilat.graph.event_index import PairPeriod, latest_events_of
from bilat.graph.read import claims_of, fetch_records, holdings_of, records_from_rows, with_references
from bilat.model.claims import Disagreement, disagreements
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
from bilat.rdf.namespaces import dyad, key_of, mint, mint_text
from bilat.store import Store

_KIND_OF = {kind.record: kind for kind in KINDS}
_Item = TypeVar("_Item", Record, Officeholder, "CodedEvents")


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
    pair: tuple[str, str] = ("", "")
    """The codes of the two countries the events are between."""


@dataclass(frozen=True)
class Earlier:
    """A pair of states the dossier's pair continues: each is one of the dossier's countries or an
    earlier state whose international personality that country continues (``Country.continued_by``,
    ``Register.predecessors``), and ``window`` is the dossier's window cut to the years both existed."""

    countries: tuple[Country, Country]
    """In the order of the dossier's ``countries``: each is, or is continued by, the one in its place."""
    window: Window

    @property
    def codes(self) -> tuple[str, str]:
        return self.countries[0].code, self.countries[1].code

    def __hash__(self) -> int:  # a country record holds a dict of labels: hash by its code
        return hash((self.codes, self.window))


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
    earlier: tuple[Earlier, ...] = ()
    """The pairs of earlier states whose facts the dossier holds too, the oldest first."""
    about: dict[str, Earlier] = field(default_factory=dict)
    """Which of ``earlier`` each of their facts, office holders and coded events is about, by
    ``item_key``; anything else is about the dossier's own pair."""

    def country(self, code: str) -> str:
        """The name of one of the pair's countries or the earlier states (``model.kinds.Names``)."""
        states = [*self.countries, *(c for pair in self.earlier for c in pair.countries)]
        return next((c.name for c in states if c.code == code), code)

    disagreements: dict[str, tuple[Disagreement, ...]] = field(default_factory=dict)
    """Where a fact's sources give values that cannot all be true (decision 0024), by ``item_key``."""

    def disputed(self, record: Record) -> tuple[Disagreement, ...]:
        """The fields of ``record`` on which its sources disagree, the main value first."""
        return self.disagreements.get(item_key(record), ())

    def pair_of(self, item: Record | EventEntry | Officeholder | CodedEvents) -> Earlier | None:
        """The earlier pair ``item`` is about, or None when it is about the dossier's own pair."""
        return self.about.get(item_key(item)) if self.about else None

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
    store: Store,
    a: Country,
    b: Country,
    window: Window | None = None,
    events: int | None = 50,
    earlier: Sequence[Country] = (),
) -> Dossier:
    """Build the dossier of ``a`` and ``b`` from ``store``, limited to ``window``.

    At most ``events`` curated events are shown, the latest ones (None shows all); the dossier
    says how many there are in all. ``earlier`` are states whose international personality ``a`` or
    ``b`` continues (``Register.predecessors``): the facts of every pair they make with the other
    country, or with each other, are in the dossier too, each pair's in the years both its states
    existed (``Earlier``), with the pair they are about (``Dossier.pair_of``).
    """
    if a.code == b.code:
        raise QueryError(f"give two different countries, not {a.name} twice")
    window = window or Window()
    pair = (a, b) if a.code < b.code else (b, a)
    others = earlier_pairs(pair, earlier, window)
    about: dict[str, Earlier] = {}
    facts = _pair_facts(store, a, b, window)
    seen = {item_key(fact) for fact in facts}
    for other in others:
        facts += _theirs(_pair_facts(store, *other.countries, other.window), other, seen, about)
    periods = [PairPeriod(a.code, b.code, window.start, window.end)]
    periods += [PairPeriod(*o.codes, o.window.start, o.window.end) for o in others]
    shown, event_count = latest_events_of(store, periods, events)
    found = fetch_records(store, [URIRef(event) for event in shown])
    for event in found:  # an event of three countries, the dossier's two among them, is the pair's own
        if isinstance(event, Event) and not {a.code, b.code} <= set(event.countries):
            owner = next((o for o in others if {*o.codes} <= set(event.countries)), None)
            if owner is not None:
                about[item_key(event)] = owner
    facts += found
    groups = coded_events(store, a, b, window)
    for other in others:
        groups += _theirs(coded_events(store, *other.countries, other.window), other, set(), about)
    datasets = [mint("source", g.source) for g in groups if g.source]
    everything = with_references(store, facts) + fetch_records(store, datasets)
    persons = [mint("person", r.id) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    everything = with_references(store, everything + list(holdings))
    own, *theirs = pairs_officials(store, [(*pair, window), *((*o.countries, o.window) for o in others)])
    officials, seen = own, {item_key(o) for o in own}
    for other, found_officials in zip(others, theirs, strict=True):
        officials += _theirs(found_officials, other, seen, about)
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
        earlier=tuple(others),
        about=about,
        disagreements=_disagreements(store, facts),
    )


def _disagreements(store: Store, facts: list[Record]) -> dict[str, tuple[Disagreement, ...]]:
    """The disagreements of the facts that have claims, by ``item_key``: one query, nothing when none."""
    claims = claims_of(store, facts)
    if not claims:
        return {}
    found = {item_key(f): disagreements(f, claims.get(mint_text(f.iri_kind, f.key), ())) for f in facts}
    return {key: found_here for key, found_here in found.items() if found_here}


def _pair_facts(store: Store, a: Country, b: Country, window: Window) -> list[Record]:
    """The facts the ties query finds for one pair that may fall in the window."""
    bindings = {"a": mint("country", a.code), "b": mint("country", b.code)}
    rows = store.terms(stored_query("ties").text, bindings)
    return [
        kind.trimmed(record, window)
        for record in records_from_rows(rows)
        if (kind := _KIND_OF[type(record)]).keeps(record, window)
    ]


def _theirs(items: list[_Item], pair: Earlier, seen: set[str], about: dict[str, Earlier]) -> list[_Item]:
    """The items of an earlier pair that no pair before it has, each noted in ``about`` as ``pair``'s (a
    multilateral agreement of the USSR, Russia and another state stays Russia's)."""
    kept = []
    for item in items:
        if (key := item_key(item)) not in seen:
            seen.add(key)
            about[key] = pair
            kept.append(item)
    return kept


def item_key(item: Record | EventEntry | Officeholder | CodedEvents) -> str:
    """What tells the items of a dossier apart: a record's type and key, an office holder's holding,
    side and role, a group of coded events' pair and root."""
    if isinstance(item, EventEntry):
        item = item.event
    if isinstance(item, Officeholder):
        return f"officeholder/{item.country}/{item.role.value}/{item.tenure.holding.key}"
    if isinstance(item, CodedEvents):
        return f"coded/{'-'.join(item.pair)}/{item.root}"
    return f"{item.type_name}/{item.key}"


def earlier_pairs(pair: tuple[Country, Country], earlier: Sequence[Country], window: Window) -> list[Earlier]:
    """The pairs that the states of ``pair`` and the ``earlier`` states they continue make, in the
    window cut to the years both states of each existed, the oldest first; the pair itself, a state
    with itself and pairs whose states never coexisted in the window are left out."""
    a, b = pair
    first, second = _lineage(a, earlier), _lineage(b, earlier)
    found = []
    for x in first:
        for y in second:
            shared = _shared_years(window, x, y)
            if shared is not None and x.code != y.code and (x.code, y.code) != (a.code, b.code):
                found.append(Earlier((x, y), shared))
    last = PartialDate(9999)
    return sorted(
        found, key=lambda e: ((e.window.end or last).order, (e.window.start or PartialDate(1)).order)
    )


def _lineage(country: Country, earlier: Sequence[Country]) -> list[Country]:
    """``country`` and the states among ``earlier`` it continues, through each other, the latest first."""
    found = [country]
    for state in found:  # the list grows while it is read: each state's own predecessors follow it
        found += [c for c in earlier if c.continued_by == state.code and all(c.code != f.code for f in found)]
    return found


def _shared_years(window: Window, *states: Country) -> Window | None:
    """``window`` cut to the years all ``states`` existed (their founding and dissolution, where the
    register has them); None when nothing is left."""
    start, end = window.start, window.end
    for state in states:
        if state.founded and (start is None or start.earliest < state.founded.earliest):
            start = state.founded
        if state.dissolved and (end is None or state.dissolved.latest < end.latest):
            end = state.dissolved
    if start is not None and end is not None and not end.may_be_after(start):
        return None
    return Window(start, end)


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
                pair=(a.code, b.code),
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
