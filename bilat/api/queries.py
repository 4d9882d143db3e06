"""SPARQL: the stored queries, and running a stored query or the user's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bilat.errors import InputError
from bilat.queries.run import StoredQuery, bind_parameters, run_user_query, stored_query
from bilat.queries.run import stored_queries as _stored
from bilat.register import Register, bundled_register
from bilat.store import Rows, Store


@dataclass(frozen=True)
class Answer:
    """A SELECT's rows, and the names of the parameters bound into it (columns to leave out)."""

    rows: Rows
    parameters: frozenset[str]


def stored_queries() -> list[StoredQuery]:
    """The stored queries, by name."""
    return list(_stored().values())


def query(
    store: Store,
    text: str | None = None,
    *,
    name: str | None = None,
    params: Mapping[str, str] | None = None,
    write: bool = False,
    limit: int | None = 10000,
    timeout: float | None = 60,
    register: Register | None = None,
) -> Answer | None:
    """Run SPARQL ``text``, or the stored query ``name`` with ``params`` (values as the user wrote
    them, checked by type). Returns the rows of a SELECT, None after an update (``write`` needed)."""
    if name:
        stored = stored_query(name)
        bindings = bind_parameters(stored, dict(params or {}), register or bundled_register())
        text = stored.text
    elif not text:
        raise InputError("give SPARQL text, a .rq file, or --name; `bilat query --list` shows stored queries")
    elif params:
        raise InputError("--param works with stored queries (--name) only")
    else:
        bindings = {}
    rows = run_user_query(store, text, bindings, allow_update=write, limit=limit, timeout=timeout)
    return None if rows is None else Answer(rows, frozenset(bindings))
