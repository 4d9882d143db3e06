"""Who may use a store folder at once: any number of readers, or one writer.

Oxigraph opened read-only takes no lock of its own, and a writer changing the files under a reader is
undefined behaviour, so bilat keeps its own lock on ``BILAT-LOCK`` in the store folder (``flock``):
shared while a process only reads, exclusive while it writes. A reader waits for nobody but a writer;
a writer needs every other process to have closed the store.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from bilat.errors import StoreError

LOCK_NAME = "BILAT-LOCK"


class FolderLock:
    """The lock of one store folder, held by this handle: shared, exclusive, or not at all."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None
        self.exclusive = False

    def share(self) -> None:
        """Hold the lock shared (from none, or down from exclusive, which never waits)."""
        self._take(fcntl.LOCK_SH, exclusive=False)

    def own(self) -> None:
        """Hold the lock alone; StoreError when another process reads or writes the store."""
        self._take(fcntl.LOCK_EX, exclusive=True)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases its lock
            self._fd = None
            self.exclusive = False

    def _take(self, kind: int, exclusive: bool) -> None:
        if self._fd is None:
            try:
                self._fd = os.open(self.folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            except OSError as error:
                raise StoreError(
                    f"cannot open the store at {self.folder}: {error.strerror or error}"
                ) from None
        try:
            fcntl.flock(self._fd, kind | fcntl.LOCK_NB)
        except BlockingIOError:
            doing = "reading or writing" if exclusive else "writing"
            raise StoreError(
                f"the store at {self.folder} is busy: another bilat process is using it ({doing}); wait for "
                "it to finish (or close the store where it is open) and try again"
            ) from None
        self.exclusive = exclusive
