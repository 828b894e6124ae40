"""A long article's parts: where they are cut, what each holds and marks, the same on SQLite and PostgreSQL.

The article here is `bigarticle`'s at 400,000 characters, cut into parts of 5,000 (not 50,000) so that every part,
the paragraph longer than a part among them, can be checked against the records it was written from.
"""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from bigarticle import big_article, write_store

from quotewise.corpus.store import Store
from quotewise.records import Article, ArticleResult, Quote, Span
from quotewise.web import views
from quotewise.web.highlight import Segment, paragraphs, spans
from quotewise.web.parts import Covered, Layout, cut

SIZE = 5_000


@pytest.fixture(scope="module")
def medium(tmp_path_factory):
    article, result = big_article(400_000, long_paragraph=30_000, seed=3, article_id="medium")
    store = write_store(str(tmp_path_factory.mktemp("parts") / "parts.db"), [(article, result)])
    yield store, article, result
    store.close()


def _all_parts(store: Store, article_id: str) -> list[dict]:
    summary = views.article_summary(store, article_id)
    first = views.article(store, article_id, summary=summary, size=SIZE)
    return [first, *(views.article(store, article_id, k, summary=summary, size=SIZE)
                     for k in range(2, first["part"]["count"] + 1))]


def _reaches(q: Quote, start: int, end: int) -> bool:
    marked = [(q.start, q.end), *((s.start, s.end) for s in (q.cue, q.speaker) if s)]
    return any(s < end and e > start for s, e in marked)


def test_a_cut_is_a_paragraph_break_outside_every_quotation_when_there_is_one():
    text = "One.\nTwo “three.\nFour,” she said.\nFive.\n"
    quotation = Covered([(text.index("“"), text.index("”") + 1)])
    near = text.index("Four") - 1
    assert cut(text, 0, near, Covered([])) == text.index("Four")
    assert cut(text, 0, near, quotation) == text.index("Two")  # the nearest break is inside the quotation
    assert cut(text, 0, near, Covered([(-1, 100)])) == text.index("Four")  # everything is marked
    assert cut(text, 100, 100 + near, Covered([])) == 100 + text.index("Four")  # places count from the window's start


def test_a_paragraph_longer_than_a_part_is_cut_after_a_sentence_else_after_a_space():
    text = "It rained all day. “We stay. We wait,” she said. They left"
    near = text.index("We wait")
    assert cut(text, 0, near, Covered([])) == near
    assert cut(text, 0, near, Covered([(text.index("“"), text.index("”") + 1)])) == text.index("“")
    assert cut("no sentence ends here", 0, 5, Covered([])) == 3
    assert cut("unbroken", 0, 5, Covered([])) == 5


def test_highlights_that_only_touch_leave_their_meeting_place_free():
    covered = Covered([(0, 5), (5, 9), (20, 30), (25, 40)])
    assert [p for p in range(45) if p in covered] == [*range(1, 5), *range(6, 9), *range(21, 40)]


@pytest.mark.parametrize("length", [1, 49_999, 50_000, 50_001, 120_000, 20_000_317])
def test_parts_are_never_empty_nor_much_longer_than_a_part(length):
    layout = Layout.of(length)
    windows = [layout.window(k) for k in range(layout.count + 1)]
    assert layout.count == -(-length // 50_000)
    for (low, before), (after, high) in pairwise(windows):  # a part runs from somewhere in one window to the next
        assert after - before >= min(length, 12_500) and high - low <= 75_000


def _quadratic_paragraphs(text: str, quotes: list[Quote]) -> list[list[Segment]]:
    """The marking as it was first written (every segment checks every span): the reference for the sweep."""
    roles = [(s, e, role, n) for n, q in enumerate(quotes) for s, e, role in spans(q)]
    at = {0, len(text), *(x for s, e, _, _ in roles for x in (s, e) if 0 <= x <= len(text))}
    at.update(x for i, ch in enumerate(text) if ch == "\n" for x in (i, i + 1))
    seen: set[int] = set()
    lines: list[list[Segment]] = [[]]
    for start, end in pairwise(sorted(at)):
        if text[start:end] == "\n":
            lines.append([])
            continue
        found = {role: n for s, e, role, n in roles if s <= start and end <= e}
        quote = found.get(0)
        first = quote is not None and quote not in seen
        if quote is not None:
            seen.add(quote)
        lines[-1].append(Segment(text[start:end], quote, first, found.get(1), found.get(2)))
    return [line for line in lines if any(seg.text.strip() for seg in line)]


def _shifted(q: Quote, by: int) -> Quote:
    def span(s: Span | None) -> Span | None:
        return None if s is None else Span(s.text, s.start - by, s.end - by)

    return Quote(q.text, q.start - by, q.end - by, q.type, span(q.cue), span(q.speaker),
                 parts=tuple((s - by, e - by) for s, e in q.parts))


def test_the_sweep_marks_a_part_as_the_quadratic_reference_does():
    rng = random.Random(5)
    text = "".join(rng.choice("abc \n“”.") for _ in range(3_000))
    quotes = []
    for _ in range(400):  # overlapping, nested, split, reaching past either end of the part
        start = rng.randrange(-50, 3_000)
        end = start + rng.randrange(0, 120)
        parts = ((start, start + 10), (start + 20, end)) if end - start > 30 and rng.random() < 0.3 else ()
        cue = Span("x", end + 1, end + rng.randrange(1, 8)) if rng.random() < 0.7 else None
        speaker = Span("y", start - 9, start - 2) if rng.random() < 0.6 else None
        quotes.append(Quote("q", start, end, "direct", cue, speaker, parts=parts))
    for start, end in ((0, 3_000), (700, 1_900)):
        part = text[start:end]
        assert paragraphs(part, quotes, start) == _quadratic_paragraphs(part, [_shifted(q, start) for q in quotes])


def test_the_parts_tile_the_text_each_with_the_quotations_reaching_into_it(medium):
    store, article, result = medium
    parts = _all_parts(store, "medium")
    assert [p["part"]["number"] for p in parts] == list(range(1, len(parts) + 1))
    assert len(parts) == -(-len(article.text) // SIZE)
    assert "".join(p["text"] for p in parts) == article.text
    marked = Covered(s[:2] for q in result.quotes for s in spans(q))
    for before, after in pairwise(parts):
        place = before["part"]["end"]
        assert place == after["part"]["start"] and place not in marked and article.text[place - 1].isspace()
    inside_long = [p["part"]["end"] for p in parts if "\n" not in article.text[p["part"]["end"] - 2_000:
                                                                                 p["part"]["end"] + 2_000]]
    assert inside_long, "the paragraph longer than a part is cut inside"
    for place in inside_long:  # after a sentence's end and its closing quotation mark, if any
        assert article.text[:place].rstrip()[-1] in ".”"
    for p in parts:
        start, end = p["part"]["start"], p["part"]["end"]
        assert SIZE // 2 <= end - start <= SIZE * 3 // 2
        wanted = [n for n, q in enumerate(result.quotes) if _reaches(q, start, end)]
        assert [q["n"] for q in p["quotes"]] == wanted
        assert "".join(seg["text"] for line in p["paragraphs"] for seg in line) == p["text"].replace("\n", "")
        firsts = [p["quotes"][seg["quote"]]["n"] for line in p["paragraphs"] for seg in line if seg["first"]]
        assert firsts == sorted(set(firsts))  # each quotation's label once, in the order of the text


def test_a_place_in_the_text_opens_the_part_holding_it(medium):
    store, article, _ = medium
    parts = _all_parts(store, "medium")
    edges = [p["part"]["start"] for p in parts[1:]]
    summary = views.article_summary(store, "medium")
    for at in [0, 1, len(article.text) - 1, len(article.text) + 5, -3, *edges, *(e - 1 for e in edges),
               *random.Random(2).sample(range(len(article.text)), 40)]:
        found = views.article(store, "medium", at=at, summary=summary, size=SIZE)["part"]
        place = min(max(at, 0), len(article.text) - 1)
        assert found["start"] <= place < found["end"], at


def test_the_side_lists_keep_the_most_quoted_and_number_speakers_by_first_quotation(medium):
    store, _, result = medium
    page = views.article(store, "medium", 3, size=SIZE)
    order = list(dict.fromkeys(q.speaker_name for q in result.quotes if q.speaker_name))
    counts = {name: sum(q.speaker_name == name for q in result.quotes) for name in order}
    assert page["speaker_count"] == len(order) > views.SIDE_LIST
    assert page["quote_count"] == len(result.quotes)
    shown = page["speakers"]
    assert len(shown) == views.SIDE_LIST and [s["number"] for s in shown] == sorted(s["number"] for s in shown)
    assert all(s["number"] == order.index(s["name"]) + 1 and s["quotes"] == counts[s["name"]] for s in shown)
    assert min(s["quotes"] for s in shown) >= max(n for name, n in counts.items() if name not in
                                                  {s["name"] for s in shown})
    people = page["people"]
    assert page["people_count"] == len(result.people) and len(people) == min(len(result.people), views.SIDE_LIST)
    assert all(p["quotes"] == counts.get(p["name"], 0) and p["number"] == order.index(p["name"]) + 1 for p in people)
    numbers = {name: k + 1 for k, name in enumerate(order)}
    assert all(q["speaker_number"] == numbers.get(q["speaker_name"]) for q in page["quotes"])


def test_postgresql_cuts_and_marks_the_same_parts(medium, pg_store_url):
    store, article, result = medium
    pg = write_store(pg_store_url, [(article, result)])
    try:
        assert _all_parts(pg, "medium") == _all_parts(store, "medium")
    finally:
        pg.close()


def test_a_short_article_is_one_part_whatever_part_is_asked_for(tmp_path):
    article = Article("a", "“We open on Monday,” said Ana Ruiz. 🚢\n" * 100, "a.txt")
    store = write_store(str(tmp_path / "short.db"), [(article, ArticleResult())])
    page = views.article(store, "a", 7)
    assert page["part"] == {"number": 1, "count": 1, "start": 0, "end": len(article.text), "length": len(article.text)}
    assert page["text"] == article.text
