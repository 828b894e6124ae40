"""Paragraph boundaries: the unit in which quotation marks open and close, and the safe place to cut text."""

from __future__ import annotations

import re

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding white space."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def chunk_bounds(text: str, max_chars: int) -> list[tuple[int, int]]:
    """(start, end) of pieces of at most max_chars that together make the text, cut only at line breaks.

    A single line longer than max_chars is cut at the last sentence end or space before the limit, so a piece
    stays bounded even for text with no line breaks at all. Offsets, not copies: the caller slices a piece when
    it needs it.
    """
    bounds = []
    start = 0
    n = len(text)
    while start < n:
        end = min(start + max_chars, n)
        if end < n:
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = max(text.rfind(". ", start, end) + 1, text.rfind(" ", start, end))
            if cut > start:
                end = cut + 1 if text[cut] in "\n. " else cut
        bounds.append((start, end))
        start = end
    return bounds
