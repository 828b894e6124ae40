"""Writers on hand-built results: the shape of each format; finished articles reach the stream at once."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quotewise import ArticleResult, Person, Quote, Span
from quotewise.io.writers import FORMATS, make_writer, shorten
from quotewise.records import Article
from quotewise.rows import QUOTATION_COLUMNS

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


def article(source: str) -> Article:
    return Article(id=f"id-{source}", text=TEXT, source=source, url=f"https://example.org/{source}")


def written(fmt: str, items: list[tuple[str, ArticleResult]], *, several: bool) -> str:
    stream = io.StringIO()
    writer = make_writer(fmt, stream, several=several)
    for source, result in items:
        writer.write(article(source), result)
    writer.close()
    return stream.getvalue()


def in_parts(fmt: str, parts: list[tuple[Quote, ...]], people: tuple[Person, ...], *, several: bool) -> str:
    """One article written as a long text is: its quotations in parts, then its people."""
    stream = io.StringIO()
    writer = make_writer(fmt, stream, several=several)
    writer.start(article("long.txt"))
    for part in parts:
        writer.add(part)
    writer.finish(people)
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


def test_json_several_inputs_is_an_array_with_each_articles_metadata():
    data = json.loads(written("json", [("a.txt", RESULT), ("-", EMPTY)], several=True))
    assert [d["source"] for d in data] == ["a.txt", "-"]
    assert list(data[0]) == [*ARTICLE_KEYS, "quotes", "people"]
    assert data[0]["article_id"] == "id-a.txt" and data[0]["url"] == "https://example.org/a.txt"
    assert ArticleResult.from_dict(data[0]) == RESULT
    assert data[1]["quotes"] == [] and data[1]["people"] == []


ARTICLE_KEYS = ["article_id", "source", "position", "url", "outlet", "title", "date", "author"]


@pytest.mark.parametrize(("fmt", "several"), [("json", False), ("json", True), ("jsonl", True)])
def test_json_written_in_parts_is_what_json_dumps_makes_of_the_whole(fmt, several):
    whole = written(fmt, [("long.txt", RESULT)], several=several)
    assert in_parts(fmt, [RESULT.quotes[:1], (), RESULT.quotes[1:]], RESULT.people, several=several) == whole
    record = {**(dict.fromkeys(ARTICLE_KEYS) if several else {}), **RESULT.to_dict()}
    if several:
        record.update(article_id="id-long.txt", source="long.txt", position=1, url="https://example.org/long.txt")
    if fmt == "jsonl":
        assert whole == json.dumps(record, ensure_ascii=False) + "\n"
    elif several:
        assert json.loads(whole) == [record]
    else:
        assert whole == json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def test_json_keeps_non_ascii_readable():
    result = ArticleResult(quotes=(Quote(text="Kia ora, tēnā koe", start=0, end=17, type="direct"),))
    assert "tēnā" in written("json", [("a.txt", result)], several=False)


def test_jsonl_one_line_per_input():
    lines = written("jsonl", [("a.txt", RESULT), ("b.txt", EMPTY)], several=True).splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["a.txt", "b.txt"]
    assert json.loads(lines[1])["quotes"] == []


def test_csv_one_row_per_quotation_with_the_flat_columns():
    rows = list(csv.DictReader(io.StringIO(written("csv", [("a.txt", RESULT), ("b.txt", EMPTY)], several=True))))
    assert len(rows) == 2
    assert tuple(rows[0]) == QUOTATION_COLUMNS
    assert {k: rows[0][k] for k in ("article_id", "source", "url", "n", "start", "end", "type", "text", "cue_text",
                                    "cue_start", "speaker_text", "speaker_name", "speaker_kind", "speaker_title",
                                    "speaker_org", "speaker_gender", "confidence", "parts")} == {
        "article_id": "id-a.txt",
        "source": "a.txt",
        "url": "https://example.org/a.txt",
        "n": "0",
        "start": "1",
        "end": "47",
        "type": "direct",
        "text": "The port stays shut until the cranes are safe,",
        "cue_text": "said",
        "cue_start": "73",
        "speaker_text": "harbour master Ian Rewi",
        "speaker_name": "Ian Rewi",
        "speaker_kind": "person",
        "speaker_title": "harbour master",
        "speaker_org": "",
        "speaker_gender": "unknown",
        "confidence": "0.9",
        "parts": "[]",
    }
    assert rows[1]["speaker_name"] == "" and rows[1]["n"] == "1"
    assert rows[1]["speaker_text"] == "Shipping firms" and rows[1]["speaker_gender"] == "not a person"


def test_csv_of_a_long_text_gives_each_row_the_gender_its_people_bring_at_the_end():
    people = (Person(name="Ian Rewi", gender="male", quoted=True),)
    rows = list(csv.DictReader(io.StringIO(in_parts("csv", [RESULT.quotes[:1], RESULT.quotes[1:]], people,
                                                    several=False))))
    assert [(r["n"], r["speaker_gender"]) for r in rows] == [("0", "male"), ("1", "not a person")]


def test_csv_header_even_without_quotations():
    out = written("csv", [("a.txt", EMPTY)], several=False)
    assert out.splitlines() == [",".join(QUOTATION_COLUMNS)]


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
    writer.write(article("a.txt"), RESULT)
    # Before close(): the first article is already out, so a crash on the next one loses nothing.
    assert "harbour master" in stream.flushed
    writer.write(article("b.txt"), RESULT)
    assert stream.flushed.count("harbour master") >= 2


def test_table_and_csv_show_a_split_quotation_as_its_quoted_words() -> None:
    import io

    text = '"We will stay," she said, "and rebuild."'
    quote = Quote(text[1:39], 1, 39, "direct", parts=((1, 14), (27, 39)))
    assert quote.words == "We will stay, … and rebuild."
    out = io.StringIO()
    writer = make_writer("csv", out)
    writer.write(article("a.txt"), ArticleResult(quotes=(quote,)))
    writer.close()
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["words"] == "We will stay, … and rebuild." and row["parts"] == "[[1, 14], [27, 39]]"
    assert "she said" not in written("table", [("a.txt", ArticleResult(quotes=(quote,)))], several=False)
