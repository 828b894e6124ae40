"""Options shared by the commands, so that a flag means the same thing everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import ConfigError
from ..io.archives import FORMATS, Fields, ReadOptions
from ..io.dates import DATE_ORDERS
from ..io.readers import DEFAULT_MAX_BYTES, MB, check_encoding
from ..options import CUE_MODES, GENDER_SOURCES, SCOPES, ExtractOptions

model_option = click.option(
    "--model",
    metavar="NAME",
    help="spaCy pipeline to use. Default: $QUOTEWISE_MODEL, else the best installed English one.",
)
cues_option = click.option(
    "--cues",
    type=click.Choice(CUE_MODES),
    default="learned",
    show_default=True,
    help="Cue finder: the cue classifier learned from annotated news, or the hand-written rules alone.",
)

scope_option = click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="quotes",
    show_default=True,
    help="What counts: what sources said or wrote (quotes), or every attribution, beliefs and findings too.",
)

gender_option = click.option(
    "--gender",
    type=click.Choice(GENDER_SOURCES),
    default="evidence",
    show_default=True,
    help="Where a person's gender comes from: the article's words alone, or those and then the given name "
         "(a name list; marked as such in the output).",
)

# Setup errors a command line can fix with --model; the library's own hints can't name a flag.
_PIPELINE_CODES = ("QW201", "QW202", "QW203")


def config_failure(err: ConfigError) -> click.ClickException:
    """A setup error as the command line reports it: one line, naming --model where another pipeline would do."""
    text = str(err)
    if err.code in _PIPELINE_CODES:
        text += "; or choose another with --model NAME"
    return click.ClickException(text)


def extract_options(params: dict[str, Any]) -> ExtractOptions:
    """The extraction options the flags name (`--model`, `--cues`, `--scope`, `--gender`)."""
    try:
        return ExtractOptions(params.get("model"), params["cues"], params["scope"], params["gender"])
    except ConfigError as err:
        raise config_failure(err) from None


def extraction_flags(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed((model_option, cues_option, scope_option, gender_option)):
        command = option(command)
    return command


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            check_encoding(value)
        except ConfigError as err:
            raise click.BadParameter(str(err)) from None
    return value


_FIELD_ROLES = ("text", "id", "url", "date", "title", "outlet")
_INPUT_OPTIONS: list[Callable[[Any], Any]] = [
    click.option("--input-format", type=click.Choice(FORMATS), metavar="|".join(FORMATS),
                 help="Read every input as this format. Default: by file name (.gz looked through), else by what "
                      "the file (or standard input) starts with."),
    *(click.option(f"--{role}-field", metavar="NAME", help=f"JSON/CSV field holding the article's {role}.")
      for role in _FIELD_ROLES),
    click.option("--encoding", metavar="ENC", callback=_check_encoding,
                 help="Decode inputs as ENC (e.g. cp1252). Default: UTF-8; a byte-order mark is skipped."),
    click.option("--max-mb", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_MAX_BYTES // MB,
                 show_default=True, metavar="N",
                 help="Refuse (and report) files and articles larger than this many megabytes (after gunzip)."),
    click.option("--date-order", type=click.Choice(DATE_ORDERS), default="MDY", show_default=True,
                 help="How to read a numeric date such as 12/03/2024: month first, day first or year first."),
]


def input_flags(command: Callable[..., Any]) -> Callable[..., Any]:
    """The flags of every command that reads inputs: they mean the same to `extract`, `ingest` and `show`."""
    for option in reversed(_INPUT_OPTIONS):
        command = option(command)
    return command


def read_options(params: dict[str, Any]) -> ReadOptions:
    """The reading options the input flags name."""
    fields = Fields().with_choices(**{role: params.get(f"{role}_field") for role in _FIELD_ROLES})
    return ReadOptions(format=params.get("input_format"), fields=fields, encoding=params.get("encoding"),
                       max_bytes=int(params["max_mb"] * MB), date_order=params["date_order"])


progress_option = click.option(
    "--progress/--no-progress", default=None,
    help="Show the progress display on stderr. Default: when stderr is a terminal (and, for extract, the "
         "output is not).",
)
