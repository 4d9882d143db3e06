"""An article as plain text with what is known about it: where it came from, who published it, when.

HTML is reduced to its readable text (scripts, styles and navigation dropped, block elements ending
lines) with the standard library's parser; the page's own metadata (canonical URL, site name,
publication time, title) fills what the caller did not give. Nothing is fetched. What the caller gives
and what the page says are checked as a source's fields are, and refused with the option that sets
them (``--url``, ``--publisher``, ``--date``, ``--title``).

An article is read from a regular file or a stream, at most ``MAX_ARTICLE_BYTES`` of it, and its text
(once HTML is reduced) may hold at most ``MAX_ARTICLE_CHARS`` characters; both are checked before any
extraction.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from pydantic import TypeAdapter, ValidationError

from bilat.errors import InputError
from bilat.model.dates import PartialDate
from bilat.model.fields import Text, Url, validation_messages

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
"""The most bytes read of an article file or of standard input: a saved news page, scripts and
styles included, is rarely above 1 MB. Reducing 5 MiB of HTML to text takes 2-4 s (paragraphs, or a
million and a half empty tags)."""
MAX_ARTICLE_CHARS = 100_000
"""The longest article text (after HTML is reduced) that is extracted from: some 15,000 words, ten
times a long news article. Extraction time grows faster than the text (measured: 25,000 characters in
1 s, 100,000 in 5 s, 200,000 in 16 s, a million in six minutes)."""

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


def article_file(path: Path) -> str:
    """The content of the article file at ``path``; InputError for anything but a regular file (a
    pipe would wait for ever, a device never end), for more than ``MAX_ARTICLE_BYTES``, or for what
    is not UTF-8."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        raise InputError(
            f"{path} is {_kind_of(mode)}, not a file; give an article saved as a file, or - to read it "
            "from standard input"
        )
    try:
        with open(path, "rb") as stream:
            return article_stream(stream, str(path))
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None


def article_stream(stream: BinaryIO, name: str) -> str:
    """An article read from ``stream`` (standard input, or an open file), at most
    ``MAX_ARTICLE_BYTES`` of it, as UTF-8 text; ``name`` says where it came from in messages."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{name} holds more than {MAX_ARTICLE_BYTES:,} bytes ({MAX_ARTICLE_BYTES // 2**20} MiB), more "
            "than any news article; give the article alone, one per file"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{name}: cannot be read as UTF-8 text ({error})") from None


def _kind_of(mode: int) -> str:
    kinds = [
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_article(
    content: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    title: str | None = None,
) -> Article:
    """``content`` (plain text or an HTML page) as an Article; given values win over the page's."""
    given = {"url": url, "publisher": publisher, "published": published, "title": title}
    for field, value in given.items():
        problem = _CHECKS[field](value) if value is not None else None
        if value is not None and problem:
            raise InputError(f"{_OPTIONS[field]} {_shown(value)} {problem}")
    if re.search(r"<(html|body|p|div|article)\b", content[:5000], re.IGNORECASE):
        page = _Page()
        page.feed(content)
        page.close()
        text, found = page.text(), page.found()
    else:
        text, found = content, {}
    text = _tidy(text)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            f"the article's text is {len(text):,} characters long; bilat extracts from at most "
            f"{MAX_ARTICLE_CHARS:,} (about 15,000 words): give one article at a time, or cut it into parts"
        )
    chosen = {field: value or _from_page(field, found) for field, value in given.items()}
    return Article(text=text, **chosen)


def _from_page(field: str, found: dict[str, tuple[str, str]]) -> str | None:
    """What the page says for ``field``, if anything; InputError when it is not usable."""
    if field not in found:
        return None
    value, origin = found[field]
    problem = _CHECKS[field](value)
    if problem:
        option = _OPTIONS[field]
        raise InputError(f"the page's {origin} {_shown(value)} {problem}; give the right value with {option}")
    return value


_OPTIONS = {"url": "--url", "publisher": "--publisher", "published": "--date", "title": "--title"}


def _shown(value: str) -> str:
    return repr(value) if len(value) <= 60 else f"{value[:50]!r}… ({len(value)} characters)"


def _url_problem(value: str) -> str | None:
    if _text_problem(value, _URL) is not None:
        return "is not the http(s) address of a page"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError as error:
        return f"is not the http(s) address of a page ({error})"
    return None if parts.hostname else "is not the http(s) address of a page (no host)"


def _text_problem(value: str, adapter: TypeAdapter[str] | None = None) -> str | None:
    try:
        (adapter or _TEXT).validate_python(value)
    except ValidationError as error:
        return "; ".join(message for _, message in validation_messages(error))
    return None


def _date_problem(value: str) -> str | None:
    try:
        PartialDate.parse(value)
    except ValueError as error:
        reason = str(error).removeprefix(f"{value!r} is not a date")
        return f"is not a date{reason}" if reason.startswith(";") else f"is not a date: {reason}"
    return None


_TEXT: TypeAdapter[str] = TypeAdapter(Text)
_URL: TypeAdapter[str] = TypeAdapter(Url)
_CHECKS: dict[str, Callable[[str], str | None]] = {
    "url": _url_problem,
    "publisher": _text_problem,
    "published": _date_problem,
    "title": _text_problem,
}


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
        self.meta: dict[str, tuple[str, str]] = {}
        """Each field the page gives: its value, and the tag it came from (for messages)."""
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
                self.meta.setdefault(field, (values["content"].strip(), f"<meta {key}>"))
        elif tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.meta.setdefault("url", (values["href"].strip(), "canonical link"))
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
            self.meta.setdefault("title", (data, "<title>"))
        elif not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        return "".join(self.parts)

    def found(self) -> dict[str, tuple[str, str]]:
        """The page's fields, titles and names on one line (HTML spaces mean nothing more), the
        publication day out of a date-time."""
        found = {}
        for field, (value, origin) in self.meta.items():
            if field in ("title", "publisher"):
                value = " ".join(value.split())
            elif field == "published":
                value = _date(value) or ""
            if value:
                found[field] = (value, origin)
        return found


_META = {
    "og:url": "url",
    "og:site_name": "publisher",
    "og:title": "title",
    "article:published_time": "published",
    "datepublished": "published",
    "pubdate": "published",
    "date": "published",
}
