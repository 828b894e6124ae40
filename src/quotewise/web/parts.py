"""Where a long article's page breaks into parts: about `PART_SIZE` characters each, cut where a reader expects.

A page can't hold a 50 MB article, nor can one request read it. Cut k of an article falls near its nominal place,
k × length / count, and is chosen from the text and the highlights within a window around that place alone: each
page reads only its own part and the two windows at its ends, and every page that needs a cut finds the same one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

PART_SIZE = 50_000  # characters a part has at most before its cuts move; a part holds about 25,000 to 75,000
_NEWLINE = re.compile(r"\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Layout:
    """An article of `length` characters in `count` parts."""

    length: int
    count: int

    @classmethod
    def of(cls, length: int, size: int = PART_SIZE) -> Layout:
        return cls(length, max(1, -(-length // size)))

    def nominal(self, k: int) -> int:
        return k * self.length // self.count

    def window(self, k: int) -> tuple[int, int]:
        """The characters cut k is chosen from: a quarter of a nominal part either side of its nominal place, so
        cuts never cross and no part is empty. Cut 0 and cut `count` are the ends of the text."""
        if k <= 0:
            return 0, 0
        if k >= self.count:
            return self.length, self.length
        reach = self.length // self.count // 4
        return self.nominal(k) - reach, self.nominal(k) + reach

    def nominal_part(self, offset: int) -> int:
        """The part (from 1) whose nominal range holds `offset`: the true one is it or a neighbour."""
        if self.length <= 0:
            return 1
        return min(max(offset, 0) * self.count // self.length + 1, self.count)


class Covered:
    """Places strictly inside any of some spans (the highlighted pieces), each answered by a bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and start < merged[-1][1]:  # spans that only touch stay apart: their meeting place is free
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, place: int) -> bool:
        i = bisect_left(self.starts, place) - 1
        return i >= 0 and place < self.ends[i]


def cut(text: str, start: int, target: int, covered: Covered) -> int:
    """The place nearest `target` in `text` (which begins at character `start` of the article) to end a part:
    after a line break, else after a sentence, else after a space; outside every highlighted piece wherever
    some such place is, inside one only when none is; `target` itself when the text has no space at all."""
    tiers = [[start + m.end() for m in pattern.finditer(text)] for pattern in (_NEWLINE, _SENTENCE_END, _SPACE)]
    for avoid in (True, False):
        for places in tiers:
            fitting = [p for p in places if not (avoid and p in covered)]
            if fitting:
                return min(fitting, key=lambda p: (abs(p - target), p))
    return target

