"""The extraction rules one at a time, on sentences written for the test: the news short names and
credit lines, relative days, officials side by side or as counterparts, trade flows and what is not a
figure, visits, credentials and recalled meetings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bilat.extract.article import read_article
from bilat.extract.extractor import article_pair, extract
from bilat.extract.mentions import gazetteer_of
from bilat.extract.officials import is_headline, officials
from bilat.extract.values import relative_day
from bilat.model.dates import PartialDate
from bilat.register import bundled_register


@pytest.fixture(scope="module")
def register():
    return bundled_register()


def run(register, text: str, published: str | None = "2023-05-17"):
    return extract(read_article(text, publisher="Test Wire", published=published), register)


def test_short_names_count_but_currencies_and_credit_lines_do_not(register):
    gazetteer = gazetteer_of(register)
    text = "WASHINGTON, (Wire / Pakistan Point News) US and U.K. envoys spoke; trade passed US$ 5 billion."
    assert [(m.text, m.country) for m in gazetteer.mentions(text)] == [("US", "US"), ("U.K.", "GB")]
    assert [m.country for m in gazetteer.mentions("MOSCOW, May 3. /TASS/. Russian officials")] == ["RU"]


@pytest.mark.parametrize(
    ("text", "published", "day"),
    [
        ("Yesterday the ministers spoke.", "2024-06-12", "2024-06-11"),
        ("They met today.", "2024-06-12", "2024-06-12"),
        ("They met on Friday in Ankara.", "2016-04-02", "2016-04-01"),  # a Saturday
        ("They met on Sunday.", "2023-05-07", "2023-05-07"),  # the day itself
        ("They met on Friday.", "2023-05", None),  # no day of publication, no day
    ],
)
def test_relative_days_count_back_from_the_publication(text, published, day):
    found = relative_day(text, PartialDate.parse(published))
    assert (str(found) if found else None) == day


def test_officials_side_by_side_counterparts_and_honorifics(register):
    gazetteer = gazetteer_of(register)

    def named(text):
        mentions = list(gazetteer.mentions(text))
        resolve = {m.text: m.country for m in mentions}
        return [(o.name, o.title, o.country) for o in officials(text, mentions, resolve)]

    assert named("Russian and Chinese foreign ministers, Sergei Lavrov and Wang Yi, met.") == [
        ("Sergei Lavrov", "Minister of Foreign Affairs", "RU"),
        ("Wang Yi", "Minister of Foreign Affairs", "CN"),
    ]
    assert named("Prime Minister Jan Novak held talks with his Slovak counterpart Peter Horvath.") == [
        ("Jan Novak", "Prime Minister", None),
        ("Peter Horvath", "Prime Minister", "SK"),
    ]
    assert named("Saudi Foreign Minister Prince Faisal bin Farhan called.") == [
        ("Faisal bin Farhan", "Minister of Foreign Affairs", "SA"),
    ]
    assert named("Chinese Ambassador to Moscow Zhang Wei spoke.") == [("Zhang Wei", "Ambassador", "CN")]
    assert named("The Deputy Chairman for Trade Complex, Anna Berg, spoke.") == []
    assert is_headline("Saudi Foreign Minister Receives Phone Call From Us Secretary Of State")
    assert not is_headline("Foreign Minister Ivan Petrov met the ambassador.")


def test_the_other_side_of_a_meeting_but_not_of_a_mere_mention(register):
    met = run(
        register,
        "Prime Minister Jan Novak held talks with his Slovak counterpart Peter Horvath in Prague. "
        "Czech and Slovak ties are strong.",
    )
    assert {(p.name, p.country) for p in met.persons} == {("Jan Novak", "CZ"), ("Peter Horvath", "SK")}
    told = run(
        register,
        "During Prime Minister Jan Novak's trip, Slovak Minister of Trade Peter Horvath told reporters. "
        "Czech and Slovak ties are strong.",
    )
    assert {(p.name, p.country) for p in told.persons} == {("Peter Horvath", "SK")}


def test_trade_flows_changes_expectations_and_fiscal_years(register):
    data = run(
        register,
        "Turkey's trade with Turkmenistan in 2020 decreased by over $13.8 million, making up $930 million.\n"
        "Turkey's exports to Turkmenistan amounted to $720 million, "
        "and imports from Turkmenistan $210 million.\n"
        "They expect a record trade turnover of $2 billion in 2021.\n"
        "Bilateral trade grew from $7.2 billion in 2017-18.",
        "2021-02-24",
    )
    figures = {(t.flow.value, t.reporter, t.partner, t.amount, str(t.period)) for t in data.trade}
    assert figures == {
        ("turnover", "TM", "TR", Decimal(930000000), "2020"),
        ("export", "TR", "TM", Decimal(720000000), "2020"),
        ("import", "TR", "TM", Decimal(210000000), "2020"),
    }


def test_visits_credentials_and_recalled_meetings_keep_their_own_days(register):
    data = run(
        register,
        "Estonian Prime Minister Kaja Tamm is visiting Latvia from Sunday.\n"
        "Latvian President Anna Liepa accepted the credentials of Estonia's new ambassador to Latvia, "
        "Mart Kask, on Wednesday.\n"
        "In March 2022, Tamm and Liepa held a meeting in Riga.\n"
        "Estonia and Latvia will hold talks in June 2023.",
    )
    events = {(e.kind.value, str(e.date), e.source_country) for e in data.events}
    assert ("visit", "2023-05-14", "EE") in events
    assert ("credentials_presented", "2023-05-17", "EE") in events
    assert ("meeting", "2022-03", None) in events
    assert not any(str(e.date).startswith("2023-06") for e in data.events)  # not a fact yet


def test_a_lead_dates_the_meeting_and_a_year_carries_to_the_next_sentence(register):
    data = run(
        register,
        "The Foreign Ministers of Estonia and Latvia on Sunday reaffirmed their ties.\n"
        "Foreign Minister Kaja Tamm hosted Latvian Foreign Minister Anna Liepa in Tallinn.\n"
        "In 2022, cooperation grew.\n"
        "Estonian exports to Latvia amounted to $5 million.",
        "2023-05-08",
    )
    assert {(e.kind.value, str(e.date)) for e in data.events} == {("meeting", "2023-05-07")}
    assert {(t.flow.value, t.reporter, str(t.period), t.amount) for t in data.trade} == {
        ("export", "EE", "2022", Decimal(5000000))
    }


def test_a_visitor_named_before_by_surname_is_the_guest(register):
    data = run(
        register,
        "Estonian Foreign Minister Kaja Tamm met Latvian Foreign Minister Anna Liepa.\n"
        "Tamm arrived in Riga on May 15 for an official visit.",
    )
    visits = [
        (e.source_country, e.target_country, str(e.date)) for e in data.events if e.kind.value == "visit"
    ]
    assert visits == [("EE", "LV", "2023-05-15")]


def test_the_pair_comes_from_the_lead_and_a_bare_congo_is_neither(register):
    side_story = read_article(
        "President Anna Liepa arrived in Abidjan, Côte d' Ivoire, for a state visit.\n"
        "She was welcomed by her Ivorian counterpart.\n"
        "The visit follows a state visit to Nigeria. Nigeria and Ghana were also discussed. Nigeria.",
        published="2021-12-02",
    )
    assert article_pair(side_story, register) is None  # the lead names one country: no pair
    assert extract(side_story, register).events == ()
    gazetteer = gazetteer_of(register)
    text = "Talks in Congo, the Democratic Republic of Congo and Côte d’Ivoire."
    assert [(m.text, m.country) for m in gazetteer.mentions(text)] == [
        ("Democratic Republic of Congo", "CD"),
        ("Côte d’Ivoire", "CI"),
    ]


def test_a_head_of_state_named_without_the_country_is_known_by_name(register):
    """Accents, case and the Arabic article do not matter; the leader's name counts for the pair."""
    data = run(
        register,
        "Today at the palace, President Abdel Fattah El-Sisi met with President of the Republic of Angola "
        "and current Chairperson of the African Union, Joao Lourenco.",
    )
    assert {(p.name, p.country) for p in data.persons} == {
        ("Abdel Fattah El-Sisi", "EG"),
        ("Joao Lourenco", "AO"),
    }
    assert {p.title for p in data.posts} == {"President of Egypt", "President of Angola"}
    assert [(e.kind.value, str(e.date)) for e in data.events] == [("meeting", "2023-05-17")]
    # Only full names: a surname alone could be anyone's.
    assert article_pair(read_article("President Sisi met President Lourenco of Angola."), register) is None


def test_the_country_after_the_name_and_officials_of_third_countries(register):
    data = run(
        register,
        "President Paul Kagame on Saturday held a meeting with host President Patrice Talon of Benin. "
        "Both Heads of State exchanged on the friendly relations between the two nations. "
        "Elsewhere, Sudanese President Omar al-Bashir met Ethiopian Prime Minister Hailemariam Desalegn.",
    )
    assert {(p.name, p.country) for p in data.persons} == {("Paul Kagame", "RW"), ("Patrice Talon", "BJ")}


def test_a_ministry_site_is_its_own_side_of_the_pair(register):
    text = (
        "This afternoon, Foreign Affairs Minister, Alberto van Klaveren, received a telephone call from "
        "his US counterpart, Antony Blinken."
    )
    article = read_article(text, url="https://www.minrel.gob.cl/news/x", published="2023-04-05")
    assert article_pair(article, register) == ("CL", "US")
    data = extract(article, register)
    assert {(p.name, p.country) for p in data.persons} == {
        ("Alberto van Klaveren", "CL"),
        ("Antony Blinken", "US"),
    }
    assert {p.title for p in data.posts} == {
        "Minister of Foreign Affairs of Chile",
        "Secretary of State of United States",
    }
    assert [(e.kind.value, str(e.date)) for e in data.events] == [("phone_call", "2023-04-05")]
    # A domain anyone can buy says nothing of the publisher.
    elsewhere = read_article(text, url="https://news.example.io/x", published="2023-04-05")
    assert article_pair(elsewhere, register) is None


def test_an_unnamed_counterpart_gives_the_other_side(register):
    data = run(
        register,
        "President Cyril Ramaphosa arrived in Abidjan, Cote d'Ivoire, on Wednesday for a two-day "
        "State Visit. "
        "Upon arrival, the President was welcomed by his Ivorian counterpart, President Alassane Ouattara "
        "and then proceeded to the pavilion for a meeting. "
        "Minister of Trade Lindiwe Sisulu and her Ivorian counterpart signed an agreement.",
    )
    assert {(p.name, p.country) for p in data.persons} == {
        ("Cyril Ramaphosa", "ZA"),
        ("Alassane Ouattara", "CI"),
        ("Lindiwe Sisulu", "ZA"),
    }
    assert {(e.kind.value, str(e.date), e.source_country) for e in data.events} == {
        ("visit", "2023-05-17", "ZA"),
        ("meeting", "2023-05-17", None),
    }


def test_news_korea_is_the_republic_and_future_events_are_not_facts(register):
    gazetteer = gazetteer_of(register)
    assert [m.country for m in gazetteer.mentions("Korea, North Korea and the Korean side")] == [
        "KR",
        "KP",
        "KR",
    ]
    # Both Congos are "Congo" in news: neither is guessed.
    assert [m.country for m in gazetteer.mentions("Congo and the DRC")] == ["CD"]
    data = run(
        register,
        "The German Chancellor, Angela Merkel will visit Poland on Saturday, September 11 to meet with the "
        "President of the Republic of Poland, Andrzej Duda. During the meetings, Polish-German relations "
        "will be discussed.",
        published="2021-09-03",
    )
    assert {(p.name, p.country) for p in data.persons} == {("Angela Merkel", "DE"), ("Andrzej Duda", "PL")}
    assert data.events == ()


def test_a_bare_weekday_and_a_visit_recalled_by_its_month(register):
    data = run(
        register,
        "Leaders of Korea, Indonesia affirm their partnership\n\n"
        "President Yoon Suk-yeol held a summit with Indonesian President Joko Widodo in Seoul Thursday. "
        "Widodo last visited Korea in November 2019.",
        published="2022-07-28",
    )
    assert {(p.name, p.country) for p in data.persons} == {("Yoon Suk-yeol", "KR"), ("Joko Widodo", "ID")}
    assert {(e.kind.value, str(e.date), e.source_country) for e in data.events} == {
        ("meeting", "2022-07-28", None),
        ("visit", "2019-11", "ID"),
    }


def test_a_member_of_parliament_named_before_the_post(register):
    data = run(
        register,
        "Mr. KISHIDA Fumio, Prime Minister of Japan, held a summit meeting with the Hon. Anthony Albanese, "
        "MP, Prime Minister of the Commonwealth of Australia.",
    )
    assert {(p.name, p.country) for p in data.persons} == {
        ("KISHIDA Fumio", "JP"),
        ("Anthony Albanese", "AU"),
    }
