"""The Python API: one function per command, taking and returning plain values and records.

Each command group has its module: ``opening`` (the store), ``stores`` (load, import, export,
validate, stats),
``register`` (countries), ``dossiers`` (``ties`` and its timeline), ``networks`` (the network, its measures,
files, pictures and the panel), ``officials`` (office holders, a person's posts), ``queries`` and
``articles`` (extraction). The command line calls
nothing else.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as the type checker sees them; at run time, __getattr__ below
    from bilat.api.articles import (
        draft as draft,
        extract_articles as extract_articles,
        load_extracted as load_extracted,
    )
    from bilat.api.dossiers import (
        draw_timeline as draw_timeline,
        pair_ties as pair_ties,
    )
    from bilat.api.networks import (
        centrality as centrality,
        change as change,
        common_partners as common_partners,
        communities as communities,
        country_network as country_network,
        draw_ego as draw_ego,
        ego as ego,
        panel as panel,
        path as path,
        write_network as write_network,
    )
    from bilat.api.officials import (
        officials as officials,
        person_posts as person_posts,
    )
    from bilat.api.opening import (
        default_store_path as default_store_path,
        open_bilat_store as open_bilat_store,
    )
    from bilat.api.queries import (
        Answer as Answer,
        query as query,
        stored_queries as stored_queries,
    )
    from bilat.api.register import (
        countries as countries,
        resolve_country as resolve_country,
    )
    from bilat.api.stores import (
        doubts as doubts,
        export as export,
        import_files as import_files,
        load as load,
        stats as stats,
        validate as validate,
    )
    from bilat.dossier.officials import (
        Tenure as Tenure,
    )
    from bilat.files.formats import (
        Format as Format,
        GraphFormat as GraphFormat,
    )
    from bilat.graph.plausibility import (
        Doubt as Doubt,
    )
    from bilat.graph.stats import (
        Stats as Stats,
    )

_HOMES = {
    "Answer": "bilat.api.queries",
    "Doubt": "bilat.graph.plausibility",
    "Format": "bilat.files.formats",
    "GraphFormat": "bilat.files.formats",
    "Stats": "bilat.graph.stats",
    "Tenure": "bilat.dossier.officials",
    "centrality": "bilat.api.networks",
    "change": "bilat.api.networks",
    "common_partners": "bilat.api.networks",
    "communities": "bilat.api.networks",
    "countries": "bilat.api.register",
    "country_network": "bilat.api.networks",
    "default_store_path": "bilat.api.opening",
    "doubts": "bilat.api.stores",
    "draft": "bilat.api.articles",
    "draw_ego": "bilat.api.networks",
    "draw_timeline": "bilat.api.dossiers",
    "ego": "bilat.api.networks",
    "export": "bilat.api.stores",
    "extract_articles": "bilat.api.articles",
    "import_files": "bilat.api.stores",
    "load": "bilat.api.stores",
    "load_extracted": "bilat.api.articles",
    "officials": "bilat.api.officials",
    "open_bilat_store": "bilat.api.opening",
    "pair_ties": "bilat.api.dossiers",
    "panel": "bilat.api.networks",
    "path": "bilat.api.networks",
    "person_posts": "bilat.api.officials",
    "query": "bilat.api.queries",
    "resolve_country": "bilat.api.register",
    "stats": "bilat.api.stores",
    "stored_queries": "bilat.api.queries",
    "validate": "bilat.api.stores",
    "write_network": "bilat.api.networks",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    """Each name imported from its module on first use, so that a command loads only what it runs."""
    if name not in _HOMES:
        raise AttributeError(f"module 'bilat.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
