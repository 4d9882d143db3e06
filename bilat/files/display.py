"""Text from outside (titles, names, a server's error text, a file's content quoted in a message) made
safe to show: ``printable`` before it reaches a terminal, ``markdown_text`` before it goes into a
Markdown report, ``json_text`` for JSON that is printed.

A title in a data file is somebody else's text: an escape sequence in it could rewrite the user's
terminal, and Markdown or HTML in it would run in whatever page renders the report.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, clearing the screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: the window title, hyperlinks, the clipboard
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape, or ESC alone
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # CSI written as one C1 character
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"  # OSC written as one C1 character
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and the C1 controls."""
_C1 = re.compile(r"[\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` without control characters (C0 but tab and newline, DEL, C1) and without the escape
    sequences they start, so that nothing printed can move the cursor, recolour, retitle or clear a
    terminal."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]|~#]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+[.)])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown: every character that could start emphasis, code, a link, an image,
    a heading, a list, a table or HTML is escaped (``<``, ``>`` and ``&`` as entities, which every
    Markdown renderer reads, the rest with a backslash), line breaks become spaces, and controls go."""
    text = " ".join(printable(text).replace("\t", " ").splitlines())
    text = _MARKDOWN_INLINE.sub(lambda m: "\\" + m.group(), text)
    text = re.sub(r"[&<>]", lambda m: _HTML[m.group()], text)
    return _BLOCK_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text.lstrip())


def json_text(data: Any, indent: int | None = None) -> str:
    """``data`` as JSON with its characters kept (not ``\\u`` escapes), but for DEL and the C1
    controls, which are escaped so that a terminal cannot read them as commands; the JSON still says
    the same (C0 controls are always escaped by ``json``)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
