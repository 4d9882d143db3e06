"""Pictures: a country's ego network and a pair's timeline, as PNG or SVG (matplotlib).

Both are drawn without a screen (the Agg backend) and return the file's bytes; SVG output carries no
date and fixed element ids, so the same data gives the same file.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import networkx as nx

from bilat.dates import PartialDate
from bilat.formats import PictureFormat
from bilat.network.analysis import ties_of

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bilat.models import ReportedCount
    from bilat.ties import Dossier

KIND_COLOURS = {
    "relations": "#1f77b4",
    "missions": "#2ca02c",
    "representation": "#17becf",
    "agreements": "#9467bd",
    "events": "#ff7f0e",
    "trade": "#8c564b",
    "counts": "#7f7f7f",
}


@contextmanager
def _figure(width: float, height: float) -> Iterator[Figure]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "bilat"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, and small
    yield Figure(figsize=(width, height), layout="constrained")


def _save(figure: Figure, format: PictureFormat) -> bytes:
    stream = io.BytesIO()
    metadata: dict[str, Any] = {"Date": None} if format is PictureFormat.SVG else {"Software": "bilat"}
    figure.savefig(stream, format=format.value, dpi=100, metadata=metadata)
    return stream.getvalue()


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
    with _figure(11, 11) as figure:
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
        return _save(figure, format)


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


def _year(date: PartialDate) -> float:
    """A date as a fractional year, placed in the middle of what it may mean."""
    first, last = date.earliest, date.latest
    middle = first + (last - first) / 2
    return float(middle.year + (middle.timetuple().tm_yday - 0.5) / 366)


def timeline_picture(dossier: Dossier, format: PictureFormat) -> bytes:
    """The dated facts of a pair on one time axis, a lane per kind, trade as bars below."""
    from matplotlib.lines import Line2D

    lanes = list(_timeline_lanes(dossier))
    years = [_year(when) for _, _, points in lanes for when, _, _ in points]
    years += [_year(figure.period) for figure in dossier.trade]
    first, last = (min(years), max(years)) if years else (2000.0, 2001.0)
    a, b = dossier.countries
    with _figure(13, 2.4 + 0.6 * max(len(lanes), 1) + (2.4 if dossier.trade else 0)) as figure:
        if dossier.trade:
            axes, trade_axes = figure.subplots(2, 1, sharex=True, height_ratios=[max(len(lanes), 1), 3])
        else:
            axes, trade_axes = figure.subplots(), None
        for row, (_, kind, points) in enumerate(lanes):
            colour = KIND_COLOURS[kind]
            for when, until, label in points:
                if until is not None:
                    axes.plot([_year(when), until], [row, row], color=colour, linewidth=4, alpha=0.35)
                axes.plot([_year(when)], [row], "o", color=colour, markersize=8)
                if label:
                    text = f"{when}: {label}"
                    axes.annotate(
                        text, (_year(when), row), xytext=(5, 7), textcoords="offset points", fontsize=8
                    )
        axes.set_yticks(range(len(lanes)), [lane for lane, _, _ in lanes])
        axes.set_ylim(-0.7, len(lanes) - 0.3)
        axes.invert_yaxis()
        # Room on the right for the labels of the latest facts.
        axes.set_xlim(first - 1, last + max(6.0, (last - first) * 0.5))
        axes.grid(axis="x", alpha=0.3)
        axes.set_title(f"{a.name} and {b.name}: a timeline of their ties", fontsize=13)
        shown = dict.fromkeys(kind for _, kind, _ in lanes)
        if dossier.trade:
            shown["trade"] = None
        handles = [
            Line2D([], [], marker="o", linestyle="", color=KIND_COLOURS[kind], label=kind) for kind in shown
        ]
        figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=9)
        if trade_axes is not None:
            _trade_bars(trade_axes, dossier)
        return _save(figure, format)


def _trade_bars(axes: Axes, dossier: Dossier) -> None:
    names = {c.code: c.name for c in dossier.countries}
    for figure in dossier.trade:
        label = (
            figure.flow.value
            if figure.flow.value == "turnover"
            else (f"{figure.flow.value} ({names.get(figure.reporter, figure.reporter)})")
        )
        amount = float(figure.amount)
        axes.bar(_year(figure.period), amount, width=0.6, color=KIND_COLOURS["trade"], alpha=0.8)
        axes.annotate(
            f"{label}: {float(figure.amount):,.0f} {figure.currency}",
            (_year(figure.period), float(figure.amount)),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=7,
        )
    axes.set_ylabel("trade")
    axes.yaxis.set_major_formatter(lambda value, _: f"{value:,.0f}")
    axes.grid(axis="y", alpha=0.3)


Point = tuple[PartialDate, float | None, str]


def _timeline_lanes(dossier: Dossier) -> Iterator[tuple[str, str, list[Point]]]:
    """(lane name, kind, points) for each kind of fact the dossier has dates for."""
    names = {c.code: c.name for c in dossier.countries}

    def lane(name: str, kind: str, points: list[Point]) -> Iterator[tuple[str, str, list[Point]]]:
        if points:
            yield name, kind, points

    yield from lane(
        "relations",
        "relations",
        [
            (r.established, _year(r.ended) if r.ended else None, "relations established")
            for r in dossier.relations
            if r.established
        ],
    )
    yield from lane(
        "missions",
        "missions",
        [
            (
                m.opened,
                _year(m.closed) if m.closed else None,
                f"{m.kind.value.replace('_', ' ')} of {names.get(m.sending, m.sending)} opens",
            )
            for m in dossier.missions
            if m.opened
        ],
    )
    yield from lane(
        "representation",
        "representation",
        [(year, None, "") for r in dossier.representations if r.level.value != "none" for year in r.years],
    )
    yield from lane(
        "agreements",
        "agreements",
        [(g.signed, None, _short(g.title)) for g in dossier.agreements if g.signed],
    )
    by_kind: dict[str, list[Point]] = {}
    for entry in dossier.events:
        event = entry.event
        by_kind.setdefault(event.kind.value, []).append((event.date, None, _short(event.title or "")))
    for kind, points in sorted(by_kind.items()):
        yield from lane(f"event: {kind.replace('_', ' ')}", "events", points)
    yield from lane(
        "reported counts",
        "counts",
        [(when, None, f"{c.count} {c.counted}") for c in dossier.counts if (when := _count_date(dossier, c))],
    )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _count_date(dossier: Dossier, count: ReportedCount) -> PartialDate | None:
    """When a count held: its own date, else when its first source published it."""
    if count.as_of is not None:
        return count.as_of
    published = [dossier.sources[s].published for s in count.sources if s in dossier.sources]
    return min((p for p in published if p is not None), default=None)
