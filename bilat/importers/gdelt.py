"""GDELT 1.0 and 2.0 event exports: tab-separated, no header, 57, 58 or 61 columns per row.

Only events between two different states are kept by default: both actors must carry a CAMEO country
code that names a state (``USA``, ``AZE``); regions (``EUR``, ``AFR``) and events with one actor are
skipped and counted. Places use FIPS 10-4 codes, which are not ISO (FIPS ``CH`` is China). Each
event cites the GDELT dataset and, where the row has one, the article it was coded from.
"""

from __future__ import annotations

import hashlib
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from bilat.importers.base import Importer, Outcome, Skip, delimited_rows
from bilat.model.dataset import Record
from bilat.model.dates import PartialDate
from bilat.model.entities import Country, Source
from bilat.model.facts import Event
from bilat.model.fields import describe
from bilat.model.vocab import EventKind
from bilat.register import Register

SOURCE = Source.model_validate(
    {
        "id": "gdelt-events",
        "kind": "dataset",
        "title": "GDELT Event Database (1.0 and 2.0 event exports)",
        "publisher": "The GDELT Project",
        "url": "https://www.gdeltproject.org/data.html",
    }
)
# Column positions: (action place name, action place FIPS, source URL or None) by row width.
LAYOUTS = {57: (50, 51, None), 58: (50, 51, 57), 61: (52, 53, 60)}
KINDS = {
    "042": EventKind.VISIT,
    "043": EventKind.VISIT,
    "040": EventKind.MEETING,
    "041": EventKind.MEETING,
    "044": EventKind.MEETING,
    "045": EventKind.MEETING,
    "046": EventKind.MEETING,
    "057": EventKind.AGREEMENT_SIGNING,
}
ROOT_KINDS = {"01": EventKind.STATEMENT, "02": EventKind.STATEMENT, "07": EventKind.AID}


def read_gdelt(path: Path, register: Register, encoding: str = "utf-8") -> Iterator[Outcome]:
    """One event per interstate row."""
    for line, values in delimited_rows(path, encoding=encoding, delimiter="\t", header=False):
        assert isinstance(values, list)
        layout = LAYOUTS.get(len(values))
        if layout is None:
            yield (
                line,
                Skip(line, "unexpected number of columns", f"{len(values)}; GDELT rows have 57, 58 or 61"),
            )
            continue
        first, second = register.by_cameo(values[7]), register.by_cameo(values[17])
        if first is None or second is None or first.code == second.code:
            yield (
                line,
                Skip(
                    line,
                    "not an event between two states",
                    f"{values[7] or '-'} / {values[17] or '-'}",
                    error=False,
                ),
            )
            continue
        try:
            yield line, _records(values, layout, first, second, register)
        except (ValidationError, ValueError) as error:
            message = describe(error) if isinstance(error, ValidationError) else str(error)
            yield line, Skip(line, "invalid event", message)


def _records(
    values: list[str],
    layout: tuple[int, int, int | None],
    first: Country,
    second: Country,
    register: Register,
) -> list[Record]:
    place_name, place_fips, url_column = layout
    code = values[26].strip()
    day = values[1].strip()
    if not re.fullmatch(r"\d{8}", day):
        raise ValueError(f"SQLDATE {day!r} is not YYYYMMDD")
    place = register.by_fips(values[place_fips]) if values[place_fips].strip() else None
    records: list[Record] = []
    sources = [SOURCE.id]
    url = values[url_column].strip() if url_column is not None else ""
    if url.startswith(("http://", "https://")):
        article = Source.model_validate(
            {
                "id": "article-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16],
                "kind": "news_article",
                "publisher": urllib.parse.urlsplit(url).hostname,
                "url": url,
            }
        )
        records.append(article)
        sources.append(article.id)
    records.append(
        Event.model_validate(
            {
                "id": f"gdelt-{values[0].strip()}",
                "kind": KINDS.get(code[:3], ROOT_KINDS.get(code[:2], EventKind.OTHER)),
                "date": PartialDate(int(day[:4]), int(day[4:6]), int(day[6:])),
                "title": f"{_actor(values[6], first)} – {_actor(values[16], second)}",
                "place": values[place_name].strip() or None,
                "place_country": place.code if place else None,
                "countries": [first.code, second.code],
                "source_country": first.code,
                "target_country": second.code,
                "cameo_code": code,
                "goldstein": values[30].strip() or None,
                "tone": values[34].strip() or None,
                "mentions": int(values[31]) if values[31].strip().isdigit() else None,
                "sources": sources,
            }
        )
    )
    return records


def _actor(name: str, country: Country) -> str:
    return name.strip().title() or country.name


GDELT = Importer("gdelt", "GDELT 1.0/2.0 event exports (tab-separated, no header)", SOURCE, read_gdelt)
