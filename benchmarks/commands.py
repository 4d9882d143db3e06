"""Whole commands on the bundled data, each beside its reference, in one run.

    .venv/bin/python benchmarks/commands.py [--repeat 5]

Start-up: `bilat ties Azerbaijan Cuba` and `bilat --help` as whole processes, beside `python -c
"import pyoxigraph"` (the floor: the interpreter and the engine). Then `bilat panel` for 1990-2022 as
CSV, and `bilat validate` with the shapes checked by the store beside the same shapes checked by
pySHACL on the same triples. Medians of ``--repeat`` runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BILAT = [sys.executable, "-m", "bilat"]


def seconds(command: list[str], repeat: int) -> float:
    """The median wall time of ``command`` as a whole process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(action: object, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as work:
        store = Path(work) / "store"
        at = ["--store", str(store)]
        start = time.perf_counter()
        subprocess.run([*BILAT, *at, "stats"], check=True, capture_output=True)
        print(f"first run, seeding the bundled data: {time.perf_counter() - start:.2f} s")
        rows = [
            (
                "python -c 'import pyoxigraph' (floor)",
                seconds([sys.executable, "-c", "import pyoxigraph"], repeat),
            ),
            ("bilat ties Azerbaijan Cuba", seconds([*BILAT, *at, "ties", "Azerbaijan", "Cuba"], repeat)),
            ("bilat --help", seconds([*BILAT, "--help"], repeat)),
            (
                "bilat panel --from 1990 --to 2022",
                seconds(
                    [*BILAT, *at, "panel", "-o", f"{work}/p.csv", "--from", "1990", "--to", "2022"], repeat
                ),
            ),
            ("bilat validate", seconds([*BILAT, *at, "validate"], repeat)),
        ]
        from rdflib import Graph

        from bilat import api
        from bilat.graph.export import all_triples
        from bilat.graph.shape_checks import shape_violations
        from bilat.graph.shapes import validate_graph

        opened = api.open_bilat_store(store)
        graph = Graph()
        for triple in all_triples(opened):
            graph.add(triple)
        rows.append(
            ("shapes checked by the store (in process)", in_process(lambda: shape_violations(opened), repeat))
        )
        rows.append(("the same shapes by pySHACL (in process)", in_process(lambda: validate_graph(graph), 1)))
        opened.close()
    for what, median in rows:
        print(f"{what:<45} {median:8.3f} s")


if __name__ == "__main__":
    main()
