"""Running the application under uvicorn, with bounds on what a client may hold: a request's head
must arrive within ``HEAD_SECONDS`` (a client sending a byte at a time is cut off), idle connections
close, and past ``MAX_CONNECTIONS`` new requests get 503. A read-only server of a store on disk may
answer from several processes (``run_workers``)."""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path
from typing import Any, cast

import uvicorn
from starlette.applications import Starlette
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 10.0
MAX_CONNECTIONS = 200
"""Connections at once, per process."""
WORKER_STORE = "BILAT_SERVE_WORKER_STORE"
"""The environment variable naming the store folder to the worker processes."""


class BoundedH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose next request's head does not arrive
    whole within ``HEAD_SECONDS`` (uvicorn's own idle timer restarts at every byte)."""

    head_seconds = HEAD_SECONDS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        _no_delay(transport)
        self._await_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._await_head()

    def _await_head(self) -> None:
        waiting_after = self.cycle

        def check() -> None:
            if self.cycle is waiting_after and not self.transport.is_closing():
                self.transport.close()

        self.loop.call_later(self.head_seconds, check)


def _no_delay(transport: asyncio.Transport) -> None:
    """Send each write at once. asyncio does so only for sockets that say they are TCP, and the one
    ``run_workers`` shares says protocol 0: an answer's head and body, written apart, then waited for
    the client's delayed acknowledgement, 40 ms a request."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def config(
    app: Any,
    host: str,
    port: int,
    log_level: str = "info",
    head_seconds: float = HEAD_SECONDS,
    workers: int = 1,
) -> uvicorn.Config:
    """uvicorn's settings for ``app`` on ``host:port``, a request's head due within ``head_seconds``;
    ``app`` may be the import path of a function making it, as several ``workers`` need."""
    protocol: type[BoundedH11] = BoundedH11  # a class a worker process can import
    if head_seconds != HEAD_SECONDS:
        protocol = cast(type[BoundedH11], type("BoundedH11", (BoundedH11,), {"head_seconds": head_seconds}))
    return uvicorn.Config(
        app,
        factory=isinstance(app, str),
        workers=workers,
        host=host,
        port=port,
        http=protocol,
        log_level=log_level,
        timeout_keep_alive=5,
        limit_concurrency=MAX_CONNECTIONS,
        server_header=False,
        proxy_headers=False,
        # below "info" no access line is written: none is made either (it costs every request)
        access_log=log_level in ("trace", "debug", "info"),
    )


def run(app: Any, host: str, port: int, log_level: str = "info") -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    uvicorn.Server(config(app, host, port, log_level)).run()


def run_workers(store: Path, host: str, port: int, workers: int, log_level: str = "info") -> None:
    """Serve the store on disk at ``store``, read-only, from ``workers`` processes sharing one listening
    socket until interrupted: each opens the store for reading and has its own threads, caches and
    interpreter lock. uvicorn's supervisor starts them, and starts a new one when one dies."""
    from uvicorn.supervisors import Multiprocess

    os.environ[WORKER_STORE] = str(store)
    settings = config(f"{__name__}:worker_app", host, port, log_level, workers=workers)
    Multiprocess(settings, sockets=[settings.bind_socket()]).run()


def worker_app() -> Starlette:
    """The application of one worker process (``run_workers``): the store it names, read-only."""
    from bilat import api
    from bilat.serve.app import create_app

    return create_app(api.open_bilat_store(Path(os.environ[WORKER_STORE]), seed=False))
