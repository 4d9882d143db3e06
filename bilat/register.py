"""The country register and resolution of what users type (names, codes, QIDs, demonyms) to a country.

Exact codes win over names; names, labels and demonyms are matched without case or accents; a
current country wins over a former one with the same code or name. Anything else is an error that
lists candidates: never a silent fuzzy guess.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path

from bilat.errors import UnknownCountryError
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.model.dataset import Country, StateSystemMembership
from bilat.model.dates import PartialDate


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w]+", " ", plain).strip()
    return re.sub(r"^the ", "", plain)


CAMEO_ALIASES = {"ROM": "RO", "ZAR": "CD", "TMP": "TL"}
"""CAMEO country codes that kept older ISO alpha-3 codes."""


class Register:
    """Countries by code, with look-up by any name, code or demonym."""

    def __init__(
        self, countries: Iterable[Country], memberships: Iterable[StateSystemMembership] = ()
    ) -> None:
        self.countries: dict[str, Country] = {c.code: c for c in countries}
        self.memberships: dict[int, list[StateSystemMembership]] = defaultdict(list)
        for membership in memberships:
            self.memberships[membership.cow_code].append(membership)
        self._fips = {c.fips: c for c in self.countries.values() if c.fips}
        self._cow_cache: dict[tuple[int, int], Country | None] = {}
        self._codes: dict[str, list[Country]] = defaultdict(list)
        for country in self.countries.values():
            for code in (country.code, country.alpha3, country.numeric, country.wikidata):
                if code:
                    self._codes[code.upper()].append(country)
            if country.historical and country.code[:2] not in self.countries:
                self._codes[country.code[:2]].append(country)
        self._continued: dict[str, list[Country]] = defaultdict(list)
        for country in self.countries.values():
            if country.continued_by:
                self._continued[country.continued_by].append(country)

    @cached_property
    def _names(self) -> dict[str, list[Country]]:
        """Countries by every name, label and demonym, folded; built on the first look-up by name
        (a command given codes never needs it: half of the register's start-up)."""
        found: dict[str, list[Country]] = defaultdict(list)
        for country in self.countries.values():
            names = [
                country.name,
                country.official_name,
                *country.other_names,
                *country.labels.values(),
                *country.demonyms,
            ]
            for name in names:
                if name and country not in found[_fold(name)]:
                    found[_fold(name)].append(country)
        return found

    def resolve(self, text: str) -> Country:
        """The one country ``text`` names; UnknownCountryError when none or several match."""
        query = text.strip()
        candidates = self._codes.get(query.upper(), []) if query.isalnum() else []
        if not candidates:
            candidates = self._names.get(_fold(query), [])
        current = [c for c in candidates if not c.historical]
        chosen = current or candidates
        if len(chosen) == 1:
            return chosen[0]
        if chosen:
            labels = [f"{c.name} ({c.code})" for c in chosen]
            raise UnknownCountryError(text, labels, ambiguous=True)
        raise UnknownCountryError(text, self.suggest(query))

    def predecessors(self, country: Country) -> list[Country]:
        """The earlier states whose international personality ``country`` continues, through each
        other (Russia: the USSR, then the Russian Empire), the latest first (``Country.continued_by``)."""
        found: list[Country] = []
        seen, later = {country.code}, [country]
        while later:
            later = [c for state in later for c in self._continued.get(state.code, []) if c.code not in seen]
            seen.update(c.code for c in later)
            found += later
        return found

    def by_cow(self, code: int, year: int) -> Country | None:
        """The country COW state number ``code`` stood for in ``year`` (COW reuses numbers).

        In a year of change, the country that held the number for most of the year; in a year
        outside every membership, the nearest one.
        """
        if (code, year) not in self._cow_cache:
            self._cow_cache[(code, year)] = self._cow_holder(code, year)
        return self._cow_cache[(code, year)]

    def _cow_holder(self, code: int, year: int) -> Country | None:
        pieces = self.memberships.get(code, [])
        if not pieces or not dt.MINYEAR <= year <= dt.MAXYEAR:  # no calendar date in such a year
            return None
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)

        def score(piece: StateSystemMembership) -> tuple[int, int]:
            start = piece.start.earliest
            end = piece.end.latest if piece.end else dt.date.max
            days = (min(end, last) - max(start, first)).days + 1
            gap = 0 if days > 0 else min(abs((start - last).days), abs((first - end).days))
            return (gap, -days)

        return self.countries[min(pieces, key=score).country]

    def by_fips(self, code: str) -> Country | None:
        """The country with FIPS 10-4 code ``code`` (GDELT places); FIPS ``CH`` is China."""
        return self._fips.get(code.upper())

    def by_iso_numeric(self, code: str | int, year: int | None = None) -> Country | None:
        """The country with ISO 3166 numeric ``code``; ``year`` chooses among former holders."""
        digits = str(code).strip()
        if not re.fullmatch(r"[0-9]{1,4}", digits):  # Unicode digits, or too many to be a code
            return None
        number = f"{int(digits):03d}"
        matches = [c for c in self._codes.get(number, []) if c.numeric == number]
        if year is not None and len(matches) > 1:
            # Who held the code that year: ISO's withdrawal of a code, not the end of a state.
            matches = [c for c in matches if c.code_withdrawn is None or c.code_withdrawn.latest.year >= year]
            matches.sort(key=lambda c: (c.code_withdrawn or PartialDate(9999)).earliest)
        current = [c for c in matches if not c.historical]
        chosen = current or matches
        return chosen[0] if chosen else None

    def by_alpha3(self, code: str) -> Country | None:
        """The current country with ISO alpha-3 ``code``, else a former one."""
        matches = [c for c in self._codes.get(code.upper(), []) if c.alpha3 == code.upper()]
        current = [c for c in matches if not c.historical]
        chosen = current or matches
        return chosen[0] if chosen else None

    def by_cameo(self, code: str) -> Country | None:
        """The state a CAMEO actor country code names, or None for regions and other actors."""
        code = code.strip().upper()
        if len(code) != 3:
            return None
        if code in CAMEO_ALIASES:
            return self.countries.get(CAMEO_ALIASES[code])
        country = self.by_alpha3(code)
        return country if country is not None and not country.historical else None

    def by_wikidata(self, qid: str) -> Country | None:
        """The country whose Wikidata item is ``qid``."""
        return next((c for c in self._codes.get(qid.upper(), []) if c.wikidata == qid.upper()), None)

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Names that contain ``text`` (shortest first), then names spelt close to it, for error
        messages."""
        folded = _fold(text)
        containing = sorted((name for name in self._names if folded and folded in name), key=len)
        close = containing + difflib.get_close_matches(folded, list(self._names), n=limit * 3, cutoff=0.6)
        found = dict.fromkeys(f"{c.name} ({c.code})" for name in close for c in self._names[name])
        return list(found)[:limit]

    def search(self, text: str) -> list[Country]:
        """Countries whose name, label, demonym or code contains ``text``."""
        folded = _fold(text)
        found = {c.code: c for name, cs in self._names.items() if folded in name for c in cs}
        for c in self._codes.get(text.strip().upper(), []):
            found[c.code] = c
        return sorted(found.values(), key=lambda c: (c.historical, c.name))


def readable_name(country: Country) -> str:
    """The name a sentence or a post title uses: "Democratic Republic of the Congo", not the code
    list's "Congo, The Democratic Republic of the"."""
    names = [country.name, *reversed(country.other_names)]
    return next((name for name in names if "," not in name), country.name)


@cache
def bundled_register() -> Register:
    """The register shipped in ``data/countries.jsonl``."""
    return register_from(data_dir() / "countries.jsonl")


def register_from(path: Path) -> Register:
    """A register from a data file holding country and membership records."""
    dataset = read_file(path).dataset
    return Register(dataset.countries, dataset.memberships)
