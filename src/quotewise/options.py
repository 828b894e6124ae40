"""What extraction is asked to do, as one frozen, hashable value.

Every front door builds one `ExtractOptions` (the API from its keywords, the CLI from its flags, the spaCy
component from its config) and hands it on whole: the cached pipeline is keyed on it, worker processes and Dask
tasks receive it as it is, and the store records it beside each article, so nothing can reach one stage and miss
another.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError

# The hand-written cue rules alone, or the learned cue classifier with them.
CUE_MODES = ("rules", "learned")
# What counts: what sources said or wrote (quotes), or every attribution, beliefs and findings too.
SCOPES = ("quotes", "attributions")
# Where a person's gender may come from: the article's own words alone, or those first and then the given name
# (a list of names and how often each is borne by women; docs/how-it-works.md#gender-two-sources).
GENDER_SOURCES = ("evidence", "evidence+names")


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """The settings that change what extraction finds.

    `model` is a spaCy pipeline name or path; None means `$QUOTEWISE_MODEL`, else the best installed English
    pipeline (`pipeline.resolve_model_name`).
    """

    model: str | None = None
    cues: str = "learned"
    scope: str = "quotes"
    gender: str = "evidence"

    def __post_init__(self) -> None:
        if self.cues not in CUE_MODES:
            raise ConfigError("QW205", f"cues must be one of {', '.join(CUE_MODES)}, got {self.cues!r}")
        if self.scope not in SCOPES:
            raise ConfigError("QW206", f"scope must be one of {', '.join(SCOPES)}, got {self.scope!r}")
        if self.gender not in GENDER_SOURCES:
            raise ConfigError("QW214", f"gender must be one of {', '.join(GENDER_SOURCES)}, got {self.gender!r}")
