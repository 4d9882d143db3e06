"""Opening a store: on-disk Oxigraph (the default), in-memory Oxigraph, or a SPARQL 1.1 server.

All three answer the same calls: ``select``, ``values`` and ``construct`` with parameters bound by
``sparql.bind``, and ``update`` and ``replace``, each applied atomically. The embedded stores are
pyoxigraph stores seen through an rdflib graph (oxrdflib); the server is spoken to over HTTP.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilat.errors import EmptyStoreError, StoreError
from bilat.queries import query_text
from bilat.rdf.term import Term
from bilat.store.embedded import EmbeddedStore
from bilat.store.protocol import Bindings, Rows, Store, Terms, Triple, Values

if TYPE_CHECKING:
    from bilat.store.remote import RemoteStore


def open_store(
    path: Path | None = None,
    *,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
) -> Store:
    """Open the store the user asked for: a SPARQL server, memory, or a directory on disk."""
    if endpoint:
        from bilat.store.remote import RemoteStore

        return RemoteStore(endpoint, update_endpoint)
    if memory:
        return EmbeddedStore(None)
    if path is None:
        raise StoreError("no store location given")
    return shared_store(Path(path))


_OPEN: dict[Path, EmbeddedStore] = {}
"""The store folders this process has open, each with one handle."""


def shared_store(path: Path) -> EmbeddedStore:
    """The process's handle on the store at ``path``: opened once, shared by everyone who opens the same
    folder again (each ``close`` counts one user off), so that a notebook can open it twice."""
    key = path.expanduser().resolve()
    found = _OPEN.get(key)
    if found is not None and found.users > 0:
        found.users += 1
        return found
    _OPEN[key] = store = EmbeddedStore(path)
    return store


def require_countries(store: Store) -> None:
    """EmptyStoreError unless the store holds countries (a fresh SPARQL server holds none)."""
    if not store.values(query_text("internal/any-country")).rows:
        raise EmptyStoreError(
            f"the store at {store.location} holds no countries, so it cannot answer; load the bundled "
            "data first: bilat [--endpoint URL] load DATA_FOLDER (the data/ folder of bilat)"
        )


def store_is_empty(store: Store) -> bool:
    """True when the store holds no triple at all."""
    return not store.values(query_text("internal/any-triple")).rows


def __getattr__(name: str) -> Any:
    """``RemoteStore``, imported on first use: a command on the embedded store never needs its HTTP."""
    if name == "RemoteStore":
        from bilat.store.remote import RemoteStore

        return RemoteStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__: Sequence[str] = (
    "Bindings",
    "EmbeddedStore",
    "RemoteStore",
    "Rows",
    "Store",
    "Term",
    "Terms",
    "Triple",
    "Values",
    "open_store",
    "require_countries",
)
