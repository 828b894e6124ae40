"""An article that kills its worker, every time: only it is given up (QW130), every other article is extracted.

A crash in native code can't be summoned on demand, so the worker here runs the real job except on one marked
text, where it kills its own process, as a segfault or the kernel's OOM killer would.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from quotewise import extract_many
from quotewise.options import ExtractOptions
from quotewise.records import ArticleResult
from quotewise.runner import Failure, Runner, parse

MARK = "THIS-ARTICLE-KILLS-ITS-WORKER"


def dying_work(texts: list[str], options: ExtractOptions):
    if any(MARK in text for text in texts):
        os.kill(os.getpid(), signal.SIGKILL)
    return parse(texts, options)


class DyingRunner(Runner):
    job = staticmethod(dying_work)


@pytest.mark.pipeline
def test_an_article_that_always_kills_its_worker_is_qw130_and_the_rest_are_extracted():
    articles = Path(__file__).parents[1] / "articles"
    texts = [p.read_text(encoding="utf-8") for p in sorted(articles.glob("*.txt"))[:8]]
    texts.insert(3, f'"We stay," said Mayor Ana Ruiz. {MARK}')
    with DyingRunner(workers=2) as runner:
        got = list(runner.map(enumerate(texts)))
    assert [k for k, _ in got] == list(range(len(texts)))
    assert isinstance(got[3][1], Failure) and got[3][1].code == "QW130"
    expected = list(extract_many(texts[:3] + texts[4:]))
    assert [outcome for k, outcome in got if k != 3] == expected
    assert runner.restarts >= 2  # the pool broke with the batch, then with the article alone


def dies_later(texts: list[str], options: ExtractOptions):
    """No pipeline: empty results, but a batch with the mark kills its worker half a second in."""
    if any(MARK in text for text in texts):
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)
    return [ArticleResult() for _ in texts], 0


class LateDyingRunner(Runner):
    job = staticmethod(dies_later)


def test_a_worker_that_dies_while_the_reader_of_the_results_is_busy_costs_only_its_article():
    # The pool breaks between two submissions: the next submit must restart it, not end the run.
    texts = ["x" * 60_000 for _ in range(10)]
    texts[1] = f"{MARK} " + "x" * 60_000
    got = []
    with LateDyingRunner(ExtractOptions(model="no-model-needed"), workers=2) as runner:
        for key, outcome in runner.map(enumerate(texts)):
            got.append((key, type(outcome).__name__))
            time.sleep(1)  # a slow consumer: the worker dies while nothing waits on it
    assert got == [(k, "Failure" if k == 1 else "ArticleResult") for k in range(10)]
