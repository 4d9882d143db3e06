"""bilat: a knowledge graph of bilateral relations between countries.

The public API; each function backs one ``bilat`` command::

    from bilat import open_bilat_store, pair_ties, render_text
    store = open_bilat_store(memory=True)
    print(render_text(pair_ties(store, "Azerbaijan", "Cuba")))
"""

from bilat.api import (
    Stats,
    default_store_path,
    export,
    load,
    open_bilat_store,
    pair_ties,
    stats,
    validate,
)
from bilat.countries import Register, bundled_register
from bilat.dates import PartialDate
from bilat.errors import (
    BilatError,
    DataError,
    InputError,
    OutputError,
    Problem,
    QueryError,
    StoreError,
    UnknownCountryError,
)
from bilat.export import Format
from bilat.models import Dataset
from bilat.report import render_json, render_markdown, render_text
from bilat.ties import Dossier, Window

__all__ = [
    "BilatError",
    "DataError",
    "Dataset",
    "Dossier",
    "Format",
    "InputError",
    "OutputError",
    "PartialDate",
    "Problem",
    "QueryError",
    "Register",
    "Stats",
    "StoreError",
    "UnknownCountryError",
    "Window",
    "bundled_register",
    "default_store_path",
    "export",
    "load",
    "open_bilat_store",
    "pair_ties",
    "render_json",
    "render_markdown",
    "render_text",
    "stats",
    "validate",
]
