"""SPARQL: the stored queries, and running a stored query or the user's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bilat.errors import InputError
from bilat.model.dates import PartialDate
from bilat.queries.run import (
    StoredQuery,
    Table,
    bind_parameters,
    run_user_query,
    stored_queries as _stored,
    stored_query,
    table,
)
from bilat.register import Register, bundled_register
from bilat.store import Rows, Store, Triple


@dataclass(frozen=True)
class Answer:
    """What a query gave, by its ``form`` (``SELECT``, ``ASK``, or ``GRAPH`` for a CONSTRUCT or
    DESCRIBE): a SELECT's ``rows``, an ASK's ``boolean``, a graph's ``triples`` (in a stable order);
    and the names of the parameters bound into it (columns to leave out)."""

    rows: Rows = field(default_factory=lambda: Rows(()))
    parameters: frozenset[str] = frozenset()
    form: str = "SELECT"
    boolean: bool | None = None
    triples: tuple[Triple, ...] = ()

    def table(self) -> Table:
        """A SELECT's rows as plain Python values (text, int, Decimal, bool, ``PartialDate``), without
        the parameters' columns; ``rows`` keeps the RDF terms."""
        return table(self.rows, self.parameters)

    def frame(self) -> Any:
        """A SELECT's rows as a pandas DataFrame (``pip install 'bilat[analysis]'``): numbers as
        numbers, IRIs, text and dates as text."""
        from bilat.files.frames import data_frame

        found = self.table()
        rows = [[str(v) if isinstance(v, PartialDate) else v for v in row] for row in found.rows]
        text = {c for i, c in enumerate(found.columns) if any(isinstance(row[i], str) for row in rows)}
        return data_frame(found.columns, rows, text)


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
    them, checked by type). Returns what a query of any form gave, or None after an update (``write``
    needed)."""
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
    result = run_user_query(store, text, bindings, allow_update=write, limit=limit, timeout=timeout)
    parameters = frozenset(bindings)
    if result is None:
        return None
    if isinstance(result, bool):
        return Answer(parameters=parameters, form="ASK", boolean=result)
    if isinstance(result, list):
        return Answer(parameters=parameters, form="GRAPH", triples=tuple(result))
    return Answer(result, parameters)
