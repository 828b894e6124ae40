"""Options shared by the commands, so that a flag means the same thing everywhere."""

from __future__ import annotations

import click

from ..pipeline import CUE_MODES

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
