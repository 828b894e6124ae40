"""What produced a figure: versions and the git commit, recorded beside every benchmark and evaluation."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from . import __version__


def git_sha(where: Path | None = None) -> str:
    """The checkout's short SHA, "+dirty" when tracked files differ from it; "unknown" outside git."""
    here = str(where or Path(__file__).parent)
    # GIT_OPTIONAL_LOCKS=0: read the status without refreshing (writing) the index.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def git(*args: str) -> str:
        command = ["git", "-C", here, *args]
        return subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout.strip()

    try:
        sha = git("rev-parse", "--short", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{sha}+dirty" if dirty else sha


def versions(
    model: str | None = None, model_version: str | None = None, cues: str | None = None, scope: str | None = None,
    gender: str | None = None,
) -> dict[str, Any]:
    """Everything that can move a figure."""
    return {
        "quotewise": __version__,
        "git": git_sha(),
        "spacy": importlib.metadata.version("spacy"),
        "model": model,
        "model_version": model_version,
        "cues": cues,
        "scope": scope,
        "gender": gender,
        "python": platform.python_version(),
    }
