"""The `quotewise` command: a thin shell over the library, with reading and writing at the edges.

Bad inputs are reported one line each on stderr and skipped, so one unreadable file never costs a batch its
other results. Exit status: 0 all inputs succeeded, 1 any input failed (or the setup is wrong), 2 usage error,
130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from quotewise import ConfigError
from quotewise.cli import corpus, corrections, web
from quotewise.cli.evaluate import evaluate
from quotewise.cli.options import (
    config_failure,
    extract_options,
    extraction_flags,
    input_flags,
    progress_option,
    read_options,
)
from quotewise.cli.progress import RunProgress
from quotewise.io.archives import ArchiveReader
from quotewise.io.batch import Counts, extract_to
from quotewise.io.writers import FORMATS, make_writer
from quotewise.runner import Runner, stop_helper_processes


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


def _one_line(message: str) -> str:
    return f"Error: {' '.join(message.splitlines())}"


@click.group(cls=_Group)
@click.version_option(package_name="quotewise")
def cli() -> None:
    """Who said what in news articles: quotations, their cues and their speakers."""


@cli.command(name="extract")
@click.argument("files", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Output format. Default: table on a terminal, otherwise json for one article and jsonl for several.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True, path_type=Path),
    metavar="OUT",
    callback=_check_output,
    help="Write to OUT instead of stdout. An existing OUT is replaced only once the first result is ready.",
)
@extraction_flags
@input_flags
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    metavar="N",
    show_default=True,
    help="Extract in N worker processes (0: in this process). Pays off for many articles or a long text.",
)
@progress_option
@click.pass_context
def extract_command(
    ctx: click.Context, files: tuple[str, ...], fmt: str | None, output: Path | None, workers: int,
    progress: bool | None, **params: Any,
) -> None:
    """Find the quotations in each article of INPUT..., with their cues and speakers.

    INPUT is what `ingest` reads: a text or HTML file, a JSON Lines, JSON, CSV, TSV or WARC archive (each
    gzipped or not), a folder, a glob, or - for standard input; each gives the articles `ingest` would store.
    A record that cannot be read is reported on stderr and skipped; the exit status is then 1.

    Example:

    \b
        quotewise extract article.txt
        quotewise extract --format csv -o quotes.csv articles/*.txt.gz
        quotewise extract --format jsonl crawl.warc.gz > quotes.jsonl
        cat page.html | quotewise extract --format json -
    """
    options = extract_options(params)
    reader = ArchiveReader(files, read_options(params))
    several = not reader.single_article
    to_terminal = output is None and sys.stdout.isatty()
    if fmt is None:
        fmt = "table" if to_terminal else ("jsonl" if several else "json")
    stream: TextIO | _LazyOutput = sys.stdout if output is None else _LazyOutput(output)
    writer = make_writer(fmt, stream, several=several)  # type: ignore[arg-type]
    total = reader.articles_total
    unit = "articles" if total is not None else "bytes"
    shown = sys.stderr.isatty() and not to_terminal if progress is None else progress

    read_so_far = 0  # bytes of input behind the articles finished

    def done(counts: Counts, read: int | None) -> None:
        nonlocal read_so_far
        read_so_far = read_so_far if read is None else read
        position = counts.articles + counts.failed if unit == "articles" else read_so_far
        bar.update(position, articles=counts.articles, quotes=counts.quotes, errors=counts.failed)

    try:
        with RunProgress("Extracting", total if unit == "articles" else reader.bytes_total, unit=unit,
                         enabled=shown) as bar, \
                Runner(options, workers=workers, on_status=bar.status,
                       on_piece=bar.chunks) as runner:
            counts = extract_to(reader, runner, writer, on_bad=lambda message: bar.print(_one_line(message)),
                                on_done=done)
    except ConfigError as err:
        raise config_failure(err) from None
    except OSError as exc:  # the output can't be written (a full disk, a closed pipe): what was written stays
        raise click.ClickException(f"{exc.filename or 'output'}: {exc.strerror or exc}") from None
    finally:
        if isinstance(stream, _LazyOutput):
            stream.close()
    ctx.exit(1 if counts.failed else 0)


cli.add_command(evaluate)
for _command in (*corpus.COMMANDS, *web.COMMANDS):
    cli.add_command(_command)
for _command in (corpus.possible_same_command, *corrections.COMMANDS):
    corpus.speakers_command.add_command(_command)


def main() -> None:
    """Entry point of the `quotewise` console script."""
    try:
        cli(prog_name="quotewise")
    finally:
        stop_helper_processes()
