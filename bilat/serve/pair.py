"""A pair's page: everything ``bilat ties`` shows, in the same words, sources numbered and linked,
the timeline drawn by ``bilat draw timeline``, and the window (from, to) as form fields."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilat import api
from bilat.dossier.build import Dossier
from bilat.dossier.render import render_markdown
from bilat.errors import BilatError
from bilat.serve.home import error_page
from bilat.serve.html import Markup, join, link, page, path, section, tag, void
from bilat.serve.pictures import png
from bilat.serve.report import report_html
from bilat.serve.state import State


async def pair_page(request: Request) -> Response:
    state: State = request.app.state.bilat
    a, b = request.path_params["a"], request.path_params["b"]
    start = request.query_params.get("from") or None
    end = request.query_params.get("to") or None
    try:
        dossier = await run_in_threadpool(_dossier, state, a, b, start, end)
    except BilatError as error:
        return error_page(error)
    return page(title(dossier), dossier_html(dossier, start, end))


def _dossier(state: State, a: str, b: str, start: str | None, end: str | None) -> Dossier:
    with state.reading() as store:
        return state.cached(
            ("pair", a, b, start, end), lambda: api.pair_ties(store, a, b, start=start, end=end)
        )


def dossier_html(dossier: Dossier, start: str | None, end: str | None) -> Markup:
    """The window's form, the report of ``bilat ties`` and the timeline before its sources."""
    report = report_html(render_markdown(dossier), [str(s.url) for s in dossier.sources.values() if s.url])
    form = _window_form(dossier, start, end)
    return join([form, report.facts, _timeline(dossier, start, end), report.sources])


def title(dossier: Dossier) -> str:
    """The report's own title (``render_markdown``'s first line)."""
    a, b = dossier.countries
    text = f"{a.name} ({a.code}) – {b.name} ({b.code})"
    if dossier.window.start or dossier.window.end:
        text += f", {dossier.window.start or '…'} to {dossier.window.end or '…'}"
    return text


def _window_form(dossier: Dossier, start: str | None, end: str | None) -> Markup:
    a, b = dossier.countries
    fields = join(
        [
            tag(
                "label",
                join(["From ", void("input", name="from", value=start or "", placeholder="YYYY[-MM[-DD]]")]),
            ),
            " ",
            tag(
                "label",
                join(["to ", void("input", name="to", value=end or "", placeholder="YYYY[-MM[-DD]]")]),
            ),
            " ",
            tag("button", "Show", type="submit"),
            " ",
            link(path("country", a.code), a.name),
            " · ",
            link(path("country", b.code), b.name),
        ]
    )
    return tag("form", fields, action=path("pair", a.code, b.code), method="get", class_="window")


def _timeline(dossier: Dossier, start: str | None, end: str | None) -> Markup:
    a, b = dossier.countries
    query = urlencode([(k, v) for k, v in (("from", start), ("to", end)) if v])
    src = path("pair", a.code, b.code, "timeline.png") + (f"?{query}" if query else "")
    if not dossier.facts:
        return Markup("")
    image = void("img", src=src, alt=f"The timeline of {a.name} and {b.name}", width=880)
    return section("Timeline", tag("figure", image), class_="timeline")


async def timeline_picture(request: Request) -> Response:
    state: State = request.app.state.bilat
    a, b = request.path_params["a"], request.path_params["b"]
    start = request.query_params.get("from") or None
    end = request.query_params.get("to") or None

    def draw() -> bytes:
        with state.reading() as store:
            return state.cached(
                ("timeline", a, b, start, end),
                lambda: api.draw_timeline(store, a, b, None, start=start, end=end),
            )

    return await png(draw)
