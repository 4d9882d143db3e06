"""The Python API: one function per CLI command, taking and returning plain values and records."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from bilat.countries import Register, bundled_register
from bilat.dossier.build import Dossier, ties
from bilat.errors import InputError, UnknownCountryError
from bilat.files.atomic import write_atomically
from bilat.files.bundled import data_dir
from bilat.files.formats import Format, PictureFormat
from bilat.graph.export import all_triples, country_records, neighbourhood, serialize, whole_store
from bilat.graph.read import unreadable_records
from bilat.graph.shapes import Violation, validate_graph
from bilat.graph.upgrade import is_current, mark_current, upgrade
from bilat.graph.write import LoadSummary, Progress, count_triples, load_files
from bilat.importers import IMPORTERS, ImportSummary, run_import
from bilat.importers.gdelt import cameo_state
from bilat.model.dataset import Country, Dataset, Record
from bilat.model.dates import PartialDate
from bilat.model.window import Window
from bilat.queries import query_text
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.triples import dataset_triples
from bilat.store import EmbeddedStore, Store, open_store, store_is_empty

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Format",
    "Stats",
    "default_store_path",
    "draw_ego",
    "draw_timeline",
    "export",
    "extract_articles",
    "import_files",
    "load",
    "network",
    "open_bilat_store",
    "pair_ties",
    "panel",
    "resolve_country",
    "stats",
    "validate",
]


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


def resolve_country(
    text: str, scheme: str = "any", year: int | None = None, register: Register | None = None
) -> Country:
    """The country ``text`` names: any name or code, or a code of one scheme (cow, fips, iso-numeric,
    cameo); COW numbers and old ISO numeric codes need the ``year`` they are from."""
    register = register or bundled_register()
    if scheme == "any":
        return register.resolve(text)
    if scheme in ("cow", "iso-numeric") and not text.strip().isdigit():
        raise InputError(f"{text!r} is not a number")
    if scheme == "cow" and year is None:
        raise InputError("a COW number means different states over time; give --year")
    found = {
        "cow": lambda: register.by_cow(int(text), year or 0),
        "fips": lambda: register.by_fips(text),
        "iso-numeric": lambda: register.by_iso_numeric(text, year),
        "cameo": lambda: cameo_state(text, register),
    }[scheme]()
    if found is None:
        raise UnknownCountryError(text, [])
    return found


def pair_ties(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    events: int | None = 50,
    register: Register | None = None,
) -> Dossier:
    """The dossier of two countries named any way the register knows; ``as_of`` caps the end."""
    register = register or bundled_register()
    return ties(store, register.resolve(a), register.resolve(b), _window(start, as_of or end), events)


def _window(start: str | None, end: str | None) -> Window:
    dates = []
    for text in (start, end):
        try:
            dates.append(PartialDate.parse(text) if text else None)
        except ValueError as error:
            raise InputError(f"date {text!r}: {error}") from None
    return Window(*dates)


def network(
    store: Store,
    *,
    kinds: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    directed: bool = False,
    register: Register | None = None,
) -> nx.Graph:
    """The network of countries tied by ``kinds`` (all by default) in a period, or on the day ``as_of``
    (standing ties alive then, events of that day)."""
    from bilat.network.projection import KINDS, project

    window = _window(as_of, as_of) if as_of else _window(start, end)
    return project(
        store, register or bundled_register(), kinds=kinds or KINDS, window=window, directed=directed
    )


def panel(
    store: Store,
    output: Path,
    first: int,
    last: int,
    countries: list[str] | None = None,
    register: Register | None = None,
) -> int:
    """Write the dyad-year panel as CSV, atomically; return the number of rows."""
    import csv

    from bilat.files.atomic import atomic_file
    from bilat.network.panel import COLUMNS, panel_rows

    register = register or bundled_register()
    chosen = [register.resolve(c) for c in countries or []]
    rows = panel_rows(store, register, first, last, chosen)
    written = 0
    with atomic_file(output) as stream:
        writer = csv.DictWriter(stream, COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            written += 1
    return written


def draw_ego(
    store: Store,
    country: str,
    output: Path,
    *,
    top: int = 30,
    kinds: list[str] | None = None,
    start: str | None = None,
    end: str | None = None,
    register: Register | None = None,
) -> None:
    """Draw a country's ego network to ``output`` (PNG or SVG, by its suffix)."""
    from bilat.network.analysis import node
    from bilat.network.ego import ego_picture

    register = register or bundled_register()
    code = register.resolve(country).code
    graph = network(store, kinds=kinds, start=start, end=end, register=register)
    write_atomically(output, ego_picture(graph, node(graph, code), _picture_format(output), top))


def draw_timeline(
    store: Store,
    a: str,
    b: str,
    output: Path,
    *,
    start: str | None = None,
    end: str | None = None,
    register: Register | None = None,
) -> None:
    """Draw the timeline of a pair's dated facts to ``output`` (PNG or SVG, by its suffix)."""
    from bilat.dossier.timeline import timeline_picture

    dossier = pair_ties(store, a, b, start=start, end=end, events=None, register=register)
    write_atomically(output, timeline_picture(dossier, _picture_format(output)))


def extract_articles(
    paths: list[Path],
    *,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    title: str | None = None,
    store: Store | None = None,
    register: Register | None = None,
) -> Dataset:
    """Facts, with their evidence, from articles (plain text or HTML; ``-`` reads stdin). With a
    ``store``, records it already holds are reused and gain the new sources."""
    import sys

    from bilat.extract.article import read_article
    from bilat.extract.extractor import extract
    from bilat.extract.resolve import resolved
    from bilat.files.datafile import read_file

    register = register or bundled_register()
    areas = read_file(data_dir() / "areas.yaml").dataset.areas
    records: list[Record] = []
    for path in paths:
        try:
            content = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{path}: cannot be read as UTF-8 text ({error})") from None
        article = read_article(content, url=url, publisher=publisher, published=published, title=title)
        records.extend(extract(article, register, areas).records())
    return resolved(records, store)


def _picture_format(output: Path) -> PictureFormat:
    try:
        return PictureFormat(output.suffix.lower().lstrip("."))
    except ValueError:
        raise InputError(f"{output}: name a .png or .svg file") from None


def export(
    store: Store,
    output: Path | None,
    format: Format = Format.TURTLE,
    countries: list[str] | None = None,
    register: Register | None = None,
) -> bytes:
    """Serialise the store (or one country's or pair's neighbourhood); write it atomically if asked."""
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
    triples = all_triples(store)
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    refused = [Violation(str(s), "", message) for s, message in unreadable_records(triples).items()]
    return sorted([*validate_graph(graph), *refused], key=lambda v: (v.focus, v.path))


@dataclass(frozen=True)
class Stats:
    location: str
    triples: int
    records: dict[str, int]


def stats(store: Store) -> Stats:
    """How many triples and records of each kind the store holds."""
    rows = store.values(query_text("internal/count-by-class")).rows
    names = {str(mapping.classes[0]): kind.type_name for kind, mapping in MAPPINGS.items()}
    kinds = {names[str(type)]: int(str(n)) for type, n in rows if str(type) in names}
    return Stats(store.location, count_triples(store), dict(sorted(kinds.items())))
