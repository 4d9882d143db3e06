"""A fresh Oxigraph server (started on 127.0.0.1 by the fixture) says what to do first; the same calls
on every backend, servers included, are the contract suite of ``tests/test_backends.py``."""

import pytest

from bilat.cli import app


@pytest.mark.parametrize(
    "command",
    [
        ["ties", "AZ", "CU"],
        ["network", "ego", "Cuba"],
        ["panel", "-o", "{tmp}/p.csv", "--from", "2000", "--to", "2001"],
    ],
)
def test_a_fresh_server_says_to_load_the_data_first(runner, oxigraph_server, tmp_path, command):
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = runner.invoke(app, ["--endpoint", oxigraph_server, *args])
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: the store at {oxigraph_server} holds no countries, so it cannot answer; load the bundled "
        "data first: bilat [--endpoint URL] load DATA_FOLDER (the data/ folder of bilat)\n"
    )
    assert not (tmp_path / "p.csv").exists()
