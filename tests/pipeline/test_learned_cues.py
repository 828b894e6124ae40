"""The learned cue classifier end to end: training counts on an invented article, and extraction with it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import quotewise
from quotewise.evaluation.gold import GoldArticle, GoldAttribution
from quotewise.pipeline import load_pipeline

pytestmark = pytest.mark.pipeline
SCRIPT = Path(__file__).parents[2] / "scripts" / "learn_cues.py"

ARTICLE = "Senator Maria Lopez has called for a full inquiry into the harbour contract.\n"


def _learn_cues():
    spec = importlib.util.spec_from_file_location("learn_cues", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_labels_the_annotated_relation() -> None:
    content = ARTICLE.index("a full inquiry")
    cue = ARTICLE.index("called for")
    gold = GoldAttribution(
        content=((content, ARTICLE.index(".")),), cue=((cue, cue + len("called for")),),
        source=((ARTICLE.index("Maria"), ARTICLE.index(" has")),))
    nlp = load_pipeline()
    with nlp.select_pipes(disable=["quotewise"]):
        doc = nlp(ARTICLE)
    examples = _learn_cues().examples(doc, GoldArticle("lopez", ARTICLE, (gold,)))
    positive = [feats for feats, label in examples if label]
    assert len(positive) == 1 and "L=call|VERB|R=prep:for" in positive[0]
    assert any("L=inquiry|NOUN" in feats for feats, label in examples if not label)


def test_fitting_separates_the_labels() -> None:
    data = [(["bias", "good"], 1), (["bias", "bad"], 0)] * 5
    weights = _learn_cues().fit(data)
    assert weights["good"] > 0 > weights["bad"]


def test_learned_cues_find_reported_stances_the_rules_miss() -> None:
    rules = quotewise.extract(ARTICLE, cues="rules").quotes
    learned = quotewise.extract(ARTICLE, cues="learned").quotes
    assert rules == ()
    (quote,) = learned
    assert quote.text == "a full inquiry into the harbour contract"
    assert quote.cue is not None and quote.cue.text == "called for"
    assert quote.speaker_name == "Maria Lopez"
    assert quote.evidence.startswith("learned:prep:for")


def test_an_unknown_cue_mode_is_a_config_error() -> None:
    with pytest.raises(quotewise.ConfigError, match="QW205"):
        quotewise.extract(ARTICLE, cues="magic")
