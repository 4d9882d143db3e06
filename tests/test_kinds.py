"""The fact-kind declarations (``model/kinds.py``): each names real fields, the ties query is written
from them, and the dossier keeps, orders and shows each kind as declared."""

from __future__ import annotations

import pytest

from bilat.model.dates import PartialDate
from bilat.model.kinds import KIND_BY_NAME, KINDS
from bilat.model.window import Window
from bilat.rdf.kind_queries import ties_query, written
from bilat.rdf.mapping import MAPPINGS


def test_the_committed_queries_are_written_from_the_declarations():
    files = written()
    assert {path.name for path in files} == {"ties.rq", "network-agreements.rq"}
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"run python -m bilat.rdf.kind_queries --write ({path.name})"
        )


def test_every_counted_kind_has_a_network_query():
    from bilat.queries import stored_names

    counted = {f"network-{kind.tie}" for kind in KINDS if kind.in_network}
    assert counted <= set(stored_names())


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.name)
def test_each_declaration_names_fields_of_its_record_and_its_mapping(kind):
    fields = kind.record.model_fields
    named = [*kind.pair, *kind.start, *(f for f in (kind.end, kind.each) if f)]
    assert [f for f in named if f not in fields] == []
    assert all(f in MAPPINGS[kind.record].predicates for f in kind.pair)


def test_a_directed_kind_gets_an_arm_each_way_and_an_undirected_one_arm():
    text = ties_query()
    assert text.count("a bilat:TradeFigure .") == 2
    assert text.count("?s a bilat:BilateralRelation ;") == 1
    assert "bilat:Event" not in text  # events come through the event index


def test_the_window_keeps_intervals_points_and_dates_of_each_as_declared():
    from bilat.model.dataset import Representation, TradeFigure

    window = Window(PartialDate.parse("2021"), PartialDate.parse("2021"))
    figure = TradeFigure(
        flow="turnover",
        reporter="AZ",
        partner="CU",
        period="2021",
        amount="143290",
        currency="USD",
        sources=("s",),
    )
    assert KIND_BY_NAME["trade"].keeps(figure, window)
    assert not KIND_BY_NAME["trade"].keeps(figure.model_copy(update={"period": PartialDate(2019)}), window)
    levels = Representation(
        sending="AZ", host="CU", level="ambassador", years=("2019", "2021"), sources=("s",)
    )
    kind = KIND_BY_NAME["representations"]
    assert kind.keeps(levels, window)
    assert kind.trimmed(levels, window).years == (PartialDate(2021),)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["relations", "missions", "agreements", "counts", "trade"])
@pytest.mark.parametrize("years", [(None, None), (2007, 2007), (2020, 2022), (1990, 1995)])
def test_a_written_network_query_counts_what_the_window_keeps(small_store, name, years):
    """The query written from a declaration counts, per pair, the facts the dossier's window keeps."""
    from itertools import combinations

    from bilat.graph.read import fetch_records
    from bilat.rdf.kind_queries import network_query
    from bilat.rdf.namespaces import key_of

    kind = KIND_BY_NAME[name]
    window = Window(*(PartialDate(y) if y else None for y in years))
    cls = MAPPINGS[kind.record].classes[0]
    subjects = [str(row[0]) for row in small_store.values(f"SELECT ?s WHERE {{ ?s a <{cls}> }}").rows]
    expected: dict[tuple[str, str], int] = {}
    for record in fetch_records(small_store, subjects):
        if kind.keeps(record, window):
            values = [getattr(record, field) for field in kind.pair]
            pairs = [tuple(values)] if kind.directed else combinations(sorted(values[0]), 2)
            for pair in pairs:
                expected[pair] = expected.get(pair, 0) + 1
    bounds = {k: v for k, v in window.bounds().items() if f"?{k}" in network_query(kind)}
    rows = small_store.values(query_prefixed(network_query(kind)), bounds).rows
    found = {(key_of(str(a), "country"), key_of(str(b), "country")): int(str(n)) for a, b, n in rows}
    assert expected or years != (None, None) or name == "agreements"  # the small data has no agreements
    assert found == expected


def query_prefixed(text: str) -> str:
    from bilat.queries import PREFIXES, query_body

    return query_body(PREFIXES) + text
