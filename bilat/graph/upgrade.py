"""Keeping an existing store in step with what this version of bilat derives when it writes.

A store records the version of its derived triples under one bookkeeping node. Version 2 adds the
dyads of events (``bilat:dyad``, and ``bilat:codedDyad`` for machine-coded ones; decision 0009),
version 3 the months of each pair's curated events with their counts (decision 0011), version 4 the
list of bundled data files the store holds (``bundledData``; a store of version 3 gets every bundled
file again, once); a store written by an earlier version gets them the first time this version opens it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

from rdflib import XSD, Literal, URIRef

from bilat.model.dates import PartialDate
from bilat.queries import query_text
from bilat.rdf.derived import dyad_month, month_key, month_lines
from bilat.rdf.namespaces import BILAT, dyad, key_of, mint
from bilat.store import Store
from bilat.store.sparql import bind

STORE_FORMAT = 4
STORE_NODE = mint("store", "format")


def is_current(store: Store) -> bool:
    """Whether the store says it holds this version's derived triples."""
    rows = store.values(query_text("internal/store-format"), {"store": STORE_NODE}).rows
    return any(value == str(STORE_FORMAT) for (value,) in rows)


def mark_current(store: Store) -> None:
    format = Literal(STORE_FORMAT, datatype=XSD.integer)
    store.update(bind(query_text("internal/mark-store-format"), {"store": STORE_NODE, "format": format}))


def bundled_files(store: Store) -> set[str]:
    """The bundled data files the store holds, each as ``name:size`` (``bundled_mark``)."""
    rows = store.values(query_text("internal/bundled-data"), {"store": STORE_NODE}).rows
    return {line for (text,) in rows for line in str(text).splitlines() if line}


def bundled_mark(path: Path) -> str:
    """A bundled data file as the store remembers it: its name and size, which any new release of it
    changes."""
    return f"{path.name}:{path.stat().st_size}"


def mark_bundled(store: Store, marks: set[str]) -> None:
    files = Literal("\n".join(sorted(marks)))
    store.update(bind(query_text("internal/mark-bundled-data"), {"store": STORE_NODE, "files": files}))


def upgrade(store: Store) -> None:
    """Derive what an older store lacks, then record the new version.

    The dyads, the months events are filed under and the months' counts are worked out here from the
    events' countries, codes and dates and written in one update (deriving them in a SPARQL update
    took 513 s for a million events). Months already present are forgotten and counted afresh, so a
    run stopped before the mark is simply done again.
    """
    countries: dict[str, set[str]] = defaultdict(set)
    coded, dates = set(), {}
    for event, country, code, date in store.values(query_text("internal/events-to-upgrade")).rows:
        countries[str(event)].add(key_of(str(country), "country"))
        dates[str(event)] = PartialDate.parse(str(date))
        if code is not None:
            coded.add(str(event))
    lines, months = [], Counter[str]()
    for event, codes in countries.items():
        predicate = BILAT.codedDyad if event in coded else BILAT.dyad
        for a, b in combinations(sorted(codes), 2):
            lines.append(f"<{event}> <{predicate}> <{dyad(a, b)}> .\n")
            if event not in coded:
                month = dyad_month(a, b, month_key(dates[event]))
                lines.append(f"<{event}> <{BILAT.inDyadMonth}> <{month}> .\n")
                months[month] += 1
    stale = store.values(query_text("internal/dyad-months")).rows
    lines.extend(month_lines(month, count) for month, count in months.items())
    store.replace([URIRef(str(m)) for (m,) in stale], "".join(lines))
    mark_current(store)
