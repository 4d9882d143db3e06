"""The dyad-year panel: one row per pair of countries and year, the shape COW and peacesciencer use.

Counts are zero only where the store has data covering that year for every pair (a dataset such as
COW, DESTA, GDELT or the database of embassies; see ``queries/panel-coverage.rq``) and missing
(None) elsewhere, unless something was found: a news report of one meeting says nothing about the
years without one. Levels of representation are given for the years COW observed them; relations
for the years a record of them speaks to.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from bilat.errors import InputError
from bilat.files.tables import csv_fields, csv_line
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
COW_LEVELS = {"none": 0, "charge_d_affaires": 1, "minister": 2, "ambassador": 3, "other": 9}
"""The COW Diplomatic Exchange codes of the representation levels."""


def _count_columns(kind: FactKind) -> tuple[str, ...]:
    return (f"{kind.tie}12", f"{kind.tie}21") if kind.directed else (str(kind.tie),)


HEAD = ("ccode1", "ccode2", "year", "iso1", "iso2", "iso3_1", "iso3_2", "name1", "name2")
COLUMNS = (
    *HEAD,
    "relations",
    "missions12",
    "missions21",
    "level12",
    "level21",
    "level12_cow",
    "level21_cow",
    "agreements_signed",
    "agreements_in_force",
    "events",
    *EVENT_COLUMNS,
    "trade_usd",
    "trade12_usd",
    "trade21_usd",
    *(column for kind in COUNTED for column in _count_columns(kind)),
)
"""The names peacesciencer and COW use (``ccode1``, ``ccode2``, ``year``), valid in Stata. Columns
ending in ``12`` go from country 1 to country 2 (its missions there, the level it is represented at
there, its exports there), ``21`` the other way."""
TEXT_COLUMNS = frozenset({"iso1", "iso2", "iso3_1", "iso3_2", "name1", "name2", "level12", "level21"})
"""The columns of text; the others hold numbers."""

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
    agreements: dict[Pair, list[tuple[Year, Year, Year]]] = field(default_factory=lambda: defaultdict(list))
    """(signed, in force, ended) per pair"""
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
    *,
    directed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows of ``panel_values`` as mappings by column name."""
    for values in panel_values(store, register, first, last, countries, directed=directed, progress=progress):
        yield dict(zip(COLUMNS, values, strict=True))


def panel_values(
    store: Store,
    register: Register,
    first: int,
    last: int,
    countries: Sequence[Country] = (),
    *,
    directed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Any, ...]]:
    """The rows of the panel for the years ``first`` to ``last`` (values in ``COLUMNS`` order), year by
    year, pairs in COW code order (ISO order for a country without one).

    The pairs are those among ``countries`` when given, else those of the states in the COW state
    system that year (a membership the COW list leaves open goes on); each pair once, ``ccode1`` below
    ``ccode2``, or ``directed`` both ways. ``progress`` is told of each year done.
    """
    parts = panel_parts(store, register, first, last, countries, directed=directed, progress=progress)
    for one, two, year, tail in parts:
        yield (one[0], two[0], year, one[1], two[1], one[2], two[2], one[3], two[3], *tail)


Head = tuple[int | None, str, str | None, str]
"""A country's COW number that year, ISO code, ISO alpha-3 code and name."""


def panel_parts(
    store: Store,
    register: Register,
    first: int,
    last: int,
    countries: Sequence[Country] = (),
    *,
    directed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Head, Head, int, tuple[Any, ...]]]:
    """``panel_values`` in parts: each row's two countries, its year and the rest of its values. The
    parts are shared between rows: one head per country and year, one rest for every pair without
    facts that year, so that a writer can turn each into text once."""
    check_years(first, last)
    window = Window(PartialDate(first), PartialDate(last))
    facts = _read(store, register, range(first, last + 1))
    trade = trade_years(trade_rows(store, register, window))
    busy = (
        facts.pairs()
        | {pair for pair, _ in trade}
        | {tuple(sorted(p)) for c in facts.counted.values() for p in c}
    )
    chosen = sorted({c.code for c in countries})
    if countries and len(chosen) < 2:
        raise InputError("a panel needs at least two countries")
    for year in range(first, last + 1):
        cow = _cow_codes(register, year)
        codes = sorted(chosen or cow, key=lambda code: (code not in cow, cow.get(code, 0), code))
        empty = _tail(year, ("", ""), facts, trade)  # every pair without facts that year looks alike
        heads = {code: _country(register, code, cow) for code in codes}
        for i, one in enumerate(codes):
            for two in codes if directed else codes[i + 1 :]:
                if one == two:
                    continue
                pair = (one, two) if one < two else (two, one)
                tail = _tail(year, (one, two), facts, trade) if pair in busy else empty
                yield heads[one], heads[two], year, tail
        if progress:
            progress(year - first + 1, last - first + 1)


def csv_lines(parts: Iterable[tuple[Head, Head, int, tuple[Any, ...]]]) -> Iterator[str]:
    """``panel_parts`` as CSV lines (``files.tables.csv_line``), each country's head, each year and
    each distinct rest of a row (the counts) made text once: most pairs look alike in a year."""
    heads: dict[Head, tuple[str, ...]] = {}
    tails: dict[tuple[Any, ...], str] = {}
    year, year_text = None, ""
    for one, two, when, tail in parts:
        text = tails.get(tail)
        if text is None:
            if len(tails) > 100_000:  # bounded memory whatever the facts
                tails.clear()
            text = tails[tail] = csv_line(tail)
        if when != year:
            year, year_text = when, str(when)
        first = heads.get(one) or heads.setdefault(one, csv_fields(one))
        second = heads.get(two) or heads.setdefault(two, csv_fields(two))
        yield ",".join(
            (
                first[0],
                second[0],
                year_text,
                first[1],
                second[1],
                first[2],
                second[2],
                first[3],
                second[3],
                text,
            )
        )


EVENT_KINDS = tuple(column.removeprefix("events_") for column in EVENT_COLUMNS)


def _events(facts: _Facts, year: int, events: dict[str, int]) -> tuple[int | None, ...]:
    """The events column and one per kind, for a pair with events that year."""
    counts = (sum(events.values()), *(events.get(kind, 0) for kind in EVENT_KINDS))
    covered = year in facts.coverage["events"]
    return tuple(n if n or covered else None for n in counts)


@cache
def _zeros(covered: bool) -> tuple[int | None, ...]:
    return (0 if covered else None,) * (1 + len(EVENT_KINDS))


def _no_events(facts: _Facts, year: int) -> tuple[int | None, ...]:
    return _zeros(year in facts.coverage["events"])


def _country(register: Register, code: str, cow: dict[str, int]) -> tuple[int | None, str, str | None, str]:
    country = register.countries.get(code)
    return cow.get(code), code, country.alpha3 if country else None, country.name if country else code


def _tail(year: int, arc: Pair, facts: _Facts, trade: dict[Any, Any]) -> tuple[Any, ...]:
    """The values after the pair's codes and names, for the pair going from ``arc[0]`` to ``arc[1]``."""
    one, two = arc
    pair, reverse = (one, two) if one < two else (two, one), (two, one)
    events = facts.events.get((pair, year))
    agreements = facts.agreements.get(pair, [])
    traded = trade.get((pair, str(year)))
    forward, backward = (traded.forward, traded.backward) if traded else (None, None)
    if pair != arc:
        forward, backward = backward, forward
    level12, level21 = facts.levels.get((arc, year)), facts.levels.get((reverse, year))
    signed = in_force = 0
    for start, entry, end in agreements:
        signed += start == year
        in_force += entry is not None and entry <= year <= (end or year)
    counted: list[float | None] = []
    for tie, directed in _COUNTED_TIES:
        counted.extend(
            (_counted(facts, tie, year, arc), _counted(facts, tie, year, reverse))
            if directed
            else (_counted(facts, tie, year, pair),)
        )
    return (
        _relations(facts.relations.get(pair, []), year),
        _missions(facts, arc, year),
        _missions(facts, reverse, year),
        level12,
        level21,
        COW_LEVELS.get(level12) if level12 else None,
        COW_LEVELS.get(level21) if level21 else None,
        _covered(facts, "agreements", year, signed),
        _covered(facts, "agreements", year, in_force),
        *(_events(facts, year, events) if events else _no_events(facts, year)),
        _dollars(traded.total) if traded else None,
        _dollars(forward),
        _dollars(backward),
        *counted,
    )


_COUNTED_TIES = tuple((str(kind.tie), kind.directed) for kind in COUNTED)


def _counted(facts: _Facts, tie: str, year: int, key: Pair) -> float | None:
    """What a kind's network query gave the pair that year (a count, or a share such as UN votes' that
    may be 0); for a pair it gave nothing, zero where a dataset covers the year, else missing."""
    found = facts.counted[(tie, year)].get(key)
    return found if found is not None else _covered(facts, tie, year, 0)


def _dollars(amount: Decimal | None) -> Decimal | None:
    """An amount without trailing zeros or exponent: 143290, 0.5."""
    if amount is None:
        return None
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


def _covered(facts: _Facts, kind: str, year: int, count: float) -> float | None:
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
    """The COW number of each state in the system in ``year``; where one number passed from a state to
    its successor that year (365: the Soviet Union, then Russia in 1991), the successor's, so that
    each number has one row."""
    found = {}
    for code, memberships in register.memberships.items():
        members = [
            m for m in memberships if m.start.year <= year <= (m.end.year if m.end is not None else 9999)
        ]
        if members:
            found[max(members, key=lambda m: m.start).country] = code
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
            facts.agreements[pair].append((start, _year(row["inForce"]), end))
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
