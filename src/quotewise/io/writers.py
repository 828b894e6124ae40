"""Writing results as a table, JSON, JSON Lines or CSV, an article at a time and a part at a time.

A writer hears of each article as extraction passes it on: `start`, then its quotations in one or more parts
(`add`), then its people (`finish`). A long text's parts are written as they come, so its quotations are never
all held; the short articles most inputs hold come as one part (`write`). Each article is flushed when it ends,
so an interrupted batch keeps every finished article. Nothing is written before the first article, and `close`
only finishes what was started: a run in which every input failed writes nothing at all.

JSON uses the field names of `ArticleResult.to_dict`; a batch's records also carry the article's metadata
(`quotewise.rows.article_fields`: article_id, source, position, url, ...), "source" being the input as the user
named it ("-" for stdin). CSV has the one flat row of `quotewise.rows`, the same columns `export` writes.
"""

from __future__ import annotations

import csv
import json
from abc import ABC, abstractmethod
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..records import Article, ArticleResult, Person, Quote
from ..rows import QUOTATION_COLUMNS, article_fields, counted_gender, genders_of, quotation_row, text_cell
from .spool import QuoteSpool

_SLOT = "\x00quotes\x00"  # where a record's quotations go, in its dump
TABLE_QUOTE_CHARS = 80
TABLE_ROWS = 500  # a long text's table is printed in tables of this many rows, as its parts come


class Writer(ABC):
    """Base class: for each article in order `start`, `add` (any number of times) and `finish`; then `close`,
    which does not close the stream.

    `several` says whether the run reads more than one article, which decides the shape of some formats (a JSON
    array instead of one object, a heading per table): the shape follows the inputs, not how many succeeded.
    """

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        self.stream = stream
        self.several = several

    @abstractmethod
    def start(self, article: Article) -> None: ...

    @abstractmethod
    def add(self, quotes: tuple[Quote, ...]) -> None: ...

    @abstractmethod
    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        """The article's people; `error` when extraction gave up part way (its record ends with what came)."""

    def write(self, article: Article, result: ArticleResult) -> None:
        """A whole article at once."""
        self.start(article)
        self.add(result.quotes)
        self.finish(result.people)

    def close(self) -> None:
        self.stream.flush()


class TableWriter(Writer):
    """A human-readable table per article: who said it, as what, and the start of the quotation."""

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        # Cells are Text, never markup strings: a quotation containing "[b]" or ":smile:" prints as written.
        self.console = Console(file=stream, markup=False, emoji=False, highlight=False)
        self._title: Text | None = None
        self._rows: list[Quote] = []
        self._printed = False

    def start(self, article: Article) -> None:
        self._title = Text(article.source if article.position <= 1 else f"{article.source}:{article.position}")
        self._rows, self._printed = [], False

    def add(self, quotes: tuple[Quote, ...]) -> None:
        self._rows.extend(quotes)
        if len(self._rows) >= TABLE_ROWS:
            self._print()

    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        if error is not None:
            self._print(caption=f"extraction gave up here: {error}")
        elif self._rows or not self._printed:
            self._print(caption=None if self._rows or self._printed else "no quotations found")
        self.stream.flush()

    def _print(self, caption: str | None = None) -> None:
        table = Table(title=self._title if self.several and not self._printed else None, caption=caption,
                      show_header=not self._printed)
        table.add_column("Speaker", max_width=24)
        table.add_column("Title", max_width=24)
        table.add_column("Type", no_wrap=True)
        table.add_column("Quote", ratio=1, overflow="fold")
        for q in self._rows:
            speaker = q.speaker_name or (q.speaker.text if q.speaker else "(unknown)")
            table.add_row(Text(speaker), Text(q.speaker_title or ""), q.type, Text(shorten(q.words)))
        self.console.print(table)
        self._rows, self._printed = [], True


class _JsonRecords(Writer):
    """An article's record written as it comes: exactly what `json.dumps` makes of the whole record, but its
    quotations written one by one between the rest, which is dumped around a placeholder."""

    indent: int | None = None
    lead = ""  # what every line of a record but its first starts with (an array element's indent)

    def start(self, article: Article) -> None:
        self._head = article_fields(article) if self.several else {}
        text = _dumps({**self._head, "quotes": _SLOT}, self.indent)
        before = text[: text.index(_dumps(_SLOT))]
        self._pad = before.rsplit("\n", 1)[-1].removesuffix('"quotes": ')  # the indent of the "quotes" key
        self._count = 0
        self._emit(before + "[")

    def add(self, quotes: tuple[Quote, ...]) -> None:
        for q in quotes:
            item = _dumps(q.to_dict(), self.indent)
            if self.indent:
                inner = self._pad + " " * self.indent
                item = "\n" + inner + item.replace("\n", "\n" + inner)
            elif self._count:
                item = " " + item
            self._emit(("," if self._count else "") + item)
            self._count += 1

    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        record: dict[str, Any] = {**self._head, "quotes": _SLOT, "people": [p.to_dict() for p in people]}
        if error is not None:
            record["error"] = error
        text = _dumps(record, self.indent)
        after = text[text.index(_dumps(_SLOT)) + len(_dumps(_SLOT)):]
        self._emit(("\n" + self._pad + "]" if self.indent and self._count else "]") + after)

    def _emit(self, text: str) -> None:
        self.stream.write(text.replace("\n", "\n" + self.lead) if self.lead else text)


class JsonWriter(_JsonRecords):
    """One article: exactly `{"quotes": [...], "people": [...]}`. Several: an array of those with their
    metadata, streamed element by element, so a crash mid-batch keeps every finished article."""

    indent = 2

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        self.started = False

    def start(self, article: Article) -> None:
        if self.several:
            self.stream.write(",\n  " if self.started else "[\n  ")
            self.lead = "  "
        self.started = True
        super().start(article)

    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        super().finish(people, error)
        if not self.several:
            self.stream.write("\n")
        self.stream.flush()

    def close(self) -> None:
        if self.several and self.started:
            self.stream.write("\n]\n")
        super().close()


class JsonlWriter(_JsonRecords):
    """One line per article, with its metadata: the format for batches and for appending to a log."""

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=True)  # a line always says which article it is

    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        super().finish(people, error)
        self.stream.write("\n")
        self.stream.flush()


class CsvWriter(Writer):
    """One row per quotation: `quotewise.rows.QUOTATION_COLUMNS`, the columns `export --format csv` writes.

    A row holds its speaker's counted gender, known from the article's people; a long text's parts are spooled
    to disk until its people come with the last one.
    """

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        self.rows = csv.writer(stream)
        self.started = False
        self._article: Article | None = None
        self._spool: QuoteSpool | None = None

    def write(self, article: Article, result: ArticleResult) -> None:
        self._rows(article, [result.quotes], result.people)

    def start(self, article: Article) -> None:
        self._article = article
        self._spool = QuoteSpool()

    def add(self, quotes: tuple[Quote, ...]) -> None:
        assert self._spool is not None
        self._spool.add(quotes)

    def finish(self, people: tuple[Person, ...], error: str | None = None) -> None:
        """The spooled rows, now that their genders are known; none for an article extraction gave up on (a row
        per quotation has nowhere to say the article stops short)."""
        assert self._article is not None and self._spool is not None
        with self._spool as spool:
            if error is None:
                self._rows(self._article, spool, people)
        self._spool = None

    def _rows(self, article: Article, parts: Any, people: tuple[Person, ...]) -> None:
        if not self.started:
            self.rows.writerow(QUOTATION_COLUMNS)
            self.started = True
        genders = genders_of(people)
        n = 0
        for part in parts:
            for q in part:
                row = quotation_row(article, n, q, counted_gender(q, genders))
                self.rows.writerow(["" if row[c] is None else text_cell(row[c]) for c in QUOTATION_COLUMNS])
                n += 1
        self.stream.flush()


WRITERS: dict[str, type[Writer]] = {
    "table": TableWriter,
    "json": JsonWriter,
    "jsonl": JsonlWriter,
    "csv": CsvWriter,
}
FORMATS = tuple(WRITERS)


def make_writer(fmt: str, stream: TextIO, *, several: bool = False) -> Writer:
    """The writer for `fmt` (one of `FORMATS`) over `stream`."""
    return WRITERS[fmt](stream, several=several)


def shorten(text: str, width: int = TABLE_QUOTE_CHARS) -> str:
    """`text` on one line, cut to at most `width` characters with "…" where it was cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _dumps(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)
