"""The Python entry points. The CLI and the evaluation harness go through these, never around them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .model import ArticleResult
from .paragraphs import chunk_text
from .pipeline import load_pipeline
from .resolve import merge_results

# Articles are far shorter; longer texts are split at paragraph breaks so memory stays bounded.
MAX_CHUNK_CHARS = 100_000


def extract(text: str, *, model: str | None = None, cues: str = "learned") -> ArticleResult:
    """Find every quotation in one article, with its cue and resolved speaker.

    Example:
        >>> result = extract('"We will stay," Mayor Ana Ruiz said.')
        >>> result.quotes[0].speaker_name
        'Ana Ruiz'
    """
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, got {type(text).__name__}")
    nlp = load_pipeline(model, cues)
    chunks = list(chunk_text(text, MAX_CHUNK_CHARS))
    docs = nlp.pipe((chunk for _, chunk in chunks), batch_size=1)  # one chunk in memory at a time
    return merge_results([(offset, doc._.quotewise) for (offset, _), doc in zip(chunks, docs, strict=True)])


def extract_many(texts: Iterable[str], *, model: str | None = None, cues: str = "learned") -> Iterator[ArticleResult]:
    """Extract from many articles, loading the pipeline once."""
    for text in texts:
        yield extract(text, model=model, cues=cues)
