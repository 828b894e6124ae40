"""Writing results as a table, JSON, JSON Lines or CSV, one article at a time.

A writer gets each article's result as soon as it is done and flushes it, so an interrupted batch keeps
every finished article. Nothing is written before the first result, and `close` only finishes what was
started: a run in which every input failed writes nothing at all.

Every format uses the field names of `ArticleResult.to_dict`; batch formats add "source", the input as the
user named it ("-" for stdin).
"""

from __future__ import annotations

import csv
import json
import textwrap
from abc import ABC, abstractmethod
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..records import ArticleResult

CSV_COLUMNS = (
    "source",
    "start",
    "end",
    "type",
    "text",
    "cue",
    "speaker",
    "speaker_name",
    "speaker_kind",
    "speaker_title",
    "speaker_org",
    "confidence",
    "evidence",
    "cue_kind",
)
TABLE_QUOTE_CHARS = 80


class Writer(ABC):
    """Base class: `write` once per input in order, then `close` (which does not close the stream).

    `several` says whether the run has more than one input, which decides the shape of some formats (a JSON
    array instead of one object, a heading per table): the shape follows the command line, not how many
    inputs happened to succeed.
    """

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        self.stream = stream
        self.several = several

    @abstractmethod
    def write(self, source: str, result: ArticleResult) -> None: ...

    def close(self) -> None:
        self.stream.flush()


class TableWriter(Writer):
    """A human-readable table per article: who said it, as what, and the start of the quotation."""

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        # Cells are Text, never markup strings: a quotation containing "[b]" or ":smile:" prints as written.
        self.console = Console(file=stream, markup=False, emoji=False, highlight=False)

    def write(self, source: str, result: ArticleResult) -> None:
        table = Table(
            title=Text(source) if self.several else None,
            caption=None if result.quotes else "no quotations found",
        )
        table.add_column("Speaker", max_width=24)
        table.add_column("Title", max_width=24)
        table.add_column("Type", no_wrap=True)
        table.add_column("Quote", ratio=1, overflow="fold")
        for q in result.quotes:
            speaker = q.speaker_name or (q.speaker.text if q.speaker else "(unknown)")
            table.add_row(Text(speaker), Text(q.speaker_title or ""), q.type, Text(shorten(q.words)))
        self.console.print(table)
        self.stream.flush()


class JsonWriter(Writer):
    """One input: exactly `{"quotes": [...], "people": [...]}`. Several: an array of those with "source".

    The array is streamed element by element, so a crash mid-batch keeps every finished article.
    """

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        self.started = False

    def write(self, source: str, result: ArticleResult) -> None:
        if not self.several:
            self.stream.write(_dumps(_record(result), indent=2) + "\n")
        else:
            self.stream.write(",\n" if self.started else "[\n")
            self.stream.write(textwrap.indent(_dumps(_record(result, source), indent=2), "  "))
        self.started = True
        self.stream.flush()

    def close(self) -> None:
        if self.several and self.started:
            self.stream.write("\n]\n")
        super().close()


class JsonlWriter(Writer):
    """One line per input, each with "source": the format for batches and for appending to a log."""

    def write(self, source: str, result: ArticleResult) -> None:
        self.stream.write(_dumps(_record(result, source)) + "\n")
        self.stream.flush()


class CsvWriter(Writer):
    """One row per quotation; cue and speaker are flattened to their text (their offsets are in the JSON)."""

    def __init__(self, stream: TextIO, *, several: bool = False) -> None:
        super().__init__(stream, several=several)
        self.rows = csv.writer(stream)
        self.started = False

    def write(self, source: str, result: ArticleResult) -> None:
        if not self.started:
            self.rows.writerow(CSV_COLUMNS)
            self.started = True
        for q in result.quotes:
            row = q.to_dict()
            row["source"] = source
            row["text"] = q.words  # a split quotation's pieces, not the cue between them
            row["cue"] = q.cue.text if q.cue else None
            row["speaker"] = q.speaker.text if q.speaker else None
            self.rows.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
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


def _record(result: ArticleResult, source: str | None = None) -> dict[str, Any]:
    # The schema is exactly {"quotes", "people"}, plus "source" only where the format names the input.
    record: dict[str, Any] = {} if source is None else {"source": source}
    data = result.to_dict()
    record["quotes"] = data["quotes"]
    record["people"] = data["people"]
    return record


def _dumps(data: dict[str, Any], indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)
