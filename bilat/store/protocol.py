"""What bilat needs from a triple store, and the shapes its answers come in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from rdflib import Node, URIRef

from bilat.rdf.term import Term
from bilat.store.engines import plain
from bilat.store.spool import Spool

Bindings = Mapping[str, Node]
Triple = tuple[Node, Node, Node]


Row = TypeVar("Row")


@dataclass(frozen=True)
class SelectAnswer(Generic[Row]):
    """The answer of a SELECT: its variable names in order, and its rows. A store reads the same
    answer three ways, each for its readers: ``Rows``, ``Terms`` and ``Values``."""

    variables: tuple[str, ...]
    rows: list[Row] = field(default_factory=list)


Rows = SelectAnswer[dict[str, Node]]
"""rdflib terms by variable, unbound ones absent: for the user's queries (``select``)."""
Terms = SelectAnswer[tuple[Term | None, ...]]
"""``Term`` tuples, None where unbound: what records are rebuilt from (``terms``), no rdflib objects made."""
Values = SelectAnswer[tuple[str | None, ...]]
"""Each IRI or literal as its text, None where unbound: for counting and comparing thousands (``values``)."""


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

    def replace(self, subjects: Sequence[URIRef], text: str | Spool) -> None:
        """Atomically forget what the store says about ``subjects``, then add the N-Triples ``text``
        (a large load's in a ``Spool`` of temporary files)."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None:
        """``close``: a store is a context manager."""


__all__ = ["Bindings", "Rows", "Store", "Terms", "Triple", "Values", "plain"]
