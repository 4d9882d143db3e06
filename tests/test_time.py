"""One meaning of time: a state (relations, missions, agreements) belongs to a window while it may
stand in it, a point (an event, a trade figure's year) when it may fall in it, and ``--as-of D`` is
the window [D, D]. The dossier, the network and the panel agree on which facts count."""

from __future__ import annotations

from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import pyoxigraph
from hypothesis import HealthCheck, given, settings, strategies as st

from bilat import api
from bilat.cli import app
from bilat.files.bundled import data_dir
from bilat.graph.write import load_files, load_records
from bilat.model.dataset import (
    Agreement,
    BilateralRelation,
    DiplomaticMission,
    Event,
    Record,
    Source,
    TradeFigure,
)
from bilat.model.dates import PartialDate
from bilat.network.panel import panel_rows
from bilat.register import bundled_register
from bilat.store import EmbeddedStore

PAIRS = list(combinations(("AZ", "CU", "TR"), 2))
SOURCE = Source(id="s", kind="web_page", title="test")
KIND_OF = {
    BilateralRelation: "relations",
    DiplomaticMission: "missions",
    Agreement: "agreements",
    Event: "events",
    TradeFigure: "trade",
}

years = st.integers(1990, 2000)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year, month, day = draw(years), draw(st.none() | st.integers(1, 12)), draw(st.none() | st.integers(1, 28))
    return PartialDate(year, month, day if month else None)


@st.composite
def facts(draw: st.DrawFn) -> list[Record]:
    """Relations, missions, agreements, events and trade figures of three pairs in the 1990s, with
    dates of every precision, one record per natural key."""
    found: list[Record] = []
    for number in range(draw(st.integers(1, 8))):
        a, b = draw(st.sampled_from(PAIRS))
        start = draw(partial_dates())
        end = draw(st.none() | partial_dates())
        if end is not None and end.earliest < start.latest:
            end = None
        kind = draw(st.sampled_from(sorted(KIND_OF.values())))
        found.append(_fact(kind, number, a, b, start, end))
    return list({(type(r), r.key): r for r in found}.values())


def _fact(kind: str, number: int, a: str, b: str, start: PartialDate, end: PartialDate | None) -> Record:
    common: dict[str, Any] = {"sources": ("s",)}
    if kind == "relations":
        status = "severed" if end else "active"
        return BilateralRelation(countries=(a, b), established=start, ended=end, status=status, **common)
    if kind == "missions":
        city = f"c{number}"
        return DiplomaticMission(
            sending=a, host=b, kind="embassy", city=city, opened=start, closed=end, **common
        )
    if kind == "agreements":
        return Agreement(id=f"g{number}", title="t", kind="other", parties=(a, b), signed=start, **common)
    if kind == "events":
        return Event(id=f"e{number}", kind="meeting", date=start, countries=(a, b), **common)
    year = PartialDate(start.year)
    return TradeFigure(
        flow="turnover", reporter=a, partner=b, period=year, amount="1000", currency="USD", **common
    )


@cache
def _countries() -> bytes:
    store = EmbeddedStore(None)
    load_files(store, [data_dir() / "countries.jsonl"])
    return bytes(store.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS))


def _store_with(records: list[Record]) -> EmbeddedStore:
    store = EmbeddedStore(None)
    store.oxigraph.load(_countries(), format=pyoxigraph.RdfFormat.N_QUADS)
    load_records(store, [SOURCE, *records], "generated")
    return store


def _windows() -> st.SearchStrategy[tuple[PartialDate | None, PartialDate | None]]:
    return st.tuples(st.none() | partial_dates(), st.none() | partial_dates()).filter(
        lambda w: w[0] is None or w[1] is None or w[0].earliest <= w[1].latest
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=facts(), window=_windows())
def test_the_dossier_and_the_network_count_the_same_facts(records, window):
    store = _store_with(records)
    start, end = (str(d) if d else None for d in window)
    graph = api.country_network(store, start=start, end=end)
    for a, b in PAIRS:
        dossier = api.pair_ties(store, a, b, start=start, end=end, events=None)
        in_dossier = {KIND_OF[type(fact)] for fact in dossier.facts}
        in_network = {kind for kind in KIND_OF.values() if graph.has_edge(a, b) and kind in graph[a][b]}
        assert in_dossier == in_network, (a, b, window)
    store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=facts(), year=years)
def test_the_dossier_and_the_panel_agree_on_a_year(records, year):
    store = _store_with(records)
    register = bundled_register()
    countries = [register.resolve(code) for code in ("AZ", "CU", "TR")]
    rows = {
        tuple(sorted((row["iso1"], row["iso2"]))): row
        for row in panel_rows(store, register, year, year, countries)
    }
    for a, b in PAIRS:
        kinds = {
            KIND_OF[type(f)]
            for f in api.pair_ties(store, a, b, as_of=None, start=str(year), end=str(year)).facts
        }
        row = rows[(a, b)]
        assert ("relations" in kinds) == bool(row["relations"]), (a, b, year)
        assert ("missions" in kinds) == bool(row["missions12"] or row["missions21"]), (a, b, year)
        assert ("events" in kinds) == bool(row["events"]), (a, b, year)
        assert ("trade" in kinds) == bool(row["trade_usd"]), (a, b, year)
    store.close()


def test_network_ego_cuba_2021_2022_shows_what_ties_shows(store):
    graph = api.country_network(store, start="2021", end="2022")
    dossier = api.pair_ties(store, "AZ", "CU", start="2021", end="2022")
    assert {"relations", "missions"} <= set(graph["AZ"]["CU"])
    assert dossier.relations and dossier.missions


def test_coded_events_by_year_are_those_of_its_days(runner, small_store_dir):
    gdelt = Path(__file__).parent / "data" / "gdelt_sample.tsv"
    imported = runner.invoke(app, ["--store", str(small_store_dir), "import", "gdelt", str(gdelt)])
    assert imported.exit_code == 0, imported.stderr

    def rows(*params: str) -> str:
        args = ["--store", str(small_store_dir), "query", "--name", "coded-events", "-f", "csv"]
        result = runner.invoke(app, [*args, "-p", "dyad=US/RU", *(p for x in params for p in ("-p", x))])
        assert result.exit_code == 0, result.stderr
        return result.stdout

    by_day = rows("from=2016-01-01", "to=2016-12-31")
    assert by_day.count("\n") > 1
    assert rows("from=2016", "to=2016") == by_day
    assert rows("from=2016-07", "to=2016-07") == by_day
    assert rows("from=2016-08", "to=2017").count("\n") == 1  # the header alone


def test_a_date_parameter_that_is_not_a_date_is_refused(runner, small_store_dir):
    args = ["--store", str(small_store_dir), "query", "--name", "coded-events", "-p", "dyad=US/RU"]
    result = runner.invoke(app, [*args, "-p", "from=banana", "-p", "to=2016"])
    assert result.exit_code == 2
    assert "from: 'banana' is not a date" in result.stderr
    assert "write YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr


def test_a_gdelt_file_of_1982_and_2016_says_nothing_of_1995(small_store):
    register = bundled_register()
    pair = [register.resolve(code) for code in ("AZ", "CU")]
    rows = {row["year"]: row for row in panel_rows(small_store, register, 1982, 2016, pair)}
    assert rows[1995]["events"] is None  # no dataset has rows in 1995: missing, not zero
    assert rows[2016]["events"] == 0  # GDELT observed every pair in 2016; this one had no events
    assert rows[1982]["events"] == 0
    assert rows[2016]["events_meeting"] == 0
