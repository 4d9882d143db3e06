"""The dyad-year panel: one row per pair of countries and year, the shape COW and peacesciencer use.

Counts are zero only where the store has data covering that year for every pair (a dataset such as
COW, DESTA, GDELT or the database of embassies; see ``queries/panel-coverage.rq``) and missing
(None) elsewhere, unless something was found: a news report of one meeting says nothing about the
years without one. Levels of representation are given for the years COW observed them; relations
for the years a record of them speaks to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Any

from bilat.errors import InputError
from bilat.model.dataset import Country
from bilat.model.dates import PartialDate
from bilat.model.kinds import KINDS, FactKind
from bilat.model.vocab import EventKind
from bilat.model.window import Window
from bilat.network.projection import country_code, tie_counts, trade_rows, trade_years
from bilat.queries.run import bind_parameters, stored_query
from bilat.rdf.namespaces import dyad_codes
from bilat.register import Register
from bilat.store import Store, Values

EVENT_COLUMNS = tuple(f"events_{kind.value}" for kind in EventKind)
OWN_COLUMNS = frozenset({"relations", "missions", "representation", "agreements", "events", "trade"})
"""The ties with columns of their own; every other kind the network counts gets a count column (two
for a directed kind, one each way) from its ``queries/network-{tie}.rq``."""
COUNTED = tuple(kind for kind in KINDS if kind.in_network and kind.tie and kind.tie not in OWN_COLUMNS)


def _count_columns(kind: FactKind) -> tuple[str, ...]:
    return (f"{kind.tie}_ab", f"{kind.tie}_ba") if kind.directed else (str(kind.tie),)


COLUMNS = (
    "year",
    "a",
    "b",
    "a_name",
    "b_name",
    "a_iso3",
    "b_iso3",
    "a_cow",
    "b_cow",
    "relations",
    "missions_ab",
    "missions_ba",
    "level_ab",
    "level_ba",
    "agreements_signed",
    "agreements_in_force",
    "events",
    *EVENT_COLUMNS,
    "trade_usd",
    "trade_ab_usd",
    "trade_ba_usd",
    *(column for kind in COUNTED for column in _count_columns(kind)),
)
"""Pairs are ordered by code (a before b); ``_ab`` columns go from a to b."""

Pair = tuple[str, str]
Year = int | None

FIRST_YEAR = 1816
"""The first year of a panel: that of the COW state system, whose members make the pairs."""
MAX_YEARS = 100
"""The most years one panel may cover, which bounds its work: the default pairs (COW members) from
1816 to today are 1.1 million rows in about 12 s, but every pair of the register's 300 countries
(given with ``--country``) is 45,000 rows a year, so a hundred years take about 50 s and 330 MB. A
longer panel is written in parts."""


def last_year() -> int:
    """The last year of a panel: next year, the furthest any dated fact may reach."""
    return date.today().year + 1


def check_years(first: int, last: int) -> None:
    """InputError unless ``first`` to ``last`` is a span of years a panel may cover."""
    if first > last:
        raise InputError(f"give a first year no later than the last, not {first} to {last}")
    for option, year in (("--from", first), ("--to", last)):
        if not FIRST_YEAR <= year <= last_year():
            raise InputError(
                f"{option} {year} is outside the years a panel covers: {FIRST_YEAR} (the start of the "
                f"COW state system) to {last_year()} (next year)"
            )
    if last - first + 1 > MAX_YEARS:
        middle = first + MAX_YEARS - 1
        raise InputError(
            f"a panel covers at most {MAX_YEARS} years, not {last - first + 1} ({first} to {last}); write "
            f"it in parts (--from {first} --to {middle}, then --from {middle + 1} ...) and join the files"
        )


@dataclass
class _Facts:
    """Everything the panel needs, read from the store once."""

    relations: dict[Pair, list[tuple[Year, Year, bool]]] = field(default_factory=lambda: defaultdict(list))
    """(established, ended, severed) per pair"""
    missions: dict[Pair, list[tuple[Year, Year, Year]]] = field(default_factory=lambda: defaultdict(list))
    """(opened, closed, observed by a dataset) per arc"""
    levels: dict[tuple[Pair, int], str] = field(default_factory=dict)
    agreements: dict[Pair, list[tuple[Year, Year]]] = field(default_factory=lambda: defaultdict(list))
    """(signed, in force) per pair"""
    events: dict[tuple[Pair, int], dict[str, int]] = field(default_factory=lambda: defaultdict(dict))
    coverage: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    """The years a dataset observed every pair in, by kind of fact."""
    counted: dict[tuple[str, int], dict[Pair, float]] = field(default_factory=dict)
    """The counts of each kind in ``COUNTED`` per year, by pair (or arc)."""

    def pairs(self) -> set[Pair]:
        found = {tuple(sorted(p)) for p in [*self.relations, *self.missions, *self.agreements]}
        found |= {tuple(sorted(pair)) for pair, _ in [*self.levels, *self.events]}
        return found  # type: ignore[return-value]


def panel_rows(
    store: Store,
    register: Register,
    first: int,
    last: int,
    countries: Sequence[Country] = (),
) -> Iterator[dict[str, Any]]:
    """The rows of the panel for the years ``first`` to ``last``, year by year, pairs in code order.

    The pairs are those among ``countries`` when given, else those of the states in the COW state
    system that year (a membership the COW list leaves open goes on).
    """
    check_years(first, last)
    window = Window(PartialDate(first), PartialDate(last))
    facts = _read(store, register, range(first, last + 1))
    trade = trade_years(trade_rows(store, register, window))
    chosen = sorted({c.code for c in countries})
    if countries and len(chosen) < 2:
        raise InputError("a panel needs at least two countries")
    for year in range(first, last + 1):
        cow = _cow_codes(register, year)
        codes = chosen or sorted(cow)
        for a, b in combinations(codes, 2):
            yield _row(year, a, b, facts, trade, cow, register)


def _row(
    year: int,
    a: str,
    b: str,
    facts: _Facts,
    trade: dict[Any, Any],
    cow: dict[str, int],
    register: Register,
) -> dict[str, Any]:
    pair, reverse = (a, b), (b, a)
    ca, cb = register.countries.get(a), register.countries.get(b)
    events = facts.events.get((pair, year), {})
    agreements = facts.agreements.get(pair, [])
    event_count = _covered(facts, "events", year, sum(events.values()))
    traded = trade.get((pair, str(year)))
    return {
        "year": year,
        "a": a,
        "b": b,
        "a_name": ca.name if ca else a,
        "b_name": cb.name if cb else b,
        "a_iso3": ca.alpha3 if ca else None,
        "b_iso3": cb.alpha3 if cb else None,
        "a_cow": cow.get(a),
        "b_cow": cow.get(b),
        "relations": _relations(facts.relations.get(pair, []), year),
        "missions_ab": _missions(facts, pair, year),
        "missions_ba": _missions(facts, reverse, year),
        "level_ab": facts.levels.get((pair, year)),
        "level_ba": facts.levels.get((reverse, year)),
        "agreements_signed": _covered(facts, "agreements", year, sum(1 for s, _ in agreements if s == year)),
        "agreements_in_force": _covered(
            facts, "agreements", year, sum(1 for _, f in agreements if f is not None and f <= year)
        ),
        "events": event_count,
        **{
            column: _covered(facts, "events", year, events.get(column.removeprefix("events_"), 0))
            for column in EVENT_COLUMNS
        },
        "trade_usd": _dollars(traded.total) if traded else None,
        "trade_ab_usd": _dollars(traded.forward) if traded else None,
        "trade_ba_usd": _dollars(traded.backward) if traded else None,
        **{
            column: _covered(
                facts, str(kind.tie), year, int(facts.counted[(str(kind.tie), year)].get(arc, 0))
            )
            for kind in COUNTED
            for column, arc in zip(
                _count_columns(kind), (pair, reverse) if kind.directed else (pair,), strict=True
            )
        },
    }


def _dollars(amount: Decimal | None) -> Decimal | None:
    """An amount without trailing zeros or exponent: 143290, 0.5."""
    if amount is None:
        return None
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


def _covered(facts: _Facts, kind: str, year: int, count: int) -> int | None:
    """``count`` where a dataset observed every pair in ``year``, or where it is above zero."""
    return count if count or year in facts.coverage[kind] else None


def _relations(records: list[tuple[int | None, int | None, bool]], year: int) -> int | None:
    """1 while relations stand, 0 before they were established or after they ended, None unknown."""
    answers = set()
    for established, ended, severed in records:
        if (established is not None and year < established) or (ended is not None and year > ended):
            answers.add(0)
        elif established is not None and not (severed and ended is None):
            answers.add(1)
    return max(answers) if answers else None


def _missions(facts: _Facts, arc: Pair, year: int) -> int | None:
    """Missions open that year: known opening on or before it and no known closing before it; a
    mission with no known opening counts from the year its dataset saw it."""
    count = 0
    for opened, closed, observed in facts.missions.get(arc, []):
        start = opened if opened is not None else observed
        if start is not None and start <= year and (closed is None or closed >= year):
            count += 1
    published = facts.coverage["missions"]
    return count if count or (published and year >= min(published)) else None


def _cow_codes(register: Register, year: int) -> dict[str, int]:
    """The COW number of each state in the system in ``year``."""
    found = {}
    for code, memberships in register.memberships.items():
        for membership in memberships:
            end = membership.end.year if membership.end is not None else 9999
            if membership.start.year <= year <= end:
                found[membership.country] = code
    return found


def _year(value: str | None) -> Year:
    return int(value[:4]) if value is not None else None


def _read(store: Store, register: Register, years: range) -> _Facts:
    window = Window(PartialDate(years[0]), PartialDate(years[-1]))
    facts = _Facts()
    observed: dict[str, tuple[Pair, Year, Year, Year]] = {}
    for row in _rows(store.values(stored_query("panel-ties").text)):
        pair = (country_code(row["a"]), country_code(row["b"]))
        kind, start, end = row["kind"], _year(row["start"]), _year(row["end"])
        if kind == "relations":
            facts.relations[pair].append((start, end, row["severed"] == "true"))
        elif kind == "missions":
            # A mission with two sources comes twice: keep the earliest sighting.
            seen = _year(row["observed"])
            earlier = observed.get(str(row["item"]), (pair, start, end, seen))[3]
            observed[str(row["item"])] = (pair, start, end, min(filter(None, (seen, earlier)), default=None))
        elif kind == "representation" and start is not None:
            facts.levels[(pair, start)] = str(row["level"])
        elif kind == "agreements":
            facts.agreements[pair].append((start, _year(row["inForce"])))
    for pair, start, end, seen in observed.values():
        facts.missions[pair].append((start, end, seen))
    query = stored_query("panel-events")
    bounds = {"from": str(window.start), "to": str(window.end)}
    for row in _rows(store.values(query.text, bind_parameters(query, bounds, register))):
        pair = dyad_codes(str(row["dyad"]))
        facts.events[(pair, int(str(row["year"])))][str(row["kind"])] = int(str(row["n"]))
    for row in _rows(store.values(stored_query("panel-coverage").text)):
        facts.coverage[str(row["kind"])].add(int(str(row["year"])))
    for declared in COUNTED:
        for year in years:
            one_year = Window(PartialDate(year), PartialDate(year))
            facts.counted[(str(declared.tie), year)] = tie_counts(
                store, register, f"network-{declared.tie}", one_year
            )
    return facts


def _rows(values: Values) -> Iterator[dict[str, str | None]]:
    for row in values.rows:
        yield dict(zip(values.variables, row, strict=True))
