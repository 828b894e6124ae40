"""Offsets hold on any text, however broken its quotation marks: random texts from news-like pieces."""

from __future__ import annotations

import random

import pytest

import quotewise

pytestmark = pytest.mark.pipeline
PIECES = ['"', "“", "”", "'", "‘", "’", "''", "``", "\n", "\n\n", " said ", " he said. ", "Mr Smith", ":", ",", ".",
          " ", "The mayor", " told ", " according to ", "she", "—", "(", ")", "Ann Lee", " that ", "\t", "\r\n", "🙂",
          "x" * 30]


@pytest.mark.parametrize("seed", range(60))
def test_every_offset_indexes_the_input(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 60)))
    result = quotewise.extract(text)
    for quote in result.quotes:
        assert text[quote.start:quote.end] == quote.text
        for span in (quote.cue, quote.speaker):
            assert span is None or text[span.start:span.end] == span.text
        assert all(quote.start <= s < e <= quote.end for s, e in quote.parts)
        assert 0.0 <= quote.confidence <= 1.0
    for person in result.people:
        assert all(0 <= s < e <= len(text) for s, e in person.mentions)
