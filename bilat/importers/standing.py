"""The state that stood on a day: a state named or coded before it was founded stands for the one
state before it that stood then (Russia in 1894 is the Russian Empire, in 1960 the USSR)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from bilat.model.dataset import Country
from bilat.model.dates import PartialDate
from bilat.register import Register


class Standing:
    """The register's states with the states each succeeded, for finding who stood on a day."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._before: dict[str, list[Country]] = defaultdict(list)
        for country in register.countries.values():
            for successor in country.successors:
                self._before[successor].append(country)

    def on(self, country: Country, day: PartialDate) -> Country | None:
        """``country`` if it may have stood on ``day``, else the one state before it that did, else
        None (none did, or several)."""
        if stood(country, day):
            return country
        earlier = [c for c in self._ancestors(country) if stood(c, day)]
        return earlier[0] if len(earlier) == 1 else None

    def _ancestors(self, country: Country) -> Iterator[Country]:
        seen: set[str] = set()
        waiting = list(self._before.get(country.code, []))
        while waiting:
            before = waiting.pop()
            if before.code not in seen:
                seen.add(before.code)
                yield before
                waiting.extend(self._before.get(before.code, []))


def stood(country: Country, day: PartialDate) -> bool:
    """Whether ``country`` may have stood on ``day``: a partial date counts unless it certainly falls
    before the state's founding or after its end, as ``graph.plausibility`` reads them."""
    if country.founded is not None and day.latest < country.founded.earliest:
        return False
    return country.dissolved is None or day.earliest <= country.dissolved.latest
