"""The store folder is bilat's alone: a marker says bilat made it, a folder that is not bilat's is never
written to, and only a checkpoint that bilat made for a write that never finished is ever put back."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from bilat.cli import app
from bilat.errors import StoreError
from bilat.store import EmbeddedStore
from bilat.store.checkpoint import checkpoint

NT = pyoxigraph.RdfFormat.N_TRIPLES
ONE = b'<https://example.org/a> <https://example.org/p> "1" .\n'
HALF = b'<https://example.org/half> <https://example.org/p> "2" .\n'
CHECKPOINT_BLURB = (
    "is in the way: bilat keeps what a bulk write to the store at {store} needs under that name, and this "
    "one belongs to no unfinished bulk write; bilat will neither use nor delete it: remove it if it is "
    "not wanted, and open the store again"
)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``, by relative path: a file's bytes, None for a folder."""
    return {
        str(p.relative_to(folder)): None if p.is_dir() else p.read_bytes() for p in sorted(folder.rglob("*"))
    }


def make_store(path: Path) -> None:
    """A closed store at ``path`` holding one triple."""
    store = EmbeddedStore(path)
    with store.writing():
        store.oxigraph.load(ONE, format=NT)
    store.close()


def interrupted_bulk_write(path: Path) -> None:
    """A store of one triple whose bulk write of a second died half way, as a killed process leaves it."""
    store = EmbeddedStore(path)
    with store.writing():
        store.oxigraph.load(ONE, format=NT)
        with pytest.raises(RuntimeError), checkpoint(store.oxigraph, path):
            store.oxigraph.bulk_load(HALF, format=NT)
            raise RuntimeError("the process dies here")
    assert len(store.oxigraph) == 2
    store.close()


def triples(path: Path) -> int:
    store = EmbeddedStore(path)
    try:
        return len(store.oxigraph)
    finally:
        store.close()


# -- the marker -------------------------------------------------------------------------------------


def test_a_folder_that_is_not_a_store_is_refused_and_left_byte_for_byte_unchanged(tmp_path):
    path = tmp_path / "photos"
    (path / "2019").mkdir(parents=True)
    (path / "2019" / "beach.jpg").write_bytes(b"\xff\xd8 not really a picture")
    (path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (path / "CURRENT").write_text("MANIFEST-000001\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == (
        f"{path} is not a bilat store: the folder is not empty and has no BILAT-STORE file (it holds "
        "2019, CURRENT, notes.txt); bilat leaves it unchanged. Give an empty or new folder for the store."
    )
    assert snapshot(tmp_path) == before


def test_the_command_line_refuses_a_folder_that_is_not_a_store_with_exit_code_4(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = runner.invoke(app, ["--store", str(tmp_path), "query", "ASK { ?s ?p ?o }"])
    assert result.exit_code == 4
    assert f"{tmp_path} is not a bilat store: the folder is not empty" in result.stderr
    assert snapshot(tmp_path) == before


def test_a_file_given_as_the_store_is_refused(tmp_path):
    path = tmp_path / "data.ttl"
    path.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == (
        f"{path} is a file, not a bilat store folder; give an empty or new folder for the store"
    )
    assert path.read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize("exists", [True, False], ids=["empty folder", "missing folder"])
def test_an_empty_or_missing_folder_becomes_a_store_with_the_marker(tmp_path, exists):
    path = tmp_path / "new" / "store"
    if exists:
        path.mkdir(parents=True)
    make_store(path)
    assert (path / "BILAT-STORE").read_bytes() == b"bilat store, format 1\n"
    assert not (path / "BILAT-STORE.tmp").exists()
    assert triples(path) == 1
    assert sorted(p.name for p in path.parent.iterdir()) == ["store"]


def test_a_store_made_before_the_marker_is_taken_and_gets_the_marker(tmp_path):
    path = tmp_path / "store"
    make_store(path)
    (path / "BILAT-STORE").unlink()
    assert triples(path) == 1
    assert (path / "BILAT-STORE").read_bytes() == b"bilat store, format 1\n"


def test_a_store_made_before_the_marker_with_a_stranger_file_in_it_is_refused(tmp_path):
    path = tmp_path / "store"
    make_store(path)
    (path / "BILAT-STORE").unlink()
    (path / "notes.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match=r"is not a bilat store: the folder is not empty and has no BILAT"):
        EmbeddedStore(path)
    assert snapshot(tmp_path) == before


def test_a_marker_of_a_later_format_is_refused(tmp_path):
    path = tmp_path / "store"
    make_store(path)
    (path / "BILAT-STORE").write_text("bilat store, format 2\n", encoding="utf-8")
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == (
        f"the store at {path} is in format 2, which this version of bilat cannot read; "
        "open it with a newer bilat"
    )


# -- the checkpoint ---------------------------------------------------------------------------------


def test_a_planted_undo_folder_is_refused_and_neither_it_nor_the_store_changes(tmp_path):
    path = tmp_path / "store"
    make_store(path)
    junk = tmp_path / "store.undo"
    junk.mkdir()
    (junk / "CURRENT").write_text("MANIFEST-000001\n", encoding="utf-8")
    (junk / "mine.txt").write_text("keep me\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == f"{junk} " + CHECKPOINT_BLURB.format(store=path)
    assert snapshot(tmp_path) == before


def test_an_interrupted_bulk_write_is_undone_and_reported(tmp_path):
    path = tmp_path / "store"
    interrupted_bulk_write(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "store.undo", "store.writing"]
    assert (
        (tmp_path / "store.writing")
        .read_text(encoding="utf-8")
        .startswith("bilat bulk write unfinished, checkpoint ")
    )
    reopened = EmbeddedStore(path)
    assert reopened.recovered == (
        f"the last bulk write to {path} never finished; the store was put back as it was before it"
    )
    assert len(reopened.oxigraph) == 1
    reopened.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
    assert (path / "BILAT-STORE").read_bytes() == b"bilat store, format 1\n"
    assert not (path / "BILAT-CHECKPOINT").exists()
    again = EmbeddedStore(path)
    assert again.recovered is None and len(again.oxigraph) == 1
    again.close()


def test_a_checkpoint_whose_flag_is_gone_is_not_used(tmp_path):
    path = tmp_path / "store"
    interrupted_bulk_write(path)
    (tmp_path / "store.writing").unlink()
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == f"{tmp_path / 'store.undo'} " + CHECKPOINT_BLURB.format(store=path)
    assert snapshot(tmp_path) == before
    for file in (tmp_path / "store.undo").iterdir():  # the user removes it: the store stays as it is
        file.unlink()
    (tmp_path / "store.undo").rmdir()
    assert triples(path) == 2


def test_a_checkpoint_of_another_write_is_not_used(tmp_path):
    path = tmp_path / "store"
    interrupted_bulk_write(path)
    undo = tmp_path / "store.undo"
    (undo / "BILAT-CHECKPOINT").write_text(f"bilat checkpoint {'0' * 32}\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as refused:
        EmbeddedStore(path)
    assert str(refused.value) == (
        f"the last bulk write to the store at {path} never finished, but {undo} is not its checkpoint "
        "(its BILAT-CHECKPOINT file is missing or names another write); bilat will not put it in place "
        "of the store: remove it if it is not wanted, and open the store again"
    )
    assert snapshot(tmp_path) == before


def test_a_write_killed_before_its_checkpoint_was_whole_leaves_the_store_as_it_was(tmp_path):
    path = tmp_path / "store"
    make_store(path)
    (tmp_path / "store.writing").write_text("bilat bulk write unfinished, che", encoding="utf-8")
    (tmp_path / "store.undo-partial").mkdir()
    (tmp_path / "store.undo-partial" / "000009.sst").write_bytes(b"half a copy")
    reopened = EmbeddedStore(path)
    assert reopened.recovered is None and len(reopened.oxigraph) == 1
    reopened.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_bulk_write_refuses_to_start_over_a_folder_in_its_way(tmp_path):
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    junk = tmp_path / "store.discarded"
    junk.mkdir()
    (junk / "mine.txt").write_text("keep me\n", encoding="utf-8")
    with store.writing(), pytest.raises(StoreError) as refused, checkpoint(store.oxigraph, path):
        store.oxigraph.bulk_load(HALF, format=NT)
    assert str(refused.value) == f"{junk} " + CHECKPOINT_BLURB.format(store=path)
    assert len(store.oxigraph) == 0
    store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "store.discarded"]
    assert (junk / "mine.txt").read_text(encoding="utf-8") == "keep me\n"


def test_old_rocksdb_logs_do_not_pile_up(tmp_path):
    from bilat.store.folder import KEPT_OLD_LOGS

    path = tmp_path / "store"
    for _ in range(KEPT_OLD_LOGS + 4):
        store = EmbeddedStore(path)
        with store.writing():  # each opening for writing starts a new info log
            pass
        store.close()
    old = sorted(p.name for p in path.glob("LOG.old.*"))
    assert 1 <= len(old) <= KEPT_OLD_LOGS
    (path / "LOG.old.notes").write_text("kept: not RocksDB's")
    EmbeddedStore(path).close()
    assert (path / "LOG.old.notes").exists()


def test_bundled_files_new_since_a_store_was_made_are_loaded_once(tmp_path, monkeypatch):
    from bilat import api
    from bilat.api import opening
    from bilat.files.bundled import data_dir

    bundled = tmp_path / "data"
    bundled.mkdir()
    for name in ("countries.jsonl", "areas.yaml"):
        (bundled / name).write_bytes((data_dir() / name).read_bytes())
    monkeypatch.setattr(opening, "data_dir", lambda: bundled)
    path = tmp_path / "store"
    with api.open_bilat_store(path) as store:
        assert api.pair_ties(store, "AZ", "CU").relations == []
    (bundled / "azerbaijan-cuba.yaml").write_bytes((data_dir() / "azerbaijan-cuba.yaml").read_bytes())
    with api.open_bilat_store(path) as store:  # a new release brings a new file: it is loaded
        assert len(api.pair_ties(store, "AZ", "CU").relations) == 1
    from bilat.graph import write

    def no_load(*args: object) -> None:
        raise AssertionError("the bundled data were loaded again")

    monkeypatch.setattr(write, "load_files", no_load)
    with api.open_bilat_store(path) as store:  # and only once
        assert len(api.pair_ties(store, "AZ", "CU").relations) == 1
