from pathlib import Path

import pytest

from bilat.errors import DataError
from bilat.files.datafile import read_file


def write(tmp_path: Path, text: str, name: str = "data.yaml", raw: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        read_file(path)
    return [str(p) for p in info.value.problems]


def test_norway_stays_a_country_code_and_numbers_stay_text(tmp_path):
    path = write(
        tmp_path,
        "sources: [{id: s, kind: dataset}]\n"
        "relations: [{countries: [NO, SE], sources: [s]}]\n"
        "countries: [{code: AZ, name: Azerbaijan, numeric: '031'}]\n",
    )
    dataset = read_file(path).dataset
    assert dataset.relations[0].countries == ("NO", "SE")
    assert dataset.countries[0].numeric == "031"


def test_unquoted_leading_zero_number_is_not_turned_into_octal(tmp_path):
    path = write(tmp_path, "countries: [{code: AZ, name: Azerbaijan, numeric: 031}]\n")
    assert read_file(path).dataset.countries[0].numeric == "031"


def test_impossible_date_gets_file_line_and_field(tmp_path):
    path = write(
        tmp_path,
        "events:\n  - id: e\n    kind: meeting\n    date: 2021-02-30\n"
        "    countries: [AZ, CU]\n    sources: [s]\n",
    )
    assert problems(path) == [f"{path}:4: events[0].date: 2021-02 has no day 30"]


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    path = write(tmp_path, "persons:\n  - id: a\n    name: A\n    name: B\n")
    assert problems(path) == [f"{path}:4: persons[0].name: duplicate key; each key may appear once"]


def test_aliases_are_refused(tmp_path):
    path = write(tmp_path, "persons:\n  - &p {id: a, name: A}\n  - *p\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:2:") and "anchors" in message


def test_unknown_field_and_section(tmp_path):
    path = write(tmp_path, "people: []\npersons: [{id: a, name: A, nmae: B}]\n")
    assert problems(path) == [
        f"{path}:1: people: unknown section; use one of sources, countries, memberships, persons, "
        "organizations, missions, posts, holdings, relations, representations, agreements, events, trade, "
        "counts, vote_agreements, areas, event_codes, evidence",
        f"{path}:2: persons[0].nmae: unknown field; check its spelling against the data format in README.md",
    ]


def test_bom_is_accepted_and_invalid_utf8_is_located(tmp_path):
    good = write(tmp_path, "", "bom.yaml", raw=b"\xef\xbb\xbfpersons: [{id: a, name: A}]\n")
    assert read_file(good).dataset.persons[0].name == "A"
    bad = write(tmp_path, "", "bad.yaml", raw=b"persons:\n  - {id: a, name: \xff}\n")
    assert problems(bad) == [f"{bad}:2: is not valid UTF-8; save the file as UTF-8"]


def test_yaml_syntax_error_has_a_line(tmp_path):
    path = write(tmp_path, "persons:\n  - {id: a, name: A\n")
    [message] = problems(path)
    assert message.startswith(f"{path}:3:") and "YAML syntax" in message


def test_jsonl_lines_are_numbered(tmp_path):
    path = write(
        tmp_path,
        '{"type": "person", "id": "a", "name": "A"}\n\n'
        '{"type": "person", "id": "b"}\n{"type": "spaceship"}\nnot json\n',
        "bulk.jsonl",
    )
    messages = problems(path)  # every line's problem, each line read and checked on its own
    assert messages[0] == f"{path}:3: persons[1].name: Field required"
    assert (
        messages[1]
        == f"{path}:4: type: unknown record type; use one of agreement, area, cameo, count, country, "
        "event, evidence, holding, membership, mission, organization, person, post, relation, "
        "representation, source, trade, vote_agreement"
    )
    assert messages[2].startswith(f"{path}:5: is not valid JSON")


def test_jsonl_field_errors_name_the_line(tmp_path):
    path = write(
        tmp_path,
        '{"type": "person", "id": "a", "name": "A"}\n{"type": "person", "id": "b"}\n',
        "bulk.jsonl",
    )
    assert problems(path) == [f"{path}:2: persons[1].name: Field required"]


def test_nan_in_json_is_refused(tmp_path):
    path = write(tmp_path, '{"type": "trade", "amount": NaN}\n', "bulk.jsonl")
    assert "is not valid JSON" in problems(path)[0]
