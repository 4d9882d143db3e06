"""The performance goals of bilat, each measured beside its reference, in one run.

    .venv/bin/python benchmarks/goals.py [--events 1000000] [--repeat 3] [--skip world] [--skip cow]

Every figure is a whole process (wall seconds, peak resident memory by GNU time), so that start-up,
imports and the engine all count:

- ``bilat load`` of the synthetic world (``world.py``, split in files of at most 100 MB) into a store
  holding the bundled data, beside Oxigraph's own ``bulk_load`` and ``optimize`` of the same triples
  (a dump of that store) into a new store; then the same files loaded again, which must change nothing;
- ``bilat export`` of that store as Turtle and N-Triples (twice each: the bytes must not change),
  beside Oxigraph's ``Store.dump`` of the same store;
- ``bilat panel`` (1990-2022), ``bilat validate``, ``bilat ties Azerbaijan Cuba`` and ``bilat --help``
  on the bundled data, beside ``python -c "import pyoxigraph"``;
- ``bilat import cow-diplomatic`` of a full-size synthetic COW Diplomatic Exchange file (312,582 rows),
  then the same file again.

Prints a Markdown table; docs/benchmarks.md records the results. The machine is shared: compare the
ratios, which come from one run.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from synthetic_cow import write as write_cow  # noqa: E402
from world import generate  # noqa: E402

BILAT = [sys.executable, "-m", "bilat"]
PART_BYTES = 100_000_000


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: int
    output: str


def child(command: list[str]) -> Run:
    """One whole process: wall seconds, peak resident memory (MB) and standard output."""
    with tempfile.NamedTemporaryFile(mode="r") as memory:
        start = time.perf_counter()
        done = subprocess.run(
            ["/usr/bin/time", "-o", memory.name, "-f", "%M", *command],
            check=True,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - start
        return Run(seconds, int(memory.read().split()[-1]) // 1024, done.stdout)


def median(command: list[str], repeat: int) -> Run:
    runs = [child(command) for _ in range(repeat)]
    middle = sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
    return Run(middle.seconds, max(run.peak_mb for run in runs), middle.output)


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


RAW_LOAD = """
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
store.bulk_load(path=sys.argv[2], format=pyoxigraph.RdfFormat.N_TRIPLES)
store.optimize()
"""
DUMP = """
import sys, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
store.dump(sys.argv[2], pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
"""
TRIPLES = """
import sys, pyoxigraph
print(len(pyoxigraph.Store.read_only(sys.argv[1])))
"""

ROWS: list[tuple[str, str, str, str]] = []


def row(measure: str, result: str, reference: str, goal: str) -> None:
    ROWS.append((measure, result, reference, goal))
    print(" | ".join(ROWS[-1]), flush=True)


def shown(run: Run) -> str:
    return f"{run.seconds:.2f} s, peak {run.peak_mb:,} MB"


def digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def world(work: Path, events: int) -> None:
    """Load, reload, export: the million-event goals."""
    parts = work / "world"
    parts.mkdir()
    whole = work / "world.jsonl"
    records = generate(events, whole)
    _split(whole, parts)
    store = work / "store"
    at = ["--store", str(store)]
    child([*BILAT, *at, "stats"])  # the bundled data first, as a user's store holds it
    before = int(child(python(TRIPLES, str(store))).output)
    load = child([*BILAT, *at, "load", str(parts)])
    after = int(child(python(TRIPLES, str(store))).output)
    dump_file = work / "dump.nt"
    dump = median(python(DUMP, str(store), str(dump_file)), 1)
    raw = child(python(RAW_LOAD, str(work / "raw"), str(dump_file)))
    row(
        f"`bilat load`, {events:,} events ({records:,} records, {after - before:,} triples)",
        shown(load),
        f"`bulk_load` + `optimize` of the same triples: {shown(raw)}; {load.seconds / raw.seconds:.2f}x",
        "peak < 1.5 GB; at most 1.5x",
    )
    again = child([*BILAT, *at, "load", str(parts)])
    unchanged = int(child(python(TRIPLES, str(store))).output) == after
    row(
        "the same files loaded again",
        shown(again) + ("; triples unchanged" if unchanged else "; TRIPLES CHANGED"),
        f"the first load: {load.seconds / again.seconds:.2f}x as long; again/first "
        f"{again.seconds / load.seconds:.2f}x",
        "changes nothing; at most 1.2x",
    )
    for suffix, name in ((".nt", "N-Triples"), (".ttl", "Turtle")):
        outputs = [work / f"export-{n}{suffix}" for n in range(2)]
        runs = [child([*BILAT, *at, "export", "-o", str(output)]) for output in outputs]
        same = digest(outputs[0]) == digest(outputs[1])
        best = min(runs, key=lambda run: run.seconds)
        row(
            f"`bilat export -o store{suffix}` ({name}, {after:,} triples)",
            shown(best) + ("; same bytes twice" if same else "; BYTES DIFFER"),
            f"`Store.dump` (N-Triples): {shown(dump)}; {best.seconds / dump.seconds:.2f}x",
            "at most 2x; same bytes every run",
        )
        for output in outputs:
            output.unlink()


def commands(work: Path, repeat: int) -> None:
    """The commands on the bundled data, and start-up."""
    store = work / "bundled"
    at = ["--store", str(store)]
    seeding = child([*BILAT, *at, "stats"])
    floor = median(python("import pyoxigraph"), repeat)
    row("first run, seeding the bundled data", shown(seeding), "", "seconds")
    panel = median(
        [*BILAT, *at, "panel", "-o", str(work / "p.csv"), "--from", "1990", "--to", "2022"], repeat
    )
    row("`bilat panel --from 1990 --to 2022`, bundled data", shown(panel), "", "at most 3 s")
    validate = median([*BILAT, *at, "validate"], repeat)
    row("`bilat validate`, bundled data", shown(validate), "", "at most 5 s")
    ties = median([*BILAT, *at, "ties", "Azerbaijan", "Cuba"], repeat)
    row(
        "`bilat ties Azerbaijan Cuba`, bundled store",
        shown(ties),
        f'`python -c "import pyoxigraph"`: {shown(floor)}',
        "at most 0.35 s",
    )
    help = median([*BILAT, "--help"], repeat)
    row("`bilat --help`", shown(help), "", "at most 0.2 s")


def cow(work: Path) -> None:
    path = work / "cow.csv"
    rows = write_cow(path)
    store = work / "cow-store"
    at = ["--store", str(store)]
    child([*BILAT, *at, "stats"])
    first = child([*BILAT, *at, "import", "cow-diplomatic", str(path)])
    again = child([*BILAT, *at, "import", "cow-diplomatic", str(path)])
    row(f"`bilat import cow-diplomatic`, {rows:,} synthetic rows", shown(first), "", "at most 15 s")
    row(
        "the same file imported again",
        shown(again),
        f"again/first {again.seconds / first.seconds:.2f}x",
        "at most 1.2x the first",
    )


def _split(whole: Path, parts: Path) -> None:
    """The world in files under the JSON Lines limit, cut at line ends."""
    number, size = 0, 0
    target = (parts / f"part-{number:02d}.jsonl").open("w", encoding="utf-8")
    with whole.open(encoding="utf-8") as lines:
        for line in lines:
            if size + len(line) > PART_BYTES:
                target.close()
                number, size = number + 1, 0
                target = (parts / f"part-{number:02d}.jsonl").open("w", encoding="utf-8")
            target.write(line)
            size += len(line)
    target.close()
    whole.unlink()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], choices=["world", "commands", "cow"])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bilat-goals-") as folder:
        work = Path(folder)
        if "commands" not in options.skip:
            commands(work, options.repeat)
        if "cow" not in options.skip:
            cow(work)
        if "world" not in options.skip:
            world(work, options.events)
    print("\n| measure | result | reference, same run | goal |\n|---|---|---|---|")
    for measured in ROWS:
        print(f"| {' | '.join(measured)} |")
    print(f"\nmedians of {options.repeat} runs for the commands on the bundled data")


if __name__ == "__main__":
    main()
