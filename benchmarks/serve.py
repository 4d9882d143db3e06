"""``bilat serve`` under load, beside ``oxigraph serve-read-only`` on the same store, in one run.

    .venv/bin/python benchmarks/serve.py [--clients 20] [--requests 2000] [--rounds 4] [--workers 1]
                                         [--per-query]

Both servers run on 127.0.0.1 over one copy of the bundled data, ``bilat serve`` with ``--workers``.
``--clients`` threads (each with its own keep-alive connection) send ``--requests`` requests in all
to each server: the same SPARQL queries (by GET, SPARQL JSON results) to both, in ``--rounds`` turns,
Oxigraph's then bilat's, so that both meet the same load from the rest of the machine; then pair pages
to ``bilat serve``. Reported: requests per second, p50/p99 latency and the server's CPU time per
request (Linux: all its threads and processes, from ``/proc``), bilat's throughput as a ratio of
Oxigraph's, and the machine's load average; with ``--per-query``, each query alone from one client,
the CPU time per request of both servers. The load is bounded in count, sent to 127.0.0.1 only, and
both servers are stopped at the end. The machine is shared: compare the ratios, not the absolute
numbers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from servers import free_port  # noqa: E402
from serving import BILAT, wait_for  # noqa: E402

PREFIXES = (
    "PREFIX bilat: <https://w3id.org/bilat/ontology#>\nPREFIX schema: <https://schema.org/>\n"
    "PREFIX c: <https://w3id.org/bilat/id/country/>\n"
)
QUERIES = [
    PREFIXES + 'SELECT ?name WHERE { ?c bilat:isoCode "CU" ; schema:name ?name }',
    PREFIXES
    + "SELECT ?host (COUNT(?m) AS ?missions) WHERE { ?m bilat:sendingCountry c:AZ ; bilat:hostCountry ?host }"
    " GROUP BY ?host ORDER BY DESC(?missions) ?host",
    PREFIXES + "SELECT ?other ?city WHERE { ?m bilat:hostCountry c:CU ; bilat:sendingCountry ?s . "
    "?s schema:name ?other OPTIONAL { ?m bilat:city ?city } } ORDER BY ?other",
    PREFIXES + "SELECT ?c ?name WHERE { ?c a bilat:Country ; schema:name ?name } ORDER BY ?name LIMIT 100",
]
PAIRS = ["/pair/Azerbaijan/Cuba", "/pair/France/Germany", "/pair/Japan/Brazil", "/pair/AZ/TR"]


Run = tuple[float, list[float], float | None]
"""One turn of load: seconds taken, each request's latency, the server's CPU seconds (None off Linux)."""


def cpu_seconds(pid: int) -> float | None:
    """The CPU time a process and the processes it started have used, all their threads; None where
    ``/proc`` does not say."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:  # a thread that ended meanwhile
            continue
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) or 0.0 for child in children)


def load(
    host: str, port: int, paths: list[str], clients: int, total: int, accept: str, pid: int | None = None
) -> Run:
    """``total`` GETs of ``paths`` in turn from ``clients`` threads: the time, the latencies and the
    CPU time of the server ``pid``."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(total))
    failures: list[str] = []

    def client() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=120)
        mine = []
        for n in counter:
            start = time.perf_counter()
            connection.request("GET", paths[n % len(paths)], headers={"Accept": accept})
            answer = connection.getresponse()
            answer.read()
            mine.append(time.perf_counter() - start)
            if answer.status != 200:
                failures.append(f"{answer.status} {paths[n % len(paths)][:80]}")
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    cpu_before = cpu_seconds(pid) if pid else None
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu_after = cpu_seconds(pid) if pid else None
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
    return elapsed, latencies, cpu


def summary(runs: list[Run]) -> dict[str, float]:
    """Throughput, latencies and CPU milliseconds per request over several turns."""
    latencies = sorted(latency for _, mine, _ in runs for latency in mine)
    cpus = [cpu for _, _, cpu in runs]
    return {
        "rps": len(latencies) / sum(elapsed for elapsed, _, _ in runs),
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
        "cpu": sum(c for c in cpus if c is not None) * 1000 / len(latencies) if None not in cpus else -1,
    }


@contextmanager
def bilat_serve(store: Path, workers: int) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``bilat --store STORE serve --workers WORKERS`` on a free port: its port and its process."""
    port = free_port()
    process = subprocess.Popen(
        [BILAT, "--store", str(store), "serve", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "BILAT_STORE": ""},
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/static/bilat.css", process)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def oxigraph(store: Path) -> tuple[subprocess.Popen[bytes], int]:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process)
    return process, port


def row(name: str, result: dict[str, float]) -> str:
    cpu = f"{result['cpu']:.2f}" if result["cpu"] >= 0 else "n/a"
    return f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} | {cpu} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="bilat serve --workers")
    parser.add_argument(
        "--per-query", action="store_true", help="also each query alone from one client: CPU per request"
    )
    args = parser.parse_args()
    if not (1 <= args.clients <= 100 and 1 <= args.requests <= 100_000 and 1 <= args.rounds <= 20):
        raise SystemExit("--clients 1..100, --requests 1..100000, --rounds 1..20")
    if not 1 <= args.workers <= 8:
        raise SystemExit("--workers 1..8")
    from bilat.api import open_bilat_store

    each = max(1, args.requests // args.rounds)
    load_before = os.getloadavg()[0]
    json_results = "application/sparql-results+json"
    with tempfile.TemporaryDirectory(prefix="bilat-serve-bench-") as folder:
        store = Path(folder) / "store"
        open_bilat_store(store).close()  # the bundled data
        sparql = [f"?{urllib.parse.urlencode({'query': q})}" for q in QUERIES]
        ox_process, ox_port = oxigraph(store)
        try:
            with bilat_serve(store, args.workers) as (port, process):
                ours_paths = [f"/sparql{s}" for s in sparql]
                theirs_paths = [f"/query{s}" for s in sparql]
                for path in ours_paths:
                    load("127.0.0.1", port, [path], 1, 3, json_results)
                load("127.0.0.1", ox_port, theirs_paths, 1, 8, json_results)
                load("127.0.0.1", port, PAIRS, 1, 8, "text/html")
                theirs_runs, ours_runs = [], []
                for _ in range(args.rounds):
                    for runs, at, paths, pid in (
                        (theirs_runs, ox_port, theirs_paths, ox_process.pid),
                        (ours_runs, port, ours_paths, process.pid),
                    ):
                        runs.append(load("127.0.0.1", at, paths, args.clients, each, json_results, pid))
                theirs, ours = summary(theirs_runs), summary(ours_runs)
                pages = summary(
                    [load("127.0.0.1", port, PAIRS, args.clients, args.requests, "text/html", process.pid)]
                )
                alone = summary([load("127.0.0.1", port, PAIRS, 1, 200, "text/html", process.pid)])
                each_query = []
                pairs = enumerate(zip(theirs_paths, ours_paths, strict=True), start=1)
                for number, (theirs_path, ours_path) in pairs if args.per_query else ():
                    other = load("127.0.0.1", ox_port, [theirs_path], 1, 300, json_results, ox_process.pid)
                    mine = load("127.0.0.1", port, [ours_path], 1, 300, json_results, process.pid)
                    each_query.append((number, summary([other]), summary([mine])))
        finally:
            ox_process.terminate()
            ox_process.wait(timeout=20)
    print(
        f"{args.clients} clients, {args.requests} requests each run "
        f"(SPARQL in {args.rounds} rounds), bilat serve --workers {args.workers}, 127.0.0.1; the machine's "
        f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after\n"
    )
    print(
        "| server, requests | requests/s | p50 ms | p99 ms | server CPU ms per request |\n"
        "|---|---|---|---|---|"
    )
    print(row("oxigraph serve-read-only, SPARQL", theirs))
    print(row("bilat serve, SPARQL", ours))
    print(row(f"bilat serve, pair pages ({args.clients} clients)", pages))
    print(row("bilat serve, pair pages (1 client)", alone))
    print(
        f"\nbilat serve's SPARQL throughput: {ours['rps'] / theirs['rps']:.2f} of Oxigraph's "
        f"({theirs['rps'] / ours['rps']:.2f}x slower); p50 {ours['p50'] / theirs['p50']:.2f}x Oxigraph's"
    )
    if ours["cpu"] >= 0 and theirs["cpu"] >= 0:
        print(f"CPU per request: {ours['cpu'] / theirs['cpu']:.2f}x Oxigraph's")
    if each_query:
        print(
            "\n| query, alone, 1 client | Oxigraph CPU ms | bilat CPU ms | difference ms |\n|---|---|---|---|"
        )
        for number, other, mine in each_query:
            print(f"| {number} | {other['cpu']:.2f} | {mine['cpu']:.2f} | {mine['cpu'] - other['cpu']:.2f} |")


if __name__ == "__main__":
    main()
