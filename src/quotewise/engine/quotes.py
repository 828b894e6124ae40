"""Quotation spans from quotation marks alone, before any parsing.

Newspapers follow conventions that decide the rules here: a quotation never crosses a paragraph
break unless the next paragraph reopens it; a quote left open at the end of a paragraph that is
followed by ordinary prose is a typo, so it closes at the paragraph end; single marks quote in
headlines and inside double quotes, but mostly they are apostrophes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .paragraphs import paragraphs

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
OPENING_MARKS = DOUBLE_OPEN + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_EITHER
CLOSING_MARKS = DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_CLOSE + SINGLE_EITHER
# Characters that may stand right before an opening mark or right after a closing one.
_BEFORE_OPEN = set("([{—–-/:") | set(DOUBLE_OPEN) | set(SINGLE_OPEN) | {'"', "'"}
_AFTER_CLOSE = set(".,;:!?)]}—–-…/") | set(DOUBLE_CLOSE) | set(SINGLE_CLOSE) | {'"', "'"}
_MAX_SINGLE_CHARS = 600


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted text: ``start``/``end`` exclude the marks, ``outer_start``/``outer_end`` include them."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    paragraph: int
    group: int  # spans of one quotation running over several paragraphs share a group
    closed: bool = True  # False when the quote was closed at the paragraph end for want of a mark
    single: bool = False

    @property
    def outer(self) -> tuple[int, int]:
        return self.outer_start, self.outer_end


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


def _double_marks(text: str, para: tuple[int, int]) -> list[tuple[int, int, bool, bool]]:
    """(position, width, can open, can close) of each double mark; two apostrophes, backticks or
    curly single marks count as one (typists and converters write the double mark that way)."""
    marks = []
    i, end = para
    while i < end:
        ch = text[i]
        pair = text[i:i + 2]
        if pair in ("''", "``", "‘‘", "’’"):
            opens = pair in ("``", "‘‘") or (pair == "''" and _can_open(text, i))
            closes = pair in ("''", "’’") and _can_close(text, i + 1)
            if pair in ("‘‘", "’’") and not (opens or closes):
                i += 1
                continue
            marks.append((i, 2, opens, closes))
            i += 2
            continue
        if ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == DOUBLE_EITHER:
            opens = ch in DOUBLE_OPEN or (ch == DOUBLE_EITHER and _can_open(text, i))
            closes = ch in DOUBLE_CLOSE or (ch == DOUBLE_EITHER and _can_close(text, i))
            if ch == DOUBLE_EITHER and not opens and not closes:
                opens = closes = True  # `word"word`: let the running state decide
            marks.append((i, 1, opens, closes))
        i += 1
    return marks


def _double_spans(text: str, para: tuple[int, int]) -> list[tuple[int, int, int, int, bool]]:
    """(outer start, content start, content end, outer end, closed) of double-quoted text in one paragraph."""
    pairs: list[tuple[int, int, int, int, bool]] = []
    open_at: tuple[int, int] | None = None
    for pos, width, opens, closes in _double_marks(text, para):
        if open_at is None:
            if opens:
                open_at = (pos, width)
        elif closes:
            pairs.append((open_at[0], open_at[0] + open_at[1], pos, pos + width, True))
            open_at = None
        elif opens:
            # A second opening mark while one is open: the first was never closed.
            pairs.append((open_at[0], open_at[0] + open_at[1], pos, pos, False))
            open_at = (pos, width)
    if open_at is not None:
        pairs.append((open_at[0], open_at[0] + open_at[1], para[1], para[1], False))
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


def find_quote_spans(text: str, paras: Sequence[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Every quoted span in reading order, with multi-paragraph quotations grouped.

    ``paras`` are the text's paragraphs when the caller has them already (`paragraphs.paragraphs(text)`).
    """
    spans: list[QuoteSpan] = []
    group = -1
    left_open = False  # the previous paragraph ended inside a quotation
    for p_index, para in enumerate(paragraphs(text) if paras is None else paras):
        pairs = _double_spans(text, para)
        continues = left_open and bool(pairs) and pairs[0][0] == para[0]
        left_open = False
        for k, (outer_start, start, end, outer_end, closed) in enumerate(pairs):
            if not (k == 0 and continues):
                group += 1
            left_open = not closed and end == para[1]
            start, end = _trimmed(text, start, end)
            if end > start:
                spans.append(QuoteSpan(start, end, outer_start, outer_end if closed else end, p_index, group, closed))
        double_outer = [(p[0], p[3]) for p in pairs]
        for open_at, close_at in _single_spans(text, para, double_outer):
            group += 1
            start, end = _trimmed(text, open_at + 1, close_at)
            if end > start:
                spans.append(QuoteSpan(start, end, open_at, close_at + 1, p_index, group, single=True))
    spans.sort(key=lambda s: s.start)
    return spans
