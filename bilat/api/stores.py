"""What changes or checks a store as a whole: load, import, export, validate, stats."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

from bilat.dossier.build import ties
from bilat.errors import InputError
from bilat.files.atomic import atomic_file, check_target, write_atomically
from bilat.files.formats import Format, chosen_format, is_stdout
from bilat.graph.export import country_records, neighbourhood, serialize, whole_store, write_whole_store
from bilat.graph.plausibility import Doubt, store_doubts
from bilat.graph.shapes import Violation
from bilat.graph.stats import Stats, store_stats
from bilat.graph.validate import Validation, validate_store, validation
from bilat.graph.write import LoadSummary, Progress, load_files
from bilat.importers import IMPORTERS, ImportSummary, run_import
from bilat.rdf.triples import dataset_triples
from bilat.register import Register, bundled_register
from bilat.store import Store


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
    report: Path | None = None,
) -> ImportSummary:
    """Import files of an external format (``cow-diplomatic``, ``desta``, ``gdelt`` ...); ``report``
    (CSV, written atomically) receives every row that made nothing, with its line and reason."""
    if format not in IMPORTERS:
        raise InputError(f"unknown format {format!r}; use one of {', '.join(IMPORTERS)}")
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"{missing[0]}: no such file")
    if report is not None:
        check_target(report)
    with atomic_file(report) if report is not None else nullcontext() as stream:
        return run_import(
            store,
            IMPORTERS[format],
            paths,
            register or bundled_register(),
            strict=strict,
            encoding=encoding,
            progress=progress,
            report=stream,
        )


def export(
    store: Store,
    output: Path | None,
    format: Format | None = None,
    countries: list[str] | None = None,
    register: Register | None = None,
) -> bytes:
    """Serialise the store (or one country's or pair's neighbourhood) in ``format``, else the one
    ``output``'s suffix names (``.ttl``, ``.nt``, ``.jsonld``, ``.trig``), else Turtle; write it
    atomically to ``output`` unless that is None or ``-``. Returns what it wrote, but for the whole
    store written to a file, which goes there as it is made (it may be larger than memory) and
    returns nothing."""
    output = None if is_stdout(output) else output
    format = chosen_format(output, format, Format.TURTLE)
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
    elif output is not None:  # the whole store, perhaps larger than memory: straight to the file
        with atomic_file(output, binary=True) as stream:
            write_whole_store(store, format, stream)
        return b""
    else:
        data = whole_store(store, format)
    if output is not None:
        write_atomically(output, data)
    return data


def validate(store: Store, progress: Progress | None = None) -> list[Violation]:
    """SHACL violations of the whole store, and records the models refuse; empty when it conforms."""
    return validate_store(store, progress)


def validate_with_doubts(
    store: Store, progress: Progress | None = None, register: Register | None = None
) -> Validation:
    """What ``bilat validate`` reports: ``validate``'s violations and ``doubts``'s implausible facts,
    the store read once for both."""
    return validation(store, register or bundled_register(), progress)


def doubts(store: Store, register: Register | None = None) -> list[Doubt]:
    """Facts the store holds that look implausible (dated before a country existed or after it
    ended, ending before they start), but for those ``data/known-doubts.csv`` lists as looked into."""
    return store_doubts(store, register or bundled_register())


def stats(store: Store) -> Stats:
    """How many triples and records of each kind the store holds."""
    return store_stats(store)
