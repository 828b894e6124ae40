"""Reading inputs as articles: files, folders and globs of text, HTML, JSON Lines, JSON, CSV, TSV and WARC.

Every command that takes inputs (`extract`, `ingest`, `show`) reads them here, so a file gives the same articles,
the same errors and the same messages whichever command reads it. A file's format is its name's (".gz" looked
through), else what its first bytes look like (standard input too), else `--format`'s for every input.

Everything is read lazily, one record at a time, so an archive of any size costs the memory of one record.
A record that cannot be read becomes a `BadRecord` (with its source, position and reason) and reading goes on
with the next one; only damage that leaves no way to find the next record (a truncated gzip stream) ends that
file, reported at the place it happened.

    QW101  no such file, folder or glob match        QW110  a record with no text (an empty file too)
    QW102  a folder with nothing to read in it
    QW103  binary where text should be               QW111  a JSON line or JSON file that does not parse
    QW104  not valid UTF-8 (or the given encoding)   QW112  a CSV or TSV row that cannot be read
    QW105  truncated or corrupt gzip data            QW120  a truncated or corrupt WARC record
    QW106  an article over the size limit            QW121  a WARC response that is not HTML (skipped)
    QW107  permission denied, QW108 other OS error   QW122  an HTTP error page, or a page with no article text
"""

from __future__ import annotations

import csv
import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import BadInput, ConfigError
from ..records import Article, BadRecord
from .dates import DATE_ORDERS, read_date
from .html import Page, error_page, looks_like_html, read_page
from .readers import (
    DEFAULT_MAX_BYTES,
    GZIP_MAGIC,
    SNIFF_BYTES,
    binary,
    check_encoding,
    decode,
    display_name,
    gunzip,
    looks_binary,
    read_bytes,
    too_large,
)

FORMATS = ("txt", "html", "jsonl", "json", "csv", "tsv", "warc")
SINGLE_ARTICLE = ("txt", "html")  # formats whose file is one article
_SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json", ".csv": "csv", ".tsv": "tsv", ".warc": "warc", ".arc": "warc",
}
ROLES = ("text", "id", "url", "date", "title", "outlet", "author", "status")
_HEAD_BYTES = 1 << 16  # what a format is told from
_EMPTY_FOLDER = "empty folder"  # what the plan says of a folder that holds nothing to read
_STDIN_AGAIN = "stdin again"  # and of standard input named a second time


def _default_fields() -> tuple[tuple[str, tuple[str, ...]], ...]:
    names = []
    for line in resources.files("quotewise").joinpath("resources/fields.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            role, candidates = line.split("\t")
            names.append((role, tuple(c.strip().lower() for c in candidates.split(","))))
    return tuple(names)


@dataclass(frozen=True, slots=True)
class Fields:
    """Which record field plays which role; a role given by the user is the only name tried for it."""

    names: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=_default_fields)

    def get(self, role: str) -> tuple[str, ...]:
        return dict(self.names).get(role, ())

    def with_choices(self, **chosen: str | None) -> Fields:
        picked = {role: (name.lower(),) for role, name in chosen.items() if name}
        return Fields(tuple((role, picked.pop(role, names)) for role, names in self.names) + tuple(picked.items()))


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: the same for every command that reads them.

    `format` reads every input as that format (None: by file name, else by content). `encoding` None means UTF-8,
    with a hint to pass --encoding when a file is not. `date_order` reads a numeric date such as 12/03/2024
    ("MDY", "DMY" or "YMD").
    """

    format: str | None = None
    fields: Fields = field(default_factory=Fields)
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    date_order: str = "MDY"

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ConfigError("QW213", f"format must be one of {', '.join(FORMATS)}, got {self.format!r}")
        if self.encoding is not None:
            check_encoding(self.encoding)
        if self.date_order not in DATE_ORDERS:
            raise ConfigError("QW213", f"date_order must be one of {', '.join(DATE_ORDERS)}, got {self.date_order!r}")
        if self.max_bytes <= 0:
            raise ConfigError("QW213", f"max_bytes must be above 0, got {self.max_bytes}")


class ArchiveReader:
    """The articles of every input in turn, and how far reading has got (`progress()` of `bytes_total`).

    `bad_dates` counts the articles whose date was given but could not be read (stored undated); `not_articles`
    the WARC requests, metadata and other records that are not responses.
    """

    def __init__(self, inputs: Sequence[str], options: ReadOptions | None = None) -> None:
        self.inputs = tuple(inputs)
        self.options = options or ReadOptions()
        self.not_articles = 0
        self.bad_dates = 0
        self._stdin: _Counting | None = None
        self._files = list(self._plan())
        sizes = [_size(path) if path != "-" else None for path, _ in self._files]
        self.bytes_total: int | None = None if None in sizes else sum(s or 0 for s in sizes)
        self._finished = 0
        self._current: _Counting | None = None

    @property
    def single_article(self) -> bool:
        """Whether the inputs are one file holding one article (so output can be one record, not a list)."""
        return (len(self.inputs) == 1 and len(self._files) == 1 and self._files[0][1] in SINGLE_ARTICLE
                and (self.inputs[0] == "-" or os.path.isfile(self.inputs[0])))

    @property
    def articles_total(self) -> int | None:
        """How many articles (or errors) reading will give, when that is known before reading: files of one
        article each."""
        one_each = (*SINGLE_ARTICLE, None, _EMPTY_FOLDER, _STDIN_AGAIN)  # an input that can't be read is one error
        if all(fmt in one_each for _, fmt in self._files):
            return len(self._files)
        return None

    def _plan(self) -> Iterator[tuple[str, str | None]]:
        """(path, format) for every file the inputs name; format None for an input that names nothing."""
        chosen = self.options.format
        for given in self.inputs:
            if given == "-":
                if self._stdin is not None:
                    yield given, _STDIN_AGAIN
                    continue
                self._stdin = _open("-")
                yield given, chosen or sniff(self._stdin.peek(_HEAD_BYTES)[:_HEAD_BYTES])
            elif os.path.isfile(given):
                yield given, chosen or file_format(given) or _sniff_file(given)
            elif os.path.isdir(given):
                found = sorted(_walk(given, every=chosen is not None))
                if not found:
                    yield given, _EMPTY_FOLDER
                for path in found:
                    yield path, chosen or file_format(path)
            else:
                matches = sorted(p for p in glob.glob(given, recursive=True) if os.path.isfile(p))
                if not matches:
                    yield given, None
                for path in matches:
                    yield path, chosen or file_format(path) or _sniff_file(path)

    def __iter__(self) -> Iterator[Article | BadRecord]:
        for path, fmt in self._files:
            if fmt is None:
                yield BadRecord(path, 0, "QW101", f"{path}: no such file, folder or glob match")
                continue
            if fmt == _STDIN_AGAIN:
                yield BadRecord(path, 0, "QW101", "-: standard input is named more than once; it is read once")
                continue
            if fmt == _EMPTY_FOLDER:
                kinds = ", ".join(sorted(_SUFFIXES))
                reason = f"{path}: a folder with no file to read in it (by name: {kinds}, gzipped or not)"
                yield BadRecord(path, 0, "QW102", f"{reason}; pass --input-format to read every file in it")
                continue
            yield from self._read_file(path, fmt)

    def _read_file(self, path: str, fmt: str) -> Iterator[Article | BadRecord]:
        found: Article | BadRecord
        if fmt in SINGLE_ARTICLE:
            try:
                found = self._one_article_file(path, fmt)
            except BadInput as err:
                found = BadRecord(path, 0, err.code, _reason(err))
            self._finished += _size(path)  # counted before it is handed on: progress() includes it
            yield found
            return
        try:
            with self._stdin if path == "-" and self._stdin else _open(path) as raw:
                self._current = raw
                yield from self._records(path, fmt, raw)
        except BadInput as err:
            yield BadRecord(path, 0, err.code, _reason(err))
        except OSError as exc:  # the disk or the network under it failed part way: the rest of the file is lost
            yield BadRecord(path, 0, "QW108", f"{display_name(path)}: cannot read on ({exc.strerror or exc})")
        finally:
            self._current = None
            self._finished += _size(path)

    def progress(self) -> int:
        """Bytes of input read so far (of the compressed file, for gzip), for a progress bar."""
        return self._finished + (self._current.position if self._current else 0)

    def _one_article_file(self, path: str, fmt: str) -> Article | BadRecord:
        max_bytes = self.options.max_bytes
        if path == "-" and self._stdin is not None:
            with self._stdin:
                data = self._stdin.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise too_large(display_name(path), max_bytes, "is larger than")
            data = gunzip(data, display_name(path), max_bytes) if data.startswith(GZIP_MAGIC) else data
        else:
            data = read_bytes(path, max_bytes)
        if fmt == "html":
            return self._html_article(path, 1, data, None, {}, display_name(path))
        return self._article(path, 1, decode(data, display_name(path), self.options.encoding), {})

    def _records(self, path: str, fmt: str, raw: _Counting) -> Iterator[Article | BadRecord]:
        gzipped = raw.peek(2).startswith(GZIP_MAGIC)
        stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if gzipped and fmt != "warc" else raw
        if fmt == "jsonl":
            records = self._json_lines(path, stream)
        elif fmt == "json":
            records = self._json_file(path, stream)
        elif fmt in ("csv", "tsv"):
            records = self._table(path, stream, "\t" if fmt == "tsv" else ",")
        else:
            records = self._warc(path, raw)
        last = 0
        try:
            for record in records:
                last = record.position
                yield record
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            # Reported just past the last record read: the first one lost.
            reason = f"{path}: truncated or corrupt gzip data after record {last} ({exc}); the rest is lost"
            yield BadRecord(path, last + 1, "QW105", reason)

    def _json_lines(self, path: str, stream: IO[bytes]) -> Iterator[Article | BadRecord]:
        max_bytes = self.options.max_bytes
        for number, line in enumerate(_lines(stream, max_bytes), start=1):
            if line is None:
                yield BadRecord(path, number, "QW106", f"{path}:{number}: a line over the {_mb(max_bytes)} limit")
                continue
            if not line.strip():
                continue
            if number == 1 and (listed := self._listed_records(line)) is not None:
                # A JSON document on one line that runs past what the format was told from: its articles.
                yield from self._records_of(path, listed)
                continue
            yield self._parsed_record(path, number, line)

    def _parsed_record(self, path: str, number: int, line: bytes) -> Article | BadRecord:
        try:
            record = json.loads(line.decode(self._encoding))
        except UnicodeDecodeError as exc:
            return BadRecord(path, number, "QW104", self._not_decoded(f"{path}:{number}", exc))
        except json.JSONDecodeError as exc:
            return BadRecord(path, number, "QW111", f"{path}:{number}: not a JSON line ({exc.msg}, column {exc.colno})")
        if not isinstance(record, dict):
            return BadRecord(path, number, "QW111", f"{path}:{number}: a JSON {type(record).__name__}, not an object")
        return self._record_article(path, number, record)

    def _json_file(self, path: str, stream: IO[bytes]) -> Iterator[Article | BadRecord]:
        max_bytes = self.options.max_bytes
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise too_large(path, max_bytes, "is larger than")
        try:
            document = json.loads(data.decode(self._encoding))
        except UnicodeDecodeError as exc:
            yield BadRecord(path, 0, "QW104", self._not_decoded(path, exc))
            return
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data":  # JSON Lines under a .json name
                yield from self._json_lines(path, io.BytesIO(data))
            else:
                yield BadRecord(path, 0, "QW111", f"{path}: not JSON ({exc.msg}, line {exc.lineno})")
            return
        records = _record_list(document)
        if records is None:
            yield BadRecord(path, 0, "QW111", f"{path}: expected an object or a list of objects")
            return
        yield from self._records_of(path, records)

    def _records_of(self, path: str, records: list[Any]) -> Iterator[Article | BadRecord]:
        for number, record in enumerate(records, start=1):
            if isinstance(record, dict):
                yield self._record_article(path, number, record)
            else:
                yield BadRecord(path, number, "QW111", f"{path}: record {number} is not an object")

    def _listed_records(self, line: bytes) -> list[Any] | None:
        """The records of a line that is a JSON object holding a list of them (`{"articles": [...]}`) and no text of
        its own, else None."""
        try:
            document = json.loads(line.decode(self._encoding))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None
        if not isinstance(document, dict) or _field(document, self.options.fields.get("text")) is not None:
            return None
        listed = _record_list(document)
        return listed if listed is not None and listed != [document] else None

    def _table(self, path: str, stream: IO[bytes], delimiter: str) -> Iterator[Article | BadRecord]:
        csv.field_size_limit(max(self.options.max_bytes, 1 << 20))
        encoding = self.options.encoding or "utf-8-sig"  # a spreadsheet's UTF-8 export starts with a BOM
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        rows = csv.reader(text, delimiter=delimiter)
        try:
            header = next(rows, None)
            if header is None:
                return
            names = [h.strip() for h in header]
            while True:
                start = rows.line_num + 1
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield BadRecord(path, start, "QW112", f"{path}:{start}: unreadable row ({exc})")
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(names):
                    reason = f"{path}:{start}: {len(row)} fields where the header has {len(names)}"
                    yield BadRecord(path, start, "QW112", reason)
                    continue
                yield self._record_article(path, start, dict(zip(names, row, strict=True)))
        except UnicodeDecodeError as exc:
            line = rows.line_num + 1
            yield BadRecord(path, line, "QW104", self._not_decoded(f"{path}:{line}", exc) + "; the rest is lost")

    def _warc(self, path: str, raw: _Counting) -> Iterator[Article | BadRecord]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        archive = ArchiveIterator(raw, check_digests=False)
        records = iter(archive)
        offset = 0
        while True:
            try:
                record = next(records, None)
            # warcio's errors for a cut or damaged record; AttributeError: one cut before its WARC-Target-URI.
            except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, AttributeError) as exc:
                offset = archive.offset  # where the damaged record starts
                reason = f"{path}@{offset}: truncated or corrupt WARC record ({exc}); the rest is lost"
                yield BadRecord(path, offset, "QW120", reason)
                return
            if record is None:
                # warcio ends quietly on a file cut inside a record's headers: bytes left over say so.
                if _size(path) - archive.offset > _WARC_SLACK:
                    offset = archive.offset
                    yield BadRecord(path, offset, "QW120", f"{path}@{offset}: truncated WARC record; the rest is lost")
                return
            # The body is read before asking for the offset: warcio reads a record through to find it.
            body = _warc_body(record, self.options.max_bytes)
            offset = archive.get_record_offset()
            if _cut(record, body, self.options.max_bytes):
                yield BadRecord(path, offset, "QW120", f"{path}@{offset}: truncated WARC record; the rest is lost")
                return
            if body is None:
                self.not_articles += 1
                continue
            yield self._warc_response(path, offset, record, body)

    def _warc_response(self, path: str, offset: int, record: Any, body: bytes) -> Article | BadRecord:
        uri = record.rec_headers.get_header("WARC-Target-URI")
        where = f"{path}@{offset}"
        kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
        if kind not in ("text/html", "application/xhtml+xml"):
            return BadRecord(path, offset, "QW121", f"{where}: {uri} is {kind or 'untyped'}, not HTML", uri, True)
        if len(body) > self.options.max_bytes:
            limit = _mb(self.options.max_bytes)
            return BadRecord(path, offset, "QW106", f"{where}: {uri} is over the {limit} limit", uri)
        # The crawl's date stands in only when the page gives none.
        known = {"status": record.http_headers.get_statuscode(), "crawled": record.rec_headers.get_header("WARC-Date")}
        return self._html_article(path, offset, body, uri, known, where)

    def _html_article(
        self, path: str, position: int, html: bytes | str, url: str | None, known: dict[str, Any], where: str
    ) -> Article | BadRecord:
        sample = html[:SNIFF_BYTES]
        if looks_binary(sample.decode("latin-1") if isinstance(sample, bytes) else sample):
            return BadRecord(path, position, "QW103", str(binary(where).message), url)
        ident = _text(known.get("id")) or url
        if (error := _error_status(known.get("status"), where)) is not None:
            return BadRecord(path, position, "QW122", error, ident)
        page = read_page(html if isinstance(html, str) else _decode_html(html, self.options.encoding), url)
        if not page.text:
            return BadRecord(path, position, "QW122", f"{where}: no article text in the page", ident)
        if error_page(page):
            return BadRecord(path, position, "QW122", f"{where}: an error page ({page.title!r}), not an article", ident)
        return self._article(path, position, page.text, known, page)

    def _record_article(self, path: str, number: int, record: dict[str, Any]) -> Article | BadRecord:
        values = {role: _field(record, self.options.fields.get(role)) for role in ROLES}
        text = values.pop("text")
        where = f"{path}:{number}"
        ident = _text(values.get("id")) or None
        if isinstance(text, list) and all(isinstance(t, str) for t in text):
            text = "\n".join(text)  # paragraphs given as a list
        if not isinstance(text, str) or not text.strip():
            tried = ", ".join(self.options.fields.get("text"))
            reason = f"{where}: no text (looked for a non-empty string in: {tried}); choose one with --text-field"
            return BadRecord(path, number, "QW110", reason, ident)
        if len(text) > self.options.max_bytes:
            limit = _mb(self.options.max_bytes)
            return BadRecord(path, number, "QW106", f"{where}: text over the {limit} limit", ident)
        if looks_binary(text[:SNIFF_BYTES]):
            return BadRecord(path, number, "QW103", f"{where}: binary data in the text field", ident)
        if (error := _error_status(values.get("status"), where)) is not None:
            return BadRecord(path, number, "QW122", error, ident)
        if looks_like_html(text):
            return self._html_article(path, number, text, _text(values.get("url")) or None, values, where)
        return self._article(path, number, text, values)

    def _article(
        self, path: str, position: int, text: str, values: dict[str, Any], page: Page | None = None
    ) -> Article | BadRecord:
        text = text[1:] if text.startswith("\ufeff") else text
        if not text.strip():
            where = f"{path}:{position}" if position > 1 else display_name(path)
            return BadRecord(path, position, "QW110", f"{where}: no text", _text(values.get("id")) or None)
        url = _text(values.get("url")) or (page.url if page else None) or None
        ident = _text(values.get("id")) or url or text_id(text)
        outlet = _text(values.get("outlet")) or (page.site if page else None) or _host(url)
        return Article(
            id=ident,
            text=text,
            source=path,
            position=position,
            url=url,
            outlet=outlet or None,
            title=_text(values.get("title")) or (page.title if page else None) or None,
            date=self._date(values.get("date"), page.date if page else None, values.get("crawled")),
            author=_text(values.get("author")) or (page.author if page else None) or None,
        )

    @property
    def _encoding(self) -> str:
        return self.options.encoding or "utf-8"

    def _not_decoded(self, where: str, exc: UnicodeDecodeError) -> str:
        reason = f"{where}: not valid {self._encoding} ({exc.reason})"
        return reason + ("; pass --encoding, e.g. --encoding cp1252" if self.options.encoding is None else "")

    def _date(self, *given: Any) -> str | None:
        """The first of the dates given (the record's, the page's, the crawl's) that can be read; when none can
        though one was given, the article is counted, so a run can say how many it stored undated."""
        for value in given:
            found = read_date(value, self.options.date_order)
            if found is not None:
                return found
        if any(value not in (None, "") for value in given):
            self.bad_dates += 1
        return None


def article_text(path: str, options: ReadOptions | None = None) -> str:
    """The text of the one article a text file holds, read as every command reads it (its offsets are the ones
    quotewise gives for it); a file that can't be read raises the BadInput its record says."""
    (found,) = ArchiveReader([path], replace(options or ReadOptions(), format="txt"))
    if isinstance(found, BadRecord):
        raise BadInput(found.code, found.reason)
    return found.text


def file_format(path: str) -> str | None:
    """The format a file name says (".gz" looked through), or None."""
    name = path.lower().removesuffix(".gz")
    fmt = _SUFFIXES.get(Path(name).suffix)
    if fmt is None and name.endswith(".warc"):
        fmt = "warc"
    return fmt


def sniff(head: bytes) -> str:
    """The format the first bytes of an input look like: WARC, JSON Lines, JSON, HTML, else text. (CSV can't be
    told from text: it goes by its name, or --format.)"""
    if head.startswith(GZIP_MAGIC):
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _HEAD_BYTES)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first, newline, rest = start.partition(b"\n")
        if not newline:  # one line: a JSON document, unless it runs on past the head (a long first record)
            return "jsonl" if len(head) >= _HEAD_BYTES else "json"
        try:
            one_per_line = isinstance(json.loads(first), dict) and bool(rest.strip())
        except ValueError:
            return "json"  # an object over several lines
        return "jsonl" if one_per_line else "json"
    if looks_like_html(start.decode("utf-8", "replace")):
        return "html"
    return "txt"


def text_id(text: str) -> str:
    """The id of an article that has neither id nor URL: its text's hash, so the same text is the same article."""
    return "sha256:" + text_hash(text)[:32]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Counting(io.BufferedReader):
    """A file that knows how far it has been read, for progress on compressed input too."""

    @property
    def position(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0


def _open(path: str) -> _Counting:
    if path == "-":
        try:
            return _Counting(io.FileIO(os.dup(sys.stdin.fileno()), "rb"), buffer_size=1 << 16)
        except (AttributeError, OSError, io.UnsupportedOperation):  # a stand-in stdin (a test's) has no descriptor
            return _Counting(sys.stdin.buffer, buffer_size=1 << 16)  # type: ignore[arg-type]
    try:
        return _Counting(io.FileIO(path, "rb"), buffer_size=1 << 16)
    except PermissionError:
        raise BadInput("QW107", f"{path}: permission denied") from None
    except OSError as exc:
        raise BadInput("QW108", f"{path}: cannot read ({exc.strerror or exc})") from None


_WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
_WARC_SLACK = 4  # the blank lines after a last record, which a copy may have lost without losing anything


def _warc_body(record: Any, max_bytes: int) -> bytes | None:
    """A response's payload (at most max_bytes + 1 of it); None for another record, whose content is skipped."""
    if record.rec_type != "response" or record.http_headers is None:
        while record.raw_stream.read(1 << 20):
            pass
        return None
    return record.content_stream().read(max_bytes + 1)


def _cut(record: Any, body: bytes | None, max_bytes: int) -> bool:
    """Whether the file ended inside this record: before its headers were whole, or before its declared length."""
    if record.rec_type is None or (record.rec_type == "response" and record.http_headers is None):
        return True
    if record.rec_type not in _WARC_TYPES and record.rec_headers.get_header("Content-Length") is None:
        return True  # cut inside its WARC-Type line ("respo")
    over = body is not None and len(body) > max_bytes  # stopped reading on purpose, not cut
    return not over and getattr(record.raw_stream, "limit", 0) > 0


def _walk(folder: str, *, every: bool) -> Iterator[str]:
    """The files in a folder, recursively, hidden ones left out; only those of a known format unless `every`."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            path = os.path.join(root, name)
            if not name.startswith(".") and (every or file_format(path)):
                yield path


def _sniff_file(path: str) -> str:
    """A named file of no known kind is read as what its first bytes look like (text, if it can't be opened:
    reading it then gives the error)."""
    try:
        with open(path, "rb") as f:
            return sniff(f.read(_HEAD_BYTES))
    except OSError:
        return "txt"


def _error_status(value: Any, where: str) -> str | None:
    """What is wrong with an HTTP status a crawler recorded (a number, or digits) other than 2xx; None for a
    success, or for a "status" field of another meaning ("published")."""
    text = str(value).strip() if value is not None and not isinstance(value, bool) else ""
    if not text.isdigit() or not 100 <= int(text) <= 599 or 200 <= int(text) < 300:
        return None
    return f"{where}: an HTTP {int(text)} response, not an article"


def _reason(err: BadInput) -> str:
    return f"{err.message}; {err.hint}" if err.hint else err.message


def _size(path: str) -> int:
    """A file's size, 0 for standard input or a file that can't be read."""
    try:
        return os.path.getsize(path) if path != "-" else 0
    except OSError:
        return 0


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Each line of `stream`; None for one longer than max_bytes, which is read through without being kept."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


def _decode_html(data: bytes, given: str | None) -> str:
    """HTML bytes as text: the encoding given, else the charset the page declares, else UTF-8, else
    Windows-1252 (what browsers assume)."""
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.I)
    tried = [given] if given else []
    for encoding in tried + ([declared[1].decode("ascii")] if declared else []) + ["utf-8", "cp1252"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _record_list(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("articles", "data", "items", "records", "results", "docs"):
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    return None


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", []):
            return value
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value if v)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("title"))
    return str(value).strip()


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # not a URL at all ("http://[broken"): no outlet from it
        return None
    return host.removeprefix("www.") or None


def _mb(max_bytes: int) -> str:
    return f"{max_bytes / 1_000_000:g} MB"
