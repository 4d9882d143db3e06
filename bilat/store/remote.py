"""A SPARQL 1.1 server, spoken to with the SPARQL protocol over HTTP (urllib).

A URL that cannot be one of a server is bad input; a server that cannot be reached, fails, or answers
with something that is not HTTP or not SPARQL results is a StoreError: it is out of reach for bilat.

Every request has a deadline for the whole of it (connecting, sending, the answer's last byte), not
only for each read: a server sending a byte a second would otherwise hold bilat for ever. A redirect
is followed only to the same scheme, host and port, at most ``MAX_REDIRECTS`` times. A SELECT with a
row limit reads the answer only as far as the limit (``files.jsonstream``). Large updates go as one
request; sending them in batches is left for later.
"""

from __future__ import annotations

import functools
import http.client
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from typing import IO, Any, TypeVar

from rdflib import RDF, XSD, BNode, Graph, Literal, Node, URIRef

from bilat.errors import BilatError, InputError, QueryRejectedError, StoreError
from bilat.files.jsonstream import sparql_rows
from bilat.rdf.term import Term
from bilat.store.protocol import Bindings, Rows, Terms, Triple, Values, plain
from bilat.store.sparql import bind, replace_update

MAX_REDIRECTS = 3
"""Redirects followed for one request, each to the same scheme, host and port."""
ERROR_BODY_BYTES = 64 * 1024
"""The most read of a server's error page, of which the start is shown."""

T = TypeVar("T")
Solutions = tuple[tuple[str, ...], list[dict[str, dict[str, str]]]]


class RemoteStore:
    """A SPARQL 1.1 server spoken to with the SPARQL protocol over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        _check_url(query_url, "--endpoint")
        if update_url:
            _check_url(update_url, "--update-endpoint")
        self.location = query_url
        self.update_url = update_url or _update_url_for(query_url)
        self.timeout = timeout
        """Seconds a whole request may take, its answer read to the end."""

    def select(self, query: str, bindings: Bindings | None = None, limit: int | None = None) -> Rows:
        variables, solutions = self._solutions(query, bindings, limit)
        with self._reading_answer():
            rows = [{name: _term(value) for name, value in row.items()} for row in solutions]
        return Rows(variables, rows)

    def values(self, query: str, bindings: Bindings | None = None) -> Values:
        variables, solutions = self._solutions(query, bindings)
        with self._reading_answer():
            rows = [tuple(_value(row[v]) if v in row else None for v in variables) for row in solutions]
        return Values(variables, rows)

    def terms(self, query: str, bindings: Bindings | None = None) -> Terms:
        variables, solutions = self._solutions(query, bindings)
        with self._reading_answer():
            rows = [tuple(_json_term(row[v]) if v in row else None for v in variables) for row in solutions]
        return Terms(variables, rows)

    def _solutions(self, query: str, bindings: Bindings | None, limit: int | None = None) -> Solutions:
        """The variables and the bindings of a SELECT, as SPARQL JSON results give them; with a
        ``limit``, the answer is read no further than that many rows."""
        data = _form("query", bind(query, bindings or {}))
        accept = "application/sparql-results+json"
        with self._reading_answer():
            if limit is None:
                document = json.loads(self._send(self.location, data, _FORM, accept))
                variables, solutions = document["head"]["vars"], document["results"]["bindings"]
            else:
                variables, solutions = self._request(
                    self.location, data, _FORM, accept, lambda answer: sparql_rows(answer.read, limit)
                )
            if not all(isinstance(v, str) for v in variables) or not isinstance(solutions, list):
                raise TypeError("unexpected head or results")
            return tuple(variables), solutions

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        data = _form("query", bind(query, bindings or {}))
        body = self._send(self.location, data, _FORM, "application/n-triples")
        graph = Graph()
        try:
            graph.parse(data=body.decode("utf-8"), format="nt")
        except Exception as error:  # whatever rdflib's parser raises on what a server sent
            raise StoreError(
                f"the server at {self.location} did not answer with N-Triples "
                f"({type(error).__name__}: {_start(str(error))}); is it a SPARQL endpoint?"
            ) from None
        return [(s, p, plain(o)) for s, p, o in graph]

    @contextmanager
    def _reading_answer(self) -> Iterator[None]:
        """SPARQL JSON results that are not: the server's fault, a StoreError."""
        try:
            yield
        except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise StoreError(
                f"the server at {self.location} did not answer with SPARQL JSON results "
                f"({type(error).__name__}: {_start(str(error))}); is it a SPARQL endpoint?"
            ) from None

    def update(self, update: str) -> None:
        self._send(self.update_url, update.encode("utf-8"), "application/sparql-update", "*/*")

    def replace(self, subjects: Sequence[URIRef], text: str) -> None:
        self.update(replace_update(subjects, text))

    def close(self) -> None:
        """Nothing to release: every call is one HTTP request."""

    def _send(self, url: str, data: bytes, content_type: str, accept: str) -> bytes:
        """POST ``data`` to ``url``; the whole answer, read within ``timeout`` seconds."""
        return self._request(url, data, content_type, accept, _whole)

    def _request(
        self, url: str, data: bytes, content_type: str, accept: str, read: Callable[[IO[bytes]], T]
    ) -> T:
        """POST ``data`` to ``url`` and ``read`` the answer, all within ``timeout`` seconds."""
        deadline = _Deadline(self.timeout)
        try:
            result = self._exchange(url, data, content_type, accept, read, deadline)
        except Exception:
            if deadline.expired:  # whatever the shut-down sockets made the reading raise
                raise self._too_slow(url) from None
            raise
        finally:
            deadline.stop()
        if deadline.expired:  # the answer may have been cut short
            raise self._too_slow(url)
        return result

    def _too_slow(self, url: str) -> StoreError:
        return StoreError(
            f"the SPARQL server at {url} gave no complete answer within {self.timeout:g} s (the time "
            "allowed for a request, its answer included); the query may be too broad, or the server "
            "overloaded or slow"
        )

    def _exchange(
        self,
        url: str,
        data: bytes,
        content_type: str,
        accept: str,
        read: Callable[[IO[bytes]], T],
        deadline: _Deadline,
    ) -> T:
        request = urllib.request.Request(
            url, data=data, method="POST", headers={"Accept": accept, "Content-Type": content_type}
        )
        opener = urllib.request.build_opener(
            _HTTPHandler(deadline), _HTTPSHandler(deadline), _SameOriginRedirects()
        )
        try:
            with opener.open(request, timeout=self.timeout) as response:
                return read(response)
        except urllib.error.HTTPError as error:
            raise _refused(url, error) from None
        except http.client.HTTPException as error:
            raise StoreError(
                f"the server at {url} did not answer in HTTP ({type(error).__name__}: {_start(str(error))}); "
                "is it a SPARQL endpoint?"
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError):
                raise self._too_slow(url) from None
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from None


_FORM = "application/x-www-form-urlencoded"


def _whole(answer: IO[bytes]) -> bytes:
    return answer.read()


def _form(field: str, text: str) -> bytes:
    return urllib.parse.urlencode({field: text}).encode("utf-8")


def _refused(url: str, error: urllib.error.HTTPError) -> BilatError:
    """The error for a server's answer that is not a success."""
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
        detail = _start(error.read(ERROR_BODY_BYTES).decode("utf-8", "replace").strip())
    except (OSError, http.client.HTTPException):
        detail = ""
    if error.code == 400:  # the query or update itself: the caller knows whose it is
        return QueryRejectedError(f"the SPARQL server at {url} refused the request: {detail}")
    if 400 < error.code < 500:
        return StoreError(
            f"the SPARQL server at {url} refused the request ({error.code} {error.reason}): "
            f"{detail}; check the endpoint URL and your access to it"
        )
    return StoreError(f"the SPARQL server at {url} failed ({error.code}): {detail}")


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
                    f"the SPARQL server at {req.full_url} redirected the request to {_start(target, 200)}, "
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


def _check_url(url: str, option: str) -> None:
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


def _start(text: str, length: int = 300) -> str:
    """The start of a message from elsewhere, on one line."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length] + "…"


def _value(value: Any) -> str:
    if not isinstance(value["value"], str):
        raise TypeError("a value that is not text")
    return value["value"]


def _update_url_for(query_url: str) -> str:
    """Oxigraph and Fuseki serve updates beside queries at ``.../update``; others on the same URL."""
    return query_url[: -len("query")] + "update" if query_url.endswith("/query") else query_url


def _json_term(value: Mapping[str, str]) -> Term:
    """A term of SPARQL JSON results as a ``Term``."""
    if value["type"] == "uri":
        return Term(value["value"])
    if value["type"] == "bnode":
        return Term(f"_:{value['value']}")
    language = value.get("xml:lang")
    datatype = value.get("datatype") or str(RDF.langString if language else XSD.string)
    return Term(value["value"], datatype, language)


def _term(value: Mapping[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    return plain(Literal(value["value"], lang=value.get("xml:lang"), datatype=value.get("datatype")))
