"""Rendering a Dossier as a terminal report, Markdown, or JSON; the text is built here, printed by the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from bilat.dossier.build import CodedEvents, Dossier, EventEntry
from bilat.model.dataset import (
    Agreement,
    BilateralRelation,
    DiplomaticMission,
    Organization,
    Record,
    ReportedCount,
    Representation,
    Source,
    TradeFigure,
)


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


def _name(dossier: Dossier, code: str) -> str:
    return next((c.name for c in dossier.countries if c.code == code), code)


def _sections(dossier: Dossier, cite: _Citations) -> list[tuple[str, list[str]]]:
    name: Callable[[str], str] = lambda code: _name(dossier, code)  # noqa: E731
    orgs = dossier.organizations
    sections: list[tuple[str, list[str]]] = [
        ("Diplomatic relations", [_relation(r) + f"  {cite(r)}" for r in dossier.relations]),
        ("Diplomatic missions", [_mission(m, name) + f"  {cite(m)}" for m in dossier.missions]),
        (
            "Diplomatic representation",
            [_representation(r, name) + f"  {cite(r)}" for r in dossier.representations],
        ),
        (
            "Parliamentary and other bodies",
            [_body(o, name, orgs) + f"  {cite(o)}" for o in dossier.bodies],
        ),
        ("Agreements", [_agreement(g) + f"  {cite(g)}" for g in dossier.agreements]),
        (_events_heading(dossier), [line for e in dossier.events for line in _event(e, name, cite)]),
        ("Reported counts", [_count(c) + f"  {cite(c)}" for c in dossier.counts]),
        ("Trade", [_trade(t, name) + f"  {cite(t)}" for t in dossier.trade]),
        ("Coded events by CAMEO root", [_coded(g) + f"  {cite(g)}" for g in dossier.coded_events]),
        (
            "Cooperation areas",
            [
                f"{entry.area.label} ({len(entry.facts)} fact{'s' if len(entry.facts) > 1 else ''})"
                for entry in dossier.areas
            ],
        ),
    ]
    return sections


def _events_heading(dossier: Dossier) -> str:
    if dossier.event_count > len(dossier.events):
        return f"Events (the latest {len(dossier.events)} of {dossier.event_count})"
    return "Events"


def _relation(relation: BilateralRelation) -> str:
    text = f"established {relation.established}" if relation.established else "established (date unknown)"
    text += f"; {relation.status.value}"
    return text + (f", ended {relation.ended}" if relation.ended else "")


def _mission(mission: DiplomaticMission, name: Callable[[str], str]) -> str:
    text = f"{name(mission.sending)} → {name(mission.host)}: {mission.kind.value.replace('_', ' ')}"
    text += f" in {mission.city}" if mission.city else ""
    text += f" ({mission.name})" if mission.name else ""
    text += f", opened {mission.opened}" if mission.opened else ""
    return text + (f", closed {mission.closed}" if mission.closed else "")


def _body(body: Organization, name: Callable[[str], str], orgs: dict[str, Organization]) -> str:
    parent = orgs[body.part_of].name if body.part_of in orgs else body.part_of
    where = ", ".join(x for x in (parent, name(body.country) if body.country else None) if x)
    return f"{body.name}" + (f" ({where})" if where else "")


def _agreement(agreement: Agreement) -> str:
    text = f"{agreement.title} ({agreement.kind.value.replace('_', ' ')})"
    text += f", signed {agreement.signed}" if agreement.signed else ""
    return text + (f", in force {agreement.in_force}" if agreement.in_force else "")


def _event(entry: EventEntry, name: Callable[[str], str], cite: _Citations) -> list[str]:
    event = entry.event
    head = f"{event.date!s:<10}  {event.kind.value.replace('_', ' ')}"
    head += f": {event.title}" if event.title else ""
    lines = [f"{head}  {cite(event)}"]
    details = []
    if event.source_country and event.target_country:
        details.append(f"{name(event.source_country)} → {name(event.target_country)}")
    if event.place:
        details.append(f"in {event.place}")
    if details:
        lines.append("            " + ", ".join(details))
    for participant in entry.participants:
        posts = ", ".join(p.title for p in participant.posts) or "post not recorded"
        lines.append(f"            with {participant.person.name} ({posts})")
    return lines


def _count(count: ReportedCount) -> str:
    return f"{count.count} {count.counted}" + (f" as of {count.as_of}" if count.as_of else "")


def _representation(representation: Representation, name: Callable[[str], str]) -> str:
    years = ", ".join(str(y) for y in representation.years)
    level = {"none": "no representation", "charge_d_affaires": "chargé d'affaires"}.get(
        representation.level.value, representation.level.value
    )
    return f"{name(representation.sending)} in {name(representation.host)}: {level} ({years})"


def _coded(group: CodedEvents) -> str:
    label = (group.label or "").capitalize()
    score = f", mean Goldstein {group.mean_goldstein}" if group.mean_goldstein is not None else ""
    plural = "s" if group.count != 1 else ""
    return f"{group.root} {label}: {group.count} event{plural}, {group.first} to {group.last}{score}"


def _trade(figure: TradeFigure, name: Callable[[str], str]) -> str:
    period = f"{figure.period}" + (f" to {figure.period_end}" if figure.period_end else "")
    if figure.flow.value == "turnover":
        what = "turnover"
    else:
        what = f"{figure.flow.value}s of {name(figure.reporter)} to {name(figure.partner)}"
        if figure.flow.value == "import":
            what = f"imports of {name(figure.reporter)} from {name(figure.partner)}"
    return f"{period:<10}  {what}: {figure.currency} {figure.amount:,}"


def _source(source: Source) -> str:
    parts = [source.publisher or source.kind.value.replace("_", " ")]
    if source.published:
        parts.append(str(source.published))
    if source.title:
        parts.append(f'"{source.title}"')
    if source.url:
        parts.append(source.url)
    return ", ".join(parts)


def _title(dossier: Dossier) -> str:
    a, b = dossier.countries
    title = f"{a.name} ({a.code}) – {b.name} ({b.code})"
    window = dossier.window
    if window.start or window.end:
        title += f", {window.start or '…'} to {window.end or '…'}"
    return title


def render_text(dossier: Dossier) -> str:
    """A plain report for the terminal."""
    cite = _Citations(dossier)
    lines = [_title(dossier), ""]
    for heading, items in _sections(dossier, cite):
        lines.append(heading)
        lines.extend(f"  {item}" for item in items or ["none recorded"])
        lines.append("")
    lines.append("Sources")
    lines.extend(f"  [{n}] {_source(dossier.sources[s])}" for n, s in enumerate(cite.order, 1))
    return "\n".join(lines) + "\n"


def render_markdown(dossier: Dossier) -> str:
    """The report as Markdown, sources as a numbered list."""
    cite = _Citations(dossier)
    lines = [f"# {_title(dossier)}", ""]
    for heading, items in _sections(dossier, cite):
        lines.append(f"## {heading}")
        lines.append("")
        blocks = items or ["none recorded"]
        lines.extend(
            f"- {item}" if not item.startswith("            ") else f"  - {item.strip()}" for item in blocks
        )
        lines.append("")
    lines.append("## Sources")
    lines.append("")
    lines.extend(f"{n}. {_source(dossier.sources[s])}" for n, s in enumerate(cite.order, 1))
    return "\n".join(lines) + "\n"


def dossier_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as JSON-ready data; records in their data-file form."""

    def dump(record: Record) -> dict[str, Any]:
        return record.model_dump(mode="json", exclude_defaults=True)

    return {
        "countries": [dump(c) | {"code": c.code} for c in dossier.countries],
        "window": {"start": _str(dossier.window.start), "end": _str(dossier.window.end)},
        "relations": [dump(r) for r in dossier.relations],
        "missions": [dump(m) | {"id": m.key} for m in dossier.missions],
        "bodies": [dump(o) for o in dossier.bodies],
        "agreements": [dump(g) for g in dossier.agreements],
        "events": [
            dump(e.event)
            | {
                "participants": [
                    {"person": dump(p.person), "posts": [dump(post) for post in p.posts]}
                    for p in e.participants
                ]
            }
            for e in dossier.events
        ],
        "event_count": dossier.event_count,
        "counts": [dump(c) for c in dossier.counts],
        "trade": [dump(t) for t in dossier.trade],
        "representations": [dump(r) for r in dossier.representations],
        "coded_events": [
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
        ],
        "areas": [dump(a.area) | {"facts": list(a.facts)} for a in dossier.areas],
        "sources": {sid: dump(s) for sid, s in sorted(dossier.sources.items())},
    }


def render_json(dossier: Dossier) -> str:
    return json.dumps(dossier_data(dossier), ensure_ascii=False, indent=2) + "\n"


def _str(value: object) -> str | None:
    return None if value is None else str(value)
