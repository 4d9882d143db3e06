"""What every importer shares: row outcomes, reading delimited files, and running an import.

An importer reads one file as a stream and yields, for each data row, the records it makes (or an
empty list when the row only feeds records built at the end) or a ``Skip`` saying why not. Records
built from many rows come last, with row number 0. The runner counts, deduplicates, checks, and
writes everything in one update through ``load.load_records``. A record made again by a later row
joins the earlier one as a load joins it (decision 0024): another source, or fields the earlier left
empty; a row whose record says something else of a field under the same source is refused.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rdflib import URIRef

from bilat.errors import DataError, Problem
from bilat.graph.merge import joined_record
from bilat.graph.write import LoadSummary, Progress, load_records
from bilat.model.claims import Statements
from bilat.model.dataset import Record, Source
from bilat.rdf.triples import iri_of
from bilat.register import Register
from bilat.store import Store


@dataclass(frozen=True)
class Skip:
    """A row that made no record: out of scope (``error=False``) or bad data (``error=True``)."""

    row: int
    reason: str
    detail: str = ""
    error: bool = True


_CSVWriter = Any  # the type of csv.writer(...), which the csv module does not name

Outcome = tuple[int, list[Record] | Skip]
"""A data row's number (its line in the file) and what it gave; row 0 is for records built from many rows."""

Reader = Callable[[Path, Register, str], Iterator[Outcome]]
"""Reads one file (path, register, text encoding) as a stream of outcomes."""


@dataclass(frozen=True)
class Importer:
    """One external format: its name, what it reads, and the dataset it cites."""

    name: str
    description: str
    source: Source
    read: Reader
    encoding: str = "utf-8"


@dataclass
class ImportSummary:
    """Rows read, used and skipped (with reasons), records made, and what the load changed."""

    format: str
    files: int = 0
    rows: int = 0
    used: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    """Rows that made nothing, by reason; rows == used + skipped rows."""
    dropped: Counter[str] = field(default_factory=Counter)
    """Records built from many rows that could not be made, by reason."""
    examples: dict[str, list[Problem]] = field(default_factory=dict)
    """The first few rows skipped (or records not made) for each reason."""
    load: LoadSummary | None = None

    @property
    def skipped_rows(self) -> int:
        return sum(self.skipped.values())


def run_import(
    store: Store,
    importer: Importer,
    paths: list[Path],
    register: Register,
    *,
    strict: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    report: IO[str] | None = None,
) -> ImportSummary:
    """Read every file, then write what they make in one update; strict mode refuses any bad row.
    ``report`` receives every row that made nothing, and every record that could not be made, as CSV
    (``REPORT_COLUMNS``)."""
    summary = ImportSummary(importer.name)
    writer = csv.writer(report, lineterminator="\r\n") if report is not None else None
    if writer is not None:
        writer.writerow(REPORT_COLUMNS)
    records: dict[URIRef, Record] = {iri_of(importer.source): importer.source}
    joined: dict[URIRef, Statements] = {}
    more: list[Record] = []  # records made again, differently, by later rows: the load joins them
    first_row: dict[URIRef, str] = {}
    for path in paths:
        summary.files += 1
        for row, outcome in importer.read(path, register, encoding or importer.encoding):
            if row:
                summary.rows += 1
                if progress and summary.rows % 10000 == 0:
                    progress(f"reading {path.name}", summary.rows, 0)
            if isinstance(outcome, Skip):
                _skip(summary, path, outcome, strict, counted=bool(row), writer=writer)
                continue
            conflict = _conflict(row, outcome, records, joined, first_row)
            if conflict is not None:
                _skip(summary, path, conflict, strict, counted=bool(row), writer=writer)
                continue
            summary.used += bool(row)
            for record in outcome:
                iri = iri_of(record)
                known = records.setdefault(iri, record)
                if known != record:
                    joined.setdefault(iri, Statements.of(known)).join(record)
                    more.append(record)
                first_row.setdefault(iri, f"{path.name}:{row}" if row else path.name)
    summary.load = load_records(store, [*records.values(), *more], importer.name, progress)
    return summary


def _conflict(
    row: int,
    records: list[Record],
    known: dict[URIRef, Record],
    joined: dict[URIRef, Statements],
    first_row: dict[URIRef, str],
) -> Skip | None:
    """A Skip when a record says something else than an earlier row's record under the same key and
    source, or when the two make no valid record together."""
    for record in records:
        iri = iri_of(record)
        if iri not in known or known[iri] == record:
            continue
        earlier = joined.get(iri) or Statements.of(known[iri])
        if earlier.conflict(record) is not None or not _joins(earlier.copy(), record, str(iri)):
            detail = f"{record.type_name} {record.key!r}, first at {first_row.get(iri, 'the dataset')}"
            return Skip(row, "conflicts with an earlier row", detail)
    return None


def _joins(statements: Statements, record: Record, iri: str) -> bool:
    """Whether ``record`` joins ``statements`` into a valid record."""
    statements.join(record)
    try:
        joined_record(statements, iri)
    except ValueError:
        return False
    return True


REPORT_COLUMNS = ("file", "line", "outcome", "reason", "detail")
"""The report of an import: one row per data row that made nothing (``skipped``: out of scope or bad
data) or record built from many rows that could not be made (``not made``, line empty)."""
EXAMPLES = 3
"""Rows kept as examples of each reason."""


def _skip(
    summary: ImportSummary, path: Path, skip: Skip, strict: bool, counted: bool, writer: _CSVWriter | None
) -> None:
    problem = Problem(
        str(path), skip.row or None, "", f"{skip.reason}" + (f": {skip.detail}" if skip.detail else "")
    )
    if strict and skip.error:
        raise DataError([problem])
    (summary.skipped if counted else summary.dropped)[skip.reason] += 1
    examples = summary.examples.setdefault(skip.reason, [])
    if len(examples) < EXAMPLES:
        examples.append(problem)
    if writer is not None:
        outcome = "skipped" if counted else "not made"
        writer.writerow((path.name, skip.row or "", outcome, skip.reason, skip.detail))


def delimited_rows(
    path: Path,
    encoding: str = "utf-8",
    delimiter: str = ",",
    header: bool = True,
    required: Sequence[str] = (),
    dataset: str = "",
) -> Iterator[tuple[int, dict[str, str] | list[str]]]:
    """Each data row with its line number: a dict by header name, or a list without a header.

    The file is read as a stream. A decoding error becomes a DataError naming the line, so a cp1252
    file read as UTF-8 says so instead of failing somewhere later; so do an empty file and a header
    without the ``required`` columns of the ``dataset``.
    """
    with _text(path, encoding) as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        names: list[str] | None = None
        while True:
            try:
                values = next(reader)
            except StopIteration:
                if reader.line_num == 0:
                    raise DataError([Problem(str(path), None, "", "is empty")]) from None
                return
            except UnicodeDecodeError:
                raise DataError(
                    [
                        Problem(
                            str(path),
                            _first_bad_line(path, encoding),
                            "",
                            f"is not valid {encoding}; "
                            "pass --encoding with the file's real encoding (for example cp1252)",
                        )
                    ]
                ) from None
            if names is None and header:
                names = [name.strip().lstrip("\ufeff") for name in values]
                _check_columns(path, names, required, dataset, delimiter)
                continue
            if not any(v.strip() for v in values):
                continue
            if names is None:
                yield reader.line_num, values
            else:
                yield reader.line_num, dict(zip(names, values, strict=False))


def _text(path: Path, encoding: str) -> IO[str]:
    """The file as text; a ``.gz`` file decompressed as it is read."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding=encoding, newline="", errors="strict")
    return open(path, encoding=encoding, newline="", errors="strict")


def _check_columns(
    path: Path, names: list[str], required: Sequence[str], dataset: str, delimiter: str
) -> None:
    missing = [name for name in required if name not in names]
    if missing:
        separator = {"\t": "tabs", ";": "semicolons"}.get(delimiter, "commas")
        raise DataError(
            [
                Problem(
                    str(path),
                    1,
                    "",
                    f"has no column {', '.join(missing)}; is it a {dataset} file, with columns separated "
                    f"by {separator}? (its header: {', '.join(names)[:200]})",
                )
            ]
        )


def _first_bad_line(path: Path, encoding: str) -> int | None:
    """The first line that does not decode; the text reader reads ahead and cannot say."""
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return number
    return None
