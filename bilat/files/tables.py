"""Tables as text and as CSV files: one writer, the standard ``csv`` module, for every command that
prints a table (``--format table|csv|tsv|json``) and for the panel's file.

CSV follows RFC 4180 (fields quoted when they must be, CRLF line ends); TSV is tab-separated with LF
line ends, fields quoted only when they hold a tab, a quote or a line break. A text cell that a
spreadsheet would run as a formula gets a leading ``'`` (``spreadsheet_safe``); a number never does, so
``-10`` stays a number for pandas or R.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from bilat.files.atomic import atomic_file
from bilat.files.display import json_text, printable
from bilat.files.formats import TableFormat

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?(?:INF|inf|NaN|nan)")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """``text`` that a spreadsheet shows as it is: a cell starting like a formula (``=``, ``+``, ``-``,
    ``@``, tab, CR) gets a leading ``'``, unless it is a number (``-10``, ``+1.5e3``), which a
    spreadsheet reads as that number anyway."""
    if text[:1] in _FORMULA_START and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def cell_text(value: object) -> str:
    """A value as a CSV or TSV field: nothing for None, numbers as Python writes them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return printable(str(value))


def shown(value: object) -> str:
    """A value as the aligned table shows it: whole floats without a point, others to 4 places."""
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.4f}"
    return cell_text(value)


def write_delimited(
    stream: IO[str],
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ",",
    *,
    terms: bool = False,
) -> int:
    """The writer of CSV and TSV; returns how many rows it wrote. ``terms``: the cells are RDF terms
    in SPARQL/Turtle syntax (SPARQL TSV), written as they are, never quoted (they hold no tab or line
    break)."""
    options: dict[str, Any] = {"delimiter": delimiter, "lineterminator": "\r\n" if delimiter == "," else "\n"}
    if terms:
        options.update(quoting=csv.QUOTE_NONE, quotechar=None)
    writer = csv.writer(stream, **options)
    writer.writerow(columns)
    field = cell_text if terms else csv_cell
    written = 0
    for row in rows:
        writer.writerow([field(value) for value in row])
        written += 1
    return written


def csv_fields(values: Iterable[object]) -> tuple[str, ...]:
    """Each value as a field of a CSV line (``csv_cell``), quoted as ``write_delimited``'s csv module
    quotes it: when it holds a comma, a double quote or a line break."""
    return tuple(_quoted(csv_cell(value)) for value in values)


def csv_line(values: Iterable[object]) -> str:
    """A CSV line without its line end, for a writer that makes each distinct line once
    (``write_lines``)."""
    return ",".join(csv_fields(values))


def _quoted(field: str) -> str:
    if "," in field or '"' in field or "\n" in field or "\r" in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def csv_cell(value: object) -> str:
    """A CSV or TSV field, guarded against spreadsheet formulas; numbers as they are."""
    if value is None:
        return ""
    if type(value) is int or type(value) is float:
        return str(value)
    return spreadsheet_safe(cell_text(value))


def delimited(
    columns: Sequence[str], rows: Iterable[Sequence[object]], delimiter: str = ",", *, terms: bool = False
) -> str:
    """CSV (``,``) or TSV (tab) text, by ``write_delimited``."""
    buffer = io.StringIO()
    write_delimited(buffer, columns, rows, delimiter, terms=terms)
    return buffer.getvalue()


def aligned(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Columns padded to their widest cell under a rule, and the number of rows."""
    cells = [[shown(value) for value in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_value(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return str(value)


def table_text(columns: Sequence[str], rows: Sequence[Sequence[object]], format: TableFormat) -> str:
    """A table in ``format``: aligned text, CSV, TSV, or JSON (a list of objects, numbers as numbers)."""
    if format is TableFormat.TABLE:
        return aligned(columns, rows)
    if format is TableFormat.JSON:
        objects = [{c: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows]
        return json_text(objects, indent=1) + "\n"
    return delimited(columns, rows, "," if format is TableFormat.CSV else "\t")


def write_lines(output: Path, columns: Sequence[str], lines: Iterable[str]) -> int:
    """Write a CSV file of ``columns`` from its lines (``csv_line``), atomically and line by line;
    returns how many lines."""
    written = 0
    with atomic_file(output) as stream:
        stream.write(csv_line(columns) + "\r\n")
        for line in lines:
            stream.write(line + "\r\n")
            written += 1
    return written
