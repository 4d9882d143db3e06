"""Alliances (ATOP), investment treaties (UNCTAD), environmental agreements (IEADB) and DESTA's treaty
list as agreements, with their dates, parties and ends."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, SHARED

from bilat.dossier.build import ties
from bilat.graph.read import fetch_records
from bilat.graph.write import count_triples
from bilat.importers import IMPORTERS, run_import
from bilat.importers.treaty_titles import TitleReader
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
        ("ieadb", "manytreaties/IEADB_treaties.csv", 1886, 1886),
        ("desta-treaties", "manytreaties/DESTA.csv", 1101, 1101),
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


# Environmental agreements (IEADB) and DESTA's treaty list. Both fixtures copy real rows of the
# files in ../shared/realdata/manytreaties (IEADB by Mitchell et al.; DESTA by Dür, Baccini and
# Elsig); the rows numbered 9001 and up are made up to hold a quirk the real rows lack.


def test_ieadb_reads_the_parties_from_the_title(small_store):
    summary = run(small_store, "ieadb", FIXTURES / "ieadb_sample.csv")
    assert (summary.rows, summary.used) == (14, 6)
    assert dict(summary.skipped) == {
        "title names fewer than two states": 1,  # England and Castile: neither in the register
        "not a binding environmental agreement between states": 1,
        "title names a state that did not stand then": 1,  # Russia in 1922, before the USSR
        "title does not name every party": 1,
        "title names more than two states": 1,  # Norway and Greenland/Denmark
        "typo year": 1,
        "title uses a name several states share": 1,
        "unreadable date": 1,
    }
    [shared] = summary.examples["title uses a name several states share"]
    assert shared.message.endswith("'congolese': Democratic Republic of the Congo (CD) or Congo (CG)")
    [typo] = summary.examples["typo year"]
    assert typo.line == 12 and typo.message == "typo year: signed 2699-01-01, after today"
    az_ge = agreement(small_store, "ieadb-9003")
    assert (az_ge.parties, az_ge.kind.value, az_ge.signed) == (
        ("AZ", "GE"),
        "environmental_agreement",
        PartialDate(1997, 2),
    )
    assert (az_ge.in_force, az_ge.status.value) == (
        None,
        "signed",
    )  # entry into force 2999-01-01: a placeholder
    assert ties(small_store, REGISTER.resolve("AZ"), REGISTER.resolve("GE")).agreements == [az_ge]


def test_ieadb_dates_historical_states_lineages_and_multilateral_parties(small_store):
    run(small_store, "ieadb", FIXTURES / "ieadb_sample.csv")
    laplanders = agreement(small_store, "ieadb-4035")  # 1826, date 0000-00-00: the year column
    assert (laplanders.parties, laplanders.signed) == (("NO", "XRUS"), PartialDate(1826))
    fishing = agreement(small_store, "ieadb-9")
    assert (fishing.parties, fishing.in_force, fishing.status.value) == (
        ("CH", "FR"),
        PartialDate(1882, 12, 22),
        "in_force",
    )
    assert fishing.base_agreement is None
    assert agreement(small_store, "ieadb-14").base_agreement == "ieadb-9"  # sequence 101.000 under 100.000
    assert agreement(small_store, "ieadb-8415").base_agreement is None  # no lineage
    assert agreement(small_store, "ieadb-2796").parties == ("DK", "FI", "NO", "SE")
    before = count_triples(small_store)
    again = run(small_store, "ieadb", FIXTURES / "ieadb_sample.csv")
    assert again.load is not None and again.load.triples_added == 0 and count_triples(small_store) == before


@pytest.mark.parametrize(
    ("title", "year", "states"),
    [
        (
            "Treaty between Britain and France concerning Access Rights to the American North Atlantic",
            1713,
            ("GB", "FR"),
        ),
        ("German-Mexican Agreement on financial cooperation", 2001, ("DE", "MX")),
        (
            "Agreement Between The United States of America And Russia For A Modus Vivendi",
            1894,
            ("US", "XRUS"),
        ),
        ("Agreement Between Finland And The USSR Concerning The Vuoksi River", 1972, ("FI", "SUHH")),
        (
            "Agreement For Cooperation Between The United States Of Brazil And The Swiss Confederation",
            1957,
            ("BR", "CH"),
        ),
        (
            "Convention Between The Federal Government Of The Federal Republic Of Yugoslavia And Romania",
            1998,
            ("CSXX", "RO"),
        ),
        (
            "Agreement Between Spain And Portugal On Cooperation In Matters Of Nuclear Safety",
            1980,
            ("ES", "PT"),
        ),
    ],
    ids=[
        "clause-only",
        "adjectives",
        "russian-empire",
        "ussr",
        "united-states-of-brazil",
        "fr-yugoslavia",
        "two-names",
    ],
)
def test_a_title_names_its_parties_as_of_the_year(title, year, states):
    assert TitleReader(REGISTER).states(title, PartialDate(year)).states == states


def test_a_clause_with_a_party_that_is_no_state_is_not_read_past():
    named = TitleReader(REGISTER).states(
        "Protocol to the Agreement between the European Economic Community and the Government of Denmark "
        "and the local Government of Greenland",
        PartialDate(1985),
    )
    assert (named.states, named.complete) == (("DK", "GL"), False)
    named = TitleReader(REGISTER).states(
        "Agreement between the European Community and the Republic of Seychelles on fishing off Mauritius",
        PartialDate(1990),
    )
    assert named.states == ("SC",)  # not Mauritius, which the subject names


def test_desta_treaty_list_reads_members_accessions_and_protocols(small_store):
    summary = run(small_store, "desta-treaties", FIXTURES / "desta_treaties_sample.csv")
    assert (summary.rows, summary.used) == (13, 8)
    assert dict(summary.skipped) == {
        "a withdrawal, not an agreement": 1,
        "not signed: still in negotiation": 1,
        "unknown ISO numeric code": 1,
        "invalid agreement": 1,  # in force (1974) before it was signed (1986), as the file says
        "fewer than two members": 1,
    }
    andean = agreement(small_store, "desta-26")
    assert andean.parties == ("BO", "CL", "CO", "EC", "PE") and andean.base_agreement is None
    venezuela = agreement(small_store, "desta-26plus1")
    assert (venezuela.kind.value, venezuela.base_agreement, venezuela.signed) == (
        "accession",
        "desta-26",
        PartialDate(1973),
    )
    assert "VE" in venezuela.parties and venezuela.status.value == "signed"
    quito = agreement(small_store, "desta-27")
    assert (quito.kind.value, quito.base_agreement, quito.in_force) == (
        "trade_agreement",
        "desta-26",
        PartialDate(1988),
    )
    assert agreement(small_store, "desta-451").parties == ("FI", "SUHH")  # 643 in 1960: the USSR
    assert agreement(small_store, "desta-9001").parties == ("CSHH", "HU")  # Czechoslovakia's own 200
    assert agreement(small_store, "desta-10").parties == ("AL", "XK")  # DESTA's 900 for Kosovo
    again = run(small_store, "desta-treaties", FIXTURES / "desta_treaties_sample.csv")
    assert again.load is not None and again.load.triples_added == 0


def test_desta_treaties_and_dyads_describe_one_agreement(small_store):
    run(small_store, "desta", FIXTURES / "desta_sample.csv")
    summary = run(small_store, "desta-treaties", FIXTURES / "desta_treaties_sample.csv")
    assert summary.load is not None and summary.load.replaced_records == 3  # numbers 1, 10 and 86
    found = ties(small_store, REGISTER.resolve("AZ"), REGISTER.resolve("GE")).agreements
    assert sorted(a.id for a in found) == ["desta-244", "desta-86"]  # the CIS is only in the dyads
    assert "desta-treaties" in next(a for a in found if a.id == "desta-86").sources


def test_the_real_manytreaties_files_account_for_every_row(small_store):
    folder = SHARED / "manytreaties"
    if not folder.exists():
        pytest.skip("the real sample is not on this machine")
    ieadb = run(small_store, "ieadb", folder / "IEADB_treaties.csv")
    assert ieadb.rows == 5728 == ieadb.used + ieadb.skipped_rows
    assert ieadb.skipped["not a binding environmental agreement between states"] == 5728 - 2296 - 1370
    assert agreement(small_store, "ieadb-4035").parties == ("NO", "XRUS")
    desta = run(small_store, "desta-treaties", folder / "DESTA.csv")
    assert desta.rows == 1217 == desta.used + desta.skipped_rows
    assert desta.skipped["not signed: still in negotiation"] == 82
