"""Rendering a Dossier as a terminal report, Markdown, or JSON; the text is built here, printed by the CLI.

In Markdown every piece of text that came from the data (names, titles, places, quotes, URLs) goes
through ``markdown_text``: a title written as Markdown or HTML comes out as the characters it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, TypeVar

from bilat.dossier.build import CodedEvents, Dossier, Earlier, EventEntry
from bilat.dossier.officials import Officeholder
from bilat.files.display import json_text, markdown_text
from bilat.model.dataset import (
    Country,
    Record,
    Source,
)
from bilat.model.kinds import KIND_BY_NAME, KINDS
from bilat.register import readable_name


class _Citations:
    """Numbers sources in order of first citation."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.order: list[str] = []

    def __call__(self, record: Record | CodedEvents) -> str:
        sources = record.sources if isinstance(record, Record) else [record.source] if record.source else []
        return self.numbers(sources)

    def numbers(self, sources: Sequence[str]) -> str:
        """``[1, 3]`` for the sources ``sources``, numbering those cited for the first time."""
        numbers = []
        for source_id in sources:
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(str(self.order.index(source_id) + 1))
        return f"[{', '.join(numbers)}]" if numbers else ""


Shown = Callable[[str], str]
"""How text from the data is written: as it is (the terminal report) or escaped (Markdown)."""


def _as_is(text: str) -> str:
    return text


def _sections(dossier: Dossier, cite: _Citations, shown: Shown) -> list[tuple[str, list[str]]]:
    names = dossier
    sections: list[tuple[str, list[str]]] = []
    for kind in KINDS:
        if kind.indexed and dossier.officials:  # who was in office, before what happened
            for heading, officials in _by_pair(dossier, "Office holders", dossier.officials, shown):
                sections.append((heading, [_officeholder(o, cite, shown) for o in officials]))
        if kind.indexed:
            for heading, entries in _by_pair(dossier, _events_heading(dossier), dossier.events, shown):
                sections.append((heading, [line for e in entries for line in _event(e, names, cite, shown)]))
        elif kind.shown_empty or dossier.of(kind.name):
            for heading, records in _by_pair(
                dossier, kind.heading, dossier.of(kind.name), shown, kind.shown_empty
            ):
                lines = [
                    f"{shown(kind.line(r, names))}  {cite(r)}{_differ(dossier, r, cite, shown)}"
                    for r in records
                ]
                sections.append((heading, lines))
    for heading, groups in _by_pair(dossier, "Coded events by CAMEO root", dossier.coded_events, shown):
        sections.append((heading, [shown(_coded(g)) + f"  {cite(g)}" for g in groups]))
    areas = [
        f"{shown(e.area.label)} ({len(e.facts)} fact{'s' if len(e.facts) > 1 else ''})" for e in dossier.areas
    ]
    sections.append(("Cooperation areas", areas))
    return sections


_Item = TypeVar("_Item", Record, Officeholder, EventEntry, CodedEvents)


def _by_pair(
    dossier: Dossier, heading: str, items: Sequence[_Item], shown: Shown, own_when_empty: bool = True
) -> list[tuple[str, Sequence[_Item]]]:
    """A section's items under one heading, or, when some are about earlier states (``Dossier.pair_of``),
    a section for each pair of states, the earlier first, each heading saying which states: "Diplomatic
    relations, as the USSR (1922–1991)". The dossier's own pair keeps its section, empty or not."""
    about = [dossier.pair_of(item) for item in items]
    if not any(about):
        return [(heading, items)]
    sections: list[tuple[str, Sequence[_Item]]] = []
    for pair in [*dossier.earlier, None]:
        mine = [item for item, of in zip(items, about, strict=True) if of is pair]
        if mine or (pair is None and own_when_empty):
            sections.append(
                (f"{heading if not sections else _plain(heading)}, {shown(as_states(dossier, pair))}", mine)
            )
    return sections


def _plain(heading: str) -> str:
    """A heading without its count: "Events" for "Events (the latest 50 of 85)"."""
    return heading.split(" (", 1)[0]


def as_states(dossier: Dossier, pair: Earlier | None) -> str:
    """Which states a part of the dossier is about: the states of an earlier pair that stand where the
    dossier's own do ("as the USSR (1922–1991)"), or, for the pair itself, its countries that have
    earlier states ("as the Russian Federation (since 1991)")."""
    if pair is None:
        moved = {
            i
            for e in dossier.earlier
            for i, c in enumerate(e.countries)
            if c.code != dossier.countries[i].code
        }
        states = [dossier.countries[i] for i in sorted(moved)]
    else:
        states = [c for c, own in zip(pair.countries, dossier.countries, strict=True) if c.code != own.code]
    return "as " + " and ".join(state_name(state) for state in states)


_THE = re.compile(r"\b(?:Empire|Republic|Kingdom|Federation|Union|Emirates|States|Islands|SSR)\b|^[A-Z]{2,}$")


def state_name(state: Country) -> str:
    """A state's name as a sentence says it, with its years: "the USSR (1922–1991)", "the Russian
    Empire (until 1917)", "Viet Nam"."""
    name = readable_name(state)
    name = f"the {name}" if _THE.search(name) else name
    start, end = state.founded, state.dissolved
    if start and end:
        return f"{name} ({start.year}–{end.year})"
    if end:
        return f"{name} (until {end.year})"
    return f"{name} (since {start.year})" if start else name


def _continued(dossier: Dossier) -> list[str]:
    """A sentence for each of the pair's countries whose earlier states the dossier holds."""
    lines = []
    for i, own in enumerate(dossier.countries):
        earlier = {e.countries[i].code: e.countries[i] for e in dossier.earlier}
        earlier.pop(own.code, None)
        if earlier:
            named = " and ".join(state_name(state) for state in earlier.values())
            lines.append(
                f"{state_name(own)[0].upper()}{state_name(own)[1:]} continues {named}: the facts of "
                f"{'its' if len(earlier) == 1 else 'their'} years are here too."
            )
    return lines


def _differ(dossier: Dossier, record: Record, cite: _Citations, shown: Shown) -> str:
    """Where the record's sources disagree (decision 0024), each value with its sources, the main value
    first: "  (sources differ: established 1992-03-27 according to [1]; 1992-03-26 according to [2])"."""
    parts = []
    for disagreement in dossier.disputed(record):
        said = []
        for stated in disagreement.values:
            cited = [source for source in stated.sources if source]  # not the statements citing none
            said.append(
                shown(_shown_value(stated.value)) + (f" according to {cite.numbers(cited)}" if cited else "")
            )
        parts.append(f"{disagreement.field.replace('_', ' ')} {'; '.join(said)}")
    return f"  (sources differ: {'; '.join(parts)})" if parts else ""


def _shown_value(value: object) -> str:
    return _json_value(value).replace("_", " ") if isinstance(value, Enum) else str(value)


def _json_value(value: object) -> Any:
    if isinstance(value, Enum):
        return str(value.value)
    return value if isinstance(value, str | int) else str(value)


def _disputes(dossier: Dossier, record: Record) -> dict[str, Any]:
    """The record's disagreements as JSON: each field's values with their sources, the main value first."""
    found = dossier.disputed(record)
    if not found:
        return {}
    return {
        "disagreements": [
            {
                "field": d.field,
                "values": [{"value": _json_value(v.value), "sources": list(v.sources)} for v in d.values],
            }
            for d in found
        ]
    }


def _officeholder(officeholder: Officeholder, cite: _Citations, shown: Shown) -> str:
    tenure = officeholder.tenure
    return f"{shown(f'{tenure.post.title}: {tenure.person.name}, {tenure.dates}')}  {cite(tenure.holding)}"


def _events_heading(dossier: Dossier) -> str:
    if dossier.event_count > len(dossier.events):
        return f"Events (the latest {len(dossier.events)} of {dossier.event_count})"
    return "Events"


def _event(entry: EventEntry, names: Dossier, cite: _Citations, shown: Shown) -> list[str]:
    event = entry.event
    line = f"{shown(KIND_BY_NAME['events'].line(event, names))}  {cite(event)}"
    lines = [line + _differ(names, event, cite, shown)]
    details = []
    if event.source_country and event.target_country:
        details.append(f"{names.country(event.source_country)} → {names.country(event.target_country)}")
    if event.place:
        details.append(f"in {event.place}")
    if details:
        lines.append("            " + shown(", ".join(details)))
    for participant in entry.participants:
        posts = ", ".join(p.title for p in participant.posts) or "post not recorded"
        lines.append("            " + shown(f"with {participant.person.name} ({posts})"))
    return lines


def _coded(group: CodedEvents) -> str:
    label = (group.label or "").capitalize()
    score = f", mean Goldstein {group.mean_goldstein}" if group.mean_goldstein is not None else ""
    plural = "s" if group.count != 1 else ""
    return f"{group.root} {label}: {group.count} event{plural}, {group.first} to {group.last}{score}"


def _source(source: Source, shown: Shown = _as_is) -> str:
    parts = [source.publisher or source.kind.value.replace("_", " ")]
    if source.published:
        parts.append(str(source.published))
    if source.title:
        parts.append(f'"{source.title}"')
    if source.url:
        parts.append(source.url)
    return shown(", ".join(parts))


def _title(dossier: Dossier, shown: Shown = _as_is) -> str:
    a, b = dossier.countries
    title = shown(f"{a.name} ({a.code}) – {b.name} ({b.code})")
    window = dossier.window
    if window.start or window.end:
        title += f", {window.start or '…'} to {window.end or '…'}"
    return title


def render_text(dossier: Dossier) -> str:
    """A plain report for the terminal."""
    cite = _Citations(dossier)
    lines = [_title(dossier), *_continued(dossier), ""]
    for heading, items in _sections(dossier, cite, _as_is):
        lines.append(heading)
        lines.extend(f"  {item}" for item in items or ["none recorded"])
        lines.append("")
    lines.append("Sources")
    lines.extend(f"  [{n}] {_source(dossier.sources[s])}" for n, s in enumerate(cite.order, 1))
    return "\n".join(lines) + "\n"


def render_markdown(dossier: Dossier) -> str:
    """The report as Markdown, sources as a numbered list; text from the data is escaped
    (``markdown_text``), so that it shows as written and nothing in it runs or links."""
    cite = _Citations(dossier)
    lines = [f"# {_title(dossier, markdown_text)}", ""]
    lines += [*map(markdown_text, _continued(dossier)), ""] if dossier.earlier else []
    for heading, items in _sections(dossier, cite, markdown_text):
        lines.append(f"## {heading}")
        lines.append("")
        blocks = items or ["none recorded"]
        lines.extend(
            f"- {item}" if not item.startswith("            ") else f"  - {item.strip()}" for item in blocks
        )
        lines.append("")
    lines.append("## Sources")
    lines.append("")
    lines.extend(f"{n}. {_source(dossier.sources[s], markdown_text)}" for n, s in enumerate(cite.order, 1))
    return "\n".join(lines) + "\n"


def dossier_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as JSON-ready data; records in their data-file form."""

    def dump(record: Record) -> dict[str, Any]:
        return record.model_dump(mode="json", exclude_defaults=True)

    def pair(item: Record | Officeholder | EventEntry) -> dict[str, Any]:
        """Which earlier pair of states an item is about, when it is not the dossier's own pair."""
        earlier = dossier.pair_of(item)
        return {"pair": list(earlier.codes)} if earlier else {}

    data: dict[str, Any] = {
        "countries": [dump(c) | {"code": c.code} for c in dossier.countries],
        "window": {"start": _str(dossier.window.start), "end": _str(dossier.window.end)},
    }
    if dossier.earlier:
        data["predecessors"] = [
            {
                "pair": list(earlier.codes),
                "countries": [
                    c.model_dump(
                        mode="json", include={"code", "name", "founded", "dissolved"}, exclude_none=True
                    )
                    for c in earlier.countries
                ],
                "window": {"start": _str(earlier.window.start), "end": _str(earlier.window.end)},
            }
            for earlier in dossier.earlier
        ]
    for kind in KINDS:
        if kind.indexed and dossier.officials:
            data["officials"] = [
                {
                    "country": o.country,
                    "role": o.role.value,
                    "holding": {"id": o.tenure.holding.key} | dump(o.tenure.holding),
                    "person": dump(o.tenure.person),
                    "post": dump(o.tenure.post),
                }
                | pair(o)
                for o in dossier.officials
            ]
        if kind.indexed:
            data["events"] = [
                dump(e.event)
                | {
                    "participants": [
                        {"person": dump(p.person), "posts": [dump(post) for post in p.posts]}
                        for p in e.participants
                    ]
                }
                | pair(e)
                | _disputes(dossier, e.event)
                for e in dossier.events
            ]
            data["event_count"] = dossier.event_count
        else:
            data[kind.name] = [
                {"id": r.key} | dump(r) | pair(r) | _disputes(dossier, r) for r in dossier.of(kind.name)
            ]
    data["coded_events"] = [
        {
            "root": g.root,
            "label": g.label,
            "events": g.count,
            "first": str(g.first),
            "last": str(g.last),
            "mean_goldstein": _str(g.mean_goldstein),
            "source": g.source,
        }
        | ({"pair": list(g.pair)} if dossier.pair_of(g) else {})
        for g in dossier.coded_events
    ]
    data["areas"] = [dump(a.area) | {"facts": list(a.facts)} for a in dossier.areas]
    data["sources"] = {sid: dump(s) for sid, s in sorted(dossier.sources.items())}
    return data


def render_json(dossier: Dossier) -> str:
    return json_text(dossier_data(dossier), indent=2) + "\n"


def _str(value: object) -> str | None:
    return None if value is None else str(value)
