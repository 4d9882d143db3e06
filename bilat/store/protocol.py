"""What bilat needs from a triple store, and the shapes its answers come in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import XSD, Literal, Node, URIRef

from bilat.rdf.term import Term

Bindings = Mapping[str, Node]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Rows:
    """The result of a SELECT: variable names in order, and one mapping per row (unbound: absent)."""

    variables: tuple[str, ...]
    rows: list[dict[str, Node]] = field(default_factory=list)


@dataclass(frozen=True)
class Terms:
    """A SELECT's result as ``Term`` tuples, None where unbound: what records are rebuilt from."""

    variables: tuple[str, ...]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)


@dataclass(frozen=True)
class Values:
    """A SELECT's result as text: each IRI or literal as its value, None where unbound."""

    variables: tuple[str, ...]
    rows: list[tuple[str | None, ...]] = field(default_factory=list)


class Store(Protocol):
    """What bilat needs from a triple store."""

    location: str

    def select(self, query: str, bindings: Bindings | None = None, limit: int | None = None) -> Rows:
        """A SELECT's rows; with a ``limit``, its first ``limit`` rows, the rest never read."""

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        """A SELECT's rows as the lexical values of their terms: quicker where thousands of rows are
        only counted or compared."""

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        """Rows of ``Term``: datatypes and languages kept, without building rdflib terms."""

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]: ...

    def update(self, update: str) -> None: ...

    def replace(self, subjects: Sequence[URIRef], text: str) -> None:
        """Atomically forget what the store says about ``subjects``, then add the N-Triples ``text``."""

    def close(self) -> None: ...


def plain(node: Node) -> Node:
    """One spelling per value, whatever the backend: no explicit ``xsd:string``, decimals with a point."""
    if isinstance(node, Literal) and node.datatype is not None:
        if node.datatype == XSD.string:
            return Literal(str(node))
        if node.datatype == XSD.decimal and "." not in str(node):
            return Literal(f"{node}.0", datatype=XSD.decimal)
    return node
