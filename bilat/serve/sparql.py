"""The SPARQL 1.1 Protocol endpoint (``/sparql``): a query by GET, or by POST as a form or directly
(``application/sparql-query``), of every form, run through the same guard, row limit and time limit as
``bilat query``; its answer in the format the client accepts. An update (by POST) goes to ``writes``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bilat import api
from bilat.api.queries import Answer
from bilat.errors import BilatError
from bilat.serve import native
from bilat.serve.answers import NotAcceptableError, media_for, rendered
from bilat.serve.errors import error_response, problem
from bilat.serve.limits import BodyRefusedError, bounded_body
from bilat.serve.negotiation import wants_html
from bilat.serve.state import State
from bilat.store.guard import CheckedQuery, check_user_query

FORM = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
_MAX_FIELDS = 50


@dataclass(frozen=True)
class Operation:
    """What a request asks: a ``query`` or an ``update``, its text, and the ``format`` field some
    clients send beside ``Accept`` (``json``, ``xml``, ``csv`` ...)."""

    kind: str
    text: str
    format: str | None = None


class BadRequestError(Exception):
    """A request the protocol does not allow, with the status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


async def endpoint(request: Request) -> Response:
    state: State = request.app.state.bilat
    if request.method == "GET" and not request.query_params and wants_html(request.headers.get("accept")):
        return RedirectResponse("/query", status_code=303)
    try:
        operation = await read_operation(request, state)
    except BodyRefusedError as error:
        return problem(error.status, str(error))
    except BadRequestError as error:
        return problem(error.status, str(error))
    if operation.kind == "update":
        from bilat.serve.writes import sparql_update

        return await sparql_update(request, state, operation.text)
    seconds = state.settings.query_seconds
    try:
        # The query runs on a worker thread, which a time limit leaves to finish in the background
        # (neither Oxigraph nor rdflib can stop a query), still holding the store for reading.
        with anyio.fail_after(seconds):
            data, media = await anyio.to_thread.run_sync(
                answer_query, state, operation, request.headers.get("accept"), abandon_on_cancel=True
            )
    except TimeoutError:
        return problem(
            400,
            f"the query ran longer than the time limit of {seconds:g} s and was stopped; narrow it "
            "(a LIMIT, a more specific pattern)",
        )
    except BilatError as error:
        return error_response(error)
    except NotAcceptableError as error:
        return problem(406, str(error))
    return Response(data, media_type=media, headers={"Vary": "Accept"})


def answer_query(state: State, operation: Operation, accept: str | None) -> tuple[bytes, str]:
    """A user's query answered in the format the client accepts, with its media type: let through by
    the guard, then answered by Oxigraph itself on an embedded store (``native``), else by
    ``bilat.api``; either way its rows and its time bounded as ``bilat query``'s are."""
    checked = verdict(operation.text)
    media = media_for(_FORMS[checked.form], accept, operation.format)
    if native.serves(state, media):
        data = native.answer(state, checked.text, checked.form, media)
        if data is not None:
            return data, media
    answer = run_query(state, operation.text)
    assert answer is not None  # no update gets here
    return rendered(answer, media), media


_FORMS = {"SELECT": "SELECT", "ASK": "ASK", "CONSTRUCT": "GRAPH", "DESCRIBE": "GRAPH"}
_CACHED_CHARS = 20_000


def verdict(text: str) -> CheckedQuery:
    """The guard's verdict on a query (never an update): QueryError when it may not run. Kept for
    short texts, which a server is sent again and again; a refusal is raised each time."""
    if len(text) <= _CACHED_CHARS:
        return _kept_verdict(text)
    return check_user_query(text)


@lru_cache(maxsize=512)
def _kept_verdict(text: str) -> CheckedQuery:
    return check_user_query(text)


def run_query(state: State, text: str) -> Answer | None:
    """A user's query on the store, by ``bilat.api.query``: read-only, its rows and time bounded."""
    settings = state.settings
    with state.reading() as store:
        return api.query(store, text, limit=settings.query_limit, timeout=settings.query_seconds)


async def read_operation(request: Request, state: State) -> Operation:
    """The query or update a request carries, as the protocol allows it to be sent."""
    if request.method == "GET":
        return _from_fields(list(request.query_params.multi_items()), allow_update=False)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in (FORM, QUERY_TYPE, UPDATE_TYPE):
        raise BadRequestError(
            f"send a query by GET, or by POST as {FORM}, {QUERY_TYPE} or {UPDATE_TYPE}", status=415
        )
    body = await bounded_body(request, state.settings.max_query_bytes, state.settings.body_seconds)
    if media == FORM:
        try:
            fields = parse_qsl(
                body.decode("utf-8"), keep_blank_values=True, strict_parsing=False, max_num_fields=_MAX_FIELDS
            )
        except (UnicodeDecodeError, ValueError) as error:
            raise BadRequestError(f"the form could not be read: {error}") from None
        return _from_fields(list(request.query_params.multi_items()) + fields, allow_update=True)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequestError("the query is not UTF-8 text") from None
    _refuse_datasets(list(request.query_params.multi_items()))
    return Operation("update" if media == UPDATE_TYPE else "query", text, request.query_params.get("format"))


def _from_fields(fields: list[tuple[str, str]], allow_update: bool) -> Operation:
    _refuse_datasets(fields)
    queries = [value for name, value in fields if name == "query"]
    updates = [value for name, value in fields if name == "update"]
    if updates and not allow_update:
        raise BadRequestError("an update is sent by POST, never by GET")
    if len(queries) + len(updates) != 1:
        raise BadRequestError("give exactly one query (or update) parameter")
    fmt = next((value for name, value in fields if name == "format"), None)
    if updates:
        return Operation("update", updates[0])
    return Operation("query", queries[0], fmt)


def _refuse_datasets(fields: list[tuple[str, str]]) -> None:
    """The protocol's dataset fields name other graphs, which bilat never reads (as ``FROM``)."""
    for name, _ in fields:
        if name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
            raise BadRequestError(f"{name} is not allowed: bilat queries never fetch other graphs")
