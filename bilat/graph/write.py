"""Loading data files into a store: validate everything first, then write in one update.

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
from bilat.files.datafile import LineProgress, ParsedFile, data_files, read_file
from bilat.graph.event_index import count_changes
from bilat.graph.merge import joined_record, merge_with_store
from bilat.graph.plausibility import Doubt, doubts
from bilat.model.claims import Statements, sources_of
from bilat.model.dataset import SECTIONS, Dataset, Record
from bilat.queries import query_text
from bilat.rdf.namespaces import mint_text
from bilat.rdf.ntriples import records_text
from bilat.rdf.triples import record_references
from bilat.register import bundled_register
from bilat.store import Store
from bilat.store.sparql import batched_values

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


@dataclass(frozen=True)
class _Located:
    record: Record
    file: ParsedFile
    section: str
    index: int

    def problem(self, field: str, message: str) -> Problem:
        location = (self.section, self.index, field) if field else (self.section, self.index)
        return Problem(
            self.file.path,
            self.file.line_of(location),
            f"{self.section}[{self.index}]" + (f".{field}" if field else ""),
            message,
        )


def read_files(paths: Sequence[Path], progress: Progress | None = None) -> list[ParsedFile]:
    """Parse and validate every file, collecting the problems of all of them."""
    files = data_files(list(paths))
    parsed, problems = [], []
    for done, path in enumerate(files, start=1):
        lines: LineProgress | None = None
        if progress:
            lines = partial(_report_lines, progress, path.name)
        try:
            parsed.append(read_file(path, lines))
        except DataError as error:
            problems.extend(error.problems)
        if progress:
            progress("reading", done, len(files))
    if problems:
        raise DataError(problems)
    return parsed


def _report_lines(progress: Progress, name: str, done: int, total: int) -> None:
    progress(f"reading {name}", done, total)


def load_files(store: Store, paths: Sequence[Path], progress: Progress | None = None) -> LoadSummary:
    """Validate the files at ``paths`` completely, then write them to ``store`` in one update."""
    with collection_paused():
        return load_parsed(store, read_files(paths, progress), progress)


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


def load_records(
    store: Store, records: Sequence[Record], name: str, progress: Progress | None = None
) -> LoadSummary:
    """Load records that were already validated (by an importer), with the same checks as a file."""
    sections: dict[str, list[Record]] = {section: [] for section in SECTIONS}
    section_of = {record_type: section for section, record_type in SECTIONS.items()}
    for record in records:
        sections[section_of[type(record)]].append(record)
    dataset = Dataset.model_construct(**{k: tuple(v) for k, v in sections.items()})  # type: ignore[arg-type]
    with collection_paused():
        return load_parsed(store, [ParsedFile(name, dataset, {})], progress)


def load_parsed(store: Store, files: Sequence[ParsedFile], progress: Progress | None = None) -> LoadSummary:
    """Check records across files and against the store, then write them atomically."""
    load = _unique_records(files)
    records = load.records
    subjects = list(records)
    existing = existing_subjects(store, subjects)
    _check_references(store, records, existing, load.statements_checked)
    _check_hierarchies(records)
    merged = merge_with_store(store, {i: r.record for i, r in records.items()}, load.statements, existing)
    if merged.problems:
        raise DataError([_unjoinable(records[iri], reason) for iri, reason in merged.problems.items()])
    written = merged.records.values()
    before = count_triples(store)
    if progress:
        progress("writing", 0, len(subjects))
    replaced = [subject for subject in subjects if subject in existing]
    months = count_changes(store, written, replaced)
    store.replace(
        [URIRef(subject) for subject in replaced + merged.forget + months.forget],
        records_text(written) + merged.claims_text + months.text,
    )
    if progress:
        progress("writing", len(subjects), len(subjects))
    kinds = Counter(record.type_name for record in written)
    return LoadSummary(
        len(files),
        dict(sorted(kinds.items())),
        len(subjects) - len(replaced),
        len(replaced),
        before,
        count_triples(store),
        doubts(list(written), bundled_register()),
    )


@dataclass(frozen=True)
class _Load:
    """A load's records by IRI (each where it is first stated, holding the record its statements
    make), what each source says where several statements made one, and those statements as written
    (their references are checked too: their values stay as claims)."""

    records: dict[str, _Located]
    statements: dict[str, Statements]
    joined: list[_Located]

    @property
    def statements_checked(self) -> list[_Located]:
        """Every statement whose references must hold: the records, each joined one's statements."""
        return [r for iri, r in self.records.items() if iri not in self.statements] + self.joined


def _unique_records(files: Sequence[ParsedFile]) -> _Load:
    """Records by IRI: identical repeats are merged, statements by other sources joined (decision
    0024); a source that says two different things of one record is an error."""
    records: dict[str, _Located] = {}
    statements: dict[str, Statements] = {}
    repeated: dict[str, list[_Located]] = {}
    problems = []
    for parsed in files:
        for section in type(parsed.dataset).model_fields:
            for index, record in enumerate(getattr(parsed.dataset, section)):
                located = _Located(record, parsed, section, index)
                iri = mint_text(record.iri_kind, record.key)
                first = records.get(iri)
                if first is None:
                    records[iri] = located
                    continue
                if first.record == record:
                    continue
                joined = statements.get(iri) or Statements.of(first.record)
                conflict = joined.conflict(record)
                if conflict is None:
                    joined.join(record)
                    statements[iri] = joined
                    repeated.setdefault(iri, [first]).append(located)
                    continue
                earlier = next(
                    (s for s in repeated.get(iri, [first]) if conflict.source in sources_of(s.record)),
                    first,
                )
                where = f"{earlier.file.path}:{earlier.file.line_of((earlier.section, earlier.index))}"
                problems.append(
                    located.problem(
                        "",
                        f"{record.type_name} {record.key!r} is also defined, differently, at "
                        f"{where}; keep one of the two",
                    )
                )
    for iri, joined in statements.items():
        try:
            records[iri] = replace(records[iri], record=joined_record(joined, iri))
        except ValueError as error:
            problems.append(_unjoinable(records[iri], str(error)))
    if problems:
        raise DataError(problems)
    return _Load(records, statements, [s for more in repeated.values() for s in more])


def _unjoinable(located: _Located, reason: str) -> Problem:
    record = located.record
    return located.problem("", f"{record.type_name} {record.key!r}: {reason}; correct one of the statements")


def _check_references(
    store: Store, records: dict[str, _Located], existing: set[str], statements: Sequence[_Located]
) -> None:
    """Every reference of ``statements`` must name a record in the load (``records``) or the store."""
    referenced = {(kind, key) for located in statements for _, kind, key in record_references(located.record)}
    iris = {reference: mint_text(*reference) for reference in referenced}
    elsewhere = [iri for iri in iris.values() if iri not in records and iri not in existing]
    missing = set(elsewhere) - existing_subjects(store, elsewhere)
    if not missing:
        return
    problems = [
        located.problem(
            name,
            f"{kind_of(iris[(kind, key)])} {key!r} is not defined in the data or the store; "
            f"add it or correct the reference",
        )
        for located in statements
        for name, kind, key in record_references(located.record)
        if iris[(kind, key)] in missing
    ]
    raise DataError(problems)


PARENT_FIELDS = {
    "area": "broader",
    "cameo": "broader",
    "organization": "part_of",
    "agreement": "base_agreement",
}
"""The fields that place a record under another of its kind; following them must never loop."""


def _check_hierarchies(records: dict[str, _Located]) -> None:
    """A record may not be its own ancestor (within the load: the store's records were checked when
    they were loaded)."""
    problems = []
    for iri, located in records.items():
        record = located.record
        field = PARENT_FIELDS.get(record.type_name)
        chain = [record.key]
        parent = getattr(record, field) if field else None
        while parent is not None and len(chain) <= len(records):
            chain.append(parent)
            if mint_text(record.iri_kind, parent) == iri:
                path = " -> ".join(chain)
                problems.append(
                    located.problem(field or "", f"loops back to itself ({path}); a hierarchy cannot")
                )
                break
            above = records.get(mint_text(record.iri_kind, parent))
            parent = getattr(above.record, field or "") if above else None
    if problems:
        raise DataError(problems)


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
