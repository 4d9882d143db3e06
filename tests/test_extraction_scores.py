"""The extraction scored on 20 real articles labelled by hand (tests/data/articles/labelled.yaml):
the targets of precision 0.9 and recall 0.8 per kind of fact, and no country resolved wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilat.bundled import data_dir
from bilat.countries import bundled_register
from bilat.datafile import read_file
from bilat.extract.evaluation import KINDS, evaluate

LABELLED = Path(__file__).parent / "data" / "articles" / "labelled.yaml"


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
