"""Exporting the graph, or one country's or pair's neighbourhood, as Turtle, N-Triples, JSON-LD or TriG."""

from __future__ import annotations

import heapq
import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph
from rdflib import Dataset, Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from bilat.files.formats import Format
from bilat.graph.read import fetch_records, holdings_of, records_from_rows, with_references
from bilat.graph.upgrade import STORE_NODE
from bilat.model.dataset import SECTIONS, Country, Person, PostHolding, Record
from bilat.model.vocab import Vocabulary, scheme_of
from bilat.queries import query_text
from bilat.queries.run import stored_query
from bilat.rdf.context import context
from bilat.rdf.namespaces import BILAT, ID_BASE, SEM, WIKIDATA, mint
from bilat.rdf.triples import record_references
from bilat.store import EmbeddedStore, Store, Triple

_KINDS = sorted(
    {record_type.iri_kind for record_type in SECTIONS.values()}
    | {scheme_of(vocabulary) for vocabulary in Vocabulary.__subclasses__()}
    | {"scheme", "dyad", "dyad-month", "claim"}
)
PREFIXES = {
    "bilat": str(BILAT._NS),
    # One prefix per kind of record or code list ("person:teymur-musayev"), so that names stay short
    # and need no escaped "/".
    **{kind: f"{ID_BASE}{kind}/" for kind in _KINDS},
    "schema": str(SDO),
    "org": str(ORG),
    "prov": str(PROV),
    "rdf": str(RDF),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WIKIDATA),
    "sem": str(SEM),
}


def all_triples(store: Store) -> list[Triple]:
    """Every triple in the store, but the store's own bookkeeping."""
    return store.construct(query_text("internal/all-triples"), {"store": STORE_NODE})


def whole_store(store: Store, format: Format) -> bytes:
    """Every triple of the store in ``format`` (``write_whole_store``), as bytes."""
    buffer = io.BytesIO()
    write_whole_store(store, format, buffer)
    return buffer.getvalue()


def write_whole_store(store: Store, format: Format, stream: IO[bytes]) -> None:
    """Write every triple of the store in ``format`` to ``stream``.

    An embedded store's Turtle or N-Triples start from Oxigraph's own dump to a temporary file, whose
    lines are sorted in runs of ``RUN_LINES`` and merged, so that memory stays flat however large the
    store (15.6 million triples sorted in memory took 11 GB) and no triple becomes a Python object
    (1.6 million triples: 116 s through rdflib terms, 40 s through Oxigraph's terms).
    """
    if not (isinstance(store, EmbeddedStore) and format in _OXIGRAPH_FORMATS):
        stream.write(serialize(all_triples(store), format))
        return
    with tempfile.TemporaryDirectory(prefix="bilat-export-") as folder:
        work = Path(folder)
        store.dump(work / "dump.nt")
        if format is Format.NTRIPLES:
            _write_sorted(work / "dump.nt", work, stream)
            return
        with (work / "sorted.nt").open("wb") as ntriples:
            _write_sorted(work / "dump.nt", work, ntriples)
        with (work / "store.ttl").open("wb") as turtle:
            triples = pyoxigraph.parse(path=str(work / "sorted.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
            pyoxigraph.serialize(triples, turtle, format=pyoxigraph.RdfFormat.TURTLE, prefixes=PREFIXES)
        with (work / "store.ttl").open("rb") as turtle:
            _copy_prefixes_sorted(turtle, stream)


RUN_LINES = 250_000
"""Lines sorted in memory at a time (about 50 MB of text)."""
_BOOKKEEPING = f"<{STORE_NODE}> ".encode()
_DECIMAL_OBJECT = re.compile(
    rb' "(-?[0-9]+)"(\^\^<http://www\.w3\.org/2001/XMLSchema#decimal> \.)$', re.MULTILINE
)


def _write_sorted(dump: Path, work: Path, out: IO[bytes]) -> None:
    """A dump's N-Triples lines, but the store's own bookkeeping, in byte order (which is the order of
    their terms' text: UTF-8 keeps code point order), decimals written as everywhere else; sorted in
    runs, then merged."""
    runs: list[Path] = []
    with dump.open("rb") as lines:
        while chunk := list(islice(lines, RUN_LINES)):
            text = _DECIMAL_OBJECT.sub(rb' "\1.0"\2', b"".join(chunk))
            del chunk
            kept = [line for line in text.splitlines(keepends=True) if not line.startswith(_BOOKKEEPING)]
            del text
            kept.sort()
            runs.append(work / f"run-{len(runs):04d}.nt")
            with runs[-1].open("wb") as run:
                run.writelines(kept)
    files = [run.open("rb") for run in runs]
    try:
        out.writelines(heapq.merge(*files))
    finally:
        for file in files:
            file.close()


def country_records(store: Store, country: Country) -> list[Record]:
    """The records that name ``country``, and what they name in turn."""
    query = stored_query("country-facts")
    rows = store.terms(query.text, {"c": mint("country", country.code)})
    return neighbourhood(store, records_from_rows(rows))


def neighbourhood(store: Store, records: list[Record]) -> list[Record]:
    """The records with the people, posts, holdings, sources and countries they name, so that the
    export stands on its own: an outsider's query by ISO code finds the countries in it."""
    everything = with_references(store, records)
    persons = [mint("person", r.key) for r in everything if isinstance(r, Person)]
    holdings = [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)]
    everything = with_references(store, [*everything, *holdings])
    named = {
        mint("country", key) for r in everything for _, kind, key in record_references(r) if kind == "country"
    }
    present = {mint("country", r.key) for r in everything if isinstance(r, Country)}
    return with_references(store, everything + fetch_records(store, sorted(named - present)))


def serialize(triples: Iterable[Triple], format: Format) -> bytes:
    """The triples in ``format``, with stable ordering so that equal graphs give equal files.

    Turtle and N-Triples are written by Oxigraph from the triples in sorted order (Turtle groups a
    subject's triples): 1.2 million triples took 212 s through rdflib's Turtle serializer. JSON-LD
    (compacted with bilat's own context, ``rdf.context``, carried inline so that a reader needs no
    network) and TriG (the default graph only) go through rdflib.
    """
    if format in _OXIGRAPH_FORMATS:
        return _oxigraph_bytes(
            ((_resource(s), pyoxigraph.NamedNode(str(p)), _ox(o)) for s, p, o in triples), format
        )
    if format is Format.JSONLD:
        graph = Graph(bind_namespaces="none")
        for triple in triples:
            graph.add(triple)
        return _stable_jsonld(graph.serialize(format="json-ld", encoding="utf-8", context=context()))
    # TriG: every triple in the default graph (decision 0017).
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    for triple in triples:
        dataset.default_context.add(triple)
    return dataset.serialize(format=format.value, encoding="utf-8")


def _stable_jsonld(data: bytes) -> bytes:
    """JSON-LD in one order for one graph: rdflib writes nodes and values in the order of its sets."""

    def ordered(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: ordered(item) for key, item in value.items()}
        if isinstance(value, list):
            return sorted(
                (ordered(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True)
            )
        return value

    document = ordered(json.loads(data))
    return (json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


_OXIGRAPH_FORMATS = {
    Format.TURTLE: pyoxigraph.RdfFormat.TURTLE,
    Format.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
}
OxTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal
OxSubject = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Triple
OxObject = OxTerm | pyoxigraph.Triple


def _resource(node: Node) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode:
    return pyoxigraph.NamedNode(str(node)) if isinstance(node, URIRef) else pyoxigraph.BlankNode(str(node))


def _ox(node: Node) -> OxTerm:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(node, URIRef):
        return pyoxigraph.NamedNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return pyoxigraph.Literal(str(node), language=node.language)
        datatype = pyoxigraph.NamedNode(str(node.datatype)) if node.datatype else None
        return pyoxigraph.Literal(str(node), datatype=datatype)
    return pyoxigraph.BlankNode(str(node))


def _order(triple: tuple[OxSubject, pyoxigraph.NamedNode, OxObject]) -> tuple[str, str, str]:
    return str(triple[0]), str(triple[1]), str(triple[2])


def _oxigraph_bytes(
    triples: Iterable[tuple[OxSubject, pyoxigraph.NamedNode, OxObject]], format: Format
) -> bytes:
    """Triples written by Oxigraph in sorted order, once each."""
    data = pyoxigraph.serialize(
        (pyoxigraph.Triple(s, p, o) for s, p, o in sorted(set(triples), key=_order)),
        format=_OXIGRAPH_FORMATS[format],
        prefixes=PREFIXES if format is Format.TURTLE else None,
    )
    assert data is not None  # no output file given: the bytes come back
    return _prefixes_sorted(data)


def _prefixes_sorted(turtle: bytes) -> bytes:
    """The ``@prefix`` lines in name order, whatever order the serializer wrote them in."""
    lines = turtle.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:count]) + lines[count:])


def _copy_prefixes_sorted(turtle: IO[bytes], out: IO[bytes]) -> None:
    """Copy a Turtle file with its ``@prefix`` lines in name order (``_prefixes_sorted``), the rest
    as it is."""
    head = []
    line = turtle.readline()
    while line.startswith(b"@prefix "):
        head.append(line)
        line = turtle.readline()
    out.writelines(sorted(head))
    out.write(line)
    shutil.copyfileobj(turtle, out, 1 << 20)
