"""Where a text names a country: its names, its English label, its demonyms and adjectives.

Every spelling the register knows is matched as a whole word, longest first ("South Korea" before
"Korea"), in its written capitalisation (news capitalises country names; "turkey" the bird is not
Türkiye). A spelling shared by several countries is left out unless one of them is current, so a
mention is never resolved to the wrong country.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bilat.countries import Register
from bilat.models import Country


@dataclass(frozen=True)
class Mention:
    """``text[start:end]`` names ``country``; ``demonym`` when it is an adjective or a people."""

    start: int
    end: int
    text: str
    country: str
    demonym: bool


class Gazetteer:
    """The register's spellings compiled once into a single pattern."""

    def __init__(self, register: Register) -> None:
        self.register = register

    @cached_property
    def _spellings(self) -> dict[str, tuple[str, bool]]:
        candidates: dict[str, set[tuple[str, bool]]] = defaultdict(set)
        current = {c.code for c in self.register.countries.values() if not c.historical}
        for country in self.register.countries.values():
            for spelling, demonym in _spellings_of(country):
                candidates[spelling].add((country.code, demonym))
        for spelling, code in NEWS_SHORT_NAMES.items():
            if code in self.register.countries:
                candidates[spelling].add((code, False))
        for spelling in [s for s in candidates if "'" in s]:  # Côte d’Ivoire, Côte d' Ivoire
            for variant in (spelling.replace("'", "’"), spelling.replace("'", "' ")):
                candidates[variant] |= candidates[spelling]
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
        words = sorted(self._spellings, key=len, reverse=True)
        # Not "US$ 10 billion": a currency, not a country.
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w$])")

    def mentions(self, text: str) -> Iterator[Mention]:
        """Every country named in ``text``, in order, but those in a wire credit line."""
        credits = [m.span() for m in _CREDIT.finditer(text)]
        for match in self._pattern.finditer(text):
            if any(start <= match.start() < end for start, end in credits):
                continue
            code, demonym = self._spellings[match.group(0)]
            yield Mention(match.start(), match.end(), match.group(0), code, demonym)


_CREDIT = re.compile(r"\([^()]*/[^()]*\)|/[A-Z][A-Za-z]+/")
"""A wire credit: "(UrduPoint / Pakistan Point News / WAM - 02nd Apr, 2020)", "/TASS/"; the
agencies it names say nothing about the pair."""

NEWS_SHORT_NAMES = {
    "US": "US", "U.S.": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB", "UAE": "AE", "PRC": "CN",
    "DPRK": "KP", "ROK": "KR", "KSA": "SA", "DRC": "CD", "Democratic Republic of Congo": "CD",
    # Both Congos are "Congo" in news: a bare "Congo" names neither, so it is left out.
    "Congo": "CD",
}  # fmt: skip
"""Short names news uses that the register, built from code lists, does not carry."""


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
    """The register's gazetteer, built once: its pattern has thousands of spellings."""
    return Gazetteer(register)
