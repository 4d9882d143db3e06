"""Sentences with their character offsets, for quoting the sentence a fact comes from.

A sentence ends at '.', '!' or '?' (after closing quotes or brackets) followed by space and a capital,
digit or quote, or at a line break; abbreviations and initials (Mr., Dr., U.S., J.) do not end one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "gen", "col", "lt", "sen", "rep", "gov", "amb", "h.e", "etc",
    "vs", "inc", "ltd", "co", "corp", "u.s", "u.k", "u.n", "e.u",
}  # fmt: skip
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of ``text``, each with ``text[start:end] == sentence.text``."""
    start = 0
    for match in _END.finditer(text):
        if match.group(0)[0] == "." and _is_abbreviation(text, match.start()):
            continue
        yield from _piece(text, start, match.end())
        start = match.end()
    yield from _piece(text, start, len(text))


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[:dot])
    if word is None:
        return False
    token = word.group(1).lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _piece(text: str, start: int, end: int) -> Iterator[Sentence]:
    """The stripped span [start, end) as a sentence, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(start, end, text[start:end])
