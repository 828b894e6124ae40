"""`quotewise extract` as a library call: every article a reader gives, extracted on a runner, written as it comes.

The same reader and the same runner as `ingest`; only the end differs (a writer here, the store there). A record
that cannot be read, or an article extraction gives up on, is reported through `on_bad` and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..records import Article, ArticleResult, BadRecord
from ..runner import Failed, Runner
from .archives import ArchiveReader
from .writers import Writer


@dataclass
class Counts:
    """A run's counts so far, for the progress display and the exit status."""

    articles: int = 0
    quotes: int = 0
    failed: int = 0


def extract_to(
    reader: ArchiveReader,
    runner: Runner,
    writer: Writer,
    *,
    on_bad: Callable[[str], None],
    on_done: Callable[[Counts, int | None], None],
) -> Counts:
    """Write each article's result as extraction passes it on; `on_bad` hears each failure as one line
    ("[QW104] a.txt: ..."), `on_done` the counts and the input read (bytes) behind each finished one (None for
    a part of a long text)."""
    counts = Counts()

    def articles() -> Iterator[tuple[tuple[Article, int], str]]:
        for record in reader:
            if isinstance(record, BadRecord):
                if record.skipped:  # not an article at all (a WARC image response)
                    continue
                counts.failed += 1
                on_bad(f"[{record.code}] {record.reason}")
                on_done(counts, reader.progress())
                continue
            yield (record, reader.progress()), record.text

    writing: Article | None = None  # the article whose record is open
    try:
        for event in runner.run(articles()):
            article, read = event.key
            if isinstance(event, Failed):
                counts.failed += 1
                on_bad(f"[{event.failure.code}] {article.where}: {event.failure.reason}")
                if writing is article:  # parts of it were written: its record ends saying why it stops there
                    writer.finish((), error=f"[{event.failure.code}] {event.failure.reason}")
                writing = None
                on_done(counts, read)
                continue
            counts.quotes += len(event.quotes)
            if event.people is not None and writing is not article:  # an article of one part, the usual case
                writer.write(article, ArticleResult(event.quotes, event.people))
            else:
                if writing is not article:
                    writer.start(article)
                    writing = article
                writer.add(event.quotes)
                if event.people is not None:
                    writer.finish(event.people)
                    writing = None
                else:
                    on_done(counts, None)  # a long text's quotations so far; the input behind it is not done yet
            if event.people is not None:
                counts.articles += 1
                on_done(counts, read)
    finally:
        writer.close()  # what was written stays well formed, up to the article being written
    return counts

