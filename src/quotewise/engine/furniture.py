"""The parts of a scraped web page that are not the article, and the headings that are no prose.

Scrapers leave bylines, "READ MORE:" links, advertisement markers, photo captions and datelines in the text.
They are found from the text alone, by the patterns in resources/furniture.tsv, and every stage reads past them:
no cue, quotation or person is taken from furniture. A paragraph with a double quotation mark in it is never
furniture. A heading (a short paragraph without final punctuation, such as a headline) stays article text, but
names no new person and is never the attribution a cue-less quotation after it continues.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from importlib import resources

_DOUBLE_MARKS = frozenset('"“”„«»')
_FINAL = tuple('.!?…"”’\'):;')
MAX_HEADING_WORDS = 15


@functools.cache
def _patterns() -> dict[str, list[re.Pattern[str]]]:
    text = resources.files("quotewise").joinpath("resources", "furniture.tsv").read_text(encoding="utf-8")
    found: dict[str, list[re.Pattern[str]]] = {"line": [], "caption": [], "dateline": [], "tagline": []}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, pattern = line.split("\t", 1)
            found[kind].append(re.compile(pattern))
    return found


def furniture(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each piece of furniture: whole paragraphs, the dateline opening one, or the writer's
    tagline ending one."""
    patterns = _patterns()
    found = []
    for start, end in paragraphs:
        para = text[start:end]
        # A writer's tagline the scraper ran onto the last sentence: "... Kim says. Laurie M. is a Toronto-based
        # reporter covering social justice." Only after the paragraph's last quotation mark.
        quoted_up_to = max(para.rfind(mark) for mark in _DOUBLE_MARKS) + 1
        tagline = next((m for p in patterns["tagline"] if (m := p.search(para, quoted_up_to))), None)
        if tagline is not None and tagline.end() == len(para) and tagline.start() > 0:
            found.append((start + tagline.start(), end))
            continue
        if not _DOUBLE_MARKS.isdisjoint(para):
            continue
        if any(p.fullmatch(para) for p in patterns["line"] + patterns["caption"]):
            found.append((start, end))
            continue
        dateline = next((m for p in patterns["dateline"] if (m := p.match(para))), None)
        if dateline is not None:
            found.append((start, start + dateline.end()))
    return found


def is_heading(paragraph: str) -> bool:
    """A headline or subhead: short, and not ended as a sentence is."""
    return len(paragraph.split()) <= MAX_HEADING_WORDS and not paragraph.rstrip().endswith(_FINAL)
