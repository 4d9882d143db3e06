"""bilat: a knowledge graph of bilateral relations between countries.

The public API; each function backs one ``bilat`` command::

    from bilat import open_bilat_store, pair_ties, render_text
    store = open_bilat_store(memory=True)
    report = render_text(pair_ties(store, "Azerbaijan", "Cuba"))

Names are imported on first use, so that ``import bilat`` (and the command line) start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "Answer": "bilat.api",
    "Doubt": "bilat.api",
    "Format": "bilat.api",
    "GraphFormat": "bilat.api",
    "Stats": "bilat.api",
    "Tenure": "bilat.api",
    "centrality": "bilat.api",
    "change": "bilat.api",
    "common_partners": "bilat.api",
    "communities": "bilat.api",
    "countries": "bilat.api",
    "default_store_path": "bilat.api",
    "doubts": "bilat.api",
    "draft": "bilat.api",
    "draw_ego": "bilat.api",
    "draw_timeline": "bilat.api",
    "ego": "bilat.api",
    "export": "bilat.api",
    "extract_articles": "bilat.api",
    "import_files": "bilat.api",
    "load": "bilat.api",
    "load_extracted": "bilat.api",
    "officials": "bilat.api",
    "person_posts": "bilat.api",
    "country_network": "bilat.api",
    "open_bilat_store": "bilat.api",
    "pair_ties": "bilat.api",
    "panel": "bilat.api",
    "path": "bilat.api",
    "query": "bilat.api",
    "resolve_country": "bilat.api",
    "stats": "bilat.api",
    "stored_queries": "bilat.api",
    "validate": "bilat.api",
    "write_network": "bilat.api",
    "Register": "bilat.register",
    "bundled_register": "bilat.register",
    "PartialDate": "bilat.model.dates",
    "Dataset": "bilat.model.dataset",
    "Window": "bilat.model.window",
    "BilatError": "bilat.errors",
    "DataError": "bilat.errors",
    "InputError": "bilat.errors",
    "InternalError": "bilat.errors",
    "OutputError": "bilat.errors",
    "Problem": "bilat.errors",
    "QueryError": "bilat.errors",
    "StoreError": "bilat.errors",
    "UnknownCountryError": "bilat.errors",
    "render_json": "bilat.dossier.render",
    "render_markdown": "bilat.dossier.render",
    "render_text": "bilat.dossier.render",
    "Dossier": "bilat.dossier.build",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'bilat' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
