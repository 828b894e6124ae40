from __future__ import annotations

import itertools

from quotewise.engine.paragraphs import chunk_bounds, paragraphs


def test_paragraphs_trim_and_skip_blank_lines() -> None:
    text = "  First line. \n\n\nSecond line.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second line."]


def test_chunks_cut_at_line_breaks_and_cover_everything() -> None:
    text = "".join(f"Paragraph number {i} has some words.\n" for i in range(200))
    bounds = chunk_bounds(text, 500)
    chunks = [text[s:e] for s, e in bounds]
    assert "".join(chunks) == text
    assert all(e == s2 for (_, e), (s2, _) in itertools.pairwise(bounds))
    assert all(len(c) <= 500 for c in chunks)
    assert all(c.endswith("\n") for c in chunks[:-1])


def test_chunks_of_a_text_without_line_breaks_stay_bounded() -> None:
    text = "word " * 10_000
    chunks = [text[s:e] for s, e in chunk_bounds(text, 1000)]
    assert "".join(chunks) == text
    assert max(len(c) for c in chunks) <= 1000


def test_empty_text_has_no_chunks() -> None:
    assert chunk_bounds("", 100) == []
