"""One view of a parsed article, built once per Doc and handed to every stage.

Paragraphs, quotation marks and the mapping between tokens and characters are facts of the text, not of any
one rule: computing them once keeps the stages agreeing on where a paragraph starts or what is quoted.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .furniture import furniture, is_heading
from .paragraphs import paragraphs
from .quotes import QuoteSpan, find_quote_spans


@dataclass(frozen=True, slots=True)
class TextView:
    doc: Doc
    text: str  # doc.text, which spaCy joins anew from the tokens at every access
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) characters of each paragraph, trimmed
    quotes: tuple[QuoteSpan, ...]  # quoted spans in reading order, none in page furniture
    headings: frozenset[int]  # paragraphs that are headlines or subheads
    _paragraph_starts: tuple[int, ...]
    _outer: tuple[tuple[int, int], ...]  # quoted spans with their marks, by start
    _outer_starts: tuple[int, ...]
    _furniture: tuple[tuple[int, int], ...]  # the page's furniture (engine/furniture.py), by start
    _furniture_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> TextView:
        text = doc.text
        paras = tuple(paragraphs(text))
        furnished = tuple(furniture(text, paras))
        starts = tuple(s for s, _ in furnished)
        # Quotation marks are read over the article's paragraphs alone, so an "Advertisement" line between two
        # paragraphs of one quotation doesn't break it; span paragraph numbers still index `paras`.
        prose = [k for k, (s, e) in enumerate(paras) if (s, e) not in furnished]
        spans = find_quote_spans(text, [paras[k] for k in prose])
        quotes = tuple(replace(q, paragraph=prose[q.paragraph]) for q in spans
                       if not _within(furnished, starts, q.start))
        outer = tuple(sorted(s.outer for s in quotes))
        headings = frozenset(k for k, (s, e) in enumerate(paras) if is_heading(text[s:e]))
        return cls(doc, text, paras, quotes, headings, tuple(s for s, _ in paras), outer, tuple(s for s, _ in outer),
                   furnished, starts)

    def paragraph_of(self, char: int) -> int:
        """The index of the paragraph a character lies in (or the last one before it)."""
        return max(0, bisect.bisect_right(self._paragraph_starts, char) - 1)

    def starts_paragraph(self, token: int) -> bool:
        k = bisect.bisect_left(self._paragraph_starts, self.doc[token].idx)
        return k < len(self._paragraph_starts) and self._paragraph_starts[k] == self.doc[token].idx

    def quoted(self, char: int) -> bool:
        """Whether the character lies inside quotation marks, the marks included."""
        return _within(self._outer, self._outer_starts, char)

    def furniture(self, char: int) -> bool:
        """Whether the character is part of the page around the article: a byline, a caption, a dateline."""
        return _within(self._furniture, self._furniture_starts, char)

    def in_heading(self, char: int) -> bool:
        return self.paragraph_of(char) in self.headings

    def chars(self, tokens: tuple[int, int]) -> tuple[int, int]:
        """The characters of a token range (end exclusive in both)."""
        span = self.doc[tokens[0]:tokens[1]]
        return span.start_char, span.end_char


def _within(ranges: tuple[tuple[int, int], ...], starts: tuple[int, ...], char: int) -> bool:
    k = bisect.bisect_right(starts, char) - 1
    return k >= 0 and ranges[k][0] <= char < ranges[k][1]
