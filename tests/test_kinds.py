"""The fact-kind declarations (``model/kinds.py``): each names real fields, the ties query is written
from them, and the dossier keeps, orders and shows each kind as declared."""

from __future__ import annotations

import pytest

from bilat.model.dates import PartialDate
from bilat.model.kinds import KIND_BY_NAME, KINDS
from bilat.model.window import Window
from bilat.rdf.mapping import MAPPINGS
from bilat.rdf.ties_query import PATH, ties_query


def test_the_committed_ties_query_is_written_from_the_declarations():
    assert PATH.read_text(encoding="utf-8") == ties_query()


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
