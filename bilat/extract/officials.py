"""Officials named with their post: "Azerbaijani Health Minister Teymur Musayev", "Cuban ambassador
Carlos Enrique Valdes de la Concepcion", "Ambassador of Azerbaijan to Cuba Ruslan Rzayev"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bilat.extract.mentions import Mention

# A name: two to six capitalised words, with the particles of Spanish, Dutch, Arabic ... names.
_PARTICLE = r"(?:de|del|la|las|los|da|do|dos|van|von|der|bin|ibn|al|el)"
_NAME = rf"(?P<name>[A-Z][\w'’-]+(?:\s+(?:{_PARTICLE}\s+)*[A-Z][\w'’-]+){{1,5}})"
_FIELD = (
    r"Foreign Affairs|Foreign|Health|Defen[cs]e|Economy|Education|Energy|Finance|Culture|Agriculture"
    r"|Justice|Interior|Trade|Transport|Tourism|Labour|Ecology|Emergency Situations|Youth and Sports"
)
_TITLE = (
    r"(?P<title>(?i:(?:deputy\s+|vice[- ])?(?:prime\s+minister|president|speaker|chairman"
    r"|ambassador(?:\s+extraordinary\s+and\s+plenipotentiary)?|foreign\s+minister)"
    rf"|minister\s+of\s+(?P<of>{_FIELD})|(?P<field>{_FIELD})\s+minister))"
)
_ROLES = [
    re.compile(rf"\b{_TITLE}\s+of\s+(?P<country>[A-Z][\w ]+?)(?:\s+to\s+(?P<host>[A-Z][\w ]+?))?\s+{_NAME}"),
    re.compile(rf"\b{_TITLE}\s+{_NAME}"),
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
    for pattern in _ROLES:
        for match in pattern.finditer(text):
            if any(o.start <= match.start() < o.end for o in seen):
                continue
            parts = match.groupdict()
            title = _normal_title(parts)
            country = resolve.get(parts["country"] or "") if parts.get("country") else None
            if country is None:
                before = [m for m in mentions if m.end <= match.start() and match.start() - m.end <= 2]
                country = before[-1].country if before else None
            host = resolve.get(parts.get("host") or "")
            name = _trim_name(parts["name"])
            seen.append(Official(match.start(), match.end(), name, title, country, host))
    yield from sorted(seen, key=lambda o: o.start)


def _normal_title(parts: dict[str, str | None]) -> str:
    title = re.sub(r"\s+", " ", parts["title"] or "").strip()
    field = parts.get("field") or parts.get("of")
    if field:
        return f"Minister of {_FIELDS.get(field.lower(), field.title())}"
    if title.lower() == "foreign minister":
        return "Minister of Foreign Affairs"
    title = re.sub(r"(?i)^ambassador extraordinary and plenipotentiary", "Ambassador", title)
    return title[0].upper() + title[1:]


def _trim_name(name: str) -> str:
    """A name ends before words that are not part of it ("Musayev And" is not a name)."""
    words = name.split()
    while words and words[-1].lower() in {"and", "said", "stated", "noted", "met"}:
        words.pop()
    return " ".join(words)


_FIELDS = {"foreign": "Foreign Affairs", "defense": "Defence"}
