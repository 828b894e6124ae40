"""`quotewise serve` stops within 2 seconds of SIGTERM or Ctrl-C (SIGINT), idle or while a page is being computed.

The page in progress waits on a PostgreSQL lock that another session holds (as a schema change does): a request
that would last as long as the lock, taken by the real server in its real worker thread, with nothing mocked.
"""

from __future__ import annotations

import signal
import subprocess
import threading
import time
import urllib.request

import psycopg
import pytest
from bigarticle import big_article, write_store

STOP_WITHIN = 2.0  # seconds


def _stopped(process: subprocess.Popen[bytes], how: signal.Signals) -> tuple[float, str]:
    """Signal the server; how long it took to exit (or fail), and what it wrote to stderr."""
    started = time.monotonic()
    process.send_signal(how)
    try:
        process.wait(timeout=STOP_WITHIN)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail(f"quotewise serve still running {STOP_WITHIN} s after {how.name}")
    return time.monotonic() - started, process.stderr.read().decode() if process.stderr else ""


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> str:
    db = tmp_path_factory.mktemp("stop") / "stop.db"
    write_store(str(db), [big_article(20_000, seed=4, article_id="a")]).close()
    return str(db)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_idle_server_stops_at_once_and_cleanly(serve, small_store, how):
    process, url = serve(small_store)
    urllib.request.urlopen(url + "/articles/a", timeout=10).read()
    elapsed, stderr = _stopped(process, how)
    assert process.returncode == 0, stderr
    assert elapsed < STOP_WITHIN and "Traceback" not in stderr


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_server_stops_while_a_page_is_being_computed(serve, pg_store_url, how):
    write_store(pg_store_url, [big_article(20_000, seed=4, article_id="a")]).close()
    process, url = serve(pg_store_url)
    answers: list[object] = []

    def ask() -> None:
        try:
            answers.append(urllib.request.urlopen(url + "/articles/a", timeout=60).status)
        except OSError as err:  # the server went away mid-request, as it should
            answers.append(err)

    with psycopg.connect(pg_store_url) as holder:
        holder.execute("LOCK TABLE meta, articles IN ACCESS EXCLUSIVE MODE")
        asking = threading.Thread(target=ask, daemon=True)
        asking.start()
        deadline = time.monotonic() + 10
        while not holder.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                 "AND datname = current_database()").fetchone()[0]:
            assert time.monotonic() < deadline, "the page never reached the lock"
            time.sleep(0.05)
        elapsed, stderr = _stopped(process, how)
        holder.rollback()
    asking.join(timeout=10)
    assert answers and answers[0] != 200  # the page was still waiting: it was abandoned, not finished
    assert process.returncode == 0, stderr
    assert elapsed < STOP_WITHIN and "Traceback" not in stderr
