"""``bilat load`` and ``bilat import``: data files and datasets into the store."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import err, fail, out, progress
from bilat.errors import BilatError, InputError

if TYPE_CHECKING:
    from bilat.graph.plausibility import Doubt


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
    warn(summary.doubts)


def warn(doubts: list[Doubt], shown: int = 20) -> None:
    """Implausible facts as warnings on stderr, the first ``shown`` of them."""
    for doubt in doubts[:shown]:
        err(f"Warning: {doubt.record}: {doubt.message} [{', '.join(doubt.sources)}]")
    if len(doubts) > shown:
        err(f"Warning: and {len(doubts) - shown} more implausible fact(s); bilat validate lists them")


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
    report: Annotated[
        Path | None,
        typer.Option(help="Write every row that made nothing, with its line and reason, to this CSV file."),
    ] = None,
) -> None:
    """Import datasets as they come: COW, DESTA, the database of embassies, GDELT, CAMEO. Rows that make
    nothing are counted by reason, with examples (all of them with --report)."""
    from bilat import api

    try:
        _check_encoding(encoding)
        summary = api.import_files(
            ctx.obj.open(), format, paths, strict=strict, encoding=encoding, progress=progress, report=report
        )
    except BilatError as error:
        raise fail(error) from None
    assert summary.load is not None
    out(
        f"Read {summary.rows} rows from {summary.files} file(s): {summary.used} used, "
        f"{summary.skipped_rows} skipped."
    )
    for what, counts in (("skipped", summary.skipped), ("not made", summary.dropped)):
        for reason, count in counts.most_common():
            out(f"  {what} {count}: {reason}")
            for problem in summary.examples.get(reason, []):
                err(f"    e.g. {problem}")
    if report is not None:
        err(f"Wrote every row that made nothing to {report}.")
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
