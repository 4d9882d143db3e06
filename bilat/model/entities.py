"""Entities: sources, countries and their state-system memberships, persons, organizations, code lists."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, StrictInt, model_validator

from bilat.model.base import Curated, Record, check_interval
from bilat.model.dates import PartialDate
from bilat.model.fields import (
    AreaRef,
    CameoCode,
    CountryCode,
    CountryKey,
    LanguageTag,
    OrganizationRef,
    Ref,
    Score,
    SetOf,
    Text,
    Url,
    WikidataId,
)
from bilat.model.vocab import (
    OrganizationKind,
    SourceKind,
)


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
    fips: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    wikidata: WikidataId | None = None
    labels: dict[LanguageTag, Text] = Field(default_factory=dict)
    demonyms: SetOf[Text] = ()
    founded: PartialDate | None = None
    """When the state came into being, where a cited source says so."""
    dissolved: PartialDate | None = None
    """When the state ceased to exist (not when its ISO code was withdrawn)."""
    code_withdrawn: PartialDate | None = None
    """When ISO 3166 withdrew the state's code (ISO 3166-3)."""
    successors: SetOf[CountryCode] = ()
    continued_by: CountryCode | None = None
    """The one later state that continues this state's international personality (state continuity in
    international law: Russia the USSR's, the USSR the Russian Empire's); its other successors are new
    states. From ``data/continuators.csv``, which gives each row's date and source."""

    @property
    def key(self) -> str:
        return self.code

    @property
    def historical(self) -> bool:
        return len(self.code) == 4

    @model_validator(mode="after")
    def _former_countries_have_four_letters(self) -> Self:
        if (self.dissolved or self.code_withdrawn) is not None and not self.historical:
            raise ValueError("a dissolved country is keyed by its ISO 3166-3 alpha-4 code")
        return self

    @model_validator(mode="after")
    def _continued_by_another_state(self) -> Self:
        if self.continued_by == self.code:
            raise ValueError("continued_by must be another state")
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


class Post(Curated):
    """A position such as "Minister of Health of Azerbaijan"."""

    type_name = "post"
    iri_kind = "post"
    title: Text
    organization: OrganizationRef | None = None
    country: CountryCode | None = None


class CooperationArea(Curated):
    """A field of cooperation (healthcare, pharmaceutical industry ...): a SKOS concept."""

    type_name = "area"
    iri_kind = "area"
    label: Text
    labels: dict[LanguageTag, Text] = Field(default_factory=dict)
    broader: AreaRef | None = None


class StateSystemMembership(Record):
    """A period in which a country was a member of the Correlates of War state system, under a code."""

    type_name = "membership"
    iri_kind = "membership"
    country: CountryCode
    cow_code: Annotated[StrictInt, Field(ge=1, le=999)]
    cow_letters: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    start: PartialDate
    end: PartialDate | None = None

    @property
    def key(self) -> str:
        return f"{self.country.lower()}.cow{self.cow_code}.{self.start}"

    @model_validator(mode="after")
    def _check(self) -> Self:
        check_interval(self.start, self.end, "start/end")
        return self


class EventCode(Record):
    """A CAMEO event code, a SKOS concept under its root code."""

    type_name = "cameo"
    iri_kind = "cameo"
    code: CameoCode
    label: Text
    broader: Annotated[CameoCode, Ref("cameo")] | None = None
    goldstein: Score | None = None

    @property
    def key(self) -> str:
        return self.code

    @property
    def root(self) -> str:
        return self.code[:2]
