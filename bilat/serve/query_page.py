"""The SPARQL page: an editor (a plain textarea), the stored queries as examples with their
parameters as fields, and the answer as a table; run by ``bilat.api.query`` with the endpoint's
guard and limits."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilat import api
from bilat.api.queries import Answer
from bilat.errors import BilatError
from bilat.queries.run import StoredQuery
from bilat.serve.errors import message_of, status_of
from bilat.serve.html import Markup, e, join, link, page, resource_link, section, table, tag, void
from bilat.serve.state import State

SHOWN_ROWS = 1000
"""Rows a page shows; the endpoint gives them all (up to its limit)."""
EXAMPLE = """SELECT ?country ?name WHERE {
  ?country a bilat:Country ; schema:name ?name .
}
ORDER BY ?name
LIMIT 20"""
_SAMPLES = {"country": "Azerbaijan", "dyad": "Azerbaijan/Cuba", "a": "Azerbaijan", "b": "Cuba"}


async def query_page(request: Request) -> Response:
    state: State = request.app.state.bilat
    fields = request.query_params
    stored = {q.name: q for q in api.stored_queries()}
    chosen = stored.get(fields.get("name", ""))
    text = fields.get("query")
    result: Markup = Markup("")
    status = 200
    if chosen is not None:
        params = {p.name: fields.get(p.name, _sample(p.name, p.type)) for p in chosen.parameters}
        run = "run" in fields
        if run:
            result, status = await _run(state, None, chosen.name, params)
        editor = _stored_form(chosen, params)
    else:
        if text is not None and text.strip():
            result, status = await _run(state, text, None, {})
        editor = _editor(text if text is not None else EXAMPLE)
    examples = tag(
        "ul",
        join(
            tag("li", join([link(f"/query?name={q.name}", q.name), ": ", q.title])) for q in stored.values()
        ),
        class_="examples",
    )
    content = join([editor, result, section("Stored queries", examples)])
    return page("SPARQL", content, status=status)


def _sample(name: str, kind: str) -> str:
    if name in _SAMPLES:
        return _SAMPLES[name]
    return {"country": "Azerbaijan", "dyad": "Azerbaijan/Cuba", "integer": "10"}.get(kind, "")


def _editor(text: str) -> Markup:
    return tag(
        "form",
        join(
            [
                tag("textarea", text, name="query", rows=12, cols=100, spellcheck="false", id="query"),
                tag(
                    "p",
                    join(
                        [
                            tag("button", "Run", type="submit"),
                            " ",
                            tag("span", "Ctrl+Enter runs it.", class_="hint"),
                        ]
                    ),
                ),
            ]
        ),
        action="/query",
        method="get",
        class_="editor",
        id="editor",
    )


def _stored_form(query: StoredQuery, params: dict[str, str]) -> Markup:
    inputs = join(
        tag("label", join([f"{p.name} ({p.type}) ", void("input", name=p.name, value=params[p.name])]))
        for p in query.parameters
    )
    return join(
        [
            tag("h2", f"{query.name}: {query.title}"),
            tag("pre", query.text, class_="stored"),
            tag(
                "form",
                join(
                    [
                        void("input", type="hidden", name="name", value=query.name),
                        inputs,
                        " ",
                        tag("button", "Run", type="submit", name="run", value="1"),
                    ]
                ),
                action="/query",
                method="get",
                class_="stored-form",
            ),
            tag("p", link("/query?" + _edit_link(query), "Edit it as your own query")),
        ]
    )


def _edit_link(query: StoredQuery) -> str:
    from urllib.parse import urlencode

    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("PREFIX"))
    return urlencode({"query": body.strip()})


async def _run(
    state: State, text: str | None, name: str | None, params: dict[str, str]
) -> tuple[Markup, int]:
    def run() -> Answer | None:
        with state.reading() as store:
            settings = state.settings
            return api.query(
                store,
                text,
                name=name,
                params=params,
                limit=settings.query_limit,
                timeout=settings.query_seconds,
            )

    try:
        answer = await run_in_threadpool(run)
    except BilatError as error:
        return tag("p", message_of(error), class_="error", id="query-error"), status_of(error)
    assert answer is not None  # the page never writes
    return section("Answer", _answer(answer), id="answer"), 200


def _answer(answer: Answer) -> Markup:
    if answer.boolean is not None:
        return tag("p", "true" if answer.boolean else "false", class_="boolean")
    if answer.form == "GRAPH":
        rows = [[_term(s), _term(p), _term(o)] for s, p, o in answer.triples[:SHOWN_ROWS]]
        count = f"{len(answer.triples)} triple(s)"
        return join([tag("p", count), table(["subject", "predicate", "object"], rows, class_="results")])
    columns = [v for v in answer.rows.variables if v not in answer.parameters]
    rows = [[_term(row.get(v)) for v in columns] for row in answer.rows.rows[:SHOWN_ROWS]]
    shown = len(answer.rows.rows)
    count = f"{shown} row(s)" + (f", the first {SHOWN_ROWS} shown" if shown > SHOWN_ROWS else "")
    return join([tag("p", count, class_="count"), table(columns, rows, class_="results")])


def _term(node: object) -> Markup:
    from rdflib import URIRef

    if node is None:
        return Markup("")
    if isinstance(node, URIRef):
        return resource_link(str(node))
    return e(str(node))
