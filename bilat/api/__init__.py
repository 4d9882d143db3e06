"""The Python API: one function per command, taking and returning plain values and records.

Each command group has its module: ``stores`` (open, load, import, export, validate, stats),
``register`` (countries), ``dossiers`` (``ties`` and its timeline), ``networks`` (the network, its measures,
files, pictures and the panel), ``queries`` and ``articles`` (extraction). The command line calls
nothing else.
"""

from __future__ import annotations

from bilat.api.articles import draft, extract_articles, load_extracted
from bilat.api.dossiers import draw_timeline, pair_ties
from bilat.api.networks import (
    centrality,
    change,
    common_partners,
    communities,
    country_network,
    draw_ego,
    ego,
    panel,
    path,
    write_network,
)
from bilat.api.queries import Answer, query, stored_queries
from bilat.api.register import countries, resolve_country
from bilat.api.stores import (
    default_store_path,
    doubts,
    export,
    import_files,
    load,
    open_bilat_store,
    stats,
    validate,
)
from bilat.files.formats import Format, GraphFormat
from bilat.graph.plausibility import Doubt
from bilat.graph.stats import Stats

__all__ = [
    "Answer",
    "Doubt",
    "Format",
    "GraphFormat",
    "Stats",
    "centrality",
    "change",
    "common_partners",
    "communities",
    "countries",
    "country_network",
    "default_store_path",
    "doubts",
    "draft",
    "draw_ego",
    "draw_timeline",
    "ego",
    "export",
    "extract_articles",
    "import_files",
    "load",
    "load_extracted",
    "open_bilat_store",
    "pair_ties",
    "panel",
    "path",
    "query",
    "resolve_country",
    "stats",
    "stored_queries",
    "validate",
    "write_network",
]
