"""Ingest: archive records in, extraction on the runner's workers, one writer out to the store, as one recorded run.

Resuming is a property of the data, not of a checkpoint file: an article already stored with the same text hash
and settings is passed over, everything else is (re)extracted, and each write is one transaction. So a run
killed at any moment and rerun with the same command ends with the same rows an uninterrupted run leaves.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from ..io.archives import ArchiveReader, text_hash
from ..io.spool import QuoteSpool
from ..provenance import git_sha
from ..records import Article, ArticleResult, BadRecord
from ..runner import Failed, Part, Runner
from .store import Settings, Store, Written

_Read = tuple[Article | BadRecord, int]  # a record, and the bytes of input read up to it
LOOKUP_CHUNK = 256  # records checked against the store at once
LOOKUP_CHARS = 4_000_000  # and at most this much text, however long the articles
WRITE_ARTICLES = 200  # articles per write transaction at most
WRITE_SECONDS = 2.0  # and at least this often, so searches see a slow ingest's progress


@dataclass
class Tally:
    """A run's counts so far, for the progress display and the summary."""

    written: int = 0
    extracted: int = 0  # articles extracted so far, stored or waiting for the next write
    unchanged: int = 0
    quotes: int = 0
    found: int = 0  # quotations extracted so far, stored or waiting
    failed: int = 0
    skipped: int = 0  # records that are not articles (a WARC image response)
    repeated: int = 0  # records whose id a later record in the same stretch of input repeats: the later one stands
    bad_dates: int = 0  # articles stored undated because their date could not be read
    write_seconds: float = 0.0  # time the writer spent in the store (lookups and writes)
    read: int = 0  # bytes of input behind the articles finished so far

    @property
    def articles(self) -> int:
        return self.written + self.unchanged


def ingest_run(
    reader: ArchiveReader,
    store: Store,
    runner: Runner,
    command: str,
    *,
    on_bad: Callable[[BadRecord], None] | None = None,
    on_update: Callable[[Tally], None] | None = None,
) -> Tally:
    """`ingest` as one run recorded in the store's `runs` table: running, then finished, interrupted or failed.

    The settings it records are those of the runner's own options, so the store says what really extracted."""
    settings = Settings.of(runner.options)
    run_id = store.begin_run(settings, command, git_sha())
    try:
        tally = ingest(reader, store, runner, settings, run_id, on_bad=on_bad, on_update=on_update)
    except KeyboardInterrupt:
        store.finish_run(run_id, "interrupted")
        raise
    except Exception:
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "finished", articles=tally.written, unchanged=tally.unchanged, quotes=tally.quotes,
                     errors=tally.failed)
    return tally


def ingest(
    reader: ArchiveReader,
    store: Store,
    runner: Runner,
    settings: Settings,
    run_id: int,
    *,
    on_bad: Callable[[BadRecord], None] | None = None,
    on_update: Callable[[Tally], None] | None = None,
) -> Tally:
    """Extract and store every new or changed article the reader yields; report and store every bad record."""
    tally = Tally()
    key = settings.key
    bad: list[BadRecord] = []
    group: list[Written] = []
    last_write = time.monotonic()

    def update() -> None:
        tally.bad_dates = reader.bad_dates
        if on_update is not None:
            on_update(tally)

    def failed(record: BadRecord) -> None:
        bad.append(record)
        if record.skipped:
            tally.skipped += 1
        else:
            tally.failed += 1
            if on_bad is not None:
                on_bad(record)

    # Ids sent to extraction and not yet written: a later record with the same id must replace them, so it is
    # extracted even when the store (not yet holding the earlier one) says it is unchanged.
    pending: Counter[str] = Counter()

    def release(article_id: str) -> None:
        pending[article_id] -= 1
        if pending[article_id] <= 0:
            del pending[article_id]

    def to_extract() -> Iterator[tuple[tuple[Article, str, int], str]]:
        records = iter(reader)
        while True:
            chunk, stopped = _lookup_chunk(records, reader)
            if not chunk and stopped is None:
                return
            for record, _ in chunk:
                if isinstance(record, BadRecord):
                    failed(record)
            # The last of an id's records in the chunk stands; the earlier ones are passed over.
            found = list({r.id: (r, read) for r, read in chunk if isinstance(r, Article)}.values())
            tally.repeated += sum(isinstance(r, Article) for r, _ in chunk) - len(found)
            started = time.monotonic()
            stored = store.stored(a.id for a, _ in found)
            tally.write_seconds += time.monotonic() - started
            for article, read in found:
                digest = text_hash(article.text)
                if _unchanged(stored.get(article.id), article, digest, key) and not pending[article.id]:
                    tally.unchanged += 1
                    continue
                pending[article.id] += 1
                yield (article, digest, read), article.text
            if not pending:  # nothing in flight: all that was read is done
                tally.read = reader.progress()
            if len(bad) >= LOOKUP_CHUNK or time.monotonic() - last_write > WRITE_SECONDS:
                flush()  # a long stretch of bad records is stored as it goes, not held until an article comes
            update()
            if stopped is not None:  # the reader failed after these: they are extracted, then the run ends
                raise stopped

    def flush() -> None:
        nonlocal last_write
        last_write = time.monotonic()
        if not group and not bad:  # a write changes the store's state token: none without something to write
            return
        store.write(run_id, key, group, bad)
        tally.write_seconds += time.monotonic() - last_write
        tally.written += len(group)
        tally.quotes += sum(len(result.quotes) for _, _, result in group)
        for article, _, _ in group:
            release(article.id)
        group.clear()
        bad.clear()

    spool: QuoteSpool | None = None  # the parts so far of a long article
    try:
        for event in runner.run(to_extract()):
            article, digest, read = event.key
            if isinstance(event, Failed):
                if spool is not None:
                    spool.close()
                    spool = None
                release(article.id)
                reason = f"{article.where}: {event.failure.reason}"
                failed(BadRecord(article.source, article.position, event.failure.code, reason, article.id))
            elif event.people is not None and spool is None:
                group.append((article, digest, ArticleResult(event.quotes, event.people)))
                tally.extracted += 1
            else:
                # A long article: its parts wait on disk, and it is written in a transaction of its own.
                if spool is None:
                    spool = QuoteSpool()
                spool.add(event.quotes)
                if event.people is not None:
                    flush()
                    started = time.monotonic()
                    with spool:
                        store.write_spooled(run_id, key, article, digest, spool, event.people)
                    tally.write_seconds += time.monotonic() - started
                    tally.written += 1
                    tally.extracted += 1
                    tally.quotes += spool.count
                    release(article.id)
                    spool = None
            tally.found += len(event.quotes) if isinstance(event, Part) else 0
            if not isinstance(event, Part) or event.last:
                tally.read = max(tally.read, read)
            if len(group) >= WRITE_ARTICLES or time.monotonic() - last_write > WRITE_SECONDS:
                flush()
            update()
    except BaseException:
        if spool is not None:
            spool.close()
        flush()  # what was extracted before the failure is kept
        raise
    flush()
    update()
    return tally


def _lookup_chunk(
    records: Iterator[Article | BadRecord], reader: ArchiveReader
) -> tuple[list[_Read], Exception | None]:
    """The next records to look up in the store at once (at most LOOKUP_CHUNK, or LOOKUP_CHARS of text), each
    with the bytes of input read up to it; and the error that stopped the reader, if one did, so the records
    read before it are not lost with it."""
    chunk: list[_Read] = []
    chars = 0
    try:
        for record in islice(records, LOOKUP_CHUNK):
            chunk.append((record, reader.progress()))
            chars += len(record.text) if isinstance(record, Article) else 0
            if chars >= LOOKUP_CHARS:
                break
    except Exception as exc:
        return chunk, exc
    return chunk, None


def _unchanged(stored: tuple[str, str, str, int] | None, article: Article, digest: str, key: str) -> bool:
    """Already stored as this record would store it, or superseded by a later record of the same input that
    repeats its id (a rerun then skips both, as the first run ended with the later one)."""
    if stored is None or stored[1] != key:
        return False
    text_hash_, _, source, position = stored
    return text_hash_ == digest or (source == article.source and position > article.position)
