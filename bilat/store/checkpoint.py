"""A way back for writes that Oxigraph cannot make atomic.

Oxigraph's bulk loader is several times faster than its transactional load, but writes in batches:
a process killed half way would leave half a load. Before a bulk write, the store takes a checkpoint
beside itself (``STORE.undo``: hard links to the store's files, so it costs little room or time); the
checkpoint is removed once the write is on disk. Opening a store that still has its checkpoint means
the last bulk write never finished, and the checkpoint replaces the store. Every step is a rename, so
a kill at any moment leaves either the old store or the new one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}.{suffix}")


def recover_needed(path: Path) -> bool:
    """True when a bulk write to the store at ``path`` left its checkpoint or a part of one."""
    return any(_sibling(path, s).exists() for s in ("undo", "undo-partial", "discarded"))


def recover(path: Path) -> bool:
    """Put back the checkpoint of an unfinished bulk write, if there is one; True when it did."""
    undo, unfinished, discarded = (_sibling(path, s) for s in ("undo", "undo-partial", "discarded"))
    shutil.rmtree(unfinished, ignore_errors=True)  # a checkpoint never completed: the write never began
    restored = undo.exists()
    if restored:
        shutil.rmtree(discarded, ignore_errors=True)
        if path.exists():
            os.replace(path, discarded)
        os.replace(undo, path)
        _sync_directory(path.parent)
    shutil.rmtree(discarded, ignore_errors=True)
    return restored


@contextmanager
def checkpoint(store: pyoxigraph.Store, path: Path) -> Iterator[None]:
    """Run the body with a checkpoint of ``store`` (at ``path``) to return to if the process dies.

    If the body raises, the checkpoint stays, and the next opening of the store restores it.
    """
    undo, unfinished, discarded = (_sibling(path, s) for s in ("undo", "undo-partial", "discarded"))
    shutil.rmtree(unfinished, ignore_errors=True)
    store.backup(str(unfinished))
    os.replace(unfinished, undo)
    _sync_directory(path.parent)
    yield
    store.flush()
    shutil.rmtree(discarded, ignore_errors=True)
    os.replace(undo, discarded)
    _sync_directory(path.parent)
    shutil.rmtree(discarded, ignore_errors=True)


def _sync_directory(directory: Path) -> None:
    """Make the renames in ``directory`` durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
