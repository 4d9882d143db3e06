"""A query's answer as the bytes of a SPARQL 1.1 result format (JSON, XML, CSV, TSV) or of a graph
serialisation (Turtle, N-Triples, JSON-LD, RDF/XML), chosen by content negotiation."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, Node, URIRef

from bilat.api.queries import Answer
from bilat.files.formats import Format
from bilat.files.tables import delimited
from bilat.graph.export import serialize
from bilat.queries.results import boolean_json, csv_cells, sparql_json, tsv_cells
from bilat.serve.negotiation import choose
from bilat.store import Rows, Triple

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"
PLAIN = "text/plain"

TABLE_TYPES = [JSON, XML, CSV, TSV, "application/json", "application/xml", "text/xml", "text/plain"]
BOOLEAN_TYPES = [JSON, XML, "application/json", "application/xml", "text/xml", "text/plain"]
GRAPH_TYPES = [TURTLE, NTRIPLES, JSONLD, RDFXML, "application/x-turtle", "text/plain", "application/json"]
_SAME = {
    "application/json": JSON,
    "application/xml": XML,
    "text/xml": XML,
    "application/x-turtle": TURTLE,
    "text/plain": NTRIPLES,
}


class NotAcceptableError(Exception):
    """No format offered for this answer is one the client accepts."""

    def __init__(self, offered: list[str]) -> None:
        super().__init__(f"this answer can be given as {', '.join(offered)}")


_SHORT_NAMES = {
    "json": JSON,
    "xml": XML,
    "csv": CSV,
    "tsv": TSV,
    "turtle": TURTLE,
    "ttl": TURTLE,
    "nt": NTRIPLES,
    "ntriples": NTRIPLES,
    "json-ld": JSONLD,
    "jsonld": JSONLD,
    "rdf": RDFXML,
}
_GRAPH_NAMES = {"xml": RDFXML, "json": JSONLD}


def media_for(form: str, accept: str | None, format: str | None = None) -> str:
    """The media type to answer a query of ``form`` (``SELECT``, ``ASK``, or ``GRAPH`` for a CONSTRUCT
    or DESCRIBE) in: by the ``format`` field when it names a format such an answer can be given in
    (``xml`` means RDF/XML for a graph), else by ``accept``; ``text/plain`` means ``true``/``false``
    for an ASK. NotAcceptableError when the client takes none of them."""
    chosen = None
    if format:
        name = format.strip().lower()
        names = {**_SHORT_NAMES, **_GRAPH_NAMES} if form == "GRAPH" else _SHORT_NAMES
        chosen = names.get(name, name if "/" in name else None)
        offered = GRAPH_TYPES if form == "GRAPH" else TABLE_TYPES
        if chosen is not None and choose(chosen, offered) is None:
            chosen = None
    if form == "GRAPH":
        return _pick(chosen, accept, GRAPH_TYPES, {"text/plain": NTRIPLES, "application/json": JSONLD})
    if form == "ASK":
        return _pick(chosen, accept, BOOLEAN_TYPES, {"text/plain": PLAIN})
    return _pick(chosen, accept, TABLE_TYPES, {"text/plain": TSV})


def rendered(answer: Answer, media: str) -> bytes:
    """The answer's bytes in ``media`` (from ``media_for``)."""
    if answer.form == "GRAPH":
        return graph_bytes(list(answer.triples), media)
    if answer.boolean is not None:
        return boolean_bytes(answer.boolean, media)
    return table_bytes(answer.rows, answer.parameters, media)


def _pick(chosen: str | None, accept: str | None, offered: list[str], meaning: dict[str, str]) -> str:
    """The media type to answer in, aliases (``application/json``) read as what they stand for."""
    media = choose(chosen or accept, offered)
    if media is None:
        raise NotAcceptableError([m for m in offered if m not in _SAME])
    return meaning.get(media) or _SAME.get(media, media)


def table_bytes(rows: Rows, hide: frozenset[str], media: str) -> bytes:
    if media == JSON:
        return json.dumps(sparql_json(rows), ensure_ascii=False).encode("utf-8")
    if media == XML:
        return _xml_results(rows)
    if media == CSV:
        return delimited(*csv_cells(rows, hide)).encode("utf-8")
    return delimited(*tsv_cells(rows, hide), "\t", terms=True).encode("utf-8")


def boolean_bytes(answer: bool, media: str) -> bytes:
    if media == PLAIN:
        return b"true\n" if answer else b"false\n"
    if media == JSON:
        return json.dumps(boolean_json(answer)).encode("utf-8")
    word = "true" if answer else "false"
    return (
        f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head/><boolean>{word}</boolean></sparql>\n"
    ).encode()


def graph_bytes(triples: list[Triple], media: str) -> bytes:
    formats = {TURTLE: Format.TURTLE, NTRIPLES: Format.NTRIPLES, JSONLD: Format.JSONLD}
    if media in formats:
        return serialize(triples, formats[media])
    graph = Graph(bind_namespaces="none")
    for triple in triples:
        graph.add(triple)
    return graph.serialize(format="xml", encoding="utf-8")


def _xml_results(rows: Rows) -> bytes:
    """Rows in the SPARQL Query Results XML Format."""
    parts = [
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>',
        *(f"<variable name={quoteattr(v)}/>" for v in rows.variables),
        "</head><results>",
    ]
    for row in rows.rows:
        parts.append("<result>")
        for name, node in row.items():
            parts.append(f"<binding name={quoteattr(name)}>{_xml_term(node)}</binding>")
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode("utf-8")


def _xml_term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<uri>{escape(str(node))}</uri>"
    if isinstance(node, BNode):
        return f"<bnode>{escape(str(node))}</bnode>"
    assert isinstance(node, Literal)
    if node.language:
        return f"<literal xml:lang={quoteattr(node.language)}>{escape(str(node))}</literal>"
    if node.datatype:
        return f"<literal datatype={quoteattr(str(node.datatype))}>{escape(str(node))}</literal>"
    return f"<literal>{escape(str(node))}</literal>"
