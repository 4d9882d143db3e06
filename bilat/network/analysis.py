"""Measures on the network of countries: centrality, communities, chains, common partners, change.

Every function takes the graph ``projection.project`` builds (nodes are country codes, each edge has
one attribute per tie kind and ``weight``) and returns plain values; nothing here touches the store.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import networkx as nx

from bilat.errors import QueryError


@dataclass(frozen=True)
class CountryScore:
    """A country's place in the network.

    ``degree`` counts partners, ``strength`` adds up the weights of its edges; ``betweenness`` is the
    share of shortest chains (in links) between other countries that pass through it; eigenvector
    and PageRank centrality follow the chosen weight; ``community`` numbers the country's cluster.
    """

    code: str
    name: str
    degree: int
    strength: float
    betweenness: float
    eigenvector: float | None
    pagerank: float
    community: int


@dataclass(frozen=True)
class Link:
    """One link of a chain, or one edge: the two countries and the ties between them by kind."""

    a: str
    b: str
    ties: dict[str, float]


@dataclass(frozen=True)
class CommonPartner:
    code: str
    name: str
    with_a: dict[str, float]
    with_b: dict[str, float]


@dataclass(frozen=True)
class Change:
    """How the network moved from one graph to another."""

    gained: list[Link] = field(default_factory=list)
    lost: list[Link] = field(default_factory=list)
    changed: list[tuple[Link, Link]] = field(default_factory=list)
    countries: list[tuple[str, str, float, float]] = field(default_factory=list)
    """(code, name, strength before, strength after) for every country in either graph."""


def node(graph: nx.Graph, code: str) -> str:
    """``code`` if it is in the graph; QueryError saying so otherwise."""
    if code not in graph:
        raise QueryError(f"{code} has no ties of the chosen kinds in the chosen period")
    return code


def ties_of(graph: nx.Graph, a: str, b: str) -> dict[str, float]:
    """The tie kinds and their values between ``a`` and ``b`` (``weight`` left out)."""
    return {kind: value for kind, value in graph[a][b].items() if kind != "weight"}


def centrality(graph: nx.Graph, weight: str = "weight", seed: int = 1) -> list[CountryScore]:
    """Every country's scores, most central (by PageRank) first."""
    check_weight(graph, weight)
    if graph.number_of_nodes() == 0:
        return []
    strength = dict(graph.degree(weight=weight))
    betweenness = nx.betweenness_centrality(graph)
    pagerank = nx.pagerank(graph, weight=weight)
    eigenvector = _eigenvector(graph, weight)
    membership = {code: i for i, group in enumerate(communities(graph, weight, seed)) for code in group}
    scores = [
        CountryScore(
            code,
            graph.nodes[code].get("name", code),
            graph.degree(code),
            float(strength[code]),
            betweenness[code],
            eigenvector.get(code) if eigenvector else None,
            pagerank[code],
            membership[code],
        )
        for code in graph
    ]
    return sorted(scores, key=lambda s: (-s.pagerank, s.code))


def _eigenvector(graph: nx.Graph, weight: str) -> dict[str, float] | None:
    """Eigenvector centrality, or None where power iteration does not settle (some directed graphs)."""
    try:
        return dict(nx.eigenvector_centrality(graph, max_iter=1000, tol=1e-9, weight=weight))
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        return None


def communities(graph: nx.Graph, weight: str = "weight", seed: int = 1) -> list[list[str]]:
    """Clusters of countries more tied to each other than to the rest (Louvain), largest first.

    The seed makes the result repeatable; directed graphs are clustered as undirected.
    """
    check_weight(graph, weight)
    undirected = graph.to_undirected() if graph.is_directed() else graph
    found = nx.community.louvain_communities(undirected, weight=weight, seed=seed)
    return sorted((sorted(group) for group in found), key=lambda g: (-len(g), g[0]))


def chain(graph: nx.Graph, a: str, b: str, weight: str = "weight") -> list[Link]:
    """The shortest chain of ties from ``a`` to ``b``. Among chains of equal length, the strongest:
    the one whose weakest link is strongest, then its next weakest, and so on. QueryError when no
    chain exists."""
    node(graph, a), node(graph, b)
    if a == b:
        raise QueryError("give two different countries")
    try:
        paths = list(nx.all_shortest_paths(graph, a, b))
    except nx.NetworkXNoPath:
        raise QueryError(f"no chain of the chosen ties links {a} and {b}") from None

    def weakest(path: list[str]) -> tuple[tuple[float, ...], list[str]]:
        weights = sorted(graph[x][y].get(weight, 0) for x, y in itertools.pairwise(path))
        return tuple(-w for w in weights), path

    best = min(paths, key=weakest)
    return [Link(x, y, ties_of(graph, x, y)) for x, y in itertools.pairwise(best)]


def common_partners(graph: nx.Graph, a: str, b: str) -> list[CommonPartner]:
    """Countries tied to both ``a`` and ``b``, the most tied first."""
    node(graph, a), node(graph, b)
    shared = (set(_partners(graph, a)) & set(_partners(graph, b))) - {a, b}

    def both(code: str) -> CommonPartner:
        return CommonPartner(
            code, graph.nodes[code].get("name", code), _either(graph, a, code), _either(graph, b, code)
        )

    found = [both(code) for code in shared]
    return sorted(found, key=lambda p: (-(len(p.with_a) + len(p.with_b)), p.code))


def ego(graph: nx.Graph, code: str, radius: int = 1) -> nx.Graph:
    """The country, its partners up to ``radius`` links away, and the ties among them."""
    return nx.ego_graph(graph, node(graph, code), radius=radius, undirected=True)


def ego_links(graph: nx.Graph, code: str) -> tuple[int, list[Link]]:
    """How many partners the country has, and its own links, the strongest first; in an undirected
    graph each link goes from the country to its partner, whatever order the graph holds it in."""
    sub = ego(graph, code)
    country = node(graph, code)
    mine = [(a, b) for a, b in sub.edges() if country in (a, b)]
    if not graph.is_directed():
        mine = [(country, b if a == country else a) for a, b in mine]
    arcs = sorted(mine, key=lambda arc: (-graph[arc[0]][arc[1]]["weight"], arc))
    return len(sub) - 1, [Link(a, b, ties_of(graph, a, b)) for a, b in arcs]


def change(before: nx.Graph, after: nx.Graph, weight: str = "weight", country: str | None = None) -> Change:
    """Edges gained, lost and changed in ``weight`` between two graphs of the same kinds; only
    ``country``'s own edges when given."""
    if country is not None:
        before, after = (g.edge_subgraph([e for e in g.edges() if country in e]) for g in (before, after))
    old, new = set(_pairs(before)), set(_pairs(after))
    gained = [Link(a, b, ties_of(after, a, b)) for a, b in sorted(new - old)]
    lost = [Link(a, b, ties_of(before, a, b)) for a, b in sorted(old - new)]
    changed = [
        (Link(a, b, ties_of(before, a, b)), Link(a, b, ties_of(after, a, b)))
        for a, b in sorted(old & new)
        if ties_of(before, a, b) != ties_of(after, a, b)
    ]
    changed.sort(key=lambda pair: -abs(_value(pair[1], weight) - _value(pair[0], weight)))
    strength_before, strength_after = dict(before.degree(weight=weight)), dict(after.degree(weight=weight))
    names = {**dict(before.nodes(data="name")), **dict(after.nodes(data="name"))}
    countries = [
        (code, names[code] or code, float(strength_before.get(code, 0)), float(strength_after.get(code, 0)))
        for code in sorted(set(before) | set(after))
    ]
    countries.sort(key=lambda c: (-abs(c[3] - c[2]), c[0]))
    return Change(gained, lost, changed, countries)


def check_weight(graph: nx.Graph, weight: str) -> None:
    kinds = graph.graph.get("kinds", "")
    if weight != "weight" and weight not in kinds.split(","):
        raise QueryError(f"cannot weigh by {weight!r}: use weight or one of the kinds {kinds}")


def _value(link: Link, weight: str) -> float:
    return sum(1 for _ in link.ties) if weight == "weight" else link.ties.get(weight, 0)


def _partners(graph: nx.Graph, code: str) -> list[str]:
    if graph.is_directed():
        return [*graph.successors(code), *graph.predecessors(code)]
    return list(graph.neighbors(code))


def _either(graph: nx.Graph, a: str, b: str) -> dict[str, float]:
    """The ties between a and b, in whichever direction the graph has them."""
    if graph.has_edge(a, b):
        return ties_of(graph, a, b)
    return ties_of(graph, b, a)


def _pairs(graph: nx.Graph) -> list[tuple[str, str]]:
    if graph.is_directed():
        return list(graph.edges())
    return [(a, b) if a < b else (b, a) for a, b in graph.edges()]
