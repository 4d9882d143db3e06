"""The country-country graph, counted in the store and assembled in networkx.

The store does the aggregation (one ``queries/network-*.rq`` per kind of tie): networkx only ever
sees countries and one edge per linked pair, so the projection stays small however many events the
store holds.

Each edge carries one attribute per tie kind (missing when that kind does not link the pair) and
``weight``, the number of kinds that do: a pair with relations, embassies and treaties is more
closely tied than one that only appears together in the news. In a directed graph, directed kinds
(missions, representation, events with a source and a target, trade flows) give their own arcs and
undirected kinds appear on both arcs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import networkx as nx

from bilat.errors import InputError
from bilat.model.kinds import DEFAULT_TIES, DIRECTED_TIES, NETWORK_TIES
from bilat.model.window import Window
from bilat.queries.run import bind_parameters, stored_query
from bilat.rdf.namespaces import dyad_codes, key_of
from bilat.register import Register
from bilat.store import Store, Values

KINDS = NETWORK_TIES
"""Tie kinds (``model.kinds``), each an edge attribute: counts, except representation (years) and trade
(US dollars)."""

Pair = tuple[str, str]


def window_bounds(window: Window) -> dict[str, str]:
    """The ``from`` and ``to`` text the network queries compare dates with."""
    return {name: str(value) for name, value in window.bounds().items()}


def check_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(kinds))
    unknown = [k for k in chosen if k not in KINDS]
    if unknown or not chosen:
        raise InputError(f"unknown tie kind {', '.join(unknown) or '(none)'}; use some of {', '.join(KINDS)}")
    return chosen


def project(
    store: Store,
    register: Register,
    *,
    kinds: Iterable[str] = DEFAULT_TIES,
    window: Window | None = None,
    directed: bool = False,
) -> nx.Graph:
    """The network of countries linked by ``kinds`` of ties that may fall in ``window``."""
    chosen = check_kinds(kinds)
    window = window or Window()
    arcs: dict[str, dict[Pair, float]] = defaultdict(dict)
    for kind in chosen:
        if kind == "events" and window == Window():
            arcs[kind] = tie_counts(store, register, "network-events-all-time", window)
        elif kind != "trade":
            arcs[kind] = tie_counts(store, register, f"network-{kind}", window)
    if "events" in chosen and directed:
        arcs["directed events"] = tie_counts(store, register, "network-event-directions", window)
    if "trade" in chosen:
        arcs["trade"], arcs["trade directed"] = _trade(trade_rows(store, register, window))
    # Sorted insertion makes the graph, and so seeded analyses such as communities, repeatable.
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.graph.update(window_bounds(window), kinds=",".join(chosen), directed=directed)
    for kind in chosen:
        for (a, b), value in sorted(_edges(kind, arcs, directed).items()):
            _add(graph, register, a, b, kind, value)
    for _, _, data in graph.edges(data=True):
        data["weight"] = sum(1 for kind in chosen if kind in data)
    return graph


def _edges(kind: str, arcs: dict[str, dict[Pair, float]], directed: bool) -> dict[Pair, float]:
    """The edges of one kind: arcs of a directed kind summed for an undirected graph, and the
    reverse arc added for an undirected kind in a directed graph."""
    if kind == "events":
        return _events(arcs["events"], arcs["directed events"], directed)
    if kind == "trade":  # totals per pair, or the flows per arc
        return arcs["trade directed"] if directed else dict(arcs["trade"])
    found = arcs[kind]
    if kind in DIRECTED_TIES and not directed:
        return _undirected(found)
    if kind not in DIRECTED_TIES and directed:
        return {**found, **{(b, a): n for (a, b), n in found.items()}}
    return dict(found)


def _undirected(arcs: dict[Pair, float]) -> dict[Pair, float]:
    edges: dict[Pair, float] = defaultdict(float)
    for (a, b), n in arcs.items():
        edges[(a, b) if a < b else (b, a)] += n
    return {pair: int(n) if float(n).is_integer() else n for pair, n in edges.items()}


def _events(pairs: dict[Pair, float], directed_arcs: dict[Pair, float], directed: bool) -> dict[Pair, float]:
    """Every event links its pair; one with a source and a target also gives that arc, and an event
    without them gives both arcs."""
    if not directed:
        return dict(pairs)
    arcs: dict[Pair, float] = {}
    for (a, b), total in pairs.items():
        forward, backward = directed_arcs.get((a, b), 0), directed_arcs.get((b, a), 0)
        undirected = total - forward - backward
        for pair, n in (((a, b), forward + undirected), ((b, a), backward + undirected)):
            if n:
                arcs[pair] = n
    return arcs


@dataclass(frozen=True)
class TradeYear:
    """A year's trade of a pair in US dollars: the total and each flow (None when unknown)."""

    total: Decimal
    forward: Decimal | None
    backward: Decimal | None


TradeRow = tuple[str, str, str, str, Decimal]
"""(reporter, partner, flow, year, amount in US dollars), as ``queries/network-trade.rq`` gives them."""


def trade_years(rows: Iterable[TradeRow]) -> dict[tuple[Pair, str], TradeYear]:
    """Each pair's (a before b) trade per year.

    The total is the larger of the reported turnover and the two flows added up, where the flow
    a -> b is a's exports to b or b's imports from a, whichever is larger (several sources for one
    figure give its largest value). When one flow and the turnover are known, the other flow is the
    difference; when only the turnover is known, neither flow is.
    """
    turnover: dict[tuple[Pair, str], Decimal] = {}
    flows: dict[tuple[Pair, str], Decimal] = {}
    for reporter, partner, flow, year, usd in rows:
        if flow == "turnover":
            key = ((min(reporter, partner), max(reporter, partner)), year)
            turnover[key] = max(turnover.get(key, Decimal(0)), usd)
        else:
            arc = (reporter, partner) if flow == "export" else (partner, reporter)
            flows[(arc, year)] = max(flows.get((arc, year), Decimal(0)), usd)
    found: dict[tuple[Pair, str], TradeYear] = {}
    for (a, b), year in set(turnover) | {((min(a, b), max(a, b)), year) for (a, b), year in flows}:
        forward, backward = flows.get(((a, b), year)), flows.get(((b, a), year))
        reported = turnover.get(((a, b), year))
        total = max(reported or Decimal(0), (forward or Decimal(0)) + (backward or Decimal(0)))
        if reported is not None and (forward is None) != (backward is None):
            forward = forward if forward is not None else max(total - (backward or Decimal(0)), Decimal(0))
            backward = backward if backward is not None else max(total - forward, Decimal(0))
        found[((a, b), year)] = TradeYear(total, forward, backward)
    return found


def _trade(rows: Iterable[TradeRow]) -> tuple[dict[Pair, float], dict[Pair, float]]:
    """Trade per pair and per arc, summed over years; an arc without a known flow takes the total."""
    totals: dict[Pair, Decimal] = defaultdict(Decimal)
    arcs: dict[Pair, Decimal] = defaultdict(Decimal)
    for ((a, b), _), trade in trade_years(rows).items():
        totals[(a, b)] += trade.total
        arcs[(a, b)] += trade.forward if trade.forward is not None else trade.total
        arcs[(b, a)] += trade.backward if trade.backward is not None else trade.total
    return _floats(totals), _floats(arcs)


def trade_rows(store: Store, register: Register, window: Window) -> list[TradeRow]:
    """The whole-year US dollar trade figures that fall in ``window``."""
    return [
        (country_code(a), country_code(b), str(flow), str(year), Decimal(str(usd)))
        for a, b, flow, year, usd in _values(store, register, "network-trade", window).rows
    ]


def tie_counts(store: Store, register: Register, name: str, window: Window) -> dict[Pair, float]:
    """A network query's rows by pair: (a, b, count), or (dyad, count)."""
    counts: dict[Pair, float] = {}
    for *pair, n in _values(store, register, name, window).rows:
        key = dyad_codes(str(pair[0])) if len(pair) == 1 else (country_code(pair[0]), country_code(pair[1]))
        counts[key] = _number(str(n))
    return counts


def _number(text: str) -> float:
    """A count as an int, a share (``0.75``) as a float."""
    return int(text) if text.lstrip("-").isdigit() else round(float(text), 6)


def _values(store: Store, register: Register, name: str, window: Window) -> Values:
    """The rows of the stored query ``name``, given the bounds of ``window`` it declares."""
    query = stored_query(name)
    declared = {p.name for p in query.parameters}
    bounds = {k: v for k, v in window_bounds(window).items() if k in declared}
    return store.values(query.text, bind_parameters(query, bounds, register))


def country_code(iri: object) -> str:
    """The code of a country from its IRI in a result row."""
    return key_of(str(iri), "country")


def _floats(values: dict[Pair, Decimal]) -> dict[Pair, float]:
    return {pair: float(v) for pair, v in values.items() if v}


def _add(graph: nx.Graph, register: Register, a: str, b: str, kind: str, value: float) -> None:
    for code in (a, b):
        if code not in graph:
            graph.add_node(code, **node_attributes(register, code))
    if graph.has_edge(a, b):
        graph[a][b][kind] = value
    else:
        graph.add_edge(a, b, **{kind: value})


def node_attributes(register: Register, code: str) -> dict[str, str]:
    """A country's name and codes, for labels and graph files (absent values left out)."""
    country = register.countries.get(code)
    if country is None:
        return {"name": code}
    found = {"name": country.name, "iso3": country.alpha3, "wikidata": country.wikidata}
    return {k: v for k, v in found.items() if v}
