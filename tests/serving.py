"""``bilat serve`` started for the tests and benchmarks on a free 127.0.0.1 port: as the ``bilat serve``
command in its own process, or as the same application under uvicorn in a thread of the test."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from servers import free_port

from bilat.serve.server import config

BILAT = str(Path(sys.executable).parent / "bilat")
TOKEN = "a-test-token-of-some-length-0123456789"


def wait_for(url: str, process: subprocess.Popen[bytes] | None = None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process is not None and process.poll() is not None:
                error = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"bilat serve died: {error}") from None
            time.sleep(0.1)
    raise RuntimeError(f"bilat serve did not answer at {url} within {seconds} s")


@contextmanager
def bilat_serve(store: Path, *options: str) -> Iterator[str]:
    """``bilat --store STORE serve --port PORT OPTIONS`` in its own process; yields its base URL."""
    port = free_port()
    env = {**os.environ, "BILAT_STORE": ""}
    process = subprocess.Popen(
        [BILAT, "--store", str(store), "serve", "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/static/bilat.css", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextmanager
def threaded_server(app: Any, head_seconds: float = 10.0) -> Iterator[str]:
    """The application under uvicorn in a thread of this process; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(config(app, "127.0.0.1", port, log_level="warning", head_seconds=head_seconds))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/static/bilat.css")
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def write_token(folder: Path) -> Path:
    path = folder / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
