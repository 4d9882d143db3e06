"""Each backend side by side in one run: the embedded store on disk, in memory, Oxigraph's server and
Virtuoso 7 (both started on 127.0.0.1 over throwaway folders, as the tests start them).

For each: the load of the bundled data (``data/``), the load of a synthetic world (``world.py``, its
events skewed as news is), and the dossier of its busiest pair and of a rare one (median of five warm
runs). Prints one Markdown table.

    .venv/bin/python benchmarks/backends.py [--events 10000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from servers import Server, start_oxigraph, start_virtuoso  # noqa: E402
from world import busy_and_rare, generate  # noqa: E402

from bilat.api import pair_ties  # noqa: E402
from bilat.files.bundled import data_dir  # noqa: E402
from bilat.graph.write import load_files  # noqa: E402
from bilat.store import EmbeddedStore, RemoteStore, Store  # noqa: E402


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_ms(work: Callable[[], object], runs: int = 5) -> float:
    work()  # warm
    return statistics.median(timed(work) for _ in range(runs)) * 1000


def measure(name: str, store: Store, world: Path, events: int) -> dict[str, str]:
    bundled = timed(lambda: load_files(store, [data_dir()]))
    loaded = timed(lambda: load_files(store, [world]))
    busy, rare = busy_and_rare(events)
    return {
        "backend": name,
        "load data/ (s)": f"{bundled:.1f}",
        f"load world, {events:,} events (s)": f"{loaded:.1f}",
        f"dossier {'-'.join(busy)} (ms)": f"{median_ms(lambda: pair_ties(store, *busy)):.0f}",
        f"dossier {'-'.join(rare)} (ms)": f"{median_ms(lambda: pair_ties(store, *rare)):.0f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        world = root / "world.jsonl"
        generate(options.events, world)
        servers: list[Server] = []
        try:
            backends: list[tuple[str, Callable[[], Store]]] = [
                ("embedded (disk)", lambda: EmbeddedStore(root / "embedded")),
                ("embedded (memory)", lambda: EmbeddedStore(None)),
                ("Oxigraph server", lambda: RemoteStore(_started(servers, start_oxigraph(root / "ox")).url)),
                ("Virtuoso 7", lambda: RemoteStore(_started(servers, start_virtuoso(root / "virt")).url)),
            ]
            for name, make in backends:
                store = make()
                rows.append(measure(name, store, world, options.events))
                store.close()
        finally:
            for server in servers:
                server.stop()
    columns = list(rows[0])
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row[c] for c in columns) + " |" for row in rows]
    sys.stdout.write("\n".join(lines) + "\n")


def _started(servers: list[Server], server: Server) -> Server:
    servers.append(server)
    return server


if __name__ == "__main__":
    main()
