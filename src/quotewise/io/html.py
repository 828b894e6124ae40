"""Article text and metadata from an HTML page, with trafilatura: navigation, adverts and comments left out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Enough markup that a text field holds a page or a fragment of one, not prose that mentions "<p>".
_TAG = re.compile(r"</?(?:html|head|body|article|div|p|br|span|h[1-6]|section|ul|li|a|script|meta)\b[^>]*>", re.I)
MIN_TAGS = 2
# What trafilatura keeps of a page with no article is a heading or a caption ("World", "Latest news"):
# without one sentence-ending mark in this many words, it is not an article.
MIN_HEADLESS_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*(?:\s|$)")
EXTENSIVE_DATE_SEARCH_CHARS = 250_000
# An error page says little beyond its apology; an article whose headline merely has "404" in it says more.
ERROR_PAGE_WORDS = 120


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
    from trafilatura.settings import set_date_params

    # htmldate's extensive search runs regular expressions over the whole page: a second on a page of 1 MB (inline
    # images, state scripts). A large page's date comes from its metadata and URL (or the crawl) alone.
    dates = set_date_params(extensive=len(html) <= EXTENSIVE_DATE_SEARCH_CHARS)
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        date_extraction_params=dates,
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


def error_page(page: Page) -> bool:
    """Whether a page is an error page (not found, forbidden, server error) rather than an article: its title or
    first line says so and its text is short. What such titles look like is data: resources/error_pages.txt."""
    if len(page.text.split()) > ERROR_PAGE_WORDS:
        return False
    first = page.text.split("\n", 1)[0]
    return any(p.match(line.strip()) for p in _error_titles() for line in (page.title or "", first))


@cache
def _error_titles() -> tuple[re.Pattern[str], ...]:
    lines = resources.files("quotewise").joinpath("resources/error_pages.txt").read_text("utf-8").splitlines()
    return tuple(re.compile(line, re.I) for line in lines if line.strip() and not line.startswith("#"))
