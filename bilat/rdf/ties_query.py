"""The ties query, written from the fact-kind declarations and the RDF mapping.

``python -m bilat.rdf.ties_query --write`` rewrites ``bilat/queries/ties.rq``; a test keeps the
committed file equal to what this module writes. One arm per kind (two for a directed kind, one per
direction), each naming its class with its own patterns: Oxigraph plans a type pattern shared by a
UNION as a scan (measured: 19 ms instead of 1.4 ms at 100,000 events).
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import ORG

from bilat.model.kinds import KINDS, FactKind
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.namespaces import BILAT

PATH = Path(__file__).parent.parent / "queries" / "ties.rq"
_PREFIXES = {str(BILAT._NS): "bilat:", str(ORG): "org:"}

HEADER = """\
# title: Every fact that links two countries, events apart, as the triples of each fact
# param a: country
# param b: country
# Written by `python -m bilat.rdf.ties_query --write` from bilat/model/kinds.py; do not edit.
"""


def _short(iri: URIRef) -> str:
    for namespace, prefix in _PREFIXES.items():
        if str(iri).startswith(namespace):
            return prefix + str(iri)[len(namespace) :]
    return f"<{iri}>"


def _arms(kind: FactKind) -> list[str]:
    mapping = MAPPINGS[kind.record]
    cls = _short(mapping.classes[0])
    predicates = [_short(mapping.predicates[field]) for field in kind.pair]
    if not kind.directed:
        return [f"?s a {cls} ; {predicates[0]} ?a, ?b ."]
    first, second = predicates
    return [f"?s {first} {a} ; {second} {b} ; a {cls} ." for a, b in (("?a", "?b"), ("?b", "?a"))]


def ties_query() -> str:
    """The text of ``ties.rq``."""
    arms = [arm for kind in KINDS if not kind.indexed for arm in _arms(kind)]
    union = "\n  } UNION {\n".join(f"    {arm}" for arm in arms)
    return f"{HEADER}SELECT ?s ?p ?o WHERE {{\n  {{\n{union}\n  }}\n  FILTER (?a != ?b)\n  ?s ?p ?o .\n}}\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        PATH.write_text(ties_query(), encoding="utf-8")
    else:
        sys.stdout.write(ties_query())
