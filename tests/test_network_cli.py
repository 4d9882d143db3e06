"""``bilat network``, ``bilat panel`` and ``bilat draw`` on a store on disk: outputs, and refusals
that leave existing files alone."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from bilat.api import open_bilat_store
from bilat.cli import app
from bilat.files.bundled import data_dir
from bilat.graph.upgrade import mark_current
from bilat.graph.write import load_files

WORLD = Path(__file__).parent / "data" / "network_world.yaml"


@pytest.fixture(scope="module")
def world_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("world") / "store"
    store = open_bilat_store(path, seed=False)
    names = ("countries.jsonl", "areas.yaml", "azerbaijan-cuba.yaml")
    load_files(store, [data_dir() / name for name in names] + [WORLD])
    mark_current(store)
    store.close()
    return path


def run(runner, store_dir: Path, *args: str):
    return runner.invoke(app, ["--store", str(store_dir), *args])


def test_centrality_as_a_table_and_as_json(runner, world_dir):
    result = run(runner, world_dir, "network", "centrality")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:3] == ["code", "name", "degree"]
    assert lines[2].startswith("AZ ")  # the most central of the small world
    scores = json.loads(run(runner, world_dir, "network", "centrality", "-f", "json", "--top", "0").output)
    assert {s["code"]: s["degree"] for s in scores} == {"AZ": 3, "GE": 3, "TR": 2, "CU": 1, "RU": 1}


def test_path_common_ego_and_communities(runner, world_dir):
    result = run(runner, world_dir, "network", "path", "Cuba", "Russia")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "3 link(s):",
        "  Cuba -- Azerbaijan: relations, 1 mission, 4 events, trade $143,290",
        "  Azerbaijan -- Georgia: 1 agreement",
        "  Georgia -- Russian Federation: relations",
    ]
    common = run(runner, world_dir, "network", "common", "AZ", "TR").output
    assert "1 common partner(s) of Azerbaijan and Türkiye" in common and "Georgia" in common
    ego = run(runner, world_dir, "network", "ego", "Georgia", "--from", "2010").output
    assert ego.splitlines()[0] == "Georgia: 2 partner(s), 2 link(s)"  # relations with Russia ended 2008
    clusters = run(runner, world_dir, "network", "communities").output
    assert clusters.count(" countries: ") >= 2


def test_change_opens_the_store_once(runner, world_dir):
    result = run(runner, world_dir, "network", "change", "2000:2005", "2010:2022")
    assert result.exit_code == 0, result.output
    assert "Lost 1 tie(s):\n  Georgia -- Russian Federation: relations" in result.output
    focused = run(runner, world_dir, "network", "change", "2000:2005", "2010:2022", "-c", "CU").output
    assert "Azerbaijan -- Cuba: relations -> relations, 1 mission, 2 events, trade $143,290" in focused


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("network", "centrality", "--kind", "treaties"), "unknown tie kind treaties"),
        (("network", "centrality", "--weight", "missions", "--kind", "events"), "cannot weigh by"),
        (("network", "path", "Atlantis", "Cuba"), "Atlantis"),
        (("network", "path", "Cuba", "Bhutan"), "BT has no ties"),
        (("network", "change", "2000", "2010:2020"), "FROM:TO"),
        (("network", "ego", "CU", "--from", "2020-13"), "month"),
        (("panel", "-o", "panel.csv", "--from", "2022", "--to", "2021"), "first year"),
    ],
)
def test_bad_requests_exit_2(runner, world_dir, args, message):
    result = run(runner, world_dir, *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_graph_files(runner, world_dir, tmp_path):
    for suffix in ("graphml", "gexf", "csv", "json", "html"):
        path = tmp_path / f"net.{suffix}"
        result = run(runner, world_dir, "network", "export", "-o", str(path))
        assert result.exit_code == 0, result.output
        assert "5 countries, 5 links" in result.output
    assert sorted(nx.read_graphml(tmp_path / "net.graphml").nodes) == ["AZ", "CU", "GE", "RU", "TR"]
    directed = tmp_path / "directed.json"
    run(runner, world_dir, "network", "export", "-o", str(directed), "--directed", "--kind", "missions")
    data = json.loads(directed.read_text())
    assert data["directed"] is True
    assert {(link["source"], link["target"]) for link in data["links"]} == {
        ("AZ", "TR"),
        ("TR", "AZ"),
        ("CU", "AZ"),
    }


def test_a_refused_export_leaves_the_old_file(runner, world_dir, tmp_path):
    old = tmp_path / "net.txt"
    old.write_text("keep me")
    result = run(runner, world_dir, "network", "export", "-o", str(old))
    assert result.exit_code == 2 and "--format" in result.output
    missing_dir = tmp_path / "no" / "such" / "net.graphml"
    assert run(runner, world_dir, "network", "export", "-o", str(missing_dir)).exit_code == 5
    assert old.read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["net.txt"]


def test_panel_command(runner, world_dir, tmp_path):
    path = tmp_path / "panel.csv"
    result = run(
        runner,
        world_dir,
        "panel",
        "-o",
        str(path),
        "--from",
        "2021",
        "--to",
        "2022",
        "-c",
        "AZ",
        "-c",
        "CU",
        "-c",
        "TR",
    )
    assert result.exit_code == 0, result.output
    assert "6 pair-year rows" in result.output
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    cu_az = next(r for r in rows if (r["year"], r["iso1"], r["iso2"]) == ("2021", "CU", "AZ"))  # 40 < 373
    assert (cu_az["relations"], cu_az["missions12"], cu_az["missions21"], cu_az["trade_usd"]) == (
        "1",
        "1",
        "",
        "143290",
    )
    kept = tmp_path / "kept.csv"
    kept.write_text("old")
    bad = run(runner, world_dir, "panel", "-o", str(kept), "--from", "2021", "--to", "2022", "-c", "Atlantis")
    assert bad.exit_code == 2 and kept.read_text() == "old"


def test_draw_commands(runner, world_dir, tmp_path):
    ego = tmp_path / "ego.png"
    result = run(runner, world_dir, "draw", "ego", "Azerbaijan", "-o", str(ego))
    assert result.exit_code == 0, result.output
    assert ego.read_bytes().startswith(b"\x89PNG")
    timeline = tmp_path / "timeline.svg"
    assert run(runner, world_dir, "draw", "timeline", "AZ", "CU", "-o", str(timeline)).exit_code == 0
    assert "Azerbaijan and Cuba" in timeline.read_text()
    wrong = run(runner, world_dir, "draw", "ego", "AZ", "-o", str(tmp_path / "ego.gif"))
    assert wrong.exit_code == 2 and ".png, .svg" in wrong.output
