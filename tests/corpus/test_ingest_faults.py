"""`quotewise ingest` under faults: killed runs, damaged archives, huge and empty articles, dying workers.

Every test runs the real CLI and the real spaCy pipeline and reads the SQLite file it leaves. Two stores are
compared on `CONTENT_COLUMNS` (what two stores holding the same articles must agree on, whatever runs made
them), table by table, in a fixed order. Tests that kill an ingest run it as a subprocess in its own session
and SIGKILL the whole process group (the CLI and its spawned workers); the others use click's CliRunner.

The 50 MB article of the brief takes the pipeline close to an hour on this 2-core machine (about 15,000
characters a second), so it runs only with QUOTEWISE_SLOW_TESTS=1; the same path is always exercised with an
article of 230 kB: three 100,000-character pieces, passed on as parts and stored as one article.
"""

from __future__ import annotations

import base64
import functools
import gzip
import html
import io
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psutil
import pytest
from click.testing import CliRunner, Result

import quotewise
from quotewise.cli.app import cli
from quotewise.corpus import queries
from quotewise.corpus.duplicates import statement_keys, statement_name
from quotewise.corpus.schema import CONTENT_COLUMNS
from quotewise.corpus.store import Store
from quotewise.corpus.tables import people_rows, quote_rows
from quotewise.errors import ConfigError
from quotewise.records import Article
from quotewise.rows import genders_of
from quotewise.runner import Runner

pytestmark = pytest.mark.pipeline

ARTICLES = Path(__file__).parents[1] / "articles"
_SCRIPT = Path(sys.executable).with_name("quotewise")
QUOTEWISE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-c", "from quotewise.cli import main; main()"]
SLOW = os.environ.get("QUOTEWISE_SLOW_TESTS") == "1"

# The kill-and-resume corpus. The runner sends articles in batches of 64, and the writer commits the first result
# at once, then only once 2 s have passed (or 200 articles are waiting): so a store shows partial states (1
# article, then a few hundred) only when extraction lasts several seconds. ~120 articles would go from 1
# straight to all of them, leaving no middle to kill in.
KILL_ARTICLES = 400
BAD_LINES = {  # line written after the article with this index -> the error it must leave
    3: ('{"id": "broken", "text": "the line stops here', "QW111"),
    150: (json.dumps({"id": "empty", "text": "  "}), "QW110"),
    320: ("[1, 2, 3]", "QW111"),
}
LIVE_ARTICLES = 300  # for searching while an ingest writes: a few seconds of partial store


# --- corpus building --------------------------------------------------------------------------------------


@functools.cache
def article_texts() -> tuple[str, ...]:
    """The repository's invented news articles, read at test time."""
    return tuple(p.read_text(encoding="utf-8").strip() for p in sorted(ARTICLES.glob("*.txt")))


@functools.cache
def paragraphs() -> tuple[str, ...]:
    return tuple(line.strip() for text in article_texts() for line in text.splitlines() if line.strip())


def story(i: int, parts: int = 1) -> str:
    """Article number i: `parts` of the test articles and a closing paragraph of its own, so no two are alike.

    The closing quotation has "said" in its words, so a search for "said" finds one hit per article.
    """
    texts = article_texts()
    body = "\n".join(texts[(i + 7 * k) % len(texts)] for k in range(parts))
    return f'{body}\n"As we said on day {i}, the work goes on," spokesperson Lena Marsh said.'


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def record(ident: str, text: str, **extra: Any) -> str:
    return json.dumps({"id": ident, "text": text, **extra}, ensure_ascii=False)


def corpus_lines(n: int, bad: dict[int, tuple[str, str]]) -> list[str]:
    lines = []
    for i in range(n):
        lines.append(record(f"a{i:03d}", story(i), title=f"Story {i}", date="2024-05-01", outlet="Harbour Herald"))
        if i in bad:
            lines.append(bad[i][0])
    return lines


@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", corpus_lines(KILL_ARTICLES, BAD_LINES))


# --- reading stores ---------------------------------------------------------------------------------------


def content(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's CONTENT_COLUMNS rows, in the order of all those columns."""
    with closing(sqlite3.connect(db)) as conn:
        out = {}
        for table, columns in CONTENT_COLUMNS.items():
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = conn.execute(f"SELECT {names} FROM {table} ORDER BY {names}").fetchall()
        return out


def rows(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql, params).fetchall()


def count(db: Path, table: str) -> int | None:
    """Rows in a table of a store another process may be writing; None when it cannot be read yet."""
    if not db.exists():  # (connecting would create it)
        return None
    try:
        with closing(sqlite3.connect(db, timeout=0.2)) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return None


def project(table: str, found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Row dicts as the CONTENT_COLUMNS tuples `content` gives, sorted the same way."""
    return sorted(tuple(row[c] for c in CONTENT_COLUMNS[table]) for row in found)


# --- running the CLI --------------------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    """`quotewise ARGS` in this process, stdout and stderr apart."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def ingest_command(corpus: Path, db: Path, *options: str) -> list[str]:
    return [*QUOTEWISE, "ingest", str(corpus), "--db", str(db), *options]


def run(command: list[str], timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("Error: ")]


SUMMARY = re.compile(
    r"Ingested (?P<articles>[\d,]+) articles into .+ in [\d.]+ s: (?P<new>[\d,]+) new or changed "
    r"\([\d.]+ articles/s\), (?P<unchanged>[\d,]+) unchanged, (?P<quotes>[\d,]+) quotations found\."
)


def summary(stderr: str) -> str:
    """The run's closing line on stderr."""
    found = [line for line in stderr.splitlines() if line.startswith("Ingested ")]
    assert len(found) == 1, stderr
    return found[0]


def tally(stderr: str) -> dict[str, int]:
    """The summary's counts: articles, new (or changed), unchanged, quotes."""
    match = SUMMARY.match(summary(stderr))
    assert match, summary(stderr)
    return {k: int(v.replace(",", "")) for k, v in match.groupdict().items()}


def _group_alive(pgid: int) -> list[psutil.Process]:
    alive = []
    for proc in psutil.process_iter():
        try:
            if os.getpgid(proc.pid) == pgid and proc.status() != psutil.STATUS_ZOMBIE:
                alive.append(proc)
        except (OSError, psutil.Error):
            continue
    return alive


def start_then_kill(command: list[str], kill_when: Callable[[], bool], timeout: float = 120) -> None:
    """Start `command` in a session of its own; SIGKILL its whole process group as soon as `kill_when()`."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not kill_when():
            assert proc.poll() is None, "the ingest finished before the kill point"
            assert time.monotonic() < deadline, "the kill point never came"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _group_alive(proc.pid):  # the workers too: nothing of the killed run may write on
        assert time.monotonic() < deadline, "processes of the killed ingest survived SIGKILL"
        time.sleep(0.05)
    assert proc.returncode == -signal.SIGKILL


# --- 1. kill and resume -----------------------------------------------------------------------------------


def test_an_ingest_killed_anywhere_and_rerun_leaves_what_an_uninterrupted_one_does(kill_corpus, tmp_path):
    total = KILL_ARTICLES
    reference = tmp_path / "a.db"
    done = run(ingest_command(kill_corpus, reference, "--workers", "2"))
    assert done.returncode == 1, done.stderr  # the bad lines
    want = content(reference)
    assert len(want["articles"]) == total
    assert sorted((row[1], row[3]) for row in want["errors"]) == sorted(
        (i + 2 + sum(k < i for k in BAD_LINES), code) for i, (_, code) in BAD_LINES.items()
    )
    assert len(want["quotes"]) > total and want["people"] and want["mentions"]

    # Where to kill: right after the run began (nothing written yet), after its first write (one article), after
    # its second write (a hundred or two), and twice: after the first write, then again after the first write of
    # the rerun. Each ends with a rerun to completion.
    def articles_over(n: int) -> Callable[[Path], bool]:
        return lambda db: (count(db, "articles") or 0) > n

    plans: dict[str, list[Callable[[int], Callable[[Path], bool]]]] = {
        "start": [lambda _: lambda db: (count(db, "runs") or 0) >= 1],
        "first": [lambda _: articles_over(0)],
        "second": [lambda _: articles_over(1)],
        "twice": [lambda _: articles_over(0), articles_over],
    }
    for name, kills in plans.items():
        db = tmp_path / f"b_{name}.db"
        command = ingest_command(kill_corpus, db, "--workers", "2")
        kept = 0
        for kill_when in kills:
            start_then_kill(command, functools.partial(kill_when(kept), db))
            before, kept = kept, count(db, "articles") or 0
            assert (kept == 0) if name == "start" else (before < kept < total), f"kill point {name!r}: {kept} stored"
            assert rows(db, "SELECT status FROM runs ORDER BY id DESC LIMIT 1") == [("running",)]  # never finished

        resumed = run(command)
        assert resumed.returncode == 1, resumed.stderr
        counts = tally(resumed.stderr)
        assert (counts["new"], counts["unchanged"]) == (total - kept, kept), (name, summary(resumed.stderr))
        assert sorted(error_lines(resumed.stderr)) == sorted(error_lines(done.stderr))
        got = content(db)
        for table in CONTENT_COLUMNS:
            assert got[table] == want[table], f"kill point {name!r}: table {table} differs after the rerun"

    again = run(ingest_command(kill_corpus, reference, "--workers", "2"))
    assert again.returncode == 1
    assert tally(again.stderr) == {"articles": total, "new": 0, "unchanged": total, "quotes": 0}
    assert content(reference) == want
    assert rows(reference, "SELECT status, articles, unchanged FROM runs ORDER BY id DESC LIMIT 1") == [
        ("finished", 0, total)
    ]


def test_an_ingest_killed_while_creating_the_store_can_be_rerun(tmp_path):
    # A real SIGKILL, placed deterministically: in the middle of the first Store.open, after the tables are
    # created and before the schema version is written. On SQLite the CREATE TABLEs commit one by one (pysqlite
    # emits no BEGIN before DDL), so this leaves tables without a version; killing 0-10 ms after the file
    # appears hits the same window by chance, a few times in ten. The rerun must finish the store, not refuse it.
    corpus = write_jsonl(tmp_path / "few.jsonl", [record("k1", story(1))])
    db = tmp_path / "created.db"
    script = (
        "import os, signal, sys\n"
        "from quotewise.corpus import store\n"
        "store.fulltext.create = lambda connection: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from quotewise.cli import main\n"
        f"sys.argv = ['quotewise', 'ingest', {str(corpus)!r}, '--db', {str(db)!r}, '--workers', '0']\n"
        "main()\n"
    )
    killed = run([sys.executable, "-c", script])
    assert killed.returncode == -signal.SIGKILL
    rerun = invoke("ingest", str(corpus), "--db", str(db), "--workers", "0")
    assert rerun.exit_code == 0, rerun.stderr
    assert rows(db, "SELECT id FROM articles") == [("k1",)]


# --- 2, 3. damaged JSON Lines and gzip --------------------------------------------------------------------


def test_malformed_json_lines_are_reported_and_the_lines_around_them_ingested(tmp_path):
    texts = [story(i) for i in range(4)]
    path = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            record("g1", texts[0]),
            record("g2", texts[1]),
            '{"id": "cut", "text": "no closing quote',  # line 3
            "",
            record("g3", texts[2]),  # line 5
            "this is not JSON at all",  # line 6
            '["an", "array"]',  # line 7
            record("g4", texts[3]),
        ],
    )
    db = tmp_path / "mixed.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert result.exit_code == 1
    assert rows(db, "SELECT id, position, text FROM articles ORDER BY id") == [
        ("g1", 1, texts[0]), ("g2", 2, texts[1]), ("g3", 5, texts[2]), ("g4", 8, texts[3]),
    ]
    assert rows(db, "SELECT source, position, code, skipped FROM errors ORDER BY position") == [
        (str(path), 3, "QW111", 0), (str(path), 6, "QW111", 0), (str(path), 7, "QW111", 0),
    ]
    reported = error_lines(result.stderr)
    assert [re.match(r"Error: \[(QW\d+)\] (.*?):(\d+): ", line).groups() for line in reported] == [
        ("QW111", str(path), "3"), ("QW111", str(path), "6"), ("QW111", str(path), "7"),
    ]
    assert tally(result.stderr)["new"] == 4 and "3 records failed" in summary(result.stderr)
    assert rows(db, "SELECT count(*) FROM quotes WHERE article_id = 'g3'")[0][0] > 0


def test_a_truncated_gzip_keeps_the_records_before_the_cut_and_reports_qw105(tmp_path):
    lines = [record(f"z{i:02d}", story(i)) for i in range(40)]
    data = gzip.compress("".join(line + "\n" for line in lines).encode("utf-8"))
    cut = data[: len(data) // 2]
    readable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(cut)
    whole = readable.count(b"\n")  # the records that survive the cut in full
    assert 1 <= whole < len(lines)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    db = tmp_path / "cut.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert result.exit_code == 1
    assert rows(db, "SELECT id FROM articles ORDER BY position") == [(f"z{i:02d}",) for i in range(whole)]
    assert rows(db, "SELECT source, position, code, skipped FROM errors") == [(str(path), whole + 1, "QW105", 0)]
    reported = error_lines(result.stderr)
    assert len(reported) == 1 and reported[0].startswith(f"Error: [QW105] {path}: truncated or corrupt gzip")


# --- 4. WARC ----------------------------------------------------------------------------------------------


def html_page(title: str, text: str) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>The Harbour Herald</footer></body></html>"
    ).encode()


def write_warc(path: Path, responses: list[tuple[str, str, bytes]]) -> list[int]:
    """A WARC of HTTP responses (uri, content type, payload); the offset of each record, then the file's end."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    offsets = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=False)
        for uri, kind, payload in responses:
            offsets.append(f.tell())
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))
        offsets.append(f.tell())
    return offsets


HTML_URI, PNG_URI, LAST_URI = (f"https://news.example.org/{n}" for n in ("2024/05/outage", "logo.png", "last"))


def three_record_warc(path: Path) -> tuple[bytes, list[int]]:
    """An HTML article, a PNG image and a second article: the file's bytes and the records' offsets."""
    texts = article_texts()
    offsets = write_warc(path, [
        (HTML_URI, "text/html; charset=utf-8", html_page("Airline outage", texts[0])),
        (PNG_URI, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        (LAST_URI, "text/html", html_page("The last one", texts[1])),
    ])
    return path.read_bytes(), offsets


def test_a_warc_gives_its_html_article_skips_its_image_and_reports_a_truncated_record(tmp_path):
    texts = article_texts()
    html_uri, png_uri = HTML_URI, PNG_URI
    data, offsets = three_record_warc(tmp_path / "full.warc")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: (offsets[2] + offsets[3]) // 2])  # the last record loses its second half

    db = tmp_path / "warc.db"
    result = invoke("ingest", str(cut), "--db", str(db), "--workers", "0")
    assert result.exit_code == 1
    [(ident, url, position, text)] = rows(db, "SELECT id, url, position, text FROM articles")
    assert (ident, url, position) == (html_uri, html_uri, offsets[0])
    assert all(line in text for line in texts[0].splitlines())
    assert rows(db, "SELECT count(*) FROM quotes WHERE article_id = ?", html_uri)[0][0] > 0
    assert rows(db, "SELECT position, article_id, code, skipped FROM errors ORDER BY position") == [
        (offsets[1], png_uri, "QW121", 1), (offsets[2], None, "QW120", 0),
    ]
    assert [line.split("]")[0] for line in error_lines(result.stderr)] == ["Error: [QW120"]  # the image isn't one
    assert "1 records were not articles" in summary(result.stderr)

    # Without the truncated record the image alone is no failure.
    whole = tmp_path / "two.warc"
    whole.write_bytes(data[: offsets[2]])
    db2 = tmp_path / "two.db"
    result = invoke("ingest", str(whole), "--db", str(db2), "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert error_lines(result.stderr) == []
    assert rows(db2, "SELECT code, skipped FROM errors") == [("QW121", 1)]
    assert rows(db2, "SELECT url FROM articles") == [(html_uri,)]


@pytest.mark.parametrize(
    ("where", "marker", "into"),
    [
        pytest.param("the payload", b"<p>", 10, id="payload"),
        pytest.param("the HTTP headers", b"HTTP/1.0 200", 6, id="http-headers"),
        pytest.param("the WARC headers, before the target URI", b"WARC-Record-ID:", 8, id="warc-headers-early"),
        pytest.param("the WARC headers, after the target URI", b"Content-Length:", 4, id="warc-headers-late"),
        pytest.param("the WARC-Type line", b"WARC-Type: ", 16, id="warc-type"),
    ],
)
def test_a_warc_cut_anywhere_in_its_last_record_reports_qw120(tmp_path, where, marker, into):
    data, offsets = three_record_warc(tmp_path / "full.warc")
    at = data.index(marker, offsets[2]) + into
    assert offsets[2] < at < offsets[3], where
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[:at])
    db = tmp_path / "cut.db"
    result = invoke("ingest", str(cut), "--db", str(db), "--workers", "0")
    assert rows(db, "SELECT url FROM articles") == [(HTML_URI,)]
    assert rows(db, "SELECT position, code, skipped FROM errors ORDER BY position") == [
        (offsets[1], "QW121", 1), (offsets[2], "QW120", 0),
    ], f"cut {at - offsets[2]} bytes into the last record, in {where}"
    assert result.exit_code == 1


# --- 5. a huge article ------------------------------------------------------------------------------------


def big_article(path: Path, size: int) -> str:
    """A .txt of about `size` bytes: the test articles' paragraphs over and over."""
    block = "\n".join(paragraphs()) + "\n"
    text = block * (size // len(block.encode("utf-8")) + 1)
    path.write_text(text, encoding="utf-8")
    return text


def check_big_article_is_stored(tmp_path: Path, size: int) -> None:
    path = tmp_path / "huge.txt"
    text = big_article(path, size)
    db = tmp_path / "huge.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "1", "--max-mb", "60")
    assert result.exit_code == 0, result.stderr
    [(stored, source)] = rows(db, "SELECT text, source FROM articles")
    assert stored == text and source == str(path)
    quotes = rows(db, 'SELECT n, start, "end", text FROM quotes ORDER BY n')
    assert [q[0] for q in quotes] == list(range(len(quotes)))
    assert all(text[start:end] == quoted for _, start, end, quoted in quotes)  # offsets into the whole text
    starts = [q[1] for q in quotes]
    assert starts == sorted(starts) and len(quotes) > size / 2000
    assert starts[-1] > len(text) - 10_000  # quotations from the last chunk, not only the first
    assert rows(db, "SELECT count(*) FROM errors") == [(0,)]


def test_a_long_article_spanning_several_batches_is_stored_with_its_quotations(tmp_path):
    check_big_article_is_stored(tmp_path, 230_000)  # three chunks of at most 100,000 characters, two batches


@pytest.mark.skipif(not SLOW, reason="about an hour of parsing on 2 cores; set QUOTEWISE_SLOW_TESTS=1")
def test_a_50_mb_article_is_stored_with_its_quotations(tmp_path):
    check_big_article_is_stored(tmp_path, 50_000_000)


def test_a_50_mb_scraped_page_with_an_inline_attachment_is_stored_with_its_quotations(tmp_path):
    """50 MB of text as a scraper leaves it: prose, then an attachment pasted in as base64 lines, then prose.

    The whole pipeline runs on it (reader, chunks across two workers, merge, one write): the quotations of the
    prose at both ends are found, at their offsets in the whole text.
    """
    head, tail = story(1), story(2)
    line = base64.b64encode(bytes(range(256)) * 3)[:76].decode()
    blob = "\n".join(f"{line[k % 76:]}{line[:k % 76]}" for k in range(50_000_000 // 77))
    text = f"{head}\n{blob}\n{tail}"
    path = tmp_path / "scraped.txt"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    db = tmp_path / "scraped.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "2", "--max-mb", "60")
    assert result.exit_code == 0, result.stderr
    [(stored,)] = rows(db, "SELECT text FROM articles")
    assert stored == text
    found = rows(db, "SELECT start, \"end\", text FROM quotes ORDER BY n")
    assert all(text[start:end] == words for start, end, words in found)
    assert any(start < len(head) for start, _, _ in found)
    assert any(start > len(text) - len(tail) for start, _, _ in found)


def test_a_50_mb_article_over_max_mb_is_qw106(tmp_path):
    path = tmp_path / "huge.txt"
    big_article(path, 50_000_000)
    assert path.stat().st_size >= 50_000_000
    db = tmp_path / "limited.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "1", "--max-mb", "10")
    assert result.exit_code == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    assert rows(db, "SELECT source, code, skipped FROM errors") == [(str(path), "QW106", 0)]
    [line] = error_lines(result.stderr)
    assert line.startswith("Error: [QW106]") and "10 MB" in line


# --- 6. one id three times --------------------------------------------------------------------------------


def test_an_id_given_three_times_in_one_batch_keeps_the_last_text_and_its_quotations(tmp_path):
    texts = [story(1), story(4), story(9)]
    path = write_jsonl(tmp_path / "dup.jsonl", [record("same", t) for t in texts])
    db = tmp_path / "dup.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert result.exit_code == 0, result.stderr
    assert rows(db, "SELECT id, position, text FROM articles") == [("same", 3, texts[2])]
    expected = quotewise.extract(texts[2])
    assert expected.quotes
    got = content(db)
    genders = genders_of(expected.people)
    article = Article("same", texts[2], str(path), 3)
    alone = [{**row, "statement_id": statement_name(statement_keys("same", row["words"])[0]),
              "duplicate_group": "same"}  # an article of its own
             for row in quote_rows(article, expected.quotes, genders, 0)]
    assert got["quotes"] == project("quotes", alone)
    found_people, found_mentions = people_rows("same", expected.people)
    assert got["people"] == project("people", found_people)
    assert got["mentions"] == project("mentions", found_mentions)


def test_rerunning_an_input_with_a_repeated_id_changes_nothing(tmp_path):
    # Each repeat checked against the store on its own would skip the stored (last) text and re-extract the
    # earlier ones, so the article would flip to the second-to-last text on every rerun.
    texts = [story(1), story(4), story(9)]
    path = write_jsonl(tmp_path / "dup.jsonl", [record("same", t) for t in texts])
    db = tmp_path / "dup.db"
    assert invoke("ingest", str(path), "--db", str(db), "--workers", "0").exit_code == 0
    first = content(db)
    again = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert again.exit_code == 0
    assert rows(db, "SELECT text FROM articles") == [(texts[2],)]
    assert content(db) == first
    assert tally(again.stderr)["new"] == 0


def test_rerunning_an_input_whose_id_repeats_far_apart_writes_nothing(tmp_path):
    lines = [record("same" if i in (0, 299) else f"s{i:03d}", f'"Number {i} is ready," Ana Ruiz said.')
             for i in range(300)]
    path = write_jsonl(tmp_path / "far.jsonl", lines)
    db = tmp_path / "far.db"
    first = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert first.exit_code == 0, first.stderr
    assert rows(db, "SELECT position, text FROM articles WHERE id = 'same'") == [(300, json.loads(lines[299])["text"])]
    want = content(db)
    again = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert again.exit_code == 0
    assert content(db) == want
    assert tally(again.stderr)["new"] == 0, summary(again.stderr)


# --- 7. a page with no article ----------------------------------------------------------------------------

NAVIGATION = """\
<header><a href="/">The Harbour Herald</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>"""
FOOTER = """\
<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy</a></li></ul><p>© The Harbour Herald</p></footer>"""
LINKS = """\
<ul class="stories"><li><a href="/world/airline-outage">Airline apologises after thousands stranded</a></li>
<li><a href="/world/city-budget">City council passes its budget</a></li>
<li><a href="/world/harbour-strike">Harbour workers to walk off the job</a></li></ul>
<div class="pager"><a href="?page=2">Next page</a></div>"""


def section_front(heading: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>World | The Harbour Herald</title></head><body>{NAVIGATION}"
            f"<main>{heading}{LINKS}</main>{FOOTER}</body></html>")


def test_an_html_page_of_only_navigation_menus_and_footer_is_qw122(tmp_path):
    path = tmp_path / "world.html"
    path.write_text(section_front(), encoding="utf-8")
    db = tmp_path / "nav.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert result.exit_code == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    assert rows(db, "SELECT source, code, skipped FROM errors") == [(str(path), "QW122", 0)]
    assert [line.split("]")[0] for line in error_lines(result.stderr)] == ["Error: [QW122"]


def test_a_section_front_with_a_heading_is_qw122(tmp_path):
    # trafilatura gives such a page's <h1> as its text: stored as is, it was an article whose text is "World".
    path = tmp_path / "world.html"
    path.write_text(section_front("<h1>World</h1>"), encoding="utf-8")
    db = tmp_path / "front.db"
    result = invoke("ingest", str(path), "--db", str(db), "--workers", "0")
    assert rows(db, "SELECT code FROM errors") == [("QW122",)]
    assert rows(db, "SELECT count(*) FROM articles") == [(0,)]
    assert result.exit_code == 1


# --- 8. searching while an ingest writes ------------------------------------------------------------------


def test_searches_run_while_an_ingest_writes_and_never_fail_or_go_back(tmp_path):
    corpus = write_jsonl(tmp_path / "clean.jsonl", corpus_lines(LIVE_ARTICLES, {}))
    db = tmp_path / "live.db"
    log = tmp_path / "live.log"
    with log.open("w") as err:
        proc = subprocess.Popen(ingest_command(corpus, db, "--workers", "2"), stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True)
    seen: list[tuple[int, int, int]] = []  # (articles, quotes, search hits) per search
    try:
        while proc.poll() is None:
            try:
                store = Store.open(str(db), create=False)
            except ConfigError as err:
                # Before the ingest has made the store (or while it makes it) there is nothing to search.
                assert err.code == "QW208" and not seen, err
                time.sleep(0.01)
                continue
            try:
                articles, quotes = store.count("articles"), store.count("quotes")
                hits = queries.search(store, "said", limit=1_000_000)  # after the counts: it sees at least as much
            finally:
                store.close()
            seen.append((articles, quotes, len(hits)))
            time.sleep(0.02)  # leave the ingest most of the machine
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    assert proc.returncode == 0, log.read_text()
    assert seen, "no search ran during the ingest"
    for column in range(3):
        values = [s[column] for s in seen]
        assert values == sorted(values), f"a count went down: {values}"
    partial = [s for s in seen if 0 < s[0] < LIVE_ARTICLES]
    assert len(partial) >= 3, f"too few searches saw a partial store: {sorted(set(seen))}"
    assert all(hits >= articles for articles, _, hits in partial)  # each article's closing quotation matches
    assert seen[-1][0] <= LIVE_ARTICLES == len(content(db)["articles"])


# --- 9. a worker dies mid-batch ---------------------------------------------------------------------------


def _workers(me: psutil.Process, before: set[int]) -> Iterator[psutil.Process]:
    for child in me.children(recursive=True):
        try:
            if child.pid not in before and "spawn_main" in " ".join(child.cmdline()):
                yield child
        except psutil.Error:
            continue


def _map_killing_a_worker(texts: list[str], cpu_seconds: float) -> tuple[list[tuple[int, Any]], int, list[int]]:
    """Runner(workers=2).map over the texts while a thread SIGKILLs the worker once it has used `cpu_seconds`.

    Loading spaCy takes a worker about 2 s of CPU; past that it is parsing the batch.
    """
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    killed: list[int] = []
    stop = threading.Event()

    def killer() -> None:
        while not stop.is_set():
            for worker in _workers(me, before):
                try:
                    used = worker.cpu_times()
                    if used.user + used.system >= cpu_seconds:
                        worker.send_signal(signal.SIGKILL)
                        killed.append(worker.pid)
                        return
                except psutil.Error:
                    continue
            time.sleep(0.01)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    try:
        with Runner(workers=2) as runner:
            out = list(runner.map(enumerate(texts)))
    finally:
        stop.set()
        thread.join(timeout=10)
    return out, runner.restarts, killed


def test_a_worker_killed_mid_batch_is_replaced_and_every_article_still_extracted():
    texts = [story(i, parts=3) for i in range(60)]
    for n, cpu in ((30, 2.8), (60, 2.4)):  # a second, longer try should the first kill come after the work
        out, restarts, killed = _map_killing_a_worker(texts[:n], cpu)
        if killed and restarts:
            break
    assert killed and restarts >= 1, "the worker was never killed while it held work"
    assert [key for key, _ in out] == list(range(n))
    assert [outcome for _, outcome in out] == list(quotewise.extract_many(texts[:n]))


# --- Dask ---------------------------------------------------------------------------------------------------


def test_dask_local_cluster_stores_what_in_process_extraction_stores(tmp_path):
    path = write_jsonl(tmp_path / "twenty.jsonl", [record(f"d{i:02d}", story(i)) for i in range(20)])
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    result = invoke("ingest", str(path), "--db", str(local), "--workers", "0")
    assert result.exit_code == 0, result.stderr
    result = invoke("ingest", str(path), "--db", str(dask), "--dask", "local:2")
    assert result.exit_code == 0, result.stderr
    assert tally(result.stderr)["new"] == 20
    want, got = content(local), content(dask)
    assert len(want["articles"]) == 20 and want["quotes"]
    for table in CONTENT_COLUMNS:
        assert got[table] == want[table], table
