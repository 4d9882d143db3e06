"""How many curated events each pair of countries has in each month, kept in step by every load.

A busy pair has a hundred thousand events in a large store; counting them, or finding the latest
fifty, by walking every event and its date takes seconds. So every curated event is also filed under
its pair's month (``id/dyad-month/AZ-CU-2021-05``, an event with only a year under ``...-2021``), and
each such month records its count (decision 0011):

    <event> bilat:inDyadMonth <month> .
    <month> a bilat:DyadMonth ; bilat:ofDyad <id/dyad/AZ-CU> ; bilat:month "2021-05" ;
            bilat:curatedEvents 412 .

The event's link is written with the event itself (``ntriples.record_lines``), so replacing the event
drops it. The counts belong to no record: ``count_changes`` works out, for the months a load touches,
the stored count minus the replaced events plus the new ones, and the load writes them in the same
atomic update as the records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from bilat.dates import PartialDate
from bilat.models import Event, Record
from bilat.namespaces import BILAT, mint_text
from bilat.store import Store

_PREFIXES = "PREFIX bilat: <https://w3id.org/bilat/ontology#>\n"
_BATCH = 2000


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


@dataclass(frozen=True)
class CountChanges:
    """What a load must do to the monthly counts: forget these months' old triples, write the text."""

    forget: list[str]
    text: str


def count_changes(store: Store, records: Iterable[Record], replaced: Sequence[str]) -> CountChanges:
    """The new counts of the months touched by loading ``records`` over the ``replaced`` subjects."""
    change: Counter[str] = Counter()
    for record in records:
        if isinstance(record, Event):
            change.update(dyad_month(a, b, month) for a, b, month in event_months(record))
    change.subtract(_filed_under(store, [s for s in replaced if "/event/" in s]))
    stored = _stored_counts(store, [iri for iri, difference in change.items() if difference])
    forget, lines = [], []
    for iri, difference in change.items():
        if not difference:
            continue  # as many events left the month as joined it
        total = stored.get(iri, 0) + difference
        if iri in stored:
            forget.append(iri)
        if total > 0:
            lines.append(month_lines(iri, total))
    return CountChanges(forget, "".join(lines))


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


def _filed_under(store: Store, events: Sequence[str]) -> Counter[str]:
    """How many of ``events`` are filed under each month, as the store has them now."""
    counts: Counter[str] = Counter()
    for start in range(0, len(events), _BATCH):
        values = " ".join(f"<{e}>" for e in events[start : start + _BATCH])
        query = f"SELECT ?m WHERE {{ VALUES ?e {{ {values} }} ?e bilat:inDyadMonth ?m }}"
        counts.update(str(m) for (m,) in store.values(_PREFIXES + query).rows)
    return counts


def _stored_counts(store: Store, months: Sequence[str]) -> dict[str, int]:
    """The stored counts of those ``months`` the store has."""
    if not months or not store.values(_PREFIXES + "SELECT ?m WHERE { ?m a bilat:DyadMonth } LIMIT 1").rows:
        return {}
    counts: dict[str, int] = {}
    for start in range(0, len(months), _BATCH):
        values = " ".join(f"<{m}>" for m in months[start : start + _BATCH])
        query = f"SELECT ?m ?n WHERE {{ VALUES ?m {{ {values} }} ?m bilat:curatedEvents ?n }}"
        counts.update((str(m), int(str(n))) for m, n in store.values(_PREFIXES + query).rows)
    return counts
