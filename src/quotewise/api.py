"""The Python entry points: thin calls to the one run path (`runner.Runner`) that every front door takes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import closing

from .errors import QuotewiseError
from .options import ExtractOptions
from .records import ArticleResult
from .runner import Failure, Runner


def extract(
    text: str,
    options: ExtractOptions | None = None,
    *,
    model: str | None = None,
    cues: str = "learned",
    scope: str = "quotes",
    gender: str = "evidence",
) -> ArticleResult:
    """Find every quotation in one article, with its cue and resolved speaker.

    Give either `options` or the keywords it is made of, not both.

    Example:
        >>> result = extract('"We will stay," Mayor Ana Ruiz said.')
        >>> result.quotes[0].speaker_name
        'Ana Ruiz'
    """
    with closing(extract_many([text], options, model=model, cues=cues, scope=scope, gender=gender)) as results:
        return next(results)


def extract_many(
    texts: Iterable[str],
    options: ExtractOptions | None = None,
    *,
    model: str | None = None,
    cues: str = "learned",
    scope: str = "quotes",
    gender: str = "evidence",
) -> Iterator[ArticleResult]:
    """Extract from many articles in this process, loading the pipeline once and parsing short articles in
    batches; one result per text, in order."""
    chosen = _options(options, model, cues, scope, gender)
    with Runner(chosen) as runner:
        for _, outcome in runner.map(enumerate(_texts(texts))):
            if isinstance(outcome, Failure):
                raise QuotewiseError(outcome.code, outcome.reason)
            yield outcome


def _options(options: ExtractOptions | None, model: str | None, cues: str, scope: str, gender: str) -> ExtractOptions:
    keywords = ExtractOptions(model, cues, scope, gender)
    if options is None:
        return keywords
    if keywords != ExtractOptions():
        raise TypeError("give either options= or model=/cues=/scope=/gender=, not both")
    return options


def _texts(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        if not isinstance(text, str):
            raise TypeError(f"extract() takes str, got {type(text).__name__}")
        yield text
