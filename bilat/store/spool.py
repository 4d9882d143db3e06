"""N-Triples of a large load written to temporary files as it is made, so that the load never holds
its whole text: a million events are 15 million triples, about 2 GB of text.

The text goes into files of at most ``CHUNK_LINES`` lines; a store reads them back one file at a time
(Oxigraph's bulk loader takes each file as its own batch, which bounds its memory too: 1.6 million
triples in one call peaked at 1.3 GB, in files of 200,000 lines at 190 MB, in the same time).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

CHUNK_LINES = 200_000


class Spool:
    """N-Triples text kept in temporary files until a store reads it; a context manager that removes
    them."""

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="bilat-load-"))
        self._files: list[Path] = []
        self._pending: list[str] = []
        self._pending_lines = 0
        self.lines = 0
        """How many triples the spool holds."""

    def add(self, text: str) -> None:
        """Add N-Triples text (whole lines)."""
        if not text:
            return
        count = text.count("\n")
        self._pending.append(text)
        self._pending_lines += count
        self.lines += count
        if self._pending_lines >= CHUNK_LINES:
            self._flush()

    def files(self) -> list[Path]:
        """The files holding the text, in the order it was added."""
        self._flush()
        return list(self._files)

    def text(self) -> str:
        """The whole text, for a load small enough to hold it."""
        return "".join(path.read_text(encoding="utf-8") for path in self.files())

    def text_lines(self) -> Iterator[str]:
        """The text line by line, file after file."""
        for path in self.files():
            with path.open(encoding="utf-8") as lines:
                yield from lines

    def _flush(self) -> None:
        if not self._pending:
            return
        path = self._folder / f"{len(self._files):05d}.nt"
        with path.open("w", encoding="utf-8") as out:
            out.writelines(self._pending)
        self._files.append(path)
        self._pending, self._pending_lines = [], 0

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
