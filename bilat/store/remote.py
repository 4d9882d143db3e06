"""A SPARQL 1.1 server as a ``Store``: queries and updates over the SPARQL protocol (``exchange``),
answers read by ``results``, what differs between engines taken from ``engines``, and writes too
large for one update staged (``staging``), all or nothing (decision 0016).

A URL that cannot be one of a server is bad input; a server that cannot be reached, fails, or answers
with something that is not HTTP or not SPARQL results is a StoreError (exit 4); a server that refuses
what it was asked is a ServerRefusedError (exit 6), its own words quoted.

The engine is known from the ``Server`` header of the first answer; no request is sent to find it
out, except before the first update, which must not reach the wrong graph.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from typing import TypeVar

from rdflib import URIRef

from bilat.errors import BilatError, QueryRejectedError, ServerRefusedError, StoreError
from bilat.queries import query_body
from bilat.store import results, staging
from bilat.store.engines import GENERIC, Engine, boolean_columns, engine_of
from bilat.store.exchange import FORM, MAX_REDIRECTS, StatusError, check_url, form, post
from bilat.store.protocol import Bindings, Rows, Terms, Triple, Values
from bilat.store.sparql import bind, replace_update
from bilat.store.spool import Spool

__all__ = ["MAX_REDIRECTS", "RemoteStore"]

T = TypeVar("T")
WRITE_TIMEOUT = 600.0
"""Seconds one update of a load may take: the last one of a staged write does the server's work of
the whole load."""
_JSON = "application/sparql-results+json"
_AGAIN = object()


class RemoteStore:
    """A SPARQL 1.1 server spoken to with the SPARQL protocol over HTTP."""

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        timeout: float = 60,
        engine: Engine | None = None,
    ) -> None:
        check_url(query_url, "--endpoint")
        if update_url:
            check_url(update_url, "--update-endpoint")
        self.location = query_url
        self.update_url = update_url or _update_url_for(query_url)
        self.timeout = timeout
        """Seconds a whole request may take, its answer read to the end."""
        self.write_timeout = max(timeout, WRITE_TIMEOUT)
        self.engine = engine
        """The kind of server, once an answer has named it (``engines``)."""

    def select(self, query: str, bindings: Bindings | None = None, limit: int | None = None) -> Rows:
        solutions = self._solutions(query, bindings, limit)
        with results.reading_answer(self.location):
            return results.rows(solutions, self._booleans(query))

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        solutions = self._solutions(query, bindings)
        with results.reading_answer(self.location):
            return results.values(solutions, self._booleans(query))

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        solutions = self._solutions(query, bindings)
        with results.reading_answer(self.location):
            return results.terms(solutions, self._booleans(query))

    def _booleans(self, query: str) -> frozenset[str]:
        return boolean_columns(self.engine or GENERIC, query)

    def _solutions(
        self, query: str, bindings: Bindings | None, limit: int | None = None
    ) -> results.Solutions:
        text = bind(query, bindings or {})
        with results.reading_answer(self.location):
            if limit is None:
                return results.whole_solutions(self._query(text, _JSON, lambda answer: answer.read()))
            return self._query(text, _JSON, lambda answer: results.first_solutions(answer.read, limit))

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        body = self._query(bind(query, bindings or {}), "application/n-triples", lambda answer: answer.read())
        return results.triples(body, self.location)

    def _query(self, text: str, accept: str, read: Callable[[http.client.HTTPResponse], T]) -> T:
        """The answer to a query, sent as the engine wants it; when the first answer names an engine
        that wants the query otherwise (Virtuoso: bilat's graph named), sent once more."""
        result = self._query_as(self.engine or GENERIC, text, accept, read)
        if result is _AGAIN:
            result = self._query_as(self._engine(), text, accept, read)
        return result  # type: ignore[return-value]

    def _query_as(
        self, engine: Engine, text: str, accept: str, read: Callable[[http.client.HTTPResponse], T]
    ) -> T | object:
        sent = engine.fields()

        def answer(response: http.client.HTTPResponse) -> T | object:
            if self.engine is None:
                self.engine = engine_of(response.headers.get("Server"))
                if self.engine.fields() != sent:
                    return _AGAIN
            return read(response)

        try:
            return post(self.location, form({"query": text, **sent}), FORM, accept, self.timeout, answer)
        except StatusError as error:
            raise self._refused(error, "query") from None

    def update(self, update: str) -> None:
        self._update(update, self.timeout)

    def _update(self, update: str, timeout: float, named: bool = False) -> None:
        """Send an update; one that names every graph it touches (``named``) goes without the
        engine's fields, which would hide the other graphs from its patterns."""
        engine = self._engine()
        fields = {} if named else engine.fields()
        if fields:
            data, content_type = form({"update": update, **fields}), FORM
        else:
            data, content_type = update.encode("utf-8"), "application/sparql-update"
        try:
            post(self.update_url, data, content_type, "*/*", timeout, lambda answer: answer.read())
        except StatusError as error:
            raise self._refused(error, "update") from None

    def _engine(self) -> Engine:
        """The engine, asked with ``queries/internal/probe.rq`` if no answer has named it yet."""
        if self.engine is None:
            self._query(query_body("internal/probe"), _JSON, lambda answer: answer.read())
        assert self.engine is not None
        return self.engine

    def replace(self, subjects: Sequence[URIRef], text: str | Spool) -> None:
        """Forget what the server says about ``subjects`` and add the N-Triples ``text``, all or
        nothing: as one update when the engine takes it whole, otherwise staged (``staging``)."""
        engine = self._engine()
        lines = text.lines if isinstance(text, Spool) else text.count("\n")
        if max(lines, len(subjects)) <= engine.one_request_triples:
            whole = text.text() if isinstance(text, Spool) else text
            if len(whole.encode("utf-8")) <= engine.batch_bytes:
                self._update(replace_update(subjects, whole), self.write_timeout)
                return
        triples = text.text_lines() if isinstance(text, Spool) else text.splitlines(keepends=True)
        self._staged(engine, [str(s) for s in subjects], triples)

    def _staged(self, engine: Engine, subjects: list[str], triples: Iterable[str]) -> None:
        graphs = staging.Staging.new()
        try:
            self._send_batches(engine, graphs.triples, triples)
            self._send_batches(engine, graphs.forget, staging.forget_lines(subjects))
        except BaseException:
            with suppress(BilatError):  # nothing reads a staging graph: tidying up is a courtesy
                self._update(staging.drop(graphs), min(self.timeout, 10), named=True)
            raise
        try:
            self._update(staging.swap(graphs, engine.graph), self.write_timeout, named=True)
        except ServerRefusedError:
            raise
        except StoreError as error:
            raise StoreError(
                f"{error}. The last step of the load was sent: the server applied all of it or none of "
                "it; load the same files again to be sure (a load repeated changes nothing)"
            ) from None

    def _send_batches(self, engine: Engine, graph: str, lines: Iterable[str]) -> None:
        for batch in staging.batches(lines, engine.batch_triples, engine.batch_bytes):
            self._update(staging.insert_into(graph, batch), self.write_timeout, named=True)

    def close(self) -> None:
        """Nothing to release: every call is one HTTP request."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _refused(self, error: StatusError, asked: str) -> BilatError:
        """The error for a server's answer that is not a success."""
        where = f"the SPARQL server at {error.url}"
        if error.code == 400 and asked == "query":  # the query itself: the caller knows whose it is
            return QueryRejectedError(f"{where} refused the request: {error.detail}")
        if (self.engine or GENERIC).refuses(error.code, error.detail):
            hint = (
                "; check the endpoint URL and your access to it" if error.code in (401, 403, 404, 405) else ""
            )
            return ServerRefusedError(
                f"{where} refused the {asked} ({error.code} {error.reason}): {error.detail}{hint}"
            )
        return StoreError(f"{where} failed ({error.code}): {error.detail}")


def _update_url_for(query_url: str) -> str:
    """Oxigraph and Fuseki serve updates beside queries at ``.../update``; others on the same URL."""
    return query_url[: -len("query")] + "update" if query_url.endswith("/query") else query_url
