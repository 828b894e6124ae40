"""The progress bar long runs show on stderr: only on a terminal, so logs and pipes stay clean."""

from __future__ import annotations

import sys
import time
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TaskProgressColumn, TextColumn, TimeRemainingColumn


class RunProgress:
    """Work done of `total` (bytes or characters), with articles, quotations and errors counted beside it."""

    def __init__(self, label: str, total: int | None, *, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self._task = self._progress.add_task(label, total=total or None, counts="")

    def __enter__(self) -> RunProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, done: int, *, articles: int, quotes: int, errors: int) -> None:
        if self._progress is None or self._task is None:
            return
        elapsed = max(time.monotonic() - self.started, 1e-6)
        counts = f"{articles:,} articles · {quotes:,} quotations · {errors:,} errors · {articles / elapsed:.1f}/s"
        self._progress.update(self._task, completed=done, counts=counts)

    def print(self, message: str) -> None:
        """A line above the bar (an error report), or plain on stderr without one."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            print(message, file=sys.stderr)
