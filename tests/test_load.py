from pathlib import Path

import pytest
from conftest import SMALL_DATA, graph_of
from rdflib.compare import isomorphic

from bilat.errors import DataError, StoreError
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.graph.write import count_triples, load_files
from bilat.rdf.triples import dataset_triples
from bilat.store import EmbeddedStore

DOSSIER = data_dir() / "azerbaijan-cuba.yaml"


def test_loading_twice_changes_nothing(small_store):
    before = graph_of(small_store)
    summary = load_files(small_store, [data_dir() / name for name in SMALL_DATA])
    assert summary.triples_added == 0
    assert summary.new_records == 0 and summary.replaced_records == sum(summary.records.values())
    assert isomorphic(graph_of(small_store), before)


def test_file_order_does_not_matter():
    first, second = EmbeddedStore(None), EmbeddedStore(None)
    files = [data_dir() / "countries.jsonl", data_dir() / "areas.yaml", DOSSIER]
    load_files(first, files)
    load_files(second, list(reversed(files)))
    assert isomorphic(graph_of(first), graph_of(second))


def test_a_bad_file_changes_nothing_and_names_file_line_and_field(small_store, tmp_path):
    store = small_store
    before = graph_of(store)
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sources: [{id: s, kind: news_article}]\n"
        "trade:\n  - {flow: turnover, reporter: AZ, partner: CU, period: 2022,\n"
        "     amount: -5, currency: USD, sources: [s]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_files(store, [DOSSIER, bad])
    assert [str(p) for p in info.value.problems] == [f"{bad}:4: trade[0].amount: must not be negative"]
    assert isomorphic(graph_of(store), before)


def test_a_dangling_reference_is_refused(store, tmp_path):
    path = tmp_path / "dangling.yaml"
    path.write_text(
        "sources: [{id: s, kind: dataset}]\n"
        "events:\n  - id: e\n    kind: visit\n    date: 2023\n    countries: [AZ, XX]\n"
        "    participants: [nobody]\n    sources: [s]\n",
        encoding="utf-8",
    )
    before = count_triples(store)
    with pytest.raises(DataError) as info:
        load_files(store, [path])
    assert [str(p) for p in info.value.problems] == [
        f"{path}:6: events[0].countries: country 'XX' is not defined in the data or the store; "
        "add it or correct the reference",
        f"{path}:7: events[0].participants: person 'nobody' is not defined in the data or the store; "
        "add it or correct the reference",
    ]
    assert count_triples(store) == before


def test_conflicting_duplicates_are_refused(store, tmp_path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text("persons: [{id: p, name: Ann}]\n", encoding="utf-8")
    two.write_text("persons:\n  - {id: p, name: Anne}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"two.yaml:2: persons\[0\]: person 'p' is also defined"):
        load_files(store, [one, two])


def test_a_corrected_record_replaces_the_old_one(store, tmp_path):
    path = tmp_path / "fix.yaml"
    path.write_text("persons: [{id: teymur-musayev, name: Teymur Musayev, country: AZ}]\n", encoding="utf-8")
    summary = load_files(store, [path])
    assert summary.replaced_records == 1
    rows = store.select(
        "SELECT ?n WHERE { <https://w3id.org/bilat/id/person/teymur-musayev> "
        "<https://schema.org/alternateName> ?n }"
    )
    assert rows.rows == []


def test_on_disk_store_keeps_data_readers_share_it_and_a_writer_waits_for_none(tmp_path: Path):
    store_dir = tmp_path / "disk"
    first = EmbeddedStore(store_dir)
    load_files(first, [DOSSIER.parent / "areas.yaml"])
    second = EmbeddedStore(store_dir)  # a second reader opens at once
    assert count_triples(second) == count_triples(first) > 0
    with pytest.raises(StoreError, match="busy"):  # but may not write while the first has it open
        second.update("INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }")
    assert count_triples(second) == count_triples(first)
    second.close()
    first.close()
    reopened = EmbeddedStore(store_dir)
    areas = read_file(DOSSIER.parent / "areas.yaml").dataset.records()
    assert count_triples(reopened) == len(set(dataset_triples(areas)))


def test_long_loads_report_progress(empty_store, tmp_path):
    path = tmp_path / "people.jsonl"
    lines = [f'{{"type": "person", "id": "p{i}", "name": "Person {i}"}}' for i in range(20000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    summary = load_files(empty_store, [path], lambda stage, done, total: seen.append((stage, done, total)))
    assert summary.records == {"person": 20000}
    assert seen == [
        ("reading people.jsonl", 10000, 20000),
        ("reading people.jsonl", 20000, 20000),
        ("reading", 1, 1),
        ("writing", 0, 20000),
        ("writing", 20000, 20000),
    ]
