"""Running a read-only call under a time limit.

Neither Oxigraph nor rdflib can interrupt a query from Python, and a query still running in Rust does
not return to the interpreter to notice a signal. So the call runs in a forked child, which inherits
the open store and only reads from it; the parent waits for its answer and kills it when the time is
up. A killed reader leaves the store as it was. Writes never go through here.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from bilat.errors import BilatError, QueryError

T = TypeVar("T")


def call_with_time_limit(call: Callable[[], T], seconds: float) -> T:
    """``call()``'s result, or QueryError if it takes longer than ``seconds``; errors it raises are
    raised here."""
    reader, writer = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which reports through the pipe
        os.close(reader)
        try:
            outcome: tuple[bool, object] = (True, call())
        except BilatError as error:
            outcome = (False, error)
        except Exception as error:
            outcome = (False, QueryError(f"the query failed: {error}"))
        with os.fdopen(writer, "wb") as stream:
            stream.write(pickle.dumps(outcome))
        os._exit(0)
    os.close(writer)
    try:
        data = _read_until(reader, time.monotonic() + seconds)
    finally:
        os.close(reader)
        if data is None:
            os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    if data is None:
        raise QueryError(
            f"the query ran longer than the time limit of {seconds:g} s and was stopped; "
            "narrow it (a LIMIT, a more specific pattern) or give a larger --timeout"
        )
    if not data:
        raise QueryError("the query stopped without an answer")
    succeeded, value = pickle.loads(data)
    if not succeeded:
        raise value
    return value  # type: ignore[no-any-return]


def _read_until(descriptor: int, deadline: float) -> bytes | None:
    """Everything written to the pipe until it closes, or None if the deadline passes first."""
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([descriptor], [], [], remaining)
        if not ready:
            return None
        chunk = os.read(descriptor, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
