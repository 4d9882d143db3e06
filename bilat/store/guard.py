"""The guard on SPARQL a user writes: it reads the query as a parser does, not by its words.

A user's query or update is refused when it could reach past the store (``SERVICE``, ``FROM``,
``FROM NAMED``, ``LOAD``, ``USING``), writes without permission, nests deeper than ``MAX_NESTING``
or is longer than ``MAX_QUERY_CHARS``. Two readings must both find it safe: bilat's tokens
(``store.tokens``) and rdflib's SPARQL parser, whose syntax tree is searched for those clauses.
Codepoint escapes are expanded first and the expanded text is what the engine receives, so the
guard and the engine read the same characters. Oxigraph offers no switch to turn off its HTTP
client for ``SERVICE`` and ``LOAD``, so this guard is the barrier (decision 0013).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from bilat.errors import QueryError
from bilat.store.timelimit import call_with_time_limit
from bilat.store.tokens import expand_codepoints, nesting, tokens

MAX_NESTING = 12
"""Brackets (``{``, ``(``, ``[``) may nest this deep. Parsers recurse per level: a query nested
thousands deep overflowed the engine's stack, and rdflib's parser, with pyparsing's packrat cache on
(importing matplotlib's mathtext turns it on for the whole process), reached Python's recursion limit
at 15 levels of ``!(`` in a fresh thread."""

MAX_QUERY_CHARS = 100_000
"""The longest query or update text accepted (its parsing takes about 1.5 s)."""

PARSE_SECONDS = 30

Form = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE"]

_OUTSIDE = {
    "ServiceGraphPattern": "SERVICE",
    "DatasetClause": "FROM",
    "Load": "LOAD",
    "UsingClause": "USING",
}
_FORMS: dict[str, Form] = {
    "SelectQuery": "SELECT",
    "AskQuery": "ASK",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
}


@dataclass(frozen=True)
class CheckedQuery:
    """A user's query that the guard let through: the text to send (escapes expanded) and its form."""

    text: str
    form: Form


def check_user_query(text: str, allow_update: bool = False) -> CheckedQuery:
    """The query as it may be run, or QueryError saying why it may not."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text):,} characters long; bilat accepts at most {MAX_QUERY_CHARS:,} "
            "(load large data with `bilat load`)"
        )
    expanded = expand_codepoints(text)
    if nesting(expanded) > MAX_NESTING:
        raise QueryError(f"the query nests brackets more than {MAX_NESTING} levels deep; flatten it")
    for token in tokens(expanded):
        if token.kind == "word" and token.text.upper() in _OUTSIDE.values():
            _refuse_outside(token.text.upper())
    form, clauses = call_with_time_limit(lambda: _parsed(expanded), PARSE_SECONDS)
    if clauses:
        _refuse_outside(clauses[0])
    if form == "UPDATE" and not allow_update:
        raise QueryError("this is an update; pass --write to change the store")
    return CheckedQuery(expanded, form)


def _refuse_outside(keyword: str) -> None:
    raise QueryError(f"{keyword} is not allowed: bilat queries never fetch other graphs or services")


_PARSER = threading.Lock()
"""rdflib's SPARQL parser (pyparsing) keeps state while it parses: two threads parsing at once broke
each other (``bilat serve`` answering many clients), so one parses at a time."""


@lru_cache(maxsize=512)
def _parsed(text: str) -> tuple[Form, tuple[str, ...]]:
    """``_parse`` once per text (a server is asked the same queries again and again); a refusal is
    raised each time, never kept."""
    with _PARSER:
        form, clauses = _parse(text)
    return form, tuple(clauses)


def _parse(text: str) -> tuple[Form, list[str]]:
    """The query's form and the outside-reaching clauses its syntax tree holds."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        tree: Any = parseQuery(text)
        form = _FORMS[tree[1].name]
    except ParseBaseException as query_error:
        try:
            tree = parseUpdate(text)
            form = "UPDATE"
        except ParseBaseException as update_error:
            raise QueryError(_syntax_message(max(query_error, update_error, key=lambda e: e.loc))) from None
    except RecursionError:
        raise QueryError(f"the query nests too deeply; flatten it below {MAX_NESTING} levels") from None
    return form, [_OUTSIDE[name] for name in _names(tree) if name in _OUTSIDE]


def _names(node: Any) -> Iterator[str]:
    """The name of every component of an rdflib syntax tree."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _names(value)
    elif isinstance(node, ParseResults | list | tuple):
        for item in node:
            yield from _names(item)


def _syntax_message(error: Any) -> str:
    """rdflib's parse error with its line, column and the text found there."""
    near = error.pstr[error.loc :].split(None, 1)
    found = f" near {near[0][:40]!r}" if near else " at the end"
    expected = error.msg.replace("Expected", "expected", 1)
    return f"the query is not valid SPARQL: line {error.lineno}, column {error.col}{found}: {expected}"
