"""The `quotewise` command: a thin shell over `quotewise.extract`, with reading and writing at the edges.

Bad inputs are reported one line each on stderr and skipped, so one unreadable file never costs a batch its
other results. Exit status: 0 all inputs succeeded, 1 any input failed (or the setup is wrong), 2 usage error,
130 interrupted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import click

from quotewise import BadInput, ConfigError
from quotewise.cli import corpus, web
from quotewise.cli.evaluate import evaluate
from quotewise.cli.options import config_failure, cues_option, model_option, scope_option
from quotewise.cli.progress import RunProgress
from quotewise.corpus.runner import Failure, Runner
from quotewise.io.readers import DEFAULT_MAX_BYTES, MB, check_encoding, read_text
from quotewise.io.writers import FORMATS, make_writer

_LONG_TEXT_CHARS = 300_000  # about ten seconds of parsing: longer runs show a progress bar on a terminal


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        # Ctrl-C ends any subcommand with the shell's 130 and no traceback or "Aborted!": output written so
        # far stays as it is.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            ctx.exit(130)


class _LazyOutput:
    """The -o file, opened (and truncated) only when the first result arrives.

    So a run whose inputs all fail leaves an existing OUT untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: TextIO | None = None

    def write(self, text: str) -> int:
        if self._file is None:
            try:
                # newline="": the csv module writes its own line endings.
                self._file = self.path.open("w", encoding="utf-8", newline="")
            except OSError as exc:
                raise click.FileError(str(self.path), exc.strerror) from None
        return self._file.write(text)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _check_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is None or str(value) == "-":
        return None
    if not value.parent.is_dir():
        raise click.BadParameter(f"directory '{value.parent}' does not exist")
    return value


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            check_encoding(value)
        except ConfigError as err:
            raise click.BadParameter(str(err)) from None
    return value


def _one_line(err: BadInput) -> str:
    return f"Error: {' '.join(str(err).splitlines())}"


def _total_size(files: tuple[str, ...]) -> int | None:
    """Roughly the characters ahead (bytes of plain files); None when a gzipped file or stdin hides it."""
    if any(f == "-" or f.endswith(".gz") for f in files):
        return None
    try:
        return sum(os.path.getsize(f) for f in files)
    except OSError:
        return None


@click.group(cls=_Group)
@click.version_option(package_name="quotewise")
def cli() -> None:
    """Who said what in news articles: quotations, their cues and their speakers."""


@cli.command(name="extract")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Output format. Default: table on a terminal, otherwise json for one FILE and jsonl for several.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    metavar="OUT",
    callback=_check_output,
    help="Write to OUT instead of stdout. An existing OUT is replaced only once the first result is ready.",
)
@model_option
@cues_option
@scope_option
@click.option(
    "--encoding",
    metavar="ENC",
    callback=_check_encoding,
    help="Decode inputs as ENC (e.g. cp1252). Default: UTF-8; a byte-order mark is skipped.",
)
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_BYTES // MB,
    metavar="N",
    show_default=True,
    help="Refuse inputs larger than this many megabytes (10^6 bytes, after gunzip).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    show_default=True,
    help="Extract in N worker processes (0: in this process). Pays off for many files or a long text.",
)
@click.pass_context
def extract_command(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    model: str | None,
    cues: str,
    scope: str,
    encoding: str | None,
    max_mb: float,
    workers: int,
) -> None:
    """Find the quotations in each FILE, with their cues and speakers.

    FILE is a text file, gzipped or not, or - for standard input. An input
    that cannot be read is reported on stderr and skipped; the exit status is
    then 1.

    Example:

    \b
        quotewise extract article.txt
        quotewise extract --format csv -o quotes.csv articles/*.txt.gz
        cat article.txt | quotewise extract --format json -
    """
    several = len(files) > 1
    if fmt is None:
        fmt = "table" if output is None and sys.stdout.isatty() else ("jsonl" if several else "json")
    stream = sys.stdout if output is None else _LazyOutput(output)
    writer = make_writer(fmt, stream, several=several)
    max_bytes = int(max_mb * MB)
    failed = False
    total = _total_size(files)
    done = articles = quotes = 0

    def readable_texts() -> Iterator[tuple[str, str]]:
        nonlocal failed
        for path in files:
            try:
                text = read_text(path, encoding=encoding, max_bytes=max_bytes)
            except BadInput as err:
                bar.print(_one_line(err))
                failed = True
                continue
            yield path, text

    def advance(chars: int) -> None:
        nonlocal done
        done += chars
        bar.update(done, articles=articles, quotes=quotes, errors=int(failed))

    long_run = several or total is None or total > _LONG_TEXT_CHARS
    try:
        with RunProgress("Extracting", total, enabled=long_run and sys.stderr.isatty()) as bar, \
                Runner(workers=workers, model=model, cues=cues, scope=scope, on_progress=advance) as runner:
            for path, outcome in runner.map(readable_texts()):
                if isinstance(outcome, Failure):
                    bar.print(f"Error: [{outcome.code}] {path}: {outcome.reason}")
                    failed = True
                    continue
                writer.write(path, outcome)
                articles += 1
                quotes += len(outcome.quotes)
        writer.close()
    except ConfigError as err:
        raise config_failure(err) from None
    finally:
        if isinstance(stream, _LazyOutput):
            stream.close()
    ctx.exit(1 if failed else 0)


cli.add_command(evaluate)
for _command in (*corpus.COMMANDS, *web.COMMANDS):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the `quotewise` console script."""
    cli(prog_name="quotewise")
