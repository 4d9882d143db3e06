"""Opening a store: on-disk Oxigraph (the default), in-memory Oxigraph, or a SPARQL 1.1 server.

All three answer the same calls: ``select``, ``values`` and ``construct`` with parameters bound by
``sparql.bind``, and ``update`` and ``replace``, each applied atomically. The embedded stores are
pyoxigraph stores seen through an rdflib graph (oxrdflib); the server is spoken to over HTTP.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import pyoxigraph
from oxrdflib import OxigraphStore
from rdflib import RDF, XSD, BNode, Graph, Literal, Node, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from bilat import undo
from bilat.errors import QueryError, StoreError
from bilat.gate import ReadWriteGate
from bilat.sparql import bind, replace_update

Bindings = Mapping[str, Node]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Rows:
    """The result of a SELECT: variable names in order, and one mapping per row (unbound: absent)."""

    variables: tuple[str, ...]
    rows: list[dict[str, Node]] = field(default_factory=list)


class Term(NamedTuple):
    """An RDF term as text: an IRI (no datatype), or a literal with its datatype IRI and language."""

    value: str
    datatype: str | None = None
    language: str | None = None


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

    def select(self, query: str, bindings: Bindings | None = None) -> Rows: ...

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


def _plain(node: Node) -> Node:
    """One spelling per value, whatever the backend: no explicit ``xsd:string``, decimals with a point."""
    if isinstance(node, Literal) and node.datatype is not None:
        if node.datatype == XSD.string:
            return Literal(str(node))
        if node.datatype == XSD.decimal and "." not in str(node):
            return Literal(f"{node}.0", datatype=XSD.decimal)
    return node


class EmbeddedStore:
    """An rdflib graph on Oxigraph, on disk at ``path`` or in memory when ``path`` is None."""

    def __init__(self, path: Path | None) -> None:
        self.location = str(path) if path else ":memory:"
        self.path = path
        self.oxigraph = _open_oxigraph(path)
        if path is not None and undo.recover_needed(path):
            del self.oxigraph  # the last bulk write never finished: back to the store before it
            undo.recover(path)
            self.oxigraph = _open_oxigraph(path)
        self.graph = Graph(store=OxigraphStore(store=self.oxigraph), identifier=DATASET_DEFAULT_GRAPH_ID)
        self._gate = ReadWriteGate()
        self._broken = False

    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        with self._reading():
            result = self._run(query, bindings)
            variables = tuple(str(v) for v in result.vars or ())
            rows = [
                {name: _plain(value) for name, value in zip(variables, row, strict=True) if value is not None}
                for row in result
            ]
        return Rows(variables, rows)

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        return Values(*self._rows(query, bindings, lambda term: term.value))

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        return Terms(*self._rows(query, bindings, _text_term))

    def _rows(
        self, query: str, bindings: Bindings | None, convert: Callable[[Any], Any]
    ) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """A SELECT's variables, and its rows with each bound term converted, read by pyoxigraph."""
        with self._reading():
            solutions = self._native(bind(query, bindings or {}))
            if not isinstance(solutions, pyoxigraph.QuerySolutions):
                raise QueryError("only a SELECT query gives rows")
            variables = tuple(v.value for v in solutions.variables)
            columns = range(len(variables))
            rows = [
                tuple(None if (t := row[i]) is None else convert(t) for i in columns) for row in solutions
            ]
        return variables, rows

    def _native(
        self, query: str
    ) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryTriples | pyoxigraph.QueryBoolean:
        try:
            return self.oxigraph.query(query)
        except (SyntaxError, ValueError, OSError) as error:
            raise QueryError(f"the query was rejected: {error}") from None

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        with self._reading():
            return [(s, p, _plain(o)) for s, p, o in self._run(query, bindings)]

    def construct_oxigraph(self, query: str) -> list[pyoxigraph.Triple]:
        """A CONSTRUCT's triples as pyoxigraph terms, for writing millions of them out."""
        with self._reading():
            triples = self._native(query)
            if not isinstance(triples, pyoxigraph.QueryTriples):
                raise QueryError("only a CONSTRUCT query gives triples")
            return list(triples)

    def update(self, update: str) -> None:
        with self._reading():  # one transaction: readers see before or after, as for a query
            try:
                self.graph.update(update)
            except (SyntaxError, ValueError) as error:
                raise QueryError(f"the update was rejected: {error}") from None

    def replace(self, subjects: Sequence[URIRef], text: str) -> None:
        if self.path is not None and text.count("\n") >= BULK_TRIPLES:
            self._bulk_replace(subjects, text)
        elif subjects:
            self.update(replace_update(subjects, text))
        else:  # nothing to forget: Oxigraph's N-Triples loader, one transaction, measured faster
            with self._reading():
                self.oxigraph.load(text, format=pyoxigraph.RdfFormat.N_TRIPLES)

    def _bulk_replace(self, subjects: Sequence[URIRef], text: str) -> None:
        """Oxigraph's bulk loader, made all-or-nothing by a checkpoint (``undo``); queries in this
        process wait meanwhile, so that none sees half a write."""
        assert self.path is not None
        with self._gate.writing():
            self._usable()
            self._broken = True  # until the write completes
            try:
                with undo.checkpoint(self.oxigraph, self.path):
                    if subjects:
                        self.graph.update(replace_update(subjects, ""))
                    # The text was written by bilat from validated records: no need to check it again.
                    self.oxigraph.bulk_load(text, format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
            except (OSError, SyntaxError, ValueError) as error:
                raise StoreError(
                    f"writing to the store at {self.location} failed: {error}; nothing of this load "
                    "will remain once the store is opened again"
                ) from None
            self._broken = False
            try:
                # Bulk-loaded files sit apart until compacted: a dossier right after a million-event
                # load took 241 ms instead of 52 ms; compacting costs about a tenth of the load.
                self.oxigraph.optimize()
            except OSError as error:
                raise StoreError(f"the load is complete, but compacting the store failed: {error}") from None

    def close(self) -> None:
        self.graph.close()
        del self.oxigraph

    @contextmanager
    def _reading(self) -> Iterator[None]:
        with self._gate.reading():
            self._usable()
            yield

    def _usable(self) -> None:
        if self._broken:
            raise StoreError(
                f"a bulk write to {self.location} failed half way; close the store and open it "
                "again, which puts back the state before that write"
            )

    def _run(self, query: str, bindings: Bindings | None):  # type: ignore[no-untyped-def]
        try:
            return self.graph.query(bind(query, bindings or {}))
        except (SyntaxError, ValueError, RuntimeError) as error:
            raise QueryError(f"the query was rejected: {error}") from None


def _text_term(node: pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode) -> Term:
    if type(node) is pyoxigraph.NamedNode:
        value = node.value
        known = _IRI_TERMS.get(value)
        if known is None:
            known = Term(value)
            if len(_IRI_TERMS) < 100_000:
                _IRI_TERMS[value] = known
        return known
    if isinstance(node, pyoxigraph.Literal):
        return Term(node.value, node.datatype.value, node.language)
    return Term(f"_:{node.value}")


_IRI_TERMS: dict[str, Term] = {}
"""IRIs already seen as terms: rows repeat the same subjects, predicates, classes and countries."""


BULK_TRIPLES = 50_000
"""Writes of at least this many triples to an on-disk store go through Oxigraph's bulk loader."""


def _open_oxigraph(path: Path | None) -> pyoxigraph.Store:
    try:
        if path is None:
            return pyoxigraph.Store()
        path.parent.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as error:
        if "lock" in str(error).lower():
            raise StoreError(
                f"the store at {path} is busy: another bilat process is using it; "
                "wait for it to finish and try again"
            ) from None
        raise StoreError(f"cannot open the store at {path}: {error}") from None


class RemoteStore:
    """A SPARQL 1.1 server spoken to with the SPARQL protocol over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        if urllib.parse.urlsplit(query_url).scheme not in ("http", "https"):
            raise StoreError(f"{query_url!r} is not an http(s) SPARQL endpoint URL")
        self.location = query_url
        self.update_url = update_url or _update_url_for(query_url)
        self.timeout = timeout

    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        variables, solutions = self._solutions(query, bindings)
        return Rows(variables, [{name: _term(value) for name, value in row.items()} for row in solutions])

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        variables, solutions = self._solutions(query, bindings)
        rows = [tuple(row[v]["value"] if v in row else None for v in variables) for row in solutions]
        return Values(variables, rows)

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        variables, solutions = self._solutions(query, bindings)
        rows = [tuple(_json_term(row[v]) if v in row else None for v in variables) for row in solutions]
        return Terms(variables, rows)

    def _solutions(
        self, query: str, bindings: Bindings | None
    ) -> tuple[tuple[str, ...], list[dict[str, dict[str, str]]]]:
        """The variables and the bindings of a SELECT, as SPARQL JSON results give them."""
        body = self._post(
            self.location, "query", bind(query, bindings or {}), "application/sparql-results+json"
        )
        document = json.loads(body)
        return tuple(document["head"]["vars"]), document["results"]["bindings"]

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        body = self._post(self.location, "query", bind(query, bindings or {}), "application/n-triples")
        graph = Graph()
        graph.parse(data=body.decode("utf-8"), format="nt")
        return [(s, p, _plain(o)) for s, p, o in graph]

    def update(self, update: str) -> None:
        self._send(self.update_url, update.encode("utf-8"), "application/sparql-update", "*/*")

    def replace(self, subjects: Sequence[URIRef], text: str) -> None:
        self.update(replace_update(subjects, text))

    def close(self) -> None:
        """Nothing to release: every call is one HTTP request."""

    def _post(self, url: str, form_field: str, text: str, accept: str) -> bytes:
        data = urllib.parse.urlencode({form_field: text}).encode("utf-8")
        return self._send(url, data, "application/x-www-form-urlencoded", accept)

    def _send(self, url: str, data: bytes, content_type: str, accept: str) -> bytes:
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={"Accept": accept, "Content-Type": content_type},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            if 400 <= error.code < 500:
                raise QueryError(f"the SPARQL server at {url} refused the request: {detail}") from None
            raise StoreError(f"the SPARQL server at {url} failed ({error.code}): {detail}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise StoreError(
                    f"the SPARQL server at {url} gave no answer within {self.timeout:g} s; the query "
                    "may be too broad, or the server overloaded"
                ) from None
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None


def _update_url_for(query_url: str) -> str:
    """Oxigraph and Fuseki serve updates beside queries at ``.../update``; others on the same URL."""
    return query_url[: -len("query")] + "update" if query_url.endswith("/query") else query_url


def _json_term(value: Mapping[str, str]) -> Term:
    """A term of SPARQL JSON results as a ``Term``."""
    if value["type"] == "uri":
        return Term(value["value"])
    if value["type"] == "bnode":
        return Term(f"_:{value['value']}")
    language = value.get("xml:lang")
    datatype = value.get("datatype") or str(RDF.langString if language else XSD.string)
    return Term(value["value"], datatype, language)


def _term(value: Mapping[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    return _plain(Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype")))


def open_store(
    path: Path | None = None,
    *,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
) -> Store:
    """Open the store the user asked for: a SPARQL server, memory, or a directory on disk."""
    if endpoint:
        return RemoteStore(endpoint, update_endpoint)
    if memory:
        return EmbeddedStore(None)
    if path is None:
        raise StoreError("no store location given")
    return EmbeddedStore(path)


def store_is_empty(store: Store) -> bool:
    """True when the store holds no triple at all."""
    return not store.select("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").rows


__all__: Sequence[str] = (
    "EmbeddedStore",
    "RemoteStore",
    "Rows",
    "Store",
    "Term",
    "Terms",
    "Values",
    "open_store",
)
