"""The CAMEO event codebook (GDELT's lookup file) as a SKOS scheme of event codes.

``CAMEOEVENTCODE<TAB>EVENTDESCRIPTION`` with CRLF line ends. The one-digit rows are GDELT's quad
classes, not CAMEO codes, and are skipped. One known line of the published file holds two codes
(``1056 ... engagement106:[-5.0] Demand withdrawal``); it is split back into 1056 and 106.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.entities import EventCode, Source
from bilat.model.fields import describe
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "cameo-eventcodes",
        "kind": "dataset",
        "title": "CAMEO event codes (GDELT lookup table CAMEO.eventcodes.txt)",
        "publisher": "The GDELT Project",
        "url": "https://www.gdeltproject.org/data/lookups/CAMEO.eventcodes.txt",
    }
)
_MERGED = re.compile(r"^(?P<first>.*?)(?P<code>\d{2,4}):\[(?P<score>-?\d+(?:\.\d+)?)\]\s*(?P<second>.+)$")


def read_cameo(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One code per row; a merged row gives two."""
    columns = ("CAMEOEVENTCODE", "EVENTDESCRIPTION")
    for line, row in delimited_rows(path, encoding, "\t", required=columns, dataset="CAMEO codebook"):
        assert isinstance(row, dict)
        code = row.get("CAMEOEVENTCODE", "").strip()
        label = " ".join(row.get("EVENTDESCRIPTION", "").split())
        if len(code) == 1:
            yield line, Skip(line, "quad class, not a CAMEO code", f"{code} {label}", error=False)
            continue
        entries: list[tuple[str, str, str | None]] = [(code, label, None)]
        merged = _MERGED.match(label)
        if merged:
            entries = [
                (code, merged["first"].strip(), None),
                (merged["code"], merged["second"].strip(), merged["score"]),
            ]
        try:
            yield (
                line,
                [
                    EventCode.model_validate(
                        {
                            "code": c,
                            "label": text,
                            "goldstein": score,
                            "broader": c[:-1] if len(c) > 2 else None,
                            "sources": [SOURCE.id],
                        }
                    )
                    for c, text, score in entries
                ],
            )
        except ValidationError as error:
            yield line, Skip(line, "invalid code or label", describe(error))


CAMEO = Importer("cameo", "CAMEO event codebook (tab-separated)", SOURCE, read_cameo)
