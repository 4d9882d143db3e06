"""The kdiplo importers (Korea's diplomatic ties and trade) and the AidData ones (China's public diplomacy
counts and finance projects): small fixtures with their quirks (tests/data/kdiplo, tests/data/aiddata;
the Kosovo, Nowhere and Atlantis rows and a few figures there are made up to exercise a rule), the real
files in ../shared/realdata where present, the bundled files rebuilt from them, and the Cuba-South Korea
dossier checked by hand against diplo_ties_data.csv."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import pytest
from conftest import FIXTURES, SHARED, graph_of
from rdflib.compare import isomorphic

from bilat.api import pair_ties
from bilat.errors import DataError
from bilat.files.bundled import data_dir
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples
from bilat.importers import IMPORTERS, Skip, run_import
from bilat.model.dates import PartialDate
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register

FILES = {
    "kdiplo": FIXTURES / "kdiplo" / "diplo_ties_sample.csv",
    "kdiplo-trade": FIXTURES / "kdiplo" / "trade_sample.csv",
    "aiddata-diplomacy": FIXTURES / "aiddata" / "public_diplomacy_sample.csv",
    "aiddata-projects": FIXTURES / "aiddata" / "projects_sample.csv",
}
REAL = {
    "kdiplo": SHARED / "kdiplo" / "diplo_ties_data.csv",
    "kdiplo-trade": SHARED / "kdiplo" / "trade_data.csv",
    "aiddata-diplomacy": SHARED / "aiddata-china-public-diplomacy" / "ChinesePublicDiplomacy.csv",
    "aiddata-projects": SHARED
    / "aiddata-china-public-diplomacy"
    / "ChineseFinancialPublicDiplomacyProjectDetails.csv",
}
BUILT = ("kdiplo.jsonl", "kdiplo-trade.jsonl", "aiddata-china.jsonl")


def run(store, name, **options):
    return run_import(store, IMPORTERS[name], [FILES[name]], bundled_register(), **options)


def one(store, kind, key):
    [record] = fetch_records(store, [mint(kind, key)])
    return record


def absent(store, kind, key):
    return fetch_records(store, [mint(kind, key)]) == []


def test_kdiplo_collapses_the_years_of_each_pair_into_its_relation_and_events(small_store):
    summary = run(small_store, "kdiplo")
    assert (summary.rows, summary.used) == (25, 16)
    assert dict(summary.skipped) == {
        "no relations that year and no year of establishment": 3,
        "unreadable year": 1,
        "cut before it was established": 1,
        "the year's diplomatic_ties contradicts the pair's years": 1,
        "dated outside the partner's existence": 1,
        "partner not in the register": 1,
        "ties, a cut or a re-establishment without a year of establishment": 1,
    }
    assert str(summary.examples["unreadable year"][0]).endswith(
        ":9: unreadable year: year '19x9' is not a year"
    )
    assert dict(summary.dropped) == {"the pair's rows disagree on the years": 1}
    assert str(summary.examples["the pair's rows disagree on the years"][0]).endswith(
        "KR-TW: established 1949, cut 1992, re-established NA; established 1949, cut 1993, re-established NA"
    )
    assert summary.load.records == {"event": 10, "relation": 7, "source": 1}
    cuba = one(small_store, "relation", "cu-kr")
    assert (cuba.established, cuba.status.value, cuba.ended) == (PartialDate(1949), "active", None)
    changes = [
        one(small_store, "event", f"kdiplo-cu-kr-{key}")
        for key in ("1949-relations-established", "1958-relations-cut", "2024-relations-re-established")
    ]
    assert [(str(e.date), e.kind.value, e.title) for e in changes] == [
        ("1949", "relations_established", "South Korea and Cuba establish diplomatic relations"),
        ("1958", "relations_severed", "South Korea and Cuba cut diplomatic relations"),
        ("2024", "relations_established", "South Korea and Cuba re-establish diplomatic relations"),
    ]
    malaysia = one(small_store, "relation", "kp-my")  # cut in 2016 and not restored
    assert (malaysia.status.value, malaysia.ended) == ("severed", PartialDate(2016))
    assert one(small_store, "relation", "kp-na").established == PartialDate(1990)  # NA is Namibia's code
    assert one(small_store, "relation", "kr-xk").established == PartialDate(2011)  # XKX, by its iso2c
    assert one(small_store, "relation", "fj-kr").established == PartialDate(1970)  # the other row agrees
    assert absent(small_store, "relation", "kr-tw") and absent(small_store, "relation", "kp-uy")
    assert (
        one(small_store, "source", "kdiplo-ties").url
        == "https://github.com/kjayhan/kdiplo/tree/effe9591/data-raw"
    )


def test_kdiplo_trade_cites_kosis_or_cow_in_current_dollars(small_store):
    summary = run(small_store, "kdiplo-trade")
    assert (summary.rows, summary.used) == (10, 5)
    assert dict(summary.skipped) == {
        "no export or import figure": 1,
        "dated outside the partner's existence": 1,
        "a figure that is neither the KOSIS nor the COW one": 1,
        "unreadable year or amount": 1,
        "partner not in the register": 1,
    }
    assert summary.load.records == {"source": 2, "trade": 10}
    early = one(small_store, "trade", "kr-cu.import.1949.usd.kdiplo-trade-cow")
    assert (early.amount, early.flow.value, early.reporter, early.partner) == (
        Decimal(2200000),
        "import",
        "KR",
        "CU",
    )
    assert one(small_store, "trade", "kr-cu.export.2010.usd.kdiplo-trade-kosis").amount == Decimal(62737000)
    assert absent(small_store, "trade", "kr-cu.export.2010.usd.kdiplo-trade-cow")  # the COW figure beside
    assert one(small_store, "trade", "kr-be.export.1962.usd.kdiplo-trade-cow").amount == Decimal("285306.90")
    assert one(small_store, "trade", "kr-ru.export.1991.usd.kdiplo-trade-kosis").amount == Decimal(625080000)
    assert "COW" in one(small_store, "source", "kdiplo-trade-cow").title


def test_aiddata_counts_are_what_was_reported_and_na_is_not_zero(small_store):
    summary = run(small_store, "aiddata-diplomacy")
    assert (summary.rows, summary.used) == (7, 3)
    assert dict(summary.skipped) == {
        "nothing reported that year": 1,
        "total_elite_visits is not government_visits plus military_visits": 1,
        "unreadable year or count": 1,
        "partner not in the register": 1,
    }
    assert summary.load.records == {"count": 23, "source": 1}
    source = "aiddata-china-public-diplomacy-2-0"
    students = one(small_store, "count", f"cn-kr.chinese-students-in-south-korea.2015.{source}")
    assert (students.count, students.as_of, students.countries) == (34513, PartialDate(2015), ("CN", "KR"))
    assert (
        one(small_store, "count", f"af-cn.confucius-institutes-opened-in-the-year.2008.{source}").count == 1
    )
    assert (
        one(small_store, "count", f"af-cn.sister-city-ties-established-in-the-year.2008.{source}").count == 0
    )
    assert absent(small_store, "count", f"af-cn.military-visits-in-the-year.2008.{source}")  # "N/A"
    assert one(small_store, "count", f"cn-kp.students-from-north-korea-in-china.2009.{source}").count == 865


def test_aiddata_projects_are_aid_from_china_in_the_year_of_commitment(small_store):
    summary = run(small_store, "aiddata-projects")
    assert (summary.rows, summary.used) == (6, 4)
    assert dict(summary.skipped) == {
        "the recipient's ISO codes disagree": 1,
        "unreadable year or amount": 1,
    }
    loan = one(small_store, "event", "aiddata-pd-32031")
    assert (loan.kind.value, loan.date, loan.source_country, loan.target_country) == (
        "aid",
        PartialDate(2000),
        "CN",
        "KH",
    )
    assert loan.title == "China EXIM Bank concessional loan for Construction of Textile Factory"
    assert loan.description == (
        "AidData project 32031; Loan (excluding debt rescheduling) (ODA-like); Infrastructure "
        "Investments; sector: Industry, Mining, Construction; status: Pipeline: Commitment; "
        "USD 6,039,738.46 (current)"
    )
    assert one(small_store, "event", "aiddata-pd-32016").description.endswith("; amount not given")
    assert one(small_store, "event", "aiddata-pd-35127").description.endswith("; year uncertain")


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_second_import_changes_nothing(small_store, name):
    run(small_store, name)
    before = graph_of(small_store)
    again = run(small_store, name)
    assert again.load.triples_added == 0 and again.load.new_records == 0
    assert isomorphic(graph_of(small_store), before)


@pytest.mark.parametrize(
    ("name", "line"), [("kdiplo", 9), ("kdiplo-trade", 7), ("aiddata-diplomacy", 6), ("aiddata-projects", 8)]
)
def test_strict_mode_refuses_everything_at_the_first_bad_row(small_store, name, line):
    before = count_triples(small_store)
    with pytest.raises(DataError, match=rf"{FILES[name].name}:{line}: "):
        run(small_store, name, strict=True)
    assert count_triples(small_store) == before


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_row_that_made_nothing_is_in_the_report(small_store, name):
    report = io.StringIO()
    summary = run(small_store, name, report=report)
    rows = [row for row in csv.DictReader(io.StringIO(report.getvalue())) if row["outcome"] == "skipped"]
    assert len(rows) == summary.skipped_rows == summary.rows - summary.used > 0
    for reason, count in summary.skipped.items():
        assert sum(r["reason"] == reason for r in rows) == count


def _outcomes(name: str) -> tuple[int, int, Counter[str], Counter[str]]:
    """Rows, rows used, rows skipped and records not made, by reason, of a real file read through."""
    rows = used = 0
    skipped, dropped = Counter[str](), Counter[str]()
    for row, outcome in IMPORTERS[name].read(REAL[name], bundled_register(), "utf-8"):
        rows += bool(row)
        if isinstance(outcome, Skip):
            (skipped if row else dropped)[outcome.reason] += 1
        else:
            used += bool(row)
    return rows, used, skipped, dropped


@pytest.mark.skipif(not REAL["kdiplo"].is_file(), reason="the real files are not on this machine")
def test_every_row_of_the_real_kdiplo_files_is_used_or_explained():
    rows, used, skipped, dropped = _outcomes("kdiplo")
    assert (rows, used, dropped) == (31036, 22297, {})
    assert skipped == {
        "no relations that year and no year of establishment": 8449,
        "dated outside the partner's existence": 156,  # RUS for the USSR: North Korea 1948, South 1990
        "cut before it was established": 134,  # Uruguay (1966, cut 1965) and Fiji (1988, cut 1987)
    }
    rows, used, skipped, dropped = _outcomes("kdiplo-trade")
    assert (rows, used) == (16511, 13204)
    assert skipped == {"no export or import figure": 3270, "dated outside the partner's existence": 37}


@pytest.mark.skipif(not REAL["aiddata-diplomacy"].is_file(), reason="the real files are not on this machine")
def test_every_row_of_the_real_aiddata_files_is_used_or_explained():
    assert _outcomes("aiddata-diplomacy") == (741, 672, {"nothing reported that year": 69}, {})
    assert _outcomes("aiddata-projects") == (1308, 1308, {}, {})


@pytest.mark.skipif(not REAL["kdiplo"].is_file(), reason="the real files are not on this machine")
def test_the_bundled_files_are_what_the_script_makes_of_the_real_files(tmp_path):
    script = data_dir() / "build_korea_china.py"
    code = f"import sys; sys.path.insert(0, {str(script.parent)!r}); import build_korea_china as b; "
    code += f"from pathlib import Path; b.main(Path({str(SHARED)!r}), Path({str(tmp_path)!r}))"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    for name in BUILT:
        assert (tmp_path / name).read_bytes() == (data_dir() / name).read_bytes(), name


def test_cuba_and_south_korea_out_of_the_box_as_the_source_file_says(store):
    """diplo_ties_data.csv, South Korea and CUB: date 1949, cut_date 1958, reestablish_date 2024, and
    diplomatic_ties 1 from 1949 to 1958 and from 2024; trade_data.csv, CUB 2023: export 35679000
    (export_kosis 35679000)."""
    dossier = pair_ties(store, "South Korea", "Cuba", events=None)
    [relation] = dossier.relations
    assert (relation.established, relation.status.value, relation.ended) == (
        PartialDate(1949),
        "active",
        None,
    )
    changes = [(str(e.date), e.kind.value, e.title) for e in dossier.of("events")]
    assert changes == [
        ("1949", "relations_established", "South Korea and Cuba establish diplomatic relations"),
        ("1958", "relations_severed", "South Korea and Cuba cut diplomatic relations"),
        ("2024", "relations_established", "South Korea and Cuba re-establish diplomatic relations"),
    ]
    exports = {str(t.period): t.amount for t in dossier.of("trade") if t.flow.value == "export"}
    assert exports["2023"] == Decimal(35679000)


def test_the_bundled_data_keeps_one_relation_per_pair(store):
    # The State Department gives the day; kdiplo's year for the same relation is left out of the bundle.
    [relation] = pair_ties(store, "KR", "US").relations
    assert (str(relation.established), relation.sources) == ("1949-03-25", ("state-dept-rdcr-korea-south",))
    china = pair_ties(store, "CN", "KR", start="2015", end="2015")
    students = [c for c in china.of("counts") if c.counted == "Chinese students in South Korea"]
    assert [(c.count, str(c.as_of)) for c in students] == [(34513, "2015")]
