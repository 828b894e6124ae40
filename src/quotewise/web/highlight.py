"""An article's text cut into the pieces its page shows: quotations, cues and speaker mentions marked.

Pure: text and quotations in, paragraphs of segments out; the template only prints them (escaped).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from heapq import heappop, heappush
from itertools import pairwise
from typing import Any, NamedTuple

from ..records import Quote
from ..rows import quote_fields

_NEWLINE = re.compile(r"\n")
PALETTE_SIZE = 8  # the Okabe-Ito colours in style.css: told apart with the common colour-vision deficiencies


class Segment(NamedTuple):
    text: str
    quote: int | None = None  # the quotation this text is part of
    first: bool = False  # the first piece of that quotation: it carries the label, the focus and the details
    cue: int | None = None  # the cue of this quotation
    mention: int | None = None  # the speaker mention of this quotation


def colour(number: int | None) -> int | None:
    """A speaker's colour: their number on the page, round the palette."""
    return None if number is None else (number - 1) % PALETTE_SIZE


def pieces(quote: Quote) -> list[tuple[int, int]]:
    return list(quote.parts) or [(quote.start, quote.end)]


ROLES = ("quote", "cue", "mention")


def spans(quote: Quote) -> list[tuple[int, int, int]]:
    """What the page marks of a quotation, as (start, end, role): its pieces, its cue, its speaker's mention."""
    found = [(s, e, 0) for s, e in pieces(quote)]
    if quote.cue is not None:
        found.append((quote.cue.start, quote.cue.end, 1))
    if quote.speaker is not None:
        found.append((quote.speaker.start, quote.speaker.end, 2))
    return found


def paragraphs(text: str, quotes: Sequence[Quote], start: int = 0) -> list[list[Segment]]:
    """The text line by line, each line cut wherever a quotation, cue or mention starts or ends.

    `text` begins at character `start` of the article (a part of a long one): what reaches outside it is clipped.
    A segment names its quotation by its index in `quotes`; where several of one role cover it, the last one.
    One sweep over the sorted places where something starts or ends, keeping what is open at each, so the cost
    grows with the text and the quotations, not with their product.
    """
    places = {0, len(text)}
    events: list[tuple[int, int, int]] = []  # (place in text, role, ~index when it ends / index when it starts)
    for i, q in enumerate(quotes):
        for s, e, role in spans(q):
            s, e = s - start, e - start
            places.update(x for x in (s, e) if 0 <= x <= len(text))  # an empty span too: the page always cut there
            if max(s, 0) < min(e, len(text)):
                events.append((max(s, 0), role, i))
                events.append((min(e, len(text)), role, ~i))
    events.sort()
    places.update(x for m in _NEWLINE.finditer(text) for x in (m.start(), m.end()))
    open_: list[list[int]] = [[] for _ in ROLES]  # a heap per role of the open quotations, negated: the last on top
    closed: list[Counter[int]] = [Counter() for _ in ROLES]  # ended, not yet popped from its heap
    seen: set[int] = set()
    lines: list[list[Segment]] = [[]]
    at = 0
    for left, right in pairwise(sorted(places)):
        while at < len(events) and events[at][0] <= left:
            _, role, i = events[at]
            if i >= 0:
                heappush(open_[role], -i)
            else:
                closed[role][~i] += 1
            at += 1
        chunk = text[left:right]
        if chunk == "\n":
            lines.append([])
            continue
        quote, cue, mention = (_last(heap, gone) for heap, gone in zip(open_, closed, strict=True))
        first = quote is not None and quote not in seen
        if quote is not None:
            seen.add(quote)
        lines[-1].append(Segment(chunk, quote, first, cue, mention))
    return [line for line in lines if any(seg.text.strip() for seg in line)]


def _last(heap: list[int], gone: Counter[int]) -> int | None:
    while heap and gone[-heap[0]]:
        gone[-heap[0]] -= 1
        heappop(heap)
    return -heap[0] if heap else None


def quote_view(n: int, q: Quote, speaker_numbers: dict[str, int], gender: str) -> dict[str, Any]:
    """What the page says about one quotation, in its details box and in the JSON twin: the one flat row of a
    quotation (`quotewise.rows`), with its speaker's number and colour on the page. `n` is its number in the
    article, `gender` its speaker's gender as counted (`rows.counted_gender`, stored with it)."""
    number = speaker_numbers.get(q.speaker_name or "")
    return {"n": n, **quote_fields(q), "speaker_gender": gender, "speaker_number": number, "colour": colour(number)}
