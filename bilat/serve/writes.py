"""Writes, for those allowed only: a SPARQL update (``/sparql``) and a load of bilat's YAML or JSON
Lines (``/load``), both off unless the server was started with ``--allow-updates``, and then only with
the bearer token read from its token file. A load is ``bilat load``: every check, then all or nothing.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bilat import api
from bilat.errors import BilatError, DataError, InputError
from bilat.serve.errors import error_response, problem
from bilat.serve.limits import BodyRefusedError, bounded_body
from bilat.serve.state import State

_SUFFIXES = {
    "application/yaml": ".yaml",
    "application/x-yaml": ".yaml",
    "text/yaml": ".yaml",
    "application/jsonl": ".jsonl",
    "application/x-ndjson": ".jsonl",
    "application/jsonlines": ".jsonl",
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def refused(request: Request, state: State) -> Response | None:
    """The answer to a write that may not happen: 403 when updates are off, 401 without the right
    token; None when it may."""
    settings = state.settings
    if not settings.allow_updates or not settings.token:
        return problem(403, "this server is read-only; start it with --allow-updates to accept writes")
    given = request.headers.get("authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode("utf-8"), settings.token.encode("utf-8")
    ):
        return problem(401, "a write needs the server's bearer token", {"WWW-Authenticate": "Bearer"})
    return None


async def sparql_update(request: Request, state: State, text: str) -> Response:
    answer = refused(request, state)
    if answer is not None:
        return answer
    try:
        await run_in_threadpool(_update, state, text)
    except BilatError as error:
        return error_response(error)
    return Response(status_code=204)


def _update(state: State, text: str) -> None:
    with state.writing() as store:
        api.query(store, text, write=True, timeout=None)


async def load(request: Request) -> Response:
    """``POST /load?name=FILE``: a data file in the body, YAML or JSON Lines by its Content-Type (or
    the suffix of ``name``); answers with what ``bilat load`` prints, as JSON."""
    state: State = request.app.state.bilat
    answer = refused(request, state)
    if answer is not None:
        return answer
    name = request.query_params.get("name", "upload")
    if not _NAME.fullmatch(name):
        return problem(400, "name: give a file name of letters, digits, '.', '_' and '-'")
    suffix = _suffix(request.headers.get("content-type", ""), name)
    if suffix is None:
        return problem(415, "send YAML (application/yaml) or JSON Lines (application/jsonl)")
    try:
        body = await bounded_body(request, state.settings.max_load_bytes, state.settings.body_seconds)
    except BodyRefusedError as error:
        return problem(error.status, str(error))
    stem = name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".jsonl")
    try:
        summary = await run_in_threadpool(_load, state, stem + suffix, body)
    except LoadRefusedError as error:
        return JSONResponse({"error": error.message, "problems": error.problems}, status_code=400)
    except BilatError as error:
        return error_response(error)
    return Response(json.dumps(summary, ensure_ascii=False), media_type="application/json")


def _suffix(content_type: str, name: str) -> str | None:
    media = content_type.split(";")[0].strip().lower()
    if media in _SUFFIXES:
        return _SUFFIXES[media]
    for suffix in (".yaml", ".yml", ".jsonl"):
        if name.endswith(suffix):
            return ".yaml" if suffix == ".yml" else suffix
    return None


class LoadRefusedError(Exception):
    """A load refused for its data: the message and each problem, named by the file's own name."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.message, self.problems = message, problems


def _load(state: State, name: str, body: bytes) -> dict[str, object]:
    """The body written to a private folder under its name, then loaded as ``bilat load`` loads it."""
    with tempfile.TemporaryDirectory(prefix="bilat-load-") as folder:
        path = Path(folder) / name
        path.write_bytes(body)
        hidden = f"{folder}/"
        try:
            with state.writing() as store:
                summary = api.load(store, [path])
        except DataError as error:
            problems = [str(p).replace(hidden, "") for p in error.problems]
            raise LoadRefusedError(str(error).replace(hidden, ""), problems) from None
        except InputError as error:
            raise LoadRefusedError(str(error).replace(hidden, ""), []) from None
    return {
        "files": summary.files,
        "records": summary.records,
        "new_records": summary.new_records,
        "replaced_records": summary.replaced_records,
        "triples_added": summary.triples_added,
        "triples_after": summary.triples_after,
        "doubts": [f"{d.record}: {d.message}" for d in summary.doubts],
    }
