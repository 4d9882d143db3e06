"""Rebuild data/missions.jsonl, the bundled world missions, from the database of embassies.

Source: database-of-embassies (generated from Wikidata, CC0), version of 2022-11-16, read by bilat's
own importer so that the bundled file and `bilat import embassies` agree.

    python data/build_missions.py ../shared/realdata/database-of-embassies/database_of_embassies.csv
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bilat.importers.embassies import EMBASSIES
from bilat.register import register_from

HERE = Path(__file__).parent


def main(path: str) -> None:
    register = register_from(HERE / "countries.jsonl")
    missions = {}
    for _, outcome in EMBASSIES.read(Path(path), register, EMBASSIES.encoding):
        if isinstance(outcome, list):
            for mission in outcome:
                missions.setdefault(mission.key, mission)
    records = [{"type": "source", **EMBASSIES.source.model_dump(mode="json", exclude_none=True)}]
    for key in sorted(missions):
        records.append({"type": "mission", **missions[key].model_dump(mode="json", exclude_none=True)})
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    (HERE / "missions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
