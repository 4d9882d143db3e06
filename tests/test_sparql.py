"""Binding values into stored queries: always a whole term, never a way out of it."""

import pyoxigraph
import pytest
from rdflib import Literal, URIRef

from bilat.errors import QueryError
from bilat.store.guard import check_user_query
from bilat.store.sparql import bind

PAYLOADS = [
    'AZ" } ; DROP ALL ; #',
    'XX" || true || "',
    "line\nbreak } UNION { ?s ?p ?o",
    "back\\slash\\",
    "'single' \"double\" \u2028 emoji 😀",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_literal_payloads_stay_one_literal(payload):
    store = pyoxigraph.Store()
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://x/s"),
            pyoxigraph.NamedNode("http://x/p"),
            pyoxigraph.Literal(payload),
        )
    )
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("http://x/t"),
            pyoxigraph.NamedNode("http://x/p"),
            pyoxigraph.Literal("other"),
        )
    )
    query = bind("SELECT ?s ?v WHERE { ?s <http://x/p> ?v }", {"v": Literal(payload)})
    rows = list(store.query(query))
    assert [str(row["s"]) for row in rows] == ["<http://x/s>"]
    assert len(store) == 2


@pytest.mark.parametrize("iri", ["http://x/a> <http://x/b", "http://x/a}", "http://x/a b", 'http://x/"'])
def test_iris_that_would_end_the_term_are_refused(iri):
    with pytest.raises(QueryError, match="is not a valid IRI"):
        bind("SELECT ?a WHERE { ?a ?p ?o }", {"a": URIRef(iri)})


def test_variables_inside_strings_iris_and_comments_are_left_alone():
    query = 'SELECT ?a WHERE { # ?a in a comment\n ?s <http://x/?a> "?a" . ?s ?p ?a } GROUP BY ?a'
    bound = bind(query, {"a": URIRef("http://x/v")})
    assert bound == (
        'SELECT (<http://x/v> AS ?a) WHERE { # ?a in a comment\n ?s <http://x/?a> "?a" . '
        "?s ?p <http://x/v> } GROUP BY (<http://x/v>)"
    )


def test_bad_variable_names_are_refused():
    with pytest.raises(QueryError, match="is not a SPARQL variable name"):
        bind("SELECT * WHERE { ?s ?p ?o }", {"o }": Literal("x")})


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?from WHERE { ?from ?p ?o }",
        'SELECT * WHERE { ?s ?p "SERVICE FROM LOAD" }',
        "SELECT * WHERE { ?s bilat:from ?o }",
    ],
)
def test_keywords_in_variables_strings_and_names_are_not_refused(query):
    check_user_query(query)
