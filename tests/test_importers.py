"""Importers on small fixtures of every format (tests/data) and, where present, on the real samples."""

from decimal import Decimal

import pytest
from conftest import FIXTURES, SHARED, graph_of
from rdflib.compare import isomorphic

from bilat.errors import DataError
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples
from bilat.importers import IMPORTERS, run_import
from bilat.model.dates import PartialDate
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register


def run(store, name, file, **options):
    return run_import(store, IMPORTERS[name], [FIXTURES / file], bundled_register(), **options)


def one(store, kind, key):
    [record] = fetch_records(store, [mint(kind, key)])
    return record


def test_cow_diplomatic_exchange_makes_directed_levels_by_year(small_store):
    summary = run(small_store, "cow-diplomatic", "cow_de_sample.csv")
    assert (summary.rows, summary.used, dict(summary.skipped)) == (
        12,
        9,
        {
            "COW number unknown": 1,
            "disagrees with the mirror row": 1,
            "representation level not one of 0, 1, 2, 3, 9": 1,
        },
    )
    assert str(summary.examples["disagrees with the mirror row"][0]) == (
        f"{FIXTURES / 'cow_de_sample.csv'}:12: disagrees with the mirror row: "
        "GE in AZ 2005: minister here, ambassador at line 4"
    )
    ambassadors = one(small_store, "representation", "az-ge.ambassador")
    assert ambassadors.years == (PartialDate(2000), PartialDate(2005))
    assert one(small_store, "representation", "es-az.other").years == (PartialDate(2000),)
    assert one(small_store, "representation", "az-es.none").years == (
        PartialDate(1995),
        PartialDate(2000),
        PartialDate(2005),
    )


def test_desta_gathers_dyads_into_agreements(small_store):
    summary = run(small_store, "desta", "desta_sample.csv")
    assert (summary.rows, summary.used, dict(summary.skipped)) == (10, 9, {"unknown ISO numeric code": 1})
    cis = one(small_store, "agreement", "desta-244")
    assert (cis.title, cis.parties, str(cis.signed)) == (
        "Commonwealth of Independent States (CIS)",
        ("AZ", "GE"),
        "1994",
    )
    assert one(small_store, "agreement", "desta-10").parties == ("AL", "XK")
    accession = one(small_store, "agreement", "desta-3plus1")
    assert (accession.kind.value, accession.in_force, accession.status.value) == ("accession", None, "signed")
    assert one(small_store, "agreement", "desta-777").title == "Côte d’Ivoire Ghana"


def test_desta_read_as_utf8_names_the_line(small_store):
    with pytest.raises(DataError, match=r"desta_sample.csv:11: is not valid utf-8; pass --encoding"):
        run(small_store, "desta", "desta_sample.csv", encoding="utf-8")


def test_embassies_resolve_qids_and_the_holy_see(small_store, tmp_path):
    path = tmp_path / "embassies.csv"
    header = (
        "operator;operatorQID;jurisdictions;jurisdictionQIDs;country;countryQID;city;cityQID;address;latitude;"
        "longitude;phone;email;website;facebook;twitter;youtube;picture;pictureAuthor;pictureLicense;"
        "pictureLicenseURL;type;typeQID;creation;QID;"
    )
    wd = "http://www.wikidata.org/entity/"
    rows = [
        f"Albania;{wd}Q222;Vatican City;{wd}Q237;Italy;{wd}Q38;Rome;;;;;;;;;;;;;;;embassy;;"
        f"1993-01-01T00:00:00Z;{wd}Q56326894;",
        f"Albania;{wd}Q222;Italy|Malta;{wd}Q38|{wd}Q233;Italy;{wd}Q38;Rome;;;;;;;;;;;;;;;embassy;;;{wd}Q102867257;",
        f"European Union;{wd}Q458;Cuba;{wd}Q241;Cuba;{wd}Q241;Havana;;;;;;;;;;;;;;;delegation;;;{wd}Q1;",
        f"Cuba;{wd}Q241;;;Azerbaijan;{wd}Q227;Baku;;;;;;;;;;;;;;;embassy;;2007-10-12T00:00:00Z;{wd}Q2;",
    ]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    summary = run_import(small_store, IMPORTERS["embassies"], [path], bundled_register())
    assert (summary.rows, summary.used, dict(summary.skipped)) == (4, 3, {"operator is not a state": 1})
    assert one(small_store, "organization", "al-va-embassy-rome").opened == PartialDate(1993)
    assert one(small_store, "organization", "al-it-embassy-rome").wikidata == "Q102867257"
    assert one(small_store, "organization", "cu-az-embassy-baku").opened == PartialDate(2007, 10, 12)


def test_gdelt_keeps_interstate_events_of_every_width(small_store):
    summary = run(small_store, "gdelt", "gdelt_sample.tsv")
    assert (summary.rows, summary.used, dict(summary.skipped)) == (
        7,
        5,
        {
            "not an event between two states": 1,
            "unexpected number of columns": 1,
        },
    )
    event = one(small_store, "event", "gdelt-564443032")
    assert (event.countries, event.source_country, event.cameo_code) == (("RU", "US"), "US", "163")
    assert (event.goldstein, event.place_country, event.kind.value) == (Decimal("-8.0"), "RU", "other")
    assert event.mentions == 4 and len(event.sources) == 2
    wide = one(small_store, "event", "gdelt-800000001")
    assert wide.place_country == "RU" and wide.cameo_code == "051"
    costa_rica = one(small_store, "event", "gdelt-1552889")
    assert costa_rica.kind.value == "meeting" and costa_rica.place_country == "US"  # FIPS US, not ISO


def test_cameo_codebook_splits_the_merged_line(small_store):
    summary = run(small_store, "cameo", "cameo_sample.txt")
    assert (summary.rows, summary.used, dict(summary.skipped)) == (
        13,
        12,
        {"quad class, not a CAMEO code": 1},
    )
    assert one(small_store, "cameo", "1056").label == "Demand de-escalation of military engagement"
    withdrawal = one(small_store, "cameo", "106")
    assert (withdrawal.label, withdrawal.goldstein, withdrawal.broader) == (
        "Demand withdrawal",
        Decimal("-5.0"),
        "10",
    )


def test_cow_states_agree_with_the_bundled_register(small_store):
    before = graph_of(small_store)
    summary = run(small_store, "cow-states", "cow_states_sample.csv")
    assert summary.rows == summary.used == 13
    assert summary.load.new_records == 0
    assert isomorphic(graph_of(small_store), before)


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("cow-diplomatic", "cow_de_sample.csv"),
        ("desta", "desta_sample.csv"),
        ("gdelt", "gdelt_sample.tsv"),
        ("cameo", "cameo_sample.txt"),
    ],
)
def test_reimporting_changes_nothing(small_store, name, file):
    run(small_store, name, file)
    before = graph_of(small_store)
    again = run(small_store, name, file)
    assert again.load.triples_added == 0 and again.load.new_records == 0
    assert isomorphic(graph_of(small_store), before)


@pytest.mark.parametrize(
    ("name", "file", "line"),
    [
        ("cow-diplomatic", "cow_de_sample.csv", 11),
        ("desta", "desta_sample.csv", 10),
        ("gdelt", "gdelt_sample.tsv", 7),
    ],
)
def test_strict_mode_refuses_the_file_and_changes_nothing(small_store, name, file, line):
    before = count_triples(small_store)
    with pytest.raises(DataError, match=rf"{file}:{line}: "):
        run(small_store, name, file, strict=True)
    assert count_triples(small_store) == before


REAL = {
    "cow-states": "cow/states2016.csv",
    "cow-diplomatic": "cow/Diplomatic_Exchange_2006v1_ccode1_372-373.csv",
    "desta": "desta/desta_list_of_treaties_02_01_dyads.csv",
    "embassies": "database-of-embassies/database_of_embassies.csv",
    "gdelt": "gdelt-reed9999-gdelt-demo/events.csv",
    "cameo": "cameo/CAMEO.eventcodes.txt",
}
OWN = {
    "cow-states": "cow_states_sample.csv",
    "cow-diplomatic": "cow_de_sample.csv",
    "desta": "desta_sample.csv",
    "gdelt": "gdelt_sample.tsv",
    "cameo": "cameo_sample.txt",
}


def test_every_row_of_every_sample_is_imported_or_explained(small_store):
    """The project's fixtures always; the real samples in ../shared/realdata wherever they are present."""
    samples = [(name, FIXTURES / file) for name, file in OWN.items()]
    samples += [(name, SHARED / path) for name, path in REAL.items() if (SHARED / path).is_file()]
    for name, path in samples:
        summary = run_import(small_store, IMPORTERS[name], [path], bundled_register())
        assert summary.rows == summary.used + summary.skipped_rows, path
        lines = sum(1 for line in path.read_bytes().splitlines() if line.strip(b" ,\t\r"))
        header = 0 if name == "gdelt" else 1
        assert summary.rows == lines - header, path


FIXTURE_OF = {
    "cow-diplomatic": "cow_de_sample.csv",
    "cow-states": "cow_states_sample.csv",
    "desta": "desta_sample.csv",
    "gdelt": "gdelt_sample.tsv",
    "cameo": "cameo_sample.txt",
}


@pytest.mark.parametrize("name", sorted(FIXTURE_OF))
def test_every_row_that_made_nothing_is_reported_with_its_line_and_reason(small_store, name):
    import csv
    import io

    from bilat.importers.base import REPORT_COLUMNS

    report = io.StringIO()
    summary = run(small_store, name, FIXTURE_OF[name], report=report)
    rows = list(csv.DictReader(io.StringIO(report.getvalue())))
    assert tuple(csv.reader(io.StringIO(report.getvalue())).__next__()) == REPORT_COLUMNS
    skipped = [r for r in rows if r["outcome"] == "skipped"]
    assert len(skipped) == summary.skipped_rows == summary.rows - summary.used
    assert len(rows) - len(skipped) == sum(summary.dropped.values())
    for reason, count in summary.skipped.items():
        assert sum(r["reason"] == reason for r in skipped) == count
        assert 1 <= len(summary.examples[reason]) <= 3
    lines = (FIXTURES / FIXTURE_OF[name]).read_text(encoding="utf-8", errors="replace").splitlines()
    assert all(1 <= int(r["line"]) <= len(lines) for r in skipped)


def test_the_embassies_report_accounts_for_every_row_of_the_real_file(small_store, tmp_path):
    import csv

    real = SHARED / "database-of-embassies" / "database_of_embassies.csv"
    if not real.exists():
        pytest.skip("the real sample is not on this machine")
    from bilat import api

    report = tmp_path / "skipped.csv"
    summary = api.import_files(small_store, "embassies", [real], report=report)
    rows = list(csv.DictReader(report.open(encoding="utf-8", newline="")))
    assert summary.rows == summary.used + len(rows) and len(rows) == summary.skipped_rows == 521
