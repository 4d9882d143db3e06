"""A country's page: its partners by kind of tie, its missions, its officials and its ego network
drawn by ``bilat draw ego``; the country named in the URL as the command line names it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilat import api
from bilat.errors import BilatError, QueryError
from bilat.model.dataset import Country
from bilat.model.kinds import NETWORK_TIES
from bilat.rdf.namespaces import mint
from bilat.serve.home import error_page
from bilat.serve.html import Markup, join, link, page, path, resource_link, section, table, tag, void
from bilat.serve.pictures import png
from bilat.serve.state import State

if TYPE_CHECKING:
    import networkx as nx

    from bilat.dossier.officials import Tenure
    from bilat.queries.run import Table


@dataclass(frozen=True)
class CountryView:
    country: Country
    partners: list[tuple[str, str, dict[str, float]]]
    """Each partner's code, name and ties by kind, the strongest first."""
    missions: Table
    officials: list[Tenure]


async def country_page(request: Request) -> Response:
    state: State = request.app.state.bilat
    try:
        view = await run_in_threadpool(_view, state, request.path_params["name"])
    except BilatError as error:
        return error_page(error)
    country = view.country
    partner_rows = [
        [link(path("pair", country.code, code), name), *[_number(ties.get(k)) for k in NETWORK_TIES]]
        for code, name, ties in view.partners
    ]
    partners = (
        table(["partner", *NETWORK_TIES], partner_rows, class_="partners")
        if partner_rows
        else tag("p", "No ties recorded.")
    )
    missions = table(
        ["direction", "country", "kind", "city", "opened", "closed"],
        [[_cell(c) for c in row[1:]] for row in view.missions.rows],
        class_="missions",
    )
    officials = table(
        ["person", "post", "when"],
        [
            [resource_link(str(mint("person", t.person.key)), t.person.name), t.post.title, t.dates]
            for t in view.officials
        ],
        class_="officials",
    )
    picture = (
        tag(
            "figure",
            void(
                "img",
                src=path("country", country.code, "ego.png"),
                alt=f"{country.name}: its most tied partners",
                width=660,
                height=660,
            ),
        )
        if view.partners
        else Markup("")
    )
    content = join(
        [
            tag(
                "p",
                join(
                    [
                        f"{country.code}",
                        f" · {country.alpha3}" if country.alpha3 else "",
                        f" · dissolved {country.dissolved}" if country.dissolved else "",
                        " · ",
                        resource_link(f"https://w3id.org/bilat/id/country/{country.code}", "as data"),
                    ]
                ),
                class_="meta",
            ),
            section("Ego network", picture) if view.partners else Markup(""),
            section(f"Partners ({len(view.partners)})", partners),
            section(
                f"Missions ({len(view.missions.rows)})", missions if view.missions.rows else "None recorded."
            ),
            section(f"Officials ({len(view.officials)})", officials if view.officials else "None recorded."),
        ]
    )
    return page(country.name, content)


def _view(state: State, name: str) -> CountryView:
    country = api.resolve_country(name)
    with state.reading() as store:
        graph = state.cached(("network",), lambda: api.country_network(store))
        partners = _partners(graph, country.code)
        answer = api.query(store, name="missions", params={"c": country.code})
        assert answer is not None
        return CountryView(country, partners, answer.table(), api.officials(store, country.code))


def _partners(graph: nx.Graph, code: str) -> list[tuple[str, str, dict[str, float]]]:
    try:
        _, links = api.ego(graph, code)
    except QueryError:  # no ties of any kind
        return []
    partners = []
    for found in links:
        other = found.b if found.a == code else found.a
        partners.append((other, str(graph.nodes[other].get("name", other)), found.ties))
    return partners


async def ego_picture(request: Request) -> Response:
    state: State = request.app.state.bilat

    def draw() -> bytes:
        code = api.resolve_country(request.path_params["name"]).code
        with state.reading() as store:
            return state.cached(("ego", code), lambda: api.draw_ego(store, code, None))

    return await png(draw)


def _number(value: float | None) -> str:
    if not value:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _cell(value: object) -> object:
    return "" if value is None else value
