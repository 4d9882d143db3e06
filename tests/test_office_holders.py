"""Post holdings with their dates: the REIGN and Archigos importers (fixtures with their quirks, and the
real files where present), the dossier's office holders, ``officials`` and ``person``."""

import csv
import io
import json

import pytest
from conftest import FIXTURES, SHARED, graph_of
from rdflib.compare import isomorphic

import bilat
from bilat.cli import app
from bilat.dossier.officials import Role, role_of
from bilat.dossier.render import render_json, render_markdown, render_text
from bilat.errors import DataError
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples, load_records
from bilat.importers import IMPORTERS, run_import
from bilat.model.dataset import Person, Post, PostHolding, Source
from bilat.model.dates import PartialDate
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register

FIXTURE = {"reign": "reign_sample.csv", "archigos": "archigos_sample.csv"}
REAL = {"reign": "reign/leaderlist_3_21.csv", "archigos": "archigos/Archigos_4.1.csv"}


def run(store, name, path=None, **options):
    return run_import(
        store, IMPORTERS[name], [path or FIXTURES / FIXTURE[name]], bundled_register(), **options
    )


def one(store, kind, key):
    [record] = fetch_records(store, [mint(kind, key)])
    return record


def test_reign_reads_partial_dates_mixed_encodings_and_reports_every_skip(small_store):
    summary = run(small_store, "reign")
    assert (summary.rows, summary.used) == (11, 7)
    assert dict(summary.skipped) == {
        "same leader and dates as an earlier row under another id": 1,
        "implausible year": 1,
        "ends before it starts": 1,
        "COW number unknown": 1,
    }
    assert str(summary.examples["same leader and dates as an earlier row under another id"][0]).endswith(
        "reign_sample.csv:6: same leader and dates as an earlier row under another id: "
        "H. Aliyev 1993-06-24 to 2003-10: line 2 (A2.9-5770)"
    )
    aliyev = one(small_store, "holding", "reign-a2-9-5770.az-leader.1993-06-24")
    assert (aliyev.start, aliyev.end, aliyev.sources) == (
        PartialDate(1993, 6, 24),
        PartialDate(2003, 10),
        ("reign-2021-03",),
    )
    assert one(small_store, "holding", "reign-a2-9-5773.az-leader.2003-10-15").end is None
    truman = one(small_store, "holding", "reign-t-1.us-leader.1945")
    assert (truman.start, truman.end) == (PartialDate(1945), PartialDate(1953))
    assert one(small_store, "post", "az-leader") == Post(
        id="az-leader", title="Leader of Azerbaijan", country="AZ"
    )
    # the line with a cp1252 byte in its note is read, not refused
    assert one(small_store, "person", "reign-kb-955-4").name == "Ulukalala Lavaka Ata (Tupou VI)"


def test_a_spell_is_split_where_its_cow_number_passes_to_another_state(small_store):
    run(small_store, "reign")
    soviet = one(small_store, "holding", "reign-a2-9-5497.suhh-leader.1991-08-21")
    russian = one(small_store, "holding", "reign-a2-9-5497.ru-leader.1991-12-26")
    assert (soviet.end, russian.end) == (PartialDate(1991, 12, 25), PartialDate(1999, 12))
    assert one(small_store, "person", "reign-a2-9-5497").country is None  # two countries


def test_one_id_for_two_leaders_makes_two_persons_and_two_spellings_one(small_store):
    run(small_store, "reign")
    run(small_store, "archigos")
    assert one(small_store, "person", "reign-a2-9-6199").name == "Thors"
    assert one(small_store, "person", "reign-a2-9-6199-benediktsson").name == "Benediktsson"
    izetbegovic = one(small_store, "person", "archigos-t-6")
    assert (izetbegovic.name, izetbegovic.other_names) == ("Izetbegovic", ("Alija Izetbegovic",))


def test_archigos_leaves_the_censoring_date_open_and_reads_year_only_dates(small_store):
    summary = run(small_store, "archigos")
    assert (summary.rows, summary.used) == (11, 7)
    assert dict(summary.skipped) == {
        "same leader and dates as an earlier row under another id": 1,
        "implausible year": 1,
        "COW number unknown": 1,
        "unreadable date or code": 1,
    }
    assert one(small_store, "holding", "archigos-8223e7cd.az-leader.1993-06-24").end == PartialDate(
        2003, 8, 4
    )
    assert (
        one(small_store, "holding", "archigos-8223e7ce.az-leader.2003-08-04").end is None
    )  # still in office
    truman = one(small_store, "holding", "archigos-t-1.us-leader.1945")
    assert (truman.start, truman.end) == (PartialDate(1945), PartialDate(1953, 1))
    assert one(small_store, "person", "archigos-t-8").name == "Ramón Grau"  # a cp1252 line


@pytest.mark.parametrize("name", sorted(FIXTURE))
def test_reimporting_changes_nothing(small_store, name):
    run(small_store, name)
    before = graph_of(small_store)
    again = run(small_store, name)
    assert again.load.triples_added == 0 and again.load.new_records == 0
    assert isomorphic(graph_of(small_store), before)


@pytest.mark.parametrize(("name", "line"), [("reign", 7), ("archigos", 6)])
def test_strict_mode_refuses_the_file_at_the_first_bad_row_and_changes_nothing(small_store, name, line):
    before = count_triples(small_store)
    with pytest.raises(DataError, match=rf"{FIXTURE[name]}:{line}: implausible year"):
        run(small_store, name, strict=True)
    assert count_triples(small_store) == before


@pytest.mark.parametrize("name", sorted(FIXTURE))
def test_the_report_names_every_skipped_row(small_store, name):
    report = io.StringIO()
    summary = run(small_store, name, report=report)
    rows = list(csv.DictReader(io.StringIO(report.getvalue())))
    assert len(rows) == summary.skipped_rows == summary.rows - summary.used
    assert {r["reason"] for r in rows} == set(summary.skipped)


@pytest.mark.parametrize(("name", "expected"), [("reign", (2524, 2524, 0)), ("archigos", (3409, 3370, 39))])
def test_the_real_files_are_imported_or_explained(small_store, name, expected):
    path = SHARED / REAL[name]
    if not path.is_file():
        pytest.skip("the real sample is not on this machine")
    summary = run(small_store, name, path)
    assert (summary.rows, summary.used, summary.skipped_rows) == expected
    lines = sum(1 for line in path.read_bytes().splitlines() if line.strip(b" ,\t\r"))
    assert summary.rows == lines - 1
    assert set(summary.skipped) <= {"COW number unknown"}
    again = run(small_store, name, path)
    assert again.load.triples_added == 0 and again.load.new_records == 0


def test_a_holding_keeps_its_appointment_and_the_model_checks_it(small_store):
    source = Source(id="gazette", kind="dataset")
    records = [
        source,
        Person(id="envoy", name="Anar Envoy"),
        Post(id="az-ambassador-to-cu", title="Ambassador of Azerbaijan to Cuba", country="AZ"),
        PostHolding(
            person="envoy",
            post="az-ambassador-to-cu",
            appointed="2019-05-02",
            start="2019-06-10",
            end="2022",
            sources=("gazette",),
        ),
    ]
    load_records(small_store, records, "test")
    assert one(small_store, "holding", "envoy.az-ambassador-to-cu.2019-06-10").appointed == PartialDate(
        2019, 5, 2
    )
    with pytest.raises(ValueError, match="appointed/end: the end"):
        PostHolding(person="envoy", post="x", appointed="2023", end="2022", sources=("gazette",))
    text = render_text(bilat.pair_ties(small_store, "AZ", "CU", start="2020"))
    assert (
        "  Ambassador of Azerbaijan to Cuba: Anar Envoy, appointed 2019-05-02, 2019-06-10 to 2022  [" in text
    )
    earlier = render_text(bilat.pair_ties(small_store, "AZ", "CU", end="2018"))
    assert "Anar Envoy" not in earlier


def test_the_dossier_shows_each_sides_leaders_in_the_window(small_store):
    run(small_store, "reign")
    dossier = bilat.pair_ties(small_store, "Azerbaijan", "Cuba", start="2000", end="2010")
    text = render_text(dossier)
    section = text.split("Office holders\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [
        "  Leader of Azerbaijan: H. Aliyev, 1993-06-24 to 2003-10  [3]",
        "  Leader of Azerbaijan: Ilhma Aliyev, from 2003-10-15  [3]",
        "  Ambassador of Azerbaijan to Cuba: Ruslan Rzayev, dates not recorded  [4]",
        "  Ambassador of Cuba to Azerbaijan: Carlos Enrique Valdes de la Concepcion, dates not recorded"
        "  [1, 4]",
    ]
    assert text.index("Office holders") < text.index("\nEvents")
    assert "[3] One Earth Future Research, 2021-03" in text
    assert "## Office holders" in render_markdown(dossier)
    officials = json.loads(render_json(dossier))["officials"]
    first = officials[0]
    assert (first["country"], first["role"], first["person"]["name"]) == (
        "AZ",
        "head of state or government",
        "H. Aliyev",
    )
    later = bilat.pair_ties(small_store, "Azerbaijan", "Cuba", start="2004")
    assert [o.tenure.person.name for o in later.officials if o.role is Role.LEADER] == ["Ilhma Aliyev"]


def test_a_dossier_without_holdings_is_as_before(small_store):
    dossier = bilat.pair_ties(small_store, "Japan", "Brazil")
    assert dossier.officials == []
    assert "Office holders" not in render_text(dossier) + render_markdown(dossier)
    assert "officials" not in json.loads(render_json(dossier))


@pytest.mark.parametrize(
    ("title", "other", "role"),
    [
        ("President of Azerbaijan", "CU", Role.LEADER),
        ("Leader of Azerbaijan", "CU", Role.LEADER),
        ("Prime Minister", "CU", Role.LEADER),
        ("President of the Senate", "CU", None),
        ("Minister of Foreign Affairs of Azerbaijan", "CU", Role.FOREIGN_MINISTER),
        ("Secretary of State", "CU", Role.FOREIGN_MINISTER),
        ("Secretary of State for Health", "CU", None),
        ("Deputy Foreign Minister", "CU", None),
        ("Ambassador of Azerbaijan to Cuba", "CU", Role.ENVOY),
        ("Ambassador of Azerbaijan to Cuba", "TR", None),
        ("Chargé d'Affaires a.i. in Havana, Cuba", "CU", Role.ENVOY),
        ("Minister of Health of Azerbaijan", "CU", None),
    ],
)
def test_a_posts_role_comes_from_its_title(title, other, role):
    register = bundled_register()
    post = Post(id="p", title=title, country="AZ")
    assert role_of(post, register.countries["AZ"], register.countries[other], {}) is role


def test_officials_on_a_day_as_a_table(runner, small_store_dir):
    store = ["--store", str(small_store_dir)]
    assert runner.invoke(app, [*store, "import", "reign", str(FIXTURES / FIXTURE["reign"])]).exit_code == 0
    result = runner.invoke(app, [*store, "officials", "Azerbaijan", "--as-of", "2005-01-01", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "country,post,person,appointed,start,end,sources",
        "AZ,Ambassador of Azerbaijan to Cuba,Ruslan Rzayev,,,,trend-2022-10-07-az-cu-healthcare",
        "AZ,Minister of Health of Azerbaijan,Teymur Musayev,,,,"
        "azernews-2022-10-az-cu-healthcare; trend-2022-10-07-az-cu-healthcare",
        "AZ,Leader of Azerbaijan,Ilhma Aliyev,,2003-10-15,,reign-2021-03",
    ]
    leaders = runner.invoke(app, [*store, "officials", "AZ", "--post", "leader", "-f", "json"])
    assert [(r["person"], r["start"], r["end"]) for r in json.loads(leaders.stdout)] == [
        ("H. Aliyev", "1993-06-24", "2003-10"),
        ("Ilhma Aliyev", "2003-10-15", None),
    ]
    none = runner.invoke(app, [*store, "officials", "Cuba", "--post", "leader", "-f", "tsv"])
    assert (none.exit_code, none.stdout, none.stderr) == (
        0,
        "country\tpost\tperson\tappointed\tstart\tend\tsources\n",
        "No post holdings recorded.\n",
    )


def test_person_lists_the_posts_a_name_held(runner, small_store_dir):
    store = ["--store", str(small_store_dir)]
    assert runner.invoke(app, [*store, "import", "reign", str(FIXTURES / FIXTURE["reign"])]).exit_code == 0
    result = runner.invoke(app, [*store, "person", "YELTSIN"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[2:] == [
        "SUHH     Leader of USSR                Yeltsin             1991-08-21  1991-12-25  reign-2021-03",
        "RU       Leader of Russian Federation  Yeltsin             1991-12-26  1999-12     reign-2021-03",
        "(2 rows)",
    ]
    accents = runner.invoke(app, [*store, "person", "valdés", "-f", "tsv"])
    assert accents.stdout.splitlines()[1].startswith(
        "CU\tAmbassador of Cuba to Azerbaijan\tCarlos Enrique Valdes"
    )
    missing = runner.invoke(app, [*store, "person", "Nobody Atall"])
    assert (missing.exit_code, missing.stderr) == (
        2,
        "Error: no post holdings of a person named 'Nobody Atall' in the store\n",
    )
