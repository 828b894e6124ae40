"""Article text and metadata from an HTML page, with trafilatura: navigation, adverts and comments left out."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Enough markup that a text field holds a page or a fragment of one, not prose that mentions "<p>".
_TAG = re.compile(r"</?(?:html|head|body|article|div|p|br|span|h[1-6]|section|ul|li|a|script|meta)\b[^>]*>", re.I)
MIN_TAGS = 2
# What trafilatura keeps of a page with no article is a heading or a caption ("World", "Latest news"):
# without one sentence-ending mark in this many words, it is not an article.
MIN_HEADLESS_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None


def looks_like_html(text: str) -> bool:
    """Whether a text field holds markup to convert rather than article text."""
    return len(_TAG.findall(text, 0, 20_000)) >= MIN_TAGS


def read_page(html: str, url: str | None = None) -> Page:
    """The article in `html`: text with one paragraph per line (the engine's paragraphs), and its metadata.

    An empty `text` means the page holds no article (a section front, an error page); the caller decides.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if document is None:
        return Page("")
    text = "\n".join(line.strip() for line in (document.text or "").splitlines() if line.strip())
    if len(text.split()) < MIN_HEADLESS_WORDS and not _SENTENCE_END.search(text):
        text = ""
    return Page(
        text=text,
        title=document.title or None,
        date=document.date or None,
        author=document.author or None,
        url=document.url or url,
        site=document.sitename or document.hostname or None,
    )
