"""Writing output files atomically: a temporary file beside the target, renamed into place.

A target that is a symbolic link keeps it: the file it points to is replaced. A target that is no
file at all (``/dev/stdout``, ``/dev/full``, a named pipe) is written to directly, since renaming
onto it would replace the device or pipe with a file. A target inside a bilat store folder, and an
existing file that is read-only, are refused before anything is written (``check_target``).

The temporary file is ``.NAME.PID.RANDOM.part``: SIGTERM, SIGINT and SIGHUP remove it before the
process ends, and a write to the same target removes one whose process is gone (SIGKILL).
"""

from __future__ import annotations

import os
import re
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import IO, Any, ClassVar

from bilat.errors import OutputError

STORE_MARKER = "BILAT-STORE"
"""The file that marks a bilat store folder (``bilat.store.folder.MARKER``; this layer cannot import
it, and a test holds the two equal)."""


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    with atomic_file(path, binary=True) as stream:
        stream.write(data)


def check_target(path: Path) -> None:
    """OutputError if ``path`` must not be written: a bilat store folder or a file inside one (its
    checkpoints too), which only bilat may change, or an existing file that is read-only. Called by
    every write, and by commands before they start their work."""
    if _is_device(path):
        return
    target = _followed(path)
    store, inside = _store_around(target)
    if store is not None:
        where = f"inside the bilat store at {store}" if inside else "a bilat store folder"
        raise OutputError(
            f"cannot write {path}: it is {where}, whose files only bilat may change; write the file "
            "somewhere else"
        )
    if _read_only(target):
        raise OutputError(
            f"cannot write {path}: the file is read-only, so bilat leaves it as it is; make it "
            "writable (chmod u+w) or write somewhere else"
        )


@contextmanager
def atomic_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream whose content replaces ``path`` only when the block ends without an error; text
    streams are UTF-8 and leave line endings as written."""
    options: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    check_target(path)
    if _is_device(path):
        with _direct(path, "wb" if binary else "w", options) as stream:
            yield stream
        return
    path = _followed(path)
    directory = path.parent if str(path.parent) else Path(".")
    _remove_stale(directory, path.name)
    with _temporary(directory, path) as (handle, temporary):
        try:
            with os.fdopen(handle, "wb" if binary else "w", **options) as stream:
                yield stream
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _mode_for(path))
            os.replace(temporary, path)
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror}; the old file is unchanged") from None


@contextmanager
def _temporary(directory: Path, path: Path) -> Iterator[tuple[int, str]]:
    """A new temporary file beside ``path``, removed when the block ends without renaming it, and on
    SIGTERM, SIGINT or SIGHUP (see ``_Interrupted``)."""
    with _Interrupted.guarding() as live:
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=directory
            )
        except OSError as error:
            raise OutputError(f"cannot write {path}: {error.strerror}") from None
        live.add(temporary)
        try:
            yield handle, temporary
        finally:
            live.discard(temporary)
            Path(temporary).unlink(missing_ok=True)  # already renamed, unless something failed


class _Interrupted:
    """Removes the temporary files being written when a signal would end the process.

    SIGTERM and SIGHUP end a process without running its ``finally`` blocks, so while a write is open
    a handler removes its temporary file, then ends the process as the signal would have (the default
    action, the signal sent again). A signal with a handler of its own (SIGINT's KeyboardInterrupt)
    or ignored is left alone: the exception unwinds through ``_temporary``, or the write goes on.
    SIGKILL cannot be handled at all: what it leaves is removed by the next write to the same target
    (``_remove_stale``). Signals reach only the main thread, so only it installs the handler.
    """

    temporaries: ClassVar[set[str]] = set()
    writes = 0
    installed: ClassVar[dict[int, Any]] = {}
    lock = threading.Lock()
    signals = tuple(getattr(signal, n) for n in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, n))

    @classmethod
    @contextmanager
    def guarding(cls) -> Iterator[set[str]]:
        """The set to put a temporary file in while it exists."""
        with cls.lock:
            if cls.writes == 0:
                cls._install()
            cls.writes += 1
        try:
            yield cls.temporaries
        finally:
            with cls.lock:
                cls.writes -= 1
                if cls.writes == 0:
                    cls._uninstall()

    @classmethod
    def _install(cls) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for number in cls.signals:
            if signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, cls._handle)
                cls.installed[number] = signal.SIG_DFL

    @classmethod
    def _uninstall(cls) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for number, previous in list(cls.installed.items()):
            if signal.getsignal(number) == cls._handle:
                signal.signal(number, previous)
            del cls.installed[number]

    @classmethod
    def _handle(cls, number: int, frame: FrameType | None) -> None:
        for temporary in list(cls.temporaries):
            with suppress(OSError):
                os.unlink(temporary)
        signal.signal(number, cls.installed.pop(number, signal.SIG_DFL))
        os.kill(os.getpid(), number)


def _remove_stale(directory: Path, name: str) -> None:
    """Remove temporary files of earlier writes to ``name`` whose process is gone (killed by SIGKILL,
    or by the power going); a live process's file is never touched."""
    pattern = re.compile(re.escape(f".{name}.") + r"(\d+)\.[A-Za-z0-9_]+\.part")
    try:
        entries = os.listdir(directory)
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for entry in entries:
        found = pattern.fullmatch(entry)
        if found and not _alive(int(found.group(1))):
            with suppress(OSError):
                (directory / entry).unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or not a process id bilat wrote: leave it
    return True


def _store_around(target: Path) -> tuple[Path | None, bool]:
    """The bilat store folder ``target`` is, or is inside (following links), if any; and whether it
    is inside it."""
    try:
        resolved = target.parent.resolve() / target.name
    except (OSError, RuntimeError):
        return None, False
    for folder in (resolved, *resolved.parents):
        if _is_store(folder):
            return folder, folder != resolved
    return None, False


def _is_store(folder: Path) -> bool:
    """A folder with bilat's marker (a store or its checkpoint), or RocksDB's own files (a store made
    before the marker)."""
    try:
        return (folder / STORE_MARKER).is_file() or (
            (folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file()
        )
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    """An existing regular file that the user may not write, or that nobody may (``chmod a-w``: a
    mark that counts even for the superuser, who may write anything)."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    return not os.access(path, os.W_OK) or not info.st_mode & 0o222


def _is_device(path: Path) -> bool:
    """True for a device, a pipe or a socket (following links), which a rename would destroy."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _followed(path: Path) -> Path:
    """The file a symbolic link points to, so that the link stays a link."""
    if not path.is_symlink():
        return path
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop: let the write fail on the link itself
        return path


@contextmanager
def _direct(path: Path, mode: str, options: dict[str, Any]) -> Iterator[IO[Any]]:
    try:
        with open(path, mode, **options) as stream:
            yield stream
            stream.flush()
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def _mode_for(path: Path) -> int:
    """The mode the file keeps if it exists, else what a new file gets under the umask (not the
    owner-only mode of a temporary file)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
