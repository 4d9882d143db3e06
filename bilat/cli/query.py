"""``bilat query``: the user's SPARQL, a ``.rq`` file or a stored query, as a table, CSV, TSV or JSON."""

from __future__ import annotations

import csv
import io
import os
import stat
from typing import Annotated

import typer

from bilat.cli.common import TableFormat, aligned, cell, fail, out, spreadsheet_safe
from bilat.errors import BilatError, InputError


def query(
    ctx: typer.Context,
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text, or a path to a .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a stored query by name.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a stored query parameter."),
    ] = None,
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.TABLE,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 10000,
    timeout: Annotated[
        float, typer.Option(help="Stop a SELECT that runs longer than this many seconds (0.1 to 86400).")
    ] = 60,
    write: Annotated[
        bool, typer.Option("--write", help="Allow a SPARQL update to change the store.")
    ] = False,
    list_queries: Annotated[bool, typer.Option("--list", help="List the stored queries.")] = False,
) -> None:
    """Run SPARQL: your own, from a .rq file, or a stored query with typed parameters."""
    from bilat import api
    from bilat.files.display import json_text
    from bilat.queries.run import sparql_json, table

    if list_queries:
        for stored in api.stored_queries():
            params = " ".join(f"{p.name}:{p.type}" for p in stored.parameters)
            out(f"{stored.name:<20} {stored.title}" + (f"  [{params}]" if params else ""))
        return
    try:
        answer = api.query(
            ctx.obj.open(),
            _sparql_text(sparql),
            name=name,
            params=_params(param or []),
            write=write,
            limit=limit,
            timeout=timeout,
        )
    except BilatError as error:
        raise fail(error) from None
    if answer is None:
        out("Update applied.")
        return
    if format is TableFormat.JSON:
        out(json_text(sparql_json(answer.rows), indent=2))
        return
    result = table(answer.rows, hide=answer.parameters)
    cells = [[cell(v) for v in row] for row in result.rows]
    if format is TableFormat.TABLE:
        out(aligned(list(result.columns), cells), nl=False)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if format is TableFormat.CSV else "\t", lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[spreadsheet_safe(c) for c in row] for row in cells])
        out(buffer.getvalue(), nl=False)


def _params(items: list[str]) -> dict[str, str]:
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--param {item!r} must be NAME=VALUE")
        values[key] = value
    return values


def _sparql_text(sparql: str | None) -> str | None:
    """The query as given, or the text of the ``.rq`` file it names."""
    from bilat.store.guard import MAX_QUERY_CHARS

    if sparql is None or not sparql.endswith(".rq"):
        return sparql
    try:
        if not stat.S_ISREG(os.stat(sparql).st_mode):
            raise InputError(f"cannot read {sparql}: it is not a file")
        with open(sparql, "rb") as stream:
            data = stream.read(4 * MAX_QUERY_CHARS + 1)
        if len(data) > 4 * MAX_QUERY_CHARS:  # more characters than the guard accepts, however encoded
            raise InputError(
                f"{sparql} is longer than the longest query bilat accepts ({MAX_QUERY_CHARS:,} characters)"
            )
        return data.decode("utf-8")
    except OSError as error:
        raise InputError(f"cannot read {sparql}: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise InputError(f"cannot read {sparql} as UTF-8 text ({error})") from None
