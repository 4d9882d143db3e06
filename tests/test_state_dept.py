"""The Office of the Historian importers (rdcr, pocom, travels, visits) and the crosswalk of the State
Department's country ids: small fixtures with the quirks (tests/data/state_dept), the real files in
../shared/realdata where present, the bundled file rebuilt from them, and two dossiers checked by hand
against the source files."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED, graph_of
from rdflib.compare import isomorphic

from bilat.api import pair_ties
from bilat.errors import DataError
from bilat.files.bundled import data_dir
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples
from bilat.importers import IMPORTERS, run_import
from bilat.importers.statexml import CROSSWALK_FILE, Crosswalk, read_crosswalk
from bilat.model.dates import PartialDate
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register

HERE = FIXTURES / "state_dept"
REAL = SHARED / "state-dept-history"
FILES = {
    "state-rdcr": sorted((HERE / "rdcr").glob("*.xml")),
    "state-pocom": [HERE / "pocom" / "missions-countries" / "russia.xml"],
    "state-travels": [HERE / "travels" / "secretary.xml"],
    "state-visits": [HERE / "visits" / "1990.xml"],
}


def run(store, name, **options):
    return run_import(store, IMPORTERS[name], FILES[name], bundled_register(), **options)


def one(store, kind, key):
    [record] = fetch_records(store, [mint(kind, key)])
    return record


def test_the_crosswalk_gives_each_id_the_state_of_the_day():
    crosswalk = Crosswalk(read_crosswalk(data_dir() / CROSSWALK_FILE))
    assert crosswalk.country("russia", PartialDate(1809, 7, 14))[0] == "XRUS"
    assert crosswalk.country("russia", PartialDate(1933, 11, 16))[0] == "SUHH"
    assert crosswalk.country("russia", PartialDate(1991, 12, 26))[0] == "RU"  # the newer state's day
    assert crosswalk.country("russia", PartialDate(1991, 12, 25))[0] == "SUHH"
    assert crosswalk.country("czechoslovakia-1993", PartialDate(1950))[0] == "CSHH"
    assert crosswalk.country("german-democratic-republic", PartialDate(1980))[0] == "DDDE"
    assert crosswalk.country("cuba", None)[0] == "CU"
    assert crosswalk.country("russia", PartialDate(1920)) == (
        None,
        "date outside the states the id stood for",
        "russia on 1920: RU 1991-12-26/…, SUHH 1922-12-30/1991-12-26, XRUS …/1917",
    )
    code, reason, detail = crosswalk.country("korea", PartialDate(1882))
    assert (code, reason) == (None, "country id not mapped to the register")
    assert detail.startswith("korea: ISO code XB is not in the register")  # KR or KP: never guessed


def test_rdcr_reads_the_day_from_the_text_and_the_state_of_the_day(small_store):
    summary = run(small_store, "state-rdcr")
    assert (summary.rows, summary.used) == (8, 4)
    assert dict(summary.skipped) == {
        "country id not mapped to the register": 1,
        "not an entry on relations or missions": 1,
        "date outside the states the id stood for": 1,
        "no date in the heading or the text": 1,
    }
    established = one(small_store, "event", "state-rdcr-russia-1809-07-14-relations-established")
    assert (established.kind.value, established.countries, established.sources) == (
        "relations_established",
        ("US", "XRUS"),
        ("state-dept-rdcr-russia",),
    )
    # the heading says 1917; the first sentence that speaks of the interruption gives the day
    assert one(small_store, "event", "state-rdcr-russia-1917-11-07-relations-severed").date == PartialDate(
        1917, 11, 7
    )
    empire = one(small_store, "relation", "us-xrus")
    assert (str(empire.established), empire.status.value, str(empire.ended)) == (
        "1809-07-14",
        "suspended",
        "1917-11-07",
    )
    assert str(one(small_store, "relation", "suhh-us").established) == "1933-11-16"
    russia = one(small_store, "relation", "ru-us")
    assert (str(russia.established), russia.status.value, russia.ended) == ("1991-12-31", "active", None)
    page = one(small_store, "source", "state-dept-rdcr-russia")
    assert (page.url, page.kind.value) == ("https://history.state.gov/countries/russia", "web_page")


def test_pocom_holdings_have_their_posts_persons_and_partial_dates(small_store):
    summary = run(small_store, "state-pocom")
    assert (summary.rows, summary.used) == (5, 2)
    assert dict(summary.skipped) == {
        "date outside the states the id stood for": 1,
        "person not in the people files": 1,
        "unreadable date": 1,
    }
    bullitt = one(small_store, "holding", "bullitt-william-christian.us-ambassador-to-suhh.1933-12-13")
    assert (str(bullitt.appointed), str(bullitt.start), bullitt.end) == ("1933-11", "1933-12-13", None)
    assert (
        one(small_store, "post", "us-ambassador-to-suhh").title == "Ambassador of the United States to USSR"
    )
    assert one(small_store, "person", "bullitt-william-christian").name == "William Christian Bullitt, Jr."
    adams = one(small_store, "holding", "adams-john-quincy.us-minister-plenipotentiary-to-xrus.1809-11-05")
    assert (str(adams.appointed), str(adams.end)) == ("1809-06-27", "1814-04-28")
    assert one(small_store, "post", "us-minister-plenipotentiary-to-xrus").country == "US"


def test_travels_and_visits_are_visits_with_their_participants(small_store):
    trips = run(small_store, "state-travels")
    assert (trips.rows, trips.used, dict(trips.skipped)) == (
        4,
        2,
        {"duplicate of an earlier trip": 1, "country id not mapped to the register": 1},
    )
    baku = one(small_store, "event", "state-secretary-trip-1")
    assert (baku.kind.value, baku.source_country, baku.target_country, baku.place) == (
        "visit",
        "US",
        "AZ",
        "Baku",
    )
    assert baku.participants == ("baker-james-addison",)
    assert one(small_store, "event", "state-secretary-trip-3").countries == ("SUHH", "US")
    visits = run(small_store, "state-visits")
    assert (visits.rows, visits.used, dict(visits.skipped)) == (
        5,
        4,
        {"country id not mapped to the register": 1},
    )
    aliyev = one(small_store, "event", "state-visit-10")
    assert (aliyev.source_country, aliyev.target_country, aliyev.participants) == (
        "AZ",
        "US",
        ("az-heydar-aliyev",),
    )
    assert one(small_store, "person", "az-heydar-aliyev").name == "Heydar Aliyev"
    # two spellings of one name make two persons rather than records that disagree
    assert one(small_store, "event", "state-visit-11").participants == ("mx-gustavo-diaz-ordaz-5c0223",)
    assert one(small_store, "event", "state-visit-12").participants == ("mx-gustavo-diaz-ordaz",)
    assert one(small_store, "event", "state-visit-14").participants == ()  # no leader named by title and name


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_second_import_changes_nothing(small_store, name):
    run(small_store, name)
    before = graph_of(small_store)
    again = run(small_store, name)
    assert again.load.triples_added == 0 and again.load.new_records == 0
    assert isomorphic(graph_of(small_store), before)


@pytest.mark.parametrize(
    ("name", "file", "line"),
    [("state-rdcr", "korea.xml", 4), ("state-pocom", "russia.xml", 23), ("state-visits", "1990.xml", 27)],
)
def test_strict_mode_refuses_everything_at_the_first_bad_row(small_store, name, file, line):
    before = count_triples(small_store)
    with pytest.raises(DataError, match=rf"{file}:{line}: "):
        run(small_store, name, strict=True)
    assert count_triples(small_store) == before


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_row_that_made_nothing_is_in_the_report(small_store, name):
    report = io.StringIO()
    summary = run(small_store, name, report=report)
    rows = list(csv.DictReader(io.StringIO(report.getvalue())))
    assert len(rows) == summary.skipped_rows == summary.rows - summary.used > 0
    for reason, count in summary.skipped.items():
        assert sum(r["reason"] == reason for r in rows) == count


def _unpacked(tmp_path: Path, name: str) -> Path:
    with tarfile.open(REAL / f"{name}.tar.gz") as archive:
        archive.extractall(tmp_path, filter="data")
    return tmp_path / name


def _count(paths: list[Path], tag: bytes) -> int:
    return sum(path.read_bytes().count(tag) for path in paths)


@pytest.mark.skipif(not REAL.is_dir(), reason="the real files are not on this machine")
def test_every_row_of_the_real_files_is_imported_or_explained(small_store, tmp_path):
    pocom = _unpacked(tmp_path, "pocom")
    real = {
        "state-rdcr": (sorted((REAL / "rdcr" / "articles").glob("*.xml")), b'<div type="timeline">'),
        "state-pocom": (sorted((pocom / "missions-countries").glob("*.xml")), b"<chief>"),
        "state-travels": (sorted((REAL / "travels").glob("*-travels/*.xml")), b"<trip "),
        "state-visits": (sorted((REAL / "visits" / "data").glob("*.xml")), b"<visit>"),
    }
    used = {}
    for name, (paths, tag) in real.items():
        summary = run_import(small_store, IMPORTERS[name], paths, bundled_register())
        assert summary.rows == summary.used + summary.skipped_rows == _count(paths, tag), name
        used[name] = summary.used
    # POCOM's John R. Bass in Turkey twice, once without an end: one holding, the end filled (decision 0024)
    assert used == {"state-rdcr": 760, "state-pocom": 5604, "state-travels": 4260, "state-visits": 3254}


@pytest.mark.skipif(not REAL.is_dir(), reason="the real files are not on this machine")
def test_the_bundled_files_are_what_the_script_makes_of_the_real_files(tmp_path):
    script = data_dir() / "build_state_dept.py"
    code = f"import sys; sys.path.insert(0, {str(script.parent)!r}); import build_state_dept as b; "
    code += f"from pathlib import Path; b.main(Path({str(REAL)!r}), Path({str(tmp_path)!r}))"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    for name in ("state-dept.jsonl", CROSSWALK_FILE):
        assert (tmp_path / name).read_bytes() == (data_dir() / name).read_bytes(), name


def _ties(store, a, b):
    return pair_ties(store, a, b, events=None)


def test_us_cuba_out_of_the_box_as_the_source_files_say(store):
    """rdcr/articles/cuba.xml, pocom missions-countries/cuba.xml, visits and travels, read by hand."""
    dossier = _ties(store, "US", "CU")
    [relation] = dossier.relations
    assert (str(relation.established), relation.status.value, relation.ended) == (
        "1902-05-27",
        "active",
        None,
    )
    changes = [
        (str(e.date), e.kind.value) for e in dossier.of("events") if e.kind.value.startswith("relations")
    ]
    assert changes == [
        ("1902-05-27", "relations_established"),
        ("1961-01-03", "relations_severed"),
        ("2015-07-20", "relations_established"),
    ]
    squiers = one(
        store,
        "holding",
        "squiers-herbert-goldsmith.us-envoy-extraordinary-and-minister-plenipotentiary-to-cu.1902-05-27",
    )
    assert (str(squiers.appointed), str(squiers.end)) == ("1902-05-20", "1905-12-02")
    assert one(store, "person", "squiers-herbert-goldsmith").name == "Herbert Goldsmith Squiers"
    havana = [e for e in dossier.of("events") if e.kind.value == "visit" and str(e.date) == "2016-03-20"]
    assert [(e.source_country, e.place, e.participants) for e in havana] == [
        ("US", "Havana", ("obama-barack",))
    ]


def test_us_azerbaijan_out_of_the_box_as_the_source_files_say(store):
    dossier = _ties(store, "US", "AZ")
    [relation] = dossier.relations
    assert (str(relation.established), relation.status.value) == ("1992-02-19", "active")
    events = {(str(e.date), e.kind.value) for e in dossier.of("events")}
    assert {
        ("1991-12-25", "other"),
        ("1992-02-19", "relations_established"),
        ("1992-03-16", "mission_opened"),
    } <= events
    assert ("1994-09-26", "visit") in events  # President Heydar Aliyev, visits/data/1990.xml
    assert ("1992-02-12", "visit") in events  # Secretary Baker in Baku, travels
    miles = one(store, "holding", "miles-richard-monroe.us-ambassador-to-az.1992-09-16")
    assert (str(miles.appointed), str(miles.end)) == ("1992-08-11", "1993-11-15")
    assert one(store, "post", "us-ambassador-to-az").title == "Ambassador of the United States to Azerbaijan"


def test_us_russia_out_of_the_box_as_the_source_files_say(store):
    """rdcr/articles/russia.xml, pocom missions-countries/russia.xml, travels and visits, read by hand:
    one dossier holds the Russian Empire's, the USSR's and Russia's ties with the United States, each
    in its state's years (data/continuators.csv); an earlier state's dossier holds no later state's."""
    dossier = _ties(store, "US", "RU")
    relations = [(str(r.established), r.status.value, str(r.ended), r.countries) for r in dossier.relations]
    assert relations == [
        ("1809-07-14", "suspended", "1917-11-07", ("US", "XRUS")),  # Dashkov's credentials; the Revolution
        ("1933-11-16", "active", "None", ("SUHH", "US")),  # Roosevelt to Litvinov: relations resumed
        ("1991-12-31", "active", "None", ("RU", "US")),  # Yeltsin's answer to President Bush
    ]
    events = {(str(e.date), e.kind.value, e.countries) for e in dossier.of("events")}
    assert {
        ("1809-11-05", "mission_opened", ("US", "XRUS")),  # Adams presents his credentials
        ("1898-02-11", "mission_opened", ("US", "XRUS")),  # the legation raised to an embassy
        ("1933-12-13", "mission_opened", ("SUHH", "US")),  # Bullitt presents his credentials to Kalinin
        ("1991-12-25", "other", ("SUHH", "US")),  # the Russian Federation recognized as the successor
        ("1959-09-15", "visit", ("SUHH", "US")),  # Premier Khrushchev, visits/data/1950.xml
        ("1988-05-29", "visit", ("SUHH", "US")),  # President Reagan in Moscow, travels
    } <= events
    [reagan] = [e for e in dossier.of("events") if e.id == "state-president-trip-2957"]
    assert (reagan.place, reagan.participants, dossier.pair_of(reagan).codes) == (
        "Moscow",
        ("reagan-ronald",),
        ("SUHH", "US"),
    )
    kennan = one(store, "holding", "kennan-george-frost.us-ambassador-to-suhh.1952-05-14")
    assert (str(kennan.appointed), str(kennan.end)) == ("1952-03-14", "1952-09-19")  # persona non grata
    adams = one(store, "holding", "adams-john-quincy.us-minister-plenipotentiary-to-xrus.1809-11-05")
    assert (str(adams.appointed), str(adams.end)) == ("1809-06-27", "1814-04-28")
    held = {o.tenure.holding.key: dossier.pair_of(o) for o in dossier.officials}
    assert held[kennan.key].codes == ("SUHH", "US") and held[adams.key].codes == ("XRUS", "US")
    ussr = _ties(store, "US", "SUHH")
    assert [(str(r.established), r.countries) for r in ussr.relations] == [
        ("1809-07-14", ("US", "XRUS")),
        ("1933-11-16", ("SUHH", "US")),
    ]
    empire = _ties(store, "US", "XRUS")
    assert [(str(r.established), r.status.value) for r in empire.relations] == [("1809-07-14", "suspended")]
