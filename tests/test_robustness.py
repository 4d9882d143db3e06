"""All-or-nothing loads under SIGKILL, one writer at a time, and no network unless asked for."""

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bilat.api import open_bilat_store
from bilat.cli import app
from bilat.files.datafile import read_file
from bilat.graph.write import count_triples
from bilat.rdf.triples import dataset_triples
from bilat.store import EmbeddedStore
from bilat.store.embedded import BULK_TRIPLES

BILAT = [sys.executable, "-m", "bilat"]


def people(path: Path, count: int, prefix: str) -> Path:
    lines = [f'{{"type": "person", "id": "{prefix}{i}", "name": "Person {i}"}}' for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_load_killed_at_any_moment_leaves_the_old_or_the_new_store(tmp_path):
    store_dir = tmp_path / "store"
    open_bilat_store(store_dir).close()  # seeded now, so each killed load is one transaction
    rng = random.Random(11)
    # The first kill lands before anything can be written, the last load runs to its end; the
    # others are killed at random moments of the load.
    delays = [0.05, *(rng.uniform(0.3, 2.5) for _ in range(10)), None]
    outcomes: list[bool] = []
    for attempt, delay in enumerate(delays):
        # Odd attempts are large enough for the bulk loader and its checkpoint, even ones are one
        # transaction.
        size = BULK_TRIPLES // 2 + 5000 if attempt % 2 else 20000
        batch = people(tmp_path / f"batch{attempt}.jsonl", size, f"a{attempt}-")
        added = len(list(dataset_triples(read_file(batch).dataset.records())))
        before = _triples(store_dir)
        process = subprocess.Popen(
            [*BILAT, "--store", str(store_dir), "load", str(batch)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if delay is not None:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
        process.wait()
        after = _triples(store_dir)
        assert after in (before, before + added), (attempt, before, after)
        assert sorted(p.name for p in store_dir.parent.iterdir() if p.name.startswith("store")) == ["store"]
        outcomes.append(after == before)
    assert outcomes[0] is True and outcomes[-1] is False


def _triples(store_dir: Path) -> int:
    store = EmbeddedStore(store_dir)
    try:
        return count_triples(store)
    finally:
        store.close()


def test_a_second_writer_is_told_the_store_is_busy_and_the_first_goes_on(tmp_path):
    store_dir = tmp_path / "store"
    first = open_bilat_store(store_dir, seed=False)
    data = people(tmp_path / "more.jsonl", 10, "b")
    result = subprocess.run(
        [*BILAT, "--store", str(store_dir), "load", str(data)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 4
    assert "is busy: another bilat process is using it" in result.stderr
    from bilat.graph.write import load_files

    assert load_files(first, [data]).new_records == 10
    first.close()


def test_nothing_reaches_the_network_unless_a_server_is_configured(runner, small_store_dir):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        attempts = [
            ["query", f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"],
            ["query", f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"],
            ["query", "--write", f"LOAD <{url}>"],
            ["query", f"SELECT * WHERE {{ ?s <{url}> ?o }}"],
            ["ties", "Azerbaijan", "Cuba"],
            ["export", "-f", "json-ld", "-c", "AZ"],
        ]
        for args in attempts:
            runner.invoke(app, ["--store", str(small_store_dir), *args])
        try:
            connection, _ = listener.accept()
            connection.close()
            raise AssertionError("something connected to the listening socket")
        except TimeoutError:
            pass
    assert os.path.exists(small_store_dir)


def test_readers_during_a_write_see_the_old_or_the_new_state(tmp_path):
    from threading import Event, Thread

    from bilat.graph.write import load_files

    store = open_bilat_store(tmp_path / "store", seed=False)
    batch = people(tmp_path / "batch.jsonl", BULK_TRIPLES // 2 + 5000, "r")  # through the bulk loader
    before = count_triples(store)
    seen: set[int] = set()
    done = Event()

    def read() -> None:
        while not done.is_set():
            seen.add(count_triples(store))

    reader = Thread(target=read)
    reader.start()
    try:
        load_files(store, [batch])
    finally:
        done.set()
        reader.join()
    after = count_triples(store)
    store.close()
    assert after > before
    assert seen <= {before, after} and before in seen
