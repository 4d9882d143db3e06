"""Reading data files (YAML for curators, JSON Lines for bulk) into a validated ``Dataset``.

YAML is read safely and literally (``yamlfile``): aliases and duplicate keys are errors, and a plain
scalar is a string unless it is ``true``/``false``, ``null`` or a plain decimal number, so ``NO``
stays Norway and ``2021-02-30`` reaches the date check instead of crashing the parser. Every string
and number is checked against the limits below before the models see it. Every problem is reported
with file, line and field path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bilat.errors import DataError, Problem
from bilat.model.dataset import SECTIONS, TYPE_NAMES, Dataset, Record
from bilat.model.fields import validation_messages

Path_ = tuple[str | int, ...]
MAX_JSONL_BYTES = 256 * 1024 * 1024
"""The largest JSON Lines file, which bounds the work of reading one (about 50 s for 252 MiB; a load
reads it a line at a time, so memory does not grow with it). A larger dataset is split into several
files (``split -n l/4``)."""
MAX_JSONL_LINE_CHARS = 10_000_000
"""The longest line of a JSON Lines file (one record): ten times the longest string a record may
hold, room for its other fields and for every character written as a ``\\u`` escape."""
MAX_YAML_BYTES = 1024 * 1024
"""The largest YAML file. YAML is read by a parser written in Python: 1 MiB of records takes 2-4 s
and 100-150 MB, and the worst shape (half a million one-letter items) 15 s and 1 GB. The largest
bundled YAML file is 6 KB; 1 MiB holds some 10,000 records, more than anyone curates by hand. Bulk
data belongs in JSON Lines."""
MAX_DEPTH = 20
"""bilat's data nests five levels at most; deeper input is a mistake or an attack on the parser."""
MAX_STRING_CHARS = 1_000_000
"""The longest string (a value or a key) a data file may hold: far above any title, quote or note,
and safely below the 16 MiB Oxigraph's parser takes for one term (a character escaped in N-Triples
takes at most 10 bytes)."""
MAX_DIGITS = 4300
"""The most digits a whole number may have: Python's own limit for reading one
(``sys.get_int_max_str_digits``), which no count or amount comes near."""
MAX_PROBLEMS = 1000
"""The most problems one file reports: enough to see what is wrong, and bounded for a file of a million
bad lines."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")
SUFFIXES = (".yaml", ".yml", ".jsonl")


@dataclass(frozen=True)
class ParsedFile:
    """A data file turned into a Dataset, with the line of every field path for later messages."""

    path: str
    dataset: Dataset
    lines: dict[Path_, int]

    def line_of(self, location: Path_) -> int | None:
        """The line of the deepest known node on ``location``."""
        return _line_of(self.lines, location)


def _line_of(lines: dict[Path_, int], location: Path_) -> int | None:
    for end in range(len(location), -1, -1):
        if location[:end] in lines:
            return lines[location[:end]]
    return None


@dataclass(frozen=True)
class LongNumber:
    """A whole number with more than ``MAX_DIGITS`` digits, kept as such until it is reported with its
    field (Python will not read it as an int)."""

    digits: int

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


LineProgress = Callable[[int, int], None]
"""Called with (lines read, lines in all) while a large file is read."""


@dataclass(frozen=True)
class Entry:
    """A record of a data file and where it stands: its section, its place there and its line."""

    path: str
    section: str
    index: int
    line: int | None
    record: Record
    lines: dict[Path_, int] | None = None
    """The line of each field of a YAML file (shared by its entries), for messages about a field."""

    def problem(self, field: str, message: str) -> Problem:
        where = f"{self.section}[{self.index}]" + (f".{field}" if field else "")
        line = _line_of(self.lines, (self.section, self.index, field)) if self.lines else self.line
        return Problem(self.path, line, where, message)


def file_entries(path: Path, progress: LineProgress | None = None) -> Iterator[Entry]:
    """The records of one data file, each validated as it is read: a JSON Lines file line by line, so
    that a large one never stands in memory whole, a YAML file (at most 1 MiB) whole.

    Problems are gathered as the file is read and raised after its last record as one DataError (the
    first ``MAX_PROBLEMS``): a caller writes nothing before it has read every file to its end.
    """
    if path.suffix == ".jsonl":
        yield from _jsonl_entries(path, progress)
        return
    parsed = read_file(path)
    for section in type(parsed.dataset).model_fields:
        for index, record in enumerate(getattr(parsed.dataset, section)):
            yield Entry(parsed.path, section, index, parsed.line_of((section, index)), record, parsed.lines)


def read_file(path: Path, progress: LineProgress | None = None) -> ParsedFile:
    """Parse and validate one data file; raises DataError listing every problem."""
    if path.suffix not in SUFFIXES:
        raise DataError([Problem(str(path), None, "", f"unknown file type; use {', '.join(SUFFIXES)}")])
    if path.suffix == ".jsonl":
        sections: dict[str, list[Record]] = {}
        jsonl_lines: dict[Path_, int] = {}
        for entry in _jsonl_entries(path, progress):
            sections.setdefault(entry.section, []).append(entry.record)
            jsonl_lines[(entry.section, entry.index)] = entry.line or 0
        dataset = Dataset.model_construct(**{s: tuple(r) for s, r in sections.items()})  # type: ignore[arg-type]  # each validated
        return ParsedFile(str(path), dataset, jsonl_lines)
    from bilat.files.yamlfile import yaml_data  # PyYAML is loaded only for YAML files

    data, lines = yaml_data(str(path), _read_text(path, MAX_YAML_BYTES))
    problems = _value_problems(str(path), data, lines)
    if problems:
        raise DataError(problems)
    try:
        dataset = Dataset.model_validate(data)
    except ValidationError as error:
        parsed = ParsedFile(str(path), Dataset(), lines)
        raise DataError(_problems(parsed, error)) from None
    if not dataset.records():
        message = "holds no records (only comments or empty sections); a data file holds at least one record"
        raise DataError([Problem(str(path), None, "", message)])
    return ParsedFile(str(path), dataset, lines)


def data_files(paths: list[Path]) -> list[Path]:
    """The data files named, with folders expanded (sorted, so loads are repeatable)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            raise DataError([Problem(str(path), None, "", "no such file or folder")])
    return found


def _read_text(path: Path, limit: int) -> str:
    """The file's text, refused before it is read when it is larger than ``limit`` bytes."""
    raw = b""
    try:
        size = path.stat().st_size
        if size <= limit:
            with path.open("rb") as stream:
                raw = stream.read(limit + 1)  # the file may have grown since
            size = max(size, len(raw))
    except OSError as error:
        raise DataError([Problem(str(path), None, "", f"cannot be read: {error.strerror}")]) from None
    if size > limit:
        raise DataError([Problem(str(path), None, "", _too_large(path, size, limit))])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem(str(path), 1, "", "is UTF-16; save the file as UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [Problem(str(path), line, "", "is not valid UTF-8; save the file as UTF-8")]
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError([Problem(str(path), line, "", "contains a NUL byte")])
    if not text.strip():
        raise DataError([Problem(str(path), None, "", "is empty; a data file holds at least one section")])
    return text


def _too_large(path: Path, size: int, limit: int) -> str:
    if path.suffix == ".jsonl":
        return (
            f"is {size:,} bytes; a JSON Lines file may have at most {limit:,} ({limit // 2**20} MiB): "
            "split it into several files (split -n l/4) and load them together"
        )
    return (
        f"is {size:,} bytes; a YAML file may have at most {limit:,} ({limit // 2**20} MiB), since YAML is "
        "slow to read: split it into several files, or write the records as JSON Lines (.jsonl, "
        f"up to {MAX_JSONL_BYTES // 2**20} MiB a file)"
    )


def _jsonl_entries(path: Path, progress: LineProgress | None) -> Iterator[Entry]:
    """A JSON Lines file's records, line by line (``file_entries``), with the checks ``_read_text``
    makes of a whole file made of each line: size, encoding, NUL bytes, emptiness."""
    name = str(path)
    problems: list[Problem] = []
    counts: dict[str, int] = {}
    total = _jsonl_size_and_lines(path)
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if progress and number % 10000 == 0:
                progress(number, total)
            if len(problems) >= MAX_PROBLEMS:
                problems.append(
                    Problem(name, None, "", f"more problems after line {number - 1} were not counted")
                )
                break
            text = _line_text(name, number, raw, problems)
            if text is None or not text.strip():
                continue
            item = _jsonl_item(name, number, text, problems)
            if item is None:
                continue
            section, values = item
            index = counts.get(section, 0)
            counts[section] = index + 1
            record = _record(name, number, section, index, values, problems)
            if record is not None and not problems:
                yield Entry(name, section, index, number, record)
    if not problems and not counts:  # only blank lines
        problems.append(Problem(name, None, "", "is empty; a data file holds at least one section"))
    if problems:
        raise DataError(problems)


def _jsonl_size_and_lines(path: Path) -> int:
    """The lines of a JSON Lines file, refused before it is read when it is too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_JSONL_BYTES:
            raise DataError([Problem(str(path), None, "", _too_large(path, size, MAX_JSONL_BYTES))])
        with path.open("rb") as stream:
            head = stream.read(2)
            if head in (b"\xff\xfe", b"\xfe\xff"):
                raise DataError([Problem(str(path), 1, "", "is UTF-16; save the file as UTF-8")])
            lines = head.count(b"\n")
            ended = head.endswith(b"\n") or not head
            while chunk := stream.read(1 << 20):
                lines += chunk.count(b"\n")
                ended = chunk.endswith(b"\n")
    except OSError as error:
        raise DataError([Problem(str(path), None, "", f"cannot be read: {error.strerror}")]) from None
    return lines + (0 if ended else 1)


def _line_text(name: str, number: int, raw: bytes, problems: list[Problem]) -> str | None:
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8").removesuffix("\n").removesuffix("\r")
    except UnicodeDecodeError:
        problems.append(Problem(name, number, "", "is not valid UTF-8; save the file as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(name, number, "", "contains a NUL byte"))
        return None
    if len(text) > MAX_JSONL_LINE_CHARS:
        problems.append(
            Problem(
                name,
                number,
                "",
                f"is {len(text):,} characters long; a line (one record) may have at most "
                f"{MAX_JSONL_LINE_CHARS:,}: a string holds at most {MAX_STRING_CHARS:,} characters",
            )
        )
        return None
    return text


def _jsonl_item(name: str, number: int, line: str, problems: list[Problem]) -> tuple[str, Any] | None:
    """A line's section and values, or None with its problem noted."""
    try:
        item = json.loads(line, parse_constant=_reject_constant, parse_int=whole_number)
    except (json.JSONDecodeError, ValueError) as error:
        problems.append(Problem(name, number, "", f"is not valid JSON: {error}"))
        return None
    except RecursionError:
        problems.append(Problem(name, number, "", "is nested too deeply to be a bilat record"))
        return None
    if not isinstance(item, dict) or not isinstance(item.get("type"), str):
        problems.append(Problem(name, number, "type", 'each line must be an object with a "type"'))
        return None
    section = TYPE_NAMES.get(item.pop("type"))
    if section is None:
        known = ", ".join(sorted(TYPE_NAMES))
        problems.append(Problem(name, number, "type", f"unknown record type; use one of {known}"))
        return None
    return section, item


def _record(
    name: str, number: int, section: str, index: int, values: Any, problems: list[Problem]
) -> Record | None:
    """The record a line's values make, or None with its problems noted."""
    lines: dict[Path_, int] = {(section, index): number}
    found = _value_problems(name, {section: {index: values}}, lines)
    if found:
        problems.extend(found)
        return None
    try:
        return SECTIONS[section].model_validate(values)
    except ValidationError as error:
        for location, message in validation_messages(error):
            where = (section, index, *location)
            if message == "Extra inputs are not permitted":
                message = _unknown_field_message(where)
            problems.append(Problem(name, number, dotted(where), message))
        return None


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def whole_number(text: str) -> int | LongNumber:
    digits = len(text.lstrip("+-"))
    return LongNumber(digits) if digits > MAX_DIGITS else int(text)


def _value_problems(name: str, data: Any, lines: dict[Path_, int]) -> list[Problem]:
    """Strings that are too long or hold a lone surrogate (which no file can store, and ``\\ud800``
    in a JSON or YAML string makes), and numbers with too many digits; before the models see them.
    Iterative: a JSON line may nest as deep as its parser allows."""
    problems = []
    stack: list[tuple[Path_, Any]] = [((), data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                message = _string_problem(key) if isinstance(key, str) else None
                if message:
                    problems.append(Problem(name, _line_of(lines, where), dotted(where), f"a key {message}"))
                else:
                    stack.append(((*where, key), item))
        elif isinstance(value, list):
            stack.extend(((*where, i), item) for i, item in enumerate(value))
        else:
            message = _string_problem(value) if isinstance(value, str) else None
            if isinstance(value, LongNumber):
                message = f"is a number of {value.digits:,} digits; a number may have at most {MAX_DIGITS:,}"
            if message:
                problems.append(Problem(name, _line_of(lines, where), dotted(where), message))
    return sorted(problems, key=lambda p: p.line or 0)


def _string_problem(text: str) -> str | None:
    if len(text) > MAX_STRING_CHARS:
        return f"is {len(text):,} characters long; a string may have at most {MAX_STRING_CHARS:,}"
    found = _SURROGATE.search(text)
    if found:
        return (
            f"holds \\u{ord(found.group()):04x}, which is not a character (half of a UTF-16 surrogate "
            "pair); write the character itself"
        )
    return None


def _problems(parsed: ParsedFile, error: ValidationError) -> list[Problem]:
    problems = []
    for location, message in validation_messages(error):
        if message == "Extra inputs are not permitted":
            message = _unknown_field_message(location)
        problems.append(Problem(parsed.path, parsed.line_of(location), dotted(location), message))
    return sorted(problems, key=lambda p: p.line or 0)


def _unknown_field_message(location: Path_) -> str:
    if len(location) == 1:
        return f"unknown section; use one of {', '.join(SECTIONS)}"
    return "unknown field; check its spelling against the data format in README.md"


def dotted(location: Path_) -> str:
    return ".".join(f"[{part}]" if isinstance(part, int) else part for part in location).replace(".[", "[")
