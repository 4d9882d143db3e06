"""The network's measures as tables (columns, and rows of plain values): what ``network centrality``,
``communities``, ``path``, ``common``, ``ego`` and ``change`` print as CSV, TSV, JSON or an aligned
table, through ``files.tables``. A tie kind is a column of its own, empty where the pair has none."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import networkx as nx

from bilat.network.analysis import Change, CommonPartner, CountryScore, Link
from bilat.network.projection import KINDS

Row = list[Any]
Table = tuple[list[str], list[Row]]


def kinds_in(links: Iterable[dict[str, float]]) -> list[str]:
    """The tie kinds any of ``links`` has, in their usual order."""
    present = {kind for ties in links for kind in ties}
    return [kind for kind in KINDS if kind in present]


def centrality_table(scores: Sequence[CountryScore]) -> Table:
    columns = ["code", "name", "degree", "strength", "betweenness", "eigenvector", "pagerank", "community"]
    rows = [
        [s.code, s.name, s.degree, s.strength, s.betweenness, s.eigenvector, s.pagerank, s.community]
        for s in scores
    ]
    return columns, rows


def communities_table(graph: nx.Graph, found: Sequence[Sequence[str]]) -> Table:
    """One row per country: its community's number, its code and name."""
    rows = [[number, code, _name(graph, code)] for number, group in enumerate(found) for code in group]
    return ["community", "code", "name"], rows


def links_table(names: Callable[[str], str], links: Sequence[Link]) -> Table:
    """One row per link (of a chain, or of an ego network): both countries, and a column per kind."""
    kinds = kinds_in(link.ties for link in links)
    rows = [[link.a, link.b, names(link.a), names(link.b), *_values(link.ties, kinds)] for link in links]
    return ["source", "target", "source_name", "target_name", *kinds], rows


def common_table(partners: Sequence[CommonPartner]) -> Table:
    """One row per common partner: its ties with the first country, then with the second."""
    kinds = kinds_in([*(p.with_a for p in partners), *(p.with_b for p in partners)])
    columns = ["code", "name", *(f"{k}_with_a" for k in kinds), *(f"{k}_with_b" for k in kinds)]
    rows = [[p.code, p.name, *_values(p.with_a, kinds), *_values(p.with_b, kinds)] for p in partners]
    return columns, rows


def change_table(names: Callable[[str], str], found: Change, limit: int | None, countries: bool) -> Table:
    """One row per tie gained, lost or changed (its kinds before and after), and, with ``countries``,
    one per country whose strength moved (``moved``, its strength before and after)."""
    pairs = [
        *(("gained", None, link) for link in found.gained[:limit]),
        *(("lost", link, None) for link in found.lost[:limit]),
        *(("changed", old, new) for old, new in found.changed[:limit]),
    ]
    kinds = kinds_in(link.ties for _, *links in pairs for link in links if link is not None)
    columns = ["change", "a", "b", "a_name", "b_name"]
    columns += [f"{k}_{when}" for k in kinds for when in ("before", "after")]
    columns += ["strength_before", "strength_after"]
    rows: list[Row] = []
    for change, old, new in pairs:
        link = old or new
        assert link is not None
        before = _values(old.ties if old else {}, kinds)
        after = _values(new.ties if new else {}, kinds)
        spread = [value for pair in zip(before, after, strict=True) for value in pair]
        rows.append([change, link.a, link.b, names(link.a), names(link.b), *spread, None, None])
    if countries:
        empty = [None] * (2 * len(kinds))
        for code, label, was, now in found.countries[:limit]:
            rows.append(["moved", code, None, label, None, *empty, was, now])
    return columns, rows


def _values(ties: dict[str, float], kinds: Sequence[str]) -> list[float | int | None]:
    return [_number(ties.get(kind)) for kind in kinds]


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _name(graph: nx.Graph, code: str) -> str:
    return str(graph.nodes[code].get("name", code)) if code in graph else code
