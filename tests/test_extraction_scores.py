"""The extraction scored on real articles labelled by hand (tests/data/articles/): the targets of
precision 0.9 and recall 0.8 per kind of fact, and no country resolved wrongly, on the development
set and on all 69 articles together."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.extract.evaluation import KINDS, Score, evaluate
from bilat.files.bundled import data_dir
from bilat.files.datafile import read_file
from bilat.register import bundled_register

ARTICLES = Path(__file__).parent / "data" / "articles"
LABELLED = ARTICLES / "labelled.yaml"


@pytest.fixture(scope="module")
def scores():
    return evaluate(LABELLED, bundled_register(), read_file(data_dir() / "areas.yaml").dataset.areas)


def test_the_set_has_twenty_articles_and_every_kind(scores):
    assert scores["countries"].expected >= 20
    assert all(scores[kind].expected > 0 for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_precision_and_recall(scores, kind):
    assert scores[kind].precision >= 0.9, scores[kind].wrong
    assert scores[kind].recall >= 0.8, scores[kind].misses


def test_no_country_is_resolved_wrongly(scores):
    # neither an article's pair nor a person's country (nor post) is ever wrong
    assert scores["countries"].wrong == [] and scores["persons"].wrong == []


@pytest.fixture(scope="module")
def all_scores():
    """Every labelled set pooled: found, expected and correct summed per kind."""
    areas = read_file(data_dir() / "areas.yaml").dataset.areas
    pooled = {kind: Score() for kind in KINDS}
    for path in sorted(ARTICLES.glob("*.yaml")):
        for kind, score in evaluate(path, bundled_register(), areas).items():
            total = pooled[kind]
            total.found += score.found
            total.expected += score.expected
            total.correct += score.correct
            total.misses += score.misses
            total.wrong += score.wrong
    return pooled


def test_all_labelled_articles_meet_the_targets(all_scores):
    assert all_scores["countries"].expected >= 69
    assert all_scores["countries"].wrong == [] and all_scores["persons"].wrong == []
    for kind in KINDS:
        assert all_scores[kind].precision >= 0.9, (kind, all_scores[kind].wrong)
        assert all_scores[kind].recall >= 0.8, (kind, all_scores[kind].misses)
