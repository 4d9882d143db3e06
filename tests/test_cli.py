import json
from pathlib import Path

import pyoxigraph
import pytest
from conftest import graph_of
from rdflib import Graph
from rdflib.compare import isomorphic

from bilat.cli import app
from bilat.graph.shapes import validate_graph


def run(runner, store_dir: Path, *args: str):
    return runner.invoke(app, ["--store", str(store_dir), *args])


def test_ties_on_a_fresh_store_shows_the_dossier(runner, tmp_path):
    result = run(runner, tmp_path / "fresh", "ties", "Azerbaijan", "Cuba")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Azerbaijan (AZ) – Cuba (CU)\n")
    assert "established 1992-03-27; active  [1, 2]" in result.stdout
    assert "with Carlos Enrique Valdes de la Concepcion (Ambassador of Cuba to Azerbaijan)" in result.stdout


def test_ties_formats_and_errors(runner, store_dir):
    markdown = run(runner, store_dir, "ties", "AZ", "CU", "--format", "markdown")
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# Azerbaijan (AZ) – Cuba (CU)")
    as_json = run(runner, store_dir, "ties", "AZ", "CU", "-f", "json")
    assert json.loads(as_json.stdout)["counts"][0]["count"] == 10
    unknown = run(runner, store_dir, "ties", "Azerbajan", "Cuba")
    assert unknown.exit_code == 2
    assert (
        unknown.stderr == "Error: unknown country 'Azerbajan'; did you mean Azerbaijan (AZ), Barbados (BB)?\n"
    )
    bad_date = run(runner, store_dir, "ties", "AZ", "CU", "--as-of", "2021-02-30")
    assert (bad_date.exit_code, bad_date.stderr) == (2, "Error: date '2021-02-30': 2021-02 has no day 30\n")


def test_load_summarises_and_a_bad_file_changes_nothing(runner, small_store_dir, tmp_path):
    store_dir = small_store_dir
    good = tmp_path / "good.yaml"
    good.write_text("persons: [{id: someone, name: Some One, country: CU}]\n", encoding="utf-8")
    loaded = run(runner, store_dir, "load", str(good))
    assert loaded.exit_code == 0
    assert loaded.stdout.splitlines() == [
        "Loaded 1 file(s): 1 person.",
        f"1 new record(s), 0 replaced; +3 triples ({_triples(runner, store_dir)} in the store).",
    ]
    before = run(runner, store_dir, "export", "-f", "nt").stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("persons: [{id: other, name: X}]\nevents: [{id: e, kind: party}]\n", encoding="utf-8")
    failed = run(runner, store_dir, "load", str(good), str(bad))
    assert failed.exit_code == 2
    assert f"{bad}:2: events[0].kind: Input should be 'meeting'" in failed.stderr
    assert "nothing was loaded" in failed.stderr
    assert run(runner, store_dir, "export", "-f", "nt").stdout == before


def _triples(runner, store_dir) -> int:
    stats = run(runner, store_dir, "stats").stdout.splitlines()
    return int(next(line for line in stats if line.startswith("triples:")).split()[1])


def graph_of_store(store_dir: Path) -> Graph:
    from bilat.store import EmbeddedStore

    store = EmbeddedStore(store_dir)
    try:
        return graph_of(store)
    finally:
        store.close()


def test_export_parses_with_pyoxigraph_into_the_same_graph(runner, small_store_dir, tmp_path):
    store_dir = small_store_dir
    out = tmp_path / "all.ttl"
    result = run(runner, store_dir, "export", "-o", str(out))
    assert result.exit_code == 0
    ours = Graph().parse(out, format="turtle")
    nt = run(runner, store_dir, "export", "-f", "nt").stdout
    assert isomorphic(ours, Graph().parse(data=nt, format="nt"))
    by_oxigraph = pyoxigraph.serialize(
        pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
    )
    assert isomorphic(Graph().parse(data=by_oxigraph.decode("utf-8"), format="nt"), graph_of_store(store_dir))
    second = tmp_path / "again.ttl"
    run(runner, store_dir, "export", "-o", str(second))
    assert out.read_bytes() == second.read_bytes()


def test_pair_export_and_failed_export_keeps_the_old_file(runner, small_store_dir, tmp_path):
    store_dir = small_store_dir
    pair = run(runner, store_dir, "export", "-c", "Azerbaijan", "-c", "Cuba", "-f", "nt").stdout
    assert "<https://w3id.org/bilat/id/person/teymur-musayev>" in pair
    assert "<https://w3id.org/bilat/id/country/FR>" not in pair
    target = tmp_path / "missing-dir" / "out.ttl"
    failed = run(runner, store_dir, "export", "-o", str(target))
    assert failed.exit_code == 5 and not target.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"], 2, "FROM is not allowed"),
        (
            ["query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"],
            2,
            "SERVICE is not allowed",
        ),
        (["query", "DELETE WHERE { ?s ?p ?o }"], 2, "pass --write"),
        (["query", "SELECT nonsense"], 2, "not valid SPARQL: line 1, column 8 near 'nonsense'"),
        (["query", "--name", "nope"], 2, "no stored query 'nope'"),
        (["query", "--name", "ties", "--param", "a=AZ"], 2, "needs --param b=VALUE"),
        (["query", "--name", "ties", "-p", "a=AZ", "-p", "b=CU", "-p", "c=1"], 2, "takes no parameter c"),
    ],
)
def test_query_refusals(runner, store_dir, args, code, message):
    result = run(runner, store_dir, *args)
    assert result.exit_code == code
    assert message in result.stderr


def test_injection_payloads_are_bound_as_values(runner, store_dir):
    before = _triples(runner, store_dir)
    for payload in ['AZ" } ; DROP ALL ; #', 'XX" || true || "', "AZ> <x"]:
        result = run(runner, store_dir, "query", "--name", "ties", "-p", f"a={payload}", "-p", "b=CU")
        assert result.exit_code == 2
        assert "unknown country" in result.stderr
    assert _triples(runner, store_dir) == before


PAYLOADS = [
    'musa" || true || "',
    'musa" ) } UNION { ?s ?p ?o } #',
    "musa' } ; DROP ALL ; #",
    'musa\\" . } INSERT DATA { <x:a> <x:b> <x:c> } #',
    "musa\n} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_string_parameters_match_nothing_and_change_nothing(runner, store_dir, payload):
    before = _triples(runner, store_dir)
    result = run(runner, store_dir, "query", "--name", "person-posts", "-p", f"name={payload}", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == []  # a header, and no row: the payload is one string
    assert _triples(runner, store_dir) == before


def test_query_outputs(runner, store_dir):
    text = (
        "SELECT ?name WHERE { ?c <https://w3id.org/bilat/ontology#isoCode> 'AZ' ; "
        "<https://schema.org/name> ?name }"
    )
    table = run(runner, store_dir, "query", text)
    assert table.stdout == "name\n----------\nAzerbaijan\n(1 row)\n"
    csv = run(runner, store_dir, "query", "SELECT ('=1+1' AS ?x) WHERE {}", "-f", "csv")
    assert csv.stdout_bytes == b"x\r\n'=1+1\r\n"  # RFC 4180 line ends
    sparql_json = json.loads(run(runner, store_dir, "query", text, "-f", "json").stdout)
    assert sparql_json["results"]["bindings"] == [{"name": {"type": "literal", "value": "Azerbaijan"}}]
    stored = run(runner, store_dir, "query", "-n", "ties", "-p", "a=Azerbaijan", "-p", "b=Cuban", "-f", "tsv")
    assert stored.exit_code == 0 and "cu-az-embassy-baku" in stored.stdout
    listing = run(runner, store_dir, "query", "--list")
    assert "ties" in listing.stdout and "a:country b:country" in listing.stdout


def test_validate_countries_and_stats(runner, small_store_dir):
    store_dir = small_store_dir
    assert run(runner, store_dir, "validate").stdout == "The store conforms to the bilat shapes.\n"
    broken = run(
        runner,
        store_dir,
        "query",
        "--write",
        "INSERT DATA { <https://w3id.org/bilat/id/event/x> a <https://w3id.org/bilat/ontology#Event> }",
    )
    assert broken.stdout == "Update applied.\n"
    result = run(runner, store_dir, "validate")
    assert result.exit_code == 1
    assert (
        "https://w3id.org/bilat/id/event/x https://schema.org/startDate: Less than 1 values" in result.stdout
    )
    country = run(runner, store_dir, "countries", "Soviet")
    assert country.stdout == "SUHH  SUN  810  Q15180    USSR  dissolved 1991-12-26\n"
    stats = run(runner, store_dir, "stats").stdout
    assert "country: 300\n" in stats and "event: 5\n" in stats


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        assert f"bilat {command.name or command.callback.__name__}" in readme
    for group in app.registered_groups:
        for command in group.typer_instance.registered_commands:
            name = command.name or command.callback.__name__
            assert f"bilat {group.name} {name}" in readme


def test_validate_reports_records_the_models_refuse(runner, small_store_dir):
    store_dir = small_store_dir
    run(
        runner,
        store_dir,
        "query",
        "--write",
        "INSERT DATA { <https://w3id.org/bilat/id/relation/az-cu> <https://schema.org/endDate> "
        '"1990"^^<http://www.w3.org/2001/XMLSchema#gYear> }',
    )
    result = run(runner, store_dir, "validate")
    assert result.exit_code == 1
    assert result.stdout == (
        "https://w3id.org/bilat/id/relation/az-cu: is not a valid relation: "
        "established/ended: the end (1990) is before the start (1992-03-27)\n"
    )


def test_import_prints_rows_used_skipped_and_records(runner, small_store_dir):
    sample = Path(__file__).parent / "data" / "cow_de_sample.csv"
    result = run(runner, small_store_dir, "import", "cow-diplomatic", str(sample))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "Read 12 rows from 1 file(s): 9 used, 3 skipped.",
        "  skipped 1: COW number unknown",
        "  skipped 1: disagrees with the mirror row",
        "  skipped 1: representation level not one of 0, 1, 2, 3, 9",
        "Records: 7 representation, 1 source.",
    ]
    again = run(runner, small_store_dir, "import", "cow-diplomatic", str(sample))
    assert again.stdout.splitlines()[-1].startswith("0 new, 8 replaced; +0 triples")
    strict = run(runner, small_store_dir, "import", "cow-diplomatic", str(sample), "--strict")
    assert strict.exit_code == 2
    assert f"{sample}:11: COW number unknown: 999" in strict.stderr
    unknown = run(runner, small_store_dir, "import", "spreadsheet", str(sample))
    assert unknown.exit_code == 2 and "unknown format 'spreadsheet'" in unknown.stderr


def test_countries_in_other_schemes(runner, small_store_dir):
    result = run(runner, small_store_dir, "countries", "365", "--scheme", "cow", "--year", "1980")
    assert result.stdout == "SUHH  SUN  810  Q15180    USSR  dissolved 1991-12-26\n"
    fips = run(runner, small_store_dir, "countries", "CH", "--scheme", "fips")
    assert fips.stdout.startswith("CN    CHN  156  Q148      China")


@pytest.mark.slow
def test_a_whole_store_export_through_oxigraph_matches_the_general_path(store):
    from bilat.files.formats import Format
    from bilat.graph.export import all_triples, serialize, whole_store

    for format in (Format.TURTLE, Format.NTRIPLES):
        fast = whole_store(store, format)
        assert fast == serialize(all_triples(store), format)
        assert fast.count(b"\n") > 5000
    turtle = whole_store(store, Format.TURTLE).decode("utf-8")
    prefixes = [line for line in turtle.splitlines() if line.startswith("@prefix ")]
    assert (
        prefixes == sorted(prefixes) and "@prefix person: <https://w3id.org/bilat/id/person/> ." in prefixes
    )
    assert "person:teymur-musayev" in turtle


def test_export_c_cuba_stands_on_its_own(runner, store_dir, tmp_path):
    output = tmp_path / "cuba.nt"
    result = runner.invoke(
        app, ["--store", str(store_dir), "export", "-c", "Cuba", "-f", "nt", "-o", str(output)]
    )
    assert result.exit_code == 0, result.stderr
    outsider = pyoxigraph.Store()
    outsider.load(output.read_bytes(), format=pyoxigraph.RdfFormat.N_TRIPLES)
    query = (
        'SELECT ?name WHERE { ?c <https://w3id.org/bilat/ontology#isoCode> "CU" ; '
        "<https://schema.org/name> ?name }"
    )
    assert [row["name"].value for row in outsider.query(query)] == ["Cuba"]
    graph = Graph().parse(output, format="nt")
    assert validate_graph(graph) == []  # every country, source and person it names is in it
