"""SPARQL JSON results read from a stream a row at a time, so that reading stops at a row limit.

A server answers ``SELECT * WHERE { ?s ?p ?o }`` with every row of the store; under ``--limit 10``
the first ten are read and the connection is closed, whatever follows. The document is read value by
value with the standard library's JSON decoder, members in any order (``head`` may come after
``results``: then the rows past the limit are read and dropped, not kept).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

CHUNK = 64 * 1024
_SPACE = re.compile(r"[ \t\n\r]*")

Read = Callable[[int], bytes]
"""Reads at most that many bytes; ``b""`` at the end (``HTTPResponse.read``)."""


def sparql_rows(read: Read, limit: int) -> tuple[Any, list[Any]]:
    """The ``head.vars`` and at most ``limit`` rows of ``results.bindings`` of the SPARQL JSON
    results ``read`` gives, as ``json`` makes them; ValueError, KeyError or TypeError when it is not
    SPARQL JSON (checked only as far as it is read)."""
    reader = _Reader(read)
    variables: Any = None
    rows: list[Any] = []
    for key in reader.members():
        if key == "head":
            variables = reader.value()["vars"]
            if len(rows) >= limit:  # the rows came first
                return variables, rows
        elif key == "results":
            for inner in reader.members():
                if inner != "bindings":
                    reader.value()
                    continue
                for row in reader.items():
                    if len(rows) < limit:
                        rows.append(row)
                    if len(rows) >= limit and variables is not None:
                        return variables, rows
        else:
            reader.value()
    if variables is None:
        raise KeyError("head")
    return variables, rows


class _Reader:
    """One JSON document from a byte stream, read a value at a time."""

    def __init__(self, read: Read) -> None:
        self._read = read
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._decoder = json.JSONDecoder()
        self._text = ""
        self._at = 0
        self._dropped = 0
        """Characters read and no longer kept, for positions in messages."""
        self._ended = False

    def members(self) -> Iterator[str]:
        """The keys of the object that comes next; the caller reads each one's value before the
        next key is asked for."""
        self._expect("{")
        if self._peek() == "}":
            self._expect("}")
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise ValueError("an object key that is not a string")
            self._expect(":")
            yield key
            if self._expect(",}") == "}":
                return

    def items(self) -> Iterator[Any]:
        """The values of the array that comes next, one at a time."""
        self._expect("[")
        if self._peek() == "]":
            self._expect("]")
            return
        while True:
            yield self.value()
            if self._expect(",]") == "]":
                return

    def value(self) -> Any:
        """The next whole value (an object, an array, a string ...)."""
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._text, self._at)
            except json.JSONDecodeError:
                if self._ended:
                    raise
            else:
                # An object, array or string ends where it says; a number or a word may go on in the
                # piece still to come.
                if end < len(self._text) or self._ended or self._text[self._at] in '{["':
                    self._at = end
                    return value
            # Read as much again as is waiting, so that a long value is decoded a few times only.
            self._fill(2 * (len(self._text) - self._at) + CHUNK)

    def _expect(self, allowed: str) -> str:
        char = self._peek()
        if char not in allowed:
            expected = " or ".join(repr(c) for c in allowed)
            raise ValueError(f"expected {expected} at character {self._dropped + self._at}, found {char!r}")
        self._at += 1
        return char

    def _peek(self) -> str:
        """The next character that is not white space."""
        while True:
            found = _SPACE.match(self._text, self._at)
            self._at = found.end() if found else self._at
            if self._at < len(self._text):
                return self._text[self._at]
            if self._ended:
                raise ValueError("the document ends too early")
            self._fill(CHUNK)

    def _fill(self, size: int) -> None:
        """Read until ``size`` characters wait to be read, or the stream ends."""
        parts = [self._text[self._at :]]
        self._dropped += self._at
        waiting = len(parts[0])
        while waiting < size and not self._ended:
            chunk = self._read(CHUNK)
            self._ended = not chunk
            piece = self._utf8.decode(chunk, final=self._ended)
            parts.append(piece)
            waiting += len(piece)
        self._text, self._at = "".join(parts), 0
