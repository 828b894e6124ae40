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
    rules = quotewise.extract(ARTICLE, cues="rules", scope="attributions").quotes
    learned = quotewise.extract(ARTICLE, cues="learned", scope="attributions").quotes
    assert rules == ()
    (quote,) = learned
    assert quote.text == "a full inquiry into the harbour contract"
    assert quote.cue is not None and quote.cue.text == "called for"
    assert quote.speaker_name == "Maria Lopez"
    assert quote.evidence.startswith("learned:prep:for")


def test_a_topic_is_no_quotation_unless_it_is_quoted() -> None:
    """What was called for, spoken about or announced is a topic in the quotes scope; quoted words are not."""
    assert quotewise.extract(ARTICLE).quotes == ()
    quoted = 'Senator Maria Lopez called for "a full and public inquiry" into the contract.\n'
    (quote,) = quotewise.extract(quoted).quotes
    assert quote.speaker_name == "Maria Lopez" and "a full and public inquiry" in quote.text
    urged = "Mayor Ana Ruiz urged residents to stay off the roads until Monday.\n"
    (quote,) = quotewise.extract(urged).quotes
    assert quote.text == "to stay off the roads until Monday" and quote.rule.startswith("learned:xcomp")
    promised = "Mayor Ana Ruiz promised to repair the roads before winter.\n"
    assert quotewise.extract(promised).quotes == ()
    assert quotewise.extract(promised, scope="attributions").quotes


def test_an_unknown_cue_mode_is_a_config_error() -> None:
    with pytest.raises(quotewise.ConfigError, match="QW205"):
        quotewise.extract(ARTICLE, cues="magic")
