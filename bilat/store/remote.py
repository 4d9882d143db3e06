"""A SPARQL 1.1 server, spoken to with the SPARQL protocol over HTTP (urllib)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence

from rdflib import RDF, XSD, BNode, Graph, Literal, Node, URIRef

from bilat.errors import QueryRejectedError, StoreError
from bilat.rdf.term import Term
from bilat.store.protocol import Bindings, Rows, Terms, Triple, Values, plain
from bilat.store.sparql import bind, replace_update


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
        return [(s, p, plain(o)) for s, p, o in graph]

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
                raise QueryRejectedError(
                    f"the SPARQL server at {url} refused the request: {detail}"
                ) from None
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
    return plain(Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype")))
