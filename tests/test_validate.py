"""Validating a whole store: on disk the shapes are asked of another process while the records are
rebuilt, once, and the doubts come from those same records."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bilat.api import open_bilat_store
from bilat.graph import validate
from bilat.graph.plausibility import store_doubts
from bilat.graph.shapes import Violation
from bilat.graph.validate import validate_store, validation
from bilat.register import bundled_register
from bilat.store import EmbeddedStore

BILAT = "https://w3id.org/bilat/ontology#"
RELATION = "https://w3id.org/bilat/id/relation/az-cu"
BROKEN = (
    f"INSERT DATA {{ <https://w3id.org/bilat/id/event/x> a <{BILAT}Event> . "
    f'<{RELATION}> <https://schema.org/endDate> "1990"^^<http://www.w3.org/2001/XMLSchema#gYear> }}'
)
IMPLAUSIBLE = """\
sources:
  - {id: test, kind: web_page, title: test}
relations:
  - {countries: [AZ, SUHH], established: 2000, sources: [test]}
posts:
  - {id: ru-post, title: Minister of Health of Russia, country: RU}
persons:
  - {id: someone, name: Someone}
holdings:
  - {person: someone, post: ru-post, start: 1985, sources: [test]}
"""


@pytest.fixture
def broken_dir(small_store_dir: Path) -> Path:
    """The small store on disk, with an event that says nothing and a relation ended before it began."""
    with open_bilat_store(small_store_dir, seed=False) as store:
        store.update(BROKEN)
    return small_store_dir


def _in_memory(store: EmbeddedStore) -> EmbeddedStore:
    copy = EmbeddedStore(None)
    copy.oxigraph.bulk_extend(store.oxigraph.quads_for_pattern(None, None, None, None))
    return copy


def test_a_store_on_disk_is_answered_by_another_process(broken_dir, monkeypatch):
    """The same findings as the same store in memory, though this process cannot ask the shapes."""
    with open_bilat_store(broken_dir, seed=False) as store:
        assert isinstance(store, EmbeddedStore)
        expected = validate_store(_in_memory(store))

        def not_here(store: object) -> list[Violation]:
            raise AssertionError("the shapes were asked in this process")

        monkeypatch.setattr(validate, "shape_violations", not_here)
        found = validate_store(store)
        assert found == expected
    ended = "is not a valid relation: established/ended: the end (1990) is before the start (1992-03-27)"
    assert Violation(RELATION, "", ended) in found
    event = "https://w3id.org/bilat/id/event/x"
    assert Violation(event, "https://schema.org/startDate", "Less than 1 values") in found
    assert Violation(event, f"{BILAT}involves", "Less than 2 values") in found


@pytest.mark.parametrize("trouble", ["no interpreter", "a failing process"])
def test_the_shapes_are_asked_here_when_no_other_process_answers(broken_dir, monkeypatch, trouble):
    with open_bilat_store(broken_dir, seed=False) as store:
        expected = validate_store(_in_memory(store))  # type: ignore[arg-type]
        if trouble == "no interpreter":
            monkeypatch.setattr(sys, "executable", str(broken_dir / "no-python"))
        else:
            monkeypatch.setattr(validate, "_ANSWER", "raise SystemExit(1)")
        assert validate_store(store) == expected


def test_a_store_whose_records_all_rebuild_reads_them_once(small_store_dir, monkeypatch):
    """The models' reasons are read again only when a record does not rebuild."""
    rebuilt: list[int] = []
    monkeypatch.setattr(validate, "unreadable_records", lambda rows: rebuilt.append(1) or {})
    with open_bilat_store(small_store_dir, seed=False) as store:
        validate_store(store)
        assert rebuilt == []
        store.update(BROKEN)
        validate_store(store)
        assert rebuilt == [1]


def test_the_doubts_come_from_the_records_read_for_the_violations(small_store_dir, tmp_path):
    data = tmp_path / "implausible.yaml"
    data.write_text(IMPLAUSIBLE, encoding="utf-8")
    register = bundled_register()
    with open_bilat_store(small_store_dir, seed=False) as store:
        from bilat.graph.write import load_files

        load_files(store, [data])
        found = validation(store, register)
        assert found.violations == []
        assert found.doubts == store_doubts(store, register)
        assert [d.record.rsplit("/", 1)[1] for d in found.doubts] == ["someone.ru-post.1985", "az-suhh"]


def test_a_malformed_decimal_in_the_store_is_a_finding_not_a_crash():
    """A store written by another tool may hold text typed as a decimal: validate names it."""
    store = EmbeddedStore(None)
    store.update(
        "INSERT DATA { <https://w3id.org/bilat/id/trade/az-cu.turnover.2021.usd.x> "
        "a <https://w3id.org/bilat/ontology#TradeFigure> ; "
        '<https://w3id.org/bilat/ontology#amount> "abc"^^<http://www.w3.org/2001/XMLSchema#decimal> }'
    )
    found = validate_store(store)
    assert any("trade/az-cu.turnover.2021.usd.x" in v.focus for v in found)
    assert any("'abc' is not a decimal number" in v.message for v in found)
