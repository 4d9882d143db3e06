"""A server's answers read: SPARQL JSON results as rows of rdflib terms, of text or of ``Term``,
and N-Triples as triples; every term in the one spelling of ``engines.normal``.

What is not SPARQL results is the server's fault, a StoreError.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, Node, URIRef

from bilat.errors import StoreError
from bilat.files.jsonstream import sparql_rows
from bilat.rdf.term import Term
from bilat.store.engines import normal, plain
from bilat.store.exchange import start
from bilat.store.protocol import Rows, Terms, Triple, Values

Solutions = tuple[tuple[str, ...], list[dict[str, dict[str, str]]]]


@contextmanager
def reading_answer(location: str) -> Iterator[None]:
    """SPARQL JSON results that are not: the server's fault, a StoreError."""
    try:
        yield
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise StoreError(
            f"the server at {location} did not answer with SPARQL JSON results "
            f"({type(error).__name__}: {start(str(error))}); is it a SPARQL endpoint?"
        ) from None


def whole_solutions(body: bytes) -> Solutions:
    document = json.loads(body)
    return checked(document["head"]["vars"], document["results"]["bindings"])


def first_solutions(read: Any, limit: int) -> Solutions:
    """At most ``limit`` rows, the answer read no further (``files.jsonstream``)."""
    return checked(*sparql_rows(read, limit))


def checked(variables: Any, solutions: Any) -> Solutions:
    if not all(isinstance(v, str) for v in variables) or not isinstance(solutions, list):
        raise TypeError("unexpected head or results")
    return tuple(variables), solutions


def rows(solutions: Solutions, booleans: frozenset[str] = frozenset()) -> Rows:
    """Rows of rdflib terms; the ``booleans`` columns read as booleans (``engines.boolean_columns``)."""
    variables, found = solutions
    return Rows(
        variables, [{name: node(value, name in booleans) for name, value in row.items()} for row in found]
    )


def values(solutions: Solutions, booleans: frozenset[str] = frozenset()) -> Values:
    variables, found = solutions
    return Values(
        variables,
        [tuple(_value(row[v], v in booleans) if v in row else None for v in variables) for row in found],
    )


def terms(solutions: Solutions, booleans: frozenset[str] = frozenset()) -> Terms:
    variables, found = solutions
    return Terms(
        variables,
        [tuple(term(row[v], v in booleans) if v in row else None for v in variables) for row in found],
    )


def triples(body: bytes, location: str) -> list[Triple]:
    graph = Graph()
    try:
        graph.parse(data=body.decode("utf-8"), format="nt")
    except Exception as error:  # whatever rdflib's parser raises on what a server sent
        raise StoreError(
            f"the server at {location} did not answer with N-Triples "
            f"({type(error).__name__}: {start(str(error))}); is it a SPARQL endpoint?"
        ) from None
    return [(s, p, plain(o)) for s, p, o in graph]


def _value(value: Mapping[str, str], boolean: bool = False) -> str:
    text = normal(value, boolean)["value"]
    if not isinstance(text, str):
        raise TypeError("a value that is not text")
    return text


def term(value: Mapping[str, str], boolean: bool = False) -> Term:
    """A term of SPARQL JSON results as a ``Term``."""
    value = normal(value, boolean)
    if value["type"] == "uri":
        return Term(value["value"])
    if value["type"] == "bnode":
        return Term(f"_:{value['value']}")
    language = value.get("xml:lang")
    datatype = value.get("datatype") or str(RDF.langString if language else XSD.string)
    return Term(value["value"], datatype, language)


def node(value: Mapping[str, str], boolean: bool = False) -> Node:
    """A term of SPARQL JSON results as an rdflib term."""
    value = normal(value, boolean)
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    return plain(Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype")))
