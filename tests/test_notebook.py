"""The notebook example of docs/api.md runs while the command line reads the same store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bilat.files.bundled import data_dir

API_PAGE = Path(__file__).parent.parent / "docs" / "api.md"


def _notebook_example() -> str:
    section = API_PAGE.read_text(encoding="utf-8").split("## In a notebook", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BILAT_STORE"}
    command = [sys.executable, "-m", "bilat", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)


@pytest.mark.slow
def test_the_notebook_example_runs_while_the_cli_reads_the_store(small_store_dir, tmp_path):
    namespace = {"STORE": str(small_store_dir), "PANEL": tmp_path / "panel.parquet"}
    example = _notebook_example().replace("    again.close()\n", "    again.close()\n    check(store)\n")

    def check(store: object) -> None:
        """While the notebook holds the store open: the command line reads it at once."""
        ties = _cli("--store", str(small_store_dir), "ties", "Azerbaijan", "Cuba")
        assert ties.returncode == 0, ties.stderr
        assert "Embassy of Cuba" in ties.stdout or "Cuba →" in ties.stdout
        busy = _cli("--store", str(small_store_dir), "load", str(data_dir() / "areas.yaml"))
        assert busy.returncode == 4 and "busy" in busy.stderr  # a write waits until the notebook closes

    namespace["check"] = check
    exec(compile(example, str(API_PAGE), "exec"), namespace)
    countries, panel, graph = namespace["countries"], namespace["panel"], namespace["graph"]
    assert list(countries.columns) == ["code", "name"] and "CU" in set(countries["code"])
    assert str(panel["ccode1"].dtype) == "Int64" and len(panel) == 9
    assert namespace["again"] is namespace["store"]
    assert graph.number_of_nodes() > 0 and namespace["hubs"]
    assert isinstance(namespace["rows"][0][0], str)
