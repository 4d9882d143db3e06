"""SPARQL servers started on 127.0.0.1 for the tests and benchmarks: Oxigraph's and Virtuoso 7, each
over a throwaway directory, stopped when their fixture ends.

``start_virtuoso`` writes a minimal ``virtuoso.ini`` beside a new database, starts
``virtuoso-t +foreground``, waits for its HTTP port and lets the SPARQL user update (``isql-vt``).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """A running server: its SPARQL query URL and its process."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    folder: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def kill(self) -> None:
        """Kill the process at once, as a crash would."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


def _wait_for(url: str, process: subprocess.Popen[bytes], name: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).close()
            return
        except OSError as error:
            if process.poll() is not None:
                detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
                raise RuntimeError(f"{name} died while starting: {detail}") from error
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{name} did not answer within {STARTUP_SECONDS} s")


def start_oxigraph(folder: Path) -> Server:
    """``oxigraph serve`` over ``folder``/oxigraph on a free port of 127.0.0.1."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [binary, "serve", "--location", str(folder / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    _wait_for(url, process, "oxigraph serve")
    return Server("oxigraph", url, process, folder)


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
Striping           = 0

[Parameters]
ServerPort               = 127.0.0.1:{sql_port}
DisableUnixSocket        = 1
CheckpointInterval       = 60
DirsAllowed              = {db}
NumberOfBuffers          = 170000
MaxDirtyBuffers          = 130000
ThreadsPerQuery          = 2
MaxQueryMem              = 1G
VADInstallDir            = {db}/vad

[HTTPServer]
ServerPort                  = 127.0.0.1:{http_port}
ServerRoot                  = {db}
ServerThreads               = 10
MaxClientConnections        = 10
MaxKeepAlives               = 10
KeepAliveTimeout            = 10
Charset                     = UTF-8
EnabledGzipContent          = 0

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime      = 300
MaxSortedTopRows           = 1000000
"""


def start_virtuoso(folder: Path, fresh: bool = True, allow_updates: bool = True) -> Server:
    """Virtuoso 7 over a new database in ``folder`` (or, not ``fresh``, the one there, on its ports),
    its SPARQL endpoint allowed to update unless told otherwise."""
    if VIRTUOSO is None or ISQL is None:
        raise RuntimeError("virtuoso-t and isql-vt are not installed: apt-get install virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    ini = folder / "virtuoso.ini"
    if fresh:
        http_port, sql_port = free_port(), free_port()
        text = VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port)
        ini.write_text(text, encoding="utf-8")
    else:
        ports = re.findall(r"ServerPort\s*=\s*127\.0\.0\.1:(\d+)", ini.read_text(encoding="utf-8"))
        sql_port, http_port = int(ports[0]), int(ports[1])
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    _wait_for(url, process, "virtuoso-t", folder / "virtuoso.log")
    if fresh and allow_updates:
        grant = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
        done = subprocess.run(
            [ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0 or b"Error" in done.stdout + done.stderr:
            process.kill()
            raise RuntimeError(f"isql-vt could not grant updates: {(done.stdout + done.stderr).decode()}")
    return Server("virtuoso", url, process, folder)


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Virtuoso for the session over a throwaway database; tests use their own graphs."""
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph_session_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One Oxigraph server for the session over a throwaway directory."""
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph-session"))
    yield server
    server.stop()
