"""A user's query on an embedded store answered by Oxigraph itself: the guarded text run on pyoxigraph
and its results written by Oxigraph's own serializers in the negotiated format, no rdflib term made
and no Python JSON. Oxigraph lets other threads run while it evaluates and writes, so several queries
use several cores. Anything this path cannot answer goes back to ``bilat.api`` (``sparql``)."""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph
from rdflib import Graph

from bilat.graph.export import PREFIXES as TURTLE_PREFIXES
from bilat.queries import prefixes
from bilat.serve import answers
from bilat.serve.state import State
from bilat.store import EmbeddedStore
from bilat.store.tokens import tokens

RESULT_FORMATS = {
    answers.JSON: pyoxigraph.QueryResultsFormat.JSON,
    answers.XML: pyoxigraph.QueryResultsFormat.XML,
    answers.CSV: pyoxigraph.QueryResultsFormat.CSV,
    answers.TSV: pyoxigraph.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    answers.TURTLE: pyoxigraph.RdfFormat.TURTLE,
    answers.NTRIPLES: pyoxigraph.RdfFormat.N_TRIPLES,
    answers.RDFXML: pyoxigraph.RdfFormat.RDF_XML,
}
"""JSON-LD is left to ``bilat.api``: it is compacted with bilat's own context (``rdf.context``)."""

USER_PREFIXES = {
    **{prefix: str(namespace) for prefix, namespace in Graph().namespaces()},
    **prefixes(),
}
"""The prefixes a user's query may use undeclared, as on the command line (``store.embedded``)."""

_CACHED_CHARS = 20_000
"""Projections are kept for query texts up to this long (a server is asked the same ones again)."""
_PARSER = pyoxigraph.Store()
"""An empty store in memory, asked only for a query's projection (which no data changes)."""


def serves(state: State, media: str) -> bool:
    """Whether this path answers in ``media`` on this store: an embedded store that no failed write
    may have left unusable, and a format Oxigraph writes (an ASK's ``true``/``false`` too)."""
    return (
        isinstance(state.store, EmbeddedStore)
        and state.native
        and (media in RESULT_FORMATS or media in GRAPH_FORMATS or media == answers.PLAIN)
    )


def answer(state: State, text: str, form: str, media: str) -> bytes | None:
    """The answer to ``text`` (already let through by the guard) of ``form`` in ``media``: a SELECT's
    rows or a graph's triples no more than the row limit. Run on the calling thread, which must be
    the one that reads the bytes (Oxigraph's results stay on the thread that made them); it reads
    under the state's gate, so a write waits for it, even after the caller stopped waiting. None when
    Oxigraph refuses or fails: ``bilat.api``'s path then gives the answer or the error it always
    gave (the parser's message, a damaged store's)."""
    limit = state.settings.query_limit
    with state.reading() as store:
        assert isinstance(store, EmbeddedStore)
        try:
            if form == "SELECT" and limit is not None:
                text = limited(text, limit)
            results = store.oxigraph.query(text, prefixes=USER_PREFIXES)
            if isinstance(results, pyoxigraph.QuerySolutions):
                return results.serialize(format=RESULT_FORMATS[media])
            if isinstance(results, pyoxigraph.QueryBoolean):
                if media == answers.PLAIN:
                    return b"true\n" if results else b"false\n"
                return results.serialize(format=RESULT_FORMATS[media])
            return _graph(results, media, limit)
        except (SyntaxError, ValueError, RuntimeError, OSError):
            return None


def _graph(triples: pyoxigraph.QueryTriples, media: str, limit: int | None) -> bytes:
    """A graph's triples once each, in a stable order and no more than ``limit``, as ``bilat query``
    gives them, written by Oxigraph."""
    kept = sorted(set(triples), key=_order)[:limit]
    data = pyoxigraph.serialize(
        kept,
        format=GRAPH_FORMATS[media],
        prefixes=TURTLE_PREFIXES if media == answers.TURTLE else None,
    )
    assert data is not None  # no output file given: the bytes come back
    return _prefixes_sorted(data) if media == answers.TURTLE else data


def _prefixes_sorted(turtle: bytes) -> bytes:
    """The ``@prefix`` lines in name order: Oxigraph writes them in an order of its own, which may
    change from one answer to the next."""
    lines = turtle.split(b"\n")
    count = next((i for i, line in enumerate(lines) if not line.startswith(b"@prefix ")), len(lines))
    return b"\n".join(sorted(lines[:count]) + lines[count:])


def _order(triple: pyoxigraph.Triple) -> tuple[str, str, str]:
    return str(triple.subject), str(triple.predicate), str(triple.object)


def limited(text: str, limit: int) -> str:
    """A SELECT as the same query read for at most ``limit`` rows: its body made a subquery of one
    that projects the same variables in the same order, under ``LIMIT``. Oxigraph then stops at the
    limit itself, and its serializer writes the rows without Python seeing them."""
    if len(text) <= _CACHED_CHARS:
        return _limited(text, limit)
    return _wrap(text, limit)


@lru_cache(maxsize=512)
def _limited(text: str, limit: int) -> str:
    return _wrap(text, limit)


def _wrap(text: str, limit: int) -> str:
    solutions = _PARSER.query(text, prefixes=USER_PREFIXES)
    if not isinstance(solutions, pyoxigraph.QuerySolutions):
        raise ValueError("not a SELECT")
    projection = " ".join(f"?{variable.value}" for variable in solutions.variables) or "*"
    del solutions
    start = _body_start(text)
    return f"{text[:start]}SELECT {projection} WHERE {{\n{text[start:]}\n}} LIMIT {limit}"


def _body_start(text: str) -> int:
    """Where the query's form begins, after its prologue's ``BASE`` and ``PREFIX`` declarations (which a
    subquery may not hold)."""
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() not in ("BASE", "PREFIX"):
            return token.start
    return len(text)
