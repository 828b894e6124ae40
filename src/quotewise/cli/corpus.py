"""The corpus commands: `ingest` an archive into a store, then `search`, `speakers`, `stats` and `export` it."""

from __future__ import annotations

import csv
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, get_args

import click
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..corpus import queries
from ..corpus.ingest import Tally, ingest_run
from ..corpus.store import Store
from ..errors import ConfigError, QuotewiseError
from ..io.archives import ArchiveReader
from ..io.corrections_file import read_corrections
from ..io.exports import EXPORT_FORMATS, FOLDER_FORMATS, write_articles, write_speakers, write_table
from ..io.exports import TABLE_FORMATS as EXPORT_TABLES
from ..io.writers import shorten
from ..options import ExtractOptions
from ..pipeline import installed_model
from ..records import BadRecord, SpeakerKind
from ..runner import Runner
from .options import (
    config_failure,
    extract_options,
    extraction_flags,
    input_flags,
    progress_option,
    read_options,
)
from .progress import RunProgress

TABLE_FORMATS = ("table", "json", "csv")

db_option = click.option(
    "--db",
    metavar="PATH_OR_URL",
    help="The store: a SQLite file, or a postgresql:// URL. Default: $QUOTEWISE_DB, else quotewise.db.",
)
format_option = click.option(
    "-f", "--format", "fmt", type=click.Choice(TABLE_FORMATS), default=None,
    help="Output format. Default: table on a terminal, else json.",
)
count_option = click.option(
    "--count", "count", type=click.Choice(queries.COUNTS), default=queries.STATEMENTS, show_default=True,
    help="What is counted: statements (a wire story republished by several outlets is one) or appearances "
         "(every quotation).",
)
_FILTERS: list[Callable[[Any], Any]] = [
    click.option("--speaker", metavar="NAME", help="Quotations by this speaker (full name, or one word of it)."),
    click.option("--org", metavar="ORG", help="Quotations by speakers of this organisation."),
    click.option("--kind", type=click.Choice(list(get_args(SpeakerKind))),
                 help="The speaker's kind."),
    click.option("--type", "quote_type", type=click.Choice(["direct", "indirect", "mixed"]), help="Quotation type."),
    click.option("--outlet", metavar="X", help="Articles of this outlet (site name)."),
    click.option("--since", metavar="DATE", help="Articles dated on or after DATE (YYYY-MM-DD)."),
    click.option("--until", metavar="DATE", help="Articles dated on or before DATE (YYYY-MM-DD)."),
    click.option("--gender", type=click.Choice(["female", "male", "unknown", queries.NOT_A_PERSON]),
                 help="The speaker's gender, from the article's evidence or a name list alike ('not a person' "
                      "for groups and organisations)."),
]


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_FILTERS):
        command = option(command)
    return command


def _filters(params: dict[str, Any]) -> queries.Filters:
    for name in ("since", "until"):
        value = params.get(name)
        if value and not _is_date(value):
            raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", param_hint=f"--{name}")
    return queries.Filters(
        speaker=params.get("speaker"), org=params.get("org"), kind=params.get("kind"), type=params.get("quote_type"),
        outlet=params.get("outlet"), since=params.get("since"), until=params.get("until"),
        gender=params.get("gender"),
    )


def _is_date(value: str) -> bool:
    parts = value.split("-")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4


def _open(db: str | None) -> Store:
    try:
        return Store.open(db, read_only=True)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None


def _emit(rows: list[dict[str, Any]], fmt: str | None, columns: Sequence[str], table: Table) -> None:
    fmt = fmt or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        Console().print(table)


@click.command(name="ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@db_option
@click.option("--workers", type=click.IntRange(min=0), metavar="N",
              help="Worker processes for extraction. Default: one per core; 0 extracts in this process.")
@click.option("--dask", metavar="ADDRESS|local[:N]",
              help="Extract on a Dask cluster: a scheduler address, or 'local' for a LocalCluster of N workers.")
@click.option("--corrections", "corrections_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Apply these corrections of speaker identities first and keep them for later ingests "
                   "(JSON Lines, as `quotewise speakers corrections` writes them).")
@input_flags
@extraction_flags
@progress_option
@click.pass_context
def ingest_command(ctx: click.Context, inputs: tuple[str, ...], db: str | None, workers: int | None,
                   dask: str | None, corrections_file: Path | None, progress: bool | None, **params: Any) -> None:
    """Extract every article in INPUT... into the store, skipping what it already holds.

    INPUT is a file, a folder (read recursively) or a glob: .txt, .html, .jsonl, .json, .csv, .tsv, .warc,
    each optionally gzipped, or - for standard input (its format told from its first bytes). A bad record is
    reported, stored in the errors table and skipped; the exit status is then 1. Rerunning the same command
    after an interruption picks up where it stopped.

    \b
        quotewise ingest articles/
        quotewise ingest --db corpus.db --text-field body export.csv
        quotewise ingest --db postgresql://me@db/news --dask local:4 crawl/*.warc.gz
    """
    options = extract_options(params)
    try:
        installed_model(options.model)  # before the store is made: a missing pipeline is the first thing said
        reader = ArchiveReader(inputs, read_options(params))
        found = read_corrections(corrections_file) if corrections_file else []
        store = Store.open(db)
        if found:
            store.correct(found)
    except ConfigError as err:
        raise config_failure(err) from None
    started = time.monotonic()
    tally = ingest_shown(reader, store, options, workers=(os.cpu_count() or 1) if workers is None else workers,
                         dask=dask, shown=sys.stderr.isatty() if progress is None else progress)
    click.echo(_summary(tally, store.location, time.monotonic() - started), err=True)
    ctx.exit(1 if tally.failed else 0)


def ingest_shown(reader: ArchiveReader, store: Store, options: ExtractOptions, *, workers: int,
                 dask: str | None = None, shown: bool) -> Tally:
    """An ingest run with its progress display and error lines on stderr, its failures as one-line errors."""
    total = reader.articles_total
    unit = "articles" if total is not None else "bytes"
    with RunProgress("Ingesting", total if unit == "articles" else reader.bytes_total, unit=unit,
                     enabled=shown) as bar:

        def show(counts: Tally) -> None:
            finished = counts.extracted + counts.unchanged
            done = finished + counts.failed + counts.skipped + counts.repeated if unit == "articles" else counts.read
            bar.update(done, articles=finished, quotes=counts.found, errors=counts.failed)

        def report(record: BadRecord) -> None:
            bar.print(f"Error: [{record.code}] {record.reason}")

        try:
            with Runner(options, workers=workers, dask=dask, on_status=bar.status,
                        on_piece=bar.chunks) as runner:
                return ingest_run(reader, store, runner, shlex.join(["quotewise", *sys.argv[1:]]),
                                  on_bad=report, on_update=show)
        except ConfigError as err:
            raise config_failure(err) from None
        except QuotewiseError as err:
            raise click.ClickException(str(err)) from None


def _summary(tally: Tally, where: str, seconds: float) -> str:
    rate = tally.written / seconds if seconds else 0.0
    text = (f"Ingested {tally.articles:,} articles into {where} in {seconds:.1f} s: {tally.written:,} new or changed "
            f"({rate:.1f} articles/s), {tally.unchanged:,} unchanged, {tally.quotes:,} quotations found.")
    if tally.failed:
        text += f" {tally.failed:,} records failed and were skipped (see the store's errors table)."
    if tally.repeated:
        text += f" {tally.repeated:,} records repeated the id of a later one, which replaced them."
    if tally.skipped:
        text += f" {tally.skipped:,} records were not articles (non-HTML WARC responses) and were passed over."
    if tally.bad_dates:
        text += (f" {tally.bad_dates:,} articles had a date that could not be read and were stored undated"
                 " (see --date-order and docs/corpus.md).")
    return text




class _QueryCommand(click.Command):
    """A command whose arguments are the words of a query, among its options: the options (and their values) are
    set apart first and the rest is the query, so that -water and -"a phrase" exclude words instead of being read
    as options (-flood is not -f lood). An option is spelled whole (-f json, --since 2022 or --since=2022)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        values: dict[str, int] = {}  # each spelling of an option, and how many values follow it
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    values[name] = 0 if param.is_flag or param.count else param.nargs
        options: list[str] = []
        words: list[str] = []
        rest = iter(args)
        for arg in rest:
            if arg == "--":
                words.extend(rest)
            elif arg in values:
                taken = list(islice(rest, values[arg]))
                if len(taken) < values[arg]:  # else click would take the "--" below for the missing value
                    wanted = "an argument" if values[arg] == 1 else f"{values[arg]} arguments"
                    raise click.BadOptionUsage(arg, f"Option {arg!r} requires {wanted}.", ctx=ctx)
                options += [arg, *taken]
            elif arg.startswith("--"):  # --since=2022, or an option that doesn't exist, for click to name
                options.append(arg)
            else:
                words.append(arg)
        return super().parse_args(ctx, [*options, "--", *words])


@click.command(name="search", cls=_QueryCommand)
@click.argument("query", nargs=-1, metavar="[QUERY]...")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most N results.")
@count_option
@format_option
def search_command(query: tuple[str, ...], db: str | None, limit: int, count: str, fmt: str | None,
                   **params: Any) -> None:
    """Quotations matching QUERY, best first, with speaker, outlet, date and article.

    One result per statement (its first appearance in that order), with its appearances and the other articles
    it is in; --count appearances lists every quotation.

    QUERY is every word on the line that is not an option: all must match (stemmed), "an exact phrase" (quoted
    for the shell too), wat* for words that begin so, OR between terms, -word or NOT word to leave one out,
    (parentheses) to group. AND (or a space) binds tighter than OR; only capitals are operators. A query of
    exclusions only finds the quotations without them. Without QUERY, the newest quotations the filters keep.
    The whole syntax: docs/corpus.md.

    \b
        quotewise search rates --speaker "Ana Ruiz"
        quotewise search water AND lead -flood
        quotewise search '"state of emergency"' OR curfew --since 2022-02 --format csv
    """
    store = _open(db)
    try:
        rows = queries.search(store, " ".join(query) or None, _filters(params), limit=limit, count=count)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    table = Table("speaker", "quotation", "outlet", "date", "article", "also in",
                  title=f"{len(rows)} {'statements' if count == queries.STATEMENTS else 'quotations'}")
    for row in rows:
        who = ", ".join(x for x in (row["speaker_name"] or "(unknown)", row["speaker_title"], row["speaker_org"]) if x)
        also = f"{row['also_articles']} articles" if row["also_articles"] else ""
        table.add_row(who, f"[{row['type']}] {shorten(row['text'], 100)}", row["outlet"] or "", row["date"] or "",
                      shorten(row["title"] or row["article_id"], 40), also)
    _emit(rows, fmt, queries.SEARCH_FIELDS, table)


@click.group(name="speakers", invoke_without_command=True)
@db_option
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="How many speakers.")
@count_option
@filter_options
@format_option
@click.pass_context
def speakers_command(ctx: click.Context, db: str | None, top: int, count: str, fmt: str | None,
                     **params: Any) -> None:
    """The most quoted speakers (identities, by canonical name): statements, quotations and articles, titles and
    organisations, outlets, first and last seen. The most statements first, or with --count appearances the most
    quotations.

    The commands below correct speaker identities (docs/corpus.md, "Corrections"); each takes its own --db."""
    if ctx.invoked_subcommand:
        return
    rows = queries.speakers(_open(db), _filters(params), top=top, count=count)
    table = Table("id", "speaker", "kind", "statements", "quotations", "articles", "titles", "organisations",
                  "outlets", "first", "last")
    for row in rows:
        table.add_row(str(row["speaker_id"]), row["speaker"], row["kind"], str(row["statements"]),
                      str(row["appearances"]), str(row["articles"]), "; ".join(row["titles"][:2]),
                      "; ".join(row["orgs"][:2]), "; ".join(row["outlets"][:3]), row["first_seen"] or "",
                      row["last_seen"] or "")
    _emit(rows, fmt, queries.SPEAKER_FIELDS, table)


@click.command(name="possible-same")
@db_option
@click.option("--speaker", "speaker_id", type=int, metavar="ID", help="Only the pairs of this speaker.")
@format_option
def possible_same_command(db: str | None, speaker_id: int | None, fmt: str | None) -> None:
    """The "possible same person" list: speakers of one surname that could be one person ("Bob Smith" and
    "Robert Smith", "J. Smith" and "John Smith", "Mark Smith" and "Mark Smith Jr.", a surname alone and the one
    full name with it), kept apart until you settle them with `quotewise speakers merge` or `quotewise speakers
    distinct` (both shown). The most quoted pairs first."""
    rows = queries.possible_same(_open(db), speaker_id)
    table = Table("id", "speaker", "quotations", "other id", "other", "quotations", "why", "to merge")
    for row in rows:
        table.add_row(str(row["speaker_id"]), row["speaker"], str(row["appearances"]), str(row["other_id"]),
                      row["other"], str(row["other_appearances"]), row["reason"], row["merge"])
    _emit(rows, fmt, queries.POSSIBLE_SAME_FIELDS, table)


@click.command(name="stats")
@db_option
@click.option("--by", "by", multiple=True, type=click.Choice(queries.STATS_DIMENSIONS),
              help="Count by this (repeat for a cross table; shares are within the earlier ones). Default: kind.")
@count_option
@filter_options
@format_option
def stats_command(db: str | None, by: tuple[str, ...], count: str, fmt: str | None, **params: Any) -> None:
    """Who gets quoted: statements, quotations and distinct speakers by speaker kind, gender, organisation, ...

    Shares are of statements (a wire story in several outlets is one), or of quotations with --count
    appearances. Gender is the speaker's across the archive: the evidence the articles themselves give (an
    honorific, a pronoun), pooled over every article that named them, or, in a store ingested with --gender
    evidence+names and where no article shows one, a given name's in a name list: the two are counted apart
    ("female (evidence)", "female (names)"). Speakers with neither, or with articles that disagree, are counted
    as unknown, never dropped; groups and organisations are 'not a person'. The speakers column counts people
    (identities): how many women were quoted.

    \b
        quotewise stats --by gender
        quotewise stats --by outlet --by kind --since 2022-01-01
    """
    dims = list(by) or ["kind"]
    rows = queries.stats(_open(db), dims, _filters(params), count=count)
    table = Table(*dims, "statements", "quotations", "share", "speakers")
    for row in rows:
        shown = (queries.gender_label(row[d], row[queries.GENDER_SOURCE]) if d == "gender" else str(row[d])
                 for d in dims)
        table.add_row(*shown, f"{row['statements']:,}", f"{row['appearances']:,}", f"{row['share']:.1%}",
                      f"{row['speakers']:,}")
    columns = [c for d in dims for c in ((d, queries.GENDER_SOURCE) if d == "gender" else (d,))]
    _emit(rows, fmt, [*columns, queries.STATEMENTS, queries.APPEARANCES, "share", "speakers"], table)


@click.command(name="export")
@db_option
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="jsonl, csv, parquet: a row per quotation; brat, quotewise-gold: a folder of articles; "
                   "labelstudio: tasks pre-annotated for correction.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, metavar="OUT",
              help="The file to write (a folder for brat and quotewise-gold).")
@click.option("--what", type=click.Choice(["quotations", "speakers"]), default="quotations", show_default=True,
              help="speakers: one row per speaker identity, with its aliases, roles, outlets and pooled gender "
                   "(jsonl or csv; filters do not apply).")
@filter_options
def export_command(db: str | None, fmt: str, output: Path, what: str, **params: Any) -> None:
    """Write the stored quotations out, for analysis or for annotators to correct.

    Filters pick the articles with a quotation they keep; the whole article is exported.

    \b
        quotewise export --format parquet -o quotes.parquet
        quotewise export --format labelstudio --outlet "Harbour Herald" -o tasks.json
        quotewise evaluate --gold tasks.json --format labelstudio --run    # after correcting them
        quotewise export --what speakers --format jsonl -o speakers.jsonl
    """
    if fmt not in FOLDER_FORMATS and not output.parent.is_dir():
        raise click.BadParameter(f"directory '{output.parent}' does not exist", param_hint="-o")
    if what == "speakers" and fmt not in ("jsonl", "csv"):
        raise click.BadParameter(f"speakers are exported as jsonl or csv, not {fmt}", param_hint="--format")
    store = _open(db)
    if what == "speakers":
        try:
            count = write_speakers(fmt, queries.speaker_identities(store), output, queries.SPEAKER_COLUMNS)
        except OSError as exc:
            raise click.FileError(str(output), exc.strerror) from None
        click.echo(f"Exported {count:,} speakers to {output}", err=True)
        return
    ids = queries.article_ids(store, _filters(params))
    runs = store.execute(queries.latest_run())
    model_version = f"quotewise {runs[0].quotewise_version} ({runs[0].model})" if runs else f"quotewise {__version__}"
    try:
        if fmt in EXPORT_TABLES:
            rows = write_table(fmt, queries.quotation_rows(store, ids), output)
            click.echo(f"Exported {rows:,} quotations of {len(ids):,} articles to {output}", err=True)
        else:
            count = write_articles(fmt, queries.stored_articles(store, ids), output, model_version)
            click.echo(f"Exported {count:,} articles to {output}", err=True)
    except OSError as exc:
        raise click.FileError(str(output), exc.strerror) from None


COMMANDS = (ingest_command, search_command, speakers_command, stats_command, export_command)
