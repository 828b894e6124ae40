"""Inputs the fault tests don't cover: JSON Lines on standard input, and binary data in a text field."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

QUOTEWISE = str(Path(sys.executable).parent / "quotewise")


@pytest.mark.pipeline
def test_json_lines_on_standard_input(tmp_path):
    records = [{"id": "a", "text": '"We open on Monday," said Mayor Ana Ruiz.'},
               {"id": "b", "text": "\x00\x01\x02binary\x00\x00 data \x03\x04"}]
    db = tmp_path / "stdin.db"
    done = subprocess.run([QUOTEWISE, "ingest", "-", "--db", str(db), "--workers", "0"],
                          input="".join(json.dumps(r) + "\n" for r in records), capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT id, source, position FROM articles").fetchall() == [("a", "-", 1)]
        assert conn.execute("SELECT source, position, code FROM errors").fetchall() == [("-", 2, "QW103")]
        assert conn.execute("SELECT speaker_name FROM quotes").fetchall() == [("Ana Ruiz",)]
    assert "[QW103] -:2: binary data in the text field" in done.stderr
