"""Opening a store: where it lives by default, the bundled data on the first run, upgrades."""

from __future__ import annotations

import os
from pathlib import Path

from bilat.files.bundled import data_dir
from bilat.files.datafile import data_files
from bilat.graph.upgrade import bundled_files, bundled_mark, is_current, mark_bundled, mark_current, upgrade
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
    if seed and isinstance(store, EmbeddedStore):
        bundled = {bundled_mark(path): path for path in data_files([data_dir()])}
        held = bundled_files(store)
        stale = bool(held) and not set(bundled) <= held  # a release since has new or changed files
        if store_is_empty(store) or not is_current(store) or stale:
            with store.writing():  # one opening for writing for the whole first run, or the upgrade
                _prepare(store, bundled, held)
    return store


def _prepare(store: EmbeddedStore, bundled: dict[str, Path], held: set[str]) -> None:
    """The bundled data into an empty store; in an older store, what it lacks: the derived triples of
    this version, and the bundled files new or changed since it was made (all of them for a store of
    a release that did not record them; a file of a new release is loaded again, replacing its
    records). A store that holds no record of bundled files and is current was made without them
    (``seed=False``) and is left so."""
    from bilat.graph.write import load_files  # only now: the writing machinery

    if store_is_empty(store):
        load_files(store, list(bundled.values()))
        mark_current(store)
    else:
        if not is_current(store):
            upgrade(store)
        missing = [path for mark, path in bundled.items() if mark not in held]
        if missing:
            load_files(store, missing)
    mark_bundled(store, set(bundled))
