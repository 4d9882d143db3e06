"""Writing output files atomically: a temporary file beside the target, renamed into place.

A target that is a symbolic link keeps it: the file it points to is replaced. A target that is no
file at all (``/dev/stdout``, ``/dev/full``, a named pipe) is written to directly, since renaming
onto it would replace the device or pipe with a file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from bilat.errors import OutputError


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never a part."""
    with atomic_file(path, binary=True) as stream:
        stream.write(data)


@contextmanager
def atomic_file(path: Path, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream whose content replaces ``path`` only when the block ends without an error; text
    streams are UTF-8 and leave line endings as written."""
    options: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    if _is_device(path):
        with _direct(path, "wb" if binary else "w", options) as stream:
            yield stream
        return
    path = _followed(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb" if binary else "w", **options) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror}; the old file is unchanged") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
