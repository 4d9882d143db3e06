"""A self-contained HTML page to explore the network of countries offline.

The layout is computed here (networkx spring layout, seeded, so the same graph gives the same page);
the page (``view.html``) draws it as SVG with plain JavaScript: zoom and pan, a search box, tie kinds
to show or hide, and a country's partners listed on click. Nothing is fetched from the network.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx

from bilat.network.files import graph_data

_TEMPLATE = Path(__file__).with_name("view.html")


def html_view(graph: nx.Graph, title: str = "bilat: network of countries") -> str:
    """The page, with the graph and its layout inside."""
    data = graph_data(graph)
    layout = nx.spring_layout(graph, seed=1, weight=None) if len(graph) else {}
    for item in data["nodes"]:
        x, y = layout[item["id"]]
        item["x"], item["y"] = round(float(x) * 1000, 1), round(float(y) * 1000, 1)
    # "<" written as an escape keeps "</script>" in a name from ending the script.
    embedded = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    page = _TEMPLATE.read_text(encoding="utf-8")
    return page.replace("{{title}}", html.escape(title)).replace("/*GRAPH*/null", embedded)
