"""Checking a whole store: every triple against the SHACL shapes (asked of the store itself, see
``shape_checks``), every record through the models, and the records that rebuilt for implausible
facts.

The store is read once: the records it rebuilds into serve the plausibility check too. An embedded
store on disk answers the shapes' query in a process of its own while this one rebuilds the records
(decision 0025): pyoxigraph keeps Python's lock while it evaluates a query, so a thread would only
wait its turn.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

from bilat.graph.plausibility import Doubt, doubts
from bilat.graph.read import readable_records, unreadable_records
from bilat.graph.shape_checks import shape_violations, violations_of
from bilat.graph.shapes import Violation
from bilat.graph.upgrade import STORE_NODE
from bilat.model.dataset import Record
from bilat.queries import query_text
from bilat.rdf.mapping import MAPPINGS
from bilat.register import Register
from bilat.store import EmbeddedStore, Store
from bilat.store.sparql import batched_values

STEPS = ("records", "shapes")
_RECORD_CLASSES = sorted({str(mapping.classes[0]) for mapping in MAPPINGS.values()})
_ANSWER = (
    "import json, sys, pyoxigraph\n"
    "rows = pyoxigraph.Store.read_only(sys.argv[1]).query(sys.stdin.read())\n"
    "json.dump([[None if t is None else t.value for t in row] for row in rows], sys.stdout)\n"
)
"""The other process: the query from its standard input, the rows as JSON. It needs nothing of bilat,
so it answers the very text this process would ask, and opens the folder without bilat's lock, which
this process holds, shared, until it has the answer."""


@dataclass(frozen=True)
class Validation:
    """What ``bilat validate`` reports: the violations (empty when the store conforms), and the
    implausible facts among the records that rebuilt."""

    violations: list[Violation]
    doubts: list[Doubt]


def validate_store(store: Store, progress: Callable[[str, int, int], None] | None = None) -> list[Violation]:
    """SHACL violations of the whole store, and records the models refuse; empty when it conforms.
    ``progress`` hears of each step as it begins (``STEPS``)."""
    violations, _ = _checked(store, progress)
    return violations


def validation(
    store: Store, register: Register, progress: Callable[[str, int, int], None] | None = None
) -> Validation:
    """``validate_store``'s violations, and the doubts (``plausibility.doubts``) about the records
    read for it, the store read once for both."""
    violations, records = _checked(store, progress)
    return Validation(violations, doubts(records, register))


def _checked(
    store: Store, progress: Callable[[str, int, int], None] | None
) -> tuple[list[Violation], list[Record]]:
    """The violations, in order, and the records that rebuilt."""
    shapes = _asked(store)
    try:
        if progress:
            progress("Checking the records", 1, len(STEPS))
        records, refused = _records(store)
        if progress:
            progress("Checking the shapes", 2, len(STEPS))
        violations = shapes.answer()
    finally:
        shapes.stop()
    return sorted([*violations, *refused], key=lambda v: (v.focus, v.path, v.message)), records


class _Shapes:
    """The shapes' query, asked of another process when the store is a folder it can open, else asked
    here when the answer is wanted; should the other process fail, here too, which then says why."""

    def __init__(self, store: Store, process: subprocess.Popen[bytes] | None) -> None:
        self.store = store
        self.process = process

    def answer(self) -> list[Violation]:
        if self.process is not None and self.process.stdout is not None:
            out = self.process.stdout.read()
            if self.process.wait() == 0:
                try:
                    return violations_of(json.loads(out))
                except (ValueError, TypeError):  # not rows of three: asked here, which says why
                    pass
        return shape_violations(self.store)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _asked(store: Store) -> _Shapes:
    """The shapes' query, sent to another process if the store is an embedded store on disk."""
    if not isinstance(store, EmbeddedStore) or store.path is None:
        return _Shapes(store, None)
    command = [sys.executable, "-c", _ANSWER, str(store.path)]
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:
        return _Shapes(store, None)
    assert process.stdin is not None
    try:
        with process.stdin:
            process.stdin.write(query_text("internal/shape-violations").encode("utf-8"))
    except OSError:  # it ended before reading: the answer is asked here
        pass
    return _Shapes(store, process)


def _records(store: Store) -> tuple[list[Record], list[Violation]]:
    """Every record rebuilt through the models from the store's triples, and a violation for each
    subject typed as a record that does not rebuild."""
    rows = store.terms(query_text("internal/every-triple"), {"store": STORE_NODE})
    records = readable_records(rows)
    if len(records) == _typed_subjects(store):
        return records, []
    # some do not rebuild: rebuild them all again, to say which and why
    refused = unreadable_records(rows.rows)  # type: ignore[arg-type]
    return records, [Violation(subject, "", message) for subject, message in refused.items()]


def _typed_subjects(store: Store) -> int:
    """How many subjects are typed as a record."""
    query = next(
        batched_values(query_text("internal/count-records"), "class", _RECORD_CLASSES, len(_RECORD_CLASSES))
    )
    return int(store.values(query).rows[0][0] or 0)
