"""Running SPARQL: stored queries by name with typed parameters, user queries through the guard,
results as plain-Python tables.

A stored query declares its parameters in its header::

    # title: Events between two countries, newest first
    # param a: country
    # param b: country

Parameter values are validated for their type and turned into RDF terms before any SPARQL is built;
``sparql.bind`` then puts each term in place of its variable (see decision 0007).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from rdflib import XSD, Literal, Node, URIRef

from bilat.errors import QueryError, QueryRejectedError
from bilat.model.dates import PartialDate
from bilat.queries import query_text, stored_names
from bilat.rdf.namespaces import dyad, mint
from bilat.rdf.triples import decimal_value
from bilat.register import Register
from bilat.store import Rows, Store, Triple
from bilat.store.guard import CheckedQuery, check_user_query
from bilat.store.timelimit import call_with_time_limit
from bilat.store.tokens import tokens

PARAMETER_TYPES = ("country", "dyad", "iri", "string", "integer", "date")
MIN_TIMEOUT, MAX_TIMEOUT = 0.1, 86_400.0
"""The time limits a query may be given, in seconds: from a tenth of a second to a day."""
T = TypeVar("T")
_HEADER = re.compile(r"^#\s*(title|param)\s*([A-Za-z_][A-Za-z0-9_]*)?\s*:\s*(.+?)\s*$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str


@dataclass(frozen=True)
class StoredQuery:
    """A query shipped with bilat, with its declared parameters."""

    name: str
    title: str
    text: str
    parameters: tuple[Parameter, ...]


@dataclass(frozen=True)
class Table:
    """Query results as plain Python values; an unbound cell is None."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def stored_queries() -> dict[str, StoredQuery]:
    """Every stored query by name."""
    return dict(_read_stored())


@cache
def _read_stored() -> dict[str, StoredQuery]:
    """The stored queries, read once: they ship with bilat and do not change while it runs."""
    return {name: _parse(name, query_text(name)) for name in stored_names()}


def stored_query(name: str) -> StoredQuery:
    """The stored query ``name``; QueryError listing the known names otherwise."""
    queries = _read_stored()
    if name not in queries:
        raise QueryError(f"no stored query {name!r}; known: {', '.join(queries)}")
    return queries[name]


def _parse(name: str, text: str) -> StoredQuery:
    title, parameters = name, []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if match and match[1] == "title":
            title = match[3]
        elif match and match[1] == "param":
            if match[3] not in PARAMETER_TYPES:
                raise QueryError(f"{name}.rq: parameter {match[2]} has unknown type {match[3]}")
            parameters.append(Parameter(match[2], match[3]))
    return StoredQuery(name, title, text, tuple(parameters))


def bind_parameters(query: StoredQuery, values: Mapping[str, str], register: Register) -> dict[str, Node]:
    """Check that every declared parameter, and no other, has a valid value; return RDF terms."""
    declared = {p.name: p for p in query.parameters}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(
            f"{query.name} takes no parameter {', '.join(unknown)}; it takes: {', '.join(declared) or 'none'}"
        )
    missing = [name for name in declared if name not in values]
    if missing:
        raise QueryError(f"{query.name} needs --param {missing[0]}=VALUE")
    return {name: _term(declared[name], values[name], register) for name in declared}


def _term(parameter: Parameter, value: str, register: Register) -> Node:
    if parameter.type == "country":
        return mint("country", register.resolve(value).code)
    if parameter.type == "dyad":
        first, sep, second = value.partition("/")
        codes = {register.resolve(first).code, register.resolve(second).code} if sep else set()
        if len(codes) != 2:
            raise QueryError(f"{parameter.name}: give two different countries as A/B (Azerbaijan/Cuba)")
        return dyad(*codes)
    if parameter.type == "iri":
        if not re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", value):
            raise QueryError(f"{parameter.name}: {value!r} is not an http(s) IRI")
        return URIRef(value)
    if parameter.type == "integer":
        if not re.fullmatch(r"-?\d{1,18}", value):
            raise QueryError(f"{parameter.name}: {value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if parameter.type == "date":
        # Compared as text by the queries, where "2016" stands for the whole year; empty leaves the
        # side open.
        if not value:
            return Literal("")
        try:
            return Literal(str(PartialDate.parse(value)))
        except ValueError as error:
            raise QueryError(
                f"{parameter.name}: {value!r} is not a date ({error}); write YYYY, YYYY-MM or YYYY-MM-DD"
            ) from None
    return Literal(value)


Result = Rows | bool | list[Triple] | None
"""What a user query gives: a SELECT's rows, an ASK's answer, a CONSTRUCT's or DESCRIBE's triples, or
None after an update."""


def run_user_query(
    store: Store,
    text: str,
    bindings: Mapping[str, Node] | None = None,
    *,
    allow_update: bool = False,
    limit: int | None = 10000,
    timeout: float | None = 60,
) -> Result:
    """Run SPARQL a user wrote, of any form: refused if it reaches out, or writes without
    ``allow_update`` (the guard reads every form the same way).

    Returns a SELECT's rows (at most ``limit``), an ASK's answer, a CONSTRUCT's or DESCRIBE's triples
    (at most ``limit``, in a stable order), or None after an update. A query on an embedded store is
    stopped after ``timeout`` seconds (see ``timelimit``); a server is given the same time to answer.
    """
    _check_limits(limit, timeout)
    checked = check_user_query(text, allow_update)
    try:
        return _run_checked(store, checked, bindings, limit, timeout)
    except QueryRejectedError as error:  # the user's query, not bilat's
        raise QueryError(str(error)) from None


def _check_limits(limit: int | None, timeout: float | None) -> None:
    """Refuse a row limit or a time limit no query could run under (``nan``, ``inf``, negative)."""
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more rows, not {limit}")
    if timeout is not None and not MIN_TIMEOUT <= timeout <= MAX_TIMEOUT:
        raise QueryError(
            f"--timeout must be a number of seconds from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:,.0f} (a day), "
            f"not {timeout:g}"
        )


def _run_checked(
    store: Store,
    checked: CheckedQuery,
    bindings: Mapping[str, Node] | None,
    limit: int | None,
    timeout: float | None,
) -> Result:
    if checked.form == "UPDATE":
        store.update(checked.text)
        return None
    if checked.form == "ASK":
        asked = check_user_query(ask_as_select(checked.text))
        return bool(_timed(store, lambda: store.select(asked.text, bindings, limit=1).rows, timeout))
    if checked.form in ("CONSTRUCT", "DESCRIBE"):
        triples = _timed(store, lambda: store.construct(checked.text, bindings), timeout)
        return sorted(set(triples), key=_triple_order)[:limit]

    def select() -> Rows:
        # The store stops reading at the limit: a query for every triple of a large store reads ten.
        result = store.select(checked.text, bindings, limit=limit)
        return Rows(result.variables, result.rows if limit is None else result.rows[:limit])

    return _timed(store, select, timeout)


def _timed(store: Store, run: Callable[[], T], timeout: float | None) -> T:
    """``run()`` stopped after ``timeout`` seconds on an embedded store; a server is given as long."""
    if timeout is None:
        return run()
    from bilat.store.remote import RemoteStore

    if isinstance(store, RemoteStore):
        store.timeout = timeout
        return run()
    return call_with_time_limit(run, timeout)


def _triple_order(triple: Triple) -> tuple[tuple[str, str], ...]:
    return tuple((type(node).__name__, str(node)) for node in triple)


ASK_ANSWER = "_bilat_ask"


def ask_as_select(text: str) -> str:
    """An ASK as the SELECT of one constant per solution, read for at most one row: the stores give
    rows, and a row means true. Only the form's keyword changes (found by the tokens, after the
    prologue's ``BASE`` and ``PREFIX``), so the guard reads the same patterns."""
    for token in tokens(text):
        if token.kind == "word" and token.text.upper() == "ASK":
            end = token.start + len(token.text)
            return f"{text[: token.start]}SELECT (1 AS ?{ASK_ANSWER}){text[end:]}"
        if token.kind == "word" and token.text.upper() not in ("BASE", "PREFIX"):
            break
    raise QueryError("the query is not an ASK")


def table(rows: Rows, hide: frozenset[str] = frozenset()) -> Table:
    """Rows as plain Python values, without the ``hide`` columns (a stored query's parameters)."""
    columns = tuple(v for v in rows.variables if v not in hide)
    return Table(columns, [tuple(to_python(row.get(v)) for v in columns) for row in rows.rows])


def to_python(node: Node | None) -> Any:
    """An RDF term as a plain value: IRIs as str, typed literals as int, Decimal, PartialDate ..."""
    if node is None:
        return None
    if isinstance(node, Literal):
        if node.datatype in (XSD.gYear, XSD.gYearMonth, XSD.date):
            try:
                return PartialDate.parse(str(node))
            except ValueError:
                return str(node)
        if node.datatype == XSD.decimal:
            return decimal_value(str(node))
        if node.datatype in (XSD.integer, XSD.boolean, XSD.double, XSD.float):
            return node.toPython()
    return str(node)
