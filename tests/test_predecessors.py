"""A pair's dossier with the earlier states its countries continue (data/continuators.csv): the
register's continuators, the facts of each earlier pair in its own years and marked as such in every
output, the events counted once across the pairs, the window, and the option that leaves them out."""

from __future__ import annotations

import csv
import json
import tarfile

import pytest
from conftest import SHARED

from bilat import api
from bilat.cli import app
from bilat.dossier.render import dossier_data, render_markdown, render_text
from bilat.files.bundled import data_dir
from bilat.graph.event_index import PairPeriod, latest_events_of
from bilat.graph.write import load_records
from bilat.model.dataset import BilateralRelation, Event
from bilat.model.dates import PartialDate
from bilat.register import bundled_register
from bilat.serve.report import report_html

REAL = SHARED / "state-dept-history"


def _codes(countries) -> list[str]:
    return [country.code for country in countries]


# -- the register ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "earlier"),
    [
        ("RU", ["SUHH", "XRUS"]),  # the USSR continued the Russian Empire, Russia the USSR
        ("SUHH", ["XRUS"]),
        ("RS", ["CSXX"]),  # not the SFR Yugoslavia: UN Security Council resolution 777 (1992)
        ("VN", ["VDVN"]),  # North Vietnam, not the Republic of Vietnam
        ("TR", ["XOTT"]),
        ("MM", ["BUMM"]),  # the same state renamed
        ("CZ", []),  # Czechoslovakia dissolved into two new states
        ("SK", []),
        ("DE", []),  # the GDR acceded to the FRG, which the register keeps as DE
        ("UA", []),  # a successor of the USSR, not its continuator
        ("US", []),
    ],
)
def test_the_register_knows_which_states_a_state_continues(code, earlier):
    register = bundled_register()
    assert _codes(register.predecessors(register.countries[code])) == earlier


def test_continued_by_is_distinct_from_successors():
    ussr = bundled_register().countries["SUHH"]
    assert ussr.continued_by == "RU" and len(ussr.successors) == 15
    czechoslovakia = bundled_register().countries["CSHH"]
    assert czechoslovakia.continued_by is None and czechoslovakia.successors == ("CZ", "SK")


def test_the_bundled_register_holds_every_row_of_the_continuators_table():
    with open(data_dir() / "continuators.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    table = {row["continues"]: row["state"] for row in rows}
    held = {c.code: c.continued_by for c in bundled_register().countries.values() if c.continued_by}
    assert held == table  # data/countries.jsonl is rebuilt by data/build_countries.py
    for row in rows:
        assert PartialDate.parse(row["since"]) and len(row["source"]) > 40, row


# -- the bundled data: the United States and Russia ------------------------------------------------


def test_us_russia_holds_the_ussr_and_the_empire_each_in_its_own_years(store):
    dossier = api.pair_ties(store, "US", "RU", events=None)
    assert [e.codes for e in dossier.earlier] == [("XRUS", "US"), ("SUHH", "US")]
    assert [(e.window.start, str(e.window.end)) for e in dossier.earlier] == [
        (None, "1917"),
        (PartialDate(1922, 12, 30), "1991-12-26"),
    ]
    relations = [(str(r.established), r.countries, dossier.pair_of(r)) for r in dossier.relations]
    assert relations == [
        ("1809-07-14", ("US", "XRUS"), dossier.earlier[0]),
        ("1933-11-16", ("SUHH", "US"), dossier.earlier[1]),
        ("1991-12-31", ("RU", "US"), None),
    ]
    envoys = {
        (o.tenure.person.name, str(o.tenure.holding.start)): dossier.pair_of(o) for o in dossier.officials
    }
    assert envoys[("William Christian Bullitt", "1933-12-13")] is dossier.earlier[1]
    assert envoys[("John Quincy Adams", "1809-11-05")] is dossier.earlier[0]
    assert envoys[("Michael Anthony McFaul", "2012-02-22")] is None
    for entry in dossier.events:  # every event is filed with the pair it is about, in that pair's years
        pair = dossier.pair_of(entry)
        codes = pair.codes if pair else ("RU", "US")
        assert set(codes) <= set(entry.event.countries)
        assert pair is None or pair.window.keeps(entry.event.date)
    alone = [
        api.pair_ties(store, "US", code, events=None, predecessors=False) for code in ("RU", "SUHH", "XRUS")
    ]
    assert dossier.event_count == sum(d.event_count for d in alone) == len(dossier.events)


def test_the_reports_say_which_state_each_fact_is_about(store):
    dossier = api.pair_ties(store, "US", "RU")
    text = render_text(dossier)
    assert text.startswith(
        "Russian Federation (RU) – United States (US)\n"
        "The Russian Federation (since 1991) continues the Russian Empire (until 1917) and the USSR "
        "(1922–1991): the facts of their years are here too.\n\n"
        "Diplomatic relations, as the Russian Empire (until 1917)\n"
        "  established 1809-07-14; suspended, ended 1917-11-07  [1]\n\n"
        "Diplomatic relations, as the USSR (1922–1991)\n"
        "  established 1933-11-16; active  [1]\n\n"
        "Diplomatic relations, as the Russian Federation (since 1991)\n"
        "  established 1991-12-31; active  [1]\n\n"
        "Diplomatic missions\n"  # only the Russian Federation's: one section as before
    )
    assert "Office holders, as the USSR (1922–1991)\n" in text
    assert "Events (the latest 50 of" in text
    markdown = render_markdown(dossier)
    assert (
        "\n## Diplomatic relations, as the USSR (1922–1991)\n\n- established 1933-11-16; active  [1]\n"
        in markdown
    )
    page = report_html(markdown)  # the serve pair page reads the report section by section
    assert "<h2>Office holders, as the Russian Empire (until 1917)</h2>" in page.facts
    data = json.loads(json.dumps(dossier_data(dossier)))
    assert [p["pair"] for p in data["predecessors"]] == [["XRUS", "US"], ["SUHH", "US"]]
    assert data["predecessors"][1]["window"] == {"start": "1922-12-30", "end": "1991-12-26"}
    assert [(r["established"], r.get("pair")) for r in data["relations"]] == [
        ("1809-07-14", ["XRUS", "US"]),
        ("1933-11-16", ["SUHH", "US"]),
        ("1991-12-31", None),
    ]
    assert {o.get("pair", ["RU", "US"])[0] for o in data["officials"]} == {"XRUS", "SUHH", "RU"}


def test_the_option_leaves_the_earlier_states_out(store):
    dossier = api.pair_ties(store, "US", "RU", predecessors=False)
    assert dossier.earlier == () and [str(r.established) for r in dossier.relations] == ["1991-12-31"]
    assert {o.tenure.post.title for o in dossier.officials} == {
        "Ambassador of the United States to Russian Federation"
    }
    text = render_text(dossier)
    assert text.startswith("Russian Federation (RU) – United States (US)\n\nDiplomatic relations\n")
    assert " as the " not in text
    assert "predecessors" not in dossier_data(dossier)


def test_the_window_cuts_the_earlier_states_facts_too(store):
    dossier = api.pair_ties(store, "US", "RU", start="1950", end="1960", events=None)
    assert [e.codes for e in dossier.earlier] == [("SUHH", "US")]  # the Empire had no years in it
    assert [(str(r.established), r.countries) for r in dossier.relations] == [("1933-11-16", ("SUHH", "US"))]
    assert {str(e.event.date)[:4] for e in dossier.events} <= {str(y) for y in range(1950, 1961)}
    assert ("1959-09-15", "visit") in {(str(e.event.date), e.event.kind.value) for e in dossier.events}
    names = [o.tenure.person.name for o in dossier.officials]
    assert names[-4:] == [
        "Alan Goodrich Kirk",
        "George Frost Kennan",
        "Charles Eustis Bohlen",
        "Llewellyn E. Thompson, Jr.",
    ]
    assert all(o.tenure.holding.end is None or o.tenure.holding.end.year >= 1950 for o in dossier.officials)
    assert {dossier.pair_of(o) for o in dossier.officials} == {dossier.earlier[0]}  # none of Russia's
    assert api.pair_ties(store, "US", "RU", as_of="1916").relations[0].countries == ("US", "XRUS")


@pytest.mark.parametrize(
    ("pair", "former"),
    [(("US", "CZ"), "CSHH"), (("US", "SK"), "CSHH"), (("US", "DE"), "DDDE"), (("US", "RS"), "YUCS")],
)
def test_a_successor_that_does_not_continue_a_state_leaves_its_facts_out(store, pair, former):
    assert not api.pair_ties(store, pair[0], former).is_empty  # the data has them
    dossier = api.pair_ties(store, *pair, events=None)
    assert all(former not in _codes(e.countries) for e in dossier.earlier)
    everything = [*dossier.facts, *(o.tenure.post for o in dossier.officials)]
    assert not [f for f in everything if former in str(f.model_dump())]


def test_ties_no_predecessors_on_the_command_line(runner, store_dir):
    with_them = runner.invoke(app, ["--store", str(store_dir), "ties", "US", "RU"])
    without = runner.invoke(app, ["--store", str(store_dir), "ties", "US", "RU", "--no-predecessors"])
    assert with_them.exit_code == without.exit_code == 0
    assert "Diplomatic relations, as the USSR (1922–1991)\n  established 1933-11-16" in with_them.stdout
    assert "Diplomatic relations\n  established 1991-12-31; active  [1]\n" in without.stdout
    assert "USSR" not in without.stdout


# -- the events of several pairs, counted once ------------------------------------------------------


def _event(id: str, date: str, *countries: str) -> Event:
    return Event(
        id=id, kind="meeting", date=date, countries=countries, sources=["azernews-2022-10-az-cu-healthcare"]
    )


@pytest.fixture
def soviet_store(small_store):
    """The small store with a few events of the United States with Russia, the USSR and the Empire."""
    records = [
        _event("p-empire", "1809-07-14", "US", "XRUS"),
        _event("p-khrushchev", "1959-09-15", "US", "SUHH"),
        _event("p-three", "1991-12", "US", "SUHH", "RU"),  # filed under US-SUHH and RU-US alike
        _event("p-late", "1995-03-01", "US", "SUHH"),  # after the USSR's end: a slip in the data
        _event("p-putin", "2001-11-12", "US", "RU"),
        _event("p-yugoslavia", "1980", "US", "YUCS"),
        _event("p-union", "2000", "US", "CSXX"),
        BilateralRelation(countries=("SUHH", "US"), established="1933-11-16", sources=["wikidata"]),
    ]
    load_records(small_store, records, "soviet")
    return small_store


def test_an_event_of_two_of_the_pairs_is_counted_once(soviet_store):
    ussr = PairPeriod("SUHH", "US", PartialDate(1922, 12, 30), PartialDate(1991, 12, 26))
    events, count = latest_events_of(soviet_store, [PairPeriod("RU", "US"), ussr], None)
    assert count == len(events) == 3
    assert [e.rsplit("/", 1)[1] for e in events] == ["p-putin", "p-three", "p-khrushchev"]
    latest, count = latest_events_of(soviet_store, [PairPeriod("RU", "US"), ussr], 1)
    assert (len(latest), count) == (1, 3)


def test_the_dossier_counts_and_files_each_event_once(soviet_store):
    dossier = api.pair_ties(soviet_store, "US", "RU", events=None)
    events = {e.event.id: dossier.pair_of(e) for e in dossier.events}
    assert list(events) == ["p-empire", "p-khrushchev", "p-three", "p-putin"]  # not p-late
    assert dossier.event_count == 4
    assert events["p-three"] is None and events["p-khrushchev"].codes == ("SUHH", "US")
    latest = api.pair_ties(soviet_store, "US", "RU", events=2)
    assert ([e.event.id for e in latest.events], latest.event_count) == (["p-three", "p-putin"], 4)
    assert api.pair_ties(soviet_store, "US", "RU", predecessors=False).event_count == 2
    assert "p-late" in {e.event.id for e in api.pair_ties(soviet_store, "US", "SUHH").events}
    serbia = api.pair_ties(soviet_store, "US", "RS", events=None)
    assert [e.event.id for e in serbia.events] == ["p-union"]  # Serbia and Montenegro, not the SFRY


# -- by hand, against the State Department's files --------------------------------------------------


@pytest.mark.skipif(not REAL.is_dir(), reason="the real files are not on this machine")
def test_the_named_facts_are_those_of_the_source_files(store, tmp_path):
    """The rdcr article for Russia and the chiefs of mission to Russia say what the dossier says."""
    article = (REAL / "rdcr" / "articles" / "russia.xml").read_text(encoding="utf-8")
    assert "Normal diplomatic relations were resumed on November 16, 1933" in " ".join(article.split())
    with tarfile.open(REAL / "pocom.tar.gz") as archive:
        archive.extractall(tmp_path, filter="data")
    chiefs = " ".join((tmp_path / "pocom" / "missions-countries" / "russia.xml").read_text().split())
    kennan = chiefs[chiefs.index("<person-id>kennan-george-frost</person-id>") :][:900]
    for day in ("1952-03-14", "1952-05-14", "1952-09-19"):
        assert f"<date>{day}</date>" in kennan
    dossier = api.pair_ties(store, "US", "RU")
    ussr = next(e for e in dossier.earlier if e.codes == ("SUHH", "US"))
    assert [(str(r.established), dossier.pair_of(r)) for r in dossier.relations][1] == ("1933-11-16", ussr)
    [held] = [o.tenure.holding for o in dossier.officials if o.tenure.person.name == "George Frost Kennan"]
    assert (str(held.appointed), str(held.start), str(held.end)) == ("1952-03-14", "1952-05-14", "1952-09-19")
