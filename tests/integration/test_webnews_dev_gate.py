"""Accuracy floors on the real web-news development half (../shared/webnews-dev), gated like a test.

quotewise runs through the library (`extract_many`, one process) on the 49 articles, read as `quotewise extract`
reads them; each result is written where the set's own scorer looks for it and scored by that scorer's functions,
imported from ../shared at run time, so the figures are the ones `../shared/webnews-dev/run` prints. Skipped when
../shared/webnews-dev is not beside the checkout (its texts never enter the repository).

The floors sit just below the figures last measured (bench/results/calibration.json holds such a run): a
change that loses accuracy on real web news fails here, and a change that gains it should raise them.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import quotewise
from quotewise.io.archives import article_text

DEV = Path(__file__).parents[2].parent / "shared" / "webnews-dev"

pytestmark = [
    pytest.mark.pipeline,
    pytest.mark.skipif(not (DEV / "score.py").is_file(), reason="../shared/webnews-dev is not beside the checkout"),
]

# Percent, as score.py prints them; the last measured figures (bench/results/webnews-dev-learned.txt) in brackets.
FLOORS = {
    "quote F1 @0.3": 90.7,  # 90.967
    "speaker mention @0.3": 94.0,  # 94.126
    "resolved speaker name @0.3": 91.2,  # 91.469
    "people precision": 89.9,  # 90.069
    "people recall": 89.0,  # 89.245
    "quoted women precision": 99.0,  # 100.0 (17 of 17), gender from textual evidence
    "quoted men precision": 96.0,  # 96.296
}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("webnews_dev_score", DEV / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    scorer = _scorer()
    articles = DEV / "articles"
    gold = scorer.load_gold(str(articles))
    pred = tmp_path_factory.mktemp("webnews-dev-pred")
    texts = (article_text(str(articles / f"{aid}.txt")) for aid in gold)
    for aid, result in zip(gold, quotewise.extract_many(texts), strict=True):
        (pred / f"{aid}.json").write_text(json.dumps(result.to_dict()), encoding="utf-8")
    found, _ = scorer.score(gold, str(pred))
    return found


def test_dev_figures_stay_above_their_floors(metrics: dict[str, Any]) -> None:
    people = metrics["people"]["people"]
    measured = {
        "quote F1 @0.3": metrics["quotes@0.3"]["F1"],
        "speaker mention @0.3": metrics["speaker_match@0.3"],
        "resolved speaker name @0.3": metrics["resolved_speaker_acc@0.3"],
        "people precision": people["P"],
        "people recall": people["R"],
        "quoted women precision": metrics["people"]["sourcesFemale"]["P"],
        "quoted men precision": metrics["people"]["sourcesMale"]["P"],
    }
    below = {name: value for name, value in measured.items() if value < FLOORS[name]}
    assert not below, f"below the floor on ../shared/webnews-dev: {below} (floors {FLOORS})"
    assert metrics["problems"]["missing_pred_files"] == 0, metrics["problems"]


def test_every_dev_prediction_has_valid_offsets(metrics: dict[str, Any]) -> None:
    bad = {name: count for name, count in metrics["problems"].items() if count}
    assert not bad, f"score.py found predictions it could not place: {bad}"
