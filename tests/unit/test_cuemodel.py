"""The learned cue model's arithmetic, on a hand-written table."""

from __future__ import annotations

import pytest

from quotewise.cuemodel import PRIOR_WEIGHT, read_table

TABLE = """\
# lemma\tpos\trelation\tsource\tcue\tseen
support\tVERB\tdobj\t*\t20\t99
support\tVERB\tdobj\tperson\t18\t19
support\tVERB\tdobj\tother\t0\t60
say\tVERB\tccomp\t*\t90\t99
say\tVERB\tdobj\t*\t1\t30
rare\tVERB\tdobj\t*\t2\t2
"""


@pytest.fixture
def model():
    return read_table(TABLE, threshold=0.3, min_seen=5)


def test_knows_only_words_seen_often_enough(model) -> None:
    assert model.knows("say", "VERB")
    assert not model.knows("rare", "VERB")
    assert not model.knows("say", "NOUN")


def test_context_moves_the_probability(model) -> None:
    person = model.probability("support", "VERB", "dobj", "person")
    other = model.probability("support", "VERB", "dobj", "other")
    unseen = model.probability("support", "VERB", "dobj", "org")
    assert person > unseen > other
    # an unseen context gets the word's own rate, shrunk by the add-one in its denominator
    assert unseen == pytest.approx(PRIOR_WEIGHT * (20 / 100) / (PRIOR_WEIGHT + 1))


def test_choose_takes_the_likeliest_relation_above_threshold(model) -> None:
    found = {"ccomp": [(3, 9)], "dobj": [(2, 3)]}
    assert model.choose("say", "VERB", "person", found) == "ccomp"
    assert model.choose("say", "VERB", "person", {"dobj": [(2, 3)]}) is None
    assert model.choose("support", "VERB", "person", {"dobj": [(2, 3)]}) == "dobj"
    assert model.choose("support", "VERB", "other", {"dobj": [(2, 3)]}) is None
    assert model.choose("say", "VERB", "person", {}) is None
