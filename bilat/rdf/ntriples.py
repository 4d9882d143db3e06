"""Records straight to N-Triples text, for loads of millions of records.

``rdf.record_triples`` states a record as rdflib terms, which every other part of bilat uses; building
those terms costs more than the store takes to index them. This writer follows the same field plans
and writes the same triples as text; a test holds the two to the same graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache
from itertools import combinations
from typing import Any, cast

from rdflib import RDF, XSD
from rdflib.term import Node

from bilat.model.dataset import Event, Record
from bilat.model.dates import PartialDate
from bilat.model.vocab import Vocabulary, scheme_of
from bilat.rdf.derived import dyad_month, event_months
from bilat.rdf.mapping import EXTRA_TRIPLES, MAPPINGS
from bilat.rdf.namespaces import BILAT, mint_text
from bilat.rdf.text import term
from bilat.rdf.triples import field_plans

_DATE_TYPES = {"year": f"^^<{XSD.gYear}>", "month": f"^^<{XSD.gYearMonth}>", "day": f"^^<{XSD.date}>"}
_INTEGER = f"^^<{XSD.integer}>"
_DECIMAL = f"^^<{XSD.decimal}>"
_BOOLEAN = f"^^<{XSD.boolean}>"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _IriTexts(dict[str, str]):
    """``<iri>`` by key for one kind of record, minted on first use: most references name the same
    few hundred countries, areas and posts."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def __missing__(self, key: str) -> str:
        text = f"<{mint_text(self.kind, key)}>"
        if len(self) < 100_000:
            self[key] = text
        return text


@cache
def iri_texts(kind: str) -> _IriTexts:
    """The IRI texts of the records of ``kind``."""
    return _IriTexts(kind)


def iri(kind: str, key: str) -> str:
    """The N-Triples spelling of the IRI ``mint(kind, key)``."""
    return iri_texts(kind)[key]


def literal(text: str) -> str:
    """A plain string literal, escaped as N-Triples requires."""
    return f'"{text.translate(_ESCAPES)}"'


def _object(value: object) -> str:
    """The N-Triples spelling of a field value that is not a reference."""
    writer = _WRITERS.get(type(value))
    if writer is None:
        writer = _writer_for(type(value))
    return writer(value)


def _date(value: PartialDate) -> str:
    text = _DATES.get(value)
    if text is None:
        text = _DATES[value] = f'"{value}"{_DATE_TYPES[value.precision]}'
    return text


def _decimal(value: Decimal) -> str:
    text = f"{value:f}"
    return f'"{text if "." in text else text + ".0"}"{_DECIMAL}'


_DATES: dict[PartialDate, str] = {}
_WRITERS: dict[type, Callable[[Any], str]] = {
    str: literal,
    PartialDate: _date,
    bool: lambda value: f'"{"true" if value else "false"}"{_BOOLEAN}',
    int: lambda value: f'"{value}"{_INTEGER}',
    Decimal: _decimal,
}


def _writer_for(kind: type) -> Callable[[Any], str]:
    """The writer of a vocabulary's members (their concept's IRI), or of text for anything else."""
    if issubclass(kind, Vocabulary):
        concepts = iri_texts(scheme_of(kind))
        writer: Callable[[Any], str] = lambda member: concepts[member.value]  # noqa: E731
    else:
        writer = lambda value: literal(str(value))  # noqa: E731
    _WRITERS[kind] = writer
    return writer


@cache
def _header(record_type: type[Record]) -> tuple[str, ...]:
    """The fixed ``predicate object`` pairs every record of a type has: its classes and extras."""
    pairs: list[tuple[Node, Node]] = [(RDF.type, rdf_class) for rdf_class in MAPPINGS[record_type].classes]
    pairs.extend(EXTRA_TRIPLES.get(record_type, ()))
    return tuple(f" {term(p)} {term(o)} .\n" for p, o in pairs)


@cache
def _fields(record_type: type[Record]) -> tuple[tuple[str, str, _IriTexts | None, type | None], ...]:
    """(field name, predicate text, IRI texts of the referenced kind, container) for each field."""
    return tuple(
        (
            plan.name,
            f" {term(plan.predicate)} ",
            iri_texts(plan.ref.kind) if plan.ref else None,
            plan.container,
        )
        for plan in field_plans(record_type)
    )


_DYAD = f" {term(BILAT.dyad)} "
_CODED_DYAD = f" {term(BILAT.codedDyad)} "
_IN_DYAD_MONTH = f" {term(BILAT.inDyadMonth)} "


def record_lines(record: Record) -> list[str]:
    """The N-Triples lines that state ``record``: the triples of ``rdf.record_triples``."""
    record_type = type(record)
    subject = iri(record.iri_kind, record.key)
    lines = [subject + rest for rest in _header(record_type)]
    values = record.__dict__  # the validated fields; faster to read than attributes
    for name, predicate, references, container in _fields(record_type):
        value = values[name]
        if value is None:
            continue
        head = subject + predicate
        if references is not None:
            if container is tuple:
                lines.extend([f"{head}{references[key]} .\n" for key in value])
            else:
                lines.append(f"{head}{references[value]} .\n")
        elif container is dict:
            lines.extend(
                [f"{head}{literal(text)}@{language} .\n" for language, text in sorted(value.items())]
            )
        elif container is tuple:
            lines.extend([f"{head}{_object(item)} .\n" for item in value])
        else:
            lines.append(f"{head}{_object(value)} .\n")
    if isinstance(record, Event):
        predicate = _CODED_DYAD if record.cameo_code else _DYAD
        for a, b in combinations(sorted(record.countries), 2):
            lines.append(f"{subject}{predicate}{iri('dyad', f'{a}-{b}')} .\n")
        for a, b, month in event_months(record):
            lines.append(f"{subject}{_IN_DYAD_MONTH}<{dyad_month(a, b, month)}> .\n")
    return lines


def member_text(record_type: type[Record], name: str, member: object) -> str:
    """The N-Triples object that states one value of field ``name`` (one member of a set, one
    (language, text) pair of a language map), as ``record_lines`` writes it."""
    for field, _, references, container in _fields(record_type):
        if field != name:
            continue
        if references is not None:
            return references[member]  # type: ignore[index]
        if container is dict:
            language, text = cast(tuple[str, str], member)
            return f"{literal(text)}@{language}"
        return _object(member)
    raise ValueError(f"a {record_type.type_name} has no field {name!r}")


def records_text(records: Iterable[Record]) -> str:
    """The N-Triples document stating ``records``."""
    return "".join(["".join(record_lines(record)) for record in records])
