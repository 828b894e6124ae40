from __future__ import annotations

from quotewise.engine.paragraphs import chunk_text, paragraphs


def test_paragraphs_trim_and_skip_blank_lines() -> None:
    text = "  First line. \n\n\nSecond line.\n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["First line.", "Second line."]


def test_chunks_cut_at_line_breaks_and_cover_everything() -> None:
    text = "".join(f"Paragraph number {i} has some words.\n" for i in range(200))
    chunks = list(chunk_text(text, 500))
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 500 for _, c in chunks)
    assert all(c.endswith("\n") for _, c in chunks[:-1])
    assert all(text[o:o + len(c)] == c for o, c in chunks)


def test_chunks_of_a_text_without_line_breaks_stay_bounded() -> None:
    text = "word " * 10_000
    chunks = list(chunk_text(text, 1000))
    assert "".join(c for _, c in chunks) == text
    assert max(len(c) for _, c in chunks) <= 1000


def test_empty_text_has_no_chunks() -> None:
    assert list(chunk_text("", 100)) == []
