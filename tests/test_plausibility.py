"""Implausible facts are reported, never refused: dated before a country existed or after it ended,
or ending before they start; the bundled data's known ones are listed in data/known-doubts.csv."""

from __future__ import annotations

from bilat import api
from bilat.cli import app
from bilat.graph.plausibility import store_doubts
from bilat.register import bundled_register

IMPLAUSIBLE = """\
sources:
  - {id: test, kind: web_page, title: test}
relations:
  - {countries: [AZ, SUHH], established: 2000, sources: [test]}
trade:
  - {flow: turnover, reporter: CU, partner: RU, period: 1980, amount: 5, currency: USD, sources: [test]}
events:
  - {id: rvn-1980, kind: meeting, date: 1980-05, countries: [US, XRVN], sources: [test]}
posts:
  - {id: ru-post, title: Minister of Health of Russia, country: RU}
persons:
  - {id: someone, name: Someone}
holdings:
  - {person: someone, post: ru-post, start: 1985, sources: [test]}
"""

EXPECTED = [
    "Warning: https://w3id.org/bilat/id/event/rvn-1980: dated 1980-05, after Republic of Vietnam (XRVN) "
    "ended (1975-04-30) [test]",
    "Warning: https://w3id.org/bilat/id/holding/someone.ru-post.1985: held 1985, before Russian "
    "Federation (RU) existed (founded 1991-12-26) [test]",
    "Warning: https://w3id.org/bilat/id/relation/az-suhh: dated 2000, after USSR (SUHH) ended "
    "(1991-12-26) [test]",
    "Warning: https://w3id.org/bilat/id/trade/cu-ru.turnover.1980.usd.test: dated 1980, before Russian "
    "Federation (RU) existed (founded 1991-12-26) [test]",
]


def test_the_us_embassy_in_moscow_of_1780_is_a_known_doubt(store):
    known = store_doubts(store, bundled_register(), known=True)
    assert any(
        d.record.endswith("/us-ru-embassy-moscow")
        and d.message.startswith("dated 1780-12-30, before Russian")
        for d in known
    )
    assert api.doubts(store) == []  # every doubt about the bundled data is looked into and listed


def test_implausible_facts_load_with_warnings_and_validate_strict_fails(runner, small_store_dir, tmp_path):
    data = tmp_path / "implausible.yaml"
    data.write_text(IMPLAUSIBLE, encoding="utf-8")
    loaded = runner.invoke(app, ["--store", str(small_store_dir), "load", str(data)])
    assert loaded.exit_code == 0
    assert [line for line in loaded.stderr.splitlines() if line.startswith("Warning")] == EXPECTED
    checked = runner.invoke(app, ["--store", str(small_store_dir), "validate"])
    assert checked.exit_code == 0
    assert checked.stdout == "The store conforms to the bilat shapes.\n"
    assert checked.stderr.splitlines() == EXPECTED
    strict = runner.invoke(app, ["--store", str(small_store_dir), "validate", "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.endswith("4 implausible fact(s), and --strict.\n")
