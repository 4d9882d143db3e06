"""Random and mutated data files through ``bilat load``: whatever the bytes, the answer is exit 0 or a
refusal (exit 2) in one message, never a traceback, and a refused load leaves the store as it was.

The files start from the Azerbaijan–Cuba dossier (``data/azerbaijan-cuba.yaml``) as YAML or JSON
Lines; values, keys, records, sections and nesting are changed, then bytes are flipped, cut, repeated
or inserted, or the file is random from the start.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st
from typer.testing import CliRunner

from bilat.api import open_bilat_store
from bilat.cli import app
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.graph.upgrade import mark_current
from bilat.graph.write import load_files
from bilat.model.dataset import SECTIONS
from bilat.store import EmbeddedStore

BASE: dict[str, list[dict[str, Any]]] = read_file(data_dir() / "azerbaijan-cuba.yaml").dataset.model_dump(
    mode="json", exclude_defaults=True
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["AZ", "CU", "ZZ", "az", "NO", "2022-02-30", "2022-13", "1992", "", " x ", "USD", "a/b"]),
    st.sampled_from([r["id"] for section in BASE.values() for r in section if "id" in r]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_data(draw: st.DrawFn) -> Any:
    """The base data with a few changes to its records, keys, values, sections and nesting."""
    data: Any = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(0, 5))):
        section = draw(st.sampled_from(sorted(data))) if isinstance(data, dict) and data else None
        records = data.get(section) if section else None
        change = draw(
            st.sampled_from(["value", "drop-key", "add-key", "copy-record", "section", "nest", "whole"])
        )
        if change == "whole":
            data = draw(values)
        elif change == "section" and section:
            data[draw(st.sampled_from([section, "relationships", *SECTIONS]))] = draw(values)
        elif isinstance(records, list) and any(isinstance(r, dict) for r in records):
            record = draw(st.sampled_from([r for r in records if isinstance(r, dict)]))
            key = draw(st.sampled_from(sorted(map(str, record)) or ["id"]))
            if change == "value":
                record[key] = draw(values)
            elif change == "drop-key":
                record.pop(key, None)
            elif change == "add-key":
                record[draw(st.text(max_size=12))] = draw(values)
            elif change == "copy-record":
                records.append({**record, key: draw(values)})
            elif change == "nest":
                record[key] = [[[record.get(key)]]]
    return data


def _yaml(data: Any, flow: bool) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, sort_keys=False).encode()


def _jsonl(data: Any) -> bytes:
    if not isinstance(data, dict):
        return (json.dumps(data) + "\n").encode()
    lines = []
    for section, records in data.items():
        kind = SECTIONS[section].type_name if section in SECTIONS else str(section)
        for record in records if isinstance(records, list) else [records]:
            line = {"type": kind, **record} if isinstance(record, dict) else record
            lines.append(json.dumps(line, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few bytes flipped, cut, repeated or inserted."""
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        end = min(len(data), at + draw(st.integers(1, 40)))
        change = draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
        if change == "flip":
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
        elif change == "cut":
            data = data[:at] + data[end:]
        elif change == "repeat":
            data = data[:end] + data[at:end] * draw(st.integers(1, 30)) + data[end:]
        else:
            insert = draw(
                st.one_of(
                    st.binary(max_size=12),
                    st.sampled_from(
                        [b"&a ", b"*a", b"!!python/object:os.system ", b"{", b"[", b"\xef\xbb\xbf"]
                    ),
                )
            )
            data = data[:at] + insert + data[at:]
    return data


@st.composite
def data_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its content: mutated data, then mutated bytes, or random bytes."""
    suffix = draw(st.sampled_from([".yaml", ".jsonl"]))
    if draw(st.integers(0, 9)) == 0:
        return suffix, draw(st.binary(max_size=300))
    data = draw(mutated_data())
    content = _jsonl(data) if suffix == ".jsonl" else _yaml(data, draw(st.booleans()))
    return suffix, draw(mutated_bytes(content))


def _store_content(path: Path) -> bytes:
    store = EmbeddedStore(path)
    try:
        return bytes(store.oxigraph.dump(format=pyoxigraph.RdfFormat.N_QUADS))
    finally:
        store.close()


SMALL_DATA = ("countries.jsonl", "areas.yaml", "azerbaijan-cuba.yaml")


class FuzzStore:
    """A small store (the countries, the areas, the dossier), and what it holds now."""

    def __init__(self, path: Path) -> None:
        store = open_bilat_store(path, seed=False)
        load_files(store, [data_dir() / name for name in SMALL_DATA])
        mark_current(store)
        store.close()
        self.path, self.folder, self.content = path, path.parent, _store_content(path)

    def __repr__(self) -> str:  # not its content, in a failure's report
        return f"FuzzStore({self.path})"


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory) -> FuzzStore:
    return FuzzStore(tmp_path_factory.mktemp("fuzz") / "store")


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(file=data_files())
def test_load_refuses_or_loads_any_file_and_a_refusal_changes_nothing(fuzz_store, file):
    suffix, content = file
    data_file = fuzz_store.folder / f"fuzzed{suffix}"
    data_file.write_bytes(content)
    result = CliRunner().invoke(app, ["--store", str(fuzz_store.path), "load", str(data_file)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code in (0, 2), result.stderr
    event(f"exit {result.exit_code}")
    now = _store_content(fuzz_store.path)
    if result.exit_code == 0:
        fuzz_store.content = now  # the next file is loaded onto this
    else:
        assert result.stderr.startswith("Error: "), result.stderr
        assert result.stdout == ""
        assert now == fuzz_store.content
