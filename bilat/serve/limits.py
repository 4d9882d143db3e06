"""Request bodies read within bounds: at most so many bytes, arriving within so many seconds. A body
too large is refused before it is read whole (413), one too slow is cut off (408)."""

from __future__ import annotations

import anyio
from starlette.requests import Request


class BodyRefusedError(Exception):
    """A request body that may not be read, with the status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def bounded_body(request: Request, limit: int, seconds: float) -> bytes:
    """The request's body, refused when it declares or sends more than ``limit`` bytes, or does not
    arrive whole within ``seconds``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise BodyRefusedError(400, "the Content-Length header is not a number")
        if int(declared) > limit:
            raise BodyRefusedError(413, too_large(limit))
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(seconds):
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise BodyRefusedError(413, too_large(limit))
                chunks.append(chunk)
    except TimeoutError:
        raise BodyRefusedError(408, f"the request body did not arrive within {seconds:g} s") from None
    return b"".join(chunks)


def too_large(limit: int) -> str:
    return f"the request body is larger than this server accepts ({limit:,} bytes)"
