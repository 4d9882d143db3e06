"""An article as plain text with what is known about it: where it came from, who published it, when.

HTML is reduced to its readable text (scripts, styles and navigation dropped, block elements ending
lines) with the standard library's parser; the page's own metadata (canonical URL, site name,
publication time, title) fills what the caller did not give. Nothing is fetched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "blockquote",
}
_SKIPPED = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template"}


@dataclass(frozen=True)
class Article:
    """The text an extraction reads, and where it is from; offsets into ``text`` are what facts cite."""

    text: str
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    title: str | None = None


def read_article(
    content: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Article:
    """``content`` (plain text or an HTML page) as an Article; given values win over the page's."""
    if re.search(r"<(html|body|p|div|article)\b", content[:5000], re.IGNORECASE):
        page = _Page()
        page.feed(content)
        page.close()
        text, found = page.text(), page.meta
    else:
        text, found = content, {}
    return Article(
        text=_tidy(text),
        url=url or found.get("url"),
        publisher=publisher or found.get("publisher"),
        published=published or _date(found.get("published")),
        title=title or found.get("title"),
    )


def _tidy(text: str) -> str:
    """Spaces collapsed within lines, blank lines collapsed, ends trimmed."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _date(value: str | None) -> str | None:
    """The day of an ISO date-time (``2022-10-07T09:30:00+04:00`` -> ``2022-10-07``)."""
    if value is None:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return match.group(0) if match else None


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skipping = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = values.get("property") or values.get("name") or ""
            field = _META.get(key.lower())
            if field and values.get("content"):
                self.meta.setdefault(field, values["content"].strip())
        elif tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.meta.setdefault("url", values["href"])
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.meta.setdefault("title", data.strip())
        elif not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)


_META = {
    "og:url": "url",
    "og:site_name": "publisher",
    "og:title": "title",
    "article:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "date": "published",
}
