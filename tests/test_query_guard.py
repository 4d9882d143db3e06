"""The guard on user SPARQL: every way of writing SERVICE, FROM, LOAD or USING is refused before the
engine sees it, and a listening socket on 127.0.0.1 sees no connection, whatever the query."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pyparsing import ParserElement

from bilat.cli import app
from bilat.errors import QueryError
from bilat.queries.run import run_user_query, stored_queries
from bilat.store import EmbeddedStore
from bilat.store.guard import MAX_NESTING, MAX_QUERY_CHARS, check_user_query

OUTSIDE = "bilat queries never fetch other graphs or services"


class Listener:
    """A socket on 127.0.0.1 that counts the connections made to it (each closed at once)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.05)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    yield found
    found.close()


PREFIX = "PREFIX ex: <http://example.org/> "

# Each bypass of the old text scanner, and the other ways SPARQL lets a clause be written.
BYPASSES = {
    "escaped-hash-in-a-name": (
        "SELECT * WHERE {{ BIND(ex:a\\# AS ?q) SERVICE <{url}> {{ ?x ?y ?z }} }}",
        "SERVICE",
    ),
    "escaped-quote-in-a-name": (
        "SELECT * WHERE {{ BIND(ex:a\\' AS ?q) SERVICE <{url}> {{ ?x ?y ?z }} }}",
        "SERVICE",
    ),
    "service-in-exists": (
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ BIND(IRI(STR(?o)) AS ?e) "
        "SERVICE ?e {{ ?x ?y ?z }} }} }}",
        "SERVICE",
    ),
    "service-in-a-subquery": (
        "SELECT * WHERE {{ {{ SELECT * WHERE {{ {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }} }} }} }}",
        "SERVICE",
    ),
    "service-in-not-exists": (
        "SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE <{url}> {{ ?s ?y ?z }} }} }}",
        "SERVICE",
    ),
    "unicode-escaped-keyword": ("SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?x ?y ?z }} }}", "SERVICE"),
    "lower-case-keyword": ("select * where {{ service <{url}> {{ ?x ?y ?z }} }}", "SERVICE"),
    "after-a-comment-line": (
        "SELECT * WHERE {{ # a comment }}\n SERVICE <{url}> {{ ?x ?y ?z }} }}",
        "SERVICE",
    ),
    "after-a-string-with-a-hash": (
        'SELECT * WHERE {{ BIND("# \\" #" AS ?q) SERVICE <{url}> {{ ?x ?y ?z }} }}',
        "SERVICE",
    ),
    "after-a-long-string": (
        'SELECT * WHERE {{ BIND("""a "" # b""" AS ?q) SERVICE <{url}> {{ ?x ?y ?z }} }}',
        "SERVICE",
    ),
    "from-named": ("SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "FROM"),
    "from-prefixed": ("SELECT * FROM ex:g\\# WHERE {{ ?s ?p ?o }}", "FROM"),
}
WRITES = {
    "load-after-escaped-hash": ("INSERT DATA {{ ex:a ex:b ex:c\\# }} ; LOAD <{url}>", "LOAD"),
    "load-into-graph": ("LOAD SILENT <{url}> INTO GRAPH ex:g", "LOAD"),
    "using": ("INSERT {{ ?s ?p ?o }} USING <{url}> WHERE {{ ?s ?p ?o }}", "USING"),
    "service-in-an-update": ("INSERT {{ ?x ?y ?z }} WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}", "SERVICE"),
}


@pytest.mark.parametrize("name", [*BYPASSES, *WRITES])
def test_each_way_of_reaching_out_is_refused_and_nothing_connects(runner, small_store_dir, listener, name):
    template, keyword = BYPASSES.get(name) or WRITES[name]
    query = PREFIX + template.format(url=listener.url)
    write = ["--write"] if name in WRITES else []
    result = runner.invoke(app, ["--store", str(small_store_dir), "query", *write, query])
    assert (result.exit_code, result.stderr) == (2, f"Error: {keyword} is not allowed: {OUTSIDE}\n")
    assert listener.connections == 0


def test_the_engine_runs_the_text_the_guard_read(small_store_dir, listener, runner):
    # Read with its escape expanded first (SPARQL 1.1, section 19.2), the SERVICE below is inside the
    # second string; an engine that expands escapes only inside strings would run it. So the engine is
    # given the expanded text.
    service = f"SERVICE <{listener.url}> {{ ?x ?y ?z }} }}"
    query = f'SELECT ?q ?r WHERE {{ BIND("a\\u0022 AS ?q) BIND(" AS ?r) {service} #" AS ?r) }}'
    result = runner.invoke(app, ["--store", str(small_store_dir), "query", "--format", "csv", query])
    assert (result.exit_code, result.stdout) == (0, f"q,r\na, AS ?r) {service} #\n")
    assert listener.connections == 0


def test_a_query_nested_thousands_deep_is_refused_without_a_crash(small_store_dir):
    for query in (
        "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
        "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    ):
        result = subprocess.run(
            [sys.executable, "-m", "bilat", "--store", str(small_store_dir), "query", query],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode, result.stderr) == (
            2,
            f"Error: the query nests brackets more than {MAX_NESTING} levels deep; flatten it\n",
        )


@pytest.mark.parametrize("packrat", [False, True], ids=["plain", "packrat"])
def test_nesting_up_to_the_limit_is_accepted(packrat):
    if packrat:  # as matplotlib's mathtext leaves pyparsing for the whole process
        ParserElement.enable_packrat()
    depth = MAX_NESTING - 2  # the WHERE and FILTER brackets count too
    for opening in ("(", "!(", "STR(", "1+("):
        query = "SELECT * WHERE { ?s ?p ?o FILTER(" + opening * depth + "?o" + ")" * depth + ") }"
        assert check_user_query(query).form == "SELECT"


def test_a_query_over_the_length_limit_is_refused():
    query = "SELECT * WHERE { ?s ?p ?o }" + " " * MAX_QUERY_CHARS
    with pytest.raises(QueryError, match=f"bilat accepts at most {MAX_QUERY_CHARS:,}"):
        check_user_query(query)


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("ASK { ?s ?p ?o }", "ASK"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/x>", "DESCRIBE"),
        ("# SELECT\nDELETE WHERE { ?s ?p ?o }", "UPDATE"),
        ('SELECT ?service WHERE { ?service ?from "LOAD USING" } # SERVICE <http://x/>', "SELECT"),
        ("PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:from ?o }", "SELECT"),
    ],
)
def test_the_form_comes_from_the_parsed_query(query, form):
    assert check_user_query(query, allow_update=True).form == form


def test_an_update_needs_write_however_it_is_written():
    with pytest.raises(QueryError, match="this is an update; pass --write"):
        check_user_query("# SELECT * WHERE { ?s ?p ?o }\nCLEAR DEFAULT")


def test_every_stored_query_passes_the_guard():
    assert {check_user_query(query.text).form for query in stored_queries().values()} == {"SELECT"}


# The fuzz test: queries built around the guard from fragments that confuse text scanners.
DISTRACTORS = [
    "BIND(ex:a\\# AS ?d)",
    "BIND(ex:a\\' AS ?d)",
    "BIND(ex:a%23 AS ?d)",
    'BIND("x \\" # y" AS ?d)',
    "BIND('it\\'s # ok' AS ?d)",
    'BIND("""a "" # b""" AS ?d)',
    "BIND(<http://example.org/#f> AS ?d)",
    "# a comment\n",
    'BIND("a\\u0022 AS ?d)',
    "",
]
WRAPPERS = [
    "{}",
    "{{ {} }}",
    "OPTIONAL {{ {} }}",
    "FILTER EXISTS {{ {} }}",
    "FILTER NOT EXISTS {{ {} }}",
    "MINUS {{ {} }}",
    "{{ SELECT * WHERE {{ {} }} }}",
    "{{ ?s ?p ?o }} UNION {{ {} }}",
]


def keyword_spelling(word: str) -> st.SearchStrategy[str]:
    """The keyword in any case, each letter possibly written as a codepoint escape."""
    letter = lambda c: st.sampled_from([c.upper(), c.lower(), f"\\u{ord(c.upper()):04X}", f"\\U{ord(c):08x}"])  # noqa: E731
    return st.tuples(*(letter(c) for c in word)).map("".join)


@st.composite
def guarded_queries(draw: st.DrawFn, url: str) -> tuple[str, bool]:
    """A query reaching ``url`` by SERVICE, FROM or LOAD, hidden among distractors, and whether it
    is an update."""
    kind = draw(st.sampled_from(["service", "service-variable", "from", "load"]))
    before = draw(st.sampled_from(DISTRACTORS))
    if kind == "load":
        return f"{PREFIX}INSERT DATA {{ ex:a ex:b ex:c }} ; {draw(keyword_spelling('LOAD'))} <{url}>", True
    if kind == "from":
        named = draw(st.sampled_from(["", "NAMED "]))
        return f"{PREFIX}SELECT * {draw(keyword_spelling('FROM'))} {named}<{url}> WHERE {{ {before} }}", False
    target = f"<{url}>" if kind == "service" else "?e"
    bind = "" if kind == "service" else f'BIND(IRI("{url}") AS ?e) '
    service = f"{bind}{draw(keyword_spelling('SERVICE'))} {target} {{ ?x ?y ?z }}"
    body = draw(st.sampled_from(WRAPPERS)).format(f"{before} {service}")
    return f"{PREFIX}SELECT * WHERE {{ ?s ?p ?o {body} }}", False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_queries_around_the_guard_never_connect(listener, data):
    store = EmbeddedStore(None)
    store.update("INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }")
    query, update = data.draw(guarded_queries(listener.url))
    with pytest.raises(QueryError, match=r"is not allowed|not valid SPARQL"):
        run_user_query(store, query, allow_update=update, timeout=5)
    store.close()
    assert listener.connections == 0, query
