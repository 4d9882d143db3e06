"""``bilat network``: measures of the network of countries and its files."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bilat.cli.common import TableFormat, aligned, err, fail, out
from bilat.errors import BilatError, InputError
from bilat.files.display import json_text
from bilat.files.formats import GraphFormat

if TYPE_CHECKING:
    import networkx as nx

network_app = typer.Typer(
    help="Analyse the network of countries: centrality, communities, chains, partners, change, files.",
    no_args_is_help=True,
)

Kinds = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        help="Tie kinds to count (repeat): relations, missions, representation, agreements, events, trade. "
        "Default: all.",
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
    format: Annotated[TableFormat, typer.Option("--format", "-f")] = TableFormat.TABLE,
) -> None:
    """Degree, strength, betweenness, eigenvector, PageRank and community of each country."""
    from bilat import api

    try:
        scores = api.centrality(_graph(ctx, kinds, start, end, as_of, directed), weight)
    except BilatError as error:
        raise fail(error) from None
    shown = scores[:top] if top else scores
    if format is TableFormat.JSON:
        out(json_text([asdict(s) for s in shown], indent=1))
        return
    columns = ["code", "name", "degree", "strength", "betweenness", "eigenvector", "pagerank", "community"]
    rows = [
        [
            s.code,
            s.name,
            str(s.degree),
            f"{s.strength:g}",
            f"{s.betweenness:.4f}",
            "" if s.eigenvector is None else f"{s.eigenvector:.4f}",
            f"{s.pagerank:.4f}",
            str(s.community),
        ]
        for s in shown
    ]
    if format is TableFormat.TABLE:
        out(aligned(columns, rows), nl=False)
    else:
        delimiter = "," if format is TableFormat.CSV else "\t"
        out("\n".join(delimiter.join(r) for r in [columns, *rows]))


@network_app.command()
def communities(
    ctx: typer.Context,
    kinds: Kinds = None,
    start: Start = None,
    end: End = None,
    as_of: AsOf = None,
    weight: Weight = "weight",
) -> None:
    """Clusters of countries more tied to each other than to the rest (Louvain, repeatable)."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        found = api.communities(graph, weight)
    except BilatError as error:
        raise fail(error) from None
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
) -> None:
    """The shortest chain of ties between two countries, and what each link is."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        links = api.path(graph, a, b)
    except BilatError as error:
        raise fail(error) from None
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
) -> None:
    """Countries tied to both of two countries, the most tied first."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of)
        code_a, code_b = (api.resolve_country(name).code for name in (a, b))
        partners = api.common_partners(graph, code_a, code_b)
    except BilatError as error:
        raise fail(error) from None
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
) -> None:
    """A country's partners and the ties with each, the most tied first."""
    from bilat import api

    try:
        graph = _graph(ctx, kinds, start, end, as_of, directed)
        code = api.resolve_country(country).code
        partners, links = api.ego(graph, code)
    except BilatError as error:
        raise fail(error) from None
    out(f"{_name(graph, code)}: {partners} partner(s), {len(links)} link(s)")
    for link in links:
        out(f"  {_link(graph, link.a, link.b, link.ties)}")


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
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (atomically).")],
    format: Annotated[
        GraphFormat | None,
        typer.Option(
            "--format", "-f", help="graphml, gexf, csv (edge list), json or html; default: by suffix."
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

    try:
        check_target(output)
        graph = _graph(ctx, kinds, start, end, as_of, directed)
        chosen = api.write_network(graph, output, format)
    except BilatError as error:
        raise fail(error) from None
    err(
        f"Wrote {output} ({chosen.value}): {graph.number_of_nodes()} countries, "
        f"{graph.number_of_edges()} links."
    )


__all__ = ["network_app"]
