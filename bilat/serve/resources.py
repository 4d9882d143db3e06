"""Resource pages: ``/id/{kind}/{key}`` for every IRI bilat mints (``https://w3id.org/bilat/id/...``),
as a page for a browser and as Turtle, N-Triples or JSON-LD for a program (content negotiation). The
path is read as the IRI's own characters and never touches a file."""

from __future__ import annotations

import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilat.api.resources import Description, describe
from bilat.errors import BilatError
from bilat.rdf.namespaces import ID_BASE
from bilat.serve.answers import GRAPH_TYPES, JSONLD, NTRIPLES, TURTLE, graph_bytes
from bilat.serve.errors import error_response, problem
from bilat.serve.home import error_page, not_found
from bilat.serve.html import join, link, page, path, resource_link, section, table, tag
from bilat.serve.negotiation import choose
from bilat.serve.state import State

_PATH = re.compile(r"[a-z][a-z-]{0,39}/[A-Za-z0-9._~%-]{1,400}")
"""A minted IRI's path: its kind, then its key (``mint`` percent-encodes any other character)."""
_LABELS = (
    "https://schema.org/name",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
)


async def resource(request: Request) -> Response:
    state: State = request.app.state.bilat
    raw = request.scope.get("raw_path", b"").decode("latin-1")
    rest = raw.split("?", 1)[0].removeprefix("/id/")
    if not _PATH.fullmatch(rest) or ".." in rest:
        return not_found("bilat mints no such resource")
    kind = rest.split("/", 1)[0]
    accept = request.headers.get("accept")
    media = choose(accept, ["text/html", *GRAPH_TYPES, "application/xhtml+xml"])
    try:
        found = await run_in_threadpool(_describe, state, ID_BASE + rest)
    except BilatError as error:
        return error_response(error) if media not in ("text/html", None) else error_page(error)
    if not found.found:
        return not_found(f"the store holds nothing about {ID_BASE + rest}")
    if media in ("text/html", "application/xhtml+xml"):
        return _page(found, kind, rest.split("/", 1)[1])
    if media is None:
        return problem(
            406, "a resource is given as text/html, text/turtle, application/n-triples or application/ld+json"
        )
    media = {"text/plain": NTRIPLES, "application/json": JSONLD, "application/x-turtle": TURTLE}.get(
        media, media
    )
    data = await run_in_threadpool(graph_bytes, found.triples, media)
    return Response(data, media_type=media, headers={"Vary": "Accept"})


def _describe(state: State, iri: str) -> Description:
    with state.reading() as store:
        return state.cached(("describe", iri), lambda: describe(store, iri), size=1024)


def _page(found: Description, kind: str, key: str) -> Response:
    label = next((str(o) for _, p, o in found.triples if str(p) in _LABELS), found.iri)
    own = table(
        ["property", "value"],
        [[resource_link(str(p)), _value(o)] for _, p, o in found.triples],
        class_="triples",
    )
    incoming = table(
        ["resource", "property"],
        [[resource_link(str(s)), resource_link(str(p))] for s, p, _ in found.incoming],
        class_="incoming",
    )
    content = join(
        [
            tag("p", tag("code", found.iri), class_="meta"),
            tag("p", link(path("country", key), "The country's page")) if kind == "country" else "",
            section("What the store says", own) if found.triples else "",
            section(f"Linked from ({len(found.incoming)})", incoming) if found.incoming else "",
        ]
    )
    return page(label, content)


def _value(node: object) -> object:
    from rdflib import Literal, URIRef

    if isinstance(node, URIRef):
        return resource_link(str(node))
    if isinstance(node, Literal) and node.language:
        return join([str(node), " ", tag("span", f"@{node.language}", class_="lang")])
    return str(node)
