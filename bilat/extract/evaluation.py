"""Scoring extraction against articles labelled by hand: precision and recall per kind of fact.

Each kind is compared as a set of keys: the pair of countries; persons as (name, country, post);
events as (kind, date); relations by their date; trade as (amount, currency, period). Names are
compared without accents or case, posts by their title without "of <country>".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bilat.extract.article import read_article
from bilat.extract.extractor import article_pair, extract
from bilat.model.dataset import CooperationArea, Dataset
from bilat.register import Register, readable_name

KINDS = ("countries", "persons", "events", "relations", "trade")


@dataclass
class Score:
    found: int = 0
    expected: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def evaluate(path: Path, register: Register, areas: Iterable[CooperationArea] = ()) -> dict[str, Score]:
    """Scores per kind over every labelled article in ``path``."""
    labelled = yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]
    scores = {kind: Score() for kind in KINDS}
    for item in labelled:
        article = read_article(
            item["text"],
            url=item["url"],
            publisher=item["publisher"],
            published=str(item["published"]) if item.get("published") else None,
        )
        found = _keys(extract(article, register, areas), register)
        pair = article_pair(article, register)
        found["countries"] = {pair} if pair else set()
        expected = _expected(item["expect"])
        for kind in KINDS:
            score = scores[kind]
            score.found += len(found[kind])
            score.expected += len(expected[kind])
            score.correct += len(found[kind] & expected[kind])
            score.misses += [f"{item['url']}: {k}" for k in sorted(expected[kind] - found[kind], key=str)]
            score.wrong += [f"{item['url']}: {k}" for k in sorted(found[kind] - expected[kind], key=str)]
    return scores


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c)).strip()


def _keys(data: Dataset, register: Register) -> dict[str, set[Any]]:
    posts = {p.id: p for p in data.posts}
    held = {h.person: posts[h.post] for h in data.holdings if h.post in posts}
    return {
        "countries": set(),
        "persons": {
            (
                _fold(p.name),
                p.country,
                _title_key(held[p.id].title, readable_name(register.countries[p.country])),
            )
            for p in data.persons
            if p.id in held and p.country
        },
        "events": {(e.kind.value, str(e.date)) for e in data.events},
        "relations": {str(r.established) for r in data.relations if r.established},
        "trade": {(str(t.amount), t.currency, _period(t.period, t.period_end)) for t in data.trade},
    }


def _period(start: object, end: object) -> str:
    return f"{start}/{end}" if end else str(start)


def _title_key(title: str, country: str) -> str:
    """The title as labelled, without its country: "Ambassador of Cuba to Azerbaijan" -> "ambassador",
    "Minister of Health of Azerbaijan" -> "minister of health"."""
    folded = _fold(title)
    return "ambassador" if folded.startswith("ambassador") else folded.removesuffix(f" of {_fold(country)}")


def _expected(expect: dict[str, Any]) -> dict[str, set[Any]]:
    pair = expect.get("pair") or []
    return {
        "countries": {tuple(sorted(pair))} if pair else set(),
        "persons": {(_fold(name), code, _fold(post)) for name, code, post in expect.get("persons") or []},
        "events": {(kind, str(date)) for kind, date in expect.get("events") or []},
        "relations": {str(date) for date in expect.get("relations") or []},
        "trade": {(str(amount), money, str(period)) for amount, money, period in expect.get("trade") or []},
    }


def report(scores: dict[str, Score]) -> str:
    """The scores as a Markdown table, and what was missed or wrong."""
    lines = ["| fact | found | expected | correct | precision | recall |", "|---|---|---|---|---|---|"]
    for kind, score in scores.items():
        lines.append(
            f"| {kind} | {score.found} | {score.expected} | {score.correct} | "
            f"{score.precision:.2f} | {score.recall:.2f} |"
        )
    for kind, score in scores.items():
        for line in score.misses:
            lines.append(f"- missed {kind}: {line}")
        for line in score.wrong:
            lines.append(f"- wrong {kind}: {line}")
    return "\n".join(lines) + "\n"
