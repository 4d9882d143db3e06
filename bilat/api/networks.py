"""The network of countries: building it from the store, measuring it, its files, pictures and the
dyad-year panel. Functions that measure take the graph ``network`` built, so that one graph serves
several measures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bilat.api.dossiers import picture_format, window
from bilat.errors import InputError
from bilat.files.atomic import check_target, write_atomically
from bilat.files.formats import GraphFormat, PictureFormat, is_stdout
from bilat.register import Register, bundled_register
from bilat.store import Store, require_countries

if TYPE_CHECKING:
    import networkx as nx

    from bilat.network.analysis import Change, CommonPartner, CountryScore, Link


def country_network(
    store: Store,
    *,
    kinds: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    directed: bool = False,
    register: Register | None = None,
) -> nx.Graph:
    """The network of countries tied by ``kinds`` (all by default) in a period, or on the day ``as_of``
    (standing ties alive then, events of that day)."""
    from bilat.model.kinds import DEFAULT_TIES
    from bilat.network.projection import project

    chosen = window(as_of, as_of) if as_of else window(start, end)
    require_countries(store)
    return project(
        store, register or bundled_register(), kinds=kinds or DEFAULT_TIES, window=chosen, directed=directed
    )


def centrality(graph: nx.Graph, weight: str = "weight") -> list[CountryScore]:
    """Each country's degree, strength, betweenness, eigenvector, PageRank and community, the most
    central first."""
    from bilat.network.analysis import centrality as scores

    return scores(graph, weight)


def communities(graph: nx.Graph, weight: str = "weight") -> list[list[str]]:
    """Clusters of country codes (Louvain, seeded: the same graph gives the same clusters)."""
    from bilat.network.analysis import communities as clusters

    return clusters(graph, weight)


def path(graph: nx.Graph, a: str, b: str, register: Register | None = None) -> list[Link]:
    """The shortest chain of ties between two countries, preferring the strongest weakest link."""
    from bilat.network.analysis import chain

    return chain(graph, *_codes(register, a, b))


def common_partners(graph: nx.Graph, a: str, b: str, register: Register | None = None) -> list[CommonPartner]:
    """Countries tied to both, the most tied first."""
    from bilat.network.analysis import common_partners as shared

    return shared(graph, *_codes(register, a, b))


def ego(graph: nx.Graph, country: str, register: Register | None = None) -> tuple[int, list[Link]]:
    """How many partners a country has, and its links, the strongest first."""
    from bilat.network.analysis import ego_links

    return ego_links(graph, *_codes(register, country))


def change(
    before: nx.Graph,
    after: nx.Graph,
    weight: str = "weight",
    country: str | None = None,
    register: Register | None = None,
) -> Change:
    """Ties gained, lost and changed between two graphs, and the countries whose strength moved most."""
    from bilat.network.analysis import change as changes

    return changes(before, after, weight, _codes(register, country)[0] if country else None)


def write_network(graph: nx.Graph, output: Path, format: GraphFormat | None = None) -> GraphFormat:
    """Write the graph (GraphML, GEXF, CSV edge list, JSON or HTML; by suffix unless ``format``)."""
    from bilat.network.files import graph_bytes

    check_target(output)
    chosen = format or _graph_format(output)
    write_atomically(output, graph_bytes(graph, chosen))
    return chosen


def panel(
    store: Store,
    output: Path,
    first: int,
    last: int,
    countries: list[str] | None = None,
    register: Register | None = None,
    *,
    directed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the dyad-year panel, atomically: CSV, or by its suffix Parquet (``.parquet``) or Stata
    (``.dta``) with pandas installed; return the number of rows. Each pair comes once (``ccode1`` below
    ``ccode2``), or both ways when ``directed``. The years are checked (``network.panel.check_years``)
    before any work; ``progress`` hears of each year done."""
    from bilat.files.frames import FRAME_SUFFIXES, pandas_module, write_frame
    from bilat.files.tables import write_lines
    from bilat.network.panel import COLUMNS, TEXT_COLUMNS, check_years, csv_lines, panel_parts, panel_values

    check_years(first, last)
    check_target(output)
    if output.suffix in FRAME_SUFFIXES:
        pandas_module(f"a {FRAME_SUFFIXES[output.suffix]} file")
    register = register or bundled_register()
    chosen = [register.resolve(c) for c in countries or []]
    require_countries(store)
    if output.suffix in FRAME_SUFFIXES:
        rows = panel_values(store, register, first, last, chosen, directed=directed, progress=progress)
        return write_frame(output, COLUMNS, rows, TEXT_COLUMNS)
    parts = panel_parts(store, register, first, last, chosen, directed=directed, progress=progress)
    return write_lines(output, COLUMNS, csv_lines(parts))


def draw_ego(
    store: Store,
    country: str,
    output: Path | None,
    *,
    top: int = 30,
    kinds: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    register: Register | None = None,
    format: PictureFormat | None = None,
) -> bytes:
    """Draw a country's ego network (PNG or SVG: ``format``, else by ``output``'s suffix, else PNG);
    write it to ``output`` unless that is None or ``-``; return the picture."""
    from bilat.network.analysis import node
    from bilat.network.ego import ego_picture

    chosen = picture_format(output, format)
    output = None if is_stdout(output) else output
    if output is not None:
        check_target(output)
    register = register or bundled_register()
    code = register.resolve(country).code
    graph = country_network(store, kinds=kinds, start=start, end=end, register=register)
    data = ego_picture(graph, node(graph, code), chosen, top)
    if output is not None:
        write_atomically(output, data)
    return data


def _codes(register: Register | None, *names: str) -> list[str]:
    register = register or bundled_register()
    return [register.resolve(name).code for name in names]


def _graph_format(output: Path) -> GraphFormat:
    try:
        return GraphFormat(output.suffix.lower().lstrip("."))
    except ValueError:
        known = ", ".join(f".{f.value}" for f in GraphFormat)
        raise InputError(f"{output}: give --format, or a file name ending in {known}") from None
