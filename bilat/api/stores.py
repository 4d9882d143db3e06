"""Opening a store, and what changes or checks it as a whole: load, import, export, validate, stats."""

from __future__ import annotations

import os
from pathlib import Path

from bilat.dossier.build import ties
from bilat.errors import InputError
from bilat.files.atomic import check_target, write_atomically
from bilat.files.bundled import data_dir
from bilat.files.formats import Format
from bilat.graph.export import country_records, neighbourhood, serialize, whole_store
from bilat.graph.plausibility import Doubt, store_doubts
from bilat.graph.shapes import Violation
from bilat.graph.stats import Stats, store_stats
from bilat.graph.upgrade import is_current, mark_current, upgrade
from bilat.graph.validate import validate_store
from bilat.graph.write import LoadSummary, Progress, load_files
from bilat.importers import IMPORTERS, ImportSummary, run_import
from bilat.rdf.triples import dataset_triples
from bilat.register import Register, bundled_register
from bilat.store import EmbeddedStore, Store, open_store, store_is_empty


def default_store_path() -> Path:
    """``$BILAT_STORE``, else ``$XDG_DATA_HOME/bilat/store`` (``~/.local/share/bilat/store``)."""
    if os.environ.get("BILAT_STORE"):
        return Path(os.environ["BILAT_STORE"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "bilat" / "store"


def open_bilat_store(
    path: Path | None = None,
    *,
    memory: bool = False,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    seed: bool = True,
) -> Store:
    """Open a store; an empty embedded store first receives the bundled data.

    A remote server is never written to unless the user loads something into it.
    """
    store = open_store(
        path or default_store_path(),
        memory=memory,
        endpoint=endpoint,
        update_endpoint=update_endpoint,
    )
    if seed and isinstance(store, EmbeddedStore):
        if store_is_empty(store):
            load_files(store, [data_dir()])
            mark_current(store)
        elif not is_current(store):
            upgrade(store)
    return store


def load(store: Store, paths: list[Path], progress: Progress | None = None) -> LoadSummary:
    """Validate the data files, then write them in one update."""
    return load_files(store, paths, progress)


def import_files(
    store: Store,
    format: str,
    paths: list[Path],
    *,
    strict: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    register: Register | None = None,
) -> ImportSummary:
    """Import files of an external format (``cow-diplomatic``, ``desta``, ``gdelt`` ...)."""
    if format not in IMPORTERS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(IMPORTERS)}")
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"{missing[0]}: no such file")
    return run_import(
        store,
        IMPORTERS[format],
        paths,
        register or bundled_register(),
        strict=strict,
        encoding=encoding,
        progress=progress,
    )


def export(
    store: Store,
    output: Path | None,
    format: Format = Format.TURTLE,
    countries: list[str] | None = None,
    register: Register | None = None,
) -> bytes:
    """Serialise the store (or one country's or pair's neighbourhood); write it atomically if asked."""
    if len(countries or []) > 2:
        raise InputError("give --country once (a country) or twice (a pair)")
    if output is not None:
        check_target(output)
    register = register or bundled_register()
    chosen = [register.resolve(c) for c in countries or []]
    if len(chosen) == 1:
        data = serialize(dataset_triples(country_records(store, chosen[0])), format)
    elif len(chosen) == 2:
        dossier = ties(store, chosen[0], chosen[1])
        records = neighbourhood(store, [*dossier.facts, *dossier.countries])
        data = serialize(dataset_triples(records), format)
    else:
        data = whole_store(store, format)
    if output is not None:
        write_atomically(output, data)
    return data


def validate(store: Store) -> list[Violation]:
    """SHACL violations of the whole store, and records the models refuse; empty when it conforms."""
    return validate_store(store)


def doubts(store: Store, register: Register | None = None) -> list[Doubt]:
    """Facts the store holds that look implausible (dated before a country existed or after it
    ended, ending before they start), but for those ``data/known-doubts.csv`` lists as looked into."""
    return store_doubts(store, register or bundled_register())


def stats(store: Store) -> Stats:
    """How many triples and records of each kind the store holds."""
    return store_stats(store)
