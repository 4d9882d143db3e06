"""The typed records of the graph, and ``Dataset``, the root that a data file validates against.

Every record has a ``key``: the natural key its IRI is minted from. Curated records (sources,
persons, organizations, posts, agreements, events, areas) carry an explicit ``id``; facts about a
pair of countries derive their key from what identifies them (the pair, the period, ...).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, ClassVar, Self

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from bilat.dates import PartialDate
from bilat.fields import (
    AgreementRef,
    Amount,
    AreaRef,
    CountryCode,
    CountryKey,
    Currency,
    Key,
    LanguageTag,
    LongText,
    OrganizationRef,
    PersonRef,
    PostRef,
    SetOf,
    SourceRef,
    Text,
    Url,
    WikidataId,
)
from bilat.vocab import (
    AgreementKind,
    AgreementStatus,
    EventKind,
    MissionKind,
    OrganizationKind,
    RelationStatus,
    SourceKind,
    TradeFlow,
)

_LETTERS = str.maketrans(
    {
        "ə": "e",
        "Ə": "e",
        "ı": "i",
        "ø": "o",
        "Ø": "o",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "þ": "th",
        "œ": "oe",
    }
)


def slug(text: str) -> str:
    """A key fragment from free text: ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def _check_interval(start: PartialDate | None, end: PartialDate | None, names: str) -> None:
    if start is not None and end is not None and not end.may_be_after(start):
        raise ValueError(f"{names}: the end ({end}) is before the start ({start})")


Pair = Annotated[SetOf[CountryCode], Field(min_length=2, max_length=2)]
"""Two distinct countries, in sorted order: a symmetric tie."""


class Record(BaseModel):
    """Base of every record: frozen, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)

    type_name: ClassVar[str]
    """The record's name in JSON Lines ``type`` fields and in messages."""
    iri_kind: ClassVar[str]
    """The path segment of the record's IRI; missions are minted as organizations."""

    sources: SetOf[SourceRef] = ()

    @property
    def key(self) -> str:
        raise NotImplementedError


class Curated(Record):
    """A record identified by a curator-chosen ``id``."""

    id: Key

    @property
    def key(self) -> str:
        return self.id


class Fact(Record):
    """A statement about the world that must name at least one source."""

    sources: Annotated[SetOf[SourceRef], Field(min_length=1)]


class Source(Curated):
    """Where facts come from: a news article, a press release, a dataset ..."""

    type_name = "source"
    iri_kind = "source"
    kind: SourceKind
    title: Text | None = None
    publisher: Text | None = None
    author: Text | None = None
    published: PartialDate | None = None
    url: Url | None = None
    language: LanguageTag | None = None


class Country(Record):
    """A current (ISO 3166-1) or former (ISO 3166-3) country."""

    type_name = "country"
    iri_kind = "country"
    code: CountryKey
    name: Text
    official_name: Text | None = None
    other_names: SetOf[Text] = ()
    alpha3: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    numeric: Annotated[str, Field(pattern=r"^[0-9]{3}$")] | None = None
    wikidata: WikidataId | None = None
    labels: dict[LanguageTag, Text] = Field(default_factory=dict)
    demonyms: SetOf[Text] = ()
    dissolved: PartialDate | None = None
    successors: SetOf[CountryCode] = ()

    @property
    def key(self) -> str:
        return self.code

    @property
    def historical(self) -> bool:
        return len(self.code) == 4

    @model_validator(mode="after")
    def _former_countries_have_four_letters(self) -> Self:
        if self.dissolved is not None and not self.historical:
            raise ValueError("a dissolved country is keyed by its ISO 3166-3 alpha-4 code")
        return self


class Person(Curated):
    """A person, usually an official."""

    type_name = "person"
    iri_kind = "person"
    name: Text
    other_names: SetOf[Text] = ()
    country: CountryCode | None = None
    wikidata: WikidataId | None = None


class Organization(Curated):
    """A ministry, a parliament, a parliamentary group, an international body ...

    ``partner_country`` is the other state a bilateral body is about (a friendship group).
    """

    type_name = "organization"
    iri_kind = "organization"
    name: Text
    kind: OrganizationKind
    country: CountryCode | None = None
    part_of: OrganizationRef | None = None
    partner_country: CountryCode | None = None
    wikidata: WikidataId | None = None

    @model_validator(mode="after")
    def _partner_is_another_country(self) -> Self:
        if self.partner_country is not None and self.partner_country == self.country:
            raise ValueError("partner_country must differ from country")
        return self


class DiplomaticMission(Fact):
    """A mission sent by one state to another; its key is also its organization id."""

    type_name = "mission"
    iri_kind = "organization"
    sending: CountryCode
    host: CountryCode
    kind: MissionKind
    city: Text | None = None
    name: Text | None = None
    opened: PartialDate | None = None
    closed: PartialDate | None = None
    wikidata: WikidataId | None = None

    @property
    def key(self) -> str:
        parts = [self.sending.lower(), self.host.lower(), self.kind.value.replace("_", "-")]
        if self.city:
            parts.append(slug(self.city))
        return "-".join(parts)

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.sending == self.host:
            raise ValueError("sending and host must be two different countries")
        _check_interval(self.opened, self.closed, "opened/closed")
        return self


class Post(Curated):
    """A position such as "Minister of Health of Azerbaijan"."""

    type_name = "post"
    iri_kind = "post"
    title: Text
    organization: OrganizationRef | None = None
    country: CountryCode | None = None


class PostHolding(Fact):
    """A person holding a post over an interval; open ends are unknown, not 'for ever'."""

    type_name = "holding"
    iri_kind = "holding"
    person: PersonRef
    post: PostRef
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def key(self) -> str:
        return f"{self.person}.{self.post}.{self.start or 'unknown'}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_interval(self.start, self.end, "start/end")
        return self


class BilateralRelation(Fact):
    """Diplomatic relations between two states: symmetric, one per pair."""

    type_name = "relation"
    iri_kind = "relation"
    countries: Pair
    established: PartialDate | None = None
    status: RelationStatus = RelationStatus.ACTIVE
    ended: PartialDate | None = None

    @property
    def key(self) -> str:
        return "-".join(self.countries).lower()

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_interval(self.established, self.ended, "established/ended")
        if self.ended is not None and self.status is RelationStatus.ACTIVE:
            raise ValueError("relations that ended cannot have status 'active'")
        return self


class Agreement(Fact, Curated):
    """A treaty, agreement or memorandum between states."""

    type_name = "agreement"
    iri_kind = "agreement"
    title: Text
    kind: AgreementKind
    parties: Annotated[SetOf[CountryCode], Field(min_length=2)]
    signatories: SetOf[PersonRef] = ()
    signed: PartialDate | None = None
    in_force: PartialDate | None = None
    status: AgreementStatus = AgreementStatus.UNKNOWN
    areas: SetOf[AreaRef] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_interval(self.signed, self.in_force, "signed/in_force")
        return self


class Event(Fact, Curated):
    """Something that happened between states on a date.

    ``source_country`` acts (the visitor, donor, sender, guest); ``target_country`` receives
    (the host, recipient). Both are among ``countries`` and are left out when undirected.
    """

    type_name = "event"
    iri_kind = "event"
    kind: EventKind
    date: PartialDate
    end_date: PartialDate | None = None
    title: Text | None = None
    description: LongText | None = None
    place: Text | None = None
    place_country: CountryCode | None = None
    countries: Annotated[SetOf[CountryCode], Field(min_length=2)]
    source_country: CountryCode | None = None
    target_country: CountryCode | None = None
    participants: SetOf[PersonRef] = ()
    areas: SetOf[AreaRef] = ()
    agreements: SetOf[AgreementRef] = ()

    @model_validator(mode="after")
    def _check(self) -> Self:
        _check_interval(self.date, self.end_date, "date/end_date")
        for role in ("source_country", "target_country"):
            code = getattr(self, role)
            if code is not None and code not in self.countries:
                raise ValueError(f"{role} {code} is not one of countries {list(self.countries)}")
        if self.source_country and self.source_country == self.target_country:
            raise ValueError("source_country and target_country must differ")
        return self


class TradeFigure(Fact):
    """Trade between two states over a period; ``turnover`` is symmetric, flows are the reporter's."""

    type_name = "trade"
    iri_kind = "trade"
    flow: TradeFlow
    reporter: CountryCode
    partner: CountryCode
    period: PartialDate
    period_end: PartialDate | None = None
    amount: Amount
    currency: Currency

    @property
    def key(self) -> str:
        period = f"{self.period}" + (f".{self.period_end}" if self.period_end else "")
        pair = f"{self.reporter}-{self.partner}".lower()
        return f"{pair}.{self.flow.value}.{period}.{self.currency.lower()}.{self.sources[0]}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.reporter == self.partner:
            raise ValueError("reporter and partner must be two different countries")
        if self.flow is TradeFlow.TURNOVER and self.reporter > self.partner:
            raise ValueError(
                f"turnover is symmetric: write reporter {self.partner} and partner {self.reporter}"
            )
        _check_interval(self.period, self.period_end, "period/period_end")
        return self


class ReportedCount(Fact):
    """A number a source reports about a pair, such as "ten documents have been signed"."""

    type_name = "count"
    iri_kind = "count"
    countries: Pair
    counted: Text
    count: Annotated[StrictInt, Field(ge=0)]
    as_of: PartialDate | None = None

    @property
    def key(self) -> str:
        when = str(self.as_of) if self.as_of else "undated"
        pair = "-".join(self.countries).lower()
        return f"{pair}.{slug(self.counted)}.{when}.{self.sources[0]}"


class CooperationArea(Curated):
    """A field of cooperation (healthcare, pharmaceutical industry ...): a SKOS concept."""

    type_name = "area"
    iri_kind = "area"
    label: Text
    labels: dict[LanguageTag, Text] = Field(default_factory=dict)
    broader: AreaRef | None = None


RECORD_TYPES: tuple[type[Record], ...] = (
    Source,
    Country,
    Person,
    Organization,
    DiplomaticMission,
    Post,
    PostHolding,
    BilateralRelation,
    Agreement,
    Event,
    TradeFigure,
    ReportedCount,
    CooperationArea,
)


class Dataset(BaseModel):
    """The root of a data file: one list per record type, all optional."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    persons: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    missions: tuple[DiplomaticMission, ...] = ()
    posts: tuple[Post, ...] = ()
    holdings: tuple[PostHolding, ...] = ()
    relations: tuple[BilateralRelation, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    events: tuple[Event, ...] = ()
    trade: tuple[TradeFigure, ...] = ()
    counts: tuple[ReportedCount, ...] = ()
    areas: tuple[CooperationArea, ...] = ()

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
