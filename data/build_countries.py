"""Rebuild the bundled country register: data/countries.jsonl and data/cow-crosswalk.csv.

Sources:
- ISO 3166-1 and ISO 3166-3 as published by the pycountry package (names, codes, official names,
  labels from its iso-codes translations);
- Our World in Data's country code crosswalk (owid/etl, regions.codes.csv, MIT): Wikidata QIDs and
  the default COW number of each ISO country;
- the Correlates of War State System Membership list v2016 (states2016.csv): membership periods;
- typed in by hand from Wikidata and Wikipedia: QIDs of former states, demonyms
  (demonyms.csv), common short names (country-names.csv), FIPS 10-4 codes as GDELT uses them
  (fips.csv), states without ISO codes (former-states.csv, keyed X + their COW letters), states'
  own founding and dissolution dates with their source (state-dates.csv), the
  periods in which a COW number stood for another country (cow-overrides.csv), and which state
  continues which earlier state's international personality, with the date and the source
  (continuators.csv: a state's continuator is one of its successors; the others are new states).

    python data/build_countries.py ../shared/realdata/owid-country-codes/regions.codes.csv \
        ../shared/realdata/cow/states2016.csv
"""

from __future__ import annotations

import csv
import gettext
import json
import sys
from pathlib import Path

import pycountry

from bilat.importers.cow import STATES_SOURCE, crosswalk as read_crosswalk, read_states
from bilat.model.dates import PartialDate
from bilat.register import Register

HERE = Path(__file__).parent
LANGUAGES = ("ar", "de", "es", "fr", "ru", "zh_CN", "az", "tr", "pt")
SOURCES = ("iso-3166-pycountry", "owid-country-codes")
FORMER_NAMES = {"YDYE": "South Yemen", "VDVN": "North Vietnam", "PCHH": "Pacific Islands"}
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
    "SUHH": ["AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ", "TM", "UA", "UZ"],
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
KOSOVO = {
    "type": "country",
    "code": "XK",
    "name": "Kosovo",
    "official_name": "Republic of Kosovo",
    "wikidata": "Q1246",
    "demonyms": ["Kosovan", "Kosovar"],
    "fips": "KV",
    "sources": ["wikidata"],
}


def main(owid_path: str, states_path: str) -> None:
    owid = _rows(Path(owid_path))
    qids = {r["iso_alpha3"]: r["wikidata_code"] for r in owid if r["iso_alpha3"] and r["wikidata_code"]}
    demonyms = _table(HERE / "demonyms.csv", "code", "demonyms")
    other_names = _table(HERE / "country-names.csv", "code", "names")
    dates = {row["code"]: row for row in _rows(HERE / "state-dates.csv")}
    fips = {iso: codes[0] for iso, codes in _table(HERE / "fips.csv", "iso", "fips").items()}
    translations = {
        lang.split("_")[0]: gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for lang in LANGUAGES
    }
    records: list[dict[str, object]] = [*_source_records(), KOSOVO]
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        record = _base(country.alpha_2, country, demonyms, other_names)
        record["labels"] = _labels(country.name, translations)
        record.update({"wikidata": qids[country.alpha_3]} if country.alpha_3 in qids else {})
        record.update({"fips": fips[country.alpha_2]} if country.alpha_2 in fips else {})
        records.append(record)
    for country in sorted(pycountry.historic_countries, key=lambda c: c.alpha_4):
        records.append(_former(country, demonyms, other_names))
    records.extend(_cow_only_states(other_names))
    for record in records:
        if record["type"] == "country" and record["code"] in dates:
            _dated(record, dates[str(record["code"])])
    _continuators(records)
    _write_crosswalk(owid)
    countries = {r["code"] for r in records if r["type"] == "country"}
    register = Register([])
    for _, outcome in read_states(
        Path(states_path), register, table=read_crosswalk(HERE / "cow-crosswalk.csv")
    ):
        if not isinstance(outcome, list):
            raise SystemExit(f"states2016.csv: {outcome}")
        for membership in outcome:
            assert membership.country in countries, membership
            records.append({"type": "membership", **membership.model_dump(mode="json", exclude_none=True)})
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    (HERE / "countries.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_crosswalk(owid: list[dict[str, str]]) -> None:
    """Default COW number per ISO country from the OWID crosswalk, then the hand-made overrides."""
    overrides = _rows(HERE / "cow-overrides.csv")
    overridden = {row["cow_code"] for row in overrides}
    rows = [
        {"cow_code": r["cow_code"], "country": r["iso_alpha2"], "start": "", "end": ""}
        for r in owid
        if r["cow_code"] and r["iso_alpha2"] and r["cow_code"] not in overridden
    ]
    rows += [{k: row[k] for k in ("cow_code", "country", "start", "end")} for row in overrides]
    rows.sort(key=lambda r: (int(r["cow_code"]), r["start"]))
    with open(HERE / "cow-crosswalk.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["cow_code", "country", "start", "end"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


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
        {"type": "source", **STATES_SOURCE.model_dump(mode="json", exclude_none=True)},
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
    if getattr(country, "numeric", None):
        record["numeric"] = country.numeric  # type: ignore[attr-defined]
    if code in demonyms:
        record["demonyms"] = sorted(demonyms[code])
    if code in other_names:
        record["other_names"] = sorted(other_names[code])
    return record


def _former(
    country: object, demonyms: dict[str, list[str]], other_names: dict[str, list[str]]
) -> dict[str, object]:
    code = country.alpha_4  # type: ignore[attr-defined]
    record = _base(code, country, demonyms, other_names)
    record["code_withdrawn"] = country.withdrawal_date  # type: ignore[attr-defined]
    full_name = country.name  # type: ignore[attr-defined]
    record["name"] = FORMER_NAMES.get(code, full_name.split(", ")[0])
    if record["name"] != full_name:
        record["official_name"] = full_name
    if code in FORMER_QIDS:
        record["wikidata"] = FORMER_QIDS[code]
        record["sources"] = [*SOURCES[:1], "wikidata"]
    if code in SUCCESSORS:
        record["successors"] = SUCCESSORS[code]
    return record


def _dated(record: dict[str, object], row: dict[str, str]) -> None:
    """A state's own founding and dissolution dates, from state-dates.csv, which names their source."""
    for field in ("founded", "dissolved"):
        if row[field]:
            record[field] = row[field]
    if "wikidata" not in record["sources"]:  # type: ignore[operator]
        record["sources"] = [*record["sources"], "wikidata"]  # type: ignore[misc]


def _continuators(records: list[dict[str, object]]) -> None:
    """Each continued state's ``continued_by``, from continuators.csv; a row that names a state the
    register lacks, a continuator that is not one of the state's successors (where it lists them), a
    date before the earlier state ended, no source, or a second continuator of one state stops the
    build."""
    countries = {r["code"]: r for r in records if r["type"] == "country"}
    for line, row in enumerate(_rows(HERE / "continuators.csv"), start=2):
        where = f"continuators.csv:{line}"
        later, earlier = countries.get(row["state"]), countries.get(row["continues"])
        if later is None or earlier is None:
            raise SystemExit(f"{where}: {row['state']} or {row['continues']} is not in the register")
        # North Vietnam lists no successors: the State Department's crosswalk walks them, and its
        # "vietnam" is South Vietnam before 1976 (data/state-dept-territories.csv).
        successors = earlier.get("successors") or [row["state"]]
        if row["state"] not in successors:  # type: ignore[operator]
            raise SystemExit(f"{where}: {row['state']} is not a successor of {row['continues']}")
        if "continued_by" in earlier:
            raise SystemExit(f"{where}: {row['continues']} has a continuator already")
        ended = earlier.get("dissolved")
        if ended is not None and PartialDate.parse(row["since"]) < PartialDate.parse(str(ended)):
            raise SystemExit(f"{where}: {row['since']} is before {row['continues']} ended ({ended})")
        if not row["source"].strip():
            raise SystemExit(f"{where}: give the source")
        earlier["continued_by"] = row["state"]


def _cow_only_states(other_names: dict[str, list[str]]) -> list[dict[str, object]]:
    records = []
    for row in _rows(HERE / "former-states.csv"):
        record: dict[str, object] = {
            "type": "country",
            "code": row["code"],
            "name": row["name"],
            "dissolved": row["dissolved"],
            "successors": row["successors"].split("|"),
            "sources": [STATES_SOURCE.id],
        }
        if row["official_name"]:
            record["official_name"] = row["official_name"]
        if row["code"] in other_names:
            record["other_names"] = sorted(other_names[row["code"]])
        if row["wikidata"]:
            record["wikidata"] = row["wikidata"]
            record["sources"] = [STATES_SOURCE.id, "wikidata"]
        records.append(record)
    return records


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _table(path: Path, key: str, column: str) -> dict[str, list[str]]:
    return {row[key]: row[column].split("|") for row in _rows(path)}


def _labels(name: str, translations: dict[str, gettext.NullTranslations]) -> dict[str, str]:
    labels = {"en": name}
    for lang, translation in translations.items():
        label = translation.gettext(name)
        if label != name or lang in ("es", "fr", "pt"):
            labels[lang] = label
    return labels


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
