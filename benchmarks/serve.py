"""``bilat serve`` under load, beside ``oxigraph serve-read-only`` on the same store, in one run.

    .venv/bin/python benchmarks/serve.py [--clients 20] [--requests 2000]

Both servers run on 127.0.0.1 over one copy of the bundled data. ``--clients`` threads (each with its
own keep-alive connection) send ``--requests`` requests in all to each server: the same SPARQL
queries (by GET, SPARQL JSON results) to both, then pair pages to ``bilat serve``. Reported: requests
per second and p50/p99 latency, and bilat's throughput as a ratio of Oxigraph's. The load is bounded
in count, sent to 127.0.0.1 only, and both servers are stopped at the end. The machine is shared:
compare the ratio, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "tests"))

from servers import free_port  # noqa: E402
from serving import bilat_serve, wait_for  # noqa: E402

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


def load(host: str, port: int, paths: list[str], clients: int, total: int, accept: str) -> dict[str, float]:
    """``total`` GETs of ``paths`` in turn from ``clients`` threads; throughput and latencies."""
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
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. {failures[0]}")
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[int(0.99 * (len(latencies) - 1))] * 1000,
    }


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
    return f"| {name} | {result['rps']:.0f} | {result['p50']:.1f} | {result['p99']:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    if not (1 <= args.clients <= 100 and 1 <= args.requests <= 100_000):
        raise SystemExit("--clients 1..100, --requests 1..100000")
    from bilat.api import open_bilat_store

    with tempfile.TemporaryDirectory(prefix="bilat-serve-bench-") as folder:
        store = Path(folder) / "store"
        open_bilat_store(store).close()  # the bundled data
        sparql = [f"?{urllib.parse.urlencode({'query': q})}" for q in QUERIES]
        json_results = "application/sparql-results+json"
        measure: Callable[..., dict[str, float]] = load
        process, ox_port = oxigraph(store)
        try:
            with bilat_serve(store) as base:
                port = int(base.rsplit(":", 1)[1])
                for warm in (f"/sparql{s}" for s in sparql):
                    measure("127.0.0.1", port, [warm], 1, 3, json_results)
                measure("127.0.0.1", port, PAIRS, 1, 8, "text/html")
                ours = measure(
                    "127.0.0.1",
                    port,
                    [f"/sparql{s}" for s in sparql],
                    args.clients,
                    args.requests,
                    json_results,
                )
                theirs = measure(
                    "127.0.0.1",
                    ox_port,
                    [f"/query{s}" for s in sparql],
                    args.clients,
                    args.requests,
                    json_results,
                )
                pages = measure("127.0.0.1", port, PAIRS, args.clients, args.requests, "text/html")
                alone = measure("127.0.0.1", port, PAIRS, 1, 200, "text/html")
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"{args.clients} clients, {args.requests} requests each run, 127.0.0.1\n")
    print("| server, requests | requests/s | p50 ms | p99 ms |\n|---|---|---|---|")
    print(row("oxigraph serve-read-only, SPARQL", theirs))
    print(row("bilat serve, SPARQL", ours))
    print(row(f"bilat serve, pair pages ({args.clients} clients)", pages))
    print(row("bilat serve, pair pages (1 client)", alone))
    print(
        f"\nbilat serve's SPARQL throughput: {ours['rps'] / theirs['rps']:.2f} of Oxigraph's "
        f"({theirs['rps'] / ours['rps']:.2f}x slower); p50 {ours['p50'] / theirs['p50']:.2f}x Oxigraph's"
    )


if __name__ == "__main__":
    main()
