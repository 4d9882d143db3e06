"""Every SPARQL text bilat runs, as ``.rq`` files in this folder, with one shared prefix header.

``*.rq`` beside this file are the stored queries a user can run by name (``bilat query --name``);
``internal/*.rq`` are bilat's own machinery. ``query_text(name)`` gives a file's text with
``prefixes.rq`` in front. A ``VALUES ?x { UNDEF }`` block is where ``store.sparql.batched_values``
puts a batch of IRIs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
PREFIXES = "prefixes"


@cache
def query_text(name: str) -> str:
    """The text of ``name.rq`` (``internal/name`` for bilat's own), after the shared prefixes."""
    return query_body(PREFIXES) + query_body(name)


@cache
def query_body(name: str) -> str:
    """The text of ``name.rq`` alone, for an operation that follows another in one update."""
    return (HERE / f"{name}.rq").read_text(encoding="utf-8")


@cache
def prefixes() -> dict[str, str]:
    """The shared prefix header as a table: prefix -> namespace IRI."""
    return dict(re.findall(r"^PREFIX (\w*): <([^>]*)>$", query_body(PREFIXES), flags=re.MULTILINE))


def stored_names() -> list[str]:
    """The names of the stored queries a user can run, in order."""
    return sorted(path.stem for path in HERE.glob("*.rq") if path.stem != PREFIXES)
