"""``bilat extract``: facts from news articles, as a draft to review or loaded directly."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import fail, out
from bilat.errors import BilatError, InputError


def extract(
    ctx: typer.Context,
    articles: Annotated[
        list[Path], typer.Argument(help="Article files (plain text or HTML); - reads stdin.")
    ],
    url: Annotated[
        str | None, typer.Option(help="The article's address, if the page does not give it.")
    ] = None,
    publisher: Annotated[str | None, typer.Option(help="Who published it (Azernews, Trend ...).")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="When it was published (YYYY[-MM[-DD]]).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Its headline, if the page does not give it.")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the draft here (atomically) instead of stdout."),
    ] = None,
    load: Annotated[
        bool, typer.Option("--load", help="Load the facts into the store instead of drafting.")
    ] = False,
) -> None:
    """Extract ties from news articles: countries, officials and posts, meetings, relations, embassies,
    agreements counted, trade and cooperation areas, each with the sentence it comes from."""
    from bilat import api

    try:
        texts = [_read(path) for path in articles]
        store = ctx.obj.open() if load else None
        found = api.extract_articles(
            texts, url=url, publisher=publisher, published=date, title=title, store=store
        )
        if store is not None:
            summary = api.load_extracted(store, found)
            typer.echo(
                f"Loaded {summary.new_records} new and {summary.replaced_records} updated record(s) "
                f"from {len(articles)} article(s).",
                err=True,
            )
            return
        text = api.draft(found, [str(a) for a in articles], output)
    except BilatError as error:
        raise fail(error) from None
    if output is None:
        out(text, nl=False)
    else:
        typer.echo(f"Wrote {output}: {len(found.records())} records to review.", err=True)


def _read(path: Path) -> str:
    """An article's text: a UTF-8 file, or standard input for ``-``."""
    try:
        return sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({error})") from None
