"""The README's examples are what the commands print, run in order on one fresh store."""

import re
import shlex
from pathlib import Path

from bilat.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def examples() -> list[tuple[str, str]]:
    """Each ``$ bilat ...`` line of the README with the output shown under it."""
    found = []
    for block in re.findall(r"```\n(\$ bilat .*?)```", README, re.DOTALL):
        for command, output in re.findall(r"\$ (bilat [^\n]+)\n(.*?)(?=^\$ |\Z)", block, re.DOTALL | re.M):
            found.append((command, output))
    return found


def test_the_examples_print_what_the_readme_shows(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    ran = 0
    for command, expected in examples():
        args = shlex.split(command)[1:]
        # Examples that read the shared real-data samples run where those samples are present.
        if any(arg.startswith("../shared/") and not Path(arg).exists() for arg in args):
            continue
        result = runner.invoke(app, ["--store", str(tmp_path / "store"), *args])
        assert result.exit_code == 0, result.stderr
        assert result.stdout + result.stderr == expected, command
        ran += 1
    assert ran >= 1


def test_the_test_command_in_the_readme_is_the_one_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [command] = re.findall(r"\.venv/bin/pip install -e '\.\[test\]' && (.+)\n", README)
    assert command in ci


def test_the_pairs_the_readme_says_show_missions_do():
    from bilat import api

    bundled = api.open_bilat_store(memory=True)
    sentence = re.search(r"([^.]*) show real missions with no import", README)
    assert sentence is not None
    pairs = re.findall(r"`bilat ties (\w+) (\w+)`", sentence.group(1))
    assert len(pairs) == 2
    for a, b in pairs:
        assert api.pair_ties(bundled, a, b).missions, (a, b)
