"""The home page (a country search, a pair's form, the store's counts) and the search's answers."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bilat import api
from bilat.errors import BilatError
from bilat.serve.errors import message_of, status_of
from bilat.serve.html import Markup, e, join, link, page, path, section, table, tag
from bilat.serve.state import State

_PAIR_FORM = Markup(
    '<form action="/pair" method="get" class="pair-form">'
    '<label>Country <input name="a" required placeholder="Azerbaijan"></label> '
    '<label>and <input name="b" required placeholder="Cuba"></label> '
    '<button type="submit">Show their ties</button></form>'
)
_SEARCH_FORM = Markup(
    '<form action="/search" method="get" class="search-form">'
    '<label>Find a country <input type="search" name="q" required placeholder="name, code or demonym">'
    '</label> <button type="submit">Search</button></form>'
)


async def home(request: Request) -> Response:
    state: State = request.app.state.bilat
    try:
        stats = await run_in_threadpool(_stats, state)
    except BilatError as error:
        return error_page(error)
    counts = table(
        ["what", "how many"],
        [["triples", f"{stats.triples:,}"], *[[kind, f"{n:,}"] for kind, n in stats.records.items()]],
        class_="counts",
    )
    content = join(
        [
            section("Countries", _SEARCH_FORM),
            section("A pair of countries", _PAIR_FORM),
            section(
                "SPARQL",
                join(
                    [
                        tag("p", join(["Ask the graph on the ", link("/query", "SPARQL page"), "."])),
                        tag(
                            "p", join(["Programs: the SPARQL 1.1 endpoint is ", tag("code", "/sparql"), "."])
                        ),
                    ]
                ),
            ),
            section("In the store", counts),
        ]
    )
    return page("Bilateral relations", content)


def _stats(state: State) -> api.Stats:
    with state.reading() as store:
        return state.cached(("stats",), lambda: api.stats(store))


async def search(request: Request) -> Response:
    text = request.query_params.get("q", "").strip()
    if not text:
        return page("Find a country", section("Search", _SEARCH_FORM))
    try:
        found = api.countries(text, search=True)
        if not found:
            found = api.countries(text)
    except BilatError:
        found = []
    if len(found) == 1:
        return RedirectResponse(path("country", found[0].code), status_code=303)
    rows = [[link(path("country", c.code), c.name), c.code, c.dissolved or ""] for c in found]
    listing = table(["country", "code", "dissolved"], rows) if rows else tag("p", "No country has that name.")
    return page(f"Countries matching “{text}”", join([_SEARCH_FORM, listing]))


async def pair_form(request: Request) -> Response:
    """``/pair?a=A&b=B`` (the home page's form) to the pair's page."""
    a, b = request.query_params.get("a", "").strip(), request.query_params.get("b", "").strip()
    if not a or not b:
        return page("A pair of countries", section("Two countries", _PAIR_FORM), status=400)
    return RedirectResponse(path("pair", a, b), status_code=303)


def error_page(error: BilatError) -> Response:
    """A page saying what was wrong, with the status a program would get."""
    status = status_of(error)
    titles = {404: "Not found", 400: "Bad request", 503: "The store cannot be used"}
    return page(titles.get(status, "Error"), tag("p", message_of(error), class_="error"), status=status)


def not_found(message: str) -> Response:
    return page("Not found", tag("p", e(message), class_="error"), status=404)
