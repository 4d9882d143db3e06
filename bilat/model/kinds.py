"""Each kind of fact that ties two countries, declared once.

A declaration says which record type the kind is, which fields hold its pair of countries (one field
holding both, or a sending and a receiving field, which gives the tie a direction), when it holds (a
start and an end field, or a field of dates each standing alone), where the dossier shows it (its
section, its heading, one line per fact), its RDF class and predicates, its timeline lane and words,
and the kind of tie it is in the network. The RDF mapping of its record, the ties query and the
network counts (``queries/ties.rq`` and ``queries/network-*.rq``, written by ``python -m
bilat.rdf.kind_queries --write``), the SHACL shapes, the dossier's time window, order, sections and
rendering, the timeline, the network and the panel follow from these declarations.

Events are a kind too, but the dossier reads them through the event index (``indexed``), and their
lines carry participants, which the renderer adds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bilat.model.base import Record
from bilat.model.dataset import (
    Agreement,
    BilateralRelation,
    DiplomaticMission,
    Event,
    Organization,
    ReportedCount,
    Representation,
    TradeFigure,
    VoteAgreement,
)
from bilat.model.dates import PartialDate
from bilat.model.window import Window


class Names(Protocol):
    """What a dossier line may look up: a country's name, an organization's name."""

    def country(self, code: str) -> str: ...

    def organization(self, key: str) -> str: ...


@dataclass(frozen=True)
class Terms:
    """A record type's RDF classes (the first is its own) and a predicate per field, as prefixed names
    (``bilat:party``, ``schema:startDate``) with the prefixes of ``queries/prefixes.rq``."""

    classes: tuple[str, ...]
    predicates: dict[str, str]


@dataclass(frozen=True)
class FactKind:
    """One kind of fact between two countries; see the module docstring."""

    name: str
    record: type[Record]
    heading: str
    pair: tuple[str, ...]
    """One field holding both countries, or the sending and the receiving country's fields."""
    line: Callable[[Any, Names], str]
    terms: Terms
    start: tuple[str, ...] = ()
    """The fields that may give when the fact begins (or happens), the first one set counting."""
    end: str | None = None
    interval: bool = False
    """A state of affairs that lasts from its start until its end (open when unknown), rather than a
    point in time or a period between its start and end."""
    each: str | None = None
    """A field of dates, each a point in time (years of representation); the window keeps those inside."""
    indexed: bool = False
    """Read through the event index rather than the ties query."""
    tie: str | None = None
    """The kind of tie it is in the network, the panel and the pictures' colours."""
    in_network: bool = False
    """Counted in the network of countries (by ``queries/network-{tie}.rq``) and in the panel."""
    shown_empty: bool = True
    """The dossier shows the section with "none recorded" when the pair has no such facts; a kind that
    most stores lack until it is imported (UN votes) is left out instead."""
    by_default: bool = True
    """In the network when no kinds are asked for; a measure between every pair of states, such as how
    alike they vote in the UN, is asked for by name."""
    own_count: bool = False
    """Counted by a hand-written ``queries/network-{tie}.rq``; otherwise the query is written from this
    declaration and counts the facts that may fall in the window, once per pair (or arc)."""
    lane: Callable[[Any], str] | None = None
    """The timeline lane a fact is drawn on; None: not drawn."""
    mark: Callable[[Any, Names], str | None] | None = None
    """The words beside a fact on the timeline; None leaves the fact out."""

    @property
    def directed(self) -> bool:
        return len(self.pair) == 2

    def dates(self, record: Record) -> list[tuple[PartialDate | None, PartialDate | None]]:
        """When the fact holds: (start, end) once, or (date, None) once per date of ``each``."""
        if self.each:
            return [(date, None) for date in getattr(record, self.each)]
        start = next((value for name in self.start if (value := getattr(record, name)) is not None), None)
        return [(start, getattr(record, self.end) if self.end else None)]

    def keeps(self, record: Record, window: Window) -> bool:
        """Whether the fact may fall in the window (see ``Window``): a state while it stands, a point
        or period when it happens; a point fact with no date is kept in every window."""
        dates = self.dates(record)
        if self.interval:
            return any(window.holds(start, end) for start, end in dates)
        return any(start is None or window.keeps(start, end) for start, end in dates)

    def trimmed(self, record: Record, window: Window) -> Record:
        """The fact with only the dates of ``each`` inside the window."""
        if not self.each or not (window.start or window.end):
            return record
        kept = tuple(date for date in getattr(record, self.each) if window.keeps(date))
        return record.model_copy(update={self.each: kept})

    def sorted(self, records: Sequence[Record]) -> list[Record]:
        """The records of this kind among ``records``, the earliest first, undated last."""

        def first(record: Record) -> PartialDate | None:
            dates = self.dates(record)
            return dates[0][0] if dates else None

        chosen = [r for r in records if type(r) is self.record]
        return sorted(chosen, key=lambda r: (first(r) is None, first(r) or PartialDate(1), r.key))


def _words(value: str) -> str:
    return value.replace("_", " ")


def _relation(relation: BilateralRelation, names: Names) -> str:
    text = f"established {relation.established}" if relation.established else "established (date unknown)"
    text += f"; {relation.status.value}"
    return text + (f", ended {relation.ended}" if relation.ended else "")


def _mission(mission: DiplomaticMission, names: Names) -> str:
    text = f"{names.country(mission.sending)} → {names.country(mission.host)}: {_words(mission.kind.value)}"
    text += f" in {mission.city}" if mission.city else ""
    text += f" ({mission.name})" if mission.name else ""
    text += f", opened {mission.opened}" if mission.opened else ""
    return text + (f", closed {mission.closed}" if mission.closed else "")


_LEVELS = {"none": "no representation", "charge_d_affaires": "chargé d'affaires"}


def _representation(representation: Representation, names: Names) -> str:
    years = ", ".join(str(y) for y in representation.years)
    level = _LEVELS.get(representation.level.value, representation.level.value)
    return (
        f"{names.country(representation.sending)} in {names.country(representation.host)}: {level} ({years})"
    )


def _body(body: Organization, names: Names) -> str:
    parent = names.organization(body.part_of) if body.part_of else None
    where = ", ".join(x for x in (parent, names.country(body.country) if body.country else None) if x)
    return f"{body.name}" + (f" ({where})" if where else "")


def _agreement(agreement: Agreement, names: Names) -> str:
    text = f"{agreement.title} ({_words(agreement.kind.value)})"
    text += f", signed {agreement.signed}" if agreement.signed else ""
    text += f", in force {agreement.in_force}" if agreement.in_force else ""
    return text + (f", ended {agreement.ended}" if agreement.ended else "")


def _event(event: Event, names: Names) -> str:
    return f"{event.date!s:<10}  {_words(event.kind.value)}" + (f": {event.title}" if event.title else "")


def _count(count: ReportedCount, names: Names) -> str:
    return f"{count.count} {count.counted}" + (f" as of {count.as_of}" if count.as_of else "")


def _votes(agreement: VoteAgreement, names: Names) -> str:
    return (
        f"{agreement.year}        voted alike in {agreement.agreed} of {agreement.votes} roll calls "
        f"({agreement.share:.0%})"
    )


def _trade(figure: TradeFigure, names: Names) -> str:
    period = f"{figure.period}" + (f" to {figure.period_end}" if figure.period_end else "")
    reporter, partner = names.country(figure.reporter), names.country(figure.partner)
    if figure.flow.value == "turnover":
        what = "turnover"
    elif figure.flow.value == "import":
        what = f"imports of {reporter} from {partner}"
    else:
        what = f"{figure.flow.value}s of {reporter} to {partner}"
    return f"{period:<10}  {what}: {figure.currency} {figure.amount:,}"


KINDS: tuple[FactKind, ...] = (
    FactKind(
        "relations",
        BilateralRelation,
        "Diplomatic relations",
        ("countries",),
        _relation,
        Terms(
            ("bilat:BilateralRelation",),
            {
                "countries": "bilat:country",
                "established": "schema:startDate",
                "status": "bilat:relationStatus",
                "ended": "schema:endDate",
            },
        ),
        start=("established",),
        end="ended",
        interval=True,
        tie="relations",
        own_count=True,
        in_network=True,
        lane=lambda relation: "relations",
        mark=lambda relation, names: "relations established",
    ),
    FactKind(
        "missions",
        DiplomaticMission,
        "Diplomatic missions",
        ("sending", "host"),
        _mission,
        Terms(
            ("bilat:DiplomaticMission",),
            {
                "sending": "bilat:sendingCountry",
                "host": "bilat:hostCountry",
                "kind": "bilat:missionKind",
                "city": "bilat:city",
                "name": "schema:name",
                "opened": "schema:foundingDate",
                "closed": "schema:dissolutionDate",
                "wikidata": "owl:sameAs",
            },
        ),
        start=("opened",),
        end="closed",
        interval=True,
        tie="missions",
        own_count=True,
        in_network=True,
        lane=lambda mission: "missions",
        mark=lambda mission, names: f"{_words(mission.kind.value)} of {names.country(mission.sending)} opens",
    ),
    FactKind(
        "representations",
        Representation,
        "Diplomatic representation",
        ("sending", "host"),
        _representation,
        Terms(
            ("bilat:Representation",),
            {
                "sending": "bilat:sendingCountry",
                "host": "bilat:hostCountry",
                "level": "bilat:representationLevel",
                "years": "bilat:observedIn",
            },
        ),
        each="years",
        tie="representation",
        own_count=True,
        in_network=True,
        lane=lambda representation: "representation",
        mark=lambda representation, names: None if representation.level.value == "none" else "",
    ),
    FactKind(
        "bodies",
        Organization,
        "Parliamentary and other bodies",
        ("country", "partner_country"),
        _body,
        Terms(
            ("org:FormalOrganization",),
            {
                "name": "schema:name",
                "kind": "bilat:organizationKind",
                "country": "bilat:ofCountry",
                "part_of": "org:subOrganizationOf",
                "partner_country": "bilat:partnerCountry",
                "wikidata": "owl:sameAs",
            },
        ),
        interval=True,
    ),
    FactKind(
        "agreements",
        Agreement,
        "Agreements",
        ("parties",),
        _agreement,
        Terms(
            ("bilat:Agreement",),
            {
                "title": "dcterms:title",
                "kind": "bilat:agreementKind",
                "parties": "bilat:party",
                "signatories": "bilat:signatory",
                "signed": "bilat:signed",
                "in_force": "bilat:inForce",
                "ended": "schema:endDate",
                "status": "bilat:agreementStatus",
                "areas": "bilat:area",
                "base_agreement": "bilat:baseAgreement",
            },
        ),
        start=("signed", "in_force"),
        end="ended",
        interval=True,
        tie="agreements",
        in_network=True,
        lane=lambda agreement: "agreements",
        mark=lambda agreement, names: agreement.title,
    ),
    FactKind(
        "events",
        Event,
        "Events",
        ("countries",),
        _event,
        Terms(
            ("bilat:Event",),
            {
                "kind": "bilat:eventKind",
                "date": "schema:startDate",
                "end_date": "schema:endDate",
                "title": "dcterms:title",
                "description": "dcterms:description",
                "place": "schema:location",
                "place_country": "bilat:placeCountry",
                "countries": "bilat:involves",
                "source_country": "bilat:sourceCountry",
                "target_country": "bilat:targetCountry",
                "participants": "bilat:participant",
                "areas": "bilat:area",
                "agreements": "bilat:concernsAgreement",
                "cameo_code": "bilat:cameoCode",
                "goldstein": "bilat:goldstein",
                "tone": "bilat:averageTone",
                "mentions": "bilat:mentions",
            },
        ),
        start=("date",),
        end="end_date",
        indexed=True,
        tie="events",
        own_count=True,
        in_network=True,
        lane=lambda event: f"event: {_words(event.kind.value)}",
        mark=lambda event, names: event.title or "",
    ),
    FactKind(
        "counts",
        ReportedCount,
        "Reported counts",
        ("countries",),
        _count,
        Terms(
            ("bilat:ReportedCount",),
            {
                "countries": "bilat:country",
                "counted": "bilat:counted",
                "count": "bilat:count",
                "as_of": "bilat:asOf",
            },
        ),
        start=("as_of",),
        tie="counts",
        lane=lambda count: "reported counts",
        mark=lambda count, names: f"{count.count} {count.counted}",
    ),
    FactKind(
        "trade",
        TradeFigure,
        "Trade",
        ("reporter", "partner"),
        _trade,
        Terms(
            ("bilat:TradeFigure",),
            {
                "flow": "bilat:tradeFlow",
                "reporter": "bilat:reporter",
                "partner": "bilat:partner",
                "period": "bilat:period",
                "period_end": "bilat:periodEnd",
                "amount": "bilat:amount",
                "currency": "bilat:currency",
            },
        ),
        start=("period",),
        end="period_end",
        tie="trade",
        own_count=True,
        in_network=True,
    ),
    FactKind(
        "votes",
        VoteAgreement,
        "UN General Assembly votes",
        ("countries",),
        _votes,
        Terms(
            ("bilat:VoteAgreement",),
            {
                "countries": "bilat:country",
                "year": "bilat:year",
                "votes": "bilat:rollCalls",
                "agreed": "bilat:agreedRollCalls",
            },
        ),
        start=("year",),
        tie="votes",
        in_network=True,
        shown_empty=False,
        by_default=False,
        own_count=True,
    ),
)
"""Every kind, in the order the dossier shows them."""

KIND_BY_NAME = {kind.name: kind for kind in KINDS}


NETWORK_TIES = tuple(kind.tie for kind in KINDS if kind.in_network and kind.tie)
"""The kinds of tie the network counts, in declaration order."""

DEFAULT_TIES = tuple(kind.tie for kind in KINDS if kind.in_network and kind.tie and kind.by_default)
"""The kinds of tie the network counts when none are asked for."""

DIRECTED_TIES = frozenset(kind.tie for kind in KINDS if kind.in_network and kind.tie and kind.directed)
"""Ties that go from one country to the other (missions, representation, trade flows)."""
