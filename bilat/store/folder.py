"""The store folder is bilat's alone: a marker file says bilat made it, and no other folder is written to.

bilat writes ``BILAT-STORE`` (one line, ``bilat store, format 1``) into a store folder, atomically,
before Oxigraph creates its first file there. Opening a folder:

- missing or empty: it becomes a new store, marker first;
- holding the marker: it is a store;
- holding no marker, only RocksDB's own files (``CURRENT``, a ``MANIFEST-*`` or ``OPTIONS-*`` file, and
  nothing else but ``*.sst``, ``*.log``, ``*.blob``, ``LOG*``, ``LOCK``, ``IDENTITY`` and RocksDB's
  ``*.dbtmp``): a store made by bilat before the marker existed; the marker is added and it is a store.
  This is the migration rule. An Oxigraph store made by another program looks the same and is taken too:
  it was already something bilat could open.
- anything else is refused, unchanged: a folder given by mistake never quietly becomes a store.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from bilat.errors import StoreError
from bilat.store.locking import LOCK_NAME

MARKER = "BILAT-STORE"
MARKER_LINE = "bilat store, format 1"
_MARKER_TEMPORARY = f"{MARKER}.tmp"
"""Left only by a process killed while writing the marker: of no more weight than an empty folder."""

_ROCKSDB_NAME = re.compile(
    r"(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|(MANIFEST|OPTIONS)-\d+|\d+\.(sst|log|blob))(\.dbtmp)?|\d+\.dbtmp"
)


def claim(path: Path) -> None:
    """Make sure the folder at ``path`` is a bilat store, or may become one, before Oxigraph writes in it."""
    names = _names(path)
    if not names - {_MARKER_TEMPORARY}:
        _mark_new(path)
    elif MARKER in names:
        _check_marker(path)
    elif _made_before_the_marker(path, names):
        _mark_new(path)
    else:
        raise StoreError(
            f"{path} is not a bilat store: the folder is not empty and has no {MARKER} file (it holds "
            f"{_some(names)}); bilat leaves it unchanged. Give an empty or new folder for the store."
        )


def mark(folder: Path) -> None:
    """Write the store marker into ``folder``; raises OSError."""
    write_atomically(folder / MARKER, f"{MARKER_LINE}\n")


def _names(path: Path) -> set[str]:
    """The entries of the folder at ``path``; none when it does not exist yet."""
    if not path.exists() and not path.is_symlink():
        return set()
    if not path.is_dir():
        raise StoreError(
            f"{path} is a file, not a bilat store folder; give an empty or new folder for the store"
        )
    try:
        return set(os.listdir(path))
    except OSError as error:
        raise StoreError(f"cannot open the store at {path}: {error.strerror or error}") from None


def _mark_new(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
        mark(path)
    except OSError as error:
        raise StoreError(f"cannot make a store at {path}: {error.strerror or error}") from None


def _check_marker(path: Path) -> None:
    """The marker must be bilat's, and of a format this bilat reads."""
    try:
        line = (path / MARKER).read_text(encoding="utf-8").partition("\n")[0].strip()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"cannot read {path / MARKER}: {error}") from None
    if line == MARKER_LINE:
        return
    if line.startswith("bilat store, format "):
        raise StoreError(
            f"the store at {path} is in {line.removeprefix('bilat store, ')}, which this version of bilat "
            "cannot read; open it with a newer bilat"
        )
    raise StoreError(
        f"{path} is not a bilat store: its {MARKER} file does not say {MARKER_LINE!r}; bilat leaves it "
        "unchanged. Give an empty or new folder for the store."
    )


def _made_before_the_marker(path: Path, names: set[str]) -> bool:
    """True for an Oxigraph (RocksDB) store and nothing else: the migration rule of the module docstring."""
    if "CURRENT" not in names or not any(n.startswith(("MANIFEST-", "OPTIONS-")) for n in names):
        return False
    known = (_MARKER_TEMPORARY, LOCK_NAME)
    return all((_ROCKSDB_NAME.fullmatch(n) or n in known) and (path / n).is_file() for n in names)


def _some(names: set[str]) -> str:
    shown = sorted(names)[:3]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def write_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` so that a kill leaves the old file or the new one, never a part."""
    temporary = target.with_name(f"{target.name}.tmp")
    write_durably(temporary, text)
    os.replace(temporary, target)
    sync_directory(target.parent)


def write_durably(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` and wait until it is on disk (not atomic on its own)."""
    with target.open("w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())


def sync_directory(directory: Path) -> None:
    """Make the renames and new files in ``directory`` durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


KEPT_OLD_LOGS = 3
"""RocksDB renames its info log to ``LOG.old.<microseconds>`` each time a store is opened and never
removes one; bilat keeps the newest few, for a look after a crash."""


def prune_old_logs(folder: Path, keep: int = KEPT_OLD_LOGS) -> int:
    """Remove all but the newest ``keep`` of RocksDB's old info logs in ``folder``; the number removed."""
    old = sorted(
        (path for path in folder.glob("LOG.old.*") if path.name[8:].isdigit()),
        key=lambda path: int(path.name[8:]),
    )
    removed = 0
    for path in old[: max(len(old) - keep, 0)]:
        try:
            path.unlink()
            removed += 1
        except OSError:  # another process removed it first, or the folder is read-only: no harm
            pass
    return removed
