"""Quotation spans from marks alone: no parser, exact offsets."""

from __future__ import annotations

from quotewise.engine.quotes import find_quote_spans


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_straight_and_curly_marks() -> None:
    text = '“First one,” she said. "Second one," he said.'
    assert _texts(text) == ["First one,", "Second one,"]


def test_multi_paragraph_quote_is_one_group() -> None:
    text = '"Opening paragraph goes on.\n"Middle paragraph too.\n"Last one closes."\nPlain prose.'
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == [
        "Opening paragraph goes on.", "Middle paragraph too.", "Last one closes."]
    assert len({s.group for s in spans}) == 1
    assert [s.closed for s in spans] == [False, False, True]


def test_unclosed_quote_closes_at_paragraph_end() -> None:
    text = 'She said: "We will be back next week.\nThe meeting ended at noon.\nNothing else happened.'
    spans = find_quote_spans(text)
    assert _texts(text) == ["We will be back next week."]
    assert spans[0].end == text.index("\n")


def test_new_paragraph_without_mark_starts_a_new_group() -> None:
    text = '"Left open here.\nProse follows.\n"A new quote."'
    spans = find_quote_spans(text)
    assert len({s.group for s in spans}) == 2


def test_apostrophes_are_not_quotes() -> None:
    text = "The protesters' cars weren't moved in the '90s or since."
    assert _texts(text) == []


def test_single_quotes_in_headline() -> None:
    text = "Union fears towing 'likely' to inflame protest\nBody text."
    spans = find_quote_spans(text)
    assert _texts(text) == ["likely"]
    assert spans[0].single


def test_single_quotes_nested_in_double_are_not_separate() -> None:
    text = '"He told me \'go home\' and left," she said.'
    assert _texts(text) == ["He told me 'go home' and left,"]


def test_outer_span_includes_marks() -> None:
    text = 'He said "yes" loudly.'
    (span,) = find_quote_spans(text)
    assert text[slice(*span.outer)] == '"yes"'


def test_doubled_apostrophes_and_backticks_are_double_marks() -> None:
    text = "He said ''That makes me smart'' and ``we agree'' too."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["That makes me smart", "we agree"]
    assert [text[slice(*s.outer)] for s in spans] == ["''That makes me smart''", "``we agree''"]


def test_doubled_curly_single_marks_are_double_marks() -> None:
    text = "“We print local creators,’’ says the founder. ‘‘One copy,’’ he adds. The shop’’s sign stays."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["We print local creators,", "One copy,"]
