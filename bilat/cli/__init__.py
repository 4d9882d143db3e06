"""The ``bilat`` command line: thin commands over ``bilat.api``; the only code that prints or exits.

Exit codes: 0 success; 1 the store does not conform (validate); 2 bad input (data, country,
query, parameter); 3 internal error, that is a bug in bilat (any exception no command expected,
reported in one line by ``common.BilatGroup``); 4 store busy, damaged or unreachable; 5 output cannot
be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bilat.cli.common import BilatGroup, Options, set_debug
from bilat.cli.extract import extract
from bilat.cli.loading import import_command, load
from bilat.cli.network import network_app
from bilat.cli.officials import officials, person
from bilat.cli.panel import panel
from bilat.cli.pictures import draw_app
from bilat.cli.query import query
from bilat.cli.reading import countries, export, stats, ties_command, validate
from bilat.cli.serve import serve

# The library (rdflib, pydantic, the models) is imported inside each command, so that parsing the
# command line and printing help stay fast.

app = typer.Typer(
    cls=BilatGroup,
    help="bilat: a knowledge graph of bilateral relations between countries, with sources.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(envvar="BILAT_STORE", help="Store directory (default: ~/.local/share/bilat/store)."),
    ] = None,
    memory: Annotated[bool, typer.Option(help="Use a fresh in-memory store for this command.")] = False,
    endpoint: Annotated[
        str | None,
        typer.Option(
            envvar="BILAT_ENDPOINT",
            help="SPARQL 1.1 query endpoint URL of a server to use instead.",
        ),
    ] = None,
    update_endpoint: Annotated[
        str | None,
        typer.Option(
            envvar="BILAT_UPDATE_ENDPOINT",
            help="SPARQL update endpoint (default: the query URL with /query replaced by /update).",
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="BILAT_DEBUG", help="Print the traceback of an internal error (exit 3)."
        ),
    ] = False,
) -> None:
    """Facts about countries and their ties, stored as RDF and queried with SPARQL."""
    if debug:
        set_debug(True)
    ctx.obj = Options(ctx, store, memory, endpoint, update_endpoint)


app.command()(load)
app.command("import")(import_command)
app.command("ties")(ties_command)
app.command()(query)
app.command()(export)
app.command()(validate)
app.command()(countries)
app.command()(stats)
app.add_typer(network_app, name="network")
app.add_typer(draw_app, name="draw")
app.command()(panel)
app.command()(extract)
app.command()(officials)
app.command()(person)
app.command()(serve)


def main() -> None:
    """Entry point of the ``bilat`` script; errors nothing expected are turned into exit 3 by the app's
    root command (``common.BilatGroup``), so that test runners see the same."""
    app()
