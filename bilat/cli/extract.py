"""``bilat extract``: facts from news articles, as a draft to review or loaded directly."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import fail
from bilat.errors import BilatError


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
    from bilat.extract.draft import draft_yaml
    from bilat.extract.found import METHOD
    from bilat.files.atomic import write_atomically
    from bilat.graph.write import load_records

    try:
        store = ctx.obj.open() if load else None
        found = api.extract_articles(
            articles, url=url, publisher=publisher, published=date, title=title, store=store
        )
        if load:
            assert store is not None
            summary = load_records(store, found.records(), "extracted articles")
            typer.echo(
                f"Loaded {summary.new_records} new and {summary.replaced_records} updated record(s) "
                f"from {len(articles)} article(s).",
                err=True,
            )
            return
        names = ", ".join(str(a) for a in articles)
        note = f"Extracted by bilat ({METHOD}) from {names}.\nReview each fact and its quote, then load."
        text = draft_yaml(found, note)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomically(output, text.encode("utf-8"))
            typer.echo(f"Wrote {output}: {len(found.records())} records to review.", err=True)
    except BilatError as error:
        raise fail(error) from None
