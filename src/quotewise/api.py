"""The Python entry points. The CLI and the evaluation harness go through these, never around them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from .engine.merge import merge_results
from .engine.paragraphs import chunk_text
from .pipeline import load_pipeline
from .records import ArticleResult

# Articles are far shorter; longer texts are split at paragraph breaks so memory stays bounded.
MAX_CHUNK_CHARS = 100_000
# The parser runs on several short articles at once (faster than one by one), but never on more than this
# many characters at once, so a batch holds no more memory than one full chunk.
BATCH_CHARS = 100_000


class _Piece(NamedTuple):
    offset: int
    text: str
    last: bool  # the last piece of its article


def extract(text: str, *, model: str | None = None, cues: str = "learned", scope: str = "quotes") -> ArticleResult:
    """Find every quotation in one article, with its cue and resolved speaker.

    Example:
        >>> result = extract('"We will stay," Mayor Ana Ruiz said.')
        >>> result.quotes[0].speaker_name
        'Ana Ruiz'
    """
    return next(extract_many([text], model=model, cues=cues, scope=scope))


def extract_many(
    texts: Iterable[str], *, model: str | None = None, cues: str = "learned", scope: str = "quotes"
) -> Iterator[ArticleResult]:
    """Extract from many articles, loading the pipeline once and parsing short articles in batches."""
    nlp = load_pipeline(model, cues, scope)
    merged = ArticleResult()
    for batch in _batches(_pieces(texts), BATCH_CHARS):
        docs = nlp.pipe((piece.text for piece in batch), batch_size=len(batch))
        for piece, doc in zip(batch, docs, strict=True):
            # Merged as each chunk arrives, so a long text's results are held once, not per chunk and merged.
            merged = merge_results([(0, merged), (piece.offset, doc._.quotewise)])
            if piece.last:
                yield merged
                merged = ArticleResult()


def article_chunks(text: str) -> list[tuple[int, str]]:
    """An article as the (offset, text) pieces the parser takes; parallel runs split and merge the same way."""
    return list(chunk_text(text, MAX_CHUNK_CHARS)) or [(0, text)]  # an empty text still gets its result


def _pieces(texts: Iterable[str]) -> Iterator[_Piece]:
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"extract() takes str, got {type(text).__name__}")
        chunks = article_chunks(text)
        for k, (offset, chunk) in enumerate(chunks):
            yield _Piece(offset, chunk, k == len(chunks) - 1)


def _batches(pieces: Iterable[_Piece], max_chars: int) -> Iterator[list[_Piece]]:
    """Consecutive pieces, grouped while they fit in max_chars; a piece that doesn't fit starts a new group."""
    batch: list[_Piece] = []
    size = 0
    try:
        for piece in pieces:
            if batch and size + len(piece.text) > max_chars:
                yield batch
                batch, size = [], 0
            batch.append(piece)
            size += len(piece.text)
    except TypeError:
        if batch:  # the articles before a bad one still get their results
            yield batch
        raise
    if batch:
        yield batch
