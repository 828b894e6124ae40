"""Ingest: archive records in, extraction on the runner's workers, one writer out to the store.

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
from ..records import Article, BadRecord
from .runner import Failure, Runner
from .store import Settings, Store, Written

LOOKUP_CHUNK = 256  # records checked against the store at once
WRITE_ARTICLES = 200  # articles per write transaction at most
WRITE_SECONDS = 2.0  # and at least this often, so searches see a slow ingest's progress


@dataclass
class Tally:
    """A run's counts so far, for the progress bar and the summary."""

    written: int = 0
    unchanged: int = 0
    quotes: int = 0
    failed: int = 0
    skipped: int = 0  # records that are not articles (a WARC image response)
    repeated: int = 0  # records whose id a later record in the same stretch of input repeats: the later one stands
    write_seconds: float = 0.0  # time the writer spent in the store (lookups and writes)

    @property
    def articles(self) -> int:
        return self.written + self.unchanged


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

    def to_extract() -> Iterator[tuple[tuple[Article, str], str]]:
        records = iter(reader)
        while chunk := list(islice(records, LOOKUP_CHUNK)):
            for record in chunk:
                if isinstance(record, BadRecord):
                    failed(record)
            # The last of an id's records in the chunk stands; the earlier ones are passed over.
            found = list({r.id: r for r in chunk if isinstance(r, Article)}.values())
            tally.repeated += sum(isinstance(r, Article) for r in chunk) - len(found)
            started = time.monotonic()
            stored = store.stored(a.id for a in found)
            tally.write_seconds += time.monotonic() - started
            for article in found:
                digest = text_hash(article.text)
                if _unchanged(stored.get(article.id), article, digest, key) and not pending[article.id]:
                    tally.unchanged += 1
                    continue
                pending[article.id] += 1
                yield (article, digest), article.text
            if on_update is not None:
                on_update(tally)

    def flush() -> None:
        nonlocal last_write
        started = time.monotonic()
        store.write(run_id, key, group, bad)
        tally.write_seconds += time.monotonic() - started
        tally.written += len(group)
        tally.quotes += sum(len(result.quotes) for _, _, result in group)
        for article, _, _ in group:
            release(article.id)
        group.clear()
        bad.clear()
        last_write = time.monotonic()

    for (article, digest), outcome in runner.map(to_extract()):
        if isinstance(outcome, Failure):
            release(article.id)
            where = f"{article.source}:{article.position} ({article.id})"
            failed(BadRecord(article.source, article.position, outcome.code, f"{where}: {outcome.reason}", article.id))
        else:
            group.append((article, digest, outcome))
        if len(group) >= WRITE_ARTICLES or time.monotonic() - last_write > WRITE_SECONDS:
            flush()
        if on_update is not None:
            on_update(tally)
    flush()
    if on_update is not None:
        on_update(tally)
    return tally


def _unchanged(stored: tuple[str, str, str, int] | None, article: Article, digest: str, key: str) -> bool:
    """Already stored as this record would store it, or superseded by a later record of the same input that
    repeats its id (a rerun then skips both, as the first run ended with the later one)."""
    if stored is None or stored[1] != key:
        return False
    text_hash_, _, source, position = stored
    return text_hash_ == digest or (source == article.source and position > article.position)
