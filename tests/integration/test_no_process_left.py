"""Worker processes never outlive their command: once `quotewise extract --workers 1` (or `ingest`) exits, nothing
of its process group is left, not the pool's workers nor the resource tracker multiprocessing starts beside them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.pipeline, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

QUOTEWISE = str(Path(sys.executable).with_name("quotewise"))
ARTICLE = '"We will stay until the cranes are safe," harbour master Ian Rewi said on Friday.\n'


def group_members(group: int) -> list[str]:
    """The processes (zombies too) whose process group is `group`: pid, state and command."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == group:
            found.append(f"{entry.name} {fields[0]} {command}")
    return found


@pytest.mark.parametrize("command", [["extract", "--workers", "1", "--format", "json"],
                                     ["ingest", "--workers", "1", "--db", "{db}"]])
def test_nothing_of_the_command_is_left_when_it_exits(tmp_path, command):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = [QUOTEWISE, *(a.format(db=tmp_path / "store.db") for a in command), str(article)]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    _, err = child.communicate(timeout=300)
    assert child.returncode == 0, err.decode()
    time.sleep(0.5)  # anything still running would have had time to show
    assert group_members(child.pid) == [], "left running after the command exited"
    assert os.getpgid(os.getpid()) != child.pid
