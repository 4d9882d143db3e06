"""Rebuild the bundled data of two datasets that allow it with attribution, as bilat's own importers read
them:

- ``data/kdiplo.jsonl`` and ``data/kdiplo-trade.jsonl``: kdiplo (Kadir Jun Ayhan, MIT licence; the
  files of ``data-raw/`` at commit effe9591 of github.com/kjayhan/kdiplo), the diplomatic ties of South
  and North Korea by partner and year, and South Korea's trade by partner and year;
- ``data/aiddata-china.jsonl``: AidData's China Public Diplomacy Dashboard Dataset, Version 2.0 (ODC-By
  1.0; the copy in ``01_data/PublicDiplomacy/`` at commit 6d4593b9 of
  github.com/milesdwilliams15/chinese_media_and_foreign_aid), its country-year counts and its financial
  diplomacy projects.

A record another bundled file already holds under the same key is left out, so that the bundled files
never disagree about one record (the relation of South Korea and the United States is the State
Department's, to the day); each one left out is reported with the file that holds it.

    python data/build_korea_china.py ../shared/realdata
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from build_state_dept import write_bundle  # data/ is the script's folder, first on the path

from bilat.files.datafile import data_files, read_file
from bilat.importers.aiddata import AIDDATA_DIPLOMACY, AIDDATA_PROJECTS
from bilat.importers.base import Importer, Skip
from bilat.importers.kdiplo import KDIPLO
from bilat.importers.kdiplo_trade import KDIPLO_TRADE
from bilat.model.base import Record
from bilat.model.dataset import Dataset
from bilat.register import Register, register_from

HERE = Path(__file__).parent
OUTPUTS: dict[str, tuple[tuple[Importer, str], ...]] = {
    "kdiplo.jsonl": ((KDIPLO, "kdiplo/diplo_ties_data.csv"),),
    "kdiplo-trade.jsonl": ((KDIPLO_TRADE, "kdiplo/trade_data.csv"),),
    "aiddata-china.jsonl": (
        (AIDDATA_DIPLOMACY, "aiddata-china-public-diplomacy/ChinesePublicDiplomacy.csv"),
        (
            AIDDATA_PROJECTS,
            "aiddata-china-public-diplomacy/ChineseFinancialPublicDiplomacyProjectDetails.csv",
        ),
    ),
}
Key = tuple[str, str]


def main(source: Path, out: Path = HERE) -> dict[str, Counter[str]]:
    """Write the files into ``out``; gives the rows each importer skipped and the records left out,
    by reason."""
    register = register_from(HERE / "countries.jsonl")
    elsewhere = _held_elsewhere()
    report: dict[str, Counter[str]] = {}
    for name, inputs in OUTPUTS.items():
        records: dict[Key, Record] = {}
        for importer, file in inputs:
            skipped = report.setdefault(importer.name, Counter())
            records.setdefault(("source", importer.source.key), importer.source)
            for record in _read(importer, source / file, register, skipped):
                records.setdefault((record.type_name, record.key), record)
        left_out = report.setdefault(f"{name}: left out", Counter())
        for key in [key for key in records if key in elsewhere and key[0] != "source"]:
            same = "the same" if elsewhere[key][1] == records[key] else "differently"
            left_out[f"{key[0]} {key[1]}: held {same} by {elsewhere[key][0]}"] += 1
            del records[key]
        write_bundle(out / name, records)
    return report


def _read(importer: Importer, path: Path, register: Register, skipped: Counter[str]) -> list[Record]:
    """The records an import of ``path`` makes, the first of each key kept (as ``bilat import``
    keeps it); the reasons of the rows and records it could not make counted in ``skipped``."""
    made: list[Record] = []
    for _, outcome in importer.read(path, register, importer.encoding):
        if isinstance(outcome, Skip):
            skipped[outcome.reason] += 1
        else:
            made.extend(outcome)
    return made


def _held_elsewhere() -> dict[Key, tuple[str, Record]]:
    """Every record of the other bundled files, by key, with the file's name."""
    held: dict[Key, tuple[str, Record]] = {}
    for path in data_files([HERE]):
        if path.name in OUTPUTS or path.parent != HERE:
            continue
        dataset = read_file(path).dataset
        for section in Dataset.model_fields:
            for record in getattr(dataset, section):
                held.setdefault((record.type_name, record.key), (path.name, record))
    return held


if __name__ == "__main__":
    for name, reasons in main(Path(sys.argv[1])).items():
        for reason, count in sorted(reasons.items()):
            print(f"{name}: {count} {reason}", file=sys.stderr)
