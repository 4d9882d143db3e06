"""Events in an article: the news meeting or call, credentials presented, visits, meetings it
recalls and aid, each on the day the text gives it (valid time) rather than the day of publication
(report time) where the text says."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bilat.extract.found import Found
from bilat.extract.mentions import Mention
from bilat.extract.officials import Official, counterpart_countries
from bilat.extract.sentences import Sentence
from bilat.extract.values import dates_in, relative_day
from bilat.model.dataset import Event, slug
from bilat.model.dates import PartialDate


@dataclass(frozen=True)
class Reading:
    """An article as the event rules see it: its sentences with their country mentions, the
    officials of each sentence (by its start), the pair, the officials by name with their fullest
    country and post, and the day of publication."""

    parts: list[tuple[Sentence, list[Mention]]]
    named: dict[int, list[Official]]
    pair: tuple[str, str]
    people: dict[str, Official]
    published: PartialDate | None


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


def _day_before(reading: Reading, sentence: Sentence) -> PartialDate | None:
    """The day the sentence before gives, when that sentence names both countries: a lead that
    dates the news ("The Foreign Ministers of A and B on Sunday reaffirmed ...") before the sentence
    that says who met whom."""
    starts = [s.start for s, _ in reading.parts]
    index = starts.index(sentence.start)
    if index == 0:
        return None
    before, mentions = reading.parts[index - 1]
    if {m.country for m in mentions} < set(reading.pair):
        return None
    return _day_of(before.text, reading.published)


def is_meeting(text: str) -> bool:
    words = (
        r"\b(met|meets|meeting|talks?|received|receives|hosted|hosts|welcomed|welcomes|greeted|discussed"
        r"|consultations|negotiations|summit)\b"
    )
    return bool(re.search(words, text, re.IGNORECASE))


_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:scheduled|set|expected|due|going)\s+to|plans?\s+to)\s+(?:(?:also|then|be|officially|formally)\s+)*"
    r"(?:visit|meet|hold|held|travel|pay|discuss|host|receiv|sign|talk)\w*\b",
    re.IGNORECASE,
)


def is_future(text: str) -> bool:
    """A sentence announcing an event to come ("will visit Poland on Saturday, September 11", "will
    be discussed"): not a fact yet."""
    return bool(_FUTURE.search(text))


def is_call(text: str) -> bool:
    return bool(re.search(r"\b(tele)?phone (call|conversation|talks?)\b", text, re.IGNORECASE))


def news_event(
    found: Found,
    reading: Reading,
    areas: list[str],
) -> None:
    """The news event: the first sentence that reports a meeting of officials of both countries,
    else the first that reports the two countries meeting or discussing. Its date is the day that
    sentence gives, else the day the sentence before gives, else the day of publication."""
    a, b = reading.pair
    current = [
        (s, ms)
        for s, ms in reading.parts
        if _restated(s.text, reading.published) is None and not is_future(s.text)
    ]
    calls = [(s, ms) for s, ms in current if is_call(s.text)]
    meetings = calls or [(s, ms) for s, ms in current if is_meeting(s.text)]
    with_officials = [
        (s, ms)
        for s, ms in meetings
        if {reading.people[o.name].country for o in reading.named[s.start]} | _counterparts(s, ms, reading)
        >= {a, b}
    ]
    naming_both = [(s, ms) for s, ms in meetings if {m.country for m in ms} >= {a, b}]
    recalled = [
        (s, ms) for s, ms in meetings if _sides(s, ms, reading.named[s.start], reading.people) >= {a, b}
    ]
    chosen = with_officials or naming_both or recalled
    if not chosen:
        return
    sentence = chosen[0][0]
    date = _day_of(sentence.text, reading.published) or _day_before(reading, sentence) or reading.published
    if date is None:
        return
    participants = tuple(sorted({slug(o.name) for o in reading.people.values() if o.country in reading.pair}))
    kind = "phone_call" if is_call(sentence.text) else "meeting"
    rule = kind.replace("_", "-")
    _add(found, sentence, rule, "0.75", kind, date, (a, b), participants=participants, areas=tuple(areas))


def _counterparts(sentence: Sentence, mentions: list[Mention], reading: Reading) -> set[str]:
    """Both countries of the pair when the sentence names one's official as the other's counterpart
    ("the President was welcomed by his Ivorian counterpart")."""
    found = counterpart_countries(sentence.text, mentions)
    return set(reading.pair) if found & set(reading.pair) else set()


def _sides(
    sentence: Sentence, mentions: list[Mention], officials: list[Official], people: dict[str, Official]
) -> set[str]:
    """The countries a sentence involves: named, through its officials, or through the surname of
    an official the article has named before ("... Xi Jinping and Biden held a meeting")."""
    words = set(re.findall(r"\w+", sentence.text))
    named = [people[o.name] for o in officials]
    recalled = [p for p in people.values() if p.name.split()[-1] in words]
    return {m.country for m in mentions} | {p.country for p in named + recalled if p.country}


def credentials_presented(
    found: Found,
    reading: Reading,
) -> None:
    """An ambassador presenting credentials ("accepted the Letter of Credence of China's new
    ambassador"): the sending state is the ambassador's."""
    for sentence, mentions in reading.parts:
        text = sentence.text
        if not re.search(r"\b(credentials|letters? of credence)\b", text, re.IGNORECASE):
            continue
        if not re.search(r"\b(present\w*|accept\w*|receiv\w*|hand\w*)\b", text, re.IGNORECASE):
            continue
        if not _sides(sentence, mentions, reading.named[sentence.start], reading.people) >= set(reading.pair):
            continue
        year = reading.published.year if reading.published else None
        date = next((d.date for d in dates_in(text, year) if d.date.day is not None), reading.published)
        envoy = next(
            (reading.people[o.name] for o in reading.named[sentence.start] if o.title == "Ambassador"), None
        )
        if date is None or envoy is None or envoy.country not in reading.pair:
            continue
        way = (envoy.country, reading.pair[1] if envoy.country == reading.pair[0] else reading.pair[0])
        kind = "credentials_presented"
        _add(
            found,
            sentence,
            "credentials",
            "0.7",
            kind,
            date,
            reading.pair,
            way,
            participants=(slug(envoy.name),),
        )
        return


def visits(
    found: Found,
    reading: Reading,
) -> None:
    """A visit on a day the sentence gives ("held a working visit to Ankara On February 22",
    "visiting Vladivostok from Sunday"), or in a past month it recalls ("Widodo last visited Korea
    in November 2019"): the guest is the official or the people named before the word, else the
    other side of the country visited ("Recalling his visit to Brazil"). A visit without its day
    or month is background."""
    for sentence, mentions in reading.parts:
        text = sentence.text
        word = re.search(r"\b[Vv]isit(?:ing|ed|s)?\b", text)  # "a two-day State Visit"
        if word is None or is_future(text):
            continue
        date = _day_of(text, reading.published) or _restated(text, reading.published)
        if date is None or (reading.published is not None and date.earliest > reading.published.latest):
            continue
        guests = [  # an ambassador lives where he travels: his trips are not visits between states
            reading.people[o.name].country
            for o in reading.named[sentence.start]
            if o.start < word.start() and reading.people[o.name].title != "Ambassador"
        ]
        guests += [m.country for m in mentions if m.demonym and m.end <= word.start()]
        words = set(re.findall(r"\w+", text[: word.start()]))
        guests += [
            p.country
            for p in reading.people.values()
            if p.country and p.title != "Ambassador" and p.name.split()[-1] in words
        ]
        host = _visited(text, word.end(), mentions, reading.pair)
        guest = next((c for c in guests if c in reading.pair and c != host), None)
        if guest is None and host in reading.pair:
            guest = reading.pair[1] if host == reading.pair[0] else reading.pair[0]
        if guest is None:
            continue
        way = (guest, reading.pair[1] if guest == reading.pair[0] else reading.pair[0])
        _add(found, sentence, "visit", "0.65", "visit", date, reading.pair, way)


_TO = re.compile(r"(?:\s+to)?\s*(?:the\s+)?")


def _visited(text: str, end: int, mentions: list[Mention], pair: tuple[str, str]) -> str | None:
    """The country a visit is to ("visited Korea", "his visit to Brazil"), when the sentence names
    no country beyond the pair: "The visit to Côte d'Ivoire follows a State Visit to Nigeria on 30
    November" dates another visit."""
    if any(m.country not in pair for m in mentions):
        return None
    to = _TO.match(text, end)  # always matches, if only the empty string
    start = to.end() if to else end
    return next((m.country for m in mentions if m.start == start and not m.demonym and not m.person), None)


def recalled_meetings(
    found: Found,
    reading: Reading,
) -> None:
    """Past meetings an article recalls, on the date it gives them (their valid time), apart from
    the news event it reports."""
    a, b = reading.pair
    for sentence, mentions in reading.parts:
        date = _restated(sentence.text, reading.published)
        if date is None or not re.search(r"\b(met|meeting|talks|negotiations)\b", sentence.text):
            continue
        if reading.published is not None and date.earliest > reading.published.latest:
            continue  # a meeting to come is not a fact yet
        if not _sides(sentence, mentions, reading.named[sentence.start], reading.people) >= {a, b}:
            continue
        _add(found, sentence, "restated-meeting", "0.6", "meeting", date, reading.pair)


def aid_given(
    found: Found, sentence: Sentence, mentions: list[Mention], a: str, b: str, date: PartialDate
) -> None:
    giver = next((m.country for m in mentions if m.demonym and m.country in (a, b)), None)
    if giver is None:
        return
    _add(found, sentence, "aid", "0.6", "aid", date, (a, b), (giver, b if giver == a else a))


_SUFFIXES = {"credentials_presented": "credentials", "phone_call": "phone-call"}


def _add(
    found: Found,
    sentence: Sentence,
    rule: str,
    confidence: str,
    kind: str,
    date: PartialDate,
    pair: tuple[str, str],
    way: tuple[str, str] | None = None,
    **details: object,
) -> None:
    """An event of the pair that ``sentence`` states; ``way`` is (from, to) when the text says who
    went, sent or gave. Its key joins the two countries, the day and the kind."""
    first, second = way or pair
    event = Event.model_validate(
        {
            "id": f"{first}-{second}-{date}-{_SUFFIXES.get(kind, kind)}".lower(),
            "kind": kind,
            "date": date,
            "countries": pair,
            "source_country": way[0] if way else None,
            "target_country": way[1] if way else None,
            "title": sentence.text[:200].rstrip(". "),
            "sources": (found.source.id,),
            **details,
        }
    )
    found.add(event, sentence, rule, confidence)
