"""Accuracy floors on the web-news development set (bench/webnews), gated like a test.

The floors sit just below the figures in bench/results/webnews-learned.json: a change that loses accuracy on
web news fails here, and a change that gains it should raise them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import quotewise
from quotewise.evaluation import Score, figures, read_quotewise_gold, score_article

pytestmark = pytest.mark.pipeline

WEBNEWS = Path(__file__).parents[2] / "bench" / "webnews"
EPSILON = 0.01
FLOORS = {
    "quote precision": 0.970,
    "quote recall": 0.959,
    "speaker name accuracy": 0.914,
    "people precision": 0.988,
    "gender precision": 0.99,
}


def test_web_news_figures_stay_above_their_floors() -> None:
    corpus = read_quotewise_gold(WEBNEWS)
    results = quotewise.extract_many(article.text for article in corpus.articles)
    score = sum((score_article(a, r.quotes, people=r.people) for a, r in zip(corpus.articles, results, strict=True)),
                Score())
    found = figures(score)
    at = found["thresholds"]["0.3"]
    measured = {
        "quote precision": at["content"]["precision"],
        "quote recall": at["content"]["recall"],
        "speaker name accuracy": at["speaker_name_accuracy"]["accuracy"],
        "people precision": found["people"]["listed"]["precision"],
        "gender precision": found["people"]["gender"]["precision"],
    }
    below = {name: round(value, 3) for name, value in measured.items() if value < FLOORS[name] - EPSILON}
    assert not below, f"below the floor on bench/webnews: {below}"
