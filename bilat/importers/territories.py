"""The crosswalk from the State Department's country ids to the register, built from its territory
register (HistoryAtState/gsh: ``countries-old`` with ISO codes, ``territories`` with names, dates,
predecessors and successors).

A current country id is mapped by its ISO code; a territory id by its short or long name, when the
register knows exactly one state by that name. Earlier states are added by walking the territory's
predecessors, following one only where the register says the later state succeeded it (the Russian
Empire, then the USSR, before Russia). Anything else is left unmapped with the reason, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from bilat.importers.statexml import Piece, child_text, dataset_source, elements
from bilat.model.dates import PartialDate
from bilat.model.entities import Country
from bilat.register import Register

SOURCE = dataset_source("gsh", "Geographic and territorial register of history.state.gov", "gsh", "c8aea3fe")


@dataclass(frozen=True)
class Territory:
    id: str
    names: tuple[str, ...]
    since: PartialDate | None
    until: PartialDate | None
    predecessors: tuple[str, ...]


def read_territories(folder: Path) -> tuple[dict[str, Territory], dict[str, str]]:
    """The territories (by id) and the ISO codes of the current country ids, from an unpacked gsh."""
    territories = {}
    for path in sorted((folder / "territories").glob("*.xml")):
        for _, element in elements(path, lambda tag, _: tag == "territory"):
            names = (child_text(element, "short-form-name"), child_text(element, "long-form-name"))
            territory = Territory(
                child_text(element, "id"),
                tuple(name for name in names if name),
                _year(child_text(element, "valid-since")),
                _year(child_text(element, "valid-until")),
                tuple(text for p in element.iter("predecessor") if (text := (p.text or "").strip())),
            )
            territories[territory.id] = territory
    iso = {}
    for path in sorted((folder / "countries-old").glob("*.xml")):
        for _, element in elements(path, lambda tag, _: tag == "country"):
            code = child_text(element, "iso2").upper()
            if code and child_text(element, "country-modern-indicator") == "true":
                iso[child_text(element, "id")] = code
    return territories, iso


def _year(text: str) -> PartialDate | None:
    return PartialDate(int(text)) if text.isdigit() and 0 < int(text) < 9999 else None


def build_crosswalk(
    territories: dict[str, Territory],
    iso: dict[str, str],
    register: Register,
    extra: Mapping[str, Sequence[str]] = MappingProxyType({}),
) -> list[Piece]:
    """Every id's pieces, in id order; ``extra`` ids (used by the datasets but in neither list) are
    mapped by the names the datasets give them, then by their words as a name, when one state has
    that name."""
    ids = sorted({*territories, *iso, *extra})
    return [piece for id in ids for piece in _pieces(id, territories, iso, register, extra.get(id, ()))]


def _pieces(
    id: str, territories: dict[str, Territory], iso: dict[str, str], register: Register, names: Sequence[str]
) -> list[Piece]:
    territory = territories.get(id)
    country = register.countries.get(iso.get(id, ""))
    # Codes such as XF (the GDR) or XI (Yugoslavia) are the State Department's own, not ISO's.
    why = f"ISO code {iso[id]} is not in the register; " if id in iso and country is None else ""
    if country is not None:
        via = f"ISO code {iso[id]}"
    elif territory is not None:
        country, found = _by_name(territory.names, register)
        why, via = why + found, f"name {found}"
    else:
        country, found = _by_name((*names, id.replace("-", " ")), register)
        why = why + ("" if id in iso else "not in the territory register; ") + found
        via = f"the datasets' name {found}"
    if country is None:
        return [Piece(id, "", None, None, why)]
    earlier = _predecessors(territory, country, territories, register)
    start = country.founded or (territory.since if earlier and territory else None)
    pieces = [
        Piece(id, country.code, start, None if not country.historical else _end(country, territory), via)
    ]
    return pieces + [Piece(id, *rest) for rest in earlier]


def _end(country: Country, territory: Territory | None) -> PartialDate | None:
    return country.dissolved or (territory.until if territory else None)


def _predecessors(
    territory: Territory | None,
    later: Country,
    territories: dict[str, Territory],
    register: Register,
) -> list[tuple[str, PartialDate | None, PartialDate | None, str]]:
    """The earlier states of a territory, latest first: (code, start, end, how it was found)."""
    found: list[tuple[str, PartialDate | None, PartialDate | None, str]] = []
    seen = set()
    while territory is not None and territory.id not in seen:
        seen.add(territory.id)
        steps = []
        for id in territory.predecessors:
            before = territories.get(id)
            country = _by_name(before.names, register)[0] if before else None
            if (
                before is not None
                and country is not None
                and later.code in (*country.successors, country.code)
            ):
                steps.append((before, country))
        if len(steps) != 1:
            break
        territory, country = steps[0]
        if country.code != later.code:
            found.append(
                (
                    country.code,
                    country.founded,
                    _end(country, territory),
                    f"predecessor {territory.id} of {later.code}",
                )
            )
            later = country
    return found


def _by_name(names: Iterable[str], register: Register) -> tuple[Country | None, str]:
    """The one state the register knows by one of ``names`` (its name, official name, other names or
    English label, without case or accents), else None and why."""
    index = _name_index(register)
    tried = []
    for name in names:
        found = index.get(_fold(name), [])
        current = [c for c in found if not c.historical]
        if len(found) == 1 or len(current) == 1:  # the register's own rule: a current state first
            return (current or found)[0], repr(name)
        tried.append(f"{name!r}: " + ("ambiguous" if found else "no state by that name"))
    return None, "; ".join(tried) or "no name"


_INDEXES: dict[int, dict[str, list[Country]]] = {}


def _name_index(register: Register) -> dict[str, list[Country]]:
    if id(register) not in _INDEXES:
        index: dict[str, list[Country]] = {}
        for country in register.countries.values():
            names = {country.name, country.official_name, *country.other_names, country.labels.get("en")}
            for name in names:
                if name:
                    index.setdefault(_fold(name), []).append(country)
        _INDEXES.clear()
        _INDEXES[id(register)] = index
    return _INDEXES[id(register)]


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"^the ", "", re.sub(r"[^\w]+", " ", plain).strip())
