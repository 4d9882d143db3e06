"""The commands that read the graph: ``ties``, ``export``, ``validate``, ``countries``, ``stats``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import (
    EXIT_NOT_CONFORMANT,
    ReportFormat,
    Scheme,
    TableFormat,
    err,
    fail,
    out,
    out_bytes,
    print_table,
    progress,
)
from bilat.cli.loading import warn
from bilat.errors import BilatError
from bilat.files.formats import Format, chosen_format, is_stdout

Tabled = Annotated[
    TableFormat | None,
    typer.Option("--format", "-f", help="table, csv, tsv or json. Default: text."),
]


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
    predecessors: Annotated[
        bool,
        typer.Option(
            help="Also the facts of the earlier states either country continues (Russia: the USSR, the "
            "Russian Empire), each in its own years."
        ),
    ] = True,
) -> None:
    """Print everything that links two countries, with sources."""
    from bilat import api
    from bilat.dossier.render import render_json, render_markdown, render_text

    try:
        dossier = api.pair_ties(
            ctx.obj.open(),
            a,
            b,
            start=start,
            end=end,
            as_of=as_of,
            events=events or None,
            predecessors=predecessors,
        )
    except BilatError as error:
        raise fail(error) from None
    render = {
        ReportFormat.TEXT: render_text,
        ReportFormat.MARKDOWN: render_markdown,
        ReportFormat.JSON: render_json,
    }[format]
    out(render(dossier), nl=False)


def export(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (atomically) instead of to stdout (-)."),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option("--format", "-f", help="turtle, nt, json-ld or trig; default: by suffix, else turtle."),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", "-c", help="Only this country's neighbourhood; twice for a pair's."),
    ] = None,
) -> None:
    """Write the graph, or a country's or pair's neighbourhood, as Turtle, N-Triples, JSON-LD or TriG."""
    from bilat import api
    from bilat.files.atomic import check_target

    target = None if is_stdout(output) else output
    try:
        if target is not None:
            check_target(target)
        chosen = chosen_format(target, format, Format.TURTLE)
        data = api.export(ctx.obj.open(), target, chosen, country)
    except BilatError as error:
        raise fail(error) from None
    if target is None:
        out_bytes(data)
    else:
        err(f"Wrote {target} ({target.stat().st_size:,} bytes, {chosen.value}).")


def validate(
    ctx: typer.Context,
    strict: Annotated[
        bool, typer.Option(help="Also fail (exit 1) on implausible facts, not only on violations.")
    ] = False,
) -> None:
    """Check the store against the SHACL shapes (exit 1 when it does not conform), and warn of
    implausible facts: dated before a country existed or after it ended, ending before they start."""
    from bilat.api.stores import validate_with_doubts

    try:
        found = validate_with_doubts(ctx.obj.open(), progress)
    except BilatError as error:
        raise fail(error) from None
    violations, doubts = found.violations, found.doubts
    for violation in violations:
        path = f" {violation.path}" if violation.path else ""
        out(f"{violation.focus}{path}: {violation.message}")
    warn(doubts, shown=len(doubts))
    if violations:
        typer.echo(f"{len(violations)} violation(s).", err=True)
        raise typer.Exit(EXIT_NOT_CONFORMANT)
    out("The store conforms to the bilat shapes.")
    if doubts and strict:
        typer.echo(f"{len(doubts)} implausible fact(s), and --strict.", err=True)
        raise typer.Exit(EXIT_NOT_CONFORMANT)


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
    format: Tabled = None,
) -> None:
    """Resolve a country name or code (ISO, COW, FIPS, CAMEO, QID), search names, or list the register."""
    from bilat import api

    try:
        found = api.countries(text, search=search, scheme=scheme.value, year=year)
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        columns = ["code", "alpha3", "numeric", "wikidata", "name", "dissolved"]
        rows = [[c.code, c.alpha3, c.numeric, c.wikidata, c.name, c.dissolved] for c in found]
        print_table(columns, rows, format)
        return
    for country in found:
        extra = f"  dissolved {country.dissolved}" if country.dissolved else ""
        out(
            f"{country.code:<5} {country.alpha3 or '':<4} {country.numeric or '':<4} "
            f"{country.wikidata or '':<9} {country.name}{extra}"
        )


def stats(ctx: typer.Context, format: Tabled = None) -> None:
    """Count the triples and records in the store."""
    from bilat import api

    try:
        result = api.stats(ctx.obj.open())
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        print_table(["kind", "count"], [["triples", result.triples], *result.records.items()], format)
        return
    out(f"store: {result.location}")
    out(f"triples: {result.triples}")
    for kind, count in result.records.items():
        out(f"{kind}: {count}")
