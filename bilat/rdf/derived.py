"""Triples bilat derives from records rather than states: the pair-month each curated event is filed
under (decision 0011), written by the load with the event itself."""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from bilat.model.dataset import Event
from bilat.model.dates import PartialDate
from bilat.rdf.namespaces import BILAT, mint_text


def month_key(date: PartialDate) -> str:
    """``2021-05`` for any day of May 2021; ``2021`` for a date known only to the year."""
    return f"{date.year:04d}" if date.month is None else f"{date.year:04d}-{date.month:02d}"


def event_months(event: Event) -> list[tuple[str, str, str]]:
    """(first code, second code, month) under which a curated event is filed; none for a coded one."""
    if event.cameo_code:
        return []
    month = month_key(event.date)
    return [(a, b, month) for a, b in combinations(sorted(event.countries), 2)]


@lru_cache(maxsize=500_000)
def dyad_month(a: str, b: str, month: str) -> str:
    """The IRI (as text) of the month of a pair."""
    return mint_text("dyad-month", f"{a}-{b}-{month}")


def month_lines(iri: str, count: int) -> str:
    """The triples of a month of a pair with ``count`` curated events."""
    a, b, month = iri.rsplit("/", 1)[1].split("-", 2)  # country codes have no hyphen
    subject = f"<{iri}>"
    return (
        f"{subject} <{BILAT.ofDyad}> <{mint_text('dyad', f'{a}-{b}')}> .\n"
        f'{subject} <{BILAT.month}> "{month}" .\n'
        f'{subject} <{BILAT.curatedEvents}> "{count}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
        f"{subject} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{BILAT.DyadMonth}> .\n"
    )
