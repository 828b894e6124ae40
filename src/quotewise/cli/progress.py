"""The progress display of a run on stderr: what it waits for, how far it is, how fast it goes.

The bar counts what is finished, never what was merely read: articles done of the articles ahead when that is
known before reading (files of one article each), else the bytes of input the finished articles came from. A long
text shows its chunks parsed of its chunks beside it. The counts and the rate are worked out each time the
display redraws (several times a second), so they move even while no article finishes.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console, RenderableType
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column
from rich.text import Text

REFRESH_PER_SECOND = 4


class _Counts(ProgressColumn):
    """Articles, quotations, errors and articles per second, from the task's fields at each redraw."""

    def render(self, task: Task) -> Text:
        if "articles" not in task.fields:
            return Text("")
        elapsed = task.elapsed or 0.0
        rate = task.fields["articles"] / elapsed if elapsed > 0 else 0.0
        return Text(f"{_count(task.fields['articles'], 'article')} · {_count(task.fields['quotes'], 'quotation')} · "
                    f"{_count(task.fields['errors'], 'error')} · {rate:.1f} articles/s")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


class RunProgress:
    """Articles done (or bytes of input behind them) of `total`, with counts, rate and time left.

    `unit` is "articles" or "bytes"; a `total` of None leaves the bar open-ended. Disabled, it draws nothing
    and `print` writes plain lines to stderr, so logs and pipes stay clean.
    """

    def __init__(
        self, label: str, total: int | None, *, unit: str = "articles", enabled: bool = True,
        console: Console | None = None,
    ) -> None:
        self.label = label
        self._console = console or Console(stderr=True)
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._chunks: dict[object, TaskID] = {}
        if enabled:
            done = MofNCompleteColumn() if unit == "articles" else DownloadColumn()
            self._progress = Progress(
                TextColumn("{task.description}"), BarColumn(), done, _Counts(table_column=Column(no_wrap=True)),
                TimeElapsedColumn(),
                TimeRemainingColumn(), console=self._console, refresh_per_second=REFRESH_PER_SECOND,
                redirect_stdout=False, redirect_stderr=False,
            )
            self._task = self._progress.add_task(label, total=total, articles=0, quotes=0, errors=0)

    def __enter__(self) -> RunProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def status(self, text: str) -> None:
        """What the run is doing or waiting for, shown before the bar ("loading the spaCy pipeline")."""
        if self._progress is not None and self._task is not None:
            shown = self.label if text == "extracting" else f"{self.label} ({text})"
            self._progress.update(self._task, description=shown)

    def update(self, done: int, *, articles: int, quotes: int, errors: int) -> None:
        """Where the bar is (articles, or bytes of input behind the finished articles) and the counts so far."""
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, articles=articles, quotes=quotes, errors=errors)
            if articles or errors:  # what it waited for has come
                self._progress.update(self._task, description=self.label)

    def chunks(self, key: object, done: int, total: int) -> None:
        """A long text's chunks parsed of its chunks, on a line of its own while it is parsed (`key` tells the
        texts apart: with several workers two may be in parse at once)."""
        if self._progress is None or total <= 1:
            return
        task = self._chunks.get(key)
        if task is None:
            task = self._chunks[key] = self._progress.add_task("  long text, chunks", total=total)
            if self._task is not None:  # its first chunk is parsed: nothing is being waited for now
                self._progress.update(self._task, description=self.label)
        self._progress.update(task, completed=done, total=total)
        if done >= total:
            self._progress.remove_task(task)
            del self._chunks[key]

    def renderable(self) -> RenderableType:
        """The display as it would be drawn now (for a test or a screenshot)."""
        assert self._progress is not None
        return self._progress.get_renderable()

    def print(self, message: str) -> None:
        """A line above the bar (an error report), or plain on stderr without one."""
        self._console.print(message, markup=False, highlight=False, emoji=False, soft_wrap=True)
