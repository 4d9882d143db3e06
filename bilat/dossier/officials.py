"""Who held which post: a country's office holders, a person's posts, and the officials that matter
to a pair (heads of state and government, foreign ministers, each side's envoy to the other).

A post's role is read from its title ("President of X", "Minister of Foreign Affairs", "Ambassador
of X to Y") or, for an envoy, from the mission the post belongs to; posts are found by their country.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bilat.graph.read import holdings_of, records_from_rows, with_references
from bilat.model.dataset import Country, DiplomaticMission, Person, Post, PostHolding, Record, Source
from bilat.model.dates import PartialDate
from bilat.model.window import Window
from bilat.queries import query_text
from bilat.rdf.namespaces import mint, mint_text
from bilat.register import readable_name
from bilat.store import Store
from bilat.store.sparql import batched_values


class Role(StrEnum):
    """What a post is to the ties of a pair."""

    LEADER = "head of state or government"
    FOREIGN_MINISTER = "foreign minister"
    ENVOY = "envoy"


@dataclass(frozen=True)
class Tenure:
    """A person's holding of a post, with the person, the post and the holding's sources."""

    holding: PostHolding
    person: Person
    post: Post
    sources: tuple[Source, ...]

    @property
    def dates(self) -> str:
        """The holding's dates as a reader says them: "2003-10-15 to 2013", "from 2019", "appointed
        2019-05-02, from 2019-06-10", "dates not recorded"."""
        start, end, appointed = self.holding.start, self.holding.end, self.holding.appointed
        if start and end:
            text = f"{start} to {end}"
        elif start:
            text = f"from {start}"
        elif end:
            text = f"until {end}"
        else:
            text = "" if appointed else "dates not recorded"
        if appointed:
            text = f"appointed {appointed}" + (f", {text}" if text else "")
        return text


@dataclass(frozen=True)
class Officeholder:
    """A tenure of one of a pair's relevant posts: ``country`` is the side whose post it is."""

    country: str
    role: Role
    tenure: Tenure


def tenures(store: Store, holdings: Iterable[PostHolding]) -> list[Tenure]:
    """The holdings with their persons, posts and sources, by start date (undated first), post and name;
    a holding whose person or post the store lacks is left out."""
    holdings = list(holdings)
    everything = with_references(store, list(holdings), depth=1)
    persons = {r.id: r for r in everything if isinstance(r, Person)}
    posts = {r.id: r for r in everything if isinstance(r, Post)}
    sources = {r.id: r for r in everything if isinstance(r, Source)}
    found = [
        Tenure(h, persons[h.person], posts[h.post], tuple(sources[s] for s in h.sources if s in sources))
        for h in holdings
        if h.person in persons and h.post in posts
    ]
    return sorted(found, key=_order)


def _order(tenure: Tenure) -> tuple[tuple[int, int, int, int], str, str, str]:
    start = tenure.holding.start or tenure.holding.appointed
    return (start.order if start else (0, 0, 0, 0), tenure.post.title, tenure.person.name, tenure.holding.key)


def country_tenures(store: Store, country: Country, other: Country | None = None) -> list[Tenure]:
    """Every holding of a post of ``country`` (and of ``other``'s, when given)."""
    bindings = {"a": mint("country", country.code), "b": mint("country", (other or country).code)}
    rows = store.terms(query_text("internal/country-holdings"), bindings)
    return tenures(store, [r for r in records_from_rows(rows) if isinstance(r, PostHolding)])


def person_tenures(store: Store, name: str) -> list[Tenure]:
    """Every holding of the persons whose name, or another name, contains ``name`` (without case or
    accents)."""
    wanted = fold(name)
    answer = store.values(query_text("internal/person-names"))
    person, named = answer.variables.index("person"), answer.variables.index("name")
    persons = {str(row[person]) for row in answer.rows if wanted and wanted in fold(str(row[named]))}
    return tenures(store, [h for h in holdings_of(store, persons) if isinstance(h, PostHolding)])


def pair_officials(store: Store, a: Country, b: Country, window: Window) -> list[Officeholder]:
    """Who held each side's relevant posts in the window: side by side in the pair's order, then by
    role, then by date. The posts are chosen first, by role, so that only their holdings are read (the
    United States alone has thousands of holdings of hundreds of posts)."""
    return pairs_officials(store, [(a, b, window)])[0]


def pairs_officials(
    store: Store, pairs: Sequence[tuple[Country, Country, Window]]
) -> list[list[Officeholder]]:
    """``pair_officials`` of several pairs, each in its window (a pair and the earlier states its
    countries continue), each country's posts read once."""
    countries = list({c.code: c for a, b, _ in pairs for c in (a, b)}.values())
    posts: list[Post] = []
    # two countries a query; an odd one out is asked for as both
    for first, second in zip(countries[::2], [*countries[1::2], countries[-1]], strict=False):
        bindings = {"a": mint("country", first.code), "b": mint("country", second.code)}
        rows = store.terms(query_text("internal/country-posts"), bindings)
        posts += [p for p in records_from_rows(rows) if isinstance(p, Post)]
    missions = _missions(store, posts)
    relevant = [_relevant_posts(posts, a, b, missions) for a, b, _ in pairs]
    found = tenures(store, _holdings_of_posts(store, {post for chosen in relevant for post in chosen}))
    roles = list(Role)
    answer = []
    for (_, _, window), chosen in zip(pairs, relevant, strict=True):
        held = [
            Officeholder(*chosen[t.post.id], t)
            for t in found
            if t.post.id in chosen and window.holds(t.holding.start or t.holding.appointed, t.holding.end)
        ]
        answer.append(sorted(held, key=lambda o: (o.country, roles.index(o.role), _order(o.tenure))))
    return answer


def _relevant_posts(
    posts: list[Post], a: Country, b: Country, missions: dict[str, DiplomaticMission]
) -> dict[str, tuple[str, Role]]:
    """The posts of ``a`` and ``b`` that concern their ties, with the side and the role."""
    relevant: dict[str, tuple[str, Role]] = {}
    for post in posts:
        for side, other in ((a, b), (b, a)):
            if post.country == side.code:
                role = role_of(post, side, other, missions)
                if role is not None:
                    relevant[post.id] = (side.code, role)
    return relevant


def _holdings_of_posts(store: Store, posts: Iterable[str]) -> list[PostHolding]:
    query = query_text("internal/holdings-of-posts")
    iris = sorted(mint_text("post", post) for post in posts)
    rows = (store.terms(text) for text in batched_values(query, "post", iris, 1000))
    return [r for found in rows for r in records_from_rows(found) if isinstance(r, PostHolding)]


def _missions(store: Store, posts: list[Post]) -> dict[str, DiplomaticMission]:
    keys = {p.organization for p in posts if p.organization}
    chosen: list[Record] = [p for p in posts if p.organization]
    records = with_references(store, chosen, depth=1)
    return {r.key: r for r in records if isinstance(r, DiplomaticMission) and r.key in keys}


_LEADER = re.compile(
    r"^(?:president|prime minister|premier|chancellor|head of state|head of government|"
    r"head of state or government|leader|king|queen|emir|amir|sultan|monarch)(?: of (?:the )?(?P<of>.+))?$"
)
_FOREIGN_MINISTER = re.compile(
    r"^(?:minister (?:of|for) (?:foreign|external) affairs|foreign (?:minister|secretary)|"
    r"secretary of state(?! for (?!foreign))|secretary (?:of|for) foreign affairs)\b"
)
_ENVOY = re.compile(
    r"\b(?:ambassador|envoy|charge d affaires|chief of mission|high commissioner|nuncio|"
    r"minister plenipotentiary|minister resident|permanent representative)\b"
)


def role_of(post: Post, side: Country, other: Country, missions: dict[str, DiplomaticMission]) -> Role | None:
    """What ``side``'s post is to its ties with ``other``: its leader, its foreign minister, its envoy
    to ``other``, or nothing that concerns the pair."""
    title = fold(post.title)
    leader = _LEADER.match(title)
    if leader and (leader["of"] is None or leader["of"] in _names(side)):
        return Role.LEADER
    if _FOREIGN_MINISTER.match(title):
        return Role.FOREIGN_MINISTER
    mission = missions.get(post.organization or "")
    if mission is not None and (mission.sending, mission.host) == (side.code, other.code):
        return Role.ENVOY
    if _ENVOY.search(title) and _any_name(_names(other)).search(title):
        return Role.ENVOY
    return None


def _names(country: Country) -> frozenset[str]:
    return _folded(country.name, readable_name(country), *country.other_names)


@lru_cache(maxsize=1024)  # a pair's two countries, asked for once per post
def _folded(*names: str) -> frozenset[str]:
    return frozenset(folded for name in names if "," not in name and (folded := fold(name)))


@lru_cache(maxsize=1024)
def _any_name(names: frozenset[str]) -> re.Pattern[str]:
    """One of ``names`` as whole words."""
    return re.compile("|".join(rf"\b{re.escape(name)}\b" for name in sorted(names)) or r"(?!)")


@lru_cache(maxsize=1 << 16)  # each post's title and each country's names, asked for again per post and pair
def fold(text: str) -> str:
    """Text without case, accents or punctuation, words separated by one space."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", plain))


def as_of(found: list[Tenure], day: PartialDate) -> list[Tenure]:
    """The tenures that may have covered ``day``: an unknown start is since before it, no end is
    still going on (``Window.holds``)."""
    window = Window(day, day)
    return [t for t in found if window.holds(t.holding.start or t.holding.appointed, t.holding.end)]
