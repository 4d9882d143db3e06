"""Loading data files into a store: validate everything first, then write in one update.

Records are read, checked and turned into N-Triples in batches, the text kept in temporary files,
so that a load's memory does not grow with its size; nothing is written before every record has
been checked, and then all of it in one atomic update.

A record joins what the store says about the same IRI (``graph.merge``, decision 0024): its sources
restate what they said before and other sources keep theirs, so loading a file twice changes nothing,
a corrected file overwrites what its sources said, and a second source of the same fact adds to it.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rdflib import URIRef

from bilat.errors import DataError, Problem
from bilat.files.datafile import Entry, LineProgress, data_files, file_entries
from bilat.graph.event_index import counts_after, month_changes
from bilat.graph.merge import joined_record, merge_with_store
from bilat.graph.plausibility import Doubt, doubts
from bilat.model.claims import Statements, sources_of
from bilat.model.dataset import SECTIONS, Record
from bilat.queries import query_text
from bilat.rdf.derived import dyad_month
from bilat.rdf.namespaces import mint_text
from bilat.rdf.ntriples import iri_texts, record_lines
from bilat.rdf.triples import record_references
from bilat.register import bundled_register
from bilat.store import EmbeddedStore, Store
from bilat.store.sparql import batched_values
from bilat.store.spool import Spool

Progress = Callable[[str, int, int], None]
"""Called with (stage, done, total) as a load advances."""


@dataclass(frozen=True)
class LoadSummary:
    """What a load did."""

    files: int
    records: dict[str, int]
    new_records: int
    replaced_records: int
    triples_before: int
    triples_after: int
    doubts: list[Doubt] = field(default_factory=list)
    """Facts loaded that look implausible (``graph.plausibility``): reported, not refused."""

    @property
    def triples_added(self) -> int:
        return self.triples_after - self.triples_before


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold back Python's cycle collector while a load builds millions of objects that all live on.

    Each full collection would walk every record read so far; a million-event load spent more time
    there than in validating. Records hold no reference cycles, so nothing is left uncollected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


BATCH_RECORDS = 50_000
"""Records checked and turned into N-Triples at a time: a load holds one batch, and its N-Triples go
to temporary files (``store.spool``), so that its memory does not grow with its size."""


def load_files(store: Store, paths: Sequence[Path], progress: Progress | None = None) -> LoadSummary:
    """Validate the files at ``paths`` completely, then write them to ``store`` in one update."""
    files = data_files(list(paths))
    return _load(store, partial(_entries_of_files, files, progress), len(files), progress)


def load_records(
    store: Store, records: Sequence[Record], name: str, progress: Progress | None = None
) -> LoadSummary:
    """Load records that were already validated (by an importer), with the same checks as a file."""

    def entries() -> Iterator[Entry]:
        counts: Counter[str] = Counter()
        for record in records:
            section = _SECTION_OF[type(record)]
            yield Entry(name, section, counts[section], None, record)
            counts[section] += 1

    return _load(store, entries, 1, progress)


_SECTION_OF = {record_type: section for section, record_type in SECTIONS.items()}


def _entries_of_files(files: Sequence[Path], progress: Progress | None) -> Iterator[Entry]:
    """The records of every file in turn; the problems of all files raised together at the end."""
    problems = []
    for done, path in enumerate(files, start=1):
        lines: LineProgress | None = partial(_report_lines, progress, path.name) if progress else None
        try:
            yield from file_entries(path, lines)
        except DataError as error:
            problems.extend(error.problems)
        if progress:
            progress("reading", done, len(files))
    if problems:
        raise DataError(problems)


def _report_lines(progress: Progress, name: str, done: int, total: int) -> None:
    progress(f"reading {name}", done, total)


def _load(
    store: Store, entries: Callable[[], Iterator[Entry]], files: int, progress: Progress | None
) -> LoadSummary:
    """Check every record in batches, across batches and against the store, spooling their N-Triples;
    then write them all in one atomic update.

    A record stated differently in two batches (two sources of one fact, far apart in the files) is
    seen to be one only when the second batch is read: the load then reads its records again, holding
    back those of such IRIs until the end, where they join. Only such a load reads its files twice.
    """
    held: frozenset[str] = frozenset()
    with collection_paused():
        while True:
            run = _Run(store, held)
            try:
                run.read(entries())
                if run.rejoin:
                    held |= run.rejoin
                    continue
                run.check()
                run.forget_reading()
                before = count_triples(store)
                if progress:
                    progress("writing", 0, run.records)
                months = counts_after(store, run.months)
                run.spool.add(months.text)
                store.replace([URIRef(s) for s in run.forget + months.forget], run.spool)
                if progress:
                    progress("writing", run.records, run.records)
            finally:
                run.spool.close()
            break
    return LoadSummary(
        files,
        dict(sorted(run.kinds.items())),
        run.records - run.replaced,
        run.replaced,
        before,
        count_triples(store),
        run.doubts,
    )


class _Run:
    """One pass of a load over its records, batch by batch: what it found, and its N-Triples."""

    def __init__(self, store: Store, held: frozenset[str]) -> None:
        self.store = store
        self.held = held
        """IRIs stated differently in two batches: their records wait for the end, to join."""
        self.spool = Spool()
        self.seen: dict[str, int] = {}
        """Each IRI of the load, with a digest of the N-Triples of the record stated for it."""
        self.rejoin: set[str] = set()
        self.problems: list[Problem] = []
        self.pending: dict[str, list[Entry]] = {}
        """References to records neither the load (so far) nor the store holds: who makes them."""
        self.parents: dict[str, Entry] = {}
        """The records placed under another of their kind (``PARENT_FIELDS``), by IRI."""
        self.months: Counter[str] = Counter()
        self.forget: list[str] = []
        self.kinds: Counter[str] = Counter()
        self.records = self.replaced = 0
        self.doubts: list[Doubt] = []

    def read(self, entries: Iterator[Entry]) -> None:
        waiting: list[tuple[str, Entry]] = []
        batch: list[tuple[str, Entry]] = []
        for entry in entries:
            iri = mint_text(entry.record.iri_kind, entry.record.key)
            (waiting if iri in self.held else batch).append((iri, entry))
            if len(batch) >= BATCH_RECORDS:
                self._stage(batch)
                batch = []
        self._stage(batch + waiting)

    def _stage(self, batch: list[tuple[str, Entry]]) -> None:
        """Check one batch against the load so far and the store, and spool what it writes."""
        if not batch:
            return
        load = _unique_records(batch, self.problems)
        texts: dict[str, str] = {}
        records: dict[str, Entry] = {}
        for iri, entry in load.records.items():
            texts[iri] = text = "".join(record_lines(entry.record))
            earlier = self.seen.get(iri)
            if earlier is None:
                self.seen[iri] = hash(text)
                records[iri] = entry
            elif earlier != hash(text):
                self.rejoin.add(iri)  # an earlier batch stated it otherwise
        existing, same = self._stored(records, texts)
        self._note_references(load.statements_checked, existing)
        self.parents.update((iri, entry) for iri, entry in records.items() if _parent(entry.record))
        if self.problems or self.rejoin:
            return  # this pass writes nothing: only its problems (or the IRIs to rejoin) count
        self.kinds.update(entry.record.type_name for entry in records.values())
        self.records += len(records)
        self.replaced += len(existing)
        self.doubts.extend(doubts([entry.record for entry in records.values()], bundled_register()))
        if same:  # the store holds them as they are: nothing to forget or write
            records = {iri: entry for iri, entry in records.items() if iri not in same}
            existing -= same
        statements = {iri: joined for iri, joined in load.statements.items() if iri in records}
        merged = merge_with_store(self.store, {i: e.record for i, e in records.items()}, statements, existing)
        if merged.problems:
            self.problems.extend(_unjoinable(records[i], reason) for i, reason in merged.problems.items())
            return
        replaced = [iri for iri in records if iri in existing]
        written = merged.records
        self.months.update(month_changes(self.store, written.values(), replaced))
        for iri, record in written.items():
            self.spool.add(texts[iri] if record is records[iri].record else "".join(record_lines(record)))
        self.spool.add(merged.claims_text)
        self.forget.extend(replaced + merged.forget)

    def _stored(self, records: dict[str, Entry], texts: dict[str, str]) -> tuple[set[str], set[str]]:
        """Which of ``records`` the store holds, and which of those it holds exactly as the load states
        them (its triples are the record's N-Triples), so that they are neither forgotten nor written
        again: loading the same files twice writes nothing. An embedded store reads a subject's
        triples from its index; a server is asked which subjects it holds, and all are rewritten."""
        if not isinstance(self.store, EmbeddedStore):
            return existing_subjects(self.store, list(records)), set()
        existing, same = set(), set()
        iris = list(records)
        for first in range(0, len(iris), 5000):
            for iri, lines in self.store.subject_lines(iris[first : first + 5000]).items():
                if lines:
                    existing.add(iri)
                    if lines == set(texts[iri].splitlines(keepends=True)):
                        same.add(iri)
        return existing, same

    def forget_reading(self) -> None:
        """Let go of what only reading needed (every IRI of the load, the caches of IRI texts) before
        the write, which needs the memory: a million events' IRIs alone are about 250 MB."""
        self.seen.clear()
        self.pending.clear()
        self.parents.clear()
        iri_texts.cache_clear()
        dyad_month.cache_clear()

    def _note_references(self, statements: Sequence[Entry], existing: set[str]) -> None:
        """Remember each reference to a record that neither the load so far nor the store holds; a
        later batch may still state it (``check`` decides)."""
        asked: dict[str, list[Entry]] = {}
        for entry in statements:
            for _, kind, key in record_references(entry.record):
                iri = mint_text(kind, key)
                if iri in self.seen or iri in existing:
                    continue
                if iri in self.pending:
                    self.pending[iri].append(entry)
                else:
                    asked.setdefault(iri, []).append(entry)
        held = existing_subjects(self.store, list(asked))
        self.pending.update((iri, named) for iri, named in asked.items() if iri not in held)

    def check(self) -> None:
        """The problems only the whole load shows: references to records never stated, hierarchies
        that loop."""
        problems = list(self.problems)
        for iri, named in self.pending.items():
            if iri in self.seen:
                continue
            for entry in {id(entry): entry for entry in named}.values():
                problems.extend(
                    entry.problem(
                        name,
                        f"{kind_of(iri)} {key!r} is not defined in the data or the store; "
                        "add it or correct the reference",
                    )
                    for name, kind, key in record_references(entry.record)
                    if mint_text(kind, key) == iri
                )
        problems.extend(_loops(self.parents))
        if problems:
            raise DataError(sorted(problems, key=lambda p: (p.file, p.line or 0)))


@dataclass(frozen=True)
class _Load:
    """A batch's records by IRI (each where it is first stated, holding the record its statements
    make), what each source says where several statements made one, and those statements as written
    (their references are checked too: their values stay as claims)."""

    records: dict[str, Entry]
    statements: dict[str, Statements]
    joined: list[Entry]

    @property
    def statements_checked(self) -> list[Entry]:
        """Every statement whose references must hold: the records, each joined one's statements."""
        return [r for iri, r in self.records.items() if iri not in self.statements] + self.joined


def _unique_records(batch: Iterable[tuple[str, Entry]], problems: list[Problem]) -> _Load:
    """Records by IRI: identical repeats are merged, statements by other sources joined (decision
    0024); a source that says two different things of one record is a problem."""
    records: dict[str, Entry] = {}
    statements: dict[str, Statements] = {}
    repeated: dict[str, list[Entry]] = {}
    for iri, entry in batch:
        record = entry.record
        first = records.get(iri)
        if first is None:
            records[iri] = entry
            continue
        if first.record == record:
            continue
        joined = statements.get(iri) or Statements.of(first.record)
        conflict = joined.conflict(record)
        if conflict is None:
            joined.join(record)
            statements[iri] = joined
            repeated.setdefault(iri, [first]).append(entry)
            continue
        said = (s for s in repeated.get(iri, [first]) if conflict.source in sources_of(s.record))
        earlier = next(said, first)  # a record of another type under the IRI: the first statement
        problems.append(
            entry.problem(
                "",
                f"{record.type_name} {record.key!r} is also defined, differently, at "
                f"{earlier.path}:{earlier.line}; keep one of the two",
            )
        )
    for iri, joined in statements.items():
        try:
            records[iri] = replace(records[iri], record=joined_record(joined, iri))
        except ValueError as error:
            problems.append(_unjoinable(records[iri], str(error)))
    return _Load(records, statements, [s for more in repeated.values() for s in more])


def _unjoinable(entry: Entry, reason: str) -> Problem:
    record = entry.record
    return entry.problem("", f"{record.type_name} {record.key!r}: {reason}; correct one of the statements")


PARENT_FIELDS = {
    "area": "broader",
    "cameo": "broader",
    "organization": "part_of",
    "agreement": "base_agreement",
}
"""The fields that place a record under another of its kind; following them must never loop."""


def _parent(record: Record) -> str | None:
    """The key of the record ``record`` is placed under, if any."""
    field = PARENT_FIELDS.get(record.type_name)
    return getattr(record, field) if field else None


def _loops(placed: dict[str, Entry]) -> list[Problem]:
    """A record may not be its own ancestor (within the load: the store's records were checked when
    they were loaded)."""
    problems = []
    for iri, entry in placed.items():
        record = entry.record
        field = PARENT_FIELDS[record.type_name]
        chain = [record.key]
        parent = getattr(record, field)
        while parent is not None and len(chain) <= len(placed):
            chain.append(parent)
            if mint_text(record.iri_kind, parent) == iri:
                path = " -> ".join(chain)
                problems.append(entry.problem(field, f"loops back to itself ({path}); a hierarchy cannot"))
                break
            above = placed.get(mint_text(record.iri_kind, parent))
            parent = getattr(above.record, field) if above else None
    return problems


def kind_of(iri: str) -> str:
    """The record kind in a minted IRI (``country``, ``person`` ...)."""
    return str(iri).rsplit("/", 2)[-2]


def existing_subjects(store: Store, subjects: Iterable[str], batch: int = 2000) -> set[str]:
    """Which of the IRIs ``subjects`` (as minted, so safe to write) the store says something about."""
    found: set[str] = set()
    for query in batched_values(query_text("internal/existing-subjects"), "s", subjects, batch):
        found.update(s for (s,) in store.values(query).rows if s is not None)
    return found


def count_triples(store: Store) -> int:
    """How many triples the store holds."""
    rows = store.values(query_text("internal/count-triples")).rows
    return int(rows[0][0] or 0) if rows else 0
