"""The quote-type classifier, the evaluator's own quotation marks, and the quotewise gold format."""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pytest

from quotewise.engine import quotes as engine_quotes
from quotewise.errors import BadInput
from quotewise.evaluation import gold, quotation_marks
from quotewise.evaluation.gold import GoldAttribution, GoldPerson, classify_type, quoted_chars, read_quotewise_gold
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


def _quoted(text: str) -> list[str]:
    """The runs of quoted characters, as text without surrounding white space."""
    inside = quoted_chars(text)
    runs: list[str] = []
    for i, ch in enumerate(text):
        if i in inside:
            if i - 1 not in inside:
                runs.append("")
            runs[-1] += ch
    return [r.strip() for r in runs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Straight marks: open after a start, space or opening punctuation; close before a space or punctuation.
        ('He said "we will stay" and (“it is over”) again.', ["we will stay", "it is over"]),
        ('"Go," he said, "now."', ["Go,", "now."]),
        # A straight mark that can neither open nor close alternates.
        ('a"b"c and d', ["b"]),
        # Curly and guillemet marks pair by their shape, whatever stands around them.
        ("“Yes”, “no”and«maybe»", ["Yes", "no", "maybe"]),
        # The New York Times' doubled marks; its closing '' may follow a space after a nested single quote.
        ("``Yes,'' he said. ''There was a backlash against 'Primates,' '' Ms. Ferriss noted.",
         ["Yes,", "There was a backlash against 'Primates,'"]),
        # A mark that only opens, met while a quotation is open, ends the unclosed one.
        ("“One, “Two,” she said.", ["One,", "Two,"]),
        # A closing mark with nothing open is ignored.
        ("She said no” and left.", []),
    ],
)
def test_double_quotation_marks(text, expected):
    assert _quoted(text) == expected


def test_an_unclosed_mark_closes_at_its_paragraph_end():
    text = '"We will stay, she said.\nThe council disagreed.\n\nIt called the plan "a\nfarce" today.'
    assert _quoted(text) == ["We will stay, she said.", "a"]


def test_marks_never_pair_across_a_line_break():
    text = 'Ruiz said\n"no" and Lee said "yes\nbut" later.'
    assert _quoted(text) == ["no", "yes"]
    assert text.index("later") not in quoted_chars(text)


def test_a_quotation_over_several_paragraphs_is_reopened_in_each():
    text = '"The first part is this.\n\n“The second part is that,” he said.\n"And a third."'
    assert _quoted(text) == ["The first part is this.", "The second part is that,", "And a third."]
    start = text.index("The first")
    content = ((start, text.index("that,") + 5),)
    assert classify_type(text, content, quoted_chars(text)) == "direct"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I don't think it's over, he said.", []),
        ("Police said the protesters' cars and the drivers' vans would be towed.", []),
        ("Sanders's plan was popular in the '90s, he said.", []),
        # ’ only closes: in ’n’ and ’90s it is an apostrophe.
        ("Rock ’n’ roll of the ’90s is back, the band’s manager said.", []),
        # The search for a closing single mark stops at a double mark: '80s is an apostrophe.
        ("In the 1970s and '80s in Houston, a ''geeky kid,'' he said.", ["geeky kid,"]),
    ],
)
def test_apostrophes_do_not_quote(text, expected):
    assert _quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mayor: ‘We will rebuild’\nThe mayor spoke to reporters.", ["We will rebuild"]),
        ("Mayor says 'we will rebuild'\nThe mayor spoke.", ["we will rebuild"]),
        ("‘No deal’: union rejects offer", ["No deal"]),
        # A possessive s' before a lower-case word is passed over, not taken for the closing mark.
        ("'The protesters' cars must go,' police said.", ["The protesters' cars must go,"]),
        # Single marks inside a double quotation need no pairing.
        ('"He said \'don\'t\' to me," she said.', ["He said 'don't' to me,"]),
    ],
)
def test_single_marks_quote_only_where_they_clearly_pair(text, expected):
    assert _quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "content", "expected"),
    [
        ("Lee: ‘We will rebuild’\nLee spoke.", "‘We will rebuild’", "direct"),
        ("Police said the group was 'highly experienced' in talks.", "the group was 'highly experienced'", "mixed"),
        ("Police said the protesters' cars would be towed.", "the protesters' cars would be towed", "indirect"),
        ('He said that "it\'s over" now.', 'that "it\'s over"', "mixed"),
        ('"Ruiz said\nthe bridge is closed.', "the bridge is closed", "indirect"),
    ],
)
def test_classify_type_by_the_evaluators_marks(text, content, expected):
    assert _type_of(text, content) == expected


def test_the_yardstick_does_not_depend_on_the_extractor(monkeypatch):
    """Changing the extractor's quotation scanner must not change how gold quotations are typed."""
    def no_quotes(text, paras=None):
        return []

    monkeypatch.setattr(engine_quotes, "find_quote_spans", no_quotes)
    monkeypatch.setattr(gold, "find_quote_spans", no_quotes, raising=False)  # in case gold binds the name itself
    assert _type_of('"We will stay," she said.', '"We will stay,"') == "direct"
    for module in (gold, quotation_marks):
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        assert not [name for name in imported if "engine" in name], module.__name__


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


def test_gold_declares_its_scope_and_people(tmp_path):
    (tmp_path / "a.txt").write_text("Ana Ruiz said rates would rise. She left.", encoding="utf-8")
    gold = {"quotes": [{"start": 14, "end": 30}], "people": [{"name": "Ana Ruiz", "gender": "female"}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (article,) = read_quotewise_gold(tmp_path).articles
    assert article.scope == "quotes" and article.people == (GoldPerson("Ana Ruiz", "female"),)
    gold |= {"scope": "attributions", "people": [{"name": "Ana Ruiz"}]}
    (tmp_path / "a.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (article,) = read_quotewise_gold(tmp_path).articles
    assert article.scope == "attributions" and article.people == (GoldPerson("Ana Ruiz", None),)


@pytest.mark.parametrize(("extra", "message"), [
    ({"scope": "everything"}, "scope must be quotes or attributions"),
    ({"people": [{"gender": "female"}]}, "people must be a list of objects with a name"),
    ({"people": [{"name": "Ana Ruiz", "gender": "f"}]}, "gender must be male, female or null"),
])
def test_a_bad_scope_or_people_list_names_the_file(tmp_path, extra, message):
    _write_gold(tmp_path, [])
    data = json.loads((tmp_path / "a.gold.json").read_text(encoding="utf-8")) | extra
    (tmp_path / "a.gold.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadInput, match=f"QW151.*a.gold.json: {message}"):
        read_quotewise_gold(tmp_path)


def test_the_web_news_development_set_reads_cleanly():
    corpus = read_quotewise_gold(Path(__file__).parents[2] / "bench" / "webnews")
    assert len(corpus.articles) >= 20 and not corpus.warnings
    assert all(a.scope == "quotes" and a.people is not None for a in corpus.articles)
