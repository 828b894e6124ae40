"""Hand-built parses for rule tests: each test states the exact parse its rule handles, with no trained pipeline."""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc, Span

from quotewise.engine.text_view import TextView

_VOCAB = spacy.blank("en").vocab


def parse(
    rows: Sequence[tuple[str, ...]],
    *,
    ents: Sequence[tuple[int, int, str]] = (),
    no_space_after: Sequence[int] = (),
) -> Doc:
    """A Doc from one row per token: (word, head index, dep, pos, tag, lemma).

    Tokens are joined by one space, except after the indices in ``no_space_after`` and before a
    newline token; ``ents`` are (start token, end token, label). Tag and lemma default to the pos and
    the lower-cased word.
    """
    words = [row[0] for row in rows]
    spaces = [
        k not in no_space_after and k + 1 < len(rows) and "\n" not in row[0] and "\n" not in rows[k + 1][0]
        for k, row in enumerate(rows)
    ]
    doc = Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        heads=[int(row[1]) for row in rows],
        deps=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        tags=[row[4] if len(row) > 4 else row[3] for row in rows],
        lemmas=[row[5] if len(row) > 5 else row[0].lower() for row in rows],
    )
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def view(rows: Sequence[tuple[str, ...]], **kwargs) -> TextView:
    return TextView.of(parse(rows, **kwargs))
