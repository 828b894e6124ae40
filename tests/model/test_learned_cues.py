"""The learned cue model end to end: training counts on an invented article, and extraction with it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import quotewise
from quotewise.evaluation.gold import GoldArticle, GoldAttribution
from quotewise.pipeline import load_pipeline

pytestmark = pytest.mark.model
SCRIPT = Path(__file__).parents[2] / "scripts" / "learn_cues.py"

ARTICLE = "Senator Maria Lopez has called for a full inquiry into the harbour contract.\n"


def _learn_cues():
    spec = importlib.util.spec_from_file_location("learn_cues", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_counts_the_annotated_relation() -> None:
    content = ARTICLE.index("a full inquiry")
    cue = ARTICLE.index("called for")
    gold = GoldAttribution(
        content=((content, ARTICLE.index(".")),), cue=((cue, cue + len("called for")),),
        source=((ARTICLE.index("Maria"), ARTICLE.index(" has")),))
    nlp = load_pipeline()
    with nlp.select_pipes(disable=["quotewise"]):
        doc = nlp(ARTICLE)
    cue_counts, seen = _learn_cues().count(doc, GoldArticle("lopez", ARTICLE, (gold,)))
    assert cue_counts[("call", "VERB", "prep:for", "*")] == 1
    assert cue_counts[("call", "VERB", "prep:for", "person")] == 1
    assert seen[("call", "VERB", "prep:for", "*")] == 1
    assert not any(key[0] == "inquiry" for key in cue_counts)


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
