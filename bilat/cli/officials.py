"""The commands about office holders: ``officials`` (who held a country's posts) and ``person`` (which
posts a person held)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import TableFormat, err, fail, print_table
from bilat.errors import BilatError

if TYPE_CHECKING:
    from bilat.dossier.officials import Tenure

Tabled = Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv, tsv or json.")]
COLUMNS = ("country", "post", "person", "appointed", "start", "end", "sources")


def officials(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="A country: name, code, QID or demonym.")],
    post: Annotated[
        str | None, typer.Option("--post", help="Only posts whose title contains this text.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Only who may have held the post on this date (YYYY[-MM[-DD]])."),
    ] = None,
    format: Tabled = TableFormat.TABLE,
) -> None:
    """List who held a country's posts, with dates and sources: all holdings, or those on a day."""
    from bilat import api

    try:
        found = api.officials(ctx.obj.open(), country, post=post, as_of=as_of)
    except BilatError as error:
        raise fail(error) from None
    print_table(COLUMNS, [_row(t) for t in found], format)
    if not found:
        err("No post holdings recorded" + (" on that day." if as_of else "."))


def person(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="A name or part of one; case and accents do not matter.")],
    format: Tabled = TableFormat.TABLE,
) -> None:
    """List the posts held by the persons with this name, with dates and sources."""
    from bilat import api

    try:
        found = api.person_posts(ctx.obj.open(), name)
    except BilatError as error:
        raise fail(error) from None
    print_table(COLUMNS, [_row(t) for t in found], format)


def _row(tenure: Tenure) -> list[object]:
    holding = tenure.holding
    return [
        tenure.post.country,
        tenure.post.title,
        tenure.person.name,
        *(str(d) if d else None for d in (holding.appointed, holding.start, holding.end)),
        "; ".join(holding.sources),
    ]
