"""Closed code lists of the domain; each is a SKOS concept scheme in ``ontology/bilat.ttl``."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache


class Vocabulary(StrEnum):
    """A code list whose members are published as SKOS concepts in one scheme."""


@cache
def scheme_of(vocabulary: type[Vocabulary]) -> str:
    """The scheme's name: the class name in kebab case (``EventKind`` -> ``event-kind``)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", vocabulary.__name__).lower()


class SourceKind(Vocabulary):
    NEWS_ARTICLE = "news_article"
    PRESS_RELEASE = "press_release"
    OFFICIAL_DOCUMENT = "official_document"
    DATASET = "dataset"
    WEB_PAGE = "web_page"
    BOOK = "book"


class OrganizationKind(Vocabulary):
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    AGENCY = "agency"
    HEAD_OF_STATE_OFFICE = "head_of_state_office"
    PARLIAMENT = "parliament"
    PARLIAMENTARY_GROUP = "parliamentary_group"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    COMPANY = "company"
    OTHER = "other"


class MissionKind(Vocabulary):
    EMBASSY = "embassy"
    HIGH_COMMISSION = "high_commission"
    APOSTOLIC_NUNCIATURE = "apostolic_nunciature"
    CONSULATE_GENERAL = "consulate_general"
    CONSULATE = "consulate"
    HONORARY_CONSULATE = "honorary_consulate"
    PERMANENT_MISSION = "permanent_mission"
    DE_FACTO_EMBASSY = "de_facto_embassy"
    LIAISON_OFFICE = "liaison_office"
    OTHER = "other"


class RelationStatus(Vocabulary):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    SEVERED = "severed"


class AgreementKind(Vocabulary):
    TREATY = "treaty"
    AGREEMENT = "agreement"
    CONVENTION = "convention"
    PROTOCOL = "protocol"
    MEMORANDUM = "memorandum_of_understanding"
    JOINT_DECLARATION = "joint_declaration"
    PROGRAMME = "programme"
    TRADE_AGREEMENT = "trade_agreement"
    INVESTMENT_TREATY = "investment_treaty"
    ENVIRONMENTAL_AGREEMENT = "environmental_agreement"
    ALLIANCE = "alliance"
    ACCESSION = "accession"
    OTHER = "other"


class AgreementStatus(Vocabulary):
    SIGNED = "signed"
    IN_FORCE = "in_force"
    TERMINATED = "terminated"
    EXPIRED = "expired"
    UNKNOWN = "unknown"


class EventKind(Vocabulary):
    MEETING = "meeting"
    VISIT = "visit"
    PHONE_CALL = "phone_call"
    AID = "aid"
    AGREEMENT_SIGNING = "agreement_signing"
    RELATIONS_ESTABLISHED = "relations_established"
    RELATIONS_SEVERED = "relations_severed"
    MISSION_OPENED = "mission_opened"
    MISSION_CLOSED = "mission_closed"
    CREDENTIALS_PRESENTED = "credentials_presented"
    STATEMENT = "statement"
    OTHER = "other"


class TradeFlow(Vocabulary):
    """``turnover`` is the pair's total; ``export``/``import`` are the reporter's flows."""

    TURNOVER = "turnover"
    EXPORT = "export"
    IMPORT = "import"


class RepresentationLevel(Vocabulary):
    """Correlates of War diplomatic representation levels (0, 1, 2, 3 and 9)."""

    NONE = "none"
    CHARGE_D_AFFAIRES = "charge_d_affaires"
    MINISTER = "minister"
    AMBASSADOR = "ambassador"
    OTHER = "other"


VOCABULARIES: tuple[type[Vocabulary], ...] = (
    SourceKind,
    OrganizationKind,
    MissionKind,
    RelationStatus,
    AgreementKind,
    AgreementStatus,
    EventKind,
    TradeFlow,
    RepresentationLevel,
)
