"""The exit-code contract, command by command: 0 success, 1 only when `validate` finds the store does
not conform, 2 bad input, 3 a bug in bilat (one line, never a traceback unless asked for), 4 the store,
5 the output. Every command runs here with good and bad arguments on a small store."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from bilat import api
from bilat.cli import app

ARTICLE = FIXTURES / "articles" / "az-cu-health-meeting.txt"
GOOD_YAML = b"sources:\n  - {id: exit-codes-source, kind: web_page, title: A page}\n"
BAD_YAML = b"relations:\n  - {countries: [AZ, XX], sources: [nowhere]}\n"
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
INTERNAL = (
    "Error: internal error: ZeroDivisionError: division by zero; this is a bug in bilat, please report it "
    "(run with --debug or BILAT_DEBUG=1 for the traceback)\n"
)

FULL_STDOUT = "Error: cannot write to standard output: No space left on device\n"

# (arguments, exit code); good.yaml, bad.yaml, binary.txt and empty-folder/ are written first, OUT/ is
# a folder of the test's own, and STORE stands for the store's folder.
INVOCATIONS: list[tuple[list[str], int]] = [
    (["load", "good.yaml"], 0),
    (["load", "bad.yaml"], 2),
    (["load", "missing.yaml"], 2),
    (["load", "empty-folder"], 0),
    (["import", "gdelt", str(FIXTURES / "gdelt_sample.tsv")], 0),
    (["import", "cow-diplomatic", str(FIXTURES / "cow_de_sample.csv")], 0),
    (["import", "desta", str(FIXTURES / "desta_sample.csv")], 0),
    (["import", "cameo", str(FIXTURES / "cameo_sample.txt")], 0),
    (["import", "polity", "good.yaml"], 2),
    (["import", "gdelt", "missing.tsv"], 2),
    (["import", "desta", str(FIXTURES / "desta_sample.csv"), "--encoding", "no-such-encoding"], 2),
    (["import", "cow-diplomatic", "bad.yaml", "--strict"], 2),
    (["query", SELECT], 0),
    (["query", SELECT, "--format", "csv"], 0),
    (["query", SELECT, "--format", "json"], 0),
    (["query", "--list"], 0),
    (["query", "--name", "ties", "-p", "a=AZ", "-p", "b=CU"], 0),
    (["query", "--write", "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"], 0),
    (["query"], 2),
    (["query", "SELECT"], 2),
    (["query", "DESCRIBE ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } }"], 0),
    (["query", "ASK { ?s ?p ?o }"], 0),
    (["query", "ASK { ?s ?p ?o }", "-f", "turtle"], 2),
    (["query", "SELEC ?x WHERE {}"], 2),
    (["query", "SELECT * WHERE { ?s ?p ?o } GROUP BY ?s"], 2),
    (["query", "--timeout", "inf", SELECT], 2),
    (["query", "--timeout", "0", SELECT], 2),
    (["query", "--name", "ties", "-p", "a=AZ", "-p", "b=Atlantis"], 2),
    (["query", "--name", "nothing"], 2),
    (["query", SELECT, "-p", "a=1"], 2),
    (["query", "--format", "xml", SELECT], 2),
    (["query", "--limit", "1", "SELECT * WHERE { ?s ?p ?o }"], 0),
    (["query", "missing.rq"], 2),
    (["export"], 0),
    (["export", "-c", "AZ"], 0),
    (["export", "-c", "AZ", "-c", "CU", "-f", "nt"], 0),
    (["export", "-o", "OUT/out.ttl"], 0),
    (["export", "-c", "Atlantis"], 2),
    (["export", "-o", "OUT/missing/out.ttl"], 5),
    (["export", "-f", "rdfxml"], 2),
    (["export", "-o", "STORE/CURRENT"], 5),
    (["export", "-o", "STORE"], 5),
    (["validate"], 0),
    (["countries"], 0),
    (["countries", "Azerbaijani"], 0),
    (["countries", "aze", "--search"], 0),
    (["countries", "373", "--scheme", "cow", "--year", "1995"], 0),
    (["countries", "031", "--scheme", "iso-numeric"], 0),
    (["countries", "AJ", "--scheme", "fips"], 0),
    (["countries", "AZE", "--scheme", "cameo"], 0),
    (["countries", "Atlantis"], 2),
    (["countries", "365", "--scheme", "cow", "--year", "-5"], 2),
    (["countries", "365", "--scheme", "cow", "--year", "100000"], 2),
    (["countries", "1" * 5000, "--scheme", "iso-numeric"], 2),
    (["countries", "x", "--scheme", "mars"], 2),
    (["stats"], 0),
    (["ties", "AZ", "CU"], 0),
    (["ties", "Azerbaijan", "Cuba", "--format", "json", "--from", "2000", "--to", "2022-10"], 0),
    (["ties", "AZ", "CU", "--format", "markdown", "--as-of", "2010"], 0),
    (["ties", "AZ", "AZ"], 2),
    (["ties", "AZ", "Atlantis"], 2),
    (["ties", "AZ", "CU", "--from", "2022-13"], 2),
    (["ties", "AZ", "CU", "--as-of", "-5"], 2),
    (["ties", "AZ", "CU", "--events", "-1"], 0),
    (["network", "centrality"], 0),
    (["network", "centrality", "--format", "json", "--directed", "--top", "0"], 0),
    (["network", "centrality", "--kind", "spies"], 2),
    (["network", "centrality", "--weight", "spies"], 2),
    (["network", "centrality", "--from", "2022-02-30"], 2),
    (["network", "communities"], 0),
    (["network", "path", "AZ", "CU"], 0),
    (["network", "path", "AZ", "Atlantis"], 2),
    (["network", "common", "AZ", "CU"], 0),
    (["network", "ego", "AZ"], 0),
    (["network", "ego", "Atlantis"], 2),
    (["network", "change", "2000:2009", "2010:2022"], 0),
    (["network", "change", "2000", "2010"], 2),
    (["network", "export", "-o", "OUT/n.graphml"], 0),
    (["network", "export", "-o", "OUT/n.txt"], 2),
    (["panel", "-o", "OUT/p.csv", "--from", "2020", "--to", "2022"], 0),
    (["panel", "-o", "OUT/p.csv", "--from", "2022", "--to", "2000"], 2),
    (["panel", "-o", "OUT/p.csv", "--from", "2020", "--to", "2022", "-c", "Atlantis"], 2),
    (["panel", "-o", "OUT/p.csv", "--from", "-5", "--to", "2"], 2),
    (["panel", "-o", "OUT/p.csv", "--from", "1", "--to", "9999"], 2),
    (["panel", "-o", "OUT/p.csv", "--from", "1816", "--to", "2000"], 2),
    (["panel", "-o", "STORE/p.csv", "--from", "2020", "--to", "2022"], 5),
    (["network", "export", "-o", "STORE/n.graphml"], 5),
    (["draw", "ego", "AZ", "-o", "STORE/e.png"], 5),
    (["draw", "ego", "AZ", "-o", "OUT/e.png"], 0),
    (["draw", "ego", "AZ", "-o", "OUT/e.gif"], 2),
    (["draw", "ego", "Atlantis", "-o", "OUT/e.svg"], 2),
    (["draw", "timeline", "AZ", "CU", "-o", "OUT/t.svg"], 0),
    (["draw", "timeline", "AZ", "AZ", "-o", "OUT/t.svg"], 2),
    (["extract", str(ARTICLE)], 0),
    (["extract", str(ARTICLE), "--load"], 0),
    (["extract", str(ARTICLE), "-o", "OUT/draft.yaml", "--date", "2022-10-07"], 0),
    (["extract", "missing.txt"], 2),
    (["extract", "binary.txt"], 2),
    (["extract", "/dev/zero"], 2),
    (["extract", "empty-folder"], 2),
    (["extract", str(ARTICLE), "-o", "STORE/draft.yaml"], 5),
    (["extract", str(ARTICLE), "--url", "javascript:1"], 2),
    (["extract", str(ARTICLE), "--date", "2022-02-30"], 2),
]


@pytest.fixture
def small_store(small_store_template: Path, tmp_path: Path) -> Path:
    """A private copy of the small store (conftest), named ``store``."""
    path = tmp_path / "store"
    shutil.copytree(small_store_template, path)
    return path


def no_traceback(result) -> None:
    """The run ended by an exit code, and printed no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(("args", "code"), INVOCATIONS, ids=[" ".join(a)[:60] for a, _ in INVOCATIONS])
def test_every_command_exits_with_its_documented_code(runner, small_store, tmp_path, monkeypatch, args, code):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_bytes(GOOD_YAML)
    (tmp_path / "bad.yaml").write_bytes(BAD_YAML)
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00\x01")
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "OUT").mkdir()
    args = [arg.replace("OUT/", f"{tmp_path / 'OUT'}/").replace("STORE", str(small_store)) for arg in args]
    result = runner.invoke(app, ["--store", str(small_store), *args])
    no_traceback(result)
    assert result.exit_code != 1 or args[0] == "validate"
    assert result.exit_code == code, result.stderr
    if code:
        assert result.stderr.startswith("Error: ") or "Usage:" in result.stderr, result.stderr
        assert result.stdout == ""


def test_validate_exits_1_when_the_store_does_not_conform(runner, small_store):
    update = (
        "INSERT DATA { <https://w3id.org/bilat/id/relation/az-cu> <https://schema.org/endDate> "
        '"1990"^^<http://www.w3.org/2001/XMLSchema#gYear> }'
    )
    assert runner.invoke(app, ["--store", str(small_store), "query", "--write", update]).exit_code == 0
    result = runner.invoke(app, ["--store", str(small_store), "validate"])
    no_traceback(result)
    assert result.exit_code == 1


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(max_size=40),
    scheme=st.sampled_from(["any", "cow", "fips", "iso-numeric", "cameo"]),
    year=st.one_of(st.none(), st.integers(min_value=-(10**30), max_value=10**30)),
)
def test_countries_never_fails_on_any_text_scheme_or_year(text, scheme, year):
    years = [] if year is None else ["--year", str(year)]
    result = CliRunner().invoke(app, ["countries", "--scheme", scheme, *years, "--", text])
    no_traceback(result)
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr


def _broken(*args, **kwargs):
    return 1 / 0


def test_an_unexpected_error_is_one_line_and_exit_3(runner, small_store, monkeypatch):
    monkeypatch.setattr(api, "stats", _broken)
    result = runner.invoke(app, ["--store", str(small_store), "stats"])
    assert (result.exit_code, result.stderr, result.stdout) == (3, INTERNAL, "")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_debug_prints_the_traceback_too(runner, small_store, monkeypatch, how):
    monkeypatch.setattr(api, "stats", _broken)
    options, env = (["--debug"], {}) if how == "option" else ([], {"BILAT_DEBUG": "1"})
    result = runner.invoke(app, [*options, "--store", str(small_store), "stats"], env=env)
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):\n")
    assert "ZeroDivisionError: division by zero\n" in result.stderr
    assert result.stderr.endswith(INTERNAL)


def test_an_unexpected_error_in_a_command_without_a_store_is_exit_3_too(runner, monkeypatch):
    monkeypatch.setattr(api, "countries", _broken)
    result = runner.invoke(app, ["countries", "AZ"])
    assert (result.exit_code, result.stderr) == (3, INTERNAL)


def test_keyboard_interrupt_is_not_an_internal_error(runner, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "countries", interrupted)
    result = runner.invoke(app, ["countries", "AZ"])
    assert result.exit_code == 130
    assert "internal error" not in result.stderr


def test_the_bilat_script_reports_an_unexpected_error_the_same_way(small_store):
    code = (
        "import sys, bilat.api\n"
        "bilat.api.stats = lambda *a, **k: 1 / 0\n"
        "from bilat.cli import main\n"
        f"sys.argv = ['bilat', '--store', {str(small_store)!r}, 'stats']\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "BILAT_DEBUG"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stderr, done.stdout) == (3, INTERNAL, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["export"], ["countries"], ["query", SELECT], ["ties", "AZ", "CU"]])
def test_standard_output_on_a_full_disk_is_exit_5(small_store, args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "bilat", "--store", str(small_store), *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert (done.returncode, done.stderr) == (
        5,
        "Error: cannot write to standard output: No space left on device\n",
    )


def test_an_output_file_on_a_full_disk_is_exit_5_and_the_old_file_stays(
    runner, small_store, tmp_path, monkeypatch
):
    """The disk fills while the file is written: simulated where the data is made durable."""

    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.ttl").write_bytes(b"old")
    monkeypatch.setattr("bilat.files.atomic.os.fsync", full)
    result = runner.invoke(app, ["--store", str(small_store), "export", "-o", "out.ttl"])
    assert (result.exit_code, result.stderr) == (
        5,
        "Error: cannot write out.ttl: No space left on device; the old file is unchanged\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "store"]
    assert (tmp_path / "out.ttl").read_bytes() == b"old"
