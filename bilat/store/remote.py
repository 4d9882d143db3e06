"""A SPARQL 1.1 server, spoken to with the SPARQL protocol over HTTP (urllib).

A URL that cannot be one of a server is bad input; a server that cannot be reached, fails, or answers
with something that is not HTTP or not SPARQL results is a StoreError: it is out of reach for bilat.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, Node, URIRef

from bilat.errors import InputError, QueryRejectedError, StoreError
from bilat.rdf.term import Term
from bilat.store.protocol import Bindings, Rows, Terms, Triple, Values, plain
from bilat.store.sparql import bind, replace_update


class RemoteStore:
    """A SPARQL 1.1 server spoken to with the SPARQL protocol over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        _check_url(query_url, "--endpoint")
        if update_url:
            _check_url(update_url, "--update-endpoint")
        self.location = query_url
        self.update_url = update_url or _update_url_for(query_url)
        self.timeout = timeout

    def select(self, query: str, bindings: Bindings | None = None) -> Rows:
        variables, solutions = self._solutions(query, bindings)
        with self._reading_answer():
            rows = [{name: _term(value) for name, value in row.items()} for row in solutions]
        return Rows(variables, rows)

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        variables, solutions = self._solutions(query, bindings)
        with self._reading_answer():
            rows = [tuple(_value(row[v]) if v in row else None for v in variables) for row in solutions]
        return Values(variables, rows)

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        variables, solutions = self._solutions(query, bindings)
        with self._reading_answer():
            rows = [tuple(_json_term(row[v]) if v in row else None for v in variables) for row in solutions]
        return Terms(variables, rows)

    def _solutions(
        self, query: str, bindings: Bindings | None
    ) -> tuple[tuple[str, ...], list[dict[str, dict[str, str]]]]:
        """The variables and the bindings of a SELECT, as SPARQL JSON results give them."""
        body = self._post(
            self.location, "query", bind(query, bindings or {}), "application/sparql-results+json"
        )
        with self._reading_answer():
            document = json.loads(body)
            variables, solutions = document["head"]["vars"], document["results"]["bindings"]
            if not all(isinstance(v, str) for v in variables) or not isinstance(solutions, list):
                raise TypeError("unexpected head or results")
            return tuple(variables), solutions

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        body = self._post(self.location, "query", bind(query, bindings or {}), "application/n-triples")
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format="nt")
        except Exception as error:  # whatever rdflib's parser raises on what a server sent
            raise StoreError(
                f"the server at {self.location} did not answer with N-Triples "
                f"({type(error).__name__}: {_start(str(error))}); is it a SPARQL endpoint?"
            ) from None
        return [(s, p, plain(o)) for s, p, o in graph]

    @contextmanager
    def _reading_answer(self) -> Iterator[None]:
        """SPARQL JSON results that are not: the server's fault, a StoreError."""
        try:
            yield
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise StoreError(
                f"the server at {self.location} did not answer with SPARQL JSON results "
                f"({type(error).__name__}: {_start(str(error))}); is it a SPARQL endpoint?"
            ) from None

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
            detail = _start(error.read().decode("utf-8", "replace").strip())
            if error.code == 400:  # the query or update itself: the caller knows whose it is
                raise QueryRejectedError(
                    f"the SPARQL server at {url} refused the request: {detail}"
                ) from None
            if 400 < error.code < 500:
                raise StoreError(
                    f"the SPARQL server at {url} refused the request ({error.code} {error.reason}): "
                    f"{detail}; check the endpoint URL and your access to it"
                ) from None
            raise StoreError(f"the SPARQL server at {url} failed ({error.code}): {detail}") from None
        except http.client.HTTPException as error:
            raise StoreError(
                f"the server at {url} did not answer in HTTP ({type(error).__name__}: {_start(str(error))}); "
                "is it a SPARQL endpoint?"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise StoreError(
                    f"the SPARQL server at {url} gave no answer within {self.timeout:g} s; the query "
                    "may be too broad, or the server overloaded"
                ) from None
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None


def _check_url(url: str, option: str) -> None:
    """InputError unless ``url`` is an http(s) URL with a host (and a port, if any, that can be one)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError as error:
        raise InputError(f"{option} {url!r} is not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{option} {url!r} is not the URL of a SPARQL endpoint: give http(s)://HOST[:PORT]/PATH, "
            "such as http://localhost:7878/query"
        )


def _start(text: str, length: int = 300) -> str:
    """The start of a message from elsewhere, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def _value(value: Any) -> str:
    if not isinstance(value["value"], str):
        raise TypeError("a value that is not text")
    return value["value"]


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
    return plain(Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype")))
