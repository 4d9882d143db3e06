"""``bilat serve`` in process (starlette's test client): the pages for people and the SPARQL 1.1
Protocol endpoint, each checked against what the library and the command line give."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SDO
from starlette.testclient import TestClient

from bilat import api
from bilat.dossier.render import render_text
from bilat.errors import QueryError, StoreError
from bilat.serve import native, sparql
from bilat.serve.app import create_app
from bilat.serve.state import Settings, State
from bilat.store import EmbeddedStore

CU = URIRef("https://w3id.org/bilat/id/country/CU")
NAME_OF_CU = "SELECT ?name WHERE { <https://w3id.org/bilat/id/country/CU> schema:name ?name }"
CU_GRAPH = (
    "PREFIX bilat: <https://w3id.org/bilat/ontology#> PREFIX schema: <https://schema.org/> "
    "CONSTRUCT { ?c schema:name ?n } WHERE { ?c bilat:isoCode ?code ; schema:name ?n "
    'FILTER (?code IN ("CU", "AZ")) }'
)


@pytest.fixture(scope="module")
def served_store(bundled_ntriples: bytes) -> Iterator[EmbeddedStore]:
    memory = EmbeddedStore(None)
    memory.oxigraph.load(bundled_ntriples, format=pyoxigraph.RdfFormat.N_QUADS)
    yield memory
    memory.close()


@pytest.fixture(scope="module")
def client(served_store: EmbeddedStore) -> TestClient:
    return TestClient(create_app(served_store))


def text_of(page: str) -> str:
    """A page's text as a reader sees it: tags gone, entities read, spaces folded."""
    body = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(body).split())


# --- pages ---------------------------------------------------------------------------------------


def test_home_page_shows_the_stores_counts(client: TestClient, served_store: EmbeddedStore):
    page = client.get("/")
    assert page.status_code == 200
    stats = api.stats(served_store)
    text = text_of(page.text)
    assert f"triples {stats.triples:,}" in text
    assert f"mission {stats.records['mission']:,}" in text
    assert 'action="/search"' in page.text


def test_a_search_with_one_answer_goes_to_the_countrys_page(client: TestClient):
    found = client.get("/search", params={"q": "Azerbaijani"}, follow_redirects=False)
    assert (found.status_code, found.headers["location"]) == (303, "/country/AZ")


def test_a_search_lists_every_country_whose_name_matches(client: TestClient):
    page = client.get("/search", params={"q": "Korea"})
    assert page.status_code == 200
    assert 'href="/country/KR"' in page.text and 'href="/country/KP"' in page.text


def test_the_country_page_shows_partners_missions_officials_and_its_picture(
    client: TestClient, served_store: EmbeddedStore
):
    page = client.get("/country/Azerbaijan")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "<h1>Azerbaijan</h1>" in page.text
    assert 'href="/pair/AZ/CU"' in page.text  # Cuba among the partners
    missions = api.query(served_store, name="missions", params={"c": "AZ"})
    assert missions is not None
    assert f"Missions ({len(missions.rows.rows)})" in text
    assert "Teymur Musayev Minister of Health of Azerbaijan" in text  # its officials
    assert 'src="/country/AZ/ego.png"' in page.text
    picture = client.get("/country/AZ/ego.png")
    assert picture.headers["content-type"] == "image/png"
    assert picture.content.startswith(b"\x89PNG")


def test_the_pair_page_shows_every_line_of_bilat_ties(client: TestClient, served_store: EmbeddedStore):
    page = client.get("/pair/Azerbaijan/Cuba")
    assert page.status_code == 200
    shown = text_of(page.text)
    report = render_text(api.pair_ties(served_store, "Azerbaijan", "Cuba"))
    numbers = re.compile(r"\[[\d, ]+\]")  # citations and the sources' numbers, links on the page
    for line in report.splitlines():
        assert " ".join(numbers.sub("", line).split()) in " ".join(numbers.sub("", shown).split()), line
    sources = re.findall(r"^  \[(\d+)\] ", report, flags=re.MULTILINE)
    assert sources and all(f'id="source-{n}"' in page.text for n in sources)
    assert 'href="http://www.today.az/news/business/226602.html"' in page.text  # sources linked
    assert 'id="source-3"' in page.text and 'href="#source-3"' in page.text
    assert 'name="from"' in page.text and 'name="to"' in page.text
    picture = client.get("/pair/AZ/CU/timeline.png")
    assert picture.content.startswith(b"\x89PNG")


def test_the_pair_pages_window_keeps_what_ties_keeps(client: TestClient):
    page = client.get("/pair/Azerbaijan/Cuba", params={"from": "2020"})
    text = text_of(page.text)
    assert "Azerbaijan (AZ) – Cuba (CU), 2020 to …" in text
    assert "1992-03-27 relations established" not in text
    assert "2022-10-07 meeting" in text
    assert 'value="2020"' in page.text
    assert 'src="/pair/AZ/CU/timeline.png?from=2020"' in page.text


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/country/Atlantis", 404, "Atlantis"),
        ("/pair/Azerbaijan/Atlantis", 404, "Atlantis"),
        ("/pair/Azerbaijan/Azerbaijan", 400, "two different countries"),
        ("/pair/Azerbaijan/Cuba?from=2020-13", 400, "2020-13"),
    ],
    ids=["unknown-country", "unknown-partner", "same-country", "bad-date"],
)
def test_a_page_that_cannot_be_made_says_why(client: TestClient, url: str, status: int, words: str):
    page = client.get(url)
    assert page.status_code == status
    assert words in html.unescape(page.text)
    assert "<!DOCTYPE html>" in page.text


def test_text_from_the_data_is_escaped_on_every_page(tmp_path: Path, bundled_ntriples: bytes):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = tmp_path / "hostile.yaml"
    data.write_text(
        "sources:\n"
        "  - id: hostile-source\n"
        "    kind: news_article\n"
        f"    title: '{hostile}'\n"
        f"    publisher: '{hostile}'\n"
        "events:\n"
        "  - id: az-cu-2023-01-01-hostile\n"
        "    kind: meeting\n"
        "    date: 2023-01-01\n"
        f"    title: '{hostile}'\n"
        f"    place: '{hostile}'\n"
        "    countries: [AZ, CU]\n"
        "    sources: [hostile-source]\n",
        encoding="utf-8",
    )
    with EmbeddedStore(None) as memory:
        memory.oxigraph.load(bundled_ntriples, format=pyoxigraph.RdfFormat.N_QUADS)
        api.load(memory, [data])
        client = TestClient(create_app(memory))
        pages = [
            client.get("/pair/AZ/CU"),
            client.get("/id/event/az-cu-2023-01-01-hostile"),
            client.get("/id/source/hostile-source"),
            client.get("/query", params={"query": "SELECT ?t WHERE { ?s dcterms:title ?t }"}),
            client.get("/search", params={"q": hostile}),
        ]
    for page in pages:
        assert "<script>alert" not in page.text and "<img src=x" not in page.text, page.url
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in pages[0].text
    assert "&lt;script&gt;" in pages[1].text and "&lt;script&gt;" in pages[3].text


def test_every_answer_keeps_the_page_to_this_server(client: TestClient):
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert all(url.startswith("/") for url in assets), assets
    for asset in ("/static/bilat.css", "/static/bilat.js", "/static/favicon.svg"):
        assert client.get(asset).status_code == 200


def test_the_sparql_page_runs_a_query_and_shows_a_table(client: TestClient):
    page = client.get("/query", params={"query": NAME_OF_CU})
    assert page.status_code == 200
    assert re.search(r"<table class=\"results\">.*<td>Cuba</td>", page.text)
    assert "1 row(s)" in text_of(page.text)


def test_the_sparql_page_offers_the_stored_queries_with_their_parameters(client: TestClient):
    page = client.get("/query")
    for stored in api.stored_queries():
        assert f'href="/query?name={stored.name}"' in page.text
    ran = client.get("/query", params={"name": "ties", "a": "Azerbaijan", "b": "Cuba", "run": "1"})
    assert ran.status_code == 200
    assert 'id="answer"' in ran.text and "relation/az-cu" in ran.text


def test_the_sparql_page_shows_the_parsers_message(client: TestClient):
    page = client.get("/query", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert page.status_code == 400
    assert "not valid SPARQL: line 1" in html.unescape(page.text)


# --- resources -----------------------------------------------------------------------------------


def test_a_resource_page_for_a_browser(client: TestClient):
    page = client.get("/id/country/CU", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Cuba</h1>" in page.text
    assert 'href="/country/CU"' in page.text
    assert 'href="/id/relation/az-cu"' in page.text  # linked from


@pytest.mark.parametrize(
    ("accept", "format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")],
)
def test_a_resource_for_a_program(client: TestClient, accept: str, format: str):
    answer = client.get("/id/country/CU", headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    graph = Graph().parse(data=answer.content, format=format)
    assert (CU, SDO.name, Literal("Cuba")) in graph
    assert set(graph.subjects()) == {CU}


def test_a_resource_the_store_does_not_hold_is_not_found(client: TestClient):
    assert client.get("/id/country/ZZZ").status_code == 404
    assert client.get("/id/nothing").status_code == 404


# --- the SPARQL 1.1 protocol ---------------------------------------------------------------------


def _names(answer: dict[str, object]) -> list[str]:
    bindings = answer["results"]["bindings"]  # type: ignore[index]
    return [row["name"]["value"] for row in bindings]


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_a_query_by_every_way_the_protocol_allows(client: TestClient, how: str):
    headers = {"Accept": "application/sparql-results+json"}
    if how == "get":
        answer = client.get("/sparql", params={"query": NAME_OF_CU}, headers=headers)
    elif how == "form":
        answer = client.post("/sparql", data={"query": NAME_OF_CU}, headers=headers)
    else:
        headers["Content-Type"] = "application/sparql-query"
        answer = client.post("/sparql", content=NAME_OF_CU.encode(), headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    assert _names(answer.json()) == ["Cuba"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("application/sparql-results+json", None),
        ("application/sparql-results+xml", "<literal>Cuba</literal>"),
        ("text/csv", "name\r\nCuba\r\n"),
        ("text/tab-separated-values", '?name\n"Cuba"\n'),
    ],
)
def test_select_results_in_each_format(client: TestClient, accept: str, expected: str | None):
    answer = client.get("/sparql", params={"query": NAME_OF_CU}, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    if expected is None:
        assert _names(answer.json()) == ["Cuba"]
    elif accept.endswith("xml"):
        assert expected in answer.text and '<variable name="name"/>' in answer.text
    else:
        assert answer.text == expected


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask_in_json_and_xml(client: TestClient, accept: str):
    yes = client.get("/sparql", params={"query": 'ASK { ?c bilat:isoCode "CU" }'}, headers={"Accept": accept})
    no = client.get("/sparql", params={"query": 'ASK { ?c bilat:isoCode "QQ" }'}, headers={"Accept": accept})
    if accept.endswith("json"):
        assert (yes.json()["boolean"], no.json()["boolean"]) == (True, False)
    else:
        assert "<boolean>true</boolean>" in yes.text and "<boolean>false</boolean>" in no.text


@pytest.mark.parametrize(
    ("accept", "format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_graphs_in_each_format(client: TestClient, accept: str, format: str):
    answer = client.get("/sparql", params={"query": CU_GRAPH}, headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
    expected = Graph()
    expected.add((CU, SDO.name, Literal("Cuba")))
    expected.add((URIRef("https://w3id.org/bilat/id/country/AZ"), SDO.name, Literal("Azerbaijan")))
    assert isomorphic(Graph().parse(data=answer.content, format=format), expected)


def test_describe_gives_the_resources_triples(client: TestClient):
    answer = client.get(
        "/sparql", params={"query": f"DESCRIBE <{CU}>"}, headers={"Accept": "application/n-triples"}
    )
    graph = Graph().parse(data=answer.content, format="nt")
    assert (CU, SDO.name, Literal("Cuba")) in graph


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM is not allowed"),
        ("LOAD <http://example.org/data.ttl>", "LOAD is not allowed"),
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "this is an update"),
        ("SELECT ?x WHERE { ?x ?y }", "the query is not valid SPARQL: line 1, column"),
    ],
    ids=["service", "from", "load", "update-as-query", "syntax"],
)
def test_the_guard_refuses_with_the_parsers_message(client: TestClient, query: str, words: str):
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400
    assert words in answer.text


def test_dataset_fields_are_refused(client: TestClient):
    answer = client.get("/sparql", params={"query": NAME_OF_CU, "default-graph-uri": "http://example.org/g"})
    assert answer.status_code == 400 and "default-graph-uri is not allowed" in answer.text


def test_the_row_limit_holds(served_store: EmbeddedStore):
    client = TestClient(create_app(served_store, Settings(query_limit=7)))
    answer = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(answer.json()["results"]["bindings"]) == 7
    graph = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/n-triples"},
    )
    assert len(graph.text.strip().splitlines()) == 7


@pytest.mark.slow
def test_the_time_limit_holds(served_store: EmbeddedStore):
    client = TestClient(create_app(served_store, Settings(query_seconds=0.2)))
    # About three seconds of work (36 million rows counted), left to finish in the background.
    slow = (
        "SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?b ?c } LIMIT 6000 } "
        "{ SELECT ?d WHERE { ?d ?e ?f } LIMIT 6000 } }"
    )
    answer = client.get("/sparql", params={"query": slow})
    assert answer.status_code == 400
    assert "time limit of 0.2 s" in answer.text


def test_a_format_the_client_cannot_take_is_406(client: TestClient):
    answer = client.get("/sparql", params={"query": NAME_OF_CU}, headers={"Accept": "image/png"})
    assert answer.status_code == 406


def test_a_body_of_another_type_is_415(client: TestClient):
    answer = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert answer.status_code == 415


def test_a_browser_asking_for_the_endpoint_gets_the_sparql_page(client: TestClient):
    answer = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, "/query")


def test_json_answers_read_back_as_the_library_gives_them(client: TestClient, served_store: EmbeddedStore):
    query = "SELECT ?code ?name WHERE { ?c bilat:isoCode ?code ; schema:name ?name } ORDER BY ?code LIMIT 30"
    answer = client.get("/sparql", params={"query": query})
    mine = api.query(served_store, query)
    assert mine is not None
    rows = [(r["code"]["value"], r["name"]["value"]) for r in answer.json()["results"]["bindings"]]
    assert rows == [tuple(row) for row in mine.table().rows]
    assert json.loads(io.BytesIO(answer.content).read())["head"]["vars"] == ["code", "name"]


# --- answers written by Oxigraph itself -----------------------------------------------------------


def test_an_embedded_store_is_answered_without_rdflib(served_store: EmbeddedStore, monkeypatch):
    client = TestClient(create_app(served_store))
    monkeypatch.setattr(sparql, "run_query", lambda *args: pytest.fail("went through bilat.api"))
    for accept in ("application/sparql-results+json", "text/csv", "application/sparql-results+xml"):
        assert (
            client.get("/sparql", params={"query": NAME_OF_CU}, headers={"Accept": accept}).status_code == 200
        )
    ask = client.get(
        "/sparql", params={"query": 'ASK { ?c bilat:isoCode "CU" }'}, headers={"Accept": "text/plain"}
    )
    assert ask.text == "true\n"
    graph = client.get("/sparql", params={"query": CU_GRAPH}, headers={"Accept": "text/turtle"})
    assert (CU, SDO.name, Literal("Cuba")) in Graph().parse(data=graph.content, format="turtle")


def test_the_row_limit_keeps_the_querys_order_and_columns(served_store: EmbeddedStore, monkeypatch):
    client = TestClient(create_app(served_store, Settings(query_limit=5)))
    monkeypatch.setattr(sparql, "run_query", lambda *args: pytest.fail("went through bilat.api"))
    query = (
        "BASE <https://w3id.org/bilat/id/>\nPREFIX c: <country/>\n"
        "SELECT ?name ?code WHERE { ?c bilat:isoCode ?code ; schema:name ?name "
        'VALUES ?code { "AZ" "CU" "TR" "FR" "DE" "JP" "BR" } } ORDER BY DESC(?name) # the last line'
    )
    answer = client.get("/sparql", params={"query": query}).json()
    mine = api.query(served_store, query, limit=5)
    assert mine is not None
    assert answer["head"]["vars"] == ["name", "code"]
    rows = [(r["name"]["value"], r["code"]["value"]) for r in answer["results"]["bindings"]]
    assert rows == [tuple(row) for row in mine.table().rows]
    assert [name for name, _ in rows] == ["Türkiye", "Japan", "Germany", "France", "Cuba"]


def test_select_star_keeps_the_librarys_columns(client: TestClient, served_store: EmbeddedStore, monkeypatch):
    monkeypatch.setattr(sparql, "run_query", lambda *args: pytest.fail("went through bilat.api"))
    query = 'SELECT * WHERE { ?c bilat:isoCode "CU" ; schema:name ?name ; a ?type } LIMIT 1'
    answer = client.get("/sparql", params={"query": query}).json()
    mine = api.query(served_store, query)
    assert mine is not None
    assert answer["head"]["vars"] == list(mine.rows.variables)


def test_a_query_oxigraph_refuses_is_400_as_on_the_command_line(client: TestClient):
    # rdflib's parser lets it through; Oxigraph refuses a variable neither grouped nor aggregated
    query = "SELECT ?c (COUNT(?n) AS ?count) WHERE { ?c schema:name ?n }"
    answer = client.get("/sparql", params={"query": query})
    assert answer.status_code == 400
    assert "the query was rejected" in answer.text


def test_the_prefixes_a_query_may_leave_out_are_the_stores():
    from bilat.store.embedded import _rdflib_prefixes

    assert _rdflib_prefixes() == native.USER_PREFIXES


def test_after_a_write_failed_in_the_store_answers_go_through_the_library(served_store: EmbeddedStore):
    state = State(served_store)
    with pytest.raises(StoreError), state.writing():
        raise StoreError("the disk is full")
    assert not native.serves(state, "application/sparql-results+json")
    with pytest.raises(QueryError), state.writing():
        raise QueryError("refused before anything was written")
    assert not state.native
    with state.writing():
        pass
    assert native.serves(state, "application/sparql-results+json")
    assert not native.serves(state, "application/ld+json")  # compacted with bilat's context by rdflib
