"""Rendering a Dossier as a terminal report, Markdown, or JSON; the text is built here, printed by the CLI.

In Markdown every piece of text that came from the data (names, titles, places, quotes, URLs) goes
through ``markdown_text``: a title written as Markdown or HTML comes out as the characters it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bilat.dossier.build import CodedEvents, Dossier, EventEntry
from bilat.dossier.officials import Officeholder
from bilat.files.display import json_text, markdown_text
from bilat.model.dataset import (
    Record,
    Source,
)
from bilat.model.kinds import KIND_BY_NAME, KINDS


class _Citations:
    """Numbers sources in order of first citation."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.order: list[str] = []

    def __call__(self, record: Record | CodedEvents) -> str:
        sources = record.sources if isinstance(record, Record) else [record.source] if record.source else []
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
            sections.append(("Office holders", [_officeholder(o, cite, shown) for o in dossier.officials]))
        if kind.indexed:
            lines = [line for entry in dossier.events for line in _event(entry, names, cite, shown)]
            sections.append((_events_heading(dossier), lines))
        elif kind.shown_empty or dossier.of(kind.name):
            sections.append(
                (kind.heading, [f"{shown(kind.line(r, names))}  {cite(r)}" for r in dossier.of(kind.name)])
            )
    sections.append(
        ("Coded events by CAMEO root", [shown(_coded(g)) + f"  {cite(g)}" for g in dossier.coded_events])
    )
    areas = [
        f"{shown(e.area.label)} ({len(e.facts)} fact{'s' if len(e.facts) > 1 else ''})" for e in dossier.areas
    ]
    sections.append(("Cooperation areas", areas))
    return sections


def _officeholder(officeholder: Officeholder, cite: _Citations, shown: Shown) -> str:
    tenure = officeholder.tenure
    return f"{shown(f'{tenure.post.title}: {tenure.person.name}, {tenure.dates}')}  {cite(tenure.holding)}"


def _events_heading(dossier: Dossier) -> str:
    if dossier.event_count > len(dossier.events):
        return f"Events (the latest {len(dossier.events)} of {dossier.event_count})"
    return "Events"


def _event(entry: EventEntry, names: Dossier, cite: _Citations, shown: Shown) -> list[str]:
    event = entry.event
    lines = [f"{shown(KIND_BY_NAME['events'].line(event, names))}  {cite(event)}"]
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
    lines = [_title(dossier), ""]
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

    data: dict[str, Any] = {
        "countries": [dump(c) | {"code": c.code} for c in dossier.countries],
        "window": {"start": _str(dossier.window.start), "end": _str(dossier.window.end)},
    }
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
                for e in dossier.events
            ]
            data["event_count"] = dossier.event_count
        else:
            data[kind.name] = [{"id": r.key} | dump(r) for r in dossier.of(kind.name)]
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
        for g in dossier.coded_events
    ]
    data["areas"] = [dump(a.area) | {"facts": list(a.facts)} for a in dossier.areas]
    data["sources"] = {sid: dump(s) for sid, s in sorted(dossier.sources.items())}
    return data


def render_json(dossier: Dossier) -> str:
    return json_text(dossier_data(dossier), indent=2) + "\n"


def _str(value: object) -> str | None:
    return None if value is None else str(value)
