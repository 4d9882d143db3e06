"""Running a read-only call under a time limit.

Neither Oxigraph nor rdflib can interrupt a query from Python. Oxigraph releases the interpreter
while it evaluates, so the call runs in a daemon thread and the caller stops waiting when the time
is up: it gets a QueryError at once, while the abandoned query goes on in the background until it
ends or the process exits (the command line exits right away). A fork would stop it for good, but
forking beside the store's own threads can deadlock the child; this cannot.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from bilat.errors import QueryError

T = TypeVar("T")


def call_with_time_limit(call: Callable[[], T], seconds: float) -> T:
    """``call()``'s result, or QueryError if it takes longer than ``seconds``; errors it raises are
    raised here."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed to the caller, whatever it is
            outcome["error"] = error

    worker = threading.Thread(target=run, name="bilat-query", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryError(
            f"the query ran longer than the time limit of {seconds:g} s and was stopped; "
            "narrow it (a LIMIT, a more specific pattern) or give a larger --timeout"
        )
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
