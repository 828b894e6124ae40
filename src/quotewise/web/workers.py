"""The threads that compute pages: daemon threads, so a server told to stop is never kept alive by a page.

Starlette runs a plain `def` route in AnyIO's worker threads. Those are not daemon threads, and a request waiting
for one can't be cancelled (the wait is shielded): uvicorn, stopping, waits for the response, and even past its
graceful-shutdown timeout the interpreter joins the thread at exit. A slow page thus kept `serve` alive, computing
what nobody would receive, until it was done. Here a route is a coroutine that hands its work to one of these
threads and awaits a plain future: cancelling the request ends the wait at once, and a thread still computing is
dropped with the process (the store is opened read-only: there is nothing to leave half written).
"""

from __future__ import annotations

import asyncio
import functools
import queue
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")
_Job = tuple[asyncio.AbstractEventLoop, "asyncio.Future[Any]", Callable[[], Any]]


class Workers:
    """A fixed number of daemon threads, started on the first job, taking jobs in turn."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self.started = False
        self.lock = threading.Lock()

    async def run(self, work: Callable[[], T]) -> T:
        """`work()`, computed in a worker thread; its exception, if it raises one, raised here."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._start()
        self.jobs.put((loop, future, work))
        return await future

    def route(self, handler: Callable[..., T]) -> Callable[..., Awaitable[T]]:
        """The route `handler` as a coroutine computed here: FastAPI reads its parameters from `handler`."""

        @functools.wraps(handler)
        async def computed(*args: Any, **kwargs: Any) -> T:
            return await self.run(functools.partial(handler, *args, **kwargs))

        return computed

    def _start(self) -> None:
        with self.lock:
            if not self.started:
                for k in range(self.size):
                    threading.Thread(target=self._work, name=f"quotewise-page-{k}", daemon=True).start()
                self.started = True

    def _work(self) -> None:
        while True:
            loop, future, work = self.jobs.get()
            try:
                outcome: tuple[Any, BaseException | None] = (work(), None)
            except Exception as exc:  # the request's own error (a 404, a failed query): raised where it is awaited
                outcome = (None, exc)
            try:
                loop.call_soon_threadsafe(_settle, future, *outcome)
            except RuntimeError:  # the loop is closed: the server stopped while this page was computed
                continue


def _settle(future: asyncio.Future[Any], value: Any, error: BaseException | None) -> None:
    if future.done():  # the request was cancelled meanwhile
        return
    if error is None:
        future.set_result(value)
    else:
        future.set_exception(error)
