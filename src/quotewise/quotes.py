"""Quotation spans from quotation marks alone, before any parsing.

Newspapers follow conventions that decide the rules here: a quotation never crosses a paragraph
break unless the next paragraph reopens it; a quote left open at the end of a paragraph that is
followed by ordinary prose is a typo, so it closes at the paragraph end; single marks quote in
headlines and inside double quotes, but mostly they are apostrophes.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from .paragraphs import paragraphs

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
# Characters that may stand right before an opening mark or right after a closing one.
_BEFORE_OPEN = set("([{—–-/:") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
_AFTER_CLOSE = set(".,;:!?)]}—–-…/") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE) | {'"', "'"}
_MAX_SINGLE_CHARS = 600


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted text between its marks. ``start``/``end`` exclude the marks."""

    start: int
    end: int
    open_mark: int
    close_mark: int | None  # None when the quote was closed at the paragraph end
    paragraph: int
    group: int  # spans of one quotation running over several paragraphs share a group
    single: bool = False

    @property
    def outer(self) -> tuple[int, int]:
        """The span including its marks."""
        return self.open_mark, (self.close_mark + 1 if self.close_mark is not None else self.end)


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _BEFORE_OPEN) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _double_spans(text: str, para: tuple[int, int]) -> list[tuple[int, int, int | None]]:
    """(open mark, content end, close mark or None) of double quotation marks within one paragraph."""
    pairs: list[tuple[int, int, int | None]] = []
    open_at: int | None = None
    for i in range(*para):
        ch = text[i]
        if ch not in DOUBLE_OPEN and ch not in DOUBLE_CLOSE and ch != DOUBLE_EITHER:
            continue
        opens = ch in DOUBLE_OPEN or (ch == DOUBLE_EITHER and _can_open(text, i))
        closes = ch in DOUBLE_CLOSE or (ch == DOUBLE_EITHER and _can_close(text, i))
        if ch == DOUBLE_EITHER and not opens and not closes:
            opens = closes = True  # `word"word`: let the running state decide
        if open_at is None:
            if opens:
                open_at = i
        elif closes:
            pairs.append((open_at, i, i))
            open_at = None
        elif opens:
            # A second opening mark while one is open: the first was never closed.
            pairs.append((open_at, i, None))
            open_at = i
    if open_at is not None:
        pairs.append((open_at, para[1], None))
    return pairs


def _single_spans(text: str, para: tuple[int, int], taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted spans outside double quotes; unmatched marks are apostrophes."""
    pairs = []
    i, end = para
    while i < end:
        ch = text[i]
        if ((ch in SINGLE_OPEN or ch == SINGLE_EITHER) and _can_open(text, i)
                and not any(a <= i < b for a, b in taken)):
            close = _find_single_close(text, i + 1, min(end, i + _MAX_SINGLE_CHARS))
            if close is not None:
                pairs.append((i, close))
                i = close + 1
                continue
        i += 1
    return pairs


def _find_single_close(text: str, start: int, end: int) -> int | None:
    for j in range(start, end):
        ch = text[j]
        if (ch in SINGLE_CLOSE or ch == SINGLE_EITHER) and _can_close(text, j):
            # "protesters' cars": a possessive s' followed by a lower-case word is no closing mark.
            nxt = text[j + 1 : j + 3]
            if text[j - 1] == "s" and len(nxt) == 2 and nxt[0] == " " and nxt[1].islower():
                continue
            return j
        if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == DOUBLE_EITHER:
            return None
    return None


def quoted_test(spans: list[QuoteSpan]) -> Callable[[int], bool]:
    """A character test for 'inside quotation marks' (marks included), by binary search."""
    outer = sorted(s.outer for s in spans)
    starts = [s for s, _ in outer]

    def quoted(char: int) -> bool:
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and outer[k][0] <= char < outer[k][1]

    return quoted


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span in reading order, with multi-paragraph quotations grouped."""
    spans: list[QuoteSpan] = []
    group = -1
    left_open = False  # the previous paragraph ended inside a quotation
    for p_index, para in enumerate(paragraphs(text)):
        pairs = _double_spans(text, para)
        continues = left_open and bool(pairs) and pairs[0][0] == para[0]
        left_open = False
        double_outer: list[tuple[int, int]] = []
        for k, (open_at, end, close_mark) in enumerate(pairs):
            if not (k == 0 and continues):
                group += 1
            left_open = close_mark is None and end == para[1]
            start, end = _trimmed(text, open_at + 1, end)
            double_outer.append((open_at, end if close_mark is None else close_mark + 1))
            if end > start:
                spans.append(QuoteSpan(start, end, open_at, close_mark, p_index, group))
        for open_at, close_at in _single_spans(text, para, double_outer):
            group += 1
            start, end = _trimmed(text, open_at + 1, close_at)
            if end > start:
                spans.append(QuoteSpan(start, end, open_at, close_at, p_index, group, single=True))
    spans.sort(key=lambda s: s.start)
    return spans
