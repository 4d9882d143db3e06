"""A pair's curated events in a window: how many there are, and the latest of them.

Read through the months the events are filed under (``summaries``): months wholly inside the window
count by their stored count, the one or two months cut by its ends are read event by event, and only
as many of the latest months are opened as the events asked for need. A pair with 142,000 events
costs a few hundred month rows and one or two months of events, not 142,000 dates.
"""

from __future__ import annotations

from heapq import nlargest

from bilat.dates import PartialDate
from bilat.namespaces import dyad
from bilat.queries import stored_query
from bilat.store import Store
from bilat.summaries import dyad_month

_PREFIXES = "PREFIX bilat: <https://w3id.org/bilat/ontology#>\nPREFIX schema: <https://schema.org/>\n"
_BATCH = 500


def latest_events(
    store: Store, a: str, b: str, start: PartialDate | None, end: PartialDate | None, limit: int | None
) -> tuple[list[str], int]:
    """The IRIs of the pair's latest ``limit`` curated events dated in [start, end] (all when None),
    newest first, and how many there are in that window."""
    first, second = sorted((a, b))
    low, high = str(start or ""), str(end or "9999")
    whole: list[tuple[str, int]] = []
    cut: list[str] = []
    for filed, stored in store.values(stored_query("pair-months").text, {"dyad": dyad(first, second)}).rows:
        month = str(filed)
        if month + "~" < low or month > high + "~":
            continue  # every day of the month is outside the window
        if low <= month and month + "~" <= high + "~":
            whole.append((month, int(str(stored))))
        else:
            cut.append(month)
    rows = [row for row in _dated(store, first, second, cut) if row[1] <= high + "~" and row[1] + "~" >= low]
    count = len(rows) + sum(events for _, events in whole)
    opened: list[str] = []
    enough = 0
    for month, events in sorted(whole, reverse=True):
        if limit is not None and enough >= limit:
            break
        opened.append(month)
        enough += events
    rows += _dated(store, first, second, opened)
    chosen = sorted(rows, key=_newest, reverse=True) if limit is None else nlargest(limit, rows, key=_newest)
    return [event for event, _ in chosen], count


def _newest(row: tuple[str, str]) -> tuple[str, str]:
    return row[1], row[0]


def _dated(store: Store, a: str, b: str, months: list[str]) -> list[tuple[str, str]]:
    """(event IRI, date as text) of the pair's events filed under ``months``."""
    rows: list[tuple[str, str]] = []
    for start in range(0, len(months), _BATCH):
        values = " ".join(f"<{dyad_month(a, b, month)}>" for month in months[start : start + _BATCH])
        query = (
            f"SELECT ?event ?day WHERE {{ VALUES ?filed {{ {values} }} "
            "?event bilat:inDyadMonth ?filed ; schema:startDate ?date . BIND (STR(?date) AS ?day) }"
        )
        rows.extend((str(e), str(d)) for e, d in store.values(_PREFIXES + query).rows)
    return rows
