"""What every command shares: exit codes, store options, error reporting, standard output, progress,
table layout; and the root command, which turns any error no command expected into exit 3.

Everything printed goes through ``out``, ``out_bytes`` (data, as it is) or ``err``: text passes
``files.display.printable`` on its way, so that a title, a name, a server's error text or a file's
content quoted in a message cannot drive the terminal."""

from __future__ import annotations

import errno
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from bilat.errors import BilatError, DataError, InputError, OutputError, ServerRefusedError, StoreError
from bilat.files.display import printable
from bilat.files.formats import TableFormat as TableFormat

if TYPE_CHECKING:
    from bilat.store import Store

EXIT_NOT_CONFORMANT, EXIT_INPUT, EXIT_INTERNAL, EXIT_STORE, EXIT_OUTPUT, EXIT_REFUSED = 1, 2, 3, 4, 5, 6


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
                err(f"Note: {recovered}.")
        return self.opened


def fail(error: BilatError) -> typer.Exit:
    """The exit for an error bilat raised on purpose, its message printed; an InternalError is
    reported as the bug it is."""
    code = EXIT_INPUT
    if isinstance(error, ServerRefusedError):
        code = EXIT_REFUSED
    elif isinstance(error, StoreError):
        code = EXIT_STORE
    elif isinstance(error, OutputError):
        code = EXIT_OUTPUT
    elif not isinstance(error, InputError | DataError):
        report_internal(error, str(error))
        return typer.Exit(EXIT_INTERNAL)
    err(f"Error: {error}")
    return typer.Exit(code)


class _Run:
    """What the current invocation asked for: ``--debug`` (or ``BILAT_DEBUG=1``)."""

    debug = False


def set_debug(debug: bool) -> None:
    _Run.debug = debug


def report_internal(error: BaseException, message: str | None = None) -> None:
    """One line saying that bilat failed, not the user; the traceback too with ``--debug``."""
    if _Run.debug:
        err("".join(traceback.format_exception(error)), nl=False)
    if message is None:
        kind = type(error)
        name = (
            kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        )
        text = " ".join(str(error).split())
        text = text if len(text) <= 500 else text[:500] + "…"
        message = f"{name}: {text}" if text else name
    err(
        f"Error: internal error: {message}; this is a bug in bilat, please report it "
        "(run with --debug or BILAT_DEBUG=1 for the traceback)"
    )


def err(text: str = "", nl: bool = True) -> None:
    """Print a message to standard error, without control characters (``printable``)."""
    typer.echo(printable(text), err=True, nl=nl)


def out(text: str = "", nl: bool = True) -> None:
    """Print text to standard output, without control characters (``printable``); when it cannot be
    written (a full disk), exit 5, not a traceback."""
    try:
        typer.echo(printable(text), nl=nl)
    except OSError as error:
        raise _stdout_failed(error) from None


def out_bytes(data: bytes) -> None:
    """Write bytes to standard output, as ``out``."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except OSError as error:
        raise _stdout_failed(error) from None


def _stdout_failed(error: OSError) -> typer.Exit:
    try:  # what is still buffered would fail again when Python flushes it at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor: a test's captured output
        pass
    if error.errno != errno.EPIPE:  # a reader that stopped reading (`| head`) needs no message
        err(f"Error: cannot write to standard output: {error.strerror or error}")
    return typer.Exit(EXIT_OUTPUT)


class _QuietLibraries(logging.Handler):
    """Warnings that libraries log, as one line each; rdflib's (a literal it cannot convert, with a
    traceback) only with ``--debug``."""

    def emit(self, record: logging.LogRecord) -> None:
        if _Run.debug:
            err(logging.Formatter("%(levelname)s %(name)s: %(message)s").format(record))
        elif not record.name.startswith("rdflib") or record.levelno >= logging.ERROR:
            lines = record.getMessage().strip().splitlines()
            err(f"Warning: {lines[0] if lines else record.name}")


_LIBRARY_LOG = _QuietLibraries(logging.WARNING)


class BilatGroup(TyperGroup):
    """The root command. Whatever exception no command expected ends here, in one place, for the
    ``bilat`` script and for test runners alike: one line and exit 3, never a traceback (unless
    asked for with ``--debug``)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        set_debug(os.environ.get("BILAT_DEBUG", "").lower() in ("1", "true", "yes", "on"))
        root = logging.getLogger()
        if _LIBRARY_LOG not in root.handlers:
            root.addHandler(_LIBRARY_LOG)
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        except Exception as error:  # KeyboardInterrupt and SystemExit are not Exceptions
            report_internal(error)
            sys.exit(EXIT_INTERNAL)


def progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        of = f"/{total}" if total else ""
        typer.echo(f"\r\x1b[K{stage} {done}{of}", err=True, nl=bool(total) and done == total)


def print_table(columns: Sequence[str], rows: Sequence[Sequence[object]], format: TableFormat) -> None:
    """A table in ``format``, written by the one table writer (``files.tables``); CSV as bytes, so that
    its CRLF line ends stay (its cells are made printable by the writer)."""
    from bilat.files.tables import table_text

    text = table_text(columns, rows, format)
    if format is TableFormat.CSV:
        out_bytes(text.encode("utf-8"))
    else:
        out(text, nl=False)


def deliver(output: Path | None, data: bytes) -> bool:
    """Write ``data`` to ``output`` atomically, or to standard output for none or ``-``; whether it
    went to a file."""
    from bilat.files.atomic import write_atomically
    from bilat.files.formats import is_stdout

    if output is None or is_stdout(output):
        out_bytes(data)
        return False
    try:
        write_atomically(output, data)
    except BilatError as error:
        raise fail(error) from None
    return True
