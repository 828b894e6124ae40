"""The run path's one cutting and batching policy, and the order results come back in, without a spaCy model:
the worker's job here records the batches it is given and finds one quotation and one person per piece."""

from __future__ import annotations

from typing import ClassVar

import pytest

from quotewise import runner as run_module
from quotewise.options import ExtractOptions
from quotewise.records import ArticleResult, Person, Quote
from quotewise.runner import Failed, Failure, Part, Runner

OPTIONS = ExtractOptions(model="no-model-needed")


class Recording(Runner):
    """In this process, recording each batch's piece lengths; a text containing "FAIL" raises."""

    batches: ClassVar[list[list[int]]] = []

    @staticmethod
    def job(texts: list[str], options: ExtractOptions) -> tuple[list[ArticleResult | str], int]:
        Recording.batches.append([len(t) for t in texts])
        return [("ValueError: boom" if "FAIL" in t else
                 ArticleResult((Quote(t[:3], 0, 3, "direct"),), (Person("Ana Ruiz", mentions=((0, 3),)),)))
                for t in texts], 0

    prepare = staticmethod(lambda options: None)


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    monkeypatch.setattr(run_module, "MAX_PIECE_CHARS", 100)
    monkeypatch.setattr(run_module, "BATCH_CHARS", 100)
    monkeypatch.setattr(run_module, "BATCH_PIECES", 3)
    Recording.batches = []


def run(texts: list[str]) -> list[Part[int] | Failed[int]]:
    with Recording(OPTIONS) as runner:
        return list(runner.run(enumerate(texts)))


def test_short_articles_share_a_batch_up_to_the_character_limit():
    run(["a" * 40, "b" * 30, "c" * 30, "d" * 20, "e" * 5])
    assert Recording.batches == [[40, 30, 30], [20, 5]]


def test_a_batch_holds_at_most_batch_pieces():
    run(["x"] * 7)
    assert Recording.batches == [[1, 1, 1], [1, 1, 1], [1]]


def test_a_long_text_is_cut_at_line_breaks_into_pieces_that_come_back_as_parts_in_order():
    line = "word " * 9 + "end.\n"  # 50 characters
    events = run([line * 5, "short"])
    assert Recording.batches == [[100], [100], [50, 5]]
    parts = [e for e in events if isinstance(e, Part) and e.key == 0]
    assert [q.start for p in parts for q in p.quotes] == [0, 100, 200]  # at article offsets
    assert [p.last for p in parts] == [False, False, True]
    (ruiz,) = parts[-1].people or ()
    assert ruiz.mentions == ((0, 3), (100, 103), (200, 203))  # one person, joined over the pieces
    assert isinstance(events[-1], Part) and events[-1].key == 1 and events[-1].last


def test_map_gives_each_text_its_whole_result():
    line = "word " * 9 + "end.\n"
    with Recording(OPTIONS) as runner:
        got = list(runner.map(enumerate([line * 3, "", "short"])))
    assert [k for k, _ in got] == [0, 1, 2]
    assert [len(r.quotes) for _, r in got] == [2, 1, 1]  # an empty text still gets its result


def test_a_piece_that_raises_fails_its_article_only():
    events = run(["one", "it will FAIL", "three"])
    assert [(e.key, type(e).__name__) for e in events] == [(0, "Part"), (1, "Failed"), (2, "Part")]
    assert events[1].failure == Failure("QW131", "extraction failed: ValueError: boom")  # type: ignore[union-attr]


def test_an_error_reading_the_items_comes_after_the_articles_read_before_it():
    def items():
        yield 0, "one"
        yield 1, "two"
        raise TypeError("not a str")

    seen = []
    with Recording(OPTIONS) as runner, pytest.raises(TypeError):
        for event in runner.run(items()):
            seen.append(event.key)
    assert seen == [0, 1]
