"""Writers on hand-built results: the shape of each format; finished articles reach the stream at once."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quotewise import ArticleResult, Person, Quote, Span
from quotewise.io.writers import CSV_COLUMNS, FORMATS, make_writer, shorten

TEXT = (
    '"The port stays shut until the cranes are safe," harbour master Ian Rewi said on Friday. '
    "Shipping firms said they expected delays."
)

RESULT = ArticleResult(
    quotes=(
        Quote(
            text="The port stays shut until the cranes are safe,",
            start=1,
            end=47,
            type="direct",
            cue=Span("said", 73, 77),
            speaker=Span("harbour master Ian Rewi", 49, 72),
            speaker_name="Ian Rewi",
            speaker_kind="person",
            speaker_title="harbour master",
            confidence=0.9,
            evidence="quote-cue-speaker",
            cue_kind="speech",
        ),
        Quote(
            text="they expected delays",
            start=109,
            end=129,
            type="indirect",
            cue=Span("said", 104, 108),
            speaker=Span("Shipping firms", 89, 103),
            speaker_kind="group",
            confidence=0.6,
            evidence="cue-subject",
        ),
    ),
    people=(Person(name="Ian Rewi", quoted=True, title="harbour master", mentions=((64, 72),)),),
)
EMPTY = ArticleResult()


def written(fmt: str, items: list[tuple[str, ArticleResult]], *, several: bool) -> str:
    stream = io.StringIO()
    writer = make_writer(fmt, stream, several=several)
    for source, result in items:
        writer.write(source, result)
    writer.close()
    return stream.getvalue()


def test_spans_match_the_text():
    # Guards the fixture itself: offsets index TEXT.
    for q in RESULT.quotes:
        assert TEXT[q.start : q.end] == q.text
        assert TEXT[q.cue.start : q.cue.end] == q.cue.text
        assert TEXT[q.speaker.start : q.speaker.end] == q.speaker.text


def test_json_one_input_is_exactly_the_schema():
    data = json.loads(written("json", [("a.txt", RESULT)], several=False))
    assert data == {"quotes": [q.to_dict() for q in RESULT.quotes], "people": [RESULT.people[0].to_dict()]}


def test_json_one_input_drops_a_source_set_on_the_result():
    data = json.loads(written("json", [("a.txt", ArticleResult(source="elsewhere"))], several=False))
    assert data == {"quotes": [], "people": []}


def test_json_several_inputs_is_an_array_with_sources():
    data = json.loads(written("json", [("a.txt", RESULT), ("-", EMPTY)], several=True))
    assert [d["source"] for d in data] == ["a.txt", "-"]
    assert list(data[0]) == ["source", "quotes", "people"]
    assert ArticleResult.from_dict(data[0]) == RESULT
    assert data[1] == {"source": "-", "quotes": [], "people": []}


def test_json_keeps_non_ascii_readable():
    result = ArticleResult(quotes=(Quote(text="Kia ora, tēnā koe", start=0, end=17, type="direct"),))
    assert "tēnā" in written("json", [("a.txt", result)], several=False)


def test_jsonl_one_line_per_input():
    lines = written("jsonl", [("a.txt", RESULT), ("b.txt", EMPTY)], several=True).splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["a.txt", "b.txt"]
    assert json.loads(lines[1]) == {"source": "b.txt", "quotes": [], "people": []}


def test_csv_one_row_per_quotation():
    rows = list(csv.DictReader(io.StringIO(written("csv", [("a.txt", RESULT), ("b.txt", EMPTY)], several=True))))
    assert len(rows) == 2
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0] == {
        "source": "a.txt",
        "start": "1",
        "end": "47",
        "type": "direct",
        "text": "The port stays shut until the cranes are safe,",
        "cue": "said",
        "speaker": "harbour master Ian Rewi",
        "speaker_name": "Ian Rewi",
        "speaker_kind": "person",
        "speaker_title": "harbour master",
        "speaker_org": "",
        "confidence": "0.9",
        "evidence": "quote-cue-speaker",
        "cue_kind": "speech",
    }
    assert rows[1]["speaker_name"] == ""
    assert rows[1]["speaker"] == "Shipping firms"


def test_csv_header_even_without_quotations():
    out = written("csv", [("a.txt", EMPTY)], several=False)
    assert out.splitlines() == [",".join(CSV_COLUMNS)]


def test_csv_quotes_awkward_text():
    result = ArticleResult(quotes=(Quote(text='He said "no",\nthen left', start=0, end=23, type="direct"),))
    rows = list(csv.DictReader(io.StringIO(written("csv", [("a.txt", result)], several=False))))
    assert rows[0]["text"] == 'He said "no",\nthen left'


def test_table_shows_speaker_title_type_and_quote():
    out = written("table", [("a.txt", RESULT)], several=False)
    assert "Ian Rewi" in out
    assert "harbour master" in out
    assert "indirect" in out
    # The speaker has no canonical name: the mention as written stands in.
    assert "Shipping firms" in out
    assert "a.txt" not in out


def test_table_heads_each_input_when_several():
    out = written("table", [("first.txt", RESULT), ("second.txt", EMPTY)], several=True)
    assert out.index("first.txt") < out.index("Ian Rewi") < out.index("second.txt")
    assert "no quotations found" in out


def test_table_prints_markup_literally():
    result = ArticleResult(quotes=(Quote(text="[bold]loud[/bold] :smile:", start=0, end=25, type="direct"),))
    assert "[bold]loud[/bold] :smile:" in written("table", [("a.txt", result)], several=False)


def test_shorten():
    assert shorten("short quote") == "short quote"
    assert shorten("a  b\n c") == "a b c"
    long = "word " * 40
    cut = shorten(long)
    assert len(cut) <= 80
    assert cut.endswith("…")
    assert cut[:-1] == cut[:-1].rstrip()


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_is_written_when_every_input_failed(fmt):
    assert written(fmt, [], several=True) == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_article_is_flushed_as_it_is_written(fmt):
    class Recorder(io.StringIO):
        flushed = ""

        def flush(self) -> None:
            self.flushed = self.getvalue()

    stream = Recorder()
    writer = make_writer(fmt, stream, several=True)
    writer.write("a.txt", RESULT)
    # Before close(): the first article is already out, so a crash on the next one loses nothing.
    assert "harbour master" in stream.flushed
    writer.write("b.txt", RESULT)
    assert stream.flushed.count("harbour master") >= 2


def test_table_and_csv_show_a_split_quotation_as_its_quoted_words() -> None:
    import io

    text = '"We will stay," she said, "and rebuild."'
    quote = Quote(text[1:39], 1, 39, "direct", parts=((1, 14), (27, 39)))
    assert quote.words == "We will stay, … and rebuild."
    out = io.StringIO()
    writer = make_writer("csv", out)
    writer.write("a.txt", ArticleResult(quotes=(quote,)))
    writer.close()
    assert "We will stay, … and rebuild." in out.getvalue() and "she said" not in out.getvalue()
