"""The ten attribution cases of the extraction engine, each on a short invented article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quotewise

pytestmark = pytest.mark.pipeline
ARTICLES = sorted((Path(__file__).parents[1] / "articles").glob("*.txt"))


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().replace("’", "'").split())


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_article(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text(encoding="utf-8"))
    quotes = quotewise.extract(text, scope=expected.get("scope", "quotes")).quotes
    for want in expected["quotes"]:
        found = [q for q in quotes if want["contains"] in q.text]
        assert found, f"{expected['case']}: no quotation contains {want['contains']!r}; got {[q.text for q in quotes]}"
        quote = found[0]
        assert quote.type == want["type"], (want["contains"], quote.type, quote.evidence)
        if "speaker_name" in want:
            assert quote.speaker_name == want["speaker_name"], (want["contains"], quote.speaker_name, quote.evidence)
        if "speaker_name_contains" in want:
            assert want["speaker_name_contains"] in _norm(quote.speaker_name), (quote.speaker_name, quote.evidence)
        if "speaker_kind" in want:
            assert quote.speaker_kind == want["speaker_kind"], (want["contains"], quote.speaker_kind)
        if "speaker_text" in want:
            assert quote.speaker is not None and quote.speaker.text == want["speaker_text"], quote.speaker
        if "parts" in want:
            assert [text[s:e] for s, e in quote.parts] == want["parts"], (want["contains"], quote.parts)
        if "no_org" in want:
            assert quote.speaker_org is None, (want["contains"], quote.speaker_org)
        if "speaker_org" in want:
            assert quote.speaker_org == want["speaker_org"], (want["contains"], quote.speaker_org)
        if "speaker_title_contains" in want:
            assert want["speaker_title_contains"] in _norm(quote.speaker_title), quote.speaker_title
        if "not_contains" in want:
            assert want["not_contains"] not in quote.text
        assert 0.0 < quote.confidence <= 1.0
        assert quote.evidence
    for absent in expected["absent"]:
        assert not [q for q in quotes if absent in q.text], f"{absent!r} should not be a quotation"
    for quote in quotes:
        assert text[quote.start:quote.end] == quote.text
        for span in (quote.cue, quote.speaker):
            assert span is None or text[span.start:span.end] == span.text
