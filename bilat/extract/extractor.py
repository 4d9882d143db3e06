"""An article's facts about a pair of countries, each with the sentence it comes from.

Rules, not a model: the genre is regular ("X met Y", "relations were established on ...", "trade
turnover amounted to $N in YEAR"), the run is offline and takes milliseconds, and every fact can
say which rule found it. The pair is the two countries the article names most. Valid time (when
relations were established, when an embassy opened) is kept apart from report time (when the
article was published): the article is the source, the dates are the facts'.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bilat.countries import Register
from bilat.dates import PartialDate
from bilat.extract.article import Article
from bilat.extract.mentions import Mention, gazetteer_of
from bilat.extract.officials import Official, is_headline, officials
from bilat.extract.sentences import Sentence, sentences
from bilat.extract.values import MONTHS, DateFound, amounts_in, count_before, dates_in, relative_day
from bilat.models import (
    BilateralRelation,
    CooperationArea,
    Dataset,
    DiplomaticMission,
    Event,
    Evidence,
    Person,
    Post,
    PostHolding,
    Record,
    ReportedCount,
    Source,
    TradeFigure,
    dataset_of,
    slug,
)
from bilat.rdf import iri_of

METHOD = "rules-1"
"""The extraction method's name, recorded on every piece of evidence (rule names follow a dot)."""


@dataclass
class _Found:
    """What the rules found so far: records by IRI, and evidence for each."""

    source: Source
    records: dict[str, Record] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def add(self, record: Record, sentence: Sentence, rule: str, confidence: str) -> Record:
        iri = str(iri_of(record))
        kept = self.records.setdefault(iri, record)
        fact = f"{iri.split('/id/')[1]}"
        proof = Evidence(
            fact=fact,
            quote=sentence.text,
            start=sentence.start,
            end=sentence.end,
            method=f"{METHOD}.{rule}",
            confidence=Decimal(confidence),
            sources=(self.source.id,),
        )
        self.evidence.setdefault(str(iri_of(proof)), proof)
        return kept


def extract(article: Article, register: Register, areas: Iterable[CooperationArea] = ()) -> Dataset:
    """The draft dataset of ``article``: its source, the facts found, and their evidence."""
    gazetteer = gazetteer_of(register)
    source = _source(article)
    found = _Found(source)
    parts = [(s, [m for m in gazetteer.mentions(s.text)]) for s in sentences(article.text)]
    pair = _pair(parts)
    if pair is None:
        return Dataset(sources=(source,))
    a, b = pair
    named = {sentence.start: _officials(sentence, mentions, pair) for sentence, mentions in parts}
    people = _people(named)
    published = PartialDate.parse(article.published) if article.published else None
    area_ids = _areas([s.text for s, _ in parts if re.search(r"\b(cooperation|discuss\w*)\b", s.text)], areas)
    names = {code: register.countries[code].name for code in (a, b)}
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
        if _TRADE.search(text):
            context = trade_year or earlier_year
            trade_year = _trade_figures(found, sentence, mentions, (a, b), dates, context)
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
            _aid(found, sentence, mentions, a, b, dates[0].date)
    _meeting(found, parts, named, (a, b), people, published, area_ids)
    _credentials(found, parts, named, (a, b), people, published)
    _visits(found, parts, named, (a, b), people, published)
    _restated_meetings(found, parts, named, (a, b), people, published)
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
    return _pair([(s, list(gazetteer.mentions(s.text))) for s in sentences(article.text)])


LEAD = 2
"""Sentences that make an article's lead, after its headline if it has one."""


def _pair(parts: list[tuple[Sentence, list[Mention]]]) -> tuple[str, str] | None:
    """The two countries the article names most among those its lead (headline and two sentences)
    names; None when the lead names fewer than two. A country named only further down is a side
    story ("The visit follows a State Visit to Nigeria ..."): guessing it would put facts on the
    wrong pair, so the article is left without a pair instead."""
    counts = Counter(m.country for _, ms in parts for m in ms)
    size = LEAD + 1 if parts and is_headline(parts[0][0].text) else LEAD
    lead = {m.country for _, ms in parts[:size] for m in ms}
    top = sorted(lead, key=lambda code: -counts[code])[:2]
    return (min(top), max(top)) if len(top) == 2 else None


_INTERACTION = re.compile(
    r"\b(met|meets|meeting|talks?|received|hosted|discuss\w*|consultations|negotiations|telephoned"
    r"|call|conversation|credentials|credence|counterpart|between)\b",
    re.IGNORECASE,
)
"""Words of two officials dealing with each other, not merely named in one sentence."""


def _officials(sentence: Sentence, mentions: list[Mention], pair: tuple[str, str]) -> list[Official]:
    """The officials of a sentence (none in a headline); in a sentence about a meeting, one whose
    country the sentence does not give, beside officials of one country of the pair only, is of the
    other ("Prime Minister Narendra Modi held talks with his Bangladeshi counterpart Sheikh Hasina")."""
    if is_headline(sentence.text):
        return []
    resolve = {m.text: m.country for m in mentions}
    found = list(officials(sentence.text, mentions, resolve))
    sides = {o.country for o in found if o.country in pair}
    if len(sides) == 1 and _INTERACTION.search(sentence.text):
        other = pair[1] if pair[0] in sides else pair[0]
        found = [o if o.country else replace(o, country=other) for o in found]
    return found


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
    found: _Found, official: Official, sentence: Sentence, pair: tuple[str, str], names: dict[str, str]
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


_MONTH_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_MONTH_COUNTS = {word: number for number, word in enumerate(_MONTH_WORDS, start=2)}


_TRADE = re.compile(
    r"\b(trade turnover|turnover between|(?:bilateral|mutual|foreign|two-way) trade"
    r"|trade (?:between|with|volume)|volume of (?:[\w-]+ )?trade|exports?|imports?)\b",
    re.IGNORECASE,
)
_FLOW = re.compile(r"\b(?P<flow>exports?|imports?)\s+(?:to|from)\s+(?P<partner>[A-Z][\w]+(?:\s[A-Z][\w]+)?)")
_CHANGE = re.compile(r"\b(by|decreased|increased|grew|fell|less|more)(\s+(?:over|about|nearly|almost))?\s*$")
_NOT_YET = re.compile(
    r"\b(expect\w*|will|would|should|could|target\w*|goal|aim\w*|plan\w*|forecast\w*|projected"
    r"|to reach|exceeding|potential)\b",
    re.IGNORECASE,
)


def _trade_figures(
    found: _Found,
    sentence: Sentence,
    mentions: list[Mention],
    pair: tuple[str, str],
    dates: list[DateFound],
    context: PartialDate | None,
) -> PartialDate | None:
    """The sums a sentence about trade gives: a flow ("Turkey's exports to Turkmenistan amounted to
    $720 million") or the pair's turnover, for the year nearest the sum, else the year of the
    article's previous figures. A sum announced as a goal or an expectation ("expect a record
    turnover of $140 billion") or a change ("decreased by $13.8 million") is not a figure. Returns
    the year used."""
    text = sentence.text
    taken = False
    for amount in amounts_in(text):
        clause = re.split(r"[,;:]|\band\b", text[: amount.start])[-1]
        if _NOT_YET.search(clause) or _CHANGE.search(clause):
            continue
        # The year nearest the sum ("$140 billion in 2021", not the dateline's day in 2022).
        years = sorted(dates, key=lambda d: (d.date.day is not None, abs(d.start - amount.end)))
        if years and re.match(r"[-–/]\d\d", text[years[0].end :]):
            continue  # a fiscal year ("in 2021-22"): countries start it in different months
        year = PartialDate(years[0].date.year) if years else context
        if year is None:
            continue
        context = year
        flow = _flow(text[: amount.start], mentions, pair)
        if flow is None:
            if taken:
                continue  # one turnover a sentence: the next sums are its parts or comparisons
            _trade(found, sentence, pair, amount.amount, amount.currency, year)
            taken = True
        else:
            kind, reporter, partner = flow
            _trade(found, sentence, (reporter, partner), amount.amount, amount.currency, year, kind)
    return context


def _flow(before: str, mentions: list[Mention], pair: tuple[str, str]) -> tuple[str, str, str] | None:
    """The flow the text before a sum speaks of: ("export", reporter, partner) for "Chinese exports to
    Russia" or "Turkey's exports to Turkmenistan", ("import", ...) for "imports from"; None for turnover."""
    flows = list(_FLOW.finditer(before))
    if not flows:
        bare = list(re.finditer(r"\b(?P<flow>exports?|imports?)\b", before))
        if not bare:
            return None
        kind = "export" if bare[-1]["flow"].startswith("export") else "import"
        reporter = _nearest_country(before, bare[-1].start(), mentions, pair)
        if reporter is None:
            return None
        return kind, reporter, pair[1] if reporter == pair[0] else pair[0]
    last = flows[-1]
    kind = "export" if last["flow"].startswith("export") else "import"
    partner = next((m.country for m in mentions if m.start == last.start("partner")), None)
    if partner not in pair:
        return None
    reporter = pair[1] if partner == pair[0] else pair[0]
    return kind, reporter, partner


def _nearest_country(text: str, position: int, mentions: list[Mention], pair: tuple[str, str]) -> str | None:
    """The country of the pair named last before ``position`` ("China's imports")."""
    before = [m for m in mentions if m.end <= position and m.country in pair]
    return before[-1].country if before and position - before[-1].end <= 12 else None


def _trade(
    found: _Found,
    sentence: Sentence,
    pair: tuple[str, str],
    amount: Decimal,
    currency: str,
    year: PartialDate,
    flow: str = "turnover",
) -> None:
    """Turnover (or one side's flow) for a year, or for its first months ("in nine months of 2019")."""
    a, b = pair
    months = re.search(rf"\b({'|'.join(_MONTH_COUNTS)}) months\b", sentence.text, re.IGNORECASE)
    span = re.search(rf"\bJanuary\s*(?:-|–|to)\s*({'|'.join(MONTHS)})\b", sentence.text, re.IGNORECASE)
    period_end = None
    if months:
        period_end = PartialDate(year.year, _MONTH_COUNTS[months.group(1).lower()])
    elif span and MONTHS[span.group(1).lower()] < 12:
        period_end = PartialDate(year.year, MONTHS[span.group(1).lower()])
    figure = TradeFigure(
        flow=flow,
        reporter=a,
        partner=b,
        period=year,
        period_end=period_end,
        amount=amount,
        currency=currency,
        sources=(found.source.id,),
    )
    found.add(figure, sentence, f"trade-{flow}", "0.85" if flow == "turnover" else "0.75")


def _restated(text: str, published: PartialDate | None) -> PartialDate | None:
    """The past date a sentence puts its event on ("In November 2022, ... held a meeting"), when it
    gives one with its year and at least its month, other than the month of publication."""
    for found in dates_in(text):
        date = found.date
        if date.month is None:
            continue
        if published is None or (date.year, date.month) != (published.year, published.month):
            return date
    return None


def _day_of(text: str, published: PartialDate | None) -> PartialDate | None:
    """The day a sentence puts its event on: a day it writes ("on June 1", with the year of
    publication when it gives none), else "yesterday", "today" or "on Friday" counted back from the
    publication."""
    year = published.year if published else None
    written = next((d.date for d in dates_in(text, year) if d.date.day is not None), None)
    return written or relative_day(text, published)


def _day_before(
    parts: list[tuple[Sentence, list[Mention]]],
    sentence: Sentence,
    pair: tuple[str, str],
    published: PartialDate | None,
) -> PartialDate | None:
    """The day the sentence before gives, when that sentence names both countries: a lead that
    dates the news ("The Foreign Ministers of A and B on Sunday reaffirmed ...") before the sentence
    that says who met whom."""
    starts = [s.start for s, _ in parts]
    index = starts.index(sentence.start)
    if index == 0:
        return None
    before, mentions = parts[index - 1]
    if {m.country for m in mentions} < set(pair):
        return None
    return _day_of(before.text, published)


def _is_meeting(text: str) -> bool:
    words = r"\b(met|meets|meeting|talks?|received|hosted|discussed|consultations|negotiations)\b"
    return bool(re.search(words, text, re.IGNORECASE))


def _is_call(text: str) -> bool:
    return bool(re.search(r"\b(tele)?phone (call|conversation|talks?)\b", text, re.IGNORECASE))


def _meeting(
    found: _Found,
    parts: list[tuple[Sentence, list[Mention]]],
    named: dict[int, list[Official]],
    pair: tuple[str, str],
    people: dict[str, Official],
    published: PartialDate | None,
    areas: list[str],
) -> None:
    """The news event: the first sentence that reports a meeting of officials of both countries,
    else the first that reports the two countries meeting or discussing. Its date is a full date in
    that sentence, else the article's."""
    a, b = pair
    current = [(s, ms) for s, ms in parts if _restated(s.text, published) is None]
    calls = [(s, ms) for s, ms in current if _is_call(s.text)]
    meetings = calls or [(s, ms) for s, ms in current if _is_meeting(s.text)]
    with_officials = [
        (s, ms) for s, ms in meetings if {people[o.name].country for o in named[s.start]} >= {a, b}
    ]
    naming_both = [(s, ms) for s, ms in meetings if {m.country for m in ms} >= {a, b}]
    recalled = [(s, ms) for s, ms in meetings if _sides(s, ms, named[s.start], people) >= {a, b}]
    chosen = with_officials or naming_both or recalled
    if not chosen:
        return
    sentence = chosen[0][0]
    date = _day_of(sentence.text, published) or _day_before(parts, sentence, pair, published) or published
    if date is None:
        return
    participants = tuple(sorted({slug(o.name) for o in people.values() if o.country in pair}))
    kind = "phone_call" if _is_call(sentence.text) else "meeting"
    event = Event(
        id=f"{a}-{b}-{date}-{kind.replace('_', '-')}".lower(),
        kind=kind,
        date=date,
        countries=(a, b),
        title=sentence.text[:200].rstrip(". "),
        participants=participants,
        areas=tuple(areas),
        sources=(found.source.id,),
    )
    found.add(event, sentence, kind.replace("_", "-"), "0.75")


def _sides(
    sentence: Sentence, mentions: list[Mention], officials: list[Official], people: dict[str, Official]
) -> set[str]:
    """The countries a sentence involves: named, through its officials, or through the surname of
    an official the article has named before ("... Xi Jinping and Biden held a meeting")."""
    words = set(re.findall(r"\w+", sentence.text))
    named = [people[o.name] for o in officials]
    recalled = [p for p in people.values() if p.name.split()[-1] in words]
    return {m.country for m in mentions} | {p.country for p in named + recalled if p.country}


def _credentials(
    found: _Found,
    parts: list[tuple[Sentence, list[Mention]]],
    named: dict[int, list[Official]],
    pair: tuple[str, str],
    people: dict[str, Official],
    published: PartialDate | None,
) -> None:
    """An ambassador presenting credentials ("accepted the Letter of Credence of China's new
    ambassador"): the sending state is the ambassador's."""
    for sentence, mentions in parts:
        text = sentence.text
        if not re.search(r"\b(credentials|letters? of credence)\b", text, re.IGNORECASE):
            continue
        if not re.search(r"\b(present\w*|accept\w*|receiv\w*|hand\w*)\b", text, re.IGNORECASE):
            continue
        if not _sides(sentence, mentions, named[sentence.start], people) >= set(pair):
            continue
        year = published.year if published else None
        date = next((d.date for d in dates_in(text, year) if d.date.day is not None), published)
        envoy = next((people[o.name] for o in named[sentence.start] if o.title == "Ambassador"), None)
        if date is None or envoy is None or envoy.country not in pair:
            continue
        host = pair[1] if envoy.country == pair[0] else pair[0]
        event = Event(
            id=f"{envoy.country}-{host}-{date}-credentials".lower(),
            kind="credentials_presented",
            date=date,
            countries=pair,
            source_country=envoy.country,
            target_country=host,
            title=text[:200].rstrip(". "),
            participants=(slug(envoy.name),),
            sources=(found.source.id,),
        )
        found.add(event, sentence, "credentials", "0.7")
        return


def _visits(
    found: _Found,
    parts: list[tuple[Sentence, list[Mention]]],
    named: dict[int, list[Official]],
    pair: tuple[str, str],
    people: dict[str, Official],
    published: PartialDate | None,
) -> None:
    """A visit on a day the sentence gives ("held a working visit to Ankara On February 22",
    "visiting Vladivostok from Sunday"): the guest is the official or the people named before the
    word, the host the other country of the pair. A visit without its day is background."""
    for sentence, mentions in parts:
        text = sentence.text
        word = re.search(r"\bvisit(?:ing|ed|s)?\b", text)
        if word is None:
            continue
        date = _day_of(text, published)
        if date is None or (published is not None and date.earliest > published.latest):
            continue
        guests = [  # an ambassador lives where he travels: his trips are not visits between states
            people[o.name].country
            for o in named[sentence.start]
            if o.start < word.start() and people[o.name].title != "Ambassador"
        ]
        guests += [m.country for m in mentions if m.demonym and m.end <= word.start()]
        words = set(re.findall(r"\w+", text[: word.start()]))
        guests += [
            p.country
            for p in people.values()
            if p.country and p.title != "Ambassador" and p.name.split()[-1] in words
        ]
        guest = next((c for c in guests if c in pair), None)
        if guest is None:
            continue
        host = pair[1] if guest == pair[0] else pair[0]
        event = Event(
            id=f"{guest}-{host}-{date}-visit".lower(),
            kind="visit",
            date=date,
            countries=pair,
            source_country=guest,
            target_country=host,
            title=text[:200].rstrip(". "),
            sources=(found.source.id,),
        )
        found.add(event, sentence, "visit", "0.65")


def _restated_meetings(
    found: _Found,
    parts: list[tuple[Sentence, list[Mention]]],
    named: dict[int, list[Official]],
    pair: tuple[str, str],
    people: dict[str, Official],
    published: PartialDate | None,
) -> None:
    """Past meetings an article recalls, on the date it gives them (their valid time), apart from
    the news event it reports."""
    a, b = pair
    for sentence, mentions in parts:
        date = _restated(sentence.text, published)
        if date is None or not re.search(r"\b(met|meeting|talks|negotiations)\b", sentence.text):
            continue
        if published is not None and date.earliest > published.latest:
            continue  # a meeting to come is not a fact yet
        if not _sides(sentence, mentions, named[sentence.start], people) >= {a, b}:
            continue
        event = Event(
            id=f"{a}-{b}-{date}-meeting".lower(),
            kind="meeting",
            date=date,
            countries=pair,
            title=sentence.text[:200].rstrip(". "),
            sources=(found.source.id,),
        )
        found.add(event, sentence, "restated-meeting", "0.6")


def _aid(
    found: _Found, sentence: Sentence, mentions: list[Mention], a: str, b: str, date: PartialDate
) -> None:
    giver = next((m.country for m in mentions if m.demonym and m.country in (a, b)), None)
    if giver is None:
        return
    receiver = b if giver == a else a
    event = Event(
        id=f"{giver}-{receiver}-{date}-aid".lower(),
        kind="aid",
        date=date,
        countries=(a, b),
        source_country=giver,
        target_country=receiver,
        title=sentence.text[:200].rstrip(". "),
        sources=(found.source.id,),
    )
    found.add(event, sentence, "aid", "0.6")


def _areas(texts: list[str], areas: Iterable[CooperationArea]) -> list[str]:
    """The cooperation areas whose English label the sentences about cooperation use ("the
    pharmaceutical industry")."""
    lowered = " ".join(texts).lower()
    return sorted(area.id for area in areas if re.search(rf"\b{re.escape(area.label.lower())}\b", lowered))


def _dataset(found: _Found) -> Dataset:
    return dataset_of([found.source, *found.records.values(), *found.evidence.values()])
