"""What the leader lists share (REIGN, Archigos): a spell of a state's effective leader, read from a
row, checked and made into a person, the country's leader post and a dated holding of it.

Both lists code the state's effective ruler (the president, the prime minister, the monarch or the
party leader who ruled), not an office: the post is "Leader of X", not head of state or government.
Their files carry stray bytes of another encoding, so lines are decoded one by one.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from bilat.errors import DataError, Problem
from bilat.importers.base import Outcome, Skip
from bilat.model.base import Record, slug
from bilat.model.dates import PartialDate
from bilat.model.entities import Person, Post, Source
from bilat.model.facts import PostHolding
from bilat.model.fields import Text, describe
from bilat.register import Register, readable_name

FIRST_YEAR = 1800
"""No leader list goes back further; an earlier year is a typo."""
FALLBACK_ENCODING = "cp1252"
"""What a line that is not in the file's encoding is read as (REIGN's notes hold a cp1252 ellipsis)."""
_NAME: TypeAdapter[str] = TypeAdapter(Text)


@dataclass(frozen=True)
class Spell:
    """One row of a leader list: ``name`` (the dataset's id ``leader_id``) led COW state ``ccode``
    from ``start`` to ``end`` (None: still in office when the list was made)."""

    line: int
    leader_id: str
    name: str
    ccode: int
    start: PartialDate
    end: PartialDate | None


def leader_post(country_code: str, country_name: str) -> Post:
    """The post of a state's effective leader, shared by every leader list."""
    return Post(id=f"{country_code.lower()}-leader", title=f"Leader of {country_name}", country=country_code)


def mixed_rows(
    path: Path, encoding: str, required: Sequence[str], dataset: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each data row by header name, with its line number; a line that does not decode in
    ``encoding`` is read as cp1252, one that does not decode in either is an error naming it."""

    def lines() -> Iterator[str]:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    yield raw.decode(encoding)
                except UnicodeDecodeError:
                    try:
                        yield raw.decode(FALLBACK_ENCODING)
                    except UnicodeDecodeError:
                        message = f"is neither {encoding} nor {FALLBACK_ENCODING}; pass --encoding"
                        raise DataError([Problem(str(path), number, "", message)]) from None

    reader = csv.reader(lines())
    header = next(reader, None)
    if header is None:
        raise DataError([Problem(str(path), None, "", "is empty")])
    names = [name.strip().lstrip("\ufeff") for name in header]
    missing = [name for name in required if name not in names]
    if missing:
        header_text = ", ".join(names)[:200]
        message = f"has no column {', '.join(missing)}; is it a {dataset} file? (its header: {header_text})"
        raise DataError([Problem(str(path), 1, "", message)])
    for values in reader:
        if any(value.strip() for value in values):
            yield reader.line_num, dict(zip(names, values, strict=False))


def fold(text: str) -> str:
    """A name without case, accents or punctuation, for comparing spellings."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


@dataclass
class _Leader:
    id: str
    names: list[str]
    countries: set[str] = field(default_factory=set)

    def same_person(self, name: str) -> bool:
        """One id, two spellings ("Izetbegovic", "Alija Izetbegovic") share a word; a list that gave
        one id to two leaders ("Thors", "Benediktsson") does not."""
        words = {w for n in self.names for w in fold(n).split() if len(w) > 2}
        return bool(words & {w for w in fold(name).split() if len(w) > 2})


class SpellRecords:
    """Turns the spells of one file into records: checks each, tells persons apart, drops content
    duplicates, and gives the persons last (their other spellings gathered from every row)."""

    def __init__(self, register: Register, source: Source, prefix: str) -> None:
        self.register, self.source, self.prefix = register, source, prefix
        self.leaders: dict[str, list[_Leader]] = {}
        self.seen: dict[tuple[str, str, str, str], tuple[int, str]] = {}
        self.last_year = dt.date.today().year + 1

    def outcome(self, spell: Spell) -> list[Record] | Skip:
        line = spell.line
        try:
            _NAME.validate_python(spell.name)
        except ValidationError as error:
            return Skip(line, "no usable name", f"{spell.name!r}: {describe(error)}")
        for date in (spell.start, spell.end):
            if date is not None and not FIRST_YEAR <= date.year <= self.last_year:
                return Skip(line, "implausible year", f"{date} for {spell.name}")
        if spell.end is not None and not spell.end.may_be_after(spell.start):
            return Skip(line, "ends before it starts", f"{spell.name}: {spell.start} to {spell.end}")
        pieces = self._pieces(spell)
        if not pieces:
            return Skip(line, "COW number unknown", f"{spell.ccode} in {spell.start.year}")
        content = (pieces[0][0], fold(spell.name), str(spell.start), str(spell.end))
        first_line, first_id = self.seen.setdefault(content, (line, spell.leader_id))
        if first_line != line and first_id != spell.leader_id:
            detail = f"{spell.name} {spell.start} to {spell.end or '…'}: line {first_line} ({first_id})"
            return Skip(line, "same leader and dates as an earlier row under another id", detail, error=False)
        records: list[Record] = []
        for code, start, end in pieces:
            country = self.register.countries[code]
            post = leader_post(code, readable_name(country))
            try:
                holding = PostHolding(
                    person=self._person(spell, code),
                    post=post.id,
                    start=start,
                    end=end,
                    sources=(self.source.id,),
                )
            except ValidationError as error:
                return Skip(line, "invalid holding", describe(error))
            records += [post, holding]
        return records

    def _pieces(self, spell: Spell) -> list[tuple[str, PartialDate, PartialDate | None]]:
        """The spell split where its COW number passed to another country (365: the USSR, then
        Russia from 1991-12-26), as (country, start, end); none when the number is unknown."""
        memberships = sorted(self.register.memberships.get(spell.ccode, []), key=lambda m: m.start.order)
        at_start = [m for m in memberships if m.start.earliest <= spell.start.earliest]
        during = [m for m in at_start if m.end is None or spell.start.earliest <= m.end.latest]
        first = during[-1].country if during else None
        if first is None:
            found = self.register.by_cow(spell.ccode, spell.start.year)
            first = found.code if found is not None else None
        if first is None:
            return []
        pieces = [(first, spell.start, spell.end)]
        for membership in memberships:
            country, start, _ = pieces[-1]
            change = membership.start.earliest
            if membership.country == country or change <= start.latest:
                continue
            if spell.end is not None and change > spell.end.latest:
                break
            day_before = change - dt.timedelta(days=1)
            pieces[-1] = (country, start, PartialDate(day_before.year, day_before.month, day_before.day))
            pieces.append((membership.country, membership.start, spell.end))
        return pieces

    def _person(self, spell: Spell, country: str) -> str:
        known = self.leaders.setdefault(spell.leader_id, [])
        leader = next((one for one in known if one.same_person(spell.name)), None)
        if leader is None:
            key = slug(f"{self.prefix}-{spell.leader_id}")
            if known:
                key = slug(f"{key}-{spell.name}")
            leader = _Leader(key[:120].strip("-"), [])
            known.append(leader)
        if spell.name not in leader.names:
            leader.names.append(spell.name)
        leader.countries.add(country)
        return leader.id

    def persons(self) -> Outcome:
        """Every person met, as the records built from many rows (row 0)."""
        records: list[Record] = []
        for known in self.leaders.values():
            for leader in known:
                name, *others = leader.names
                country = next(iter(leader.countries)) if len(leader.countries) == 1 else None
                records.append(
                    Person(
                        id=leader.id,
                        name=name,
                        other_names=tuple(others),
                        country=country,
                        sources=(self.source.id,),
                    )
                )
        return 0, records


def read_spells(spells: Iterator[Spell | Skip], builder: SpellRecords) -> Iterator[Outcome]:
    """The outcome of each row, then the persons."""
    for spell in spells:
        if isinstance(spell, Skip):
            yield spell.row, spell
        else:
            yield spell.line, builder.outcome(spell)
    yield builder.persons()


def whole(text: str) -> int | None:
    """A whole number written in a cell, or None for an empty cell and the lists' missing-value codes."""
    text = text.strip()
    if not text or text.upper() in ("NA", "."):
        return None
    number = int(float(text)) if re.fullmatch(r"-?\d+(?:\.0+)?", text) else int(text)
    return None if number < 0 else number  # -777, -888, -999: Archigos' missing values
