"""Errors as HTTP answers: bad input 400 (with the parser's or the register's own message), an
unknown country 404, a store that cannot be used 503, a fault in bilat 500 without its details."""

from __future__ import annotations

import logging

from starlette.responses import Response

from bilat.errors import BilatError, InputError, StoreError, UnknownCountryError

log = logging.getLogger("bilat.serve")


def status_of(error: BilatError) -> int:
    if isinstance(error, UnknownCountryError):
        return 404
    if isinstance(error, InputError):
        return 400
    if isinstance(error, StoreError):
        return 503
    return 500


def message_of(error: BilatError) -> str:
    if status_of(error) == 500:
        log.error("internal error: %s", error, exc_info=error)
        return "internal error: a fault in bilat; the server's log has the details"
    return str(error)


def error_response(error: BilatError) -> Response:
    return problem(status_of(error), message_of(error))


def problem(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """A plain-text error answer, one line."""
    return Response(f"Error: {message}\n", status_code=status, media_type="text/plain", headers=headers)
