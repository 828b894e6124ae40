"""Options shared by the commands, so that a flag means the same thing everywhere."""

from __future__ import annotations

import click

from ..errors import ConfigError
from ..pipeline import CUE_MODES, SCOPES

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

# Setup errors a command line can fix with --model; the library's own hints can't name a flag.
_PIPELINE_CODES = ("QW201", "QW202", "QW203")


def config_failure(err: ConfigError) -> click.ClickException:
    """A setup error as the command line reports it: one line, naming --model where another pipeline would do."""
    text = str(err)
    if err.code in _PIPELINE_CODES:
        text += "; or choose another with --model NAME"
    return click.ClickException(text)
