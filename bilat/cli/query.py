"""``bilat query``: the user's SPARQL, a ``.rq`` file or a stored query: a SELECT as a table, CSV, TSV
or JSON (the SPARQL result formats), an ASK as true or false, a CONSTRUCT or DESCRIBE as RDF."""

from __future__ import annotations

import os
import stat
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import TableFormat, deliver, err, fail, out
from bilat.errors import BilatError, InputError
from bilat.files.formats import Format, chosen_format, is_stdout

if TYPE_CHECKING:
    from bilat.api.queries import Answer


class QueryFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    TURTLE = "turtle"
    NTRIPLES = "nt"
    JSONLD = "json-ld"


def query(
    ctx: typer.Context,
    sparql: Annotated[str | None, typer.Argument(help="SPARQL text, or a path to a .rq file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="Run a stored query by name.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a stored query parameter."),
    ] = None,
    format: Annotated[
        QueryFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="SELECT and ASK: table, csv, tsv or json; CONSTRUCT and DESCRIBE: turtle, nt or json-ld. "
            "Default: by the suffix of -o, else table or turtle.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of to stdout (-)."),
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows (or triples).")] = 10000,
    timeout: Annotated[
        float, typer.Option(help="Stop a query that runs longer than this many seconds (0.1 to 86400).")
    ] = 60,
    write: Annotated[
        bool, typer.Option("--write", help="Allow a SPARQL update to change the store.")
    ] = False,
    list_queries: Annotated[bool, typer.Option("--list", help="List the stored queries.")] = False,
) -> None:
    """Run SPARQL: your own, from a .rq file, or a stored query with typed parameters."""
    from bilat import api
    from bilat.files.atomic import check_target

    if list_queries:
        for stored in api.stored_queries():
            params = " ".join(f"{p.name}:{p.type}" for p in stored.parameters)
            out(f"{stored.name:<20} {stored.title}" + (f"  [{params}]" if params else ""))
        return
    try:
        if output is not None and not is_stdout(output):
            check_target(output)
        answer = api.query(
            ctx.obj.open(),
            _sparql_text(sparql),
            name=name,
            params=_params(param or []),
            write=write,
            limit=limit,
            timeout=timeout,
        )
        if answer is None:
            out("Update applied.")
            return
        if answer.form == "GRAPH":
            _write_graph(answer, format, output, limit)
        else:
            _write_table(answer, format, output)
    except BilatError as error:
        raise fail(error) from None


def _write_graph(answer: Answer, format: QueryFormat | None, output: Path | None, limit: int) -> None:
    from bilat.graph.export import serialize

    if format is not None and format.value not in set(Format):
        raise InputError(
            f"a CONSTRUCT or DESCRIBE gives a graph: --format turtle, nt or json-ld, not {format}"
        )
    chosen = chosen_format(output, Format(format.value) if format else None, Format.TURTLE)
    if chosen is Format.TRIG:
        raise InputError(f"{output}: a query's graph is written as turtle, nt or json-ld; give --format")
    data = serialize(answer.triples, chosen)
    if len(answer.triples) == limit:
        err(f"Note: the graph was cut at --limit {limit} triples.")
    if deliver(output, data):
        err(f"Wrote {output} ({len(answer.triples)} triples, {chosen.value}).")


def _write_table(answer: Answer, format: QueryFormat | None, output: Path | None) -> None:
    from bilat.files.display import json_text
    from bilat.files.tables import delimited, table_text
    from bilat.queries.results import boolean_json, csv_cells, sparql_json, tsv_cells
    from bilat.queries.run import table

    if format is not None and format.value not in set(TableFormat):
        raise InputError(f"a {answer.form} gives a table: --format table, csv, tsv or json, not {format}")
    chosen = chosen_format(output, TableFormat(format.value) if format else None, TableFormat.TABLE)
    if answer.boolean is not None:
        text = json_text(boolean_json(answer.boolean), indent=2) if chosen is TableFormat.JSON else ""
        text = (text or ("true" if answer.boolean else "false")) + "\n"
    elif chosen is TableFormat.JSON:
        text = json_text(sparql_json(answer.rows), indent=2) + "\n"
    elif chosen is TableFormat.TSV:
        text = delimited(*tsv_cells(answer.rows, answer.parameters), "\t", terms=True)
    elif chosen is TableFormat.CSV:
        text = delimited(*csv_cells(answer.rows, answer.parameters))
    else:
        result = table(answer.rows, hide=answer.parameters)
        text = table_text(result.columns, result.rows, chosen)
    if deliver(output, text.encode("utf-8")):
        err(f"Wrote {output} ({len(answer.rows.rows)} rows, {chosen.value}).")


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
