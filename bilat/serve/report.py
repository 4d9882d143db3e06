"""A dossier's report as HTML, made from ``bilat ties --format markdown`` (``render_markdown``), so
that the page says what the command says, section by section, whatever sections the report grows.

The Markdown report escapes all text from the data (``files.display.markdown_text``); here that text
is read back to the characters it was and escaped again as HTML. Citations become links to the
sources, and each source's URL a link to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bilat.serve.html import Markup, e, join, link, tag

_CITATION = re.compile(r"\s+\[(\d+(?:, \d+)*)\]$")
_SOURCE = re.compile(r"^(\d+)\. (.*)$")
_ESCAPED = re.compile(r"\\(.)|&(amp|lt|gt);")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">"}


def literal(markdown: str) -> str:
    """Text the report escaped (``markdown_text``) as the characters it was."""
    return _ESCAPED.sub(lambda m: m.group(1) if m.group(1) is not None else _ENTITIES[m.group(2)], markdown)


@dataclass
class _Section:
    heading: str
    items: list[tuple[Markup, list[Markup]]] = field(default_factory=list)
    sources: list[tuple[int, Markup]] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    title: str
    facts: Markup
    """Every section of the report but the sources."""
    sources: Markup


def report_html(markdown: str, urls: Iterable[str] = ()) -> Report:
    """The report's title (plain text) and its sections as HTML; ``urls`` are the sources' URLs."""
    lines = markdown.splitlines()
    title = literal(lines[0].removeprefix("# ")) if lines and lines[0].startswith("# ") else ""
    known = sorted(set(urls), key=len, reverse=True)
    sections: list[_Section] = []
    for line in lines[1:]:
        if line.startswith("## "):
            sections.append(_Section(literal(line[3:])))
        elif not sections or not line.strip():
            continue
        elif line.startswith("  - ") and sections[-1].items:
            sections[-1].items[-1][1].append(_item(line[4:]))
        elif line.startswith("- "):
            sections[-1].items.append((_item(line[2:]), []))
        elif match := _SOURCE.match(line):
            sections[-1].sources.append((int(match[1]), _source(literal(match[2]), known)))
    facts = join(_section(s) for s in sections if not s.sources)
    return Report(title, facts, join(_section(s) for s in sections if s.sources))


def _item(markdown: str) -> Markup:
    """One line of the report: its text, and its citations as links to the sources."""
    found = _CITATION.search(markdown)
    text = literal(markdown[: found.start()] if found else markdown)
    if found is None:
        return e(text)
    marks = join((link(f"#source-{n}", n) for n in found[1].split(", ")), ", ")
    return join([text, Markup(' <span class="cite">['), marks, Markup("]</span>")])


def _source(text: str, urls: list[str]) -> Markup:
    for url in urls:
        if text.endswith(url) and url.startswith(("http://", "https://")):
            return join([text[: -len(url)], link(url, url, rel="nofollow noopener noreferrer")])
    return e(text)


def _section(section: _Section) -> Markup:
    name = re.sub(r"[^a-z]+", "-", section.heading.lower()).strip("-")
    if section.sources:
        items = join(tag("li", text, id=f"source-{n}", value=n) for n, text in section.sources)
        return tag("section", join([tag("h2", section.heading), tag("ol", items)]), id="sources")
    entries = []
    for text, details in section.items:
        more = tag("ul", join(tag("li", d) for d in details), class_="details") if details else Markup("")
        entries.append(tag("li", join([text, more])))
    return tag("section", join([tag("h2", section.heading), tag("ul", join(entries))]), class_=f"kind {name}")
