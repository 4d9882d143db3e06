"""Query results in the SPARQL 1.1 result formats: JSON (a SELECT's rows, an ASK's boolean), and the
cells of CSV and TSV (https://www.w3.org/TR/sparql11-results-csv-tsv/), which ``files.tables`` writes.

CSV gives each term as a plain string (an IRI, a literal's lexical form, ``_:`` and a blank node's
label); TSV gives it in SPARQL/Turtle syntax (``<iri>``, ``"text"@en``, ``"2020"^^<...#gYear>``, and
integers, decimals and doubles as bare numbers when their lexical form is Turtle's).
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import XSD, BNode, Literal, Node, URIRef

from bilat.store import Rows

_TURTLE_NUMBERS = {
    XSD.integer: re.compile(r"[+-]?\d+"),
    XSD.decimal: re.compile(r"[+-]?\d*\.\d+"),
    XSD.double: re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+"),
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def sparql_json(rows: Rows) -> dict[str, Any]:
    """Rows in the SPARQL 1.1 Query Results JSON format."""

    def cell(node: Node) -> dict[str, str]:
        if isinstance(node, URIRef):
            return {"type": "uri", "value": str(node)}
        if isinstance(node, Literal):
            out = {"type": "literal", "value": str(node)}
            if node.language:
                out["xml:lang"] = node.language
            elif node.datatype:
                out["datatype"] = str(node.datatype)
            return out
        return {"type": "bnode", "value": str(node)}

    return {
        "head": {"vars": list(rows.variables)},
        "results": {"bindings": [{k: cell(v) for k, v in row.items()} for row in rows.rows]},
    }


def boolean_json(answer: bool) -> dict[str, Any]:
    """An ASK's answer in the SPARQL 1.1 Query Results JSON format."""
    return {"head": {}, "boolean": answer}


def csv_cells(rows: Rows, hide: frozenset[str] = frozenset()) -> tuple[list[str], list[list[str | None]]]:
    """The header and cells of the SPARQL CSV format; None where a variable is unbound."""
    columns = [v for v in rows.variables if v not in hide]
    return columns, [[_plain(row.get(v)) for v in columns] for row in rows.rows]


def tsv_cells(rows: Rows, hide: frozenset[str] = frozenset()) -> tuple[list[str], list[list[str | None]]]:
    """The header (``?name``) and cells of the SPARQL TSV format; None where a variable is unbound."""
    columns = [v for v in rows.variables if v not in hide]
    return [f"?{v}" for v in columns], [[_turtle(row.get(v)) for v in columns] for row in rows.rows]


def _plain(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _escaped(char: str) -> str:
    """A character as a Turtle string holds it: controls escaped, so that no cell breaks a row or
    drives a terminal."""
    if char in _ESCAPES:
        return _ESCAPES[char]
    if char < " " or "\x7f" <= char <= "\x9f":
        return f"\\u{ord(char):04X}"
    return char


def _turtle(node: Node | None) -> str | None:
    """A term as SPARQL and Turtle write it, with no tab or line break left in it."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    assert isinstance(node, Literal)
    text = str(node)
    number = _TURTLE_NUMBERS.get(node.datatype) if node.datatype else None
    if number is not None and number.fullmatch(text):
        return text
    quoted = '"' + "".join(_escaped(c) for c in text) + '"'
    if node.language:
        return f"{quoted}@{node.language}"
    if node.datatype and node.datatype != XSD.string:
        return f"{quoted}^^<{node.datatype}>"
    return quoted
