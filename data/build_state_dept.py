"""Rebuild the bundled data of the US Department of State's Office of the Historian (public domain, CC0):
``data/state-dept-territories.csv``, the crosswalk of its country ids to the register (from the
territory register, gsh), and ``data/state-dept.jsonl``, what bilat's own importers make of the
recognition and relations guide (rdcr), the chiefs of mission (pocom), the travels of Presidents and
Secretaries of State and the visits of foreign leaders, each dataset named as a source.

    python data/build_state_dept.py ../shared/realdata/state-dept-history
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from bilat.importers.base import Importer, Skip
from bilat.importers.state_pocom import STATE_POCOM
from bilat.importers.state_rdcr import STATE_RDCR
from bilat.importers.state_travels import STATE_TRAVELS, STATE_VISITS
from bilat.importers.statexml import CROSSWALK_COLUMNS, CROSSWALK_FILE, Crosswalk, Piece
from bilat.importers.territories import SOURCE as GSH_SOURCE, build_crosswalk, read_territories
from bilat.model.base import Record
from bilat.register import Register, register_from

HERE = Path(__file__).parent
OUTPUT = "state-dept.jsonl"
_IDS = re.compile(rb'<(?:country|from) id="([^"]+)">([^<]*)<|<(?:contemporary-)?territory-id>([^<]+)<')
_TITLE = re.compile(rb'<title type="short">([^<]+)<')


def main(source: Path, out: Path = HERE) -> dict[str, Counter[str]]:
    """Write both files into ``out``; gives the rows skipped by each importer, by reason."""
    register = register_from(HERE / "countries.jsonl")
    with tempfile.TemporaryDirectory() as temporary:
        unpacked = Path(temporary)
        for name in ("gsh", "pocom"):
            with tarfile.open(source / f"{name}.tar.gz") as archive:
                archive.extractall(unpacked, filter="data")
        inputs = {
            STATE_RDCR: sorted((source / "rdcr" / "articles").glob("*.xml")),
            STATE_POCOM: sorted((unpacked / "pocom" / "missions-countries").glob("*.xml")),
            STATE_TRAVELS: sorted((source / "travels").glob("*-travels/*.xml")),
            STATE_VISITS: sorted((source / "visits" / "data").glob("*.xml")),
        }
        used = _ids_used(inputs)
        territories, iso = read_territories(unpacked / "gsh")
        pieces = build_crosswalk(territories, iso, register, used)
        _write_crosswalk(out / CROSSWALK_FILE, pieces)
        skipped = _write_records(out / OUTPUT, inputs, register, Crosswalk(pieces))
    skipped["unmapped ids"] = Counter(p.id for p in pieces if not p.country and p.id in used)
    return skipped


def _ids_used(inputs: dict[Importer, list[Path]]) -> dict[str, tuple[str, ...]]:
    """Every country id the datasets use, with the names they give it (an article's short title, a
    trip's or visit's country)."""
    found: dict[str, set[str]] = {}
    for path in inputs[STATE_RDCR]:
        title = _TITLE.search(path.read_bytes())
        name = re.sub(r"^The |\*$", "", title.group(1).decode().strip()) if title else ""
        found.setdefault(path.stem, set()).update([name] if name else [])
    for paths in inputs.values():
        for path in paths:
            for a, named, b in _IDS.findall(path.read_bytes()):
                id, name = (a or b).decode().strip(), named.decode().strip()
                found.setdefault(id, set()).update([name] if name else [])
    return {id: tuple(sorted(names)) for id, names in found.items()}


def _write_crosswalk(path: Path, pieces: list[Piece]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CROSSWALK_COLUMNS)
    for p in pieces:
        writer.writerow((p.id, p.country, p.start or "", p.end or "", p.via))
    path.write_text(text.getvalue(), encoding="utf-8")


def _write_records(
    path: Path, inputs: dict[Importer, list[Path]], register: Register, crosswalk: Crosswalk
) -> dict[str, Counter[str]]:
    """Every record the importers make, the first of each key kept (as ``bilat import`` keeps it)."""
    records: dict[tuple[str, str], Record] = {("source", GSH_SOURCE.id): GSH_SOURCE}
    skipped: dict[str, Counter[str]] = {}
    for importer, paths in inputs.items():
        records[("source", importer.source.id)] = importer.source
        reasons = skipped.setdefault(importer.name, Counter())
        for file in paths:
            for _, outcome in importer.read(file, register, importer.encoding, crosswalk):  # type: ignore[call-arg]
                if isinstance(outcome, Skip):
                    reasons[outcome.reason] += 1
                    continue
                for record in outcome:
                    records.setdefault((record.type_name, record.key), record)
    write_bundle(path, records)
    return skipped


def write_bundle(path: Path, records: dict[tuple[str, str], Record]) -> None:
    """Records as a bundled JSON Lines file: one per line, in key order, so that a rebuild from the
    same files gives the same bytes."""
    lines = [
        json.dumps(
            {"type": kind, **records[kind, key].model_dump(mode="json", exclude_none=True)},
            ensure_ascii=False,
            sort_keys=True,
        )
        for kind, key in sorted(records)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for name, reasons in main(Path(sys.argv[1])).items():
        for reason, count in sorted(reasons.items()):
            print(f"{name}: {count} {reason}", file=sys.stderr)
