"""How many curated events each pair of countries has in each month, kept in step by every load.

A busy pair has a hundred thousand events in a large store; counting them, or finding the latest
fifty, by walking every event and its date takes seconds. So every curated event is also filed under
its pair's month (``id/dyad-month/AZ-CU-2021-05``, an event with only a year under ``...-2021``), and
each such month records its count (decision 0011):

    <event> bilat:inDyadMonth <month> .
    <month> a bilat:DyadMonth ; bilat:ofDyad <id/dyad/AZ-CU> ; bilat:month "2021-05" ;
            bilat:curatedEvents 412 .

The event's link is written with the event itself (``rdf.derived``), so replacing the event drops
it. The counts belong to no record: ``month_changes`` and ``counts_after`` work out, for the months
a load touches, the stored count minus the replaced events plus the new ones, and the load writes
them in the same atomic update as the records.

A pair's curated events in a window are read back through the same months (``latest_events``):
months wholly inside the window count by their stored count, the one or two months cut by its ends
are read event by event, and only as many of the latest months are opened as the events asked for
need. A pair with 142,000 events costs a few hundred month rows and one or two months of events.
Several pairs, each in its own dates (a dossier with the earlier states its countries continue), are
read the same way at once (``latest_events_of``), an event filed under two of them counted once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from heapq import nlargest

from bilat.model.dataset import Event, Record
from bilat.model.dates import PartialDate
from bilat.queries import query_text
from bilat.queries.run import stored_query
from bilat.rdf.derived import dyad_month, event_months, month_lines
from bilat.rdf.namespaces import dyad
from bilat.store import Store
from bilat.store.sparql import batched_values

_BATCH = 2000
_READ_BATCH = 500


@dataclass(frozen=True)
class CountChanges:
    """What a load must do to the monthly counts: forget these months' old triples, write the text."""

    forget: list[str]
    text: str


def month_changes(store: Store, records: Iterable[Record], replaced: Sequence[str]) -> Counter[str]:
    """How the count of each month changes when ``records`` replace the ``replaced`` subjects: a load
    in batches adds up its batches' changes (nothing is written before the last)."""
    change: Counter[str] = Counter()
    for record in records:
        if isinstance(record, Event):
            change.update(dyad_month(a, b, month) for a, b, month in event_months(record))
    change.subtract(_filed_under(store, [s for s in replaced if "/event/" in s]))
    return change


def counts_after(store: Store, change: Counter[str]) -> CountChanges:
    """What to write for the months of ``change``: their stored counts plus the change."""
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


def _filed_under(store: Store, events: Sequence[str]) -> Counter[str]:
    """How many of ``events`` are filed under each month, as the store has them now."""
    counts: Counter[str] = Counter()
    for query in batched_values(query_text("internal/filed-under"), "e", events, _BATCH):
        counts.update(str(m) for (m,) in store.values(query).rows)
    return counts


def _stored_counts(store: Store, months: Sequence[str]) -> dict[str, int]:
    """The stored counts of those ``months`` the store has."""
    if not months or not store.values(query_text("internal/any-dyad-month")).rows:
        return {}
    counts: dict[str, int] = {}
    for query in batched_values(query_text("internal/month-counts"), "m", months, _BATCH):
        counts.update((str(m), int(str(n))) for m, n in store.values(query).rows)
    return counts


def latest_events(
    store: Store, a: str, b: str, start: PartialDate | None, end: PartialDate | None, limit: int | None
) -> tuple[list[str], int]:
    """The IRIs of the pair's latest ``limit`` curated events dated in [start, end] (all when None),
    newest first, and how many there are in that window."""
    return latest_events_of(store, [PairPeriod(a, b, start, end)], limit)


@dataclass(frozen=True)
class PairPeriod:
    """A pair of countries (codes) and the dates [start, end] its events are counted in."""

    a: str
    b: str
    start: PartialDate | None = None
    end: PartialDate | None = None

    @property
    def bounds(self) -> tuple[str, str]:
        return str(self.start or ""), str(self.end or "9999")


def latest_events_of(store: Store, pairs: Sequence[PairPeriod], limit: int | None) -> tuple[list[str], int]:
    """``latest_events`` of several pairs, each in its own dates (a country and the state it continues
    with another); an event filed under two of them (it involves three countries) counts once.

    Such an event is filed under the same month in both pairs, so a month two of the pairs share is
    read event by event, like the months a window cuts; any other month counts by its stored count."""
    whole: list[tuple[str, int, int]] = []  # (month, events, which pair)
    cut: list[tuple[str, int]] = []
    for index, pair in enumerate(pairs):
        low, high = pair.bounds
        for filed, stored in store.values(
            stored_query("pair-months").text, {"dyad": dyad(pair.a, pair.b)}
        ).rows:
            month = str(filed)
            if month + "~" < low or month > high + "~":
                continue  # every day of the month is outside the window
            if low <= month and month + "~" <= high + "~":
                whole.append((month, int(str(stored)), index))
            else:
                cut.append((month, index))
    shared = {month for month, times in Counter(m for m, *_ in (*whole, *cut)).items() if times > 1}
    cut += [(month, index) for month, _, index in whole if month in shared]
    whole = [entry for entry in whole if entry[0] not in shared]
    found: dict[str, str] = {}
    for index, months in _by_pair(cut):
        low, high = pairs[index].bounds
        dated = _dated(store, pairs[index], months)
        found.update(row for row in dated if row[1] <= high + "~" and row[1] + "~" >= low)
    count = len(found) + sum(events for _, events, _ in whole)
    opened: list[tuple[str, int]] = []
    enough = 0
    for month, events, index in sorted(whole, reverse=True):
        if limit is not None and enough >= limit:
            break
        opened.append((month, index))
        enough += events
    for index, months in _by_pair(opened):
        found.update(_dated(store, pairs[index], months))
    rows = list(found.items())
    chosen = sorted(rows, key=_newest, reverse=True) if limit is None else nlargest(limit, rows, key=_newest)
    return [event for event, _ in chosen], count


def _by_pair(months: list[tuple[str, int]]) -> list[tuple[int, list[str]]]:
    """(which pair, its months) for (month, which pair) entries."""
    grouped: dict[int, list[str]] = {}
    for month, index in months:
        grouped.setdefault(index, []).append(month)
    return sorted(grouped.items())


def _newest(row: tuple[str, str]) -> tuple[str, str]:
    return row[1], row[0]


def _dated(store: Store, pair: PairPeriod, months: list[str]) -> list[tuple[str, str]]:
    """(event IRI, date as text) of the pair's events filed under ``months``."""
    rows: list[tuple[str, str]] = []
    first, second = sorted((pair.a, pair.b))
    filed = [dyad_month(first, second, month) for month in months]
    for query in batched_values(query_text("internal/events-filed-under"), "filed", filed, _READ_BATCH):
        rows.extend((str(e), str(d)) for e, d in store.values(query).rows)
    return rows
