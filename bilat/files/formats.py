"""The formats bilat writes, and how a command chooses one: the ``--format`` given, else the output
file's suffix, else the command's default (for standard output, ``-o -``). Kept apart so that the CLI
can offer them without loading rdflib."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from bilat.errors import InputError


class Format(StrEnum):
    """The RDF serialisations offered."""

    TURTLE = "turtle"
    NTRIPLES = "nt"
    JSONLD = "json-ld"
    TRIG = "trig"


class GraphFormat(StrEnum):
    """Files the network of countries can be written as."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


class PictureFormat(StrEnum):
    PNG = "png"
    SVG = "svg"


class TableFormat(StrEnum):
    """How a command that prints a table prints it (``files.tables``)."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


AnyFormat = TypeVar("AnyFormat", Format, GraphFormat, PictureFormat, TableFormat)

SUFFIXES: dict[type[StrEnum], dict[str, StrEnum]] = {
    Format: {
        ".ttl": Format.TURTLE,
        ".turtle": Format.TURTLE,
        ".nt": Format.NTRIPLES,
        ".jsonld": Format.JSONLD,
        ".json": Format.JSONLD,
        ".trig": Format.TRIG,
    },
    GraphFormat: {f".{member.value}": member for member in GraphFormat},
    PictureFormat: {f".{member.value}": member for member in PictureFormat},
    TableFormat: {
        ".csv": TableFormat.CSV,
        ".tsv": TableFormat.TSV,
        ".tab": TableFormat.TSV,
        ".json": TableFormat.JSON,
        ".txt": TableFormat.TABLE,
    },
}


def is_stdout(output: Path | None) -> bool:
    """Whether ``output`` means standard output: none given, or ``-``."""
    return output is None or str(output) == "-"


def chosen_format(output: Path | None, given: AnyFormat | None, default: AnyFormat) -> AnyFormat:
    """``given``; else the format ``output``'s suffix names; else, for standard output or a name
    without a suffix (a device, a pipe), ``default``.

    A file whose suffix names no format of this kind is an InputError: guessing would write, say,
    Turtle into ``cuba.nt``."""
    if given is not None:
        return given
    if output is None or is_stdout(output) or not output.suffix:  # stdout, /dev/stdout, a pipe
        return default
    kind = type(default)
    found = SUFFIXES[kind].get(output.suffix.lower())
    if found is None:
        known = ", ".join(SUFFIXES[kind])
        raise InputError(f"{output}: give --format, or a file name ending in {known}")
    assert isinstance(found, kind)
    return found
