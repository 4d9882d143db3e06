import json

import pytest

from bilat import api
from bilat.dossier.render import dossier_data, render_markdown, render_text
from bilat.errors import QueryError, UnknownCountryError


def test_the_azerbaijan_cuba_dossier_holds_every_fact_of_the_article(store):
    dossier = api.pair_ties(store, "Azerbaijani", "Cuban")
    assert [c.code for c in dossier.countries] == ["AZ", "CU"]
    assert [str(r.established) for r in dossier.relations] == ["1992-03-27"]
    [mission] = dossier.missions
    assert (mission.sending, mission.host, str(mission.opened), mission.city) == (
        "CU",
        "AZ",
        "2007-10-12",
        "Baku",
    )
    kinds = {(e.event.kind.value, str(e.event.date)) for e in dossier.events}
    assert {("meeting", "2022-10-07"), ("aid", "2020")} <= kinds
    meeting = next(e for e in dossier.events if e.event.kind.value == "meeting")
    posts = {p.person.name: [post.title for post in p.posts] for p in meeting.participants}
    assert posts["Teymur Musayev"] == ["Minister of Health of Azerbaijan"]
    assert posts["Carlos Enrique Valdes de la Concepcion"] == ["Ambassador of Cuba to Azerbaijan"]
    assert {b.name for b in dossier.bodies} == {
        "Working group on Azerbaijan–Cuba inter-parliamentary relations",
        "Cuba–Azerbaijan parliamentary friendship group",
    }
    assert {dossier.organizations[b.part_of].name for b in dossier.bodies if b.part_of} == {
        "Milli Majlis",
        "National Assembly of People's Power",
    }
    [count] = dossier.counts
    assert (count.count, count.counted) == (10, "documents signed")
    [trade] = dossier.trade
    assert (str(trade.amount), trade.currency, str(trade.period), trade.flow.value) == (
        "143290",
        "USD",
        "2021",
        "turnover",
    )
    assert [a.area.label for a in dossier.areas] == [
        "Healthcare",
        "Medical science",
        "Pharmaceutical industry",
    ]
    for fact in dossier.facts:
        assert fact.sources and all(s in dossier.sources for s in fact.sources)
    assert dossier.sources["todayaz-2022-10-10-az-cu-healthcare"].url == (
        "http://www.today.az/news/business/226602.html"
    )


def test_as_of_is_one_day_what_stood_and_what_happened(store):
    dossier = api.pair_ties(store, "AZ", "CU", as_of="2010")
    assert [str(e.event.date) for e in dossier.events] == []
    assert dossier.trade == []
    assert [str(m.opened) for m in dossier.missions] == ["2007-10-12"]
    assert [str(r.established) for r in dossier.relations] == ["1992-03-27"]
    on_the_day = api.pair_ties(store, "AZ", "CU", as_of="2007-10-12")
    assert [str(e.event.date) for e in on_the_day.events] == ["2007-10-12"]


def test_ties_az_cu_2021_2022_shows_the_relations_and_the_embassy_that_stood(store):
    dossier = api.pair_ties(store, "AZ", "CU", start="2021", end="2022")
    assert [str(r.established) for r in dossier.relations] == ["1992-03-27"]
    assert [str(m.opened) for m in dossier.missions] == ["2007-10-12"]
    assert "Diplomatic relations\n  established 1992-03-27; active" in render_text(dossier)


def test_period_limits_events_and_trade(store):
    dossier = api.pair_ties(store, "CU", "AZ", start="2021", end="2021-12")
    assert dossier.events == []
    assert [str(t.period) for t in dossier.trade] == ["2021"]


def test_the_pair_order_does_not_matter(store):
    assert dossier_data(api.pair_ties(store, "Cuba", "Azerbaijan")) == dossier_data(
        api.pair_ties(store, "Azerbaijan", "Cuba")
    )


def test_reports_cite_every_source(store):
    dossier = api.pair_ties(store, "Azerbaijan", "Cuba")
    text = render_text(dossier)
    assert (
        "Cuba → Azerbaijan: embassy in Baku (Embassy of Cuba in Azerbaijan), opened 2007-10-12  [1, 2]"
        in text
    )
    assert "with Teymur Musayev (Minister of Health of Azerbaijan)" in text
    assert "2021        turnover: USD 143,290  [1]" in text
    assert "10 documents signed  [1]" in text
    assert "[3] Trend News Agency, 2022-10-07, https://en.trend.az/azerbaijan/society/3654296.html" in text
    markdown = render_markdown(dossier)
    assert markdown.startswith("# Azerbaijan (AZ) – Cuba (CU)\n")
    assert "## Sources" in markdown
    data = json.loads(json.dumps(dossier_data(dossier)))
    assert data["trade"][0]["amount"] == "143290"


def test_unknown_and_identical_countries_are_errors(store):
    with pytest.raises(UnknownCountryError, match="did you mean Azerbaijan"):
        api.pair_ties(store, "Azerbajan", "Cuba")
    with pytest.raises(QueryError, match="two different countries"):
        api.pair_ties(store, "Cuba", "CUB")


def test_a_pair_with_no_facts_gives_an_empty_dossier(store):
    dossier = api.pair_ties(store, "Iceland", "Bhutan")
    assert dossier.is_empty
    assert "none recorded" in render_text(dossier)


def test_busy_pairs_show_the_latest_events_and_count_them_all(store):
    dossier = api.pair_ties(store, "AZ", "CU", events=2)
    assert dossier.event_count == 4
    assert [str(e.event.date) for e in dossier.events] == ["2020", "2022-10-07"]
    assert "Events (the latest 2 of 4)" in render_text(dossier)
    everything = api.pair_ties(store, "AZ", "CU", events=None)
    assert len(everything.events) == everything.event_count == 4
