"""The ASGI application: routes, the static files shipped in the package, and headers that keep every
page to this server (no script, style, picture or request from anywhere else)."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat.serve import country, home, pair, query_page, resources, sparql, writes
from bilat.serve.errors import problem
from bilat.serve.state import Settings, State
from bilat.store import Store

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class SecurityHeaders:
    """Every answer carries ``SECURITY_HEADERS``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [
                    (name.encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name.encode() not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _not_found(request: Request, exc: Exception) -> Response:
    return problem(404, "no such page")


async def _method(request: Request, exc: Exception) -> Response:
    return problem(405, "this method is not allowed here")


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    """The application serving ``store``; read-only unless ``settings`` allow updates."""
    routes = [
        # first: the route asked most, by programs (starlette tries the routes in turn)
        Route("/sparql", sparql.endpoint, methods=["GET", "POST"]),
        Route("/", home.home),
        Route("/search", home.search),
        Route("/pair", home.pair_form),
        Route("/country/{name}", country.country_page),
        Route("/country/{name}/ego.png", country.ego_picture),
        Route("/pair/{a}/{b}", pair.pair_page),
        Route("/pair/{a}/{b}/timeline.png", pair.timeline_picture),
        Route("/query", query_page.query_page),
        Route("/load", writes.load, methods=["POST"]),
        Route("/id/{rest:path}", resources.resource),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders)],
        exception_handlers={404: _not_found, 405: _method},
    )
    app.state.bilat = State(store, settings or Settings())
    return app
