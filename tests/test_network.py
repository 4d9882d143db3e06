"""The network of countries: projection, measures, graph files, panel and pictures, each checked
against values worked out by hand from ``tests/data/network_world.yaml`` and the Azerbaijan–Cuba
dossier, or from small graphs built here."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from bilat.dossier.build import ties
from bilat.dossier.timeline import timeline_picture
from bilat.errors import InputError, QueryError
from bilat.files.bundled import data_dir
from bilat.files.formats import GraphFormat, PictureFormat
from bilat.graph.write import load_files
from bilat.model.dates import PartialDate
from bilat.model.window import Window
from bilat.network import analysis
from bilat.network.ego import ego_picture
from bilat.network.files import edge_list, graph_bytes
from bilat.network.panel import COLUMNS, panel_rows
from bilat.network.projection import project
from bilat.register import bundled_register
from bilat.store import EmbeddedStore, Store

WORLD = Path(__file__).parent / "data" / "network_world.yaml"
REGISTER = bundled_register()


@pytest.fixture(scope="module")
def world() -> Iterator[Store]:
    store = EmbeddedStore(None)
    names = ("countries.jsonl", "areas.yaml", "azerbaijan-cuba.yaml")
    load_files(store, [data_dir() / name for name in names] + [WORLD])
    yield store
    store.close()


def edges(graph: nx.Graph) -> dict[tuple[str, str], dict[str, float]]:
    """Edges keyed by (a, b), a before b unless the graph is directed."""
    found = {}
    for a, b, data in graph.edges(data=True):
        key = (a, b) if graph.is_directed() or a < b else (b, a)
        found[key] = dict(data)
    return found


def window(start: str, end: str) -> Window:
    return Window(PartialDate.parse(start), PartialDate.parse(end))


# -- projection ---------------------------------------------------------------------------------


def test_the_projection_counts_each_kind_of_tie(world):
    assert edges(project(world, REGISTER)) == {
        ("AZ", "CU"): {"relations": 1, "missions": 1, "events": 4, "trade": 143290.0, "weight": 4},
        ("AZ", "TR"): {
            "missions": 2,
            "representation": 2,
            "agreements": 1,
            "events": 2,
            "trade": 1700.0,
            "weight": 5,
        },
        ("AZ", "GE"): {"agreements": 1, "weight": 1},
        ("GE", "TR"): {"agreements": 1, "weight": 1},
        ("GE", "RU"): {"relations": 1, "weight": 1},
    }


def test_a_period_keeps_standing_ties_and_the_facts_dated_in_it(world):
    early = edges(project(world, REGISTER, window=window("2000", "2005")))
    # The Cuban embassy (2007), the events and trade come later; the Turkish embassy in Baku is only
    # known from a 2022 list; Turkey's ambassador was observed in 2000.
    assert early[("AZ", "CU")] == {"relations": 1, "weight": 1}
    assert early[("AZ", "TR")] == {"missions": 1, "representation": 1, "agreements": 1, "weight": 3}
    late = edges(project(world, REGISTER, window=window("2010", "2022")))
    assert ("GE", "RU") not in late  # relations ended in 2008
    assert late[("AZ", "CU")]["events"] == 2  # the 2020 aid and the 2022 meeting
    assert "representation" not in late[("AZ", "TR")]


def test_a_directed_projection_gives_each_arc_its_own_ties(world):
    arcs = edges(project(world, REGISTER, directed=True))
    assert arcs[("AZ", "TR")] == {"missions": 1, "agreements": 1, "events": 2, "trade": 1200.0, "weight": 4}
    assert arcs[("TR", "AZ")] == {
        "missions": 1,
        "representation": 2,
        "agreements": 1,
        "events": 1,
        "trade": 500.0,
        "weight": 5,
    }
    # Three Cuban-Azerbaijani events have Cuba as source; one (relations established) has no direction.
    assert arcs[("CU", "AZ")]["events"] == 4
    assert arcs[("AZ", "CU")]["events"] == 1
    # Turnover alone has no direction: it goes on both arcs.
    assert arcs[("AZ", "CU")]["trade"] == arcs[("CU", "AZ")]["trade"] == 143290.0


def test_chosen_kinds_only(world):
    graph = project(world, REGISTER, kinds=["agreements"])
    assert set(edges(graph)) == {("AZ", "GE"), ("AZ", "TR"), ("GE", "TR")}
    assert graph.nodes["TR"]["iso3"] == "TUR"
    with pytest.raises(InputError, match="unknown tie kind treaties"):
        project(world, REGISTER, kinds=["treaties"])


def test_the_trade_of_a_year_is_the_larger_of_turnover_and_flows(world):
    # AZ->TR: AZ reports 1000 exported, TR 1200 imported: 1200. TR->AZ 500. Turnover 1500 < 1700.
    # The EUR figure and the nine-month figure are left out.
    graph = project(world, REGISTER, kinds=["trade"])
    assert graph["AZ"]["TR"]["trade"] == 1700.0


# -- measures on small graphs ------------------------------------------------------------------


def star() -> nx.Graph:
    graph = nx.Graph(kinds="events")
    for leaf in "BCDE":
        graph.add_edge("A", leaf, events=1, weight=1)
    return graph


def test_centrality_of_a_star():
    scores = {s.code: s for s in analysis.centrality(star())}
    assert scores["A"].degree == 4 and scores["B"].degree == 1
    assert scores["A"].betweenness == pytest.approx(1.0)  # every chain between leaves passes A
    assert scores["B"].betweenness == 0.0
    # PageRank, damping d, n nodes: a leaf gets (1-d)/n + d*c/4 and the centre (1-d)/n + 4*d*l,
    # so c = (1 + 4d) / (n (1 + d)) and l = (1 - c) / 4.
    n, d = 5, 0.85
    centre = (1 + 4 * d) / (n * (1 + d))
    leaf = (1 - centre) / 4
    assert scores["A"].pagerank == pytest.approx(centre, rel=1e-4)
    assert scores["B"].pagerank == pytest.approx(leaf, rel=1e-4)
    assert sum(s.pagerank for s in scores.values()) == pytest.approx(1.0)
    # Eigenvector of a star: centre 1/sqrt(2), each leaf 1/(2 sqrt(2)) (normalised to length 1).
    assert scores["A"].eigenvector == pytest.approx(2**-0.5, rel=1e-4)
    assert scores["C"].eigenvector == pytest.approx(0.5 * 2**-0.5, rel=1e-4)


def test_strength_adds_up_the_chosen_weight():
    graph = nx.Graph(kinds="events,trade")
    graph.add_edge("A", "B", events=3, trade=10.0, weight=2)
    graph.add_edge("A", "C", events=2, weight=1)
    by_events = {s.code: s.strength for s in analysis.centrality(graph, "events")}
    assert by_events == {"A": 5.0, "B": 3.0, "C": 2.0}
    assert {s.code: s.strength for s in analysis.centrality(graph)}["A"] == 3.0
    with pytest.raises(QueryError, match="cannot weigh by 'missions'"):
        analysis.centrality(graph, "missions")


def test_two_cliques_joined_by_one_edge_are_two_communities():
    graph = nx.Graph(kinds="events")
    for group in ("ABCD", "EFGH"):
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                graph.add_edge(a, b, events=1, weight=1)
    graph.add_edge("D", "E", events=1, weight=1)
    assert analysis.communities(graph) == [["A", "B", "C", "D"], ["E", "F", "G", "H"]]
    again = analysis.communities(graph)
    assert again == analysis.communities(graph)


def test_the_chain_prefers_the_strongest_of_the_shortest():
    graph = nx.Graph(kinds="events")
    graph.add_edge("A", "B", events=1, weight=1)
    graph.add_edge("B", "D", events=1, weight=1)
    graph.add_edge("A", "C", events=5, weight=3)
    graph.add_edge("C", "D", events=5, weight=2)
    graph.add_edge("D", "E", events=1, weight=1)
    links = analysis.chain(graph, "A", "E")
    assert [(link.a, link.b) for link in links] == [("A", "C"), ("C", "D"), ("D", "E")]
    assert links[0].ties == {"events": 5}
    graph.add_node("Z")
    with pytest.raises(QueryError, match="no chain"):
        analysis.chain(graph, "A", "Z")


def test_common_partners_and_ego(world):
    graph = project(world, REGISTER)
    partners = analysis.common_partners(graph, "AZ", "TR")
    assert [p.code for p in partners] == ["GE"]
    assert partners[0].with_a == {"agreements": 1} and partners[0].with_b == {"agreements": 1}
    assert sorted(analysis.ego(graph, "GE")) == ["AZ", "GE", "RU", "TR"]
    assert sorted(analysis.ego(graph, "RU", radius=2)) == ["AZ", "GE", "RU", "TR"]
    links = analysis.chain(graph, "CU", "RU")
    assert [(link.a, link.b) for link in links] == [("CU", "AZ"), ("AZ", "GE"), ("GE", "RU")]


def test_change_between_two_periods(world):
    before = project(world, REGISTER, window=window("2000", "2005"))
    after = project(world, REGISTER, window=window("2010", "2022"))
    found = analysis.change(before, after)
    assert [(link.a, link.b) for link in found.lost] == [("GE", "RU")]
    assert found.gained == []
    changed = {(old.a, old.b): (old.ties, new.ties) for old, new in found.changed}
    assert changed[("AZ", "CU")] == (
        {"relations": 1},
        {"relations": 1, "missions": 1, "events": 2, "trade": 143290.0},
    )
    strengths = {code: (was, now) for code, _, was, now in found.countries}
    assert strengths["RU"] == (1.0, 0.0)
    assert strengths["CU"] == (1.0, 4.0)


# -- files ----------------------------------------------------------------------------------------


def test_graphml_and_gexf_read_back_as_the_same_graph(world, tmp_path):
    graph = project(world, REGISTER)
    for format, read in ((GraphFormat.GRAPHML, nx.read_graphml), (GraphFormat.GEXF, nx.read_gexf)):
        path = tmp_path / f"net.{format.value}"
        path.write_bytes(graph_bytes(graph, format))
        back = read(path)
        assert sorted(back.nodes) == sorted(graph.nodes), format
        assert back.nodes["AZ"]["name"] == "Azerbaijan"
        assert float(back.edges["AZ", "TR"]["trade"]) == 1700.0, format
        assert int(back.edges["AZ", "TR"]["weight"]) == 5, format


def test_the_edge_list_and_json(world):
    graph = project(world, REGISTER)
    rows = list(csv.DictReader(io.StringIO(edge_list(graph))))
    assert len(rows) == graph.number_of_edges()
    az_tr = next(r for r in rows if {r["source"], r["target"]} == {"AZ", "TR"})
    assert az_tr["missions"] == "2" and az_tr["trade"] == "1700" and az_tr["relations"] == ""
    data = json.loads(graph_bytes(graph, GraphFormat.JSON))
    assert data["kinds"] == ["relations", "missions", "representation", "agreements", "events", "trade"]
    assert {"id": "RU", "name": "Russian Federation", "iso3": "RUS", "wikidata": "Q159"} in data["nodes"]
    assert len(data["links"]) == 5


def test_the_html_view_is_self_contained(world):
    graph = project(world, REGISTER)
    graph.nodes["AZ"]["name"] = "</script><b>"
    page = graph_bytes(graph, GraphFormat.HTML).decode()
    assert "</script><b>" not in page  # a name cannot end the script
    assert not re.search(r"(src|href)=\"?https?:", page)  # nothing fetched
    script = page.split("<script>")[1].split("</script>")[0]
    data = json.loads(re.search(r"const graph = (.*);\n", script)[1])  # type: ignore[index]
    assert data["nodes"][0]["name"] == "</script><b>"
    assert all("x" in n and "y" in n for n in data["nodes"])


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to parse the page's script")
def test_the_html_view_script_parses(world, tmp_path):
    page = graph_bytes(project(world, REGISTER), GraphFormat.HTML).decode()
    script = tmp_path / "view.js"
    script.write_text(page.split("<script>")[1].split("</script>")[0])
    subprocess.run(["node", "--check", str(script)], check=True)


# -- panel ---------------------------------------------------------------------------------------


def panel(world: Store, first: int, last: int, *codes: str) -> dict[tuple[int, str, str], dict[str, object]]:
    """The panel's rows by (year, a, b) with a before b in ISO order, and its columns seen from a:
    ``_ab`` for a to b, ``_ba`` for b to a (the panel itself orders pairs by COW code)."""
    countries = [REGISTER.resolve(code) for code in codes]
    return {
        (r["year"], *sorted((r["iso1"], r["iso2"]))): oriented(r)
        for r in panel_rows(world, REGISTER, first, last, countries)
    }


SEEN_FROM_A = {
    "missions_ab": "missions12",
    "missions_ba": "missions21",
    "level_ab": "level12",
    "level_ba": "level21",
    "trade_ab_usd": "trade12_usd",
    "trade_ba_usd": "trade21_usd",
    "a_cow": "ccode1",
    "b_cow": "ccode2",
    "b_iso3": "iso3_2",
}


def oriented(row: dict[str, object]) -> dict[str, object]:
    """The row with columns named from a, the first in ISO order (``missions_ab`` from a to b)."""
    swap = str.maketrans("12", "21") if str(row["iso1"]) > str(row["iso2"]) else str.maketrans("", "")
    return {**row, **{seen: row[column.translate(swap)] for seen, column in SEEN_FROM_A.items()}}


def test_the_panel_matches_a_table_built_by_hand(world):
    rows = panel(world, 2021, 2022, "AZ", "CU", "TR")
    assert len(rows) == 6 and all(set(COLUMNS) <= set(r) for r in rows.values())
    columns = (
        "relations",
        "missions_ab",
        "missions_ba",
        "agreements_in_force",
        "events",
        "trade_usd",
        "trade_ab_usd",
        "trade_ba_usd",
    )
    expected = {
        # Missions are covered from 2022 (the 2022 list); before, only missions known open count.
        (2021, "AZ", "CU"): (1, None, 1, None, None, Decimal(143290), None, None),
        (2022, "AZ", "CU"): (1, 0, 1, None, 1, None, None, None),
        (2021, "AZ", "TR"): (None, 1, None, 1, None, Decimal(1700), Decimal(1200), Decimal(500)),
        (2022, "AZ", "TR"): (None, 1, 1, 1, None, None, None, None),
        (2021, "CU", "TR"): (None, None, None, None, None, None, None, None),
        (2022, "CU", "TR"): (None, 0, 0, None, None, None, None, None),
    }
    assert {key: tuple(row[c] for c in columns) for key, row in rows.items()} == expected
    assert rows[(2022, "AZ", "CU")]["events_meeting"] == 1
    assert rows[(2022, "AZ", "CU")]["events_visit"] is None  # news covers only what it reports
    assert (rows[(2021, "AZ", "TR")]["a_cow"], rows[(2021, "AZ", "TR")]["b_cow"]) == (373, 640)
    assert rows[(2021, "AZ", "TR")]["b_iso3"] == "TUR"


def test_the_panel_knows_zeros_only_where_a_dataset_covers_the_year(world):
    rows = panel(world, 2000, 2011, "AZ", "GE", "TR")
    # Agreements are covered for 2002 (the treaty list's span), events for 2010 (the feed's).
    assert rows[(2002, "AZ", "TR")]["agreements_signed"] == 1
    assert rows[(2002, "AZ", "GE")]["agreements_signed"] == 1
    assert rows[(2003, "AZ", "TR")]["agreements_signed"] is None
    assert rows[(2003, "AZ", "TR")]["agreements_in_force"] == 1
    assert rows[(2010, "AZ", "TR")]["events"] == 2
    assert rows[(2010, "AZ", "TR")]["events_visit"] == 1
    assert rows[(2010, "AZ", "GE")]["events"] == 0
    assert rows[(2011, "AZ", "GE")]["events"] is None
    assert rows[(2000, "AZ", "TR")]["level_ba"] == "ambassador"
    assert rows[(2001, "AZ", "TR")]["level_ba"] is None


def test_relations_in_the_panel_follow_their_dates(world):
    rows = panel(world, 1991, 2009, "GE", "RU")
    assert [rows[(y, "GE", "RU")]["relations"] for y in (1991, 1992, 2008, 2009)] == [0, 1, 1, 0]


def test_the_default_panel_pairs_the_members_of_the_state_system(world):
    rows = list(panel_rows(world, REGISTER, 1992, 1992))
    members = {r["iso1"] for r in rows} | {r["iso2"] for r in rows}
    assert {"AZ", "GE", "RU", "US"} <= members and "SU" not in members
    assert len(rows) == len(members) * (len(members) - 1) // 2
    assert all(r["ccode1"] < r["ccode2"] for r in rows)  # type: ignore[operator]


def test_each_pair_year_has_one_row_with_the_lower_cow_code_first(world):
    rows = list(panel_rows(world, REGISTER, 1991, 1992))
    keys = [(r["ccode1"], r["ccode2"], r["year"]) for r in rows]
    assert len(keys) == len(set(keys))  # 365 is the Soviet Union, then Russia, in 1991: one row
    assert all(r["ccode1"] < r["ccode2"] for r in rows)  # type: ignore[operator]
    assert COLUMNS[:3] == ("ccode1", "ccode2", "year")
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,31}", column) for column in COLUMNS)  # Stata names


def test_the_directed_panel_has_both_arcs_mirrored(world):
    countries = [REGISTER.resolve(code) for code in ("AZ", "CU", "TR")]
    once = list(panel_rows(world, REGISTER, 2000, 2022, countries))
    both = {
        (r["iso1"], r["iso2"], r["year"]): r
        for r in panel_rows(world, REGISTER, 2000, 2022, countries, directed=True)
    }
    assert len(both) == 2 * len(once)
    for row in once:
        back = both[(row["iso2"], row["iso1"], row["year"])]
        assert both[(row["iso1"], row["iso2"], row["year"])] == row
        swap = str.maketrans("12", "21")  # ccode1 <-> ccode2, missions12 <-> missions21, iso3_1 <-> iso3_2
        assert {column: back[column.translate(swap)] for column in COLUMNS} == {c: row[c] for c in COLUMNS}


def test_levels_of_representation_carry_their_cow_codes(world):
    rows = [
        r for r in panel_rows(world, REGISTER, 1990, 2010, [REGISTER.resolve(c) for c in ("AZ", "TR", "GE")])
    ]
    levels = [(r["level12"], r["level12_cow"]) for r in rows if r["level12"]] + [
        (r["level21"], r["level21_cow"]) for r in rows if r["level21"]
    ]
    assert ("ambassador", 3) in levels
    codes = {"none": 0, "charge_d_affaires": 1, "minister": 2, "ambassador": 3, "other": 9}
    assert all(code == codes[word] for word, code in levels)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".dta"])
def test_the_panel_file_reads_back_with_numbers_as_numbers(world, tmp_path, suffix):
    import pandas as pd

    from bilat import api

    output = tmp_path / f"panel{suffix}"
    codes = ["AZ", "CU", "TR"]
    assert api.panel(world, output, 2020, 2022, codes, REGISTER) == 9
    read = {".csv": pd.read_csv, ".parquet": pd.read_parquet, ".dta": pd.read_stata}[suffix]
    frame = read(output)
    assert list(frame.columns) == list(COLUMNS)
    expected = list(panel_rows(world, REGISTER, 2020, 2022, [REGISTER.resolve(c) for c in codes]))
    for column in ("ccode1", "year", "relations", "missions12", "trade_usd", "events"):
        assert pd.api.types.is_numeric_dtype(frame[column]), column
        found = [None if pd.isna(v) else float(v) for v in frame[column]]
        assert found == [None if r[column] is None else float(r[column]) for r in expected], column
    assert list(frame["name1"]) == [r["name1"] for r in expected]


def test_a_bad_panel_request_is_refused(world):
    with pytest.raises(InputError, match="first year"):
        list(panel_rows(world, REGISTER, 2022, 2021))
    with pytest.raises(InputError, match="at least two"):
        list(panel_rows(world, REGISTER, 2021, 2022, [REGISTER.resolve("AZ")]))


# -- pictures ---------------------------------------------------------------------------------


def test_the_ego_picture(world):
    graph = project(world, REGISTER)
    png = ego_picture(graph, "AZ", PictureFormat.PNG)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    svg = ego_picture(graph, "AZ", PictureFormat.SVG).decode()
    for text in ("Azerbaijan", "Cuba", "Türkiye", "Georgia", "missions", "relations"):
        assert text in svg, text
    assert svg == ego_picture(graph, "AZ", PictureFormat.SVG).decode()  # repeatable


def test_the_timeline_picture(world):
    dossier = ties(world, REGISTER.resolve("AZ"), REGISTER.resolve("CU"), events=None)
    svg = timeline_picture(dossier, PictureFormat.SVG).decode()
    for text in (
        "1992-03-27",
        "2007-10-12",
        "2022-10-07",
        "143,290 USD",
        "10 documents signed",
        "event: aid",
    ):
        assert text in svg, text
    png = timeline_picture(dossier, PictureFormat.PNG)
    assert png.startswith(b"\x89PNG")


def test_the_panel_file_follows_a_country_whose_cow_number_changes(world, tmp_path):
    from bilat import api

    output = tmp_path / "germany.csv"
    api.panel(world, output, 1989, 1991, ["DE", "US", "FR"], REGISTER)
    written = [
        (r["ccode1"], r["ccode2"], r["year"], r["iso1"], r["iso2"]) for r in csv.DictReader(output.open())
    ]
    countries = [REGISTER.resolve(c) for c in ("DE", "US", "FR")]
    expected = [
        (str(r["ccode1"]), str(r["ccode2"]), str(r["year"]), r["iso1"], r["iso2"])
        for r in panel_rows(world, REGISTER, 1989, 1991, countries)
    ]
    assert written == expected
    assert {row[:2] for row in written if "DE" in row[3:]} >= {
        ("2", "255"),
        ("2", "260"),
    }  # FRG, then Germany
