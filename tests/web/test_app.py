"""The web app's routes over HTTP, without a browser: JSON twins, escaping, read-only, errors."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from quotewise.cli.web import serve_command
from quotewise.corpus import queries
from quotewise.corpus.store import Store
from quotewise.web.app import create_app


@pytest.fixture(scope="module")
def client(store_file) -> TestClient:
    return TestClient(create_app(str(store_file)))


def test_every_page_answers_and_has_its_json_twin(client):
    for url, twin in (("/", "/index.json"), ("/articles/herald-1", "/articles/herald-1.json"),
                      ("/speakers/1", "/speakers/1.json"), ("/search?q=port", "/search.json?q=port"),
                      ("/dashboard", "/dashboard.json"), ("/runs", "/runs.json")):
        page = client.get(url)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), url
        data = client.get(twin)
        assert data.status_code == 200 and data.headers["content-type"] == "application/json", twin
        assert f'href="{twin.replace("&", "&amp;")}"' in page.text, f"{url} links to its twin"


def test_article_twin_holds_what_the_store_holds(client, store_file):
    data = client.get("/articles/herald-1.json").json()
    store = Store.open(str(store_file), read_only=True)
    _, result = queries.article(store, "herald-1")
    assert [q["text"] for q in data["quotes"]] == [q.text for q in result.quotes]
    assert [q["speaker_name"] for q in data["quotes"]] == [q.speaker_name for q in result.quotes]
    assert data["article"]["outlet"] == "Harbour Herald" and data["article"]["url"] == "https://herald.example/port"
    shown = "".join(seg["text"] for line in data["paragraphs"] for seg in line)
    assert shown == "".join(line for line in data["text"].splitlines())


def test_hostile_text_is_escaped_and_scripts_are_forbidden(client):
    hostile = next(a["id"] for a in client.get("/index.json").json()["recent"]
                   if client.get(f"/articles/{a['id'].replace(':', '%3A')}.json").json()["heading"] == "hostile.txt")
    page = client.get("/articles/" + hostile.replace(":", "%3A"))
    assert "<script>" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt;" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert 'href="javascript:' not in client.get("/articles/times-1").text


def test_missing_things_are_404_in_both_forms(client):
    assert client.get("/articles/nope").status_code == 404
    missing = client.get("/speakers/Nobody.json")
    assert missing.status_code == 404 and "Nobody" in missing.json()["error"]


def test_bad_input_is_a_message_not_a_crash(client):
    assert client.get("/search?since=yesterday").status_code == 400
    page = client.get("/search?q=police OR")
    assert page.status_code == 200 and "[QW210]" not in page.text and "has nothing after it" in page.text
    assert client.get("/search.json?q=(police").json()["error"].startswith('"(" is never closed')
    without = client.get("/search.json?q=-police").json()  # exclusions alone are a search, not an error
    police, every = (client.get(f"/search.json{q}").json()["total"] for q in ("?q=police", ""))
    assert "error" not in without and 0 < without["total"] == every - police
    assert client.get("/search?page=banana").status_code == 200


def test_no_route_writes(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/search").status_code == 405


def test_the_store_is_opened_read_only(store_file):
    store = Store.open(str(store_file), read_only=True)
    with pytest.raises(OperationalError, match=r"readonly|read-only|query_only"), store.engine.begin() as conn:
        conn.execute(text("DELETE FROM quotes"))
    assert store.count("quotes") > 0


def test_facet_counts_match_what_clicking_them_finds(client):
    data = client.get("/search.json?q=said OR port OR council").json()
    for value in data["facets"]["kind"]:
        narrowed = client.get(f"/search.json?q=said OR port OR council&kind={value['value']}").json()
        assert narrowed["total"] == value["count"]


def test_serve_binds_localhost_unless_told():
    host = next(p for p in serve_command.params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.pipeline
def test_show_extracts_one_article_and_serves_its_page(tmp_path):
    article = tmp_path / "note.txt"
    article.write_text('"We open on Monday," said Mayor Ana Ruiz.\n', encoding="utf-8")
    command = [str(Path(sys.executable).parent / "quotewise"), "show", str(article), "--no-open"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/articles/sha256%3A[0-9a-f]{32}", url), url
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url, timeout=2).read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(0.2)
        assert "Ana Ruiz" in page and 'class="q t-direct' in page
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.pipeline
def test_cached_pages_follow_an_ingest_into_the_store(tmp_path):
    from click.testing import CliRunner

    from quotewise.cli.app import cli

    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text('"We open on Monday," said Mayor Ana Ruiz.\n', encoding="utf-8")
    second.write_text('"The pipes are old," said engineer Tom Baker.\n', encoding="utf-8")
    db = str(tmp_path / "live.db")
    assert CliRunner().invoke(cli, ["ingest", "--db", db, "--workers", "0", str(first)]).exit_code == 0
    live = TestClient(create_app(db))
    assert live.get("/index.json").json()["articles"] == 1
    assert live.get("/dashboard.json").json()["total"] == 1
    assert CliRunner().invoke(cli, ["ingest", "--db", db, "--workers", "0", str(second)]).exit_code == 0
    assert live.get("/index.json").json()["articles"] == 2
    assert live.get("/dashboard.json").json()["total"] == 2
    assert live.get("/search.json?q=pipes").json()["total"] == 1
