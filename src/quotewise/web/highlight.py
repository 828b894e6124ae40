"""An article's text cut into the pieces its page shows: quotations, cues and speaker mentions marked.

Pure: text and result in, paragraphs of segments out; the template only prints them (escaped).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any, NamedTuple

from ..records import ArticleResult, Quote
from ..rows import counted_gender

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


def speakers_in_order(result: ArticleResult) -> list[str]:
    """The named speakers in order of their first quotation: their numbers on the page, their colours."""
    return list(dict.fromkeys(q.speaker_name for q in result.quotes if q.speaker_name))


def pieces(quote: Quote) -> list[tuple[int, int]]:
    return list(quote.parts) or [(quote.start, quote.end)]


def paragraphs(text: str, result: ArticleResult) -> list[list[Segment]]:
    """The text line by line, each line cut wherever a quotation, cue or mention starts or ends."""
    roles: list[tuple[int, int, str, int]] = []  # (start, end, role, quotation)
    for n, q in enumerate(result.quotes):
        roles.extend((s, e, "quote", n) for s, e in pieces(q))
        if q.cue is not None:
            roles.append((q.cue.start, q.cue.end, "cue", n))
        if q.speaker is not None:
            roles.append((q.speaker.start, q.speaker.end, "mention", n))
    at = {0, len(text), *(x for s, e, _, _ in roles for x in (s, e) if 0 <= x <= len(text))}
    at.update(x for i, ch in enumerate(text) if ch == "\n" for x in (i, i + 1))
    cuts = sorted(at)
    seen: set[int] = set()
    lines: list[list[Segment]] = [[]]
    for start, end in pairwise(cuts):
        chunk = text[start:end]
        if chunk == "\n":
            lines.append([])
            continue
        found: dict[str, int] = {}
        for s, e, role, n in roles:
            if s <= start and end <= e:
                found[role] = n
        quote = found.get("quote")
        first = quote is not None and quote not in seen
        if quote is not None:
            seen.add(quote)
        lines[-1].append(Segment(chunk, quote, first, found.get("cue"), found.get("mention")))
    return [line for line in lines if any(seg.text.strip() for seg in line)]


def quote_view(n: int, q: Quote, speaker_numbers: dict[str, int], genders: dict[str, Any]) -> dict[str, Any]:
    """What the page says about one quotation: in its details box and in the JSON twin."""
    number = speaker_numbers.get(q.speaker_name or "")
    return {
        "n": n, "type": q.type, "text": q.text, "words": q.words, "start": q.start, "end": q.end,
        "speaker_name": q.speaker_name, "speaker_number": number,
        "colour": colour(number),
        "speaker_kind": q.speaker_kind, "speaker_title": q.speaker_title, "speaker_org": q.speaker_org,
        "speaker_text": q.speaker.text if q.speaker else None, "speaker_gender": counted_gender(q, genders),
        "cue": q.cue.text if q.cue else None, "cue_kind": q.cue_kind,
        "confidence": q.confidence, "evidence": q.evidence, "rule": q.rule, "speaker_route": q.speaker_route,
    }
