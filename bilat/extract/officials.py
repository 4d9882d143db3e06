"""Officials named with their post: "Azerbaijani Health Minister Teymur Musayev", "Cuban ambassador
Carlos Enrique Valdes de la Concepcion", "Ambassador of Azerbaijan to Cuba Ruslan Rzayev"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bilat.extract.mentions import Mention

# A name: two to six capitalised words, with the particles of Spanish, Dutch, Arabic ... names.
_PARTICLE = r"(?:de|del|la|las|los|da|do|dos|van|von|der|bin|ibn|al|el)"
_WORD = r"(?:(?:al|el)-)?[A-Z][\w'’-]+"  # "al-Sisi"
_NAME = rf"(?P<name>{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,5}})"
_FIELD = (
    r"Foreign Affairs|Foreign Trade|Foreign|Health|Defen[cs]e|Economy|Economic Development|Education"
    r"|Energy|Finance|Culture|Agriculture and Food|Agriculture|Justice|Interior|Trade and Industry"
    r"|Commerce and Industry|Commerce|Industry|Trade|Transport|Tourism|Labour|Ecology"
    r"|Emergency Situations|Youth and Sports|Digital Development|Science|Environment"
)
_TITLE = (
    r"(?P<title>(?i:(?:deputy\s+|vice[- ])?(?:prime\s+minister|president|speaker|chairman|chancellor|premier"
    r"|ambassador(?:\s+extraordinary\s+and\s+plenipotentiary)?|extraordinary\s+and\s+plenipotentiary"
    r"\s+ambassador|foreign\s+minister|secretary\s+of\s+state|foreign\s+secretary"
    r"|chairman\s+of\s+the\s+cabinet\s+of\s+ministers)"
    rf"|minister\s+of\s+(?P<of>{_FIELD})|(?P<field>{_FIELD})\s+minister))"
)
_OF = r"of\s+(?:the\s+)?(?:Republic\s+of\s+|Kingdom\s+of\s+|State\s+of\s+|Commonwealth\s+of\s+)?"
_ROLES = [
    # "President of the Republic of Angola and current Chairperson of the African Union, João
    # Lourenço": other roles may stand between the country and the name.
    re.compile(
        rf"\b{_TITLE}\s+{_OF}(?P<country>[A-Z][\w ]+?)"
        rf"(?:\s+to\s+(?:the\s+country|(?:the\s+)?(?:Republic\s+of\s+)?(?P<host>[A-Z][\w ]+?)))?"
        rf"(?:\s+and\s+[^,.]{{3,80}},)?,?\s+{_NAME}"
    ),
    re.compile(rf"\b{_TITLE},?\s+{_NAME}"),
    # "China's new ambassador to the United States, Xie Feng".
    re.compile(rf"\b{_TITLE}\s+to\s+(?:the\s+)?(?P<host>[A-Z][\w ]+?),\s+{_NAME}"),
    # "Vietnamese ambassador to Bangladesh Pham Viet Chien", "Chinese Ambassador to Moscow Zhang
    # Hanhui": one word for the place, then the name.
    re.compile(rf"\b{_TITLE}\s+to\s+(?P<host>[A-Z][\w]+)\s+{_NAME}"),
    # The name first: "Sedat Önal, Deputy Minister of Foreign Affairs of the Republic of Türkiye",
    # "Anthony Albanese, MP, Prime Minister of the Commonwealth of Australia".
    re.compile(
        rf"{_NAME},\s+(?:MP,\s+)?(?:the\s+)?{_TITLE}(?:,\s+Embassy)?\s+{_OF}(?P<country>[A-Z][\w]+(?:\s[A-Z][\w]+)?)"
    ),
]


@dataclass(frozen=True)
class Official:
    start: int
    end: int
    name: str
    title: str
    """The post as bilat writes it: "Minister of Health", "Ambassador", "President"."""
    country: str | None
    host: str | None = None


def officials(text: str, mentions: list[Mention], resolve: dict[str, str]) -> Iterator[Official]:
    """Officials in one sentence. The country is the demonym or name written just before the
    title, or the "of <country>" after it; an ambassador's host is "to <country>", else unknown."""
    seen: list[Official] = []
    demonyms = {m.text for m in mentions if m.demonym}
    for pattern in _ROLES:
        for match in pattern.finditer(text):
            if any(o.start <= match.start() < o.end for o in seen):
                continue
            parts = match.groupdict()
            title = _normal_title(parts)
            if parts.get("country") and parts["country"] in demonyms:
                continue  # "speaker of the Indian Lok Sabha": what follows is a body, not a name
            country = resolve.get(parts["country"] or "") if parts.get("country") else None
            if country is None:
                country = _country_before(text, match.start(), mentions, seen)
            if country is None:
                country = _country_after(text, match.end(), mentions)
            if country is None:
                country = _leader(match.start("name"), match.end("name"), mentions)
            host = resolve.get(parts.get("host") or "")
            name = _trim_name(parts["name"])
            if not _NOT_NAMES.isdisjoint(name.split()):
                continue  # "Deputy Chairman ... for Trade Complex": an office, not a person
            seen.append(Official(match.start(), match.end(), name, title, country, host))
    seen.extend(counterparts(text, mentions, sorted(seen, key=lambda o: o.start)))
    seen.extend(o for o in side_by_side(text, mentions) if not any(x.name == o.name for x in seen))
    yield from sorted(seen, key=lambda o: o.start)


def _country_before(text: str, start: int, mentions: list[Mention], seen: list[Official]) -> str | None:
    """The country written just before a title ("Azerbaijani Health Minister", "Armenia's Foreign
    Minister"), or the demonym of the delegation the official leads ("the Kazakh delegation was
    headed by Deputy Foreign Minister ..."), if no other official stands between them."""
    before = [m for m in mentions if m.end <= start and not m.person]
    if not before:
        return None
    last = before[-1]
    if re.fullmatch(r"(?:['’]s)?\s?(?:new\s+)?", text[last.end : start]):
        return last.country
    between = text[last.end : start]
    leads = re.search(r"\b(delegation|side)\b", between)
    if last.demonym and leads and len(between) <= 40 and not any(last.end <= o.start < start for o in seen):
        return last.country
    return None


def _country_after(text: str, end: int, mentions: list[Mention]) -> str | None:
    """The country named right after the name: "President Cyril Ramaphosa of South Africa"."""
    after = re.match(r"\s+of\s+(?:the\s+)?", text[end:])
    if after is None:
        return None
    return next((m.country for m in mentions if m.start == end + after.end() and not m.demonym), None)


def _leader(start: int, end: int, mentions: list[Mention]) -> str | None:
    """The country of the head of state or government whose name the official's name holds
    ("President Joseph Kabila Kabange")."""
    return next((m.country for m in mentions if m.person and start <= m.start and m.end <= end), None)


def _normal_title(parts: dict[str, str | None]) -> str:
    """The post as bilat writes it: "Health Minister" -> "Minister of Health", "Deputy Foreign
    Minister" -> "Deputy Minister of Foreign Affairs", "ambassador" -> "Ambassador"."""
    title = re.sub(r"\s+", " ", parts["title"] or "").strip()
    rank = re.match(r"(?i)(deputy|vice)[- ]", title)
    prefix = f"{rank.group(1).title()} " if rank and "minister" in title.lower() else ""
    field = parts.get("field") or parts.get("of")
    if field:
        return f"{prefix}Minister of {_FIELDS.get(field.lower(), field.title())}"
    if re.search(r"(?i)foreign minister$", title):
        return f"{prefix}Minister of Foreign Affairs"
    title = re.sub(r"(?i)^(ambassador )?extraordinary and plenipotentiary( ambassador)?", "Ambassador", title)
    return title[0].upper() + title[1:]


def _trim_name(name: str) -> str:
    """A name ends before words that are not part of it ("Musayev And" is not a name), and starts
    after forms of address and honorifics ("Mr", "H.E.", "Prince")."""
    words = name.split()
    while words and words[-1].lower() in {"and", "said", "stated", "noted", "met"}:
        words.pop()
    if words:
        words[-1] = re.sub(r"['’]s$", "", words[-1])  # "Narendra Modi's visit"
    while len(words) > 2 and words[0].rstrip(".").lower() in _HONORIFICS:
        words.pop(0)
    return " ".join(words)


_NOT_NAMES = {
    "Affairs", "Cabinet", "Committee", "Complex", "Council", "Department", "Embassy", "Government",
    "Industry", "Ministers", "Ministry", "Office", "Parliament", "Republic", "Trade", "Union",
}  # fmt: skip
"""Words of offices and bodies, which a person's name never holds."""

_HONORIFICS = {"mr", "mrs", "ms", "dr", "h.e", "he", "prince", "princess", "king", "queen", "emir", "sultan"}


def counterparts(text: str, mentions: list[Mention], before: list[Official]) -> Iterator[Official]:
    """ "... his Bangladeshi counterpart Sheikh Hasina": the post of the official named before, of the
    country the demonym names."""
    for match in _COUNTERPART.finditer(text):
        demonym = next((m for m in mentions if not m.person and m.start == match.start("demonym")), None)
        earlier = [o for o in before if o.end <= match.start()]
        if demonym and earlier:
            name = _trim_name(match["name"])
            title = earlier[-1].title
            if title == "Minister of Foreign Affairs":
                title = _FOREIGN_MINISTERS.get(demonym.country, title)
            yield Official(match.start(), match.end(), name, title, demonym.country)


_FOREIGN_MINISTERS = {"US": "Secretary of State", "GB": "Foreign Secretary"}
"""The foreign minister's post where it has another name: a US counterpart of a foreign minister is
the Secretary of State."""


def counterpart_countries(text: str, mentions: list[Mention]) -> set[str]:
    """The countries of the counterparts a sentence names, with or without their names ("Minister
    of Trade Tarek Qabil and his Gabonese counterpart signed ...")."""
    demonyms = {m.start: m.country for m in mentions if not m.person}  # "Ivorian", "US"
    spans = re.finditer(r"\b(?:his|her|their)\s+(\S+)\s+counterparts?\b", text)
    return {demonyms[m.start(1)] for m in spans if m.start(1) in demonyms}


_COUNTERPART = re.compile(rf"\b(?:his|her|their)\s+(?P<demonym>[A-Z][\w.]+)\s+counterparts?,?\s+{_NAME}")


_PLURAL_TITLES = {
    "foreign ministers": "Minister of Foreign Affairs",
    "prime ministers": "Prime Minister",
    "presidents": "President",
    "ambassadors": "Ambassador",
}
_SIDE_BY_SIDE = re.compile(
    r"\b(?P<first>[A-Z]\w+)\s+and\s+(?P<second>[A-Z]\w+)\s+(?P<title>(?i:"
    + "|".join(_PLURAL_TITLES)
    + r")),\s+"
    + _NAME.replace("?P<name>", "?P<one>")
    + r"\s+and\s+"
    + _NAME.replace("?P<name>", "?P<other>")
)


def side_by_side(text: str, mentions: list[Mention]) -> Iterator[Official]:
    """ "Russian and Chinese foreign ministers, Sergei Lavrov and Wang Yi": two officials, in the
    order of their countries."""
    for match in _SIDE_BY_SIDE.finditer(text):
        first = next((m for m in mentions if m.start == match.start("first")), None)
        second = next((m for m in mentions if m.start == match.start("second")), None)
        if first is None or second is None:
            continue
        title = _PLURAL_TITLES[match["title"].lower()]
        yield Official(match.start("one"), match.end("one"), _trim_name(match["one"]), title, first.country)
        yield Official(match.start("other"), match.end(), _trim_name(match["other"]), title, second.country)


def is_headline(text: str) -> bool:
    """A title in title case ("Saudi Foreign Minister Receives Phone Call From Us Secretary"):
    capitalised words there are not names."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    small = {"of", "and", "the", "to", "in", "on", "for", "at", "with", "a", "an", "by", "from"}
    long_words = [w for w in words if w.lower() not in small]
    capitalised = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 4 and capitalised / len(long_words) >= 0.8 and not text.rstrip().endswith(".")


_FIELDS = {"foreign": "Foreign Affairs", "defense": "Defence"}
