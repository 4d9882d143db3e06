"""Running the application under uvicorn, with bounds on what a client may hold: a request's head
must arrive within ``HEAD_SECONDS`` (a client sending a byte at a time is cut off), idle connections
close, and past ``MAX_CONNECTIONS`` new requests get 503."""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 10.0
MAX_CONNECTIONS = 200


class BoundedH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection whose next request's head does not arrive
    whole within ``HEAD_SECONDS`` (uvicorn's own idle timer restarts at every byte)."""

    head_seconds = HEAD_SECONDS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
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


def config(
    app: Any, host: str, port: int, log_level: str = "info", head_seconds: float = HEAD_SECONDS
) -> uvicorn.Config:
    """uvicorn's settings for ``app`` on ``host:port``, a request's head due within ``head_seconds``."""
    protocol = type("BoundedH11", (BoundedH11,), {"head_seconds": head_seconds})
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        log_level=log_level,
        timeout_keep_alive=5,
        limit_concurrency=MAX_CONNECTIONS,
        server_header=False,
        proxy_headers=False,
    )


def run(app: Any, host: str, port: int, log_level: str = "info") -> None:
    """Serve ``app`` on ``host:port`` until interrupted."""
    uvicorn.Server(config(app, host, port, log_level)).run()
