"""``bilat extract``: facts from news articles, as a draft to review or loaded directly."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import err, fail, out
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
        typer.Option("--output", "-o", help="Write the draft here (atomically); - or none: stdout."),
    ] = None,
    load: Annotated[
        bool, typer.Option("--load", help="Load the facts into the store instead of drafting.")
    ] = False,
) -> None:
    """Extract ties from news articles: countries, officials and posts, meetings, relations, embassies,
    agreements counted, trade and cooperation areas, each with the sentence it comes from."""
    from bilat import api
    from bilat.files.atomic import check_target
    from bilat.files.formats import is_stdout

    output = None if is_stdout(output) else output
    try:
        if output is not None and not load:
            check_target(output)
        texts = [_read(path) for path in articles]
        store = ctx.obj.open() if load else None
        found = api.extract_articles(
            texts, url=url, publisher=publisher, published=date, title=title, store=store
        )
        if store is not None:
            summary = api.load_extracted(store, found)
            err(
                f"Loaded {summary.new_records} new and {summary.replaced_records} updated record(s) "
                f"from {len(articles)} article(s)."
            )
            return
        text = api.draft(found, [str(a) for a in articles], output)
    except BilatError as error:
        raise fail(error) from None
    if output is None:
        out(text, nl=False)
    else:
        err(f"Wrote {output}: {len(found.records())} records to review.")


def _read(path: Path) -> str:
    """An article's text: a UTF-8 file, or standard input for ``-``, of bounded size."""
    from bilat.extract.article import article_file, article_stream

    if str(path) == "-":
        return article_stream(sys.stdin.buffer, "standard input")
    return article_file(path)
