"""Facts about pairs of states: relations, missions, post holdings, agreements, events, trade, counts."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import AfterValidator, Field, StrictInt, model_validator

from bilat.model.base import Curated, Fact, Pair, check_interval, slug
from bilat.model.dates import PartialDate
from bilat.model.fields import (
    AgreementRef,
    Amount,
    AreaRef,
    CameoCode,
    Confidence,
    CountryCode,
    Currency,
    FactRef,
    Key,
    LongText,
    PersonRef,
    PostRef,
    Score,
    SetOf,
    Text,
    WikidataId,
)
from bilat.model.vocab import (
    AgreementKind,
    AgreementStatus,
    EventKind,
    MissionKind,
    RelationStatus,
    RepresentationLevel,
    TradeFlow,
)


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
        check_interval(self.opened, self.closed, "opened/closed")
        return self


class PostHolding(Fact):
    """A person holding a post over an interval; open ends are unknown, not 'for ever'."""

    type_name = "holding"
    iri_kind = "holding"
    person: PersonRef
    post: PostRef
    appointed: PartialDate | None = None
    """When the person was appointed (named, nominated), which may come before the start."""
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def key(self) -> str:
        return f"{self.person}.{self.post}.{self.start or 'unknown'}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        check_interval(self.start, self.end, "start/end")
        check_interval(self.appointed, self.end, "appointed/end")
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
        check_interval(self.established, self.ended, "established/ended")
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
    ended: PartialDate | None = None
    """When it stopped binding the parties: terminated, expired, or (for one party) left."""
    status: AgreementStatus = AgreementStatus.UNKNOWN
    areas: SetOf[AreaRef] = ()
    base_agreement: AgreementRef | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        check_interval(self.signed, self.in_force, "signed/in_force")
        check_interval(self.signed or self.in_force, self.ended, "signed/ended")
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
    cameo_code: CameoCode | None = None
    goldstein: Score | None = None
    tone: Score | None = None
    mentions: Annotated[StrictInt, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        check_interval(self.date, self.end_date, "date/end_date")
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
        check_interval(self.period, self.period_end, "period/period_end")
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


def _sorted_dates(values: tuple[PartialDate, ...]) -> tuple[PartialDate, ...]:
    return tuple(sorted(set(values)))


class Representation(Fact):
    """The level at which ``sending`` was represented in ``host`` in each observed year (COW)."""

    type_name = "representation"
    iri_kind = "representation"
    sending: CountryCode
    host: CountryCode
    level: RepresentationLevel
    years: Annotated[tuple[PartialDate, ...], AfterValidator(_sorted_dates), Field(min_length=1)]

    @property
    def key(self) -> str:
        return f"{self.sending.lower()}-{self.host.lower()}.{self.level.value}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.sending == self.host:
            raise ValueError("sending and host must be two different countries")
        return self


class Evidence(Fact):
    """The words of a source that support a fact: the quote, where it stands in the source's text,
    how it was found and how sure that is. ``sources`` names the source the offsets refer to."""

    type_name = "evidence"
    iri_kind = "evidence"
    fact: FactRef
    quote: LongText
    start: Annotated[StrictInt, Field(ge=0)]
    end: Annotated[StrictInt, Field(gt=0)]
    method: Key
    confidence: Confidence

    @property
    def key(self) -> str:
        return f"{self.fact.replace('/', '.')}.{self.sources[0]}.{self.start}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must come after start ({self.start})")
        return self


class VoteAgreement(Fact):
    """How alike two states voted in the UN General Assembly in a year: of the roll calls both voted in
    (yes, no or abstain), in how many they voted the same."""

    type_name = "vote_agreement"
    iri_kind = "vote-agreement"
    countries: Pair
    year: PartialDate
    votes: Annotated[StrictInt, Field(gt=0)]
    """Roll calls in which both voted."""
    agreed: Annotated[StrictInt, Field(ge=0)]
    """Roll calls in which they voted the same."""

    @property
    def share(self) -> float:
        return self.agreed / self.votes

    @property
    def key(self) -> str:
        return f"{'-'.join(self.countries).lower()}.{self.year}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.year.month is not None:
            raise ValueError(f"year: give the year alone, not {self.year}")
        if self.agreed > self.votes:
            raise ValueError(f"agreed ({self.agreed}) cannot exceed votes ({self.votes})")
        return self
