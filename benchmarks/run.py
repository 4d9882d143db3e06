"""Side-by-side benchmarks: bilat against raw pyoxigraph and rdflib's in-memory store, in one run.

    python benchmarks/run.py --events 100000 [--cow] [--skip export --skip rdflib --skip cli]
    python benchmarks/run.py --goals [--events 1000000 ...]

``--goals`` runs ``goals.py`` instead: each performance goal as a whole process beside its reference.

Prints a Markdown table of times, ratios and peak memory; docs/benchmarks.md records the results.
Warm figures are the median of seven runs; rdflib runs in a child process with a time limit, because
a query there cannot be interrupted.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import networkx as nx
import pyoxigraph

from bilat.api import open_bilat_store
from bilat.dossier.build import ties
from bilat.files.bundled import data_dir
from bilat.files.formats import Format
from bilat.graph.export import whole_store
from bilat.graph.write import load_files
from bilat.importers import IMPORTERS, run_import
from bilat.network.analysis import centrality
from bilat.network.panel import panel_rows
from bilat.network.projection import project
from bilat.register import bundled_register
from bilat.store import EmbeddedStore
from bilat.store.sparql import bind

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from synthetic_cow import write as write_cow  # noqa: E402
from world import busy_and_rare, generate  # noqa: E402

ROWS: list[tuple[str, str, str]] = []
RDFLIB_LIMIT = 120


def timed(action: Callable[[], object], repeat: int = 1) -> float:
    """Median seconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def show(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def report(what: str, seconds: float | None, note: str = "") -> None:
    ROWS.append((what, show(seconds) if seconds is not None else "n/a", note))
    print(f"{what:<64} {ROWS[-1][1]:>12}  {note}", flush=True)


def child(command: list[str], timeout: float = 3600) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MB, measured by GNU time) and standard output of one child process.

    Returns infinite seconds when the child runs out of time.
    """
    with tempfile.TemporaryFile(mode="w+") as output, tempfile.NamedTemporaryFile(mode="r") as memory:
        start = time.perf_counter()
        try:
            subprocess.run(
                ["/usr/bin/time", "-o", memory.name, "-f", "%M", *command],
                stdout=output,
                stderr=subprocess.DEVNULL,
                timeout=timeout,
                check=True,
            )
        except subprocess.TimeoutExpired:
            return float("inf"), 0, ""
        seconds = time.perf_counter() - start
        output.seek(0)
        return seconds, int(memory.read().split()[-1]) // 1024, output.read()


def rdflib_child(nt: str, sent: str) -> None:
    """Child mode: parse the N-Triples into rdflib's memory store, run the queries in the JSON file
    ``sent`` as bilat sent them, print timings."""
    from rdflib import Graph

    graph = Graph()
    parse = timed(partial(graph.parse, nt, format="nt"))
    queries = json.loads(Path(sent).read_text(encoding="utf-8"))
    run = timed(partial(replay, graph.query, queries))
    print(json.dumps({"parse": parse, "query": run}))


def main() -> None:
    if sys.argv[1:2] == ["--goals"]:
        import goals

        sys.argv[1:2] = []
        goals.main()
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10000)
    parser.add_argument("--cow", action="store_true", help="also import a full-size synthetic COW file")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["export", "rdflib", "cli"],
        help="leave out a slow part (repeat): the Turtle export, the rdflib runs, the CLI processes",
    )
    parser.add_argument("--rdflib-child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.rdflib_child:
        rdflib_child(*options.rdflib_child)
        return
    work = Path(tempfile.mkdtemp(prefix="bilat-bench-"))
    try:
        run(options.events, work, set(options.skip))
        if options.cow:
            cow(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"peak memory of the harness: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    print("\n| measure | result | note |\n|---|---|---|")
    for row in ROWS:
        print(f"| {' | '.join(row)} |")


def run(events: int, work: Path, skip: set[str]) -> None:
    world = work / "world.jsonl"
    records = generate(events, world)
    print(f"{events:,} events, {records:,} records, {world.stat().st_size / 1e6:.1f} MB of JSON Lines")
    store_dir = work / "store"
    store = open_bilat_store(store_dir, seed=False)
    load_files(store, [data_dir() / "countries.jsonl"])
    before = len(store.oxigraph)
    load_seconds = timed(partial(load_files, store, [world]))
    triples = len(store.oxigraph) - before
    report(
        f"bilat load, {events:,} events ({triples:,} triples), on disk",
        load_seconds,
        "validated; bulk loader behind a checkpoint, then compacted",
    )

    world_nt = work / "world.nt"
    store.oxigraph.dump(str(world_nt), pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    raw = pyoxigraph.Store(str(work / "raw"))
    bulk = timed(partial(raw.bulk_load, path=str(world_nt), format=pyoxigraph.RdfFormat.N_TRIPLES))
    report(
        "pyoxigraph bulk_load, the same triples as N-Triples", bulk, f"bilat/raw {load_seconds / bulk:.1f}x"
    )
    # bilat compacts after a bulk write; the raw store gets the same, so that queries compare alike.
    compact = timed(raw.optimize)
    report(
        "pyoxigraph optimize after its bulk_load",
        compact,
        f"bilat/(bulk_load + optimize) {load_seconds / (bulk + compact):.1f}x",
    )

    (busy_a, busy_b), (rare_a, rare_b) = busy_and_rare(events)
    for label, a, b in (("busy", busy_a, busy_b), ("rare", rare_a, rare_b)):
        store.close()
        store = open_bilat_store(store_dir, seed=False)
        pair(label, store, raw, str(world_nt), a, b, "rdflib" not in skip, load_seconds)
    network(store, raw)

    if "export" not in skip:
        export = timed(lambda: (work / "export.ttl").write_bytes(whole_store(store, Format.TURTLE)))
        dump = timed(lambda: store.oxigraph.dump(str(work / "dump.nt"), pyoxigraph.RdfFormat.N_TRIPLES))
        report(
            f"bilat export, Turtle, {len(store.oxigraph):,} triples",
            export,
            f"Store.dump {show(dump)}; {export / dump:.2f}x",
        )
    store.close()
    if "cli" in skip:
        return

    bilat = [str(Path(sys.executable).parent / "bilat")]
    helps = [child([*bilat, "--help"]) for _ in range(5)]
    report(
        "`bilat --help`, whole process",
        statistics.median(h[0] for h in helps),
        f"peak {max(h[1] for h in helps)} MB",
    )
    runs = [child([*bilat, "--store", str(store_dir), "ties", busy_a, busy_b]) for _ in range(3)]
    report(
        f"`bilat ties {busy_a} {busy_b}`, whole process, persistent store",
        statistics.median(r[0] for r in runs),
    )


class Recording:
    """A store that notes the text of every query it is sent, then passes it on."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.queries: list[str] = []

    def __getattr__(self, name: str) -> Callable[..., object]:
        method = getattr(self.store, name)

        def noted(query: str, bindings: dict[str, object] | None = None) -> object:
            self.queries.append(bind(query, bindings or {}))  # type: ignore[arg-type]
            return method(query, bindings)

        return noted


def replay(run: Callable[[str], object], queries: list[str]) -> None:
    """Send each query and read every row, as bilat does."""
    for query in queries:
        for row in run(query):  # type: ignore[attr-defined]
            tuple(row)


def pair(
    label: str,
    store: EmbeddedStore,
    raw: pyoxigraph.Store,
    nt: str,
    a: str,
    b: str,
    with_rdflib: bool,
    load_seconds: float,
) -> None:
    register = bundled_register()
    first, second = register.countries[a], register.countries[b]
    cold = timed(partial(ties, store, first, second))
    warm = timed(partial(ties, store, first, second), repeat=7)
    recording = Recording(store)
    dossier = ties(recording, first, second)  # type: ignore[arg-type]
    queries = recording.queries
    report(
        f"bilat ties, {label} pair {a}-{b} ({dossier.event_count:,} events, latest {len(dossier.events)} "
        f"shown, {len(dossier.facts):,} facts), cold",
        cold,
        f"{len(queries)} queries",
    )
    report(f"bilat ties, {label} pair, warm", warm)
    # The same query texts bilat sent, every row read, straight on a pyoxigraph store of the same triples.
    raw_warm = timed(partial(replay, raw.query, queries), repeat=7)
    report(
        f"raw pyoxigraph, the dossier's {len(queries)} queries, {label} pair, warm",
        raw_warm,
        f"bilat/raw {warm / raw_warm:.2f}x",
    )
    if not with_rdflib:
        return
    with tempfile.NamedTemporaryFile("w", suffix=".json") as sent:
        json.dump(queries, sent)
        sent.flush()
        _, _, out = child([sys.executable, __file__, "--rdflib-child", nt, sent.name], timeout=RDFLIB_LIMIT)
    if out:
        timings = json.loads(out)
        report(
            f"rdflib in-memory, the dossier's {len(queries)} queries, {label} pair",
            timings["query"],
            f"rdflib/bilat {timings['query'] / warm:.0f}x; its parse {show(timings['parse'])}, "
            f"{timings['parse'] / load_seconds:.1f}x bilat's load",
        )
    else:
        report(
            f"rdflib in-memory, the dossier's queries, {label} pair",
            None,
            f"did not finish in {RDFLIB_LIMIT} s",
        )


NAIVE_EVENTS = """
PREFIX bilat: <https://w3id.org/bilat/ontology#>
SELECT ?event ?a ?b WHERE { ?event a bilat:Event ; bilat:involves ?a, ?b . FILTER (STR(?a) < STR(?b)) }
"""


def network(store: EmbeddedStore, raw: pyoxigraph.Store) -> None:
    """The projection counted in the store, against every event pair brought into Python and counted."""
    register = bundled_register()
    cold = timed(partial(project, store, register))
    warm = timed(partial(project, store, register), repeat=3)
    graph = project(store, register)
    report(
        f"bilat network projection, all kinds ({graph.number_of_nodes()} countries, "
        f"{graph.number_of_edges():,} links), cold",
        cold,
    )
    report("bilat network projection, all kinds, warm", warm)
    events = timed(partial(project, store, register, kinds=["events"]), repeat=3)
    report("bilat network projection, events only, warm", events)

    def naive() -> nx.Graph:
        counts = Counter((row["a"].value, row["b"].value) for row in raw.query(NAIVE_EVENTS))
        naive_graph = nx.Graph()
        naive_graph.add_weighted_edges_from((a, b, n) for (a, b), n in counts.items())
        return naive_graph

    brought = timed(naive, repeat=3)
    report(
        "raw pyoxigraph, every event pair brought into Python and counted",
        brought,
        f"naive/bilat {brought / events:.1f}x",
    )
    for name, action in (
        ("centrality (degree, betweenness, eigenvector, PageRank, communities)", partial(centrality, graph)),
        (
            "panel rows, every COW dyad, 2000-2016",
            lambda: sum(1 for _ in panel_rows(store, register, 2000, 2016)),
        ),
    ):
        report(f"bilat {name}", timed(action))


def cow(work: Path) -> None:
    path = work / "cow.csv"
    rows = write_cow(path)
    store = open_bilat_store(work / "cow-store", seed=False)
    load_files(store, [data_dir() / "countries.jsonl"])
    register = bundled_register()
    seconds = timed(partial(run_import, store, IMPORTERS["cow-diplomatic"], [path], register))
    report(
        f"import cow-diplomatic, {rows:,} synthetic rows, first time",
        seconds,
        f"{rows / seconds:,.0f} rows/s",
    )
    again = timed(partial(run_import, store, IMPORTERS["cow-diplomatic"], [path], register))
    report("import cow-diplomatic, the same file again", again, "replaces every record")
    store.close()


if __name__ == "__main__":
    main()
