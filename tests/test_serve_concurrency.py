"""Many readers at once while one writer writes: every answer shows the store before or after a
write, never part of one; a slow query does not hold up the others."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from serving import TOKEN, threaded_server

from bilat.serve.app import create_app
from bilat.serve.state import Settings
from bilat.store import EmbeddedStore

BATCH = 600  # an update of about 60,000 characters: the guard takes at most 100,000
WRITES = 4
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/bilat/ontology#testMark> ?o }"


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return bytes(answer.read())


def _count(base: str) -> int:
    data = _get(f"{base}/sparql?" + urllib.parse.urlencode({"query": COUNT}))
    return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])


def _insert(base: str, batch: int) -> None:
    triples = " ".join(
        f"<https://w3id.org/bilat/id/test/{batch}-{i}> <https://w3id.org/bilat/ontology#testMark> {i} ."
        for i in range(BATCH)
    )
    request = urllib.request.Request(
        f"{base}/sparql",
        data=f"INSERT DATA {{ {triples} }}".encode(),
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        assert answer.status == 204


def test_readers_see_the_old_or_the_new_state_never_a_mix(store_dir: Path):
    with EmbeddedStore(store_dir) as store:
        app = create_app(store, Settings(allow_updates=True, token=TOKEN))
        with threaded_server(app) as base:
            seen: list[list[int]] = [[] for _ in range(6)]
            pages: list[int] = []
            failures: list[BaseException] = []
            done = threading.Event()

            def read(mine: list[int]) -> None:
                try:
                    while not done.is_set():
                        mine.append(_count(base))
                        with urllib.request.urlopen(f"{base}/pair/AZ/CU", timeout=60) as page:
                            pages.append(page.status)
                except BaseException as error:
                    failures.append(error)

            readers = [threading.Thread(target=read, args=(mine,)) for mine in seen]
            for reader in readers:
                reader.start()
            for batch in range(WRITES):
                _insert(base, batch)
                time.sleep(0.05)
            done.set()
            for reader in readers:
                reader.join(timeout=60)
            final = _count(base)
    assert failures == []
    assert final == WRITES * BATCH
    answers = [n for mine in seen for n in mine]
    assert len(answers) > 2 * len(seen)
    assert {n % BATCH for n in answers} == {0}, sorted(set(answers))
    assert all(mine == sorted(mine) for mine in seen)  # no reader goes back in time
    assert set(pages) == {200}


def test_a_slow_query_does_not_hold_up_the_others(store_dir: Path):
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 5000 } "
        "{ SELECT ?d WHERE { ?d ?e ?f } LIMIT 5000 } }"
    )
    with EmbeddedStore(store_dir) as store, threaded_server(create_app(store)) as base:
        _get(f"{base}/pair/AZ/CU")  # warm
        took: dict[str, float] = {}

        def run_slow() -> None:
            started = time.monotonic()
            _get(f"{base}/sparql?" + urllib.parse.urlencode({"query": slow}))
            took["slow"] = time.monotonic() - started

        worker = threading.Thread(target=run_slow)
        worker.start()
        time.sleep(0.2)
        started = time.monotonic()
        assert _count(base) == 0
        took["quick"] = time.monotonic() - started
        worker.join(timeout=60)
    assert took["quick"] < took["slow"] / 2, took
