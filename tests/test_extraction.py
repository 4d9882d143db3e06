"""``bilat extract``: an article of the seed case, written for these tests with the facts of the
Azernews report of 7 October 2022, becomes facts with their evidence, and loads without duplicating
what the store holds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from bilat import api
from bilat.cli import app
from bilat.extract.article import read_article
from bilat.extract.extractor import extract
from bilat.extract.found import METHOD
from bilat.extract.values import amounts_in, dates_in
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.model.dataset import Dataset
from bilat.register import bundled_register

ARTICLE = Path(__file__).parent / "data" / "articles" / "az-cu-health-meeting.txt"
AREAS = read_file(data_dir() / "areas.yaml").dataset.areas


@pytest.fixture(scope="module")
def found() -> tuple[Dataset, str]:
    text = ARTICLE.read_text(encoding="utf-8")
    article = read_article(text, publisher="Example News", published="2022-10-07")
    return extract(article, bundled_register(), AREAS), article.text


def facts(found: Dataset) -> set[str]:
    return {f"{r.iri_kind}/{r.key}" for r in found.records() if r.type_name not in ("source", "evidence")}


def test_the_seed_article_gives_every_fact(found):
    data, _ = found
    assert {(p.name, p.country) for p in data.persons} == {
        ("Teymur Musayev", "AZ"),
        ("Carlos Enrique Valdes de la Concepcion", "CU"),
    }
    assert {(p.id, p.title) for p in data.posts} == {
        ("az-minister-of-health", "Minister of Health of Azerbaijan"),
        ("cu-ambassador-to-az", "Ambassador of Cuba to Azerbaijan"),
    }
    assert {(h.person, h.post) for h in data.holdings} == {
        ("teymur-musayev", "az-minister-of-health"),
        ("carlos-enrique-valdes-de-la-concepcion", "cu-ambassador-to-az"),
    }
    [relation] = data.relations
    assert (relation.countries, str(relation.established)) == (("AZ", "CU"), "1992-03-27")
    [mission] = data.missions
    assert (mission.sending, mission.host, str(mission.opened)) == ("CU", "AZ", "2007-10-12")
    [trade] = data.trade
    assert (trade.flow.value, str(trade.period)) == ("turnover", "2021")
    assert (trade.amount, trade.currency) == (Decimal(143290), "USD")
    [count] = data.counts
    assert (count.counted, count.count) == ("documents signed", 10)
    events = {e.kind.value: e for e in data.events}
    meeting = events["meeting"]
    assert str(meeting.date) == "2022-10-07"
    assert meeting.participants == ("carlos-enrique-valdes-de-la-concepcion", "teymur-musayev")
    assert meeting.areas == ("healthcare", "medical-science", "pharmaceutical-industry")
    aid = events["aid"]
    assert (str(aid.date), aid.source_country, aid.target_country) == ("2020", "CU", "AZ")


def test_every_fact_has_its_sentence(found):
    data, text = found
    supported = {e.fact for e in data.evidence}
    assert facts(data) <= supported
    for evidence in data.evidence:
        assert text[evidence.start : evidence.end] == evidence.quote
        assert evidence.method.startswith(f"{METHOD}.") and 0 < evidence.confidence <= 1
    relation = next(e for e in data.evidence if e.fact == "relation/az-cu")
    assert relation.quote.startswith("Diplomatic relations between Azerbaijan and Cuba were established")


def test_the_same_page_as_html_gives_the_same_facts(found):
    data, _ = found
    paragraphs = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    page = "<html><head><meta property='og:site_name' content='Example News'></head><body>"
    page += "".join(f"<p>{p}</p>" for p in paragraphs) + "<script>var x = 'Kuba';</script></body></html>"
    again = extract(read_article(page, published="2022-10-07"), bundled_register(), AREAS)
    assert facts(again) == facts(data)


def test_amounts_and_partial_periods():
    text = (
        "Trade reached $13.4 million in 2019, 2.6 billion dollars in nine months of 2019, 1,200 manat "
        "and $34,2 million (a decimal comma)."
    )
    assert [(a.amount, a.currency) for a in amounts_in(text)] == [
        (Decimal(13400000), "USD"),
        (Decimal(2600000000), "USD"),
        (Decimal(1200), "AZN"),
        (Decimal(34200000), "USD"),
    ]
    found = dates_in("On 12 October 2007 and March 27, 1992, and in May 2020.")
    assert [str(d.date) for d in found] == ["2007-10-12", "1992-03-27", "2020-05"]
    article = read_article(
        "Azerbaijan and Georgia: trade turnover between Azerbaijan and Georgia was 2.6 billion dollars "
        "in nine months of 2019.",
        published="2019-10-20",
    )
    [trade] = extract(article, bundled_register()).trade
    assert (str(trade.period), str(trade.period_end)) == ("2019", "2019-09")
    assert trade.amount == Decimal(2600000000)


def test_extracting_into_the_store_twice_duplicates_nothing(runner, tmp_path):
    store_dir = tmp_path / "store"
    args = ["--store", str(store_dir), "extract", str(ARTICLE), "--publisher", "Example News"]
    args += ["--date", "2022-10-07", "--load"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    store = api.open_bilat_store(store_dir)
    before = api.stats(store)
    dossier = api.pair_ties(store, "AZ", "CU")
    store.close()
    # The bundled dossier already holds the meeting, the aid, the relation, the embassy, the count
    # and the trade figure: each is reused and cites the new article too.
    assert dossier.event_count == 4
    meeting = next(e.event for e in dossier.events if e.event.kind.value == "meeting")
    assert meeting.id == "az-cu-2022-10-07-healthcare-meeting" and len(meeting.sources) == 4
    assert len(dossier.missions) == 1 and len(dossier.counts) == 1 and len(dossier.trade) == 1
    assert runner.invoke(app, args).exit_code == 0
    store = api.open_bilat_store(store_dir)
    assert api.stats(store) == before
    store.close()


def test_the_draft_is_a_data_file(runner, tmp_path):
    draft = tmp_path / "draft.yaml"
    store = ["--store", str(tmp_path / "s")]
    result = runner.invoke(app, [*store, "extract", str(ARTICLE), "--date", "2022-10-07", "-o", str(draft)])
    assert result.exit_code == 0, result.output
    parsed = read_file(draft)
    assert len(parsed.dataset.evidence) >= 10 and parsed.dataset.events
    loaded = runner.invoke(app, [*store, "load", str(draft)])
    assert loaded.exit_code == 0, loaded.output


def test_two_outlets_reporting_one_meeting_make_one_event(runner, tmp_path):
    """Trend's report (dated October 7 in its text) and Today.Az's republication three days later
    (no date in the text) are two sources of the one meeting the store holds."""
    labelled = yaml.safe_load((ARTICLE.parent / "labelled.yaml").read_text(encoding="utf-8"))["articles"]
    reports = [a for a in labelled if a["url"] in (TREND, TODAY_AZ)]
    store = api.open_bilat_store(tmp_path / "store")
    for report in reports:
        found = api.extract_articles(
            [report["text"]],
            url=report["url"],
            publisher=report["publisher"],
            published=str(report["published"]),
            store=store,
        )
        api.load_extracted(store, found)
    dossier = api.pair_ties(store, "AZ", "CU")
    store.close()
    meetings = [e.event for e in dossier.events if e.event.kind.value == "meeting"]
    assert [m.id for m in meetings] == ["az-cu-2022-10-07-healthcare-meeting"]
    publishers = {dossier.sources[s].publisher for s in meetings[0].sources}
    assert {"Trend News Agency", "Today.Az (republishing Azernews)"} <= publishers


TREND = "https://en.trend.az/azerbaijan/society/3654296.html"
TODAY_AZ = "http://www.today.az/news/business/226602.html"


def test_a_person_spelt_another_way_is_the_stored_person(tmp_path):
    article = (
        "Azerbaijani Health Minister Teymur Musaev met Cuban ambassador Carlos Enrique Valdés de la "
        "Concepción on October 7, 2022 to discuss healthcare.\n"
    )
    store = api.open_bilat_store(tmp_path / "store")
    persons = api.stats(store).records["person"]
    found = api.extract_articles([article], publisher="Example", published="2022-10-07", store=store)
    assert {p.id for p in found.persons} == {"teymur-musayev", "carlos-enrique-valdes-de-la-concepcion"}
    assert {h.person for h in found.holdings} == {"teymur-musayev", "carlos-enrique-valdes-de-la-concepcion"}
    api.load_extracted(store, found)
    assert api.stats(store).records["person"] == persons  # both were already in the store
    store.close()
