"""One HTTP exchange with a SPARQL server: a POST, its answer read within a deadline, redirects
followed only to the same scheme, host and port.

The deadline is for the whole of a request (connecting, sending, the answer's last byte), not for each
read: a server sending a byte a second would otherwise hold bilat for ever. A server that cannot be
reached, is too slow or does not speak HTTP is a StoreError; an answer that is not a success is a
``StatusError``, which the caller words (it knows what it asked, and of which engine).
"""

from __future__ import annotations

import functools
import http.client
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from typing import IO, Any, TypeVar

from bilat.errors import InputError, StoreError

MAX_REDIRECTS = 3
"""Redirects followed for one request, each to the same scheme, host and port."""
ERROR_BODY_BYTES = 64 * 1024
"""The most read of a server's error page, of which the start is shown."""

T = TypeVar("T")
Reader = Callable[[http.client.HTTPResponse], T]


class StatusError(Exception):
    """The server answered, but not with a success: its status, reason and the start of its text."""

    def __init__(self, url: str, code: int, reason: str, detail: str) -> None:
        super().__init__(f"{code} {reason}: {detail}")
        self.url, self.code, self.reason, self.detail = url, code, reason, detail


def post(url: str, data: bytes, content_type: str, accept: str, timeout: float, read: Reader[T]) -> T:
    """POST ``data`` to ``url`` and ``read`` the answer, all within ``timeout`` seconds."""
    deadline = _Deadline(timeout)
    try:
        result = _exchange(url, data, content_type, accept, read, deadline, timeout)
    except Exception:
        if deadline.expired:  # whatever the shut-down sockets made the reading raise
            raise too_slow(url, timeout) from None
        raise
    finally:
        deadline.stop()
    if deadline.expired:  # the answer may have been cut short
        raise too_slow(url, timeout)
    return result


def too_slow(url: str, timeout: float) -> StoreError:
    return StoreError(
        f"the SPARQL server at {url} gave no complete answer within {timeout:g} s (the time "
        "allowed for a request, its answer included); the query may be too broad, or the server "
        "overloaded or slow"
    )


def _exchange(
    url: str,
    data: bytes,
    content_type: str,
    accept: str,
    read: Reader[T],
    deadline: _Deadline,
    timeout: float,
) -> T:
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Accept": accept, "Content-Type": content_type}
    )
    opener = urllib.request.build_opener(
        _HTTPHandler(deadline), _HTTPSHandler(deadline), _SameOriginRedirects()
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return read(response)
    except urllib.error.HTTPError as error:
        raise _status_error(url, error) from None
    except http.client.RemoteDisconnected:  # before HTTPException: it is one, and a reset too
        raise StoreError(
            f"cannot reach the SPARQL server at {url}: it closed the connection without answering "
            "(stopped, restarted or cut off on the way)"
        ) from None
    except http.client.HTTPException as error:
        raise StoreError(
            f"the server at {url} did not answer in HTTP ({type(error).__name__}: {start(str(error))}); "
            "is it a SPARQL endpoint?"
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise too_slow(url, timeout) from None
        raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None


def _status_error(url: str, error: urllib.error.HTTPError) -> Exception:
    if 300 <= error.code < 400:
        if error.msg.startswith(urllib.request.HTTPRedirectHandler.inf_msg):
            return StoreError(
                f"the SPARQL server at {url} redirected the request more than {MAX_REDIRECTS} times; "
                "give the endpoint's own URL with --endpoint"
            )
        return StoreError(
            f"the SPARQL server at {url} answered {error.code} {error.reason} without saying where to; "
            "check the endpoint URL"
        )
    try:
        detail = start(error.read(ERROR_BODY_BYTES).decode("utf-8", "replace").strip())
    except (OSError, http.client.HTTPException):
        detail = ""
    return StatusError(url, error.code, str(error.reason), detail)


def start(text: str, length: int = 300) -> str:
    """The start of a message from elsewhere, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def form(fields: dict[str, str]) -> bytes:
    return urllib.parse.urlencode(fields).encode("utf-8")


FORM = "application/x-www-form-urlencoded"


def check_url(url: str, option: str) -> None:
    """InputError unless ``url`` is an http(s) URL with a host (and a port, if any, that can be one)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - reading it checks it
    except ValueError as error:
        raise InputError(f"{option} {url!r} is not a valid URL: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"{option} {url!r} is not the URL of a SPARQL endpoint: give http(s)://HOST[:PORT]/PATH, "
            "such as http://localhost:7878/query"
        )


class _Deadline:
    """The end of a request's time. When it comes, the request's sockets are shut down, which ends a
    read or a write blocked on them however slowly the server sends; the caller then reports the
    time-out. (Looking up the server's name cannot be cut short this way.)"""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, connection: socket.socket) -> None:
        with self._lock:
            self._sockets.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)

    def stop(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for connection in sockets:
            _shut(connection)


def _shut(connection: socket.socket) -> None:
    with suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)


class _Watched:
    """A connection whose socket its request's deadline may shut (mixed into HTTP and HTTPS)."""

    sock: socket.socket

    def __init__(self, *args: Any, deadline: _Deadline, **options: Any) -> None:
        super().__init__(*args, **options)
        self.deadline = deadline

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.deadline.watch(self.sock)


class _WatchedHTTPConnection(_Watched, http.client.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_WatchedHTTPConnection, deadline=self.deadline)
        return self.do_open(connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_WatchedHTTPSConnection, deadline=self.deadline)
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to the same scheme, host and port, sending the same request again
    (a SPARQL query is a POST: a GET without its body would lose the query), at most
    ``MAX_REDIRECTS`` times; anywhere else is refused, with where the server sent it."""

    max_redirections = MAX_REDIRECTS
    max_repeats = MAX_REDIRECTS

    def http_error_302(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
    ) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            origin = _origin(target)
            if origin is None or origin != _origin(req.full_url):
                fp.close()
                raise StoreError(
                    f"the SPARQL server at {req.full_url} redirected the request to {start(target, 200)}, "
                    "another scheme, host or port, which bilat does not follow; if you trust it, give "
                    "that address with --endpoint"
                )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request:
        return urllib.request.Request(
            newurl,
            data=req.data,
            headers=dict(req.header_items()),
            origin_req_host=req.origin_req_host,
            unverifiable=True,
            method=req.get_method(),
        )


def _origin(url: str) -> tuple[str, str, int] | None:
    """Scheme, host and port of ``url``; None when it has none that can be compared."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower(), 0)
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.scheme.lower(), parts.hostname.lower(), port
