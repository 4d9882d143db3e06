"""An article's facts about a pair of countries, each with the sentence it comes from.

Rules, not a model (decision 0010): the genre is regular ("X met Y", "relations were established on
...", "trade turnover amounted to $N in YEAR"), the run is offline and takes milliseconds, and every
fact can say which rule found it. This module finds the pair (from the lead), the officials and the
relations, embassies and counts; ``events`` and ``trade`` hold the rules for events and trade
figures. Valid time (when relations were established, when an embassy opened) is kept apart from
report time (when the article was published): the article is the source, the dates are the facts'.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from bilat.extract.article import Article
from bilat.extract.events import (
    Reading,
    aid_given,
    credentials_presented,
    news_event,
    recalled_meetings,
    visits,
)
from bilat.extract.found import Found
from bilat.extract.home import home_country
from bilat.extract.mentions import Mention, gazetteer_of
from bilat.extract.officials import Official, counterpart_countries, is_headline, officials
from bilat.extract.sentences import Sentence, sentences
from bilat.extract.trade import TRADE, trade_figures
from bilat.extract.values import count_before, dates_in
from bilat.model.dataset import (
    BilateralRelation,
    CooperationArea,
    Dataset,
    DiplomaticMission,
    Person,
    Post,
    PostHolding,
    ReportedCount,
    Source,
    dataset_of,
    slug,
)
from bilat.model.dates import PartialDate
from bilat.register import Register, readable_name


def extract(article: Article, register: Register, areas: Iterable[CooperationArea] = ()) -> Dataset:
    """The draft dataset of ``article``: its source, the facts found, and their evidence."""
    gazetteer = gazetteer_of(register)
    source = _source(article)
    found = Found(source)
    parts = [(s, [m for m in gazetteer.mentions(s.text)]) for s in sentences(article.text)]
    pair = _pair(parts, home_country(article.url, register))
    if pair is None:
        return Dataset(sources=(source,))
    a, b = pair
    named = {sentence.start: _officials(sentence, mentions, pair) for sentence, mentions in parts}
    people = _people(named)
    published = PartialDate.parse(article.published) if article.published else None
    area_ids = _areas([s.text for s, _ in parts if re.search(r"\b(cooperation|discuss\w*)\b", s.text)], areas)
    names = {code: readable_name(register.countries[code]) for code in (a, b)}
    trade_year: PartialDate | None = None  # the year the article's trade figures are for, so far
    earlier_year: PartialDate | None = None  # the last year the sentence before named
    for sentence, mentions in parts:
        for official in named[sentence.start]:
            _official(found, people[official.name], sentence, (a, b), names)
        text = sentence.text
        dates = dates_in(text)
        if re.search(r"\b(relations|ties)\b.*\bestablished\b", text, re.IGNORECASE) and dates:
            relation = BilateralRelation(countries=(a, b), established=dates[0].date, sources=(source.id,))
            found.add(relation, sentence, "relations-established", "0.9")
        embassy = re.search(r"\bembassy of (?P<sending>[A-Z][\w ]+?) in (?P<host>[A-Z][\w ]+?)\b", text)
        if embassy and dates and re.search(r"\b(established|opened)\b", text):
            sending, host = _country(embassy["sending"], mentions), _country(embassy["host"], mentions)
            if sending and host and {sending, host} == {a, b}:
                mission = DiplomaticMission(
                    sending=sending, host=host, kind="embassy", opened=dates[-1].date, sources=(source.id,)
                )
                found.add(mission, sentence, "embassy-opened", "0.85")
        if TRADE.search(text):
            context = trade_year or earlier_year
            trade_year = trade_figures(found, sentence, mentions, (a, b), dates, context)
        years = [d.date for d in dates if d.date.day is None]  # a dateline's day is not a period
        earlier_year = PartialDate(years[-1].year) if years else None
        if re.search(r"\bsigned\b", text):
            counted = count_before(text, "documents")
            if counted is not None:
                count = ReportedCount(
                    countries=(a, b), counted="documents signed", count=counted[0], sources=(source.id,)
                )
                found.add(count, sentence, "documents-signed", "0.8")
        aid = re.search(r"\b(specialists|doctors|medical (?:team|brigade)s?)\b", text, re.IGNORECASE)
        if aid and re.search(r"\b(arriv\w*|sent)\b", text) and dates:
            aid_given(found, sentence, mentions, a, b, dates[0].date)
    reading = Reading(parts, named, (a, b), people, published)
    news_event(found, reading, area_ids)
    credentials_presented(found, reading)
    visits(found, reading)
    recalled_meetings(found, reading)
    return _dataset(found)


def _source(article: Article) -> Source:
    """The article as a source; its id joins publisher, date and title."""
    words = " ".join(x for x in (article.publisher, article.published, article.title) if x) or "article"
    key = slug(words)[:100].strip("-")
    return Source(
        id=key,
        kind="news_article",
        title=article.title,
        publisher=article.publisher,
        published=PartialDate.parse(article.published) if article.published else None,
        url=article.url,
    )


def article_pair(article: Article, register: Register) -> tuple[str, str] | None:
    """The article's pair of countries, in code order (see ``_pair``)."""
    gazetteer = gazetteer_of(register)
    parts = [(s, list(gazetteer.mentions(s.text))) for s in sentences(article.text)]
    return _pair(parts, home_country(article.url, register))


LEAD = 2
"""Sentences that make an article's lead, after its headline if it has one."""


def _pair(parts: list[tuple[Sentence, list[Mention]]], home: str | None) -> tuple[str, str] | None:
    """The two countries the article names most among those its opening (headline and first
    sentence) names, else among those its lead (headline and two sentences) names, or the one the
    lead names and the country of a ministry or national outlet that publishes it ("Foreign Affairs
    Minister ... received a call from his US counterpart" on minrel.gob.cl); None when the lead
    names fewer. A country named only further down is a side story ("The visit follows a State
    Visit to Nigeria ...", "Earlier, the Prime Minister held talks with his Canadian counterpart"):
    guessing it would put facts on the wrong pair, so the article is left without a pair instead."""
    counts = Counter(m.country for _, ms in parts for m in ms)
    headline = 1 if parts and is_headline(parts[0][0].text) else 0
    for size in (headline + 1, headline + LEAD):
        named = {m.country for _, ms in parts[:size] for m in ms}
        if len(named) == 1 and home is not None:
            named.add(home)
        if len(named) >= 2:
            top = sorted(named, key=lambda code: (-counts[code], code))[:2]
            return min(top), max(top)
    return None


_INTERACTION = re.compile(
    r"\b(met|meets|meeting|talks?|received|hosted|discuss\w*|consultations|negotiations|telephoned"
    r"|call|conversation|credentials|credence|counterparts?|between|visiting|welcom\w+|greeted|summit)\b",
    re.IGNORECASE,
)
"""Words of two officials dealing with each other, not merely named in one sentence."""


def _officials(sentence: Sentence, mentions: list[Mention], pair: tuple[str, str]) -> list[Official]:
    """The officials of the pair in a sentence (none in a headline); in a sentence about a meeting,
    one whose country the sentence does not give, beside officials of one country of the pair only,
    is of the other ("Prime Minister Narendra Modi held talks with his Bangladeshi counterpart
    Sheikh Hasina"). Officials of third countries belong to another story."""
    if is_headline(sentence.text):
        return []
    resolve = {m.text: m.country for m in mentions}
    found = list(officials(sentence.text, mentions, resolve))
    sides = {o.country for o in found if o.country in pair} | counterpart_countries(sentence.text, mentions)
    if len(sides) == 1 and _INTERACTION.search(sentence.text):
        other = pair[1] if pair[0] in sides else pair[0]
        found = [o if o.country else replace(o, country=other) for o in found]
    return [o for o in found if o.country is None or o.country in pair]


def _people(named: dict[int, list[Official]]) -> dict[str, Official]:
    """Each official once, with the country and title the article gives most fully."""
    people: dict[str, Official] = {}
    for found in named.values():
        for official in found:
            known = people.get(official.name)
            if known is None or (known.country is None and official.country is not None):
                people[official.name] = official
    return people


def _official(
    found: Found, official: Official, sentence: Sentence, pair: tuple[str, str], names: dict[str, str]
) -> None:
    """The person, the post and the holding; an ambassador of one of the pair whose host the text
    does not give is taken to be accredited to the other."""
    country = official.country
    if country is None:
        return
    person = Person(id=slug(official.name), name=official.name, country=country)
    found.add(person, sentence, "official", "0.9")
    host = official.host or (pair[1] if country == pair[0] else pair[0] if country == pair[1] else None)
    name = names.get(country) or country
    if official.title == "Ambassador" and host:
        post_id = f"{country.lower()}-ambassador-to-{host.lower()}"
        title = f"Ambassador of {name} to {names.get(host) or host}"
    else:
        post_id, title = f"{country.lower()}-{slug(official.title)}", f"{official.title} of {name}"
    post = Post(id=post_id, title=title, country=country)
    found.add(post, sentence, "official", "0.8")
    holding = PostHolding(person=person.id, post=post.id, sources=(found.source.id,))
    found.add(holding, sentence, "official", "0.8")


def _country(text: str, mentions: list[Mention]) -> str | None:
    return next((m.country for m in mentions if m.text == text.strip()), None)


def _areas(texts: list[str], areas: Iterable[CooperationArea]) -> list[str]:
    """The cooperation areas whose English label the sentences about cooperation use ("the
    pharmaceutical industry")."""
    lowered = " ".join(texts).lower()
    return sorted(area.id for area in areas if re.search(rf"\b{re.escape(area.label.lower())}\b", lowered))


def _dataset(found: Found) -> Dataset:
    return dataset_of([found.source, *found.records.values(), *found.evidence.values()])
