"""HTML for people: one layout, and helpers through which every piece of text from the data is
escaped (``Markup`` is text already made safe; anything else is escaped on the way in)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from starlette.responses import HTMLResponse

from bilat.rdf.namespaces import ID_BASE


class Markup(str):
    """HTML that is safe as it is: built here from escaped parts."""


def e(value: object) -> Markup:
    """``value`` as HTML text: escaped, unless it is ``Markup`` already."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable[object], separator: str = "") -> Markup:
    return Markup(separator.join(e(part) for part in parts))


def tag(element: str, content: object = "", **attributes: object) -> Markup:
    """``<name attr="...">content</name>``; attribute values escaped, ``class_`` for ``class``."""
    return Markup(f"<{element}{_attributes(attributes)}>{e(content)}</{element}>")


def void(element: str, **attributes: object) -> Markup:
    """An element without content (``<img>``, ``<input>``), its attribute values escaped."""
    return Markup(f"<{element}{_attributes(attributes)}>")


def _attributes(attributes: dict[str, object]) -> str:
    return "".join(
        f' {key.rstrip("_").replace("_", "-")}="{e(value)}"'
        for key, value in attributes.items()
        if value is not None and value is not False
    )


def link(href: str, text: object, **attributes: object) -> Markup:
    return tag("a", text, href=href, **attributes)


def path(*segments: str) -> str:
    """A site path from segments, each percent-encoded (a name with a slash stays one segment)."""
    return "/" + "/".join(quote(segment, safe="") for segment in segments)


def resource_link(iri: str, text: object | None = None) -> Markup:
    """A link to the resource's page here when bilat minted it; to the IRI itself when it is
    another site's (shown, never fetched by the page)."""
    shown = iri if text is None else text
    if iri.startswith(ID_BASE):
        return link("/id/" + iri[len(ID_BASE) :], shown)
    if iri.startswith(("http://", "https://")):
        return link(iri, shown, rel="nofollow noopener noreferrer")
    return e(shown)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], class_: str = "") -> Markup:
    head = join(tag("th", h) for h in headers)
    body = join(tag("tr", join(tag("td", cell) for cell in row)) for row in rows)
    return tag("table", Markup(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"), class_=class_)


def section(title: str, content: object, **attributes: object) -> Markup:
    return tag("section", join([tag("h2", title), content]), **attributes)


def page(title: str, content: object, status: int = 200) -> HTMLResponse:
    """A whole page in the site's layout; its stylesheet and script are served from ``/static``."""
    nav = join(
        [
            link("/", "bilat"),
            link("/query", "SPARQL"),
            tag(
                "form",
                Markup(
                    '<input type="search" name="q" placeholder="Find a country" aria-label="Find a country">'
                    '<button type="submit">Search</button>'
                ),
                action="/search",
                method="get",
                class_="nav-search",
            ),
        ]
    )
    document = Markup(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} · bilat</title>"
        '<link rel="stylesheet" href="/static/bilat.css">'
        '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
        '<script src="/static/bilat.js" defer></script>'
        f"</head><body><header>{nav}</header><main>{tag('h1', title)}{e(content)}</main>"
        "<footer>bilat: bilateral relations between countries, with sources</footer></body></html>\n"
    )
    return HTMLResponse(document, status_code=status)
