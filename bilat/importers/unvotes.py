"""UN General Assembly roll-call votes (Voeten; the ``unvotes`` files): how alike each pair voted, by year.

``un_votes.csv`` (or ``.csv.gz``: ``rcid,country,country_code,vote``) is read with
``un_roll_calls.csv`` beside it, which gives each roll call's date. A country is found by its ISO
code, or by its name where the code is empty (Yugoslavia, Czechoslovakia, the German Democratic
Republic). For each year and each pair of states that both voted (yes, no or abstain) in some roll
call, one record says in how many roll calls both voted and in how many they voted alike: the
measure of foreign-policy similarity Voeten's data is used for. The votes are counted per year with
matrices, so the 870,000 votes take seconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bilat.errors import DataError, Problem, UnknownCountryError
from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.dates import PartialDate
from bilat.model.entities import Source
from bilat.model.facts import VoteAgreement
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "voeten-unvotes",
        "kind": "dataset",
        "title": "United Nations General Assembly voting data (Voeten, Strezhnev and Bailey), as in unvotes",
        "publisher": "Harvard Dataverse",
        "url": "https://doi.org/10.7910/DVN/LEJUQZ",
    }
)
VOTES = {"yes": 1, "abstain": 2, "no": 3}
ROLL_CALLS = ("un_roll_calls.csv", "un_roll_calls.csv.gz")


def read_unvotes(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """Each vote row checked; then one record per pair and year."""
    years = _roll_call_years(path, encoding)
    ballots: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    """year -> (roll call, country) -> vote"""
    countries: dict[tuple[str, str], str | None] = {}
    required = ("rcid", "country", "country_code", "vote")
    for line, row in delimited_rows(path, encoding, required=required, dataset="unvotes votes"):
        assert isinstance(row, dict)
        vote = VOTES.get(row["vote"].strip())
        if vote is None:
            yield line, Skip(line, "not a yes, no or abstain", row["vote"].strip())
            continue
        year = years.get(row["rcid"].strip())
        if year is None:
            yield line, Skip(line, "roll call not in the roll calls file", row["rcid"].strip())
            continue
        key = (row["country_code"].strip(), row["country"].strip())
        if key not in countries:
            countries[key] = _country(register, *key)
        code = countries[key]
        if code is None:
            yield line, Skip(line, "country not in the register", f"{key[1]} ({key[0] or 'no code'})")
            continue
        ballots[year][(row["rcid"].strip(), code)] = vote
        yield line, []
    for year in sorted(ballots):
        for record in _agreements(year, ballots[year]):
            yield 0, [record]


def _roll_call_years(votes: Path, encoding: str) -> dict[str, int]:
    """The year of each roll call, from the roll calls file beside the votes."""
    found = next((votes.parent / name for name in ROLL_CALLS if (votes.parent / name).is_file()), None)
    if found is None:
        raise DataError(
            [
                Problem(
                    str(votes),
                    None,
                    "",
                    f"needs {ROLL_CALLS[0]} (or .gz) beside it, for the dates of the roll calls",
                )
            ]
        )
    years = {}
    for line, row in delimited_rows(found, encoding, required=("rcid", "date"), dataset="unvotes roll calls"):
        assert isinstance(row, dict)
        try:
            years[row["rcid"].strip()] = PartialDate.parse(row["date"].strip()).year
        except ValueError:
            raise DataError([Problem(str(found), line, "date", f"{row['date']!r} is not a date")]) from None
    return years


def _country(register: Register, code: str, name: str) -> str | None:
    """The country of an ISO code, else of its name (``CS`` was Czechoslovakia's code, then Serbia and
    Montenegro's)."""
    for text in (code, name):
        try:
            if text:
                return register.resolve(text).code
        except UnknownCountryError:
            continue
    return None


def _agreements(year: int, ballots: dict[tuple[str, str], int]) -> Iterator[VoteAgreement]:
    """The pairs' agreement in one year's roll calls, counted as matrix products."""
    calls = sorted({call for call, _ in ballots})
    codes = sorted({code for _, code in ballots})
    column, row = {c: i for i, c in enumerate(calls)}, {c: i for i, c in enumerate(codes)}
    matrix = np.zeros((len(codes), len(calls)), dtype=np.int8)
    for (call, code), vote in ballots.items():
        matrix[row[code], column[call]] = vote
    voted = (matrix > 0).astype(np.int32)
    both = voted @ voted.T
    alike = sum((matrix == v).astype(np.int32) @ (matrix == v).astype(np.int32).T for v in VOTES.values())
    first, second = np.nonzero(np.triu(both, k=1))
    when = PartialDate(year)
    for i, j in zip(first.tolist(), second.tolist(), strict=True):
        yield VoteAgreement(
            countries=(codes[i], codes[j]),
            year=when,
            votes=int(both[i, j]),
            agreed=int(alike[i, j]),
            sources=(SOURCE.id,),
        )


UNVOTES = Importer(
    "unvotes",
    "UN General Assembly votes (unvotes: un_votes.csv with un_roll_calls.csv)",
    SOURCE,
    read_unvotes,
)
