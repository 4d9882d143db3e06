"""The states a treaty's title names, read by the register's names, as of the day it was signed.

A title's parties clause ("between the Government of A and the Government of B", "among A, B and C")
names its parties; a title without one is read whole ("Norwegian-Swedish Agreement regarding
Laplanders"). Spellings are every name, English label and demonym the register knows, matched as
whole words without case or accents, longest first. A name that fits several states, or only a state
that did not stand on the day, is reported, never guessed; a state named before it was founded
stands for the one state before it that did stand then (Russia in 1894: the Russian Empire).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from bilat.importers.standing import Standing, stood
from bilat.model.dates import PartialDate
from bilat.register import Register, readable_name

ALIASES = {
    "U.S.": "US",
    "U.S.A.": "US",
    "U.S.S.R.": "SUHH",
    "U.K.": "GB",
    "Brasil": "BR",
    "Britannic Majesty": "GB",
    "United Kingdom of Great Britain and Ireland": "GB",
    "United States of Brazil": "BR",
    "Socialist Republic of Vietnam": "VN",
    "former Yugoslav Republic of Macedonia": "MK",
    "Hong Kong, China": "HK",
    "Macao, China": "MO",
    "Roumania": "RO",
    "Rumania": "RO",
    "Servia": "RS",
    "Federal Republic of Yugoslavia": "CSXX",
    "Socialist Federal Republic of Yugoslavia": "YUCS",
    "Serbs, Croats and Slovenes": "YUCS",
    "Serbs, Croates and Slovenes": "YUCS",
    "Russian Socialist Federal Soviet Republic": "RU",
}
"""Spellings treaty titles use that the register does not carry: abbreviations, older English names,
and names that hold another state's name ("United States of Brazil", "Hong Kong, China")."""

_PARTIES = re.compile(r"\b(?:between|betweeen|among|amongst)\b")
_CLAUSE_END = re.compile(
    r"\b(?:on|concerning|regarding|relating|relative|respecting|for|to|with|in|at|as|constituting|"
    r"providing|determining|regulating|establishing|amending|modifying|extending|about|signed|done|"
    r"of \d)\b|[(:;]"
)
"""Where a parties clause ends: the first word of its subject ("on", "concerning" ...), a bracket."""
_JOINING = frozenset({"the", "and", "of", "government", "governments", "cabinet", "ministers"})
"""The words a parties clause may hold besides the states' names."""
_NOT_STATES = re.compile(r"\beuropean (?:economic )?communit(?:y|ies)\b|\beuropean union\b")
"""Parties that are not states: a clause naming one is read alone, even when it names no state."""


def fold(text: str) -> str:
    """Lower case without accents, curly apostrophes straightened: how titles and names are matched."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Named:
    """The states a title names, in order, or why they could not be read.

    ``clause`` when they come from a parties clause; ``complete`` when that clause holds nothing but
    states and joining words (so it names every party)."""

    states: tuple[str, ...] = ()
    clause: bool = False
    complete: bool = False
    problem: str = ""
    detail: str = ""


class TitleReader:
    """The register's spellings compiled once, read into states as of a day."""

    def __init__(self, register: Register, aliases: dict[str, str] | None = None) -> None:
        self.register = register
        self.aliases = ALIASES if aliases is None else aliases

    @cached_property
    def _spellings(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for country in self.register.countries.values():
            names = [
                country.name,
                country.official_name,
                *country.other_names,
                country.labels.get("en"),
                *country.demonyms,
            ]
            for name in names:
                if name and not re.search(r"[,(]", name):  # "Korea, Republic of" is not how titles write
                    found[fold(name)].add(country.code)
        for spelling, code in self.aliases.items():
            if code in self.register.countries:
                found[fold(spelling)] = {code}
        return found

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        longest_first = sorted(self._spellings, key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in longest_first) + r")(?![\w])")

    @cached_property
    def _standing(self) -> Standing:
        return Standing(self.register)

    def states(self, title: str, signed: PartialDate) -> Named:
        """The states ``title`` names as of ``signed``: its parties clause's, else the whole title's."""
        text = fold(title)
        opening = _PARTIES.search(text)
        if opening is not None:
            end = _CLAUSE_END.search(text, opening.end())
            span = (opening.end(), end.start() if end else len(text))
            named = self._named(text, span, signed, clause=True)
            if named.states or named.problem or _NOT_STATES.search(text, *span):
                return named
        return self._named(text, (0, len(text)), signed, clause=False)

    def _named(self, text: str, span: tuple[int, int], signed: PartialDate, clause: bool) -> Named:
        codes: list[str] = []
        rest, last = [], span[0]
        for match in self._pattern.finditer(text, *span):
            code = self._state(match.group(0), signed)
            if isinstance(code, Named):
                return replace(code, clause=clause)
            if code not in codes:
                codes.append(code)
            rest.append(text[last : match.start()])
            last = match.end()
        rest.append(text[last : span[1]])
        complete = clause and set(re.findall(r"[^\s,/]+", " ".join(rest))) <= _JOINING
        return Named(tuple(codes), clause, complete)

    def _state(self, spelling: str, signed: PartialDate) -> str | Named:
        """The code of the state ``spelling`` names on ``signed``, or why there is none."""
        countries = [self.register.countries[code] for code in sorted(self._spellings[spelling])]
        standing = [c for c in countries if stood(c, signed)] or countries
        chosen = [c for c in standing if not c.historical] or standing
        if len(chosen) > 1:
            states = " or ".join(f"{readable_name(c)} ({c.code})" for c in chosen)
            return Named(problem="title uses a name several states share", detail=f"{spelling!r}: {states}")
        found = self._standing.on(chosen[0], signed)
        if found is None:
            country = f"{readable_name(chosen[0])} ({chosen[0].code})"
            return Named(
                problem="title names a state that did not stand then",
                detail=f"{spelling!r}: {country}, not in {signed}",
            )
        return found.code
