"""A pair's timeline as a picture: relations, missions, agreements, events and counts in lanes, and
trade as bars."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilat.files.formats import PictureFormat
from bilat.files.pictures import KIND_COLOURS, new_figure, save
from bilat.model.dates import PartialDate
from bilat.model.kinds import KINDS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from bilat.dossier.build import Dossier
    from bilat.model.dataset import Record


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
    with new_figure(13, 2.4 + 0.6 * max(len(lanes), 1) + (2.4 if dossier.trade else 0)) as figure:
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
        return save(figure, format)


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
    """(lane name, kind of tie, points) for each lane the declared kinds (``model.kinds``) draw: a
    state from its start, with a bar until its end; a point on its date, or on its first source's
    publication when it has none of its own."""
    names = dossier
    for kind in KINDS:
        if kind.lane is None or kind.mark is None or kind.tie is None:
            continue
        lanes: dict[str, list[Point]] = {}
        for record in dossier.of(kind.name):
            words = kind.mark(record, names)
            if words is None:
                continue
            for start, end in kind.dates(record):
                when = start if start is not None or kind.interval else _published(dossier, record)
                if when is None:
                    continue
                until = _year(end) if kind.interval and end is not None else None
                lanes.setdefault(kind.lane(record), []).append((when, until, _short(words)))
        for lane in sorted(lanes):
            yield lane, kind.tie, lanes[lane]


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _published(dossier: Dossier, record: Record) -> PartialDate | None:
    """When the first of a fact's sources was published."""
    published = [dossier.sources[s].published for s in record.sources if s in dossier.sources]
    return min((p for p in published if p is not None), default=None)
