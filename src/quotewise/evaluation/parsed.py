"""Parsed gold articles for the training and calibration scripts, cached because parsing dominates their time."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..errors import BadInput
from .gold import GoldArticle


def parsed_articles(articles: Sequence[GoldArticle], nlp: Language, cache: Path | None = None) -> list[Doc]:
    """The articles parsed by `nlp` without the quotewise component, read from or written to `cache`."""
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) != len(articles) or any(d.text != a.text for d, a in zip(docs, articles, strict=False)):
            raise BadInput("QW154", f"{cache}: parses other articles than the gold set", "delete it to parse anew")
        return docs
    with nlp.select_pipes(disable=["quotewise"]):
        docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        DocBin(docs=docs).to_disk(cache)
    return docs
