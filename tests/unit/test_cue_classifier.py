"""The learned cue classifier's arithmetic on a hand-written table and a hand-built parse (no trained pipeline)."""

from __future__ import annotations

import math

import pytest
import spacy
from spacy.tokens import Doc

from quotewise.engine.cue_classifier import features, read_table


@pytest.fixture
def doc() -> Doc:
    # "Ruiz urged residents to leave ."
    vocab = spacy.blank("en").vocab
    return Doc(
        vocab,
        words=["Ruiz", "urged", "residents", "to", "leave", "."],
        pos=["PROPN", "VERB", "NOUN", "PART", "VERB", "PUNCT"],
        tags=["NNP", "VBD", "NNS", "TO", "VB", "."],
        lemmas=["Ruiz", "urge", "resident", "to", "leave", "."],
        heads=[1, 1, 1, 4, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "aux", "xcomp", "punct"],
    )


def test_features_name_the_word_relation_and_source(doc: Doc) -> None:
    found = features(doc[1], "xcomp", [(3, 5)], "person")
    assert "L=urge|VERB|R=xcomp" in found
    assert "R=xcomp|S=person" in found
    assert "L=urge|VERB|next=residents" in found
    assert "negated" not in found


def test_probability_is_the_logistic_of_the_summed_weights(doc: Doc) -> None:
    model = read_table("# feature\tweight\nbias\t-1.0\nL=urge|VERB|R=xcomp\t2.5\n")
    assert model.probability(doc[1], "xcomp", [(3, 5)], "person") == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.probability(doc[1], "dobj", [(2, 3)], "person") == pytest.approx(1 / (1 + math.exp(1.0)))


def test_choose_takes_the_likeliest_relation_above_threshold(doc: Doc) -> None:
    model = read_table("bias\t-1.0\nL=urge|VERB|R=xcomp\t2.5\nL=urge|VERB|R=dobj\t0.5\n", threshold=0.5)
    found = {"dobj": [(2, 3)], "xcomp": [(3, 5)]}
    assert model.choose(doc[1], "person", found) == "xcomp"
    assert model.choose(doc[1], "person", {"dobj": [(2, 3)]}) is None  # p = 0.38 < 0.5
    assert model.choose(doc[1], "person", {}) is None
