"""A way back for writes that Oxigraph cannot make atomic.

Oxigraph's bulk loader is several times faster than its transactional load, but writes in batches:
a process killed half way would leave half a load. A bulk write to the store at ``STORE`` goes:

1. the incomplete-write flag ``STORE.writing`` is written (``bilat bulk write unfinished, checkpoint
   <token>``, a fresh token for each write);
2. a checkpoint is taken in ``STORE.undo-partial`` (hard links to the store's files, so it costs little
   room or time), with the store's own marker and ``BILAT-CHECKPOINT`` (``bilat checkpoint <token>``),
   then renamed ``STORE.undo``;
3. the write;
4. ``STORE.undo`` is renamed ``STORE.discarded`` (the write is done), which is deleted, and the flag last.

Opening a store whose flag is still there means the last bulk write never finished: a checkpoint whose
token matches the flag's replaces the store; with no checkpoint yet, or none any more, the store is
whole and only the leftovers go. Every step is a rename, so a kill at any moment leaves either the old
store or the new one.

bilat touches these names only while its flag is there. Without the flag, a ``STORE.undo``,
``STORE.undo-partial`` or ``STORE.discarded`` is not bilat's (say a folder someone put there, or a
checkpoint whose flag is gone): it is never swapped in nor deleted, and the store is refused until the
user removes it. A checkpoint left by a bilat older than the flag is refused the same way.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from bilat.errors import StoreError
from bilat.store.folder import mark, sync_directory, write_durably

MARKER = "BILAT-CHECKPOINT"
_FLAG = re.compile(r"bilat bulk write unfinished, checkpoint ([0-9a-f]{32})")


@dataclass(frozen=True)
class _Names:
    """What a bulk write keeps beside the store at ``store``."""

    store: Path
    flag: Path
    undo: Path
    partial: Path
    discarded: Path

    @classmethod
    def of(cls, store: Path) -> _Names:
        def sibling(suffix: str) -> Path:
            return store.with_name(f"{store.name}.{suffix}")

        return cls(store, sibling("writing"), sibling("undo"), sibling("undo-partial"), sibling("discarded"))

    def leftovers(self) -> list[Path]:
        return [p for p in (self.undo, self.partial, self.discarded) if _exists(p)]


def refuse_strangers(path: Path) -> None:
    """Raise StoreError when a name kept for checkpoints beside the store at ``path`` holds something
    that no unfinished bulk write of bilat left there; read-only, so it may run before the store is
    opened and leave everything as it was."""
    names = _Names.of(path)
    if not _exists(names.flag):
        for leftover in names.leftovers():
            raise StoreError(_in_the_way(leftover, path))
    elif _exists(names.undo) and not _matches(names):
        raise StoreError(
            f"the last bulk write to the store at {path} never finished, but {names.undo} is not its "
            f"checkpoint (its {MARKER} file is missing or names another write); bilat will not put it "
            "in place of the store: remove it if it is not wanted, and open the store again"
        )


def recover_needed(path: Path) -> bool:
    """True when a bulk write to the store at ``path`` began and never finished."""
    return _exists(_Names.of(path).flag)


def recover(path: Path) -> bool:
    """Finish what an unfinished bulk write left, with the store closed: put its checkpoint back if it
    has one, and clear the rest; True when the checkpoint was put back. Raises OSError."""
    refuse_strangers(path)  # again: another process may have finished in the meantime
    names = _Names.of(path)
    shutil.rmtree(names.partial, ignore_errors=True)  # an unfinished checkpoint: the write never began
    restored = names.undo.exists()
    if restored:
        shutil.rmtree(names.discarded, ignore_errors=True)
        if path.exists():
            os.replace(path, names.discarded)
        os.replace(names.undo, path)
        sync_directory(path.parent)
    (path / MARKER).unlink(missing_ok=True)
    shutil.rmtree(names.discarded, ignore_errors=True)
    names.flag.unlink()
    sync_directory(path.parent)
    return restored


@contextmanager
def checkpoint(store: pyoxigraph.Store, path: Path) -> Iterator[None]:
    """Run the body with a checkpoint of ``store`` (at ``path``) to return to if the process dies.

    If the body raises, the flag and the checkpoint stay, and the next opening of the store restores
    it. Raises StoreError, before anything is written, when the names it needs are taken.
    """
    names = _Names.of(path)
    for taken in [names.flag, *names.leftovers()]:
        if _exists(taken):
            raise StoreError(_in_the_way(taken, path))
    token = uuid.uuid4().hex
    # Not atomic, and needs not be: a flag cut short has no checkpoint beside it, which clears it.
    write_durably(names.flag, f"bilat bulk write unfinished, checkpoint {token}\n")
    sync_directory(path.parent)
    store.backup(str(names.partial))
    mark(names.partial)  # the store put back is still marked as bilat's
    write_durably(names.partial / MARKER, f"bilat checkpoint {token}\n")
    sync_directory(names.partial)
    os.replace(names.partial, names.undo)
    sync_directory(path.parent)
    yield
    store.flush()
    os.replace(names.undo, names.discarded)
    sync_directory(path.parent)
    shutil.rmtree(names.discarded, ignore_errors=True)
    names.flag.unlink()
    sync_directory(path.parent)


def _matches(names: _Names) -> bool:
    """True when the checkpoint carries the token of the unfinished write the flag names."""
    found = _FLAG.fullmatch(_first_line(names.flag))
    return found is not None and _first_line(names.undo / MARKER) == f"bilat checkpoint {found[1]}"


def _first_line(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8").partition("\n")[0].strip()
    except (OSError, UnicodeDecodeError):
        return ""


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _in_the_way(found: Path, path: Path) -> str:
    return (
        f"{found} is in the way: bilat keeps what a bulk write to the store at {path} needs under that "
        "name, and this one belongs to no unfinished bulk write; bilat will neither use nor delete it: "
        "remove it if it is not wanted, and open the store again"
    )
