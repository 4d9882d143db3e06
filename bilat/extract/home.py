"""The country an article is published in, read from its address: a ministry's site
(minrel.gob.cl, mfa.gov.az, state.gov) or an outlet under its country's domain (vietnamplus.vn).
Such a text often leaves its own side unnamed ("the Minister", "his US counterpart")."""

from __future__ import annotations

from urllib.parse import urlsplit

from bilat.register import Register

_GENERIC = {
    "ac", "ai", "cc", "cf", "co", "fm", "ga", "gg", "gq", "io", "me", "ml", "nu", "sh", "tk", "to",
    "tv", "ws",
}  # fmt: skip
"""Country domains sold to anyone ("news.io", "x.tv"): they say nothing of the publisher."""

_SPECIAL = {"gov": "US", "mil": "US", "uk": "GB"}


def home_country(url: str | None, register: Register) -> str | None:
    """The country whose domain ``url`` is under, if that says where it is published."""
    host = urlsplit(url or "").hostname or ""
    top = host.rsplit(".", 1)[-1].lower()
    if not top or top in _GENERIC:
        return None
    code = _SPECIAL.get(top, top.upper())
    return code if len(code) == 2 and code in register.countries else None
