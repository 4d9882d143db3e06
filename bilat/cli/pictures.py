"""``bilat draw``: pictures of a country's ties and of a pair's history."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import err, fail, out_bytes
from bilat.cli.network import End, Kinds, Start
from bilat.errors import BilatError
from bilat.files.formats import PictureFormat, is_stdout

Output = Annotated[Path, typer.Option("--output", "-o", help="A .png or .svg file to write; - for stdout.")]
PictureOption = Annotated[
    PictureFormat | None,
    typer.Option("--format", "-f", help="png or svg; default: by the suffix of -o (png for -)."),
]

draw_app = typer.Typer(
    help="Draw a country's ego network or a pair's timeline (PNG or SVG).", no_args_is_help=True
)


@draw_app.command("ego")
def draw_ego(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="A country.")],
    output: Output,
    top: Annotated[int, typer.Option(help="Draw this many partners, the most tied.")] = 30,
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    format: PictureOption = None,
) -> None:
    """Draw a country and its most tied partners, each spoke coloured by its strongest tie."""
    from bilat import api

    try:
        data = api.draw_ego(
            ctx.obj.open(), country, output, top=top, kinds=kinds, start=start, end=end, format=format
        )
    except BilatError as error:
        raise fail(error) from None
    _done(output, data)


@draw_app.command("timeline")
def draw_timeline(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A country.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    output: Output,
    start: Start = None,
    end: End = None,
    format: PictureOption = None,
) -> None:
    """Draw the dated facts of a pair on a time axis, a lane per kind, trade as bars."""
    from bilat import api

    try:
        data = api.draw_timeline(ctx.obj.open(), a, b, output, start=start, end=end, format=format)
    except BilatError as error:
        raise fail(error) from None
    _done(output, data)


def _done(output: Path, data: bytes) -> None:
    if is_stdout(output):
        out_bytes(data)
    else:
        err(f"Wrote {output}.")


__all__ = ["draw_app"]
