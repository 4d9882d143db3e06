"""``bilat serve``: the store over HTTP for a whole team (``bilat.serve``): pages for people, a
SPARQL 1.1 endpoint for programs; read-only unless ``--allow-updates``, and then only with the token."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import err, fail
from bilat.errors import BilatError, InputError

MIN_TOKEN_CHARS = 16
MAX_WORKERS = 64


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allow_updates: Annotated[
        bool,
        typer.Option(
            "--allow-updates",
            help="Accept SPARQL updates and loads (POST /load) from clients holding the token.",
        ),
    ] = False,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the bearer token that updates need (never given on the command line)."
        ),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=MAX_WORKERS,
            help="Processes answering requests, each with the store open for reading: for a read-only "
            "server of a store on disk, on a machine with cores to spare.",
        ),
    ] = 1,
) -> None:
    """Serve the store over HTTP: pages, resource pages and a SPARQL 1.1 endpoint at /sparql."""
    from bilat.serve.app import create_app
    from bilat.serve.server import run, run_workers
    from bilat.serve.state import Settings
    from bilat.store import EmbeddedStore

    try:
        token = read_token(token_file) if allow_updates else None
        if token_file is not None and not allow_updates:
            raise InputError("--token-file is for --allow-updates; without it the server is read-only")
        if workers > 1 and allow_updates:
            raise InputError(
                "--workers is for a read-only server: a write needs the store alone, and every worker "
                "holds it open for reading; leave out --workers to accept updates"
            )
        store = ctx.obj.open()
        if workers > 1 and not (isinstance(store, EmbeddedStore) and store.path is not None):
            raise InputError("--workers needs a store on disk (--store), which each worker opens for reading")
    except BilatError as error:
        raise fail(error) from None
    writes = "updates with the token" if allow_updates else "read-only"
    processes = f", {workers} processes" if workers > 1 else ""
    err(f"bilat serve: {store.location} at http://{host}:{port}/ ({writes}{processes}); Ctrl+C stops it.")
    if workers > 1:
        assert isinstance(store, EmbeddedStore) and store.path is not None
        run_workers(store.path, host, port, workers, log_level="warning")
    else:
        run(
            create_app(store, Settings(allow_updates=allow_updates, token=token)),
            host,
            port,
            log_level="warning",
        )


def read_token(path: Path | None) -> str:
    """The token in ``path``: its first line, at least ``MIN_TOKEN_CHARS`` characters."""
    if path is None:
        raise InputError("--allow-updates needs --token-file FILE holding the token clients must send")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the token file {path}: {error}") from None
    token = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(token) < MIN_TOKEN_CHARS or any(c.isspace() or not c.isprintable() for c in token):
        raise InputError(
            f"the token in {path} must be one line of at least {MIN_TOKEN_CHARS} printable characters "
            "without spaces (for example: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    return token
