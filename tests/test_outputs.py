"""What the analyst's tools read: every query form, tables that read back with ``csv`` (numbers as
numbers), formats chosen by suffix, ``-o -`` as standard output, the JSON-LD context, and exports
that an independent SHACL engine finds conformant on their own."""

from __future__ import annotations

import csv
import io
import json
import shlex
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic
from test_readme import examples

from bilat.cli import app
from bilat.files.bundled import ontology_dir
from bilat.files.tables import csv_cell, csv_line, spreadsheet_safe, write_delimited
from bilat.rdf.context import FILE_NAME, context, context_text

NAME = (
    "SELECT ?name WHERE { ?c <https://w3id.org/bilat/ontology#isoCode> 'CU' ; "
    "<https://schema.org/name> ?name }"
)
CUBA_NAME = (
    "CONSTRUCT { ?c <https://schema.org/name> ?name } WHERE { "
    "?c <https://w3id.org/bilat/ontology#isoCode> 'CU' ; <https://schema.org/name> ?name }"
)


def run(runner, store_dir: Path, *args: str):
    return runner.invoke(app, ["--store", str(store_dir), *args])


# -- query forms ----------------------------------------------------------------------------------


def test_ask_prints_true_or_false_and_the_sparql_json_boolean(runner, small_store_dir):
    yes = run(runner, small_store_dir, "query", "ASK { ?c <https://w3id.org/bilat/ontology#isoCode> 'CU' }")
    assert (yes.exit_code, yes.stdout) == (0, "true\n")
    no = run(runner, small_store_dir, "query", "ASK { <x:a> <x:b> <x:c> }")
    assert no.stdout == "false\n"
    as_json = run(runner, small_store_dir, "query", "ASK WHERE { ?s ?p ?o } GROUP BY ?s", "-f", "json")
    assert json.loads(as_json.stdout) == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    ("args", "parse_as"),
    [((), "turtle"), (("-f", "nt"), "nt"), (("--format", "json-ld"), "json-ld")],
    ids=["turtle-by-default", "ntriples", "json-ld"],
)
def test_construct_writes_rdf(runner, small_store_dir, args, parse_as):
    result = run(runner, small_store_dir, "query", CUBA_NAME, *args)
    assert result.exit_code == 0, result.stderr
    graph = Graph().parse(data=result.stdout, format=parse_as)
    expected = Graph().parse(
        data='<https://w3id.org/bilat/id/country/CU> <https://schema.org/name> "Cuba" .', format="nt"
    )
    assert isomorphic(graph, expected)


def test_construct_and_describe_to_a_file_by_its_suffix(runner, small_store_dir, tmp_path):
    target = tmp_path / "cuba.nt"
    result = run(
        runner, small_store_dir, "query", "DESCRIBE <https://w3id.org/bilat/id/country/CU>", "-o", str(target)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Wrote {target} (") and result.stderr.endswith(" triples, nt).\n")
    graph = Graph().parse(target, format="nt")  # N-Triples, as the suffix says: Turtle would not parse
    assert len(graph) > 10 and not target.read_text(encoding="utf-8").startswith("@prefix")
    unknown = run(runner, small_store_dir, "query", CUBA_NAME, "-o", str(tmp_path / "cuba.xyz"))
    assert unknown.exit_code == 2 and "give --format" in unknown.stderr


def test_a_select_as_a_table_file_by_its_suffix(runner, small_store_dir, tmp_path):
    target = tmp_path / "names.tsv"
    assert run(runner, small_store_dir, "query", NAME, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == '?name\n"Cuba"\n'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("SELEC ?x WHERE {}",), "the query is not valid SPARQL: line 1, column 1 near 'SELEC'"),
        (("SELECT ?x\nWHERE { ?x ?y }",), "line 2, column 9 near '?x'"),
        ((CUBA_NAME, "-f", "csv"), "a CONSTRUCT or DESCRIBE gives a graph: --format turtle, nt or json-ld"),
        ((NAME, "-f", "turtle"), "a SELECT gives a table: --format table, csv, tsv or json, not turtle"),
        (("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",), "SERVICE is not"),
        (("ASK FROM <file:///etc/passwd> { ?s ?p ?o }",), "FROM is not allowed"),
        (("DESCRIBE ?s WHERE { SERVICE ?x { ?s ?p ?o } }",), "SERVICE is not allowed"),
        (("INSERT DATA { <x:a> <x:b> <x:c> }",), "pass --write"),
    ],
    ids=[
        "typo",
        "line-2",
        "graph-as-csv",
        "table-as-turtle",
        "construct-service",
        "ask-from",
        "describe",
        "update",
    ],
)
def test_every_form_is_guarded_and_errors_exit_2(runner, small_store_dir, args, message):
    result = run(runner, small_store_dir, "query", *args)
    assert result.exit_code == 2
    assert message in result.stderr


# -- tables that round-trip -----------------------------------------------------------------------


def test_sparql_csv_and_tsv_follow_the_w3c_formats(runner, small_store_dir):
    text = (
        'SELECT ?n ?s ?i ?u WHERE { VALUES (?n ?s ?i ?u) { (-10 "=1+1" <http://example.org/a> UNDEF) '
        '(2.5 "tab\\there, \\"quoted\\"" "x"@en "2020"^^<http://www.w3.org/2001/XMLSchema#gYear>) } }'
    )
    as_csv = run(runner, small_store_dir, "query", text, "-f", "csv").stdout_bytes.decode("utf-8")
    assert as_csv == ('n,s,i,u\r\n-10,\'=1+1,http://example.org/a,\r\n2.5,"tab\there, ""quoted""",x,2020\r\n')
    as_tsv = run(runner, small_store_dir, "query", text, "-f", "tsv").stdout
    assert as_tsv == (
        '?n\t?s\t?i\t?u\n-10\t"=1+1"\t<http://example.org/a>\t\n'
        '2.5\t"tab\\there, \\"quoted\\""\t"x"@en\t"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>\n'
    )


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("-10", "-10"),
        ("+1.5e3", "+1.5e3"),
        ("-0.25", "-0.25"),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("-x", "'-x"),
        ("@a", "'@a"),
    ],
)
def test_only_cells_that_are_not_numbers_are_guarded(text, safe):
    assert spreadsheet_safe(text) == safe


@given(
    st.lists(
        st.one_of(st.none(), st.integers(), st.floats(allow_nan=False), st.text(alphabet=',"\r\n ab=-1')),
        min_size=2,
        max_size=6,
    )
)
def test_a_panel_line_is_what_the_csv_module_writes_of_its_fields(values):
    """The panel makes each distinct line once (``csv_line``); it must be the csv module's line."""
    buffer = io.StringIO()
    write_delimited(buffer, [str(i) for i in range(len(values))], [values])
    assert buffer.getvalue().split("\r\n", 1)[1] == csv_line(values) + "\r\n"
    assert next(csv.reader([csv_line(values)])) == [csv_cell(v) for v in values]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_back(text: str, numeric: set[str] = frozenset()) -> list[dict[str, str]]:
    """The rows of CSV text read by ``csv``: every row as wide as the header, ``numeric`` columns
    numbers (or empty)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no header"
    header = rows[0]
    assert all(len(row) == len(header) for row in rows), text[:500]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    for record in records:
        for column in numeric:
            assert record[column] == "" or _is_number(record[column]), (column, record)
    return records


TABLE_COMMANDS = [
    (("countries", "--search", "Congo"), {"numeric"}),
    (("stats",), {"count"}),
    (("query", "SELECT ?c (COUNT(*) AS ?n) WHERE { ?c ?p ?o } GROUP BY ?c ORDER BY DESC(?n) LIMIT 5"), {"n"}),
    (
        ("network", "centrality", "--kind", "missions", "--top", "0"),
        {"degree", "strength", "betweenness", "eigenvector", "pagerank", "community"},
    ),
    (("network", "communities", "--kind", "missions"), {"community"}),
    (("network", "ego", "Cuba", "--kind", "missions"), {"missions"}),
    (("network", "path", "Bhutan", "Cuba", "--kind", "missions"), {"missions"}),
    (
        ("network", "common", "Azerbaijan", "Cuba", "--kind", "missions"),
        {"missions_with_a", "missions_with_b"},
    ),
    (
        ("network", "change", "2000:2009", "2010:2022", "--kind", "missions"),
        {"missions_before", "missions_after", "strength_before", "strength_after"},
    ),
]


@pytest.mark.parametrize(
    ("args", "numeric"), TABLE_COMMANDS, ids=[" ".join(a[:2]) for a, _ in TABLE_COMMANDS]
)
def test_every_table_reads_back_as_csv(runner, seeded_store_dir, args, numeric):
    result = run(runner, seeded_store_dir, *args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    records = read_back(result.stdout_bytes.decode("utf-8"), numeric)
    assert records
    as_json = json.loads(run(runner, seeded_store_dir, *args, "--format", "json").stdout)
    if args[0] == "query":  # the SPARQL JSON results format
        as_json = as_json["results"]["bindings"]
    assert len(as_json) == len(records)
    tsv = run(runner, seeded_store_dir, *args, "--format", "tsv").stdout
    assert len(list(csv.reader(io.StringIO(tsv), delimiter="\t"))) == len(records) + 1


def test_a_name_with_a_comma_stays_one_field(runner, seeded_store_dir):
    result = run(
        runner, seeded_store_dir, "network", "centrality", "--kind", "missions", "--top", "0", "-f", "csv"
    )
    palestine = next(r for r in read_back(result.stdout) if r["code"] == "PS")
    assert palestine["name"] == "Palestine, State of"
    assert int(palestine["degree"]) > 0


GRAPH_FORMS = ("ASK", "CONSTRUCT", "DESCRIBE")


def test_the_readme_examples_read_back_as_csv(runner, seeded_store_dir, monkeypatch):
    monkeypatch.chdir(Path(__file__).parent.parent)
    tables = {"query", "countries", "stats", "centrality", "communities", "ego", "path", "common", "change"}
    tried = 0
    for command, _ in examples():
        args = shlex.split(command)[1:]
        if not tables & set(args[:2]) or "--write" in args or any(f in command for f in GRAPH_FORMS):
            continue
        args = [
            a
            for i, a in enumerate(args)
            if a not in ("-f", "--format") and args[i - 1] not in ("-f", "--format")
        ]
        result = run(runner, seeded_store_dir, *args, "--format", "csv")
        assert result.exit_code == 0, (command, result.stderr)
        read_back(result.stdout)
        tried += 1
    assert tried >= 4


# -- outputs: by suffix, and - for stdout ---------------------------------------------------------


def test_export_chooses_the_format_by_suffix(runner, small_store_dir, tmp_path):
    target = tmp_path / "cuba.nt"
    result = run(runner, small_store_dir, "export", "-c", "Cuba", "-o", str(target))
    assert result.stderr.endswith(", nt).\n")
    Graph().parse(target, format="nt")
    jsonld = tmp_path / "cuba.jsonld"
    run(runner, small_store_dir, "export", "-c", "Cuba", "-o", str(jsonld))
    assert isomorphic(Graph().parse(jsonld, format="json-ld"), Graph().parse(target, format="nt"))
    refused = run(runner, small_store_dir, "export", "-o", str(tmp_path / "cuba.rdf"))
    assert refused.exit_code == 2 and not (tmp_path / "cuba.rdf").exists()


def test_dash_is_standard_output_for_every_command_that_writes_a_file(
    runner, small_store_dir, tmp_path, monkeypatch
):
    tmp_path = tmp_path / "work"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    exported = run(runner, small_store_dir, "export", "-c", "Cuba", "-f", "nt", "-o", "-")
    assert exported.stdout.startswith("<https://w3id.org/bilat/id/")
    network = run(runner, small_store_dir, "network", "export", "-o", "-", "--kind", "relations")
    assert network.stdout.startswith("<?xml") and "graphml" in network.stdout
    as_json = run(
        runner, small_store_dir, "network", "export", "-o", "-", "-f", "json", "--kind", "relations"
    )
    assert "nodes" in json.loads(as_json.stdout)
    picture = runner.invoke(
        app, ["--store", str(small_store_dir), "draw", "timeline", "AZ", "CU", "-o", "-", "-f", "svg"]
    )
    assert picture.exit_code == 0 and "<svg" in picture.stdout
    article = tmp_path / "article.txt"
    article.write_text(
        "BAKU, Oct 7. Azerbaijan and Cuba discussed cooperation in healthcare, the Cuban ambassador said.\n",
        encoding="utf-8",
    )
    drafted = run(runner, small_store_dir, "extract", str(article), "--date", "2022-10-07", "-o", "-")
    assert drafted.exit_code == 0 and drafted.stdout.startswith("#")
    query = run(runner, small_store_dir, "query", CUBA_NAME, "-o", "-", "-f", "nt")
    assert query.stdout == '<https://w3id.org/bilat/id/country/CU> <https://schema.org/name> "Cuba" .\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt"]  # no file named "-"


# -- JSON-LD --------------------------------------------------------------------------------------


def test_the_committed_context_is_current():
    committed = (ontology_dir() / FILE_NAME).read_text(encoding="utf-8")
    assert committed == context_text(), "run python -m bilat.rdf.context --write"


def test_the_json_ld_export_carries_bilats_context(runner, small_store_dir):
    result = run(runner, small_store_dir, "export", "-c", "Cuba", "-f", "json-ld")
    document = json.loads(result.stdout)
    assert document["@context"] == context()
    assert not {"brick", "sosa", "odrl"} & set(document["@context"])
    assert document["@context"]["sendingCountry"] == {"@id": "bilat:sendingCountry", "@type": "@id"}
    cuba = next(node for node in document["@graph"] if node["@id"].endswith("/country/CU"))
    assert cuba["name"] == "Cuba" and cuba["label"]["en"] == "Cuba"
    again = run(runner, small_store_dir, "export", "-c", "Cuba", "-f", "json-ld")
    assert again.stdout == result.stdout  # a stable order


# -- an independent SHACL engine ------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("-c", "Cuba")], ids=["whole-store", "cuba"])
def test_exports_conform_to_the_shapes_for_an_independent_engine(runner, seeded_store_dir, tmp_path, args):
    pyrudof = pytest.importorskip("pyrudof")
    target = tmp_path / "export.nt"
    assert run(runner, seeded_store_dir, "export", *args, "-o", str(target)).exit_code == 0
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data(str(target), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl(str(ontology_dir() / "shapes.ttl"), format=pyrudof.ShaclFormat.Turtle)
    report = rudof.validate_shacl()
    assert [(str(v.focus_node), str(v.message)) for v in report.violations] == []
    assert report.conforms
    # The engine does check: a mission's post in an organization of no stated class fails.
    target.write_text(
        target.read_text(encoding="utf-8")
        + "<https://w3id.org/bilat/id/post/p> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<http://www.w3.org/ns/org#Post> .\n<https://w3id.org/bilat/id/post/p> <https://schema.org/name> "
        '"P" .\n<https://w3id.org/bilat/id/post/p> <http://www.w3.org/ns/org#postIn> '
        "<https://w3id.org/bilat/id/organization/nowhere> .\n",
        encoding="utf-8",
    )
    rudof.read_data(str(target), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    assert not rudof.validate_shacl().conforms
