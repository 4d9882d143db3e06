"""One record per thing: what several articles, or an article and the store, say about the same
source, event, mission, person or fact becomes one record with all their sources.

- Records with the same key (the same person's slug, the same pair's relation, the same meeting's
  id) are one record; their sources are joined.
- An extracted source is the stored source with the same URL, or the same publisher and title; an
  extracted person the stored person one of whose spellings (name or other names, without case)
  is the extracted name without accents ("Teymur Musaev" is ``teymur-musayev``).
- An extracted event is the stored event of the same pair and kind on a date that agrees with its
  own (2022-10 agrees with 2022-10-07); a mission the stored
  mission of the same sending state, host and kind; a count or a trade figure the stored one with
  the same pair and value; each only when exactly one matches. Evidence follows the fact it
  supports.
- A record the store already holds keeps its stored values and gains the new sources: a curated
  record is never overwritten by an extraction.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable

from rdflib import XSD, Literal, Node, URIRef

from bilat.graph.read import fetch_records
from bilat.model.dataset import (
    Dataset,
    DiplomaticMission,
    Event,
    Evidence,
    Person,
    PostHolding,
    Record,
    ReportedCount,
    Source,
    TradeFigure,
    dataset_of,
)
from bilat.model.dates import PartialDate
from bilat.queries import query_text
from bilat.rdf.namespaces import dyad, key_of, mint
from bilat.rdf.triples import iri_of
from bilat.store import Store


def resolved(records: Iterable[Record], store: Store | None = None) -> Dataset:
    """``records`` with duplicates joined, and matched to what ``store`` holds when given."""
    joined = _joined(records)
    if store is None:
        return dataset_of(list(joined.values()))
    sources = {
        record.id: found
        for record in joined.values()
        if isinstance(record, Source)
        and (found := _one(store, query_text("internal/same-source"), _source_terms(record)))
    }
    persons = {
        record.id: key_of(found, "person")
        for record in joined.values()
        if isinstance(record, Person)
        and (found := _one(store, query_text("internal/same-person"), {"name": Literal(_fold(record.name))}))
    }
    renamed = [(record, _with_persons(_citing(record, sources), persons)) for record in joined.values()]
    moved = {str(iri_of(old)): str(iri_of(new)) for old, new in renamed}
    joined = _joined(_follow(moved, [new for _, new in renamed]))
    published = {r.id: r.published for r in joined.values() if isinstance(r, Source) and r.published}
    same = {
        str(iri_of(record)): found
        for record in joined.values()
        if (query := _match_query(record, published)) and (found := _one(store, *query))
    }
    stored = {str(iri_of(r)): r for r in fetch_records(store, [URIRef(same.get(i, i)) for i in joined])}
    merged = [_with_sources(stored.get(same.get(iri, iri)), record) for iri, record in joined.items()]
    return dataset_of(list(_joined(_follow(same, merged)).values()))


def _joined(records: Iterable[Record]) -> dict[str, Record]:
    found: dict[str, Record] = {}
    for record in records:
        iri = str(iri_of(record))
        found[iri] = _with_sources(found.get(iri), record)
    return found


def _with_sources(old: Record | None, new: Record) -> Record:
    if old is None or type(old) is not type(new):
        return new
    sources = tuple(sorted({*old.sources, *new.sources}))
    return old if sources == old.sources else old.model_copy(update={"sources": sources})


def _one(store: Store, query: str, bindings: dict[str, Node]) -> str | None:
    """The one record ``query`` finds, or None when it finds none or several."""
    found = {str(row["found"]) for row in store.select(query, bindings).rows}
    return found.pop() if len(found) == 1 else None


def _source_terms(source: Source) -> dict[str, Node]:
    return {
        "url": Literal(source.url or "-"),
        "publisher": Literal(source.publisher or "-"),
        "title": Literal(source.title or "-"),
    }


def _citing(record: Record, sources: dict[str, str]) -> Record:
    """The record, citing stored sources by their ids (a source takes its stored id)."""
    ids = {old: key_of(new, "source") for old, new in sources.items()}
    if isinstance(record, Source):
        return record.model_copy(update={"id": ids.get(record.id, record.id)})
    cited = tuple(sorted({ids.get(s, s) for s in record.sources}))
    if cited == record.sources:
        return record
    return type(record).model_validate({**record.model_dump(), "sources": cited})


def _with_persons(record: Record, persons: dict[str, str]) -> Record:
    """The record naming stored persons by their ids (a person spelt another way takes the stored id)."""
    if not persons:
        return record
    if isinstance(record, Person) and record.id in persons:
        return record.model_copy(update={"id": persons[record.id]})
    if isinstance(record, PostHolding) and record.person in persons:
        return PostHolding.model_validate({**record.model_dump(), "person": persons[record.person]})
    if isinstance(record, Event) and set(record.participants) & set(persons):
        participants = [persons.get(p, p) for p in record.participants]
        return Event.model_validate({**record.model_dump(), "participants": participants})
    return record


def _fold(name: str) -> str:
    """A name as the store's names are compared with it: lower case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


def _follow(moved: dict[str, str], records: Iterable[Record]) -> list[Record]:
    """Evidence pointing at the new IRI of each fact that moved (``moved``: old IRI -> new)."""
    followed = []
    for record in records:
        target = moved.get(str(mint("fact", record.fact))) if isinstance(record, Evidence) else None
        if isinstance(record, Evidence) and target is not None:
            record = Evidence.model_validate({**record.model_dump(), "fact": key_of(target, "fact")})
        followed.append(record)
    return followed


def _match_query(record: Record, published: dict[str, PartialDate]) -> tuple[str, dict[str, Node]] | None:
    """The query that finds the stored record ``record`` would be, if it is of a kind matched by value.

    An event dated by its article's publication (the text gave no date) may have happened up to a
    week before: a republication three days later still reports the same meeting."""
    if isinstance(record, Event):
        a, b = record.countries[:2]
        kind = mint("event-kind", record.kind.value)
        since = "9999"
        if record.date.day is not None and record.date in {published.get(s) for s in record.sources}:
            since = str(record.date.earliest - dt.timedelta(days=7))
        bindings: dict[str, Node] = {
            "dyad": dyad(a, b),
            "kind": kind,
            "day": Literal(str(record.date)),
            "since": Literal(since),
        }
        return query_text("internal/same-event"), bindings
    if isinstance(record, DiplomaticMission):
        return query_text("internal/same-mission"), {
            "sending": mint("country", record.sending),
            "host": mint("country", record.host),
            "kind": mint("mission-kind", record.kind.value),
        }
    if isinstance(record, ReportedCount):
        a, b = record.countries
        return query_text("internal/same-count"), {
            "a": mint("country", a),
            "b": mint("country", b),
            "counted": Literal(record.counted),
            "count": Literal(record.count),
        }
    if isinstance(record, TradeFigure) and record.period_end is None:
        return query_text("internal/same-trade"), {
            "reporter": mint("country", record.reporter),
            "partner": mint("country", record.partner),
            "flow": mint("trade-flow", record.flow.value),
            "day": Literal(str(record.period)),
            "currency": Literal(record.currency),
            "amount": Literal(record.amount, datatype=XSD.decimal),
        }
    return None
