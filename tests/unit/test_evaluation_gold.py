"""The quote-type classifier and the quotewise gold format."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from quotewise.errors import BadInput
from quotewise.evaluation.gold import GoldAttribution, classify_type, quoted_chars, read_quotewise_gold
from quotewise.evaluation.metrics import figures, score_article
from quotewise.records import ArticleResult, Quote, Span

FERRY = Path(__file__).parents[1] / "fixtures" / "eval" / "quotewise"


def _type_of(text: str, content: str) -> str:
    start = text.index(content)
    return classify_type(text, ((start, start + len(content)),), quoted_chars(text))


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ('"We will stay," she said.', '"We will stay,"', "direct"),
        # Punctuation outside the closing mark is not a word outside the quotation.
        ('He said "No", and left.', '"No",', "direct"),
        ('She said that "people who drive change get arrows."', 'that "people who drive change get arrows."', "mixed"),
        ('They were "extremely disappointed" by the delay.', 'were "extremely disappointed" by the delay', "mixed"),
        ("The council said rates would rise.", "rates would rise", "indirect"),
        # The New York Times' doubled apostrophes quote too.
        ("''It is over,'' he said.", "''It is over,''", "direct"),
        # A multi-paragraph quotation is left open at the end of its first paragraph.
        ('"First part of it.\n"Second part," he said.', '"First part of it.', "direct"),
        ('He said: "...".', "...", "indirect"),
    ],
)
def test_classify_type(text, content, expected):
    assert _type_of(text, content) == expected


def test_discontinuous_content_counts_every_fragment():
    text = '"We lost," he said, "but not by much." Others said the vote was fair.'
    quoted = quoted_chars(text)
    both_quotes = ((0, 9), (20, 38))
    assert classify_type(text, both_quotes, quoted) == "direct"
    assert classify_type(text, ((0, 9), (39, 68)), quoted) == "mixed"


def test_reads_the_quotewise_gold_format():
    corpus = read_quotewise_gold(FERRY)
    assert corpus.warnings == ()
    (ferry,) = corpus.articles
    assert ferry.name == "ferry"
    assert ferry.attributions == (
        GoldAttribution(((23, 57),), ((99, 103),), ((87, 97),), "direct", "Lena Ortiz"),
        # No "type" in the file: derived from the quotation marks.
        GoldAttribution(((116, 176),), ((111, 115),), ((105, 110),), "mixed", "Lena Ortiz"),
        # "fragments": "Passengers ... should expect delays".
        GoldAttribution(((178, 188), (201, 221)), ((194, 199),), ((190, 193),), "indirect", "Lena Ortiz"),
    )
    assert [ferry.text[s:e] for s, e in ferry.attributions[2].content] == ["Passengers", "should expect delays"]


def test_quotewise_output_round_trips_as_gold(tmp_path):
    """Saved output, corrected by hand, is the gold format; scored against itself it is perfect."""
    text = (FERRY / "ferry.txt").read_text(encoding="utf-8")

    def span(s: str, nth: int = 1) -> Span:
        start = -1
        for _ in range(nth):
            start = text.index(s, start + 1)
        return Span(s, start, start + len(s))

    quotes = (
        Quote("Boats will sail again from Monday,", 23, 57, "direct", span("said"), span("Lena Ortiz"), "Lena Ortiz"),
        Quote("Passengers, she added, should expect delays", 178, 221, "indirect", span("added"), None, None),
    )
    shutil.copy(FERRY / "ferry.txt", tmp_path / "ferry.txt")
    (tmp_path / "ferry.gold.json").write_text(json.dumps(ArticleResult(quotes).to_dict()), encoding="utf-8")
    (article,) = read_quotewise_gold(tmp_path).articles
    assert article.attributions == (
        GoldAttribution(((23, 57),), ((99, 103),), ((87, 97),), "direct", "Lena Ortiz"),
        GoldAttribution(((178, 221),), ((194, 199),), (), "indirect", None),
    )
    scores = figures(score_article(article, quotes))["thresholds"]["0.8"]
    assert scores["content"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "matched": 2}
    assert scores["source_accuracy"]["accuracy"] == 1.0
    assert scores["cue_accuracy"]["accuracy"] == 1.0
    assert scores["speaker_name_accuracy"] == {"accuracy": 1.0, "correct": 1, "total": 1}


def _write_gold(directory: Path, quotes: object, text: str = "The mayor said rates would rise.") -> None:
    (directory / "a.txt").write_text(text, encoding="utf-8")
    (directory / "a.gold.json").write_text(json.dumps({"quotes": quotes}), encoding="utf-8")


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ({"start": 20, "end": 99}, "span 20-99 is outside the text"),
        ({"start": 20}, "expected integer start and end, got (20, None)"),
        ({"fragments": []}, "fragments must be a non-empty list"),
        ({"fragments": 5}, "fragments must be a non-empty list"),
        ({"fragments": [[20]]}, "quotes[0].fragments: expected integer start and end, got [20]"),
        ({"start": 20, "end": 31, "type": "quoted"}, "type must be direct, mixed or indirect"),
        ({"start": 20, "end": 31, "speaker": "the mayor"}, "expected an object with start and end"),
    ],
)
def test_malformed_gold_quote_is_an_error(tmp_path, quote, message):
    _write_gold(tmp_path, [quote])
    with pytest.raises(BadInput, match=re.escape(message)) as caught:
        read_quotewise_gold(tmp_path)
    assert caught.value.code == "QW152"
    assert "a.gold.json: quotes[0]" in str(caught.value)


def test_invalid_json_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{quotes: []", encoding="utf-8")
    with pytest.raises(BadInput, match="not valid JSON") as caught:
        read_quotewise_gold(tmp_path)
    assert caught.value.code == "QW151"


def test_quote_text_disagreeing_with_offsets_is_a_warning(tmp_path):
    _write_gold(tmp_path, [{"text": "rates will rise", "start": 15, "end": 31}])
    corpus = read_quotewise_gold(tmp_path)
    assert len(corpus.articles[0].attributions) == 1
    assert corpus.warnings == (f"{tmp_path / 'a.gold.json'}: quotes[0]: text does not match the article at 15-31",)


def test_offsets_ignore_a_byte_order_mark_as_quotewise_does(tmp_path):
    # quotewise drops a leading BOM before extracting, so its offsets (and gold made from them) skip it.
    (tmp_path / "a.txt").write_bytes("\ufeffRates rise, Ann said.\r\n".encode())
    (tmp_path / "a.gold.json").write_text('{"quotes": [{"text": "Rates rise", "start": 0, "end": 10}]}')
    corpus = read_quotewise_gold(tmp_path)
    assert corpus.warnings == ()
    assert corpus.articles[0].text == "Rates rise, Ann said.\r\n"


def test_gold_without_its_text_is_skipped_with_a_warning(tmp_path):
    _write_gold(tmp_path, [])
    (tmp_path / "b.gold.json").write_text('{"quotes": []}', encoding="utf-8")
    corpus = read_quotewise_gold(tmp_path)
    assert [a.name for a in corpus.articles] == ["a"]
    assert corpus.warnings == (f"{tmp_path / 'b.gold.json'}: no b.txt beside it; skipped",)


def test_directory_without_gold_files_is_an_error(tmp_path):
    with pytest.raises(BadInput, match=re.escape("no *.gold.json files")):
        read_quotewise_gold(tmp_path)
