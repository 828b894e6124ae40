"""One view of a parsed article, built once per Doc and handed to every stage.

Paragraphs, quotation marks and the mapping between tokens and characters are facts of the text, not of any
one rule: computing them once keeps the stages agreeing on where a paragraph starts or what is quoted.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from .paragraphs import paragraphs
from .quotes import QuoteSpan, find_quote_spans


@dataclass(frozen=True, slots=True)
class TextView:
    doc: Doc
    text: str  # doc.text, which spaCy joins anew from the tokens at every access
    paragraphs: tuple[tuple[int, int], ...]  # (start, end) characters of each paragraph, trimmed
    quotes: tuple[QuoteSpan, ...]  # quoted spans in reading order
    _paragraph_starts: tuple[int, ...]
    _outer: tuple[tuple[int, int], ...]  # quoted spans with their marks, by start
    _outer_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> TextView:
        text = doc.text
        paras = tuple(paragraphs(text))
        quotes = tuple(find_quote_spans(text, paras))
        outer = tuple(sorted(s.outer for s in quotes))
        return cls(doc, text, paras, quotes, tuple(s for s, _ in paras), outer, tuple(s for s, _ in outer))

    def paragraph_of(self, char: int) -> int:
        """The index of the paragraph a character lies in (or the last one before it)."""
        return max(0, bisect.bisect_right(self._paragraph_starts, char) - 1)

    def starts_paragraph(self, token: int) -> bool:
        k = bisect.bisect_left(self._paragraph_starts, self.doc[token].idx)
        return k < len(self._paragraph_starts) and self._paragraph_starts[k] == self.doc[token].idx

    def quoted(self, char: int) -> bool:
        """Whether the character lies inside quotation marks, the marks included."""
        k = bisect.bisect_right(self._outer_starts, char) - 1
        return k >= 0 and self._outer[k][0] <= char < self._outer[k][1]

    def chars(self, tokens: tuple[int, int]) -> tuple[int, int]:
        """The characters of a token range (end exclusive in both)."""
        span = self.doc[tokens[0]:tokens[1]]
        return span.start_char, span.end_char
