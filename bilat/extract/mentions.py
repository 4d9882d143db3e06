"""Where a text names a country: its names, its English label, its demonyms and adjectives.

Every spelling the register knows is matched as a whole word, longest first ("South Korea" before
"Korea"), in its written capitalisation (news capitalises country names; "turkey" the bird is not
Türkiye). A spelling shared by several countries is left out unless one of them is current, so a
mention is never resolved to the wrong country.

The full name of a head of state or government (``bilat.extract.leaders``) names their country too, without
case or accents ("Joao Lourenco", "Abdel Fattah al-Sisi"): a press release that writes "President
Abdel Fattah El-Sisi met ..." never writes "Egypt".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bilat.extract.leaders import Leader, bundled_leaders, fold
from bilat.model.dataset import Country
from bilat.register import Register


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` names ``country``; ``demonym`` when it is an adjective or a people,
    ``person`` when it is the name of one of its leaders."""

    start: int
    end: int
    text: str
    country: str
    demonym: bool
    person: bool = False


class Gazetteer:
    """The register's spellings, and the leaders' names, compiled once into a pattern each."""

    def __init__(self, register: Register, leaders: tuple[Leader, ...] = ()) -> None:
        self.register = register
        self.leaders = leaders

    @cached_property
    def _spellings(self) -> dict[str, tuple[str, bool]]:
        candidates: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        current = {c.code for c in self.register.countries.values() if not c.historical}
        for country in self.register.countries.values():
            for spelling, demonym in _spellings_of(country):
                candidates[spelling].add((country.code, demonym))
        for spelling, code in NEWS_SHORT_NAMES.items():
            if code in self.register.countries:
                candidates[spelling] = {(code, spelling in NEWS_DEMONYMS)}
        for spelling in [s for s in candidates if "'" in s]:  # Côte d’Ivoire, Côte d' Ivoire
            for variant in (spelling.replace("'", "’"), spelling.replace("'", "' ")):
                candidates[variant] |= candidates[spelling]
        for spelling in NEWS_AMBIGUOUS:
            candidates.pop(spelling, None)
        chosen = {}
        for spelling, found in candidates.items():
            codes = {code for code, _ in found}
            if len(codes) > 1:
                codes &= current
            if len(codes) == 1:
                code = codes.pop()
                chosen[spelling] = (code, any(d for c, d in found if c == code))
        return chosen

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        return _whole_words(self._spellings, r"(?![\w$])")  # not "US$ 10 billion": a currency

    @cached_property
    def _people(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """The leaders' folded names (a name two countries share is left out) and their country."""
        countries: dict[str, set[str]] = defaultdict(set)
        for leader in self.leaders:
            if leader.country in self.register.countries:
                countries[fold(leader.name)].add(leader.country)
        chosen = {name: codes.pop() for name, codes in countries.items() if len(codes) == 1}
        return _whole_words(chosen, r"(?!\w)"), chosen

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every country named in ``text``, by a name or a leader's name, in order, but those in a
        wire credit line."""
        credits = [m.span() for m in _CREDIT.finditer(text)]
        found = []
        if self.leaders:
            pattern, country_of = self._people
            for match in pattern.finditer(fold(text)):
                start, end = match.span()
                found.append(Mention(start, end, text[start:end], country_of[match[0]], False, True))
        people = [(m.start, m.end) for m in found]
        for match in self._pattern.finditer(text):
            if any(start <= match.start() < end for start, end in credits + people):
                continue
            code, demonym = self._spellings[match.group(0)]
            found.append(Mention(match.start(), match.end(), match.group(0), code, demonym))
        yield from sorted(found, key=lambda m: m.start)


def _whole_words(words: Iterable[str], after: str) -> re.Pattern[str]:
    """One pattern for all ``words`` as whole words, longest first ("South Korea" before "Korea")."""
    longest_first = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in longest_first) + ")" + after)


_CREDIT = re.compile(r"\([^()]*/[^()]*\)|/[A-Z][A-Za-z]+/")
"""A wire credit: "(UrduPoint / Pakistan Point News / WAM - 02nd Apr, 2020)", "/TASS/"; the
agencies it names say nothing about the pair."""

NEWS_SHORT_NAMES = {
    "US": "US", "U.S.": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB", "UAE": "AE", "PRC": "CN",
    "DPRK": "KP", "ROK": "KR", "KSA": "SA", "DRC": "CD", "Democratic Republic of Congo": "CD",
    "RoK": "KR",
    # "Korea" in news is the Republic of Korea; the North is always "North Korea".
    "Korea": "KR", "Korean": "KR",
}  # fmt: skip
"""Short names news uses that the register, built from code lists, does not carry, or that it
shares between countries where news does not."""
NEWS_DEMONYMS = {"Korean"}
NEWS_AMBIGUOUS = {"Congo"}
"""Both Congos are "Congo" in news: a bare "Congo" names neither."""


def _spellings_of(country: Country) -> Iterator[tuple[str, bool]]:
    names = [country.name, *country.other_names]
    if "en" in country.labels:
        names.append(country.labels["en"])
    for name in names:
        if name and not re.search(r"[,(]", name):  # "Korea, Republic of" is not how text writes it
            yield name, False
    for demonym in country.demonyms:
        yield demonym, True


@lru_cache(maxsize=4)
def gazetteer_of(register: Register) -> Gazetteer:
    """The register's gazetteer with the bundled leaders, built once: its patterns have thousands
    of spellings."""
    return Gazetteer(register, bundled_leaders())
