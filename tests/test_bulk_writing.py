"""The fast path of a large load: records written straight to N-Triples, the months of each pair's
events and their counts kept in step, the latest events read month by month, and Oxigraph's bulk
loader made all-or-nothing by a checkpoint."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from rdflib import Graph, URIRef

from bilat.api import open_bilat_store
from bilat.errors import StoreError
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.graph.event_index import latest_events
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples, load_files, load_records
from bilat.model.dataset import SECTIONS, Event, EventCode, Evidence
from bilat.model.dates import PartialDate
from bilat.rdf.derived import month_key
from bilat.rdf.namespaces import BILAT
from bilat.rdf.ntriples import record_lines
from bilat.rdf.triples import iri_of, record_triples
from bilat.store import EmbeddedStore
from bilat.store.checkpoint import checkpoint
from bilat.store.embedded import BULK_TRIPLES
from tests.test_rdf import events

FIXTURES = Path(__file__).parent / "data"
NT = pyoxigraph.RdfFormat.N_TRIPLES


def same_triples(record) -> bool:
    written = Graph().parse(data="".join(record_lines(record)), format="nt")
    return set(written) == set(record_triples(record))


def test_the_fast_writer_states_every_kind_of_record_as_rdflib_terms_do():
    records = [r for path in sorted(data_dir().glob("*.y*ml")) for r in read_file(path).dataset.records()]
    records += read_file(data_dir() / "countries.jsonl").dataset.records()
    records += read_file(FIXTURES / "network_world.yaml").dataset.records()
    records.append(EventCode(code="0311", label="Express intent to cooperate", broader="031", goldstein=5.2))
    records.append(
        Evidence(
            fact="event/az-cu-2022-meeting",
            quote='He said: "cooperation\\health"\nand more',
            start=10,
            end=52,
            method="rules-1.meeting",
            confidence="0.85",
            sources=["azernews-2022-10-az-cu-healthcare"],
        )
    )
    kinds = {type(r).__name__ for r in records}
    assert kinds == {record_type.__name__ for record_type in SECTIONS.values()}  # every record type
    for record in records:
        assert same_triples(record), record


@settings(max_examples=60, deadline=None)
@given(events())
def test_the_fast_writer_escapes_any_text_as_n_triples_requires(event):
    assert same_triples(Event.model_validate(event))


# -- the months of a pair's events ------------------------------------------------------------------

PAIRS = [("AZ", "CU"), ("AZ", "TR"), ("CU", "FR")]


def random_events(rng: random.Random, count: int, prefix: str) -> list[Event]:
    made = []
    for i in range(count):
        year = rng.randint(2018, 2021)
        date = rng.choice(
            [f"{year}", f"{year}-{rng.randint(1, 12):02d}", f"{year}-{rng.randint(1, 12):02d}-15"]
        )
        made.append(
            Event(
                id=f"{prefix}{i}",
                kind=rng.choice(["meeting", "visit"]),
                date=date,
                countries=list(rng.choice(PAIRS)),
                cameo_code=rng.choice([None, None, None, "042"]),
                sources=["azernews-2022-10-az-cu-healthcare"],
            )
        )
    return made


def stored_events(store) -> list[Event]:
    rows = store.values(f"SELECT ?e WHERE {{ ?e a <{BILAT.Event}> }}").rows
    return [r for r in fetch_records(store, [URIRef(str(e)) for (e,) in rows]) if isinstance(r, Event)]


def stored_months(store) -> dict[str, int]:
    rows = store.values(f"SELECT ?m ?n WHERE {{ ?m <{BILAT.curatedEvents}> ?n }}").rows
    return {str(m).rsplit("/", 1)[1]: int(str(n)) for m, n in rows}


def expected_months(held: dict[URIRef, Event]) -> dict[str, int]:
    counted: Counter[str] = Counter()
    for event in held.values():
        if not event.cameo_code:
            a, b = sorted(event.countries)
            counted[f"{a}-{b}-{month_key(event.date)}"] += 1
    return dict(counted)


def test_month_counts_follow_new_replaced_and_moved_events(tmp_path):
    store = open_bilat_store(tmp_path / "store")
    held = {iri_of(e): e for e in stored_events(store)}
    rng = random.Random(5)
    for round_number in range(6):
        batch = (
            random_events(rng, 40, "n") if round_number % 2 else random_events(rng, 40, f"r{round_number}-")
        )
        load_records(store, batch, "generated")
        held.update((iri_of(e), e) for e in batch)  # same ids again: moved to other pairs and months
        assert stored_months(store) == expected_months(held), round_number
    before = count_triples(store)
    load_records(store, batch, "generated")  # the same records again change nothing
    assert count_triples(store) == before
    assert stored_months(store) == expected_months(held)
    store.close()


def brute_force_latest(held, a, b, low, high, limit):
    """The pair's curated events in the window by reading every one, as the index must answer."""
    dated = [
        (str(e.date), str(iri_of(e)))
        for e in held.values()
        if not e.cameo_code
        and sorted(e.countries) == sorted((a, b))
        and str(e.date) <= high + "~"
        and str(e.date) + "~" >= low
    ]
    dated.sort(reverse=True)
    chosen = dated if limit is None else dated[:limit]
    return [iri for _, iri in chosen], len(dated)


WINDOWS = [
    (None, None),
    ("2019", "2020"),
    ("2019-03", "2020-07"),
    ("2019-03-20", "2020-07-10"),
    ("2020-07-15", "2020-07-15"),
    ("2021", None),
    (None, "2018-12"),
    ("2030", None),
]


def test_the_latest_events_read_by_month_are_those_of_reading_every_event(tmp_path):
    store = open_bilat_store(tmp_path / "store", seed=False)
    load_files(store, [data_dir()])
    batch = random_events(random.Random(9), 300, "w")
    load_records(store, batch, "generated")
    held = {iri_of(e): e for e in stored_events(store)}
    for start, end in WINDOWS:
        low, high = start or "", end or "9999"
        for limit in (None, 1, 7, 50):
            got = latest_events(
                store,
                "AZ",
                "TR",
                PartialDate.parse(start) if start else None,
                PartialDate.parse(end) if end else None,
                limit,
            )
            want_iris, want_count = brute_force_latest(held, "AZ", "TR", low, high, limit)
            assert got[1] == want_count, (start, end)
            # Events of the same day may come in either order at the cut: compare their dates.
            dates = {str(iri): str(e.date) for iri, e in held.items()}
            assert [dates[i] for i in got[0]] == [dates[i] for i in want_iris], (start, end, limit)
    store.close()


# -- bulk writes ------------------------------------------------------------------------------------


def people_file(path: Path, count: int) -> Path:
    lines = [f'{{"type": "person", "id": "bulk{i}", "name": "Person {i}"}}' for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_large_load_goes_through_the_bulk_loader_and_leaves_no_checkpoint(tmp_path):
    store = open_bilat_store(tmp_path / "store")
    before = count_triples(store)
    count = BULK_TRIPLES // 2 + 10  # two triples a person
    summary = load_files(store, [people_file(tmp_path / "people.jsonl", count)])
    assert summary.new_records == count and count_triples(store) == before + 2 * count
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.jsonl", "store"]


def test_an_unfinished_bulk_write_is_undone_when_the_store_is_opened_again(tmp_path):
    path = tmp_path / "store"
    store = open_bilat_store(path)
    before = count_triples(store)
    with store.writing(), pytest.raises(RuntimeError), checkpoint(store.oxigraph, path):
        store.oxigraph.bulk_load(b'<https://example.org/half> <https://example.org/p> "1" .\n', format=NT)
        raise RuntimeError("the process dies here")
    assert count_triples(store) == before + 1  # half a write is in the store ...
    assert (tmp_path / "store.undo").is_dir()
    store.close()
    reopened = EmbeddedStore(path)
    assert count_triples(reopened) == before  # ... and gone once it is opened again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    reopened.close()


class _FailingBulkLoads:
    """A pyoxigraph store whose bulk loader fails as on a full disk; everything else is the store's."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self._store = store

    def bulk_load(self, *args, **kwargs):
        raise OSError("No space left on device")

    def __getattr__(self, name):
        return getattr(self._store, name)


def test_a_failed_bulk_write_stops_the_store_until_it_is_reopened_as_before(tmp_path, monkeypatch):
    from bilat.store import embedded

    path = tmp_path / "store"
    store = open_bilat_store(path)
    before = count_triples(store)
    opened = embedded._open_oxigraph

    def failing_when_writable(path: Path | None, writable: bool = True) -> object:
        found = opened(path, writable)
        return _FailingBulkLoads(found) if writable else found

    monkeypatch.setattr(embedded, "_open_oxigraph", failing_when_writable)
    with pytest.raises(StoreError, match="No space left on device"):
        load_files(store, [people_file(tmp_path / "people.jsonl", BULK_TRIPLES // 2)])
    with pytest.raises(StoreError, match="failed half way; close the store and open it again"):
        count_triples(store)
    store.close()
    reopened = EmbeddedStore(path)
    assert count_triples(reopened) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.jsonl", "store"]
    reopened.close()
