"""Corrections of speaker identities as a JSON Lines file, one correction a line: what a team shares."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..corpus.corrections import Correction
from ..errors import ConfigError


def read_corrections(path: Path) -> list[Correction]:
    """Every correction in the file, in its order; ConfigError naming the file and line of the first bad one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError("QW217", f"{path}: cannot read corrections ({exc})") from None
    found = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise ConfigError("QW217", f"{where}: not JSON") from None
        if not isinstance(row, dict):
            raise ConfigError("QW217", f"{where}: not a correction (a JSON object a line)")
        found.append(Correction.from_mapping(row, where))
    return found


def write_corrections(found: Iterable[Correction], out: Path) -> int:
    """Write corrections as JSON Lines; how many."""
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for correction in found:
            stream.write(json.dumps(correction.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count
