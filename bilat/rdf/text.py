"""RDF terms written as N-Triples or SPARQL text, refusing any term that could end early.

Nothing formats a value into query or N-Triples text except ``term`` and ``iri_term``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, Node, URIRef

from bilat.errors import QueryError

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_IRIS: dict[URIRef, str] = {}
"""IRIs already checked and written; most triples repeat a few predicates, classes and countries."""


def _iri(node: URIRef) -> str:
    return iri_term(str(node))


def iri_term(text: str) -> str:
    """``<text>``, refusing text that would end the IRI early."""
    if _IRI_FORBIDDEN.search(text):
        raise QueryError(f"{text!r} is not a valid IRI")
    return f"<{text}>"


def term(node: Node) -> str:
    """The SPARQL/N-Triples spelling of an IRI or literal; refuses IRIs that would break out."""
    if type(node) is URIRef:
        known = _IRIS.get(node)
        if known is None:
            known = _iri(node)
            if len(_IRIS) < 200_000:
                _IRIS[node] = known
        return known
    if isinstance(node, URIRef):
        if _IRI_FORBIDDEN.search(str(node)):
            raise QueryError(f"{str(node)!r} is not a valid IRI")
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        raise QueryError("blank nodes cannot be sent to a store; give the resource an IRI")
    raise QueryError(f"cannot write {node!r} as a SPARQL term")


def ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """The triples as N-Triples text, each term written by ``term``."""
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)
