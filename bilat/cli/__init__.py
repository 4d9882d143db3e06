"""The ``bilat`` command line: thin commands over ``bilat.api``; the only code that prints or exits.

Exit codes: 0 success; 1 the store does not conform (validate); 2 bad input (data, country,
query, parameter); 3 internal error, that is a bug in bilat (any exception no command expected,
reported in one line by ``common.BilatGroup``); 4 store busy, damaged or unreachable; 5 output cannot
be written.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import (
    EXIT_NOT_CONFORMANT,
    BilatGroup,
    Options,
    ReportFormat,
    Scheme,
    TableFormat,
    aligned,
    cell,
    err,
    fail,
    out,
    out_bytes,
    progress,
    set_debug,
    spreadsheet_safe,
)
from bilat.cli.extract import extract
from bilat.cli.network import network_app
from bilat.cli.panel import panel
from bilat.cli.pictures import draw_app
from bilat.errors import BilatError, InputError
from bilat.files.formats import Format

if TYPE_CHECKING:
    from bilat.graph.plausibility import Doubt

# The library (rdflib, pydantic, the models) is imported inside each command, so that parsing the
# command line and printing help stay fast.

app = typer.Typer(
    cls=BilatGroup,
    help="bilat: a knowledge graph of bilateral relations between countries, with sources.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(envvar="BILAT_STORE", help="Store directory (default: ~/.local/share/bilat/store)."),
    ] = None,
    memory: Annotated[bool, typer.Option(help="Use a fresh in-memory store for this command.")] = False,
    endpoint: Annotated[
        str | None,
        typer.Option(
            envvar="BILAT_ENDPOINT",
            help="SPARQL 1.1 query endpoint URL of a server to use instead.",
        ),
    ] = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            envvar="BILAT_UPDATE_ENDPOINT",
            help="SPARQL update endpoint (default: the query URL with /query replaced by /update).",
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="BILAT_DEBUG", help="Print the traceback of an internal error (exit 3)."
        ),
    ] = False,
) -> None:
    """Facts about countries and their ties, stored as RDF and queried with SPARQL."""
    if debug:
        set_debug(True)
    ctx.obj = Options(ctx, store, memory, endpoint, update_endpoint)


@app.command()
def load(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="YAML or JSON Lines files, or folders of them.")],
) -> None:
    """Validate data files completely, then write them to the store in one transaction."""
    from bilat import api

    try:
        store = ctx.obj.open()
        summary = api.load(store, paths, progress)
    except BilatError as error:
        raise fail(error) from None
    kinds = ", ".join(f"{n} {k}" for k, n in summary.records.items())
    out(f"Loaded {summary.files} file(s): {kinds}.")
    out(
        f"{summary.new_records} new record(s), {summary.replaced_records} replaced; "
        f"{summary.triples_added:+d} triples ({summary.triples_after} in the store)."
    )
    _warn(summary.doubts)


def _warn(doubts: list[Doubt], shown: int = 20) -> None:
    """Implausible facts as warnings on stderr, the first ``shown`` of them."""
    for doubt in doubts[:shown]:
        err(f"Warning: {doubt.record}: {doubt.message} [{', '.join(doubt.sources)}]")
    if len(doubts) > shown:
        err(f"Warning: and {len(doubts) - shown} more implausible fact(s); bilat validate lists them")


@app.command("import")
def import_command(
    ctx: typer.Context,
    format: Annotated[
        str, typer.Argument(help="cow-states, cow-diplomatic, desta, embassies, gdelt or cameo.")
    ],
    paths: Annotated[list[Path], typer.Argument(help="Files in that format.")],
    strict: Annotated[bool, typer.Option(help="Refuse the whole import at the first bad row.")] = False,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding, if not the format's usual one.")
    ] = None,
) -> None:
    """Import datasets as they come: COW, DESTA, the database of embassies, GDELT, CAMEO."""
    from bilat import api

    try:
        _check_encoding(encoding)
        summary = api.import_files(
            ctx.obj.open(), format, paths, strict=strict, encoding=encoding, progress=progress
        )
    except BilatError as error:
        raise fail(error) from None
    assert summary.load is not None
    out(
        f"Read {summary.rows} rows from {summary.files} file(s): {summary.used} used, "
        f"{summary.skipped_rows} skipped."
    )
    for reason, count in summary.skipped.most_common():
        out(f"  skipped {count}: {reason}")
    for reason, count in summary.dropped.most_common():
        out(f"  not made {count}: {reason}")
    shown: dict[str, int] = {}
    for problem in summary.examples:
        reason = problem.message.split(":")[0]
        shown[reason] = shown.get(reason, 0) + 1
        if shown[reason] <= 3:
            err(f"  e.g. {problem}")
    kinds = ", ".join(f"{n} {k}" for k, n in summary.load.records.items())
    out(f"Records: {kinds}.")
    out(
        f"{summary.load.new_records} new, {summary.load.replaced_records} replaced; "
        f"{summary.load.triples_added:+d} triples ({summary.load.triples_after} in the store)."
    )


def _check_encoding(encoding: str | None) -> None:
    if encoding is None:
        return
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            f"--encoding {encoding!r} is not a text encoding Python knows; try utf-8, cp1252 or latin-1"
        ) from None


@app.command("ties")
def ties_command(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A country: name, code, QID or demonym.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    start: Annotated[
        str | None, typer.Option("--from", help="Keep facts from this date (YYYY[-MM[-DD]]).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Keep facts up to this date.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The record on this date: what stood then and what happened that day."),
    ] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.TEXT,
    events: Annotated[int, typer.Option(help="Show at most this many events, the latest; 0 shows all.")] = 50,
) -> None:
    """Print everything that links two countries, with sources."""
    from bilat import api
    from bilat.dossier.render import render_json, render_markdown, render_text

    try:
        dossier = api.pair_ties(
            ctx.obj.open(), a, b, start=start, end=end, as_of=as_of, events=events or None
        )
    except BilatError as error:
        raise fail(error) from None
    render = {
        ReportFormat.TEXT: render_text,
        ReportFormat.MARKDOWN: render_markdown,
        ReportFormat.JSON: render_json,
    }[format]
    out(render(dossier), nl=False)


@app.command()
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


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of to stdout."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.TURTLE,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="Only this country's neighbourhood; twice for a pair's."),
    ] = None,
) -> None:
    """Write the graph, or a country's or pair's neighbourhood, as Turtle, N-Triples, JSON-LD or TriG."""
    from bilat import api
    from bilat.files.atomic import check_target

    try:
        if output is not None:
            check_target(output)
        data = api.export(ctx.obj.open(), output, format, country)
    except BilatError as error:
        raise fail(error) from None
    if output is None:
        out_bytes(data)
    else:
        err(f"Wrote {output} ({len(data)} bytes, {format.value}).")


@app.command()
def validate(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option(help="Also fail (exit 1) on implausible facts, not only on violations.")
    ] = False,
) -> None:
    """Check the store against the SHACL shapes (exit 1 when it does not conform), and warn of
    implausible facts: dated before a country existed or after it ended, ending before they start."""
    from bilat import api

    try:
        store = ctx.obj.open()
        violations = api.validate(store)
        doubts = api.doubts(store)
    except BilatError as error:
        raise fail(error) from None
    for violation in violations:
        path = f" {violation.path}" if violation.path else ""
        out(f"{violation.focus}{path}: {violation.message}")
    _warn(doubts, shown=len(doubts))
    if violations:
        typer.echo(f"{len(violations)} violation(s).", err=True)
        raise typer.Exit(EXIT_NOT_CONFORMANT)
    out("The store conforms to the bilat shapes.")
    if doubts and strict:
        typer.echo(f"{len(doubts)} implausible fact(s), and --strict.", err=True)
        raise typer.Exit(EXIT_NOT_CONFORMANT)


@app.command()
def countries(
    text: Annotated[
        str | None,
        typer.Argument(help="A name, code, QID or demonym to resolve; omit to list all."),
    ] = None,
    search: Annotated[
        bool, typer.Option("--search", help="List every country whose names contain TEXT.")
    ] = False,
    scheme: Annotated[
        Scheme, typer.Option(help="Read TEXT as a code of this scheme instead of any name or ISO code.")
    ] = Scheme.ANY,
    year: Annotated[
        int | None, typer.Option(help="The year a COW number or ISO numeric code is from.")
    ] = None,
) -> None:
    """Resolve a country name or code (ISO, COW, FIPS, CAMEO, QID), search names, or list the register."""
    from bilat import api

    try:
        found = api.countries(text, search=search, scheme=scheme.value, year=year)
    except BilatError as error:
        raise fail(error) from None
    for country in found:
        extra = f"  dissolved {country.dissolved}" if country.dissolved else ""
        out(
            f"{country.code:<5} {country.alpha3 or '':<4} {country.numeric or '':<4} "
            f"{country.wikidata or '':<9} {country.name}{extra}"
        )


@app.command()
def stats(ctx: typer.Context) -> None:
    """Count the triples and records in the store."""
    from bilat import api

    try:
        result = api.stats(ctx.obj.open())
    except BilatError as error:
        raise fail(error) from None
    out(f"store: {result.location}")
    out(f"triples: {result.triples}")
    for kind, count in result.records.items():
        out(f"{kind}: {count}")


app.add_typer(network_app, name="network")
app.add_typer(draw_app, name="draw")
app.command()(panel)
app.command()(extract)


def main() -> None:
    """Entry point of the ``bilat`` script; errors nothing expected are turned into exit 3 by the app's
    root command (``common.BilatGroup``), so that test runners see the same."""
    app()
