"""Opening a store: where it lives by default, the bundled data on the first run, upgrades."""

from __future__ import annotations

import os
from pathlib import Path

from bilat.files.bundled import data_dir
from bilat.graph.upgrade import is_current, mark_current, upgrade
from bilat.store import EmbeddedStore, Store, open_store, store_is_empty


def default_store_path() -> Path:
    """``$BILAT_STORE``, else ``$XDG_DATA_HOME/bilat/store`` (``~/.local/share/bilat/store``)."""
    if os.environ.get("BILAT_STORE"):
        return Path(os.environ["BILAT_STORE"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "bilat" / "store"


def open_bilat_store(
    path: str | os.PathLike[str] | None = None,
    *,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    seed: bool = True,
) -> Store:
    """Open a store; an empty embedded store first receives the bundled data. The store is a context
    manager (``with open_bilat_store(path) as store:``), and one folder opened twice in a process gives
    one shared handle. A store on disk is opened for reading, so other processes may read it at the
    same time, and for writing only while it writes.

    A remote server is never written to unless the user loads something into it.
    """
    store = open_store(
        Path(path) if path is not None else default_store_path(),
        memory=memory,
        endpoint=endpoint,
        update_endpoint=update_endpoint,
    )
    if seed and isinstance(store, EmbeddedStore) and (store_is_empty(store) or not is_current(store)):
        with store.writing():  # one opening for writing for the whole first run
            _prepare(store)
    return store


def _prepare(store: EmbeddedStore) -> None:
    """The bundled data into an empty store, or an older store upgraded."""
    if store_is_empty(store):
        from bilat.graph.write import load_files  # only on the first run: the writing machinery

        load_files(store, [data_dir()])
        mark_current(store)
    else:
        upgrade(store)
