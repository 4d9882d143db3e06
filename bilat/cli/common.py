"""What every command shares: exit codes, store options, error reporting, progress, table layout."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bilat.errors import BilatError, DataError, InputError, OutputError, StoreError

if TYPE_CHECKING:
    from bilat.store import Store

EXIT_NOT_CONFORMANT, EXIT_INPUT, EXIT_INTERNAL, EXIT_STORE, EXIT_OUTPUT = 1, 2, 3, 4, 5


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class Scheme(StrEnum):
    ANY = "any"
    COW = "cow"
    FIPS = "fips"
    ISO_NUMERIC = "iso-numeric"
    CAMEO = "cameo"


class TableFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


class Options:
    def __init__(
        self, ctx: typer.Context, store: Path | None, memory: bool, endpoint: str | None, update: str | None
    ):
        self.ctx, self.store, self.memory, self.endpoint, self.update = ctx, store, memory, endpoint, update
        self.opened: Store | None = None

    def open(self) -> Store:
        """Open the chosen store once per command; it is closed when the command ends, releasing its
        lock."""
        from bilat import api

        if self.opened is None:
            self.opened = api.open_bilat_store(
                self.store, memory=self.memory, endpoint=self.endpoint, update_endpoint=self.update
            )
            self.ctx.call_on_close(self.opened.close)
            recovered = getattr(self.opened, "recovered", None)
            if recovered:
                typer.echo(f"Note: {recovered}.", err=True)
        return self.opened


def fail(error: BilatError) -> typer.Exit:
    code = EXIT_INPUT
    if isinstance(error, StoreError):
        code = EXIT_STORE
    elif isinstance(error, OutputError):
        code = EXIT_OUTPUT
    elif not isinstance(error, InputError | DataError):
        code = EXIT_INTERNAL
    typer.echo(f"Error: {error}", err=True)
    return typer.Exit(code)


def progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        of = f"/{total}" if total else ""
        typer.echo(f"\r\x1b[K{stage} {done}{of}", err=True, nl=bool(total) and done == total)


def cell(value: object) -> str:
    return "" if value is None else str(value)


def spreadsheet_safe(text: str) -> str:
    """Keep spreadsheets from running a cell as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def aligned(columns: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
