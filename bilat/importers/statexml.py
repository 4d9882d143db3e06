"""What the importers of the US Department of State's Office of the Historian data share: XML elements
streamed with the line they start on, the datasets they cite, and their country ids read through the
crosswalk (``data/state-dept-territories.csv``, built from the territory register by ``territories``).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.parsers import expat

from bilat.errors import DataError, Problem
from bilat.files.bundled import data_dir
from bilat.model.dates import PartialDate
from bilat.model.entities import Source

US = "US"
HISTORIAN = "Office of the Historian, US Department of State"
LICENCE = "public domain (US Government work), CC0 1.0"


def dataset_source(key: str, title: str, repository: str, commit: str) -> Source:
    """The dataset record of one of the Office of the Historian's repositories."""
    return Source.model_validate(
        {
            "id": f"state-dept-{key}",
            "kind": "dataset",
            "title": f"{title} ({LICENCE})",
            "publisher": HISTORIAN,
            "url": f"https://github.com/HistoryAtState/{repository}/tree/{commit}",
        }
    )


Wanted = Callable[[str, dict[str, str]], bool]
"""Whether an element (its tag and attributes) is one the caller wants whole."""


def elements(path: Path, wanted: Wanted) -> Iterator[tuple[int, ET.Element]]:
    """Each wanted element of an XML file, whole, with the line its start tag is on, read as a stream.

    Tags keep their prefixes and no namespace is applied (the TEI articles use a default namespace).
    A wanted element inside another is found too, as its own element (and stays in the outer one);
    it comes first, as it ends first.
    """
    parser = expat.ParserCreate()
    found: list[tuple[int, ET.Element]] = []
    open_: list[tuple[ET.TreeBuilder, int]] = []  # the wanted elements being read, with their lines
    depths: list[int] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        if wanted(tag, attributes):
            open_.append((ET.TreeBuilder(), parser.CurrentLineNumber))
            depths.append(0)
        for index, (builder, _) in enumerate(open_):
            builder.start(tag, attributes)
            depths[index] += 1

    def end(tag: str) -> None:
        for index, (builder, _) in enumerate(open_):
            builder.end(tag)
            depths[index] -= 1
        if open_ and depths[-1] == 0:
            builder, line = open_.pop()
            depths.pop()
            found.append((line, builder.close()))

    def data(text: str) -> None:
        for builder, _ in open_:
            builder.data(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 16)
            try:
                parser.Parse(chunk, not chunk)
            except expat.ExpatError as error:
                message = f"is not well-formed XML: {expat.ErrorString(error.code)}"
                raise DataError([Problem(str(path), error.lineno, "", message)]) from None
            yield from found
            found.clear()
            if not chunk:
                return


def text_of(element: ET.Element | None) -> str:
    """An element's text, its children's included, with runs of white space made one space."""
    if element is None:
        return ""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def child_text(element: ET.Element, path: str) -> str:
    return text_of(element.find(path))


def child_attribute(element: ET.Element | None, path: str, name: str) -> str:
    """An attribute of the element at ``path`` under ``element``, or "" when either is missing."""
    found = element.find(path) if element is not None else None
    return found.get(name, "") if found is not None else ""


def partial_date(text: str) -> PartialDate | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None for an empty field; ValueError otherwise."""
    return PartialDate.parse(text) if text.strip() else None


@dataclass(frozen=True)
class Piece:
    """The State Department's id ``id`` stands for ``country`` from ``start`` to ``end`` (open ends
    unbounded); ``country`` is empty for an id the register has no state for, ``via`` says how it
    was mapped, or why not."""

    id: str
    country: str
    start: PartialDate | None
    end: PartialDate | None
    via: str


CROSSWALK_COLUMNS = ("id", "country", "start", "end", "via")


class Crosswalk:
    """The State Department's country and territory ids to the register's states, by date."""

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces: dict[str, list[Piece]] = {}
        for piece in pieces:
            self.pieces.setdefault(piece.id, []).append(piece)

    def country(self, id: str, date: PartialDate | None) -> tuple[str | None, str, str]:
        """The state ``id`` stood for on ``date``, or None with the reason and its detail.

        A date on the day one state ends and the next begins belongs to the newer; a date that may fall
        on either side of a change (a year-only date in the year of change) to neither.
        """
        pieces = [p for p in self.pieces.get(id, []) if p.country]
        if not pieces:
            known = self.pieces.get(id)
            why = known[0].via if known else "not in the territory register"
            return None, "country id not mapped to the register", f"{id}: {why}"
        if date is None:
            if len(pieces) == 1:
                return pieces[0].country, "", ""
            return None, "no date to choose the state by", f"{id}: {', '.join(p.country for p in pieces)}"
        covering = [p for p in pieces if _covers(p, date)]
        if covering:
            newest = max(covering, key=lambda p: p.start.earliest.toordinal() if p.start else 0)
            return newest.country, "", ""
        touching = [p.country for p in pieces if _touches(p, date)]
        if touching:
            return None, "date spans a change of state", f"{id} on {date}: {' or '.join(touching)}"
        spans = ", ".join(f"{p.country} {p.start or '…'}/{p.end or '…'}" for p in pieces)
        return None, "date outside the states the id stood for", f"{id} on {date}: {spans}"


def _covers(piece: Piece, date: PartialDate) -> bool:
    after_start = piece.start is None or piece.start.earliest <= date.earliest
    before_end = piece.end is None or date.latest <= piece.end.latest
    return after_start and before_end


def _touches(piece: Piece, date: PartialDate) -> bool:
    after_start = piece.start is None or piece.start.earliest <= date.latest
    before_end = piece.end is None or date.earliest <= piece.end.latest
    return after_start and before_end


CROSSWALK_FILE = "state-dept-territories.csv"


def read_crosswalk(path: Path) -> list[Piece]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Piece(
                row["id"],
                row["country"],
                partial_date(row["start"]),
                partial_date(row["end"]),
                row["via"],
            )
            for row in csv.DictReader(handle)
        ]


@cache
def bundled_crosswalk() -> Crosswalk:
    """The crosswalk shipped in ``data/state-dept-territories.csv``."""
    return Crosswalk(read_crosswalk(data_dir() / CROSSWALK_FILE))
