"""Extraction in parallel: local worker processes or a Dask cluster, behind one `concurrent.futures` interface.

Articles are cut into the same pieces `extract_many` parses (long ones at paragraph breaks), pieces are sent
to workers in batches, and results come back in input order, each article merged exactly as `extract_many`
merges it, so every front door gives the same answer. At most `window` batches are out at once: the input is
never read further ahead of the workers than that (backpressure), whatever its length.

A worker that dies (killed, out of memory, a crash in native code) takes its batch with it. The batches that
were out are then rerun one at a time, a failing one piece by piece, so only an article that kills a worker on
its own is given up, as QW130; the rest are extracted as usual.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from ..api import article_chunks, extract_many
from ..engine.merge import merge_results
from ..errors import ConfigError
from ..records import ArticleResult

K = TypeVar("K")
BATCH_CHARS = 200_000  # characters per batch: enough to keep a worker's parser busy, small enough to stream
BATCH_PIECES = 64
_PR_SET_PDEATHSIG = 1  # prctl(2)


@dataclass(frozen=True, slots=True)
class Failure:
    """An article extraction gave up on."""

    code: str
    reason: str


Outcome = ArticleResult | Failure
Piece = tuple[int, int, str]  # (article number in this run, offset in the article, text)


def work(texts: list[str], model: str | None, cues: str, scope: str) -> tuple[list[dict[str, Any] | str], int]:
    """A worker's job: results as plain dicts (or an error message per piece), and the worker's peak memory in KB.

    A batch that raises is redone piece by piece, so one bad piece costs only its own article.
    """
    try:
        outcomes: list[dict[str, Any] | str] = [
            r.to_dict() for r in extract_many(texts, model=model, cues=cues, scope=scope)
        ]
    except ConfigError:
        raise
    except Exception:
        outcomes = [_one(text, model, cues, scope) for text in texts]
    return outcomes, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _one(text: str, model: str | None, cues: str, scope: str) -> dict[str, Any] | str:
    try:
        return next(extract_many([text], model=model, cues=cues, scope=scope)).to_dict()
    except ConfigError:
        raise
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".strip()


class InProcess(Executor):
    """Runs each job as it is submitted, in this process: `--workers 0`, for one article or a quick look."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as exc:
            future.set_exception(exc)
        return future


@dataclass
class _Article(Generic[K]):
    key: K
    pieces: int
    results: dict[int, ArticleResult] = field(default_factory=dict)  # offset -> result
    failure: Failure | None = None
    done: int = 0


@dataclass
class Job:
    pieces: list[Piece]
    future: Future[Any]
    generation: int  # which pool it went to: a pool that broke is restarted once, not once per job it held


class Runner:
    """Where extraction runs: `workers` local processes (0: in this process), or a Dask cluster.

    `dask` is a scheduler address, or "local" / "local:N" for a LocalCluster of N single-threaded worker
    processes. Use as a context manager; `map` may be called several times in between.
    """

    job = staticmethod(work)  # what a worker runs on a batch (a fault test gives one that crashes)

    def __init__(
        self,
        *,
        workers: int = 0,
        dask: str | None = None,
        model: str | None = None,
        cues: str = "learned",
        scope: str = "quotes",
        on_progress: Callable[[int], None] | None = None,
    ) -> None:
        self.workers = workers
        self.dask = dask
        self.options = (model, cues, scope)
        self.on_progress = on_progress  # called with the characters of each finished piece
        self.worker_peak_kb = 0
        self.restarts = 0
        self._executor: Executor | None = None
        self._client: Any = None
        self._cluster: Any = None
        self.slots = self._slots()
        self.window = 2 * self.slots  # batches out at once: each worker has the next one waiting

    def _slots(self) -> int:
        if self.dask is not None and self.dask.startswith("local"):
            _, _, n = self.dask.partition(":")
            return int(n) if n.isdigit() and int(n) > 0 else (self.workers or os.cpu_count() or 1)
        return max(1, self.workers)  # a remote cluster's size is asked once it is reached

    def __enter__(self) -> Runner:
        self._start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        if self.dask is not None:
            self._executor = self._dask_executor()
        elif self.workers <= 0:
            self._executor = InProcess()
        else:
            # spawn: a worker starts clean (no copy of the parent's threads or open database connections).
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_worker_start
            )

    def _dask_executor(self) -> Executor:
        from distributed import Client, LocalCluster

        assert self.dask is not None
        try:
            if self.dask.startswith("local"):
                self._cluster = LocalCluster(
                    n_workers=self.slots, threads_per_worker=1, processes=True,
                    dashboard_address=None, silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.dask, timeout=30)
        except OSError as exc:
            raise ConfigError("QW211", f"--dask {self.dask}: cannot reach the scheduler ({exc})") from None
        if not self.dask.startswith("local"):
            self.slots = max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))
            self.window = 2 * self.slots
        return self._client.get_executor(pure=False)

    def close(self) -> None:
        if isinstance(self._executor, ProcessPoolExecutor):
            self._executor.shutdown(wait=True, cancel_futures=True)
        elif self._executor is not None:
            self._executor.shutdown(wait=True)
        self._executor = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _restart(self) -> None:
        """A new pool after a worker died (a Dask cluster replaces its workers itself)."""
        self.restarts += 1
        if isinstance(self._executor, ProcessPoolExecutor):
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._start()

    def map(self, items: Iterable[tuple[K, str]]) -> Iterator[tuple[K, Outcome]]:
        """Each (key, text) as (key, result or Failure), in input order."""
        articles: dict[int, _Article[K]] = {}
        out: deque[Job] = deque()
        next_out = 0
        batch: list[Piece] = []
        size = 0

        def finished() -> Iterator[tuple[K, Outcome]]:
            nonlocal next_out
            while next_out in articles and articles[next_out].done == articles[next_out].pieces:
                art = articles.pop(next_out)
                next_out += 1
                if art.failure is not None:
                    yield art.key, art.failure
                else:
                    yield art.key, merge_results(sorted(art.results.items()))

        def send(pieces: list[Piece]) -> Iterator[tuple[K, Outcome]]:
            while len(out) >= self.window:
                self._collect(out.popleft(), articles)
                yield from finished()
            out.append(self._submit(pieces))

        for number, (key, text) in enumerate(items):
            chunks = article_chunks(text)
            articles[number] = _Article(key, len(chunks))
            for offset, chunk in chunks:
                if batch and (size + len(chunk) > BATCH_CHARS or len(batch) >= BATCH_PIECES):
                    yield from send(batch)
                    batch, size = [], 0
                batch.append((number, offset, chunk))
                size += len(chunk)
        if batch:
            yield from send(batch)
        while out:
            self._collect(out.popleft(), articles)
            yield from finished()

    def _submit(self, pieces: list[Piece]) -> Job:
        assert self._executor is not None
        texts = [text for _, _, text in pieces]
        return Job(pieces, self._executor.submit(self.job, texts, *self.options), self.restarts)

    def _collect(self, job: Job, articles: dict[int, _Article[Any]]) -> None:
        """Wait for a job and file its results; one a dead worker took is rerun on its own."""
        try:
            outcomes, peak = job.future.result()
        except Exception as exc:
            if not _worker_died(exc):
                raise
            if job.generation == self.restarts:
                self._restart()
            self._isolate(job.pieces, articles)
            return
        self._file(job.pieces, outcomes, peak, articles)

    def _isolate(self, pieces: list[Piece], articles: dict[int, _Article[Any]]) -> None:
        job = self._submit(pieces)
        try:
            outcomes, peak = job.future.result()
        except Exception as exc:
            if not _worker_died(exc):
                raise
            self._restart()
            if len(pieces) > 1:
                for piece in pieces:
                    self._isolate([piece], articles)
                return
            reason = "the worker extracting this article died twice (out of memory, or a crash in the parser)"
            outcomes, peak = [Failure("QW130", reason)], 0
        self._file(pieces, outcomes, peak, articles)

    def _file(
        self, pieces: list[Piece], outcomes: list[Any], peak: int, articles: dict[int, _Article[Any]]
    ) -> None:
        self.worker_peak_kb = max(self.worker_peak_kb, peak)
        for (number, offset, text), outcome in zip(pieces, outcomes, strict=True):
            art = articles[number]
            art.done += 1
            if isinstance(outcome, Failure):
                art.failure = outcome
            elif isinstance(outcome, str):
                art.failure = art.failure or Failure("QW131", f"extraction failed: {outcome}")
            else:
                art.results[offset] = ArticleResult.from_dict(outcome)
            if self.on_progress is not None:
                self.on_progress(len(text))



def _worker_start() -> None:
    """A local worker leaves Ctrl-C to the parent, and dies with it: a parent killed outright (SIGKILL, out of
    memory) must not leave workers parsing on."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before the request took effect
            os._exit(1)


def _worker_died(exc: BaseException) -> bool:
    # ProcessPoolExecutor breaks; a Dask scheduler gives up on a task whose workers keep dying.
    return isinstance(exc, BrokenExecutor) or type(exc).__name__ == "KilledWorker"
