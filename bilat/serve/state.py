"""What the application holds while it runs: the store, its options, a gate that keeps each request
on one state of the store, and caches keyed by that state."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from bilat.errors import InputError
from bilat.store import EmbeddedStore, Store
from bilat.store.gate import ReadWriteGate

T = TypeVar("T")

QUERY_LIMIT = 10_000
"""Rows or triples a SPARQL request may return, as ``bilat query --limit``."""
QUERY_SECONDS = 30.0
"""The time a SPARQL request may run (``bilat query --timeout``)."""


@dataclass(frozen=True)
class Settings:
    """How the server was started."""

    allow_updates: bool = False
    token: str | None = None
    """The bearer token updates and loads need; None when updates are off."""
    query_limit: int = QUERY_LIMIT
    query_seconds: float = QUERY_SECONDS
    max_query_bytes: int = 1024 * 1024
    max_load_bytes: int = 16 * 1024 * 1024
    body_seconds: float = 10.0
    """A request body must arrive whole within this many seconds."""


@dataclass
class State:
    """The store served, and what is kept between requests."""

    store: Store
    settings: Settings = field(default_factory=Settings)
    gate: ReadWriteGate = field(default_factory=ReadWriteGate)
    generation: int = 0
    """Counts the writes made through this server: cached pages name the state they show."""
    native: bool = True
    """Whether SPARQL may be answered by Oxigraph directly (``native``): not after a write failed in
    the store (a failed bulk write leaves it unusable until it is opened again, which ``bilat.api``
    reports), and again once a write succeeds (a store left unusable refuses every write)."""
    _cache: OrderedDict[tuple[object, ...], object] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cacheable(self) -> bool:
        """An embedded store changes only through this process (its lock keeps other writers out);
        a SPARQL server may be written by anyone, so nothing of it is kept."""
        return isinstance(self.store, EmbeddedStore)

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """The store for one request's reads: no write of this server starts or ends in between, so a
        page built of several queries shows one state."""
        with self.gate.reading():
            yield self.store

    @contextmanager
    def writing(self) -> Iterator[Store]:
        """The store for a write: requests wait, and cached pages are forgotten when it ends."""
        with self.gate.writing():
            try:
                yield self.store
            except InputError:  # refused before anything was written
                raise
            except BaseException:
                self.native = False
                raise
            else:
                self.native = True
            finally:
                with self._lock:
                    self.generation += 1
                    self._cache.clear()

    def cached(self, key: tuple[object, ...], make: Callable[[], T], size: int = 256) -> T:
        """``make()``, kept for this state of the store (``key`` names what it is)."""
        if not self.cacheable:
            return make()
        full = (self.generation, *key)
        with self._lock:
            if full in self._cache:
                self._cache.move_to_end(full)
                return self._cache[full]  # type: ignore[return-value]
        value = make()
        with self._lock:
            if full[0] == self.generation:
                self._cache[full] = value
                while len(self._cache) > size:
                    self._cache.popitem(last=False)
        return value
