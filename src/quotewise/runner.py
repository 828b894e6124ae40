"""Running extraction: the one path every front door takes, in this process, in worker processes or on Dask.

`extract`, `extract_many`, `quotewise extract`, `ingest`, `show` and `evaluate --run` all hand their texts to a
`Runner`, so one policy decides how work is cut and batched:

- an article longer than `MAX_PIECE_CHARS` is cut at paragraph breaks into pieces (the parser's memory grows
  with the length of what it parses);
- consecutive pieces go to the parser together, at most `BATCH_CHARS` characters and `BATCH_PIECES` pieces at
  once (spaCy parses a batch faster than the same texts one by one);
- at most `window` batches are out at once, so the input is never read further ahead of the workers than that.

A worker parses a batch and sends back each piece's `ArticleResult` as a record (pickled between processes,
never turned into dicts). Results come back in input order as `Part`s: an article of one piece is one part; a
long article gives a part per piece as soon as the pieces before it are done, with its people, merged over its
pieces, on the last one. So no one has to hold a long text's quotations until its end.

A worker that dies (killed, out of memory, a crash in native code) takes its batch with it. The batches that were
out are then rerun one at a time, a failing one piece by piece, so only an article that kills a worker on its own
is given up, as QW130; the rest are extracted as usual.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import re
import resource
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from .engine.merge import PeopleMerger
from .engine.paragraphs import chunk_bounds
from .errors import ConfigError
from .options import ExtractOptions
from .pipeline import load_pipeline, resolve_model_name
from .records import ArticleResult, Person, Quote

K = TypeVar("K")
MAX_PIECE_CHARS = 100_000  # far longer than a news article: only transcripts and mis-split archives are cut
BATCH_CHARS = 100_000  # so a batch never holds more parse than one full piece
BATCH_PIECES = 64
_PR_SET_PDEATHSIG = 1  # prctl(2)
# A LocalCluster's workers each share a core with the parsing they run (bench/README.md: Dask). Without a dashboard
# the statistical profiler's samples go unread, and a parse takes seconds, so memory is polled each second rather
# than ten times a second: the CPU goes to parsing.
_LOCAL_DASK_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


@dataclass(frozen=True, slots=True)
class Failure:
    """Why extraction gave up on an article."""

    code: str
    reason: str


@dataclass(frozen=True, slots=True)
class Part(Generic[K]):
    """The quotations of the next piece of an article, at article offsets; the last part also carries the
    article's people (None on the parts before it)."""

    key: K
    quotes: tuple[Quote, ...]
    people: tuple[Person, ...] | None = None

    @property
    def last(self) -> bool:
        return self.people is not None


@dataclass(frozen=True, slots=True)
class Failed(Generic[K]):
    """An article given up on; parts of it may have come before."""

    key: K
    failure: Failure


Event = Part[K] | Failed[K]
Outcome = ArticleResult | Failure
PieceResult = ArticleResult | str  # a piece's result, or the error it raised


def parse(texts: list[str], options: ExtractOptions) -> tuple[list[PieceResult], int]:
    """A worker's job: each piece's result (or error message), and the worker's peak memory in KB.

    A batch that raises is redone piece by piece, so one bad piece costs only its own article.
    """
    nlp = load_pipeline(options)
    try:
        found: list[PieceResult] = [doc._.quotewise for doc in nlp.pipe(texts, batch_size=len(texts))]
    except ConfigError:
        raise
    except Exception:
        found = [_one(nlp, text) for text in texts]
    return found, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _one(nlp: Any, text: str) -> PieceResult:
    try:
        return nlp(text)._.quotewise  # type: ignore[no-any-return]
    except ConfigError:
        raise
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}".strip()


class InProcess(Executor):
    """Runs each job as it is submitted, in this process: `--workers 0`, the API, one article."""

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
    bounds: list[tuple[int, int]]  # its pieces' (start, end) in the article
    results: dict[int, ArticleResult | Failure] = field(default_factory=dict)  # piece -> result, until passed on
    done: int = 0  # pieces back from the workers
    passed: int = 0  # pieces passed on, in order
    merger: PeopleMerger | None = None  # for an article of several pieces
    given_up: bool = False  # a piece of it failed


Piece = tuple[int, int, str]  # (article number in this run, piece number in the article, text)


@dataclass
class _Job:
    pieces: list[Piece]
    future: Future[Any]
    generation: int  # which pool it went to: a pool that broke is restarted once, not once per job it held


class Runner:
    """Where extraction runs: `workers` local processes (0: in this process), or a Dask cluster.

    `dask` is a scheduler address, or "local" / "local:N" for a LocalCluster of N single-threaded worker
    processes. Use as a context manager; `run` and `map` may be called several times in between.
    `on_status` hears what the runner is waiting for ("loading the spaCy pipeline"); `on_piece` hears, for each
    piece parsed, its article's key, the pieces of it done and how many it has.
    """

    job = staticmethod(parse)  # what a worker runs on a batch (a fault test gives one that crashes)
    prepare = staticmethod(load_pipeline)  # what readies this process to run `job` itself

    def __init__(
        self,
        options: ExtractOptions | None = None,
        *,
        workers: int = 0,
        dask: str | None = None,
        on_status: Callable[[str], None] | None = None,
        on_piece: Callable[[Any, int, int], None] | None = None,
    ) -> None:
        chosen = options or ExtractOptions()
        self.options = replace(chosen, model=resolve_model_name(chosen.model))
        self.workers = workers
        self.dask = dask
        self.on_status = on_status or (lambda status: None)
        self.on_piece = on_piece
        self.worker_peak_kb = 0
        self.restarts = 0
        self._executor: Executor | None = None
        self._client: Any = None
        self._cluster: Any = None
        self.slots = self._slots()
        # Batches out at once: each worker has the next one waiting; in this process, one at a time.
        self.window = 2 * self.slots if self.dask is not None or self.workers > 0 else 1

    @property
    def _local_dask(self) -> bool:
        """Whether `dask` asks for a LocalCluster ("local", "local:N"), not a scheduler ("localhost:8786")."""
        return self.dask is not None and re.fullmatch(r"local(:\d+)?", self.dask) is not None

    def _slots(self) -> int:
        if self.dask is not None and self._local_dask:
            _, _, n = self.dask.partition(":")
            return int(n) if n.isdigit() and int(n) > 0 else (self.workers or os.cpu_count() or 1)
        return max(1, self.workers)  # a remote cluster's size is asked once it is reached

    def __enter__(self) -> Runner:
        self._start()
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        self.close(abandon=kind is not None)

    def _start(self) -> None:
        if self.dask is not None:
            self.on_status(f"starting Dask ({self.dask})")
            self._executor = self._dask_executor()
            self.on_status("Dask workers loading the spaCy pipeline")
        elif self.workers <= 0:
            self.on_status("loading the spaCy pipeline")
            self.prepare(self.options)
            self._executor = InProcess()
            self.on_status("extracting")
        else:
            self.on_status(f"starting {self.workers} worker process{'es' if self.workers > 1 else ''}")
            # spawn: a worker starts clean (no copy of the parent's threads or open database connections).
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_worker_start
            )
            self.on_status("workers loading the spaCy pipeline")

    def _dask_executor(self) -> Executor:
        import dask
        from distributed import Client, LocalCluster

        assert self.dask is not None
        try:
            if self._local_dask:
                with dask.config.set(_LOCAL_DASK_CONFIG):
                    self._cluster = LocalCluster(
                        n_workers=self.slots, threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR,
                    )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.dask, timeout=30)
        except OSError as exc:
            raise ConfigError("QW211", f"--dask {self.dask}: cannot reach the scheduler ({exc})") from None
        if not self._local_dask:
            self.slots = max(1, sum(w.get("nthreads", 1) for w in self._client.scheduler_info()["workers"].values()))
            self.window = 2 * self.slots
        return self._client.get_executor(pure=False)

    def close(self, *, abandon: bool = False) -> None:
        """Stop the workers; `abandon` (leaving on an error or Ctrl-C) drops the work still out instead of
        waiting for it (Dask's executor waits for every outstanding task unless told not to)."""
        if isinstance(self._executor, ProcessPoolExecutor):
            self._executor.shutdown(wait=True, cancel_futures=True)
        elif self._executor is not None:
            self._executor.shutdown(wait=not abandon)
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
        """Each (key, text) as (key, its whole result or a Failure), in input order."""
        quotes: list[Quote] = []
        for event in self.run(items):
            if isinstance(event, Failed):
                quotes = []
                yield event.key, event.failure
                continue
            quotes.extend(event.quotes)
            if event.people is not None:
                yield event.key, ArticleResult(tuple(quotes), event.people)
                quotes = []

    def run(self, items: Iterable[tuple[K, str]]) -> Iterator[Event[K]]:
        """Each (key, text) as its parts (or a Failed), in input order, each once it and all before it are done
        and the runner next looks (before reading each item, and whenever it waits for a worker).

        An exception raised while reading `items` ends the run after the articles read before it are passed on.
        """
        articles: dict[int, _Article[K]] = {}
        out: deque[_Job] = deque()
        order = _Order(articles)
        batch: list[Piece] = []
        size = 0

        def send(pieces: list[Piece]) -> Iterator[Event[K]]:
            while len(out) >= self.window:
                self._collect(out.popleft(), articles)
                yield from order.ready()
            out.append(self._submit(pieces))

        stopped: Exception | None = None
        try:
            for number, (key, text) in enumerate(items):
                while out and out[0].future.done():  # pass on what is done before reading on
                    self._collect(out.popleft(), articles)
                    yield from order.ready()
                bounds = chunk_bounds(text, MAX_PIECE_CHARS) or [(0, 0)]  # an empty text still gets its result
                articles[number] = _Article(key, bounds, merger=PeopleMerger() if len(bounds) > 1 else None)
                for index, (start, end) in enumerate(bounds):
                    piece = text if len(bounds) == 1 else text[start:end]
                    if batch and (size + len(piece) > BATCH_CHARS or len(batch) >= BATCH_PIECES):
                        yield from send(batch)
                        batch, size = [], 0
                    batch.append((number, index, piece))
                    size += len(piece)
        except Exception as exc:  # the articles before a bad item are still extracted and passed on
            stopped = exc
        if batch:
            yield from send(batch)
        while out:
            self._collect(out.popleft(), articles)
            yield from order.ready()
        if stopped is not None:
            raise stopped

    def _submit(self, pieces: list[Piece]) -> _Job:
        assert self._executor is not None
        texts = [text for _, _, text in pieces]
        try:
            future = self._executor.submit(self.job, texts, self.options)
        except BrokenExecutor:  # a worker died since the last job was collected: the jobs out say so when collected
            self._restart()
            future = self._executor.submit(self.job, texts, self.options)
        return _Job(pieces, future, self.restarts)

    def _collect(self, job: _Job, articles: dict[int, _Article[Any]]) -> None:
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
        for (number, index, _), outcome in zip(pieces, outcomes, strict=True):
            art = articles.get(number)
            if art is None:  # the rest of an article already given up on
                continue
            if art.given_up:  # a piece of it failed: the rest of it is no longer waited for
                continue
            art.done += 1
            if isinstance(outcome, str):
                outcome = Failure("QW131", f"extraction failed: {outcome}")
            art.results[index] = outcome
            art.given_up = isinstance(outcome, Failure)
            if self.on_piece is not None:
                self.on_piece(art.key, len(art.bounds) if art.given_up else art.done, len(art.bounds))


class _Order(Generic[K]):
    """Passes results on in input order: an article's pieces in turn, then the next article."""

    def __init__(self, articles: dict[int, _Article[K]]) -> None:
        self.articles = articles
        self.next = 0

    def ready(self) -> Iterator[Event[K]]:
        while (art := self.articles.get(self.next)) is not None and art.passed in art.results:
            outcome = art.results.pop(art.passed)
            art.passed += 1
            finished = art.passed == len(art.bounds)
            if isinstance(outcome, Failure):
                yield Failed(art.key, outcome)
                finished = True
            elif art.merger is None:
                yield Part(art.key, outcome.quotes, outcome.people)
            else:
                offset = art.bounds[art.passed - 1][0]
                art.merger.add(offset, outcome.people)
                people = art.merger.people() if finished else None
                yield Part(art.key, tuple(q.shifted(offset) for q in outcome.quotes), people)
            if finished:
                del self.articles[self.next]
                self.next += 1


def stop_helper_processes() -> None:
    """End the process multiprocessing keeps beside its pools (its resource tracker), so nothing a command
    started outlives it. Called once a command has closed its runners; a later pool starts a new one."""
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        stop()


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
