"""Heads of state and government by name, so that "President Cyril Ramaphosa" has a country when
the text does not give one.

``data/state-leaders.csv`` holds 1,431 presidents, prime ministers, monarchs and other heads of
state or government of 2001-2019, taken from Wikipedia's "List of state leaders in the 21st century"
(CC BY-SA; a 2019 revision, read through the chinapedia/wikipedia.abstract.en mirror at commit
4e46a31): one row per person and country, with the office the list gives last and the first and
last years the list has them in office (``last_year`` empty: still in office in 2019). Leaders who
took office after 2019 are not in it; single regnal names ("Salman", "Qaboos") are left out, being
ordinary words in other texts.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bilat.files.bundled import data_dir


@dataclass(frozen=True)
class Leader:
    name: str
    country: str
    office: str
    first_year: int
    last_year: int | None


def read_leaders(path: Path) -> tuple[Leader, ...]:
    """The leaders a CSV file lists (columns country, name, office, first_year, last_year)."""
    with path.open(encoding="utf-8", newline="") as lines:
        return tuple(
            Leader(
                name=row["name"],
                country=row["country"],
                office=row["office"],
                first_year=int(row["first_year"]),
                last_year=int(row["last_year"]) if row["last_year"] else None,
            )
            for row in csv.DictReader(lines)
        )


@cache
def bundled_leaders() -> tuple[Leader, ...]:
    return read_leaders(data_dir() / "state-leaders.csv")


_ONE_TO_ONE = str.maketrans({"ı": "i", "đ": "d", "ø": "o", "ł": "l", "’": "'", "ʻ": "'", "‘": "'"})


def fold(text: str) -> str:
    """``text`` in lower case without accents, one character for each of the text's, so that a
    match in the folded text is a match at the same offsets in the original; the Arabic article
    written "el-" or "al-" is folded to "al-" ("El-Sisi", "al-Sisi")."""
    plain = "".join(unicodedata.normalize("NFD", c)[0].lower()[0] for c in text).translate(_ONE_TO_ONE)
    return re.sub(r"\b[ae]l([- ])", r"al\1", plain)
