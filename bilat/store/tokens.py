"""SPARQL text as tokens, by the grammar's lexical rules (SPARQL 1.1, section 19.8).

Strings, IRIs, comments, prefixed names (with their ``\\#``-style escapes), variables and keywords
are told apart here once, for the user-query guard and for binding parameters into stored queries.
Codepoint escapes (``\\u0053``) are expanded before tokenizing, as section 19.2 says they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bilat.errors import QueryError

_LOCAL_ESCAPE = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL_CHAR = rf"(?:[\w\-\u00B7]|%[0-9A-Fa-f]{{2}}|{_LOCAL_ESCAPE})"
_PREFIX = r"(?:[^\W\d_](?:[\w.\-\u00B7]*[\w\-\u00B7])?)?"
_LOCAL = rf"(?:(?:[\w:]|%[0-9A-Fa-f]{{2}}|{_LOCAL_ESCAPE})(?:(?:{_LOCAL_CHAR}|[.:])*(?:{_LOCAL_CHAR}|:))?)?"

_TOKEN = re.compile(
    rf"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]+)
  | (?P<bnode>_:{_LOCAL})
  | (?P<pname>{_PREFIX}:{_LOCAL})
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<punct>\^\^|\|\||&&|!=|<=|>=|.)
    """,
    re.VERBOSE | re.DOTALL,
)

OPENING = frozenset("{([")
CLOSING = frozenset("})]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind (a group name of ``_TOKEN``), its text and where it starts."""

    kind: str
    text: str
    start: int


def tokens(text: str) -> Iterator[Token]:
    """The tokens of SPARQL text, whitespace and comments left out."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def expand_codepoints(text: str) -> str:
    """The text with ``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their characters, once.

    Engines differ here (some expand only inside strings), so a query whose escapes are expanded
    before anyone reads it means the same to the guard and to every engine. An escape that the
    expansion itself produces is refused: an engine could expand it again.
    """
    if "\\u" not in text and "\\U" not in text:
        return text

    def character(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"{match.group()} is not a character; write the character itself")
        return chr(code)

    expanded = _CODEPOINT.sub(character, text)
    if _CODEPOINT.search(expanded):
        raise QueryError("an escape such as \\u005Cu0041 makes another escape; write the character itself")
    return expanded


def nesting(text: str) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` in the query, outside strings, IRIs and comments."""
    depth = deepest = 0
    for token in tokens(text):
        if token.text in OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif token.text in CLOSING:
            depth -= 1
    return deepest
