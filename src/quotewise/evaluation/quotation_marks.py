"""The evaluator's own reading of quotation marks: which characters of an article are quoted.

Gold attributions are typed direct, mixed or indirect by where their content lies relative to
quotation marks (`gold.classify_type`). That is a yardstick, so it must not move when the
extractor changes: this module depends on nothing in `quotewise.engine`, and its rules are few,
fixed and written down here (and in docs/evaluation.md).

1. **Paragraphs.** Marks are paired within a paragraph, a non-blank line; they never pair across
   a line break. A mark still open at the end of its paragraph closes there. A quotation that runs
   over several paragraphs is left open at the end of each and reopened at the start of the next
   (the newspaper convention), so each paragraph's part is quoted by this rule alone.
2. **Double marks** are `“ ” „ « »`, the straight `"`, and the doubled ASCII marks ````` `` ````` and
   `''` (the New York Times' style), each doubled pair counting as one mark. `“ „ «` and ````` `` ````` only open
   and `” »` only close. A straight `"` *can open* when it follows the start of the paragraph, white
   space or opening punctuation and is followed by a non-space; it *can close* when it follows a
   non-space and is followed by the end of the paragraph, white space or closing punctuation.
   Opening punctuation is `( [ { — – - / :`, an opening mark (`“ „ « ‘ ‚ ‹`) or a straight `"` or
   `'`; closing punctuation is `. , ; : ! ? ) ] } — – - … /`, a closing mark (`” » ’ ›`) or a
   straight `"` or `'`. A `''` is judged by what stands outside the pair only (can open after the
   start, white space or opening punctuation; can close before the end, white space or closing
   punctuation), because the Times puts a space before the `''` that closes a nested single quote
   (`,' ''`). A straight `"` or `''` that can do neither (`word"word`, a lone ` " `) does whichever
   the pairing needs: it alternates.
   Reading the paragraph left to right, with at most one double quotation open: a mark that can
   open starts one when none is open; a mark that can close ends the open one; a mark that can
   only open, met while one is open, ends the open one (it was never closed) and starts a new one.
   A closing mark met when none is open is ignored. Double quotations do not nest.
3. **Single marks** `‘ ’ ‚ ‹ ›` and the straight `'` are mostly apostrophes (`don't`, `the '90s`,
   `protesters'`), so they quote only where they clearly pair, as in headlines (`Mayor: ‘We will
   rebuild’`). Outside double-quoted text, an opening single mark (`‘ ‚ ‹` or `'`) that can open
   (as above) pairs with the first closing single mark (`’ ›` or `'`) after it that can close (as
   above), within the same paragraph and the next 600 characters, with no double mark (doubled
   ones included) in between. So an apostrophe inside a word (`don't`, `Sanders's`) neither opens
   nor closes; a closing candidate that is a possessive `s'` followed by a space and a lower-case
   letter (`the protesters' cars`) is an apostrophe too, and the search goes on past it; and an
   opening single mark with no partner (`the '90s`) is an apostrophe. Single marks inside double
   quotes need no pairing: that text is quoted already. A half of `''` is never a single mark.

The quoted characters are those strictly between an opening mark and its closing mark (or the
paragraph end); the marks themselves are not quoted.
"""

from __future__ import annotations

import re

DOUBLE_OPENING = "“„«"
DOUBLE_CLOSING = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENING = "‘‚‹"
SINGLE_CLOSING = "’›"
STRAIGHT_SINGLE = "'"
# What may stand right before a mark that opens, and right after a mark that closes (besides white space):
# nested quotations open together (`“‘`) and close together (`’”`).
OPENING_PUNCTUATION = frozenset("([{—–-/:" + DOUBLE_OPENING + SINGLE_OPENING + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)
CLOSING_PUNCTUATION = frozenset(".,;:!?)]}—–-…/" + DOUBLE_CLOSING + SINGLE_CLOSING + STRAIGHT_DOUBLE + STRAIGHT_SINGLE)
SINGLE_QUOTE_MAX_CHARS = 600

_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its leading and trailing white space."""
    found = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            found.append((start, end))
    return found


def _can_open(text: str, at: int, para: tuple[int, int]) -> bool:
    """The mark at ``at`` follows the paragraph start, a space or opening punctuation, and precedes a non-space."""
    before = text[at - 1] if at > para[0] else " "
    after = text[at + 1] if at + 1 < para[1] else " "
    return (before.isspace() or before in OPENING_PUNCTUATION) and not after.isspace()


def _can_close(text: str, at: int, para: tuple[int, int]) -> bool:
    """The mark at ``at`` follows a non-space and precedes the paragraph end, a space or closing punctuation."""
    before = text[at - 1] if at > para[0] else " "
    after = text[at + 1] if at + 1 < para[1] else " "
    return not before.isspace() and (after.isspace() or after in CLOSING_PUNCTUATION)


def _double_marks(text: str, para: tuple[int, int]) -> list[tuple[int, int, bool, bool]]:
    """(position, width, can open, can close) of each double mark in the paragraph, left to right."""
    marks = []
    i, end = para
    while i < end:
        pair = text[i : i + 2]
        if pair == "``":
            marks.append((i, 2, True, False))
            i += 2
            continue
        if pair == "''":
            # Only what is outside the pair counts: the New York Times puts a space before a closing
            # '' that follows a nested single quote (`,' ''`).
            before = text[i - 1] if i > para[0] else " "
            after = text[i + 2] if i + 2 < para[1] else " "
            opens = before.isspace() or before in OPENING_PUNCTUATION
            closes = after.isspace() or after in CLOSING_PUNCTUATION
            if not opens and not closes:
                opens = closes = True  # `word''word`: it alternates, as a straight " does
            marks.append((i, 2, opens, closes))
            i += 2
            continue
        mark = text[i]
        if mark in DOUBLE_OPENING:
            marks.append((i, 1, True, False))
        elif mark in DOUBLE_CLOSING:
            marks.append((i, 1, False, True))
        elif mark == STRAIGHT_DOUBLE:
            opens, closes = _can_open(text, i, para), _can_close(text, i, para)
            if not opens and not closes:
                opens = closes = True  # it alternates: closes when one is open, opens otherwise
            marks.append((i, 1, opens, closes))
        i += 1
    return marks


def _double_quoted(text: str, para: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """(first mark start, quoted start, quoted end, last mark end) of each double quotation in the paragraph."""
    quotations = []
    opened: tuple[int, int] | None = None  # (position, width) of the mark that opened the current quotation
    for at, width, opens, closes in _double_marks(text, para):
        if opened is None:
            if opens:
                opened = (at, width)
        elif closes:
            quotations.append((opened[0], opened[0] + opened[1], at, at + width))
            opened = None
        elif opens:
            quotations.append((opened[0], opened[0] + opened[1], at, at))  # never closed
            opened = (at, width)
    if opened is not None:
        quotations.append((opened[0], opened[0] + opened[1], para[1], para[1]))  # closes at the paragraph end
    return quotations


def _is_doubled(text: str, at: int) -> bool:
    """The character at ``at`` is one half of a doubled ASCII mark, ``''`` or ````` `` `````: a double mark."""
    return text[at] in "'`" and (text[at - 1 : at + 1] in ("''", "``") or text[at : at + 2] in ("''", "``"))


def _is_possessive(text: str, at: int) -> bool:
    """``s'`` followed by a space and a lower-case word: "the protesters' cars"."""
    following = text[at + 1 : at + 3]
    return text[at - 1] == "s" and len(following) == 2 and following[0] == " " and following[1].islower()


def _single_close(text: str, start: int, stop: int, para: tuple[int, int]) -> int | None:
    """Position of the closing single mark for one opened just before ``start``, or None (it was an apostrophe)."""
    for j in range(start, stop):
        mark = text[j]
        if mark in DOUBLE_OPENING or mark in DOUBLE_CLOSING or mark == STRAIGHT_DOUBLE or _is_doubled(text, j):
            return None
        closing = mark in SINGLE_CLOSING or mark == STRAIGHT_SINGLE
        if closing and _can_close(text, j, para) and not _is_possessive(text, j):
            return j
    return None


def _single_quoted(text: str, para: tuple[int, int], double: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    """(quoted start, quoted end) of each single-quoted passage outside double quotes in the paragraph."""
    quotations = []
    i, end = para
    while i < end:
        mark = text[i]
        if (
            (mark in SINGLE_OPENING or mark == STRAIGHT_SINGLE)
            and not _is_doubled(text, i)
            and _can_open(text, i, para)
            and not any(first <= i < last for first, _, _, last in double)
        ):
            close = _single_close(text, i + 1, min(end, i + SINGLE_QUOTE_MAX_CHARS), para)
            if close is not None:
                quotations.append((i + 1, close))
                i = close + 1
                continue
        i += 1
    return quotations


def quoted_chars(text: str) -> frozenset[int]:
    """Positions of the characters of ``text`` that lie inside quotation marks, by the rules in the module docstring."""
    inside: set[int] = set()
    for para in paragraphs(text):
        double = _double_quoted(text, para)
        for _, start, end, _ in double:
            inside.update(range(start, end))
        for start, end in _single_quoted(text, para, double):
            inside.update(range(start, end))
    return frozenset(inside)
