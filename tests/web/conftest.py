"""A store with the reference article, invented articles and a hostile one, served by the real `quotewise serve`;
a store of the invented archive of wire copies; a store holding one 20 MB article; the PostgreSQL server of the
store's tests."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bigarticle import big_article, write_store
from click.testing import CliRunner

from quotewise.cli.app import cli
from quotewise.records import Article, ArticleResult

ROOT = Path(__file__).parents[2]
SEED = ROOT.parent / "shared" / "seed"
OUTPUT = ROOT / "test-output"
ARCHIVE = ROOT / "tests" / "corpus" / "archive" / "news.jsonl"
HOSTILE = (
    "Hostile page test\n"
    "<script>alert('owned')</script> The council said <img src=x onerror=\"alert('img')\"> it would meet.\n"
    "\"We will not be bullied by <b>anyone</b>,\" said Mayor Ana Ruiz.\n"
)
ARTICLES = [
    {"id": "herald-1", "outlet": "Harbour Herald", "date": "2022-02-10", "title": "Port to reopen on Monday",
     "url": "https://herald.example/port",
     "text": "Mayor Ana Ruiz said on Thursday that the harbour would reopen on Monday.\n"
             "\"We will not let the port stand idle while families wait,\" she said.\n"
             "The Port Workers Union said in a statement that its members would return to work.\n"
             "\"Our offer remains on the table,\" said David Liu, chief executive of Southern Ports.\n"},
    {"id": "times-1", "outlet": "Valley Times", "date": "2022-03-05", "title": "Rates to rise",
     "url": "javascript:alert('url')",
     "text": "Ratepayers face a four percent rise, Mayor Ana Ruiz told a public meeting on Friday.\n"
             "\"Nobody likes paying more, but the pipes are a hundred years old,\" Ruiz said.\n"
             "Police said the protest outside the council chambers had been peaceful.\n"},
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def store_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    (folder / "news.jsonl").write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    inputs = [str(folder / "news.jsonl"), str(folder / "hostile.txt")]
    if (SEED / "wellington-occupation.txt").is_file():
        inputs.append(str(SEED / "wellington-occupation.txt"))
    db = folder / "web.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "0", *inputs])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def archive_file(tmp_path_factory) -> Path:
    """A store of the invented archive (tests/corpus/archive): wire copies, a story stored twice, shared surnames."""
    db = tmp_path_factory.mktemp("archive") / "archive.db"
    result = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--workers", "0", str(ARCHIVE)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def archive_server(archive_file) -> Iterator[str]:
    process, url = start_server(archive_file)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def big(tmp_path_factory) -> tuple[Path, Article, ArticleResult]:
    """A store whose article "big" is 20 MB of text with over 200,000 quotations (`bigarticle`), with a short
    article beside it; the store's path, the big article and its result."""
    article, result = big_article(20_000_000)
    short = Article("short", "\"We open on Monday,\" said Ana Ruiz.\n", "short.txt", 1)
    db = tmp_path_factory.mktemp("big") / "big.db"
    write_store(str(db), [(article, result), (short, ArticleResult())]).close()
    return db, article, result


def start_server(db: Path | str) -> tuple[subprocess.Popen[bytes], str]:
    """`quotewise serve DB` on a free port of 127.0.0.1, once it answers: the process and its URL."""
    port = _free_port()
    command = [str(Path(sys.executable).parent / "quotewise"), "serve", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/index.json", timeout=2).read()
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"quotewise serve did not start: {process.stderr.read().decode()}") from None
            time.sleep(0.2)


@pytest.fixture
def serve() -> Iterator[Callable[[Path | str], tuple[subprocess.Popen[bytes], str]]]:
    """`start_server` for one test; whatever it started and is still running is killed after the test."""
    started: list[subprocess.Popen[bytes]] = []

    def start(db: Path | str) -> tuple[subprocess.Popen[bytes], str]:
        process, url = start_server(db)
        started.append(process)
        return process, url

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(store_file) -> Iterator[str]:
    """The real command, on a free port of 127.0.0.1, for as long as the tests need it."""
    process, url = start_server(store_file)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def big_server(big) -> Iterator[str]:
    process, url = start_server(big[0])
    yield url
    process.terminate()
    process.wait(timeout=10)


def _postgres_fixtures() -> object:
    """The store tests' throwaway PostgreSQL server (tests/corpus/conftest.py), loaded from there, not copied."""
    spec = importlib.util.spec_from_file_location("quotewise_postgres_fixtures", ROOT / "tests/corpus/conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_postgres = _postgres_fixtures()
postgres_server, pg_store_url = _postgres.postgres_server, _postgres.pg_store_url  # type: ignore[attr-defined]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    executable = chromium_path()
    if executable is None:
        pytest.skip("no chromium on PATH: install Debian's chromium package (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def sized_page(browser, request):
    """A page whose viewport is `request.param` pixels wide (parametrize with indirect=True)."""
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def seed() -> Path:
    return SEED


@pytest.fixture(scope="session")
def output() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
