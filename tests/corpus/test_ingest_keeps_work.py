"""An ingest that fails part way keeps what it extracted before the failure, and its run says it failed; without a
pipeline: the runner's job here finds one quotation per article."""

from __future__ import annotations

import errno
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from quotewise.corpus.ingest import ingest_run
from quotewise.corpus.store import Store
from quotewise.options import ExtractOptions
from quotewise.records import Article, ArticleResult, BadRecord, Quote
from quotewise.runner import Runner


class OneQuoteEach(Runner):
    @staticmethod
    def job(texts: list[str], options: ExtractOptions) -> tuple[list[ArticleResult], int]:
        return [ArticleResult((Quote(text[:10], 0, 10, "direct"),)) for text in texts], 0

    prepare = staticmethod(lambda options: None)


class FailingReader:
    """Five articles, then the disk under the archive fails."""

    bad_dates = 0

    def __iter__(self) -> Iterator[Article | BadRecord]:
        for n in range(5):
            yield Article(f"a{n}", f"Article number {n} of the archive.", "dump.jsonl", n + 1)
        raise OSError(errno.EIO, "Input/output error")

    def progress(self) -> int:
        return 0


def test_what_was_extracted_before_a_failure_is_stored_and_the_run_is_marked_failed(tmp_path, monkeypatch):
    monkeypatch.setattr("quotewise.corpus.store.installed_model", lambda model: ("fake-model", "1.0"))
    store = Store.open(str(tmp_path / "store.db"))
    with pytest.raises(OSError), OneQuoteEach(ExtractOptions(model="fake-model")) as runner:
        ingest_run(FailingReader(), store, runner, "quotewise ingest dump.jsonl")  # type: ignore[arg-type]
    assert store.count("articles") == 5 and store.count("quotes") == 5
    assert [tuple(r) for r in store.execute(text("SELECT status FROM runs"))] == [("failed",)]
