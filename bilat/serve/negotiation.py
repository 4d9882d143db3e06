"""Content negotiation: the media type an ``Accept`` header prefers among those offered."""

from __future__ import annotations

from collections.abc import Sequence


def preferences(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an ``Accept`` header with their quality, the most wanted first (a more
    specific range before a wildcard of the same quality)."""
    ranges = []
    for index, part in enumerate((accept or "*/*").split(",")):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = max(0.0, min(1.0, float(value)))
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality, media.count("*"), index))
    ranges.sort(key=lambda r: (-r[1], r[2], r[3]))
    return [(media, quality) for media, quality, _, _ in ranges if quality > 0]


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The first of ``offered`` (in the server's order of preference) that the client's most wanted
    range admits; None when it admits none of them."""
    for media, _ in preferences(accept):
        kind, _, sub = media.partition("/")
        for candidate in offered:
            ckind, _, csub = candidate.partition("/")
            if media == "*/*" or (kind == ckind and sub in ("*", csub)):
                return candidate
    return None


def wants_html(accept: str | None) -> bool:
    """Whether a client prefers a page (a browser) to data."""
    chosen = choose(accept, ["text/html", "text/turtle", "application/ld+json", "application/n-triples"])
    return chosen == "text/html"
