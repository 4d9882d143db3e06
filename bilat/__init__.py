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
    "Stats": "bilat.api",
    "default_store_path": "bilat.api",
    "export": "bilat.api",
    "import_files": "bilat.api",
    "load": "bilat.api",
    "open_bilat_store": "bilat.api",
    "pair_ties": "bilat.api",
    "resolve_country": "bilat.api",
    "stats": "bilat.api",
    "validate": "bilat.api",
    "Register": "bilat.countries",
    "bundled_register": "bilat.countries",
    "PartialDate": "bilat.model.dates",
    "BilatError": "bilat.errors",
    "DataError": "bilat.errors",
    "InputError": "bilat.errors",
    "OutputError": "bilat.errors",
    "Problem": "bilat.errors",
    "QueryError": "bilat.errors",
    "StoreError": "bilat.errors",
    "UnknownCountryError": "bilat.errors",
    "Format": "bilat.files.formats",
    "Dataset": "bilat.model.dataset",
    "render_json": "bilat.dossier.render",
    "render_markdown": "bilat.dossier.render",
    "render_text": "bilat.dossier.render",
    "Dossier": "bilat.dossier.build",
    "Window": "bilat.model.window",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'bilat' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value
