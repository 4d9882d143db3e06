"""``bilat network``: measures of the network of countries and its files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import TableFormat, err, fail, out, out_bytes, print_table
from bilat.errors import BilatError, InputError
from bilat.files.formats import GraphFormat, chosen_format, is_stdout

if TYPE_CHECKING:
    import networkx as nx

    from bilat.network.analysis import Link

network_app = typer.Typer(
    help="Analyse the network of countries: centrality, communities, chains, partners, change, files.",
    no_args_is_help=True,
)

Kinds = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        help="Tie kinds to count (repeat): relations, missions, representation, agreements, events, trade, "
        "votes (how alike a pair voted in the UN, when imported). Default: all but votes.",
    ),
]
Start = Annotated[
    str | None, typer.Option("--from", help="Ties that may fall from this date (YYYY[-MM[-DD]]).")
]
End = Annotated[str | None, typer.Option("--to", help="... up to this date.")]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="The network on this date: standing ties alive then, events of that date."),
]
Directed = Annotated[
    bool, typer.Option(help="Keep direction: missions, representation, directed events, trade flows.")
]
Weight = Annotated[
    str,
    typer.Option(help="Edge weight: 'weight' (how many kinds of tie link a pair) or a kind, e.g. events."),
]
Tabled = Annotated[
    TableFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table, csv, tsv or json: one row per item, a column per tie kind. Default: text.",
    ),
]


def _graph(
    ctx: typer.Context,
    kinds: list[str] | None,
    start: str | None,
    end: str | None,
    as_of: str | None = None,
    directed: bool = False,
) -> nx.Graph:
    from bilat import api

    return api.country_network(
        ctx.obj.open(), kinds=kinds, start=start, end=end, as_of=as_of, directed=directed
    )


def _ties(ties: dict[str, float]) -> str:
    """``relations, 3 missions, trade $143,290`` ..."""
    parts = []
    for kind, value in ties.items():
        if kind == "trade":
            parts.append(f"trade ${value:,.0f}")
        elif kind == "relations":
            parts.append("relations")
        elif kind == "representation":
            parts.append(f"represented {int(value)} year{'s' if value != 1 else ''}")
        else:
            parts.append(f"{int(value)} {kind if value != 1 else kind.removesuffix('s')}")
    return ", ".join(parts)


def _name(graph: nx.Graph, code: str) -> str:
    return str(graph.nodes[code].get("name", code))


def _link(graph: nx.Graph, a: str, b: str, ties: dict[str, float]) -> str:
    arrow = "->" if graph.is_directed() else "--"
    return f"{_name(graph, a)} {arrow} {_name(graph, b)}: {_ties(ties)}"


@network_app.command()
def centrality(
    ctx: typer.Context,
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    directed: Directed = False,
    weight: Weight = "weight",
    top: Annotated[int, typer.Option(help="Show the most central countries only; 0 shows all.")] = 20,
    format: Annotated[
        TableFormat, typer.Option("--format", "-f", help="table, csv, tsv or json.")
    ] = TableFormat.TABLE,
) -> None:
    """Degree, strength, betweenness, eigenvector, PageRank and community of each country."""
    from bilat import api

    try:
        scores = api.centrality(_graph(ctx, kinds, start, end, as_of, directed), weight)
    except BilatError as error:
        raise fail(error) from None
    from bilat.network.tables import centrality_table

    print_table(*centrality_table(scores[:top] if top else scores), format)


@network_app.command()
def communities(
    ctx: typer.Context,
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    weight: Weight = "weight",
    format: Tabled = None,
) -> None:
    """Clusters of countries more tied to each other than to the rest (Louvain, repeatable)."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        found = api.communities(graph, weight)
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        from bilat.network.tables import communities_table

        print_table(*communities_table(graph, found), format)
        return
    for number, group in enumerate(found):
        names = ", ".join(_name(graph, code) for code in group)
        out(f"{number}: {len(group)} countries: {names}")


@network_app.command()
def path(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A country: name, code, QID or demonym.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    format: Tabled = None,
) -> None:
    """The shortest chain of ties between two countries, and what each link is."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        links = api.path(graph, a, b)
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        _print_links(graph, links, format)
        return
    out(f"{len(links)} link(s):")
    for link in links:
        out(f"  {_link(graph, link.a, link.b, link.ties)}")


@network_app.command()
def common(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A country.")],
    b: Annotated[str, typer.Argument(help="The other country.")],
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    top: Annotated[int, typer.Option(help="Show at most this many; 0 shows all.")] = 0,
    format: Tabled = None,
) -> None:
    """Countries tied to both of two countries, the most tied first."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        code_a, code_b = (api.resolve_country(name).code for name in (a, b))
        partners = api.common_partners(graph, code_a, code_b)
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        from bilat.network.tables import common_table

        print_table(*common_table(partners[:top] if top else partners), format)
        return
    out(f"{len(partners)} common partner(s) of {_name(graph, code_a)} and {_name(graph, code_b)}:")
    for partner in partners[:top] if top else partners:
        out(
            f"  {partner.name}: with {_name(graph, code_a)} {_ties(partner.with_a)}; "
            f"with {_name(graph, code_b)} {_ties(partner.with_b)}"
        )


@network_app.command()
def ego(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(help="A country.")],
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    directed: Directed = False,
    format: Tabled = None,
) -> None:
    """A country's partners and the ties with each, the most tied first."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of, directed)
        code = api.resolve_country(country).code
        partners, links = api.ego(graph, code)
    except BilatError as error:
        raise fail(error) from None
    if format is not None:
        _print_links(graph, links, format)
        return
    out(f"{_name(graph, code)}: {partners} partner(s), {len(links)} link(s)")
    for link in links:
        out(f"  {_link(graph, link.a, link.b, link.ties)}")


def _print_links(graph: nx.Graph, links: list[Link], format: TableFormat) -> None:
    from bilat.network.tables import links_table

    print_table(*links_table(lambda code: _name(graph, code), links), format)


def _period(text: str) -> tuple[str | None, str | None]:
    start, sep, end = text.partition(":")
    if not sep:
        raise InputError(f"{text!r}: give a period as FROM:TO, such as 2000:2009 (either side may be empty)")
    return start or None, end or None


@network_app.command()
def change(
    ctx: typer.Context,
    before: Annotated[str, typer.Argument(help="The first period, FROM:TO (e.g. 2000:2009).")],
    after: Annotated[str, typer.Argument(help="The second period, FROM:TO (e.g. 2010:2019).")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="Only this country's ties.")] = None,
    kinds: Kinds = None,
    weight: Weight = "weight",
    top: Annotated[int, typer.Option(help="Show at most this many of each list; 0 shows all.")] = 20,
    format: Tabled = None,
) -> None:
    """How the network changed between two periods: ties gained, lost and changed, countries that moved."""
    from bilat import api

    try:
        graphs = [_graph(ctx, kinds, *_period(period)) for period in (before, after)]
        found = api.change(graphs[0], graphs[1], weight, country)
    except BilatError as error:
        raise fail(error) from None
    limit = top or None
    names = {**dict(graphs[0].nodes(data="name")), **dict(graphs[1].nodes(data="name"))}

    def name(code: str) -> str:
        return str(names.get(code) or code)

    if format is not None:
        from bilat.network.tables import change_table

        print_table(*change_table(name, found, limit, countries=not country), format)
        return
    out(f"Gained {len(found.gained)} tie(s):")
    for link in found.gained[:limit]:
        out(f"  {name(link.a)} -- {name(link.b)}: {_ties(link.ties)}")
    out(f"Lost {len(found.lost)} tie(s):")
    for link in found.lost[:limit]:
        out(f"  {name(link.a)} -- {name(link.b)}: {_ties(link.ties)}")
    out(f"Changed {len(found.changed)} tie(s):")
    for old, new in found.changed[:limit]:
        out(f"  {name(old.a)} -- {name(old.b)}: {_ties(old.ties)} -> {_ties(new.ties)}")
    if not country:
        out(f"Countries whose strength ({weight}) moved most:")
        for code, label, was, now in found.countries[:limit]:
            out(f"  {label} ({code}): {was:g} -> {now:g}")


@network_app.command("export")
def export_network(
    ctx: typer.Context,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (atomically); - for stdout.")
    ],
    format: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf, csv (edge list), json or html; default: by suffix (graphml for -).",
        ),
    ] = None,
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    directed: Directed = False,
) -> None:
    """Write the network as GraphML, GEXF (Gephi), a CSV edge list, JSON, or an offline HTML view."""
    from bilat import api
    from bilat.files.atomic import check_target
    from bilat.network.files import graph_bytes

    try:
        chosen = chosen_format(output, format, GraphFormat.GRAPHML)
        if not is_stdout(output):
            check_target(output)
        graph = _graph(ctx, kinds, start, end, as_of, directed)
        if is_stdout(output):
            out_bytes(graph_bytes(graph, chosen))
            return
        api.write_network(graph, output, chosen)
    except BilatError as error:
        raise fail(error) from None
    err(
        f"Wrote {output} ({chosen.value}): {graph.number_of_nodes()} countries, "
        f"{graph.number_of_edges()} links."
    )


__all__ = ["network_app"]
