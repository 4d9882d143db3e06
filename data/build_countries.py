"""Rebuild data/countries.jsonl, the bundled country register.

Sources: ISO 3166-1 and ISO 3166-3 as published by the pycountry package (names, codes, official
names, labels from its iso-codes translations); Wikidata QIDs from Our World in Data's country code
crosswalk (owid/etl, regions.codes.csv, MIT); QIDs of former states and demonyms from Wikidata and
Wikipedia's list of adjectivals and demonyms and common short names, typed in by hand
(data/demonyms.csv, data/country-names.csv).

    python data/build_countries.py ../shared/realdata/owid-country-codes/regions.codes.csv
"""

from __future__ import annotations

import csv
import gettext
import json
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).parent
LANGUAGES = ("ar", "de", "es", "fr", "ru", "zh_CN", "az", "tr", "pt")
SOURCES = ("iso-3166-pycountry", "owid-country-codes")
# Short names for former states whose ISO name is "Name, long form".
FORMER_NAMES = {"YDYE": "South Yemen", "VDVN": "North Vietnam", "PCHH": "Pacific Islands"}
# Wikidata items of former states (the crosswalk has none for them).
FORMER_QIDS = {
    "SUHH": "Q15180",
    "YUCS": "Q83286",
    "CSHH": "Q33946",
    "DDDE": "Q16957",
    "CSXX": "Q37024",
    "ANHH": "Q25227",
    "YDYE": "Q199841",
}
SUCCESSORS = {
    "SUHH": [
        "AM",
        "AZ",
        "BY",
        "EE",
        "GE",
        "KG",
        "KZ",
        "LT",
        "LV",
        "MD",
        "RU",
        "TJ",
        "TM",
        "UA",
        "UZ",
    ],
    "YUCS": ["BA", "CSXX", "HR", "MK", "SI"],
    "CSXX": ["ME", "RS"],
    "CSHH": ["CZ", "SK"],
    "DDDE": ["DE"],
    "YDYE": ["YE"],
    "ANHH": ["BQ", "CW", "SX"],
    "BUMM": ["MM"],
    "BYAA": ["BY"],
    "DYBJ": ["BJ"],
    "HVBF": ["BF"],
    "NHVU": ["VU"],
    "RHZW": ["ZW"],
    "TPTL": ["TL"],
    "ZRCD": ["CD"],
    "AIDJ": ["DJ"],
}


def main(owid_path: str) -> None:
    qids = {}
    with open(owid_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["iso_alpha3"] and row["wikidata_code"]:
                qids[row["iso_alpha3"]] = row["wikidata_code"]
    demonyms = _table(HERE / "demonyms.csv", "demonyms")
    other_names = _table(HERE / "country-names.csv", "names")
    translations = {
        lang.split("_")[0]: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in LANGUAGES
    }
    records = [_source_records()]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        record = _base(country.alpha_2, country, demonyms, other_names)
        record["labels"] = _labels(country.name, translations)
        if country.alpha_3 in qids:
            record["wikidata"] = qids[country.alpha_3]
        records.append(record)
    for country in sorted(pycountry.historic_countries, key=lambda c: c.alpha_4):
        record = _base(country.alpha_4, country, demonyms, other_names)
        record["dissolved"] = country.withdrawal_date
        full_name = country.name
        record["name"] = FORMER_NAMES.get(country.alpha_4, full_name.split(", ")[0])
        if record["name"] != full_name:
            record["official_name"] = full_name
        if country.alpha_4 in FORMER_QIDS:
            record["wikidata"] = FORMER_QIDS[country.alpha_4]
            record["sources"] = [*SOURCES[:1], "wikidata"]
        if country.alpha_4 in SUCCESSORS:
            record["successors"] = SUCCESSORS[country.alpha_4]
        records.append(record)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in _flatten(records)]
    (HERE / "countries.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _source_records() -> list[dict[str, object]]:
    return [
        {
            "type": "source",
            "id": "iso-3166-pycountry",
            "kind": "dataset",
            "title": "ISO 3166-1 and ISO 3166-3 country codes (iso-codes, via pycountry)",
            "publisher": "Debian iso-codes project",
            "url": "https://pypi.org/project/pycountry/",
        },
        {
            "type": "source",
            "id": "wikidata",
            "kind": "dataset",
            "title": "Wikidata",
            "publisher": "Wikimedia Foundation",
            "url": "https://www.wikidata.org/",
        },
        {
            "type": "source",
            "id": "owid-country-codes",
            "kind": "dataset",
            "title": "Country code crosswalk (regions.codes.csv)",
            "publisher": "Our World in Data",
            "url": "https://github.com/owid/etl",
        },
    ]


def _base(
    code: str, country: object, demonyms: dict[str, list[str]], other_names: dict[str, list[str]]
) -> dict[str, object]:
    record: dict[str, object] = {
        "type": "country",
        "code": code,
        "name": getattr(country, "common_name", None) or country.name,  # type: ignore[attr-defined]
        "alpha3": country.alpha_3,  # type: ignore[attr-defined]
        "sources": list(SOURCES[:1]) if len(code) == 4 else list(SOURCES),
    }
    official = getattr(country, "official_name", None)
    if official and official != record["name"]:
        record["official_name"] = official
    numeric = getattr(country, "numeric", None)
    if numeric:
        record["numeric"] = numeric
    if code in demonyms:
        record["demonyms"] = sorted(demonyms[code])
    if code in other_names:
        record["other_names"] = sorted(other_names[code])
    return record


def _table(path: Path, column: str) -> dict[str, list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["code"]: row[column].split("|") for row in csv.DictReader(handle)}


def _labels(name: str, translations: dict[str, gettext.NullTranslations]) -> dict[str, str]:
    labels = {"en": name}
    for lang, translation in translations.items():
        label = translation.gettext(name)
        if label != name or lang in ("es", "fr", "pt"):
            labels[lang] = label
    return labels


def _flatten(records: list[object]) -> list[dict[str, object]]:
    flat: list[dict[str, object]] = []
    for record in records:
        flat.extend(record if isinstance(record, list) else [record])  # type: ignore[list-item]
    return flat


if __name__ == "__main__":
    main(sys.argv[1])
