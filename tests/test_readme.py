"""The README's examples are what the commands print."""

import re
import shlex
from pathlib import Path

from bilat.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_the_tour_output_is_real(runner, store_dir):
    blocks = re.findall(r"```\n\$ (bilat [^\n]+)\n(.*?)```", README, re.DOTALL)
    assert blocks, "the README shows no command with its output"
    for command, expected in blocks:
        args = shlex.split(command)[1:]
        result = runner.invoke(app, ["--store", str(store_dir), *args])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == expected, command


def test_the_test_command_in_the_readme_is_the_one_ci_runs():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    [command] = re.findall(r"\.venv/bin/pip install -e '\.\[test\]' && (.+)\n", README)
    assert command in ci
