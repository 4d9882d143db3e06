"""UN General Assembly votes: how alike each pair voted by year, a kind of tie of its own."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED

from bilat import api
from bilat.dossier.render import render_text
from bilat.graph.read import fetch_records
from bilat.graph.shape_checks import shape_violations
from bilat.importers import IMPORTERS, run_import
from bilat.network.panel import panel_rows
from bilat.rdf.namespaces import mint
from bilat.register import bundled_register

REGISTER = bundled_register()
VOTES = FIXTURES / "unvotes" / "un_votes.csv"


@pytest.fixture
def voted(small_store):
    summary = run_import(small_store, IMPORTERS["unvotes"], [VOTES], REGISTER)
    assert (summary.rows, summary.used) == (15, 12)
    assert dict(summary.skipped) == {
        "country not in the register": 1,
        "roll call not in the roll calls file": 1,
        "not a yes, no or abstain": 1,
    }
    return small_store


def agreement(store, key):
    [found] = fetch_records(store, [mint("vote-agreement", key)])
    return (found.votes, found.agreed)


def test_each_pair_and_year_counts_the_roll_calls_both_voted_in_and_voted_alike(voted):
    assert agreement(voted, "ca-us.1946") == (2, 1)  # no against yes, then no and no
    assert agreement(voted, "cu-us.1946") == (2, 1)  # yes and yes, then abstain against no
    assert agreement(voted, "ca-cu.1946") == (2, 0)
    assert agreement(voted, "az-cu.2019") == (2, 2)
    assert agreement(voted, "cu-us.2019") == (1, 0)  # the United States' "maybe" was skipped
    czechoslovakia = REGISTER.resolve("Czechoslovakia").code  # no ISO code in the file: found by name
    assert agreement(voted, f"{czechoslovakia.lower()}-us.1946") == (1, 1)


def test_the_dossier_the_network_and_the_panel_show_the_votes(voted):
    text = render_text(api.pair_ties(voted, "Azerbaijan", "Cuba"))
    assert (
        "UN General Assembly votes" in text and "2019        voted alike in 2 of 2 roll calls (100%)" in text
    )
    graph = api.country_network(voted, kinds=["votes"])
    assert graph["AZ"]["CU"]["votes"] == 1.0
    assert graph["CU"]["US"]["votes"] == 0.333  # alike in 1 of 3 roll calls, to three places
    pairs = [REGISTER.resolve(code) for code in ("AZ", "CU", "US")]
    rows = {(r["iso1"], r["iso2"], r["year"]): r for r in panel_rows(voted, REGISTER, 2018, 2019, pairs)}
    assert rows[("US", "CU", 2019)]["votes"] == 0.0  # they disagreed: a real zero, not missing
    assert rows[("CU", "AZ", 2019)]["votes"] == 1.0
    assert rows[("CU", "AZ", 2018)]["votes"] is None  # no roll calls that year
    assert shape_violations(voted) == []


@pytest.mark.slow
def test_the_real_votes(small_store):
    real = SHARED / "unvotes" / "un_votes.csv.gz"
    if not real.exists():
        pytest.skip("the real sample is not on this machine")
    summary = run_import(small_store, IMPORTERS["unvotes"], [real], REGISTER)
    assert summary.rows == 870_109 and summary.skipped_rows < 100
    assert summary.load is not None and summary.load.records["vote_agreement"] > 800_000
    [az_tr] = fetch_records(small_store, [mint("vote-agreement", "az-tr.2019")])
    assert (az_tr.votes, az_tr.agreed) == _counted_by_hand(real, "AZ", "TR", "2019")


def _counted_by_hand(votes: Path, a: str, b: str, year: str) -> tuple[int, int]:
    """Roll calls of ``year`` in which ``a`` and ``b`` both voted, and those they voted alike in."""
    with gzip.open(votes.parent / "un_roll_calls.csv.gz", "rt", encoding="utf-8") as calls:
        of_year = {row["rcid"] for row in csv.DictReader(calls) if row["date"].startswith(year)}
    cast: dict[str, dict[str, str]] = {a: {}, b: {}}
    with gzip.open(votes, "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            if row["rcid"] in of_year and row["country_code"] in cast:
                cast[row["country_code"]][row["rcid"]] = row["vote"]
    both = set(cast[a]) & set(cast[b])
    return len(both), sum(cast[a][call] == cast[b][call] for call in both)
