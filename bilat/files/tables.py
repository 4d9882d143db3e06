"""Tables written as CSV files, atomically, by the standard ``csv`` module."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from bilat.files.atomic import atomic_file


def write_csv(output: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write ``rows`` (mappings by column name) under a header of ``columns``; return how many rows."""
    written = 0
    with atomic_file(output) as stream:
        writer = csv.DictWriter(stream, columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return written
