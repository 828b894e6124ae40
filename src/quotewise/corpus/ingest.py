"""Ingest: archive records in, extraction on the runner's workers, one writer out to the store.

Resuming is a property of the data, not of a checkpoint file: an article already stored with the same text hash
and settings is passed over, everything else is (re)extracted, and each write is one transaction. So a run
killed at any moment and rerun with the same command ends with the same rows an uninterrupted run leaves.
"""

from __future__ import annotations

import time
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

    def to_extract() -> Iterator[tuple[tuple[Article, str], str]]:
        records = iter(reader)
        while chunk := list(islice(records, LOOKUP_CHUNK)):
            found = [r for r in chunk if isinstance(r, Article)]
            for record in chunk:
                if isinstance(record, BadRecord):
                    failed(record)
            started = time.monotonic()
            stored = store.stored(a.id for a in found)
            tally.write_seconds += time.monotonic() - started
            for article in found:
                digest = text_hash(article.text)
                if stored.get(article.id) == (digest, key):
                    tally.unchanged += 1
                    continue
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
        group.clear()
        bad.clear()
        last_write = time.monotonic()

    for (article, digest), outcome in runner.map(to_extract()):
        if isinstance(outcome, Failure):
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
