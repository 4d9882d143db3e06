"""A country's ego network as a picture: its most tied partners around it, coloured by tie kind."""

from __future__ import annotations

import networkx as nx

from bilat.files.formats import PictureFormat
from bilat.files.pictures import KIND_COLOURS, new_figure, save
from bilat.network.analysis import ties_of


def ego_picture(graph: nx.Graph, code: str, format: PictureFormat, top: int = 30) -> bytes:
    """The country in the middle, its ``top`` most tied partners around it (by how many kinds of tie,
    then by events), each spoke coloured by its strongest kind of tie, partners' ties to each other in
    grey."""
    partners = sorted(
        (p for p in nx.all_neighbors(graph, code)),
        key=lambda p: (-_ego_weight(graph, code, p)[0], -_ego_weight(graph, code, p)[1], p),
    )
    partners = list(dict.fromkeys(partners))
    shown = partners[:top]
    sub = graph.subgraph([code, *shown]).to_undirected()
    layout = nx.circular_layout(shown) if shown else {}
    layout[code] = (0.0, 0.0)
    name = graph.nodes[code].get("name", code)
    with new_figure(11, 11) as figure:
        axes = figure.subplots()
        others = [(a, b) for a, b in sub.edges() if code not in (a, b)]
        nx.draw_networkx_edges(sub, layout, edgelist=others, ax=axes, edge_color="#e3e3e3", width=0.3)
        for kind in reversed(KIND_COLOURS):
            spokes = [(code, p) for p in shown if _strongest(graph, code, p) == kind]
            widths = [0.8 + 1.2 * _ego_weight(graph, code, p)[0] for _, p in spokes]
            nx.draw_networkx_edges(
                sub, layout, edgelist=spokes, ax=axes, edge_color=KIND_COLOURS[kind], width=widths, label=kind
            )
        nx.draw_networkx_nodes(sub, layout, nodelist=shown, ax=axes, node_size=80, node_color="#dddddd")
        nx.draw_networkx_nodes(sub, layout, nodelist=[code], ax=axes, node_size=600, node_color="#d62728")
        for partner in shown:
            x, y = layout[partner]
            axes.annotate(
                graph.nodes[partner].get("name", partner),
                (x, y),
                xytext=(x * 1.08, y * 1.08),
                ha="left" if x >= 0 else "right",
                va="center",
                fontsize=8,
            )
        axes.annotate(name, (0, 0), xytext=(0, -0.08), ha="center", fontsize=11, weight="bold")
        title = f"{name}: its {len(shown)} most tied partners"
        if len(partners) > len(shown):
            title += f" (of {len(partners)})"
        axes.set_title(title + _period(graph), fontsize=13)
        axes.legend(title="strongest tie (line width: number of kinds)", loc="lower left", fontsize=8)
        axes.set_xlim(-1.6, 1.6)
        axes.set_ylim(-1.3, 1.3)
        axes.set_axis_off()
        return save(figure, format)


def _ego_weight(graph: nx.Graph, a: str, b: str) -> tuple[int, float]:
    ties = {**_either(graph, b, a), **_either(graph, a, b)}
    return len(ties), float(ties.get("events", 0))


def _strongest(graph: nx.Graph, a: str, b: str) -> str:
    """The most formal kind of tie between two countries: relations before missions before ..."""
    ties = {**_either(graph, b, a), **_either(graph, a, b)}
    return next((kind for kind in KIND_COLOURS if kind in ties), "events")


def _either(graph: nx.Graph, a: str, b: str) -> dict[str, float]:
    return ties_of(graph, a, b) if graph.has_edge(a, b) else {}


def _period(graph: nx.Graph) -> str:
    start, end = graph.graph.get("from"), graph.graph.get("to")
    if not start and end in (None, "9999"):
        return ""
    return f", {start or '…'} to {end if end != '9999' else 'now'}"
