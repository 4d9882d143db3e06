"""Checking a whole store: every triple against the SHACL shapes (asked of the store itself, see
``shape_checks``), every record through the models."""

from __future__ import annotations

from collections.abc import Callable

from bilat.graph.read import unreadable_records
from bilat.graph.shape_checks import shape_violations
from bilat.graph.shapes import Violation
from bilat.graph.upgrade import STORE_NODE
from bilat.queries import query_text
from bilat.store import Store

STEPS = ("shapes", "records")


def validate_store(store: Store, progress: Callable[[str, int, int], None] | None = None) -> list[Violation]:
    """SHACL violations of the whole store, and records the models refuse; empty when it conforms.
    ``progress`` hears of each step as it begins (``STEPS``)."""
    if progress:
        progress("Checking the shapes", 1, len(STEPS))
    violations = shape_violations(store)
    if progress:
        progress("Checking the records", 2, len(STEPS))
    rows = store.terms(query_text("internal/every-triple"), {"store": STORE_NODE}).rows
    triples = ((s, p, o) for s, p, o in rows if s is not None and p is not None and o is not None)
    refused = [Violation(subject, "", message) for subject, message in unreadable_records(triples).items()]
    return sorted([*violations, *refused], key=lambda v: (v.focus, v.path))
