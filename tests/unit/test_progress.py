"""The progress display: a frame drawn after N articles shows N, the quotations, the errors and a rate; before the
first article it says what the run waits for; a long text shows its chunks."""

from __future__ import annotations

import io
import re
import time

from rich.console import Console

from quotewise.cli.progress import RunProgress


def frame(bar: RunProgress) -> str:
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(bar.renderable())
    return console.file.getvalue()  # type: ignore[attr-defined]


def display(total: int | None, unit: str = "articles") -> RunProgress:
    return RunProgress("Extracting", total, unit=unit, console=Console(file=io.StringIO(), force_terminal=True))


def test_a_frame_after_n_articles_shows_n_and_a_rate():
    with display(40) as bar:
        time.sleep(0.2)
        bar.update(12, articles=12, quotes=57, errors=1)
        shown = frame(bar)
    assert "12/40" in shown
    assert "12 articles · 57 quotations · 1 error ·" in shown
    rate = float(re.search(r"([\d.]+) articles/s", shown)[1])  # type: ignore[index]
    assert 0 < rate < 12 / 0.2 + 1


def test_it_says_what_it_waits_for_until_the_first_article():
    with display(3) as bar:
        bar.status("loading the spaCy pipeline")
        assert "Extracting (loading the spaCy pipeline)" in frame(bar)
        bar.update(1, articles=1, quotes=0, errors=0)
        assert "(loading" not in frame(bar)


def test_an_archive_counts_bytes_and_a_long_text_its_chunks():
    with display(2_000_000, unit="bytes") as bar:
        bar.update(500_000, articles=3, quotes=9, errors=0)
        bar.chunks("long.txt", 7, 40)
        shown = frame(bar)
        assert "0.5/2.0 MB" in shown and "long text, chunks" in shown and "7/40" in shown
        bar.chunks("long.txt", 40, 40)
        assert "long text" not in frame(bar)  # gone once the text is done


def test_without_a_terminal_it_draws_nothing_and_prints_plain_lines(capsys):
    with RunProgress("Extracting", 3, enabled=False) as bar:
        bar.status("loading the spaCy pipeline")
        bar.update(1, articles=1, quotes=2, errors=0)
        bar.print("Error: [QW101] nope.txt: no such file, folder or glob match")
    assert capsys.readouterr().err == "Error: [QW101] nope.txt: no such file, folder or glob match\n"
