"""The typed records of the graph, and ``Dataset``, the root that a data file validates against.

Every record has a ``key``: the natural key its IRI is minted from. Curated records (sources,
persons, organizations, posts, agreements, events, areas) carry an explicit ``id``; facts about a
pair of countries derive their key from what identifies them (the pair, the period, ...).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bilat.model.base import Curated, Fact, Record, slug
from bilat.model.entities import (
    CooperationArea,
    Country,
    EventCode,
    Organization,
    Person,
    Post,
    Source,
    StateSystemMembership,
)
from bilat.model.facts import (
    Agreement,
    BilateralRelation,
    DiplomaticMission,
    Event,
    Evidence,
    PostHolding,
    ReportedCount,
    Representation,
    TradeFigure,
    VoteAgreement,
)

__all__ = [
    "SECTIONS",
    "TYPE_NAMES",
    "Agreement",
    "BilateralRelation",
    "CooperationArea",
    "Country",
    "Curated",
    "Dataset",
    "DiplomaticMission",
    "Event",
    "EventCode",
    "Evidence",
    "Fact",
    "Organization",
    "Person",
    "Post",
    "PostHolding",
    "Record",
    "ReportedCount",
    "Representation",
    "Source",
    "StateSystemMembership",
    "TradeFigure",
    "VoteAgreement",
    "dataset_of",
    "slug",
]


class Dataset(BaseModel):
    """The root of a data file: one list per record type, all optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    memberships: tuple[StateSystemMembership, ...] = ()
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    missions: tuple[DiplomaticMission, ...] = ()
    posts: tuple[Post, ...] = ()
    holdings: tuple[PostHolding, ...] = ()
    relations: tuple[BilateralRelation, ...] = ()
    representations: tuple[Representation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()
    trade: tuple[TradeFigure, ...] = ()
    counts: tuple[ReportedCount, ...] = ()
    vote_agreements: tuple[VoteAgreement, ...] = ()
    areas: tuple[CooperationArea, ...] = ()
    event_codes: tuple[EventCode, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def records(self) -> list[Record]:
        """Every record of the dataset, in field order."""
        return [record for name in type(self).model_fields for record in getattr(self, name)]


SECTIONS: dict[str, type[Record]] = {
    name: field.annotation.__args__[0]  # type: ignore[union-attr]
    for name, field in Dataset.model_fields.items()
}
"""Dataset section name -> record type."""

TYPE_NAMES: dict[str, str] = {record.type_name: name for name, record in SECTIONS.items()}
"""JSON Lines ``type`` value -> Dataset section name."""


def dataset_of(records: list[Record]) -> Dataset:
    """Records gathered into a Dataset by section; the first of several records with one IRI is kept."""
    sections: dict[str, dict[tuple[str, str], Record]] = {}
    for record in records:
        section = sections.setdefault(_SECTION_OF[type(record)], {})
        section.setdefault((record.iri_kind, record.key), record)
    return Dataset.model_validate({name: tuple(found.values()) for name, found in sections.items()})


_SECTION_OF = {record: name for name, record in SECTIONS.items()}
