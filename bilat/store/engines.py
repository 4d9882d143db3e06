"""What differs between the engines bilat stores its graph in, in one place: which engine a server
is (from its ``Server`` header), where it keeps bilat's triples, how large a write may be, which of
its error answers are refusals, and one spelling for the values every engine returns (``plain`` for
rdflib terms, ``normal`` for SPARQL JSON terms).

Decision 0016 says which guarantee each engine gets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import XSD, Literal, Node

from bilat.store.tokens import tokens

BILAT_GRAPH = "https://w3id.org/bilat/graph"
"""Where bilat keeps its triples on an engine without a default graph that can be written to."""


@dataclass(frozen=True)
class Engine:
    """One kind of SPARQL server, as bilat must speak to it."""

    name: str
    graph: str | None
    """The graph holding bilat's triples; None for the server's default graph."""
    batch_triples: int
    """At most this many triples in one update of a staged write."""
    batch_bytes: int
    """... and at most this many bytes."""
    one_request_triples: int
    """A write of at most this many triples (and subjects) goes as one atomic update."""
    refusal: re.Pattern[str] | None = None
    """A server error (5xx) whose text matches is the server refusing the request, not failing."""
    integer_booleans: bool = False
    """Gives the value of ``EXISTS`` as the integer 0 or 1 (Virtuoso)."""

    def fields(self) -> dict[str, str]:
        """Protocol fields sent with every query and update: the graph that is bilat's."""
        return {"default-graph-uri": self.graph} if self.graph else {}

    def refuses(self, code: int, detail: str) -> bool:
        """Whether an error answer is the server refusing what it was asked (exit 6), rather than
        failing (exit 4)."""
        if 400 <= code < 500:
            return True
        return bool(self.refusal and self.refusal.search(detail))


GENERIC = Engine(
    "a SPARQL 1.1 server", None, batch_triples=5_000, batch_bytes=2_000_000, one_request_triples=5_000
)
OXIGRAPH = Engine(
    # Oxigraph takes any size in one transaction; 50,000 triples (about 7 MB) keep a request short.
    "Oxigraph",
    None,
    batch_triples=50_000,
    batch_bytes=16_000_000,
    one_request_triples=50_000,
)
VIRTUOSO = Engine(
    "Virtuoso",
    BILAT_GRAPH,
    # Its SPARQL compiler gives up on an INSERT DATA of about 5,000 triples ("SP030 memory exhausted";
    # "SQL exceeded 10000 lines" with a default graph); 1,000 per batch measured the quickest.
    batch_triples=1_000,
    batch_bytes=400_000,
    one_request_triples=1_000,
    # "Virtuoso 37000 Error SP030: ..." (compile), "42000 ... SR186" (permissions), "22023", "SR578".
    refusal=re.compile(r"Virtuoso (37000|42000|22\d{3}|HT\d+) Error"),
    integer_booleans=True,
)


def engine_of(server: str | None) -> Engine:
    """The engine a ``Server`` header names."""
    if server:
        if server.startswith("Virtuoso"):
            return VIRTUOSO
        if server.lower().startswith("oxigraph"):
            return OXIGRAPH
    return GENERIC


_BOOLEANS = {"1": "true", "0": "false"}


def boolean_columns(engine: Engine, query: str) -> frozenset[str]:
    """The variables a query binds to ``EXISTS`` or ``NOT EXISTS`` (``BIND (EXISTS {...} AS ?v)``),
    where the engine gives those as integers; read on the query's tokens."""
    if not engine.integer_booleans or "EXISTS" not in query.upper():
        return frozenset()
    found = set()
    depth = 0
    opened: list[tuple[int, bool]] = []  # the depth of each open BIND and whether it tests EXISTS
    words = list(tokens(query))
    for i, token in enumerate(words):
        text = token.text.upper()
        if text == "(" and i and words[i - 1].text.upper() == "BIND":
            following = [t.text.upper() for t in words[i + 1 : i + 3]]
            opened.append((depth, following[:1] == ["EXISTS"] or following == ["NOT", "EXISTS"]))
        if text in ("(", "{"):
            depth += 1
        elif text in (")", "}"):
            depth -= 1
            if opened and opened[-1][0] == depth:
                opened.pop()
        elif (
            text == "AS"
            and opened
            and opened[-1] == (depth - 1, True)
            and i + 1 < len(words)
            and words[i + 1].kind == "var"
        ):
            found.add(words[i + 1].text[1:])
    return frozenset(found)


def normal(value: Mapping[str, str], boolean: bool = False) -> Mapping[str, str]:
    """A SPARQL JSON term in the one spelling every engine's answers are compared in: ``typed-literal``
    (Virtuoso) as ``literal``; no explicit ``xsd:string``; booleans as ``true``/``false`` (Virtuoso
    stores them as 1 and 0, and gives a ``boolean`` column, as ``boolean_columns`` finds them, as
    integers); decimals with a point."""
    kind = value.get("type")
    if kind not in ("literal", "typed-literal"):
        return value
    datatype = value.get("datatype")
    text = value["value"]
    if boolean and datatype == _INTEGER and text in _BOOLEANS:
        datatype = _BOOLEAN
        return {"type": "literal", "value": _BOOLEANS[text], "datatype": _BOOLEAN}
    if datatype == _STRING:
        return {"type": "literal", "value": text}
    if datatype == _BOOLEAN:
        text = _BOOLEANS.get(text, text)
    elif datatype == _DECIMAL and "." not in text:
        text = f"{text}.0"
    if kind == "typed-literal" or text != value["value"]:
        result = {"type": "literal", "value": text}
        if datatype:
            result["datatype"] = datatype
        if "xml:lang" in value:
            result["xml:lang"] = value["xml:lang"]
        return result
    return value


def plain(node: Node) -> Node:
    """One spelling per value, whatever the backend: no explicit ``xsd:string``, booleans as
    ``true``/``false``, decimals with a point."""
    if isinstance(node, Literal) and node.datatype is not None:
        if node.datatype == XSD.string:
            return Literal(str(node))
        if node.datatype == XSD.boolean and str(node) in _BOOLEANS:
            return Literal(_BOOLEANS[str(node)], datatype=XSD.boolean)
        if node.datatype == XSD.decimal and "." not in str(node):
            return Literal(f"{node}.0", datatype=XSD.decimal)
    return node


_STRING = str(XSD.string)
_BOOLEAN = str(XSD.boolean)
_DECIMAL = str(XSD.decimal)
_INTEGER = str(XSD.integer)
