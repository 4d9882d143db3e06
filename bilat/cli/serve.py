"""``bilat serve``: the store over HTTP for a whole team (``bilat.serve``): pages for people, a
SPARQL 1.1 endpoint for programs; read-only unless ``--allow-updates``, and then only with the token."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import err, fail
from bilat.errors import BilatError, InputError

MIN_TOKEN_CHARS = 16


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
) -> None:
    """Serve the store over HTTP: pages, resource pages and a SPARQL 1.1 endpoint at /sparql."""
    from bilat.serve.app import create_app
    from bilat.serve.server import run
    from bilat.serve.state import Settings

    try:
        token = read_token(token_file) if allow_updates else None
        if token_file is not None and not allow_updates:
            raise InputError("--token-file is for --allow-updates; without it the server is read-only")
        store = ctx.obj.open()
    except BilatError as error:
        raise fail(error) from None
    app = create_app(store, Settings(allow_updates=allow_updates, token=token))
    writes = "updates with the token" if allow_updates else "read-only"
    err(f"bilat serve: {store.location} at http://{host}:{port}/ ({writes}); Ctrl+C stops it.")
    run(app, host, port, log_level="warning")


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
