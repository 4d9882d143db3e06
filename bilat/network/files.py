"""The network of countries as files: GraphML, GEXF (Gephi), a CSV edge list, JSON, an HTML view."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx

from bilat.files.formats import GraphFormat
from bilat.network.projection import KINDS


def graph_bytes(graph: nx.Graph, format: GraphFormat) -> bytes:
    """``graph`` written in ``format``."""
    if format is GraphFormat.GRAPHML:
        stream = io.BytesIO()
        nx.write_graphml(graph, stream, named_key_ids=True)
        return stream.getvalue()
    if format is GraphFormat.GEXF:
        stream = io.BytesIO()
        nx.write_gexf(graph, stream)
        return stream.getvalue()
    if format is GraphFormat.CSV:
        return edge_list(graph).encode("utf-8")
    if format is GraphFormat.JSON:
        return json.dumps(graph_data(graph), ensure_ascii=False, indent=1).encode("utf-8")
    from bilat.network.view import html_view

    return html_view(graph).encode("utf-8")


def kinds_of(graph: nx.Graph) -> list[str]:
    """The tie kinds the graph was projected with, in their usual order."""
    chosen = str(graph.graph.get("kinds", "")).split(",")
    return [kind for kind in KINDS if kind in chosen]


def edge_list(graph: nx.Graph) -> str:
    """One row per edge: both countries with names, ``weight`` and one column per tie kind."""
    kinds = kinds_of(graph)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "source_name", "target_name", "weight", *kinds])
    for a, b, data in sorted(graph.edges(data=True)):
        names = [graph.nodes[a].get("name", a), graph.nodes[b].get("name", b)]
        writer.writerow([a, b, *names, data["weight"], *(_number(data.get(kind)) for kind in kinds)])
    return out.getvalue()


def graph_data(graph: nx.Graph) -> dict[str, Any]:
    """Nodes and links, the shape web graph libraries (D3, vis-network, Cytoscape.js) read."""
    return {
        "directed": graph.is_directed(),
        "from": graph.graph.get("from", ""),
        "to": graph.graph.get("to", ""),
        "kinds": kinds_of(graph),
        "nodes": [{"id": code, **data} for code, data in sorted(graph.nodes(data=True))],
        "links": [{"source": a, "target": b, **data} for a, b, data in sorted(graph.edges(data=True))],
    }


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
