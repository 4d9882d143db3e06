"""Alliances (ATOP) and investment treaties (UNCTAD) as agreements, with their ends."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED

from bilat.dossier.build import ties
from bilat.graph.read import fetch_records
from bilat.importers import IMPORTERS, run_import
from bilat.model.dates import PartialDate
from bilat.model.window import Window
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register

REGISTER = bundled_register()


def run(store, name, path):
    return run_import(store, IMPORTERS[name], [path], REGISTER)


def agreement(store, key):
    [found] = fetch_records(store, [mint("agreement", key)])
    return found


def test_atop_gathers_members_dates_and_obligations(small_store):
    summary = run(small_store, "atop", FIXTURES / "atop_sample.csv")
    assert (summary.rows, summary.used, dict(summary.skipped), dict(summary.dropped)) == (
        8,
        6,
        {"COW number unknown": 1, "unreadable member, entry or exit date": 1},
        {"alliance with fewer than two known members": 1},
    )
    congress = agreement(small_store, "atop-1005")
    assert congress.parties == ("FR", "GB") and congress.kind.value == "alliance"
    assert (congress.signed, congress.ended) == (PartialDate(1815, 1, 3), PartialDate(1815, 2, 8))
    assert congress.title == "ATOP alliance 1005 (defence, consultation)"
    az_tr = agreement(small_store, "atop-3300")
    assert az_tr.parties == ("AZ", "TR") and az_tr.ended is None and az_tr.status.value == "in_force"
    assert az_tr.signed == PartialDate(1997, 3)  # day 0: known to the month
    assert [
        a.title for a in ties(small_store, REGISTER.resolve("AZ"), REGISTER.resolve("TR")).agreements
    ] == ["ATOP alliance 3300 (defence, non-aggression, consultation)"]


def test_unctad_treaties_keep_their_status_and_dates(small_store):
    summary = run(small_store, "unctad-bits", FIXTURES / "unctad_bits_sample.csv")
    assert (summary.rows, summary.used) == (6, 3)
    assert dict(summary.skipped) == {
        "party not in the register": 1,
        "not signed, in force or terminated": 1,
        "unreadable date": 1,
    }
    bleu = agreement(small_store, "bit-az-be-lu-2004-bleu-belgium-luxembourg-economic-union-a")
    assert bleu.parties == ("AZ", "BE", "LU") and bleu.in_force == PartialDate(2009, 6, 5)
    czech = agreement(small_store, "bit-az-cz-2011-czech-republic-azerbaijan-bit")
    assert (czech.status.value, czech.ended) == ("terminated", PartialDate(2020, 12, 31))
    window = ties(small_store, REGISTER.resolve("AZ"), REGISTER.resolve("CZ"), Window(PartialDate(2021)))
    assert window.agreements == []  # ended in 2020: not standing in 2021
    assert ties(small_store, REGISTER.resolve("AZ"), REGISTER.resolve("CZ")).agreements == [czech]


@pytest.mark.parametrize(
    ("name", "path", "used", "made"),
    [
        ("atop", "atop/atop-member-level.csv", 2397, 744),
        ("unctad-bits", "unctad-bits/BIT-origin.csv", 3302, 3302),
    ],
)
def test_the_real_files(small_store, name, path, used, made):
    real = SHARED / path
    if not real.exists():
        pytest.skip("the real sample is not on this machine")
    summary = run(small_store, name, real)
    assert summary.used == used and summary.load is not None
    assert summary.load.records["agreement"] == made
    again = run(small_store, name, real)
    assert again.load is not None and again.load.triples_added == 0
