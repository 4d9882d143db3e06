"""One fact, many sources (decision 0024): the same fact from two files is one fact citing both; where
the sources give different values both stay, each with its source, and the dossier shows it; a source
that says something new replaces what it said before; re-loading changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from conftest import FIXTURES
from rdflib import Graph
from rdflib.compare import isomorphic

from bilat.dossier.build import Dossier, ties
from bilat.dossier.render import render_json, render_markdown, render_text
from bilat.errors import DataError
from bilat.files.bundled import data_dir
from bilat.files.formats import Format
from bilat.graph.export import whole_store
from bilat.graph.validate import validate_store
from bilat.graph.write import load_files
from bilat.importers import IMPORTERS, Importer, Skip, run_import
from bilat.model.dataset import BilateralRelation, Event, Person, Record, Source
from bilat.model.dates import PartialDate
from bilat.register import bundled_register
from bilat.store import EmbeddedStore, Store

MFA = "sources: [{id: mfa, kind: web_page, title: Ministry of Foreign Affairs}]\n"
DATASET = "sources: [{id: dataset, kind: dataset, title: A dataset}]\n"
CLAIM = "https://w3id.org/bilat/ontology#Claim"
SOURCE = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
SOURCES = "https://w3id.org/bilat/id/source/"


@pytest.fixture(scope="module")
def countries() -> bytes:
    memory = EmbeddedStore(None)
    load_files(memory, [data_dir() / "countries.jsonl"])
    return memory.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS)


@pytest.fixture
def store(countries: bytes) -> Iterator[Store]:
    """An in-memory store holding the countries only."""
    memory = EmbeddedStore(None)
    memory.oxigraph.load(countries, format=pyoxigraph.RdfFormat.N_QUADS)
    yield memory
    memory.close()


@pytest.fixture
def fresh(countries: bytes) -> Iterator[Store]:
    """A second such store, to compare with."""
    memory = EmbeddedStore(None)
    memory.oxigraph.load(countries, format=pyoxigraph.RdfFormat.N_QUADS)
    yield memory
    memory.close()


def _file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _relation(folder: Path, name: str, source: str, established: str, head: str) -> Path:
    line = f"  - {{countries: [AZ, CU], established: {established}, sources: [{source}]}}\n"
    return _file(folder, name, head + "relations:\n" + line)


def _dossier(store: Store) -> Dossier:
    register = bundled_register()
    return ties(store, register.resolve("AZ"), register.resolve("CU"))


def _export(store: Store) -> bytes:
    return whole_store(store, Format.NTRIPLES)


def _claims(store: Store) -> int:
    return len(store.values(f"SELECT ?c WHERE {{ ?c a <{CLAIM}> }}").rows)


def _relation_line(store: Store) -> str:
    text = render_text(_dossier(store))
    return text.split("Diplomatic relations\n")[1].splitlines()[0].strip()


# -- the same fact from two sources ----------------------------------------------------------------


def test_the_same_fact_from_two_files_is_one_fact_citing_both(store, fresh, tmp_path):
    one = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    two = _relation(tmp_path, "dataset.yaml", "dataset", "1992-03-27", DATASET)
    load_files(store, [one, two])
    dossier = _dossier(store)
    assert [r.sources for r in dossier.relations] == [("dataset", "mfa")]
    assert _relation_line(store) == "established 1992-03-27; active  [1, 2]"
    assert _claims(store) == 0  # the sources agree: nothing more is stored
    load_files(fresh, [two])  # across two loads, in the other order: the same graph
    load_files(fresh, [one])
    assert _export(fresh) == _export(store)


def test_a_source_that_leaves_a_field_empty_joins_the_one_that_gives_it(store, tmp_path):
    dated = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    undated = _file(
        tmp_path, "dataset.yaml", DATASET + "relations: [{countries: [CU, AZ], sources: [dataset]}]\n"
    )
    load_files(store, [dated])
    load_files(store, [undated])
    assert [(r.established, r.sources) for r in _dossier(store).relations] == [
        (PartialDate(1992, 3, 27), ("dataset", "mfa"))
    ]
    assert _relation_line(store) == "established 1992-03-27; active  [1, 2]"  # no disagreement
    corrected = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-26", MFA)
    load_files(store, [corrected])  # the date is the ministry's alone: its correction is the value
    assert _dossier(store).relations[0].established == PartialDate(1992, 3, 26)


# -- sources that disagree ---------------------------------------------------------------------------


@pytest.mark.parametrize("loads", [1, 2], ids=["one-load", "two-loads"])
def test_two_dates_both_stay_each_with_its_source_and_the_dossier_shows_them(store, tmp_path, loads):
    one = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    two = _relation(tmp_path, "dataset.yaml", "dataset", "1992-03-26", DATASET)
    if loads == 1:
        load_files(store, [two, one])
    else:
        load_files(store, [two])
        load_files(store, [one])
    dossier = _dossier(store)
    # equally precise, one source each: the value of the source that sorts first is the main one
    assert [(r.established, r.sources) for r in dossier.relations] == [
        (PartialDate(1992, 3, 26), ("dataset", "mfa"))
    ]
    assert _relation_line(store) == (
        "established 1992-03-26; active  [1, 2]  "
        "(sources differ: established 1992-03-26 according to [1]; 1992-03-27 according to [2])"
    )
    assert "(sources differ: established 1992-03-26 according to [1]; 1992-03-27 according to [2])" in (
        render_markdown(dossier)
    )
    [relation] = json.loads(render_json(dossier))["relations"]
    assert relation["established"] == "1992-03-26"
    assert relation["disagreements"] == [
        {
            "field": "established",
            "values": [
                {"value": "1992-03-26", "sources": ["dataset"]},
                {"value": "1992-03-27", "sources": ["mfa"]},
            ],
        }
    ]
    assert _claims(store) == 2
    assert validate_store(store) == []


def test_the_finer_date_is_the_main_one_and_a_coarser_date_within_it_is_no_disagreement(store, tmp_path):
    year = _relation(tmp_path, "mfa.yaml", "mfa", "1992", MFA)
    day = _relation(tmp_path, "dataset.yaml", "dataset", "1992-03-27", DATASET)
    load_files(store, [year, day])
    assert _relation_line(store) == "established 1992-03-27; active  [1, 2]"
    other_year = _relation(tmp_path, "mfa.yaml", "mfa", "1991", MFA)
    load_files(store, [other_year])
    assert _relation_line(store) == (
        "established 1992-03-27; active  [1, 2]  "
        "(sources differ: established 1992-03-27 according to [1]; 1991 according to [2])"
    )


def test_an_event_dated_differently_is_one_event_filed_under_its_main_date(store, tmp_path):
    event = (
        "events:\n  - {{id: visit, kind: visit, date: {date}, countries: [AZ, CU], sources: [{source}]}}\n"
    )
    load_files(store, [_file(tmp_path, "mfa.yaml", MFA + event.format(date="2021-05-04", source="mfa"))])
    load_files(
        store, [_file(tmp_path, "dataset.yaml", DATASET + event.format(date="2021-06-01", source="dataset"))]
    )
    dossier = _dossier(store)
    assert dossier.event_count == 1
    assert [e.event.date for e in dossier.events] == [PartialDate(2021, 6, 1)]
    text = render_text(dossier)
    assert "(sources differ: date 2021-06-01 according to [1]; 2021-05-04 according to [2])" in text
    assert dossier.event_count == len(_dossier(store).events)


def test_a_set_holds_what_any_source_gives_and_a_source_can_take_back_its_own(store, tmp_path):
    people = "persons: [{id: ann, name: Ann}, {id: bob, name: Bob}]\n"
    event = "events:\n  - {{id: talks, kind: meeting, date: 2021, countries: [AZ, CU], participants: {who}, "
    event += "sources: [{source}]}}\n"
    both = _file(tmp_path, "mfa.yaml", MFA + people + event.format(who="[ann, bob]", source="mfa"))
    one = _file(tmp_path, "dataset.yaml", DATASET + event.format(who="[ann]", source="dataset"))
    load_files(store, [both, one])
    [entry] = _dossier(store).events
    assert (entry.event.participants, entry.event.sources) == (("ann", "bob"), ("dataset", "mfa"))
    assert "sources differ" not in render_text(_dossier(store))  # a set is joined, not disputed
    load_files(store, [_file(tmp_path, "mfa.yaml", MFA + people + event.format(who="[ann]", source="mfa"))])
    assert [e.event.participants for e in _dossier(store).events] == [("ann",)]
    assert _claims(store) == 0


def test_claims_are_exported_and_read_back_and_held_to_their_shape(store, tmp_path):
    load_files(store, [_relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)])
    load_files(store, [_relation(tmp_path, "dataset.yaml", "dataset", "1992-03-26", DATASET)])
    expected = Graph().parse(data=_export(store), format="nt")
    for format in (Format.TURTLE, Format.JSONLD):
        parsed = Graph().parse(data=whole_store(store, format), format=format.value)
        assert isomorphic(parsed, expected), format
    [claim] = store.values(f"SELECT ?c WHERE {{ ?c a <{CLAIM}> ; {SOURCE} <{SOURCES}mfa> }}").rows
    store.update(f"INSERT DATA {{ <{claim[0]}> {SOURCE} <{SOURCES}dataset> }}")
    assert [(v.focus, v.message) for v in validate_store(store)] == [(claim[0], "More than 1 values")]


# -- corrections and re-loads ------------------------------------------------------------------------


def test_a_source_correcting_itself_replaces_its_value_without_a_disagreement(store, fresh, tmp_path):
    one = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    two = _relation(tmp_path, "dataset.yaml", "dataset", "1992-03-26", DATASET)
    load_files(store, [one])
    load_files(store, [two])
    assert _claims(store) == 2
    corrected = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-26", MFA)
    load_files(store, [corrected])
    assert _relation_line(store) == "established 1992-03-26; active  [1, 2]"
    assert _claims(store) == 0
    load_files(fresh, [corrected, two])
    assert _export(store) == _export(fresh)


def test_a_single_source_correcting_itself_replaces_its_record(store, tmp_path):
    load_files(store, [_relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)])
    load_files(store, [_relation(tmp_path, "mfa.yaml", "mfa", "1993", MFA)])
    assert _relation_line(store) == "established 1993; active  [1]"


def test_reloading_either_file_changes_nothing(store, tmp_path):
    one = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    two = _relation(tmp_path, "dataset.yaml", "dataset", "1992-03-26", DATASET)
    load_files(store, [one])
    load_files(store, [two])
    before = _export(store)
    for again in ([one], [two], [one, two]):
        summary = load_files(store, again)
        assert summary.triples_added == 0
        assert _export(store) == before


def test_reloading_the_bundled_dossier_changes_nothing(store):
    files = [data_dir() / "areas.yaml", data_dir() / "azerbaijan-cuba.yaml"]
    load_files(store, files)
    before = _export(store)
    load_files(store, files)
    assert _export(store) == before


# -- what is refused ---------------------------------------------------------------------------------


def test_one_source_saying_two_things_in_one_load_is_refused_naming_both_places(store, tmp_path):
    one = _relation(tmp_path, "one.yaml", "mfa", "1992-03-27", MFA)
    two = _file(
        tmp_path, "two.yaml", "relations:\n  - {countries: [AZ, CU], established: 1992, sources: [mfa]}\n"
    )
    before = _export(store)
    with pytest.raises(DataError) as info:
        load_files(store, [one, two])
    assert [str(p) for p in info.value.problems] == [
        f"{two}:2: relations[0]: relation 'az-cu' is also defined, differently, at {one}:3; "
        "keep one of the two"
    ]
    assert _export(store) == before


def test_a_record_of_another_type_under_the_same_iri_is_refused(store, tmp_path):
    """A mission's key is also its organization's id: the two cannot be joined."""
    body = "organizations: [{id: cu-az-embassy-baku, name: Embassy, kind: other}]\n"
    mission = "missions: [{sending: CU, host: AZ, kind: embassy, city: Baku, sources: [mfa]}]\n"
    one, two = _file(tmp_path, "one.yaml", body), _file(tmp_path, "two.yaml", MFA + mission)
    with pytest.raises(DataError) as info:
        load_files(store, [one, two])
    assert [str(p) for p in info.value.problems] == [
        f"{two}:2: missions[0]: mission 'cu-az-embassy-baku' is also defined, differently, at {one}:1; "
        "keep one of the two"
    ]


def test_statements_that_make_no_valid_record_together_are_refused_with_file_and_line(store, tmp_path):
    people = (
        "persons: [{id: ann, name: Ann}]\n"
        "posts: [{id: envoy, title: Envoy}]\n"
        "holdings:\n"
        "  - {person: ann, post: envoy, start: 2000, appointed: 2005, sources: [mfa]}\n"
        "  - {person: ann, post: envoy, start: 2000, end: 2003, sources: [mfa]}\n"
    )
    path = _file(tmp_path, "people.yaml", MFA + people)
    before = _export(store)
    with pytest.raises(DataError) as info:
        load_files(store, [path])
    [problem] = info.value.problems
    assert str(problem).startswith(
        f"{path}:5: holdings[0]: holding 'ann.envoy.2000': its sources' statements"
    )
    assert str(problem).endswith("; correct one of the statements")
    assert _export(store) == before


def test_a_dangling_reference_in_a_second_statement_is_refused(store, tmp_path):
    one = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    event = "events:\n  - {id: visit, kind: visit, date: 2021, countries: [AZ, CU], sources: [mfa]}\n"
    other = event.replace("sources: [mfa]", "participants: [nobody], sources: [dataset]")
    first, second = _file(tmp_path, "a.yaml", MFA + event), _file(tmp_path, "b.yaml", DATASET + other)
    with pytest.raises(
        DataError, match=r"b.yaml:3: events\[0\].participants: person 'nobody' is not defined"
    ):
        load_files(store, [one, first, second])


# -- importers ---------------------------------------------------------------------------------------


def test_the_state_department_and_kdiplo_give_one_relation_of_korea_and_the_us_with_both_dates(store):
    """Real rows: the State Department dates South Korea's relations with the United States to the day
    Ambassador Chang presented his credentials, 25 March 1949; kdiplo (from Korea's foreign ministry)
    to 1882, the treaty of Joseon Korea with the United States."""
    load_files(store, [FIXTURES / "sources" / "state-dept-kr-us.jsonl"])
    run_import(store, IMPORTERS["kdiplo"], [FIXTURES / "sources" / "kdiplo-kr-us.csv"], bundled_register())
    register = bundled_register()
    dossier = ties(store, register.resolve("KR"), register.resolve("US"))
    [relation] = dossier.relations
    assert (relation.established, relation.sources) == (
        PartialDate(1949, 3, 25),
        ("kdiplo-ties", "state-dept-rdcr-korea-south"),
    )
    assert render_text(dossier).split("Diplomatic relations\n")[1].splitlines()[0] == (
        "  established 1949-03-25; active  [1, 2]  "
        "(sources differ: established 1949-03-25 according to [2]; 1882 according to [1])"
    )


def _rows(records: dict[int, list[Record] | Skip]) -> Importer:
    source = Source(id="rows", kind="dataset", title="Rows")

    def read(path: Path, register: object, encoding: str) -> Iterator[tuple[int, list[Record] | Skip]]:
        yield from records.items()

    return Importer("rows", "rows of records", source, read)  # type: ignore[arg-type]


def _person(name: str, sources: tuple[str, ...], country: str | None = None) -> Person:
    return Person(id="ann", name=name, country=country, sources=sources)


def test_an_import_joins_rows_as_a_load_does_and_refuses_a_row_that_contradicts_its_source(store, tmp_path):
    other = Source(id="other", kind="dataset", title="Other")
    rows = {
        2: [other],
        3: [_person("Ann", ("rows",))],
        4: [_person("Ann", ("rows",), "AZ")],  # the same source fills the country: joined
        5: [_person("Anne", ("other",))],  # another source, another name: both kept
        6: [_person("Anna", ("rows",))],  # the first source says another name: refused
    }
    path = tmp_path / "rows.txt"
    summary = run_import(store, _rows(rows), [path], bundled_register())
    assert (summary.used, dict(summary.skipped)) == (4, {"conflicts with an earlier row": 1})
    assert str(summary.examples["conflicts with an earlier row"][0]) == (
        f"{path}:6: conflicts with an earlier row: person 'ann', first at rows.txt:3"
    )
    person = store.values(
        "SELECT ?name ?country WHERE { <https://w3id.org/bilat/id/person/ann> "
        "<https://schema.org/name> ?name ; <https://schema.org/nationality> ?country }"
    ).rows
    # one source each: the name of the source that sorts first, the country that only "rows" gives
    assert person == [("Anne", "https://w3id.org/bilat/id/country/AZ")]
    assert _claims(store) > 0  # what "other" says of the name stays
    with pytest.raises(DataError, match=r"rows.txt:6: conflicts with an earlier row"):
        run_import(store, _rows(rows), [path], bundled_register(), strict=True)


def test_records_of_two_kinds_keep_their_own_rules(store, tmp_path):
    """A relation and an event of the same pair are different records: nothing joins them."""
    relation = _relation(tmp_path, "mfa.yaml", "mfa", "1992-03-27", MFA)
    event = "events:\n  - {id: e, kind: relations_established, date: 1992-03-26, countries: [AZ, CU],"
    event += " sources: [dataset]}\n"
    load_files(store, [relation, _file(tmp_path, "dataset.yaml", DATASET + event)])
    dossier = _dossier(store)
    assert [type(f) for f in dossier.facts] == [BilateralRelation, Event]
    assert dossier.disagreements == {}
