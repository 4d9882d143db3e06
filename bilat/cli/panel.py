"""``bilat panel``: the dyad-year table regressions use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import err, fail, progress
from bilat.errors import BilatError


def panel(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write (atomically): .csv, or .parquet or .dta with pandas."
        ),
    ],
    first: Annotated[int, typer.Option("--from", help="The first year.")],
    last: Annotated[int, typer.Option("--to", help="The last year.")],
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", "-c", help="Only pairs among these countries (repeat); default: COW members."
        ),
    ] = None,
    directed: Annotated[
        bool,
        typer.Option("--directed", help="Each pair both ways (1 to 2 and 2 to 1), as a directed dyad-year."),
    ] = False,
) -> None:
    """Write the dyad-year panel: a row per pair and year (ccode1, ccode2, year, ISO codes, names),
    with relations, missions and representation each way (COW levels as words and numbers),
    agreements, events by kind and trade; gaps in coverage left empty. Years from 1816 to next year,
    at most 100 in one panel."""
    from bilat import api
    from bilat.files.atomic import check_target
    from bilat.network.panel import check_years

    try:
        check_years(first, last)
        check_target(output)
        rows = api.panel(
            ctx.obj.open(),
            output,
            first,
            last,
            country,
            directed=directed,
            progress=lambda done, total: progress("Years", done, total),
        )
    except BilatError as error:
        raise fail(error) from None
    err(f"Wrote {output}: {rows} pair-year rows, {first} to {last}.")
