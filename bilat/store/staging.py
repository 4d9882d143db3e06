"""A write too large for one update, made all or nothing on any SPARQL 1.1 server (decision 0016).

The new triples go in bounded batches into a staging graph of their own, and the subjects to forget
into a second one; nothing bilat reads changes meanwhile. One last update then forgets those subjects
in bilat's graph, adds the staged triples and drops both staging graphs: one request, which the
server applies as one transaction. A load cut short before that request leaves bilat's graph as it was
(and staging graphs that nothing reads, dropped when bilat can still reach the server).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bilat.rdf.text import iri_term

STAGING_PREFIX = "https://w3id.org/bilat/staging/"
"""Staging graphs are named under this IRI, one pair per write."""
FORGET = "https://w3id.org/bilat/staging#forget"
"""The predicate (and object) marking a subject to forget in the forget graph."""


@dataclass(frozen=True)
class Staging:
    """The two graphs of one staged write."""

    triples: str
    forget: str

    @classmethod
    def new(cls) -> Staging:
        name = f"{STAGING_PREFIX}{uuid.uuid4()}"
        return cls(name, f"{name}/forget")


def batches(lines: Iterable[str], most_lines: int, most_bytes: int) -> Iterator[str]:
    """``lines`` (each ending in a newline) joined in batches of at most ``most_lines`` lines and,
    unless a line alone is longer, ``most_bytes`` bytes."""
    batch: list[str] = []
    size = 0
    for line in lines:
        length = len(line.encode("utf-8"))
        if batch and (len(batch) >= most_lines or size + length > most_bytes):
            yield "".join(batch)
            batch, size = [], 0
        batch.append(line)
        size += length
    if batch:
        yield "".join(batch)


def insert_into(graph: str, ntriples: str) -> str:
    """An INSERT DATA of the N-Triples text into ``graph``."""
    return f"INSERT DATA {{ GRAPH {iri_term(graph)} {{\n{ntriples}}} }}"


def forget_lines(subjects: Iterable[str]) -> Iterator[str]:
    """One marker triple per subject to forget, as N-Triples lines."""
    marker = iri_term(FORGET)
    for subject in subjects:
        yield f"{iri_term(subject)} {marker} {marker} .\n"


def swap(staging: Staging, graph: str | None) -> str:
    """The last update: in ``graph`` (None: the default graph), forget the marked subjects, add the
    staged triples; then drop the staging graphs."""
    marker, staged, forget = iri_term(FORGET), iri_term(staging.triples), iri_term(staging.forget)

    def inside(pattern: str) -> str:
        return f"GRAPH {iri_term(graph)} {{ {pattern} }}" if graph else pattern

    return (
        f"DELETE {{ {inside('?s ?p ?o')} }} WHERE {{ GRAPH {forget} {{ ?s {marker} {marker} }} "
        f"{inside('?s ?p ?o')} }} ;\n"
        f"INSERT {{ {inside('?s ?p ?o')} }} WHERE {{ GRAPH {staged} {{ ?s ?p ?o }} }} ;\n"
        f"{drop(staging)}"
    )


def drop(staging: Staging) -> str:
    return f"DROP SILENT GRAPH {iri_term(staging.triples)} ;\nDROP SILENT GRAPH {iri_term(staging.forget)}"
