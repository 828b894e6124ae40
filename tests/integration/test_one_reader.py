"""One reader, one run path: `extract` gives, for an HTML page, a JSON Lines, a CSV and a WARC file, the quotations
`ingest` stores from the same file, and both report the same error pages.

The fixtures are invented news, dressed as scraped pages are: navigation, a standfirst, related-story links, a
footer, a cookie banner.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from quotewise.cli import cli
from quotewise.corpus import queries
from quotewise.corpus.store import Store

pytestmark = pytest.mark.pipeline

FERRY = (
    "Ferry services across the Harbour Gulf will resume on Thursday after a two-day strike, the operator said.\n"
    '"It is not everything we asked for, but it is a fair deal," union organiser Keri Walsh said outside the '
    "terminal on Wednesday evening.\n"
    "Walsh said members had voted by a wide margin to accept the revised offer, which adds a fatigue allowance.\n"
    '"We will be back on the water at six," operations manager Tomas Berg told reporters. "Passengers should '
    'check the timetable before they travel."\n'
)
LIBRARY = (
    "The city council has voted to keep the Eastside library open on Sundays until the end of the year.\n"
    '"This building is the only warm room some of our residents have," councillor Amara Osei said during the '
    "debate.\n"
    "Council finance chair Peter Lund said the extra hours would cost about $80,000 and be met from reserves.\n"
)
FLOOD = (
    "Residents of low-lying streets in Millbrook were told to move their cars before high tide on Saturday.\n"
    '"Do not drive through flood water, ever," fire chief Rana Haddad said.\n'
)


def web_page(title: str, text: str, standfirst: str) -> str:
    """A news page as a crawler saves it: the article among the site's furniture."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | The Gulf Courier</title><meta property='og:site_name' content='The Gulf Courier'>"
        "<meta name='date' content='2024-04-02'></head><body>"
        "<div class='cookie-banner'>We use cookies to improve your experience. <a href='/privacy'>Accept</a></div>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/local'>Local</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<main><article><h1>{title}</h1><p class='standfirst'>{standfirst}</p>"
        "<p class='byline'>By Staff Reporter</p>"
        f"{paragraphs}</article>"
        "<aside><h2>Related stories</h2><ul><li><a href='/a'>Mayor says port upgrade on track</a></li>"
        "<li><a href='/b'>Insurance costs rise after storm season</a></li></ul></aside></main>"
        "<footer><p>© 2024 The Gulf Courier. All rights reserved.</p><a href='/contact'>Contact us</a></footer>"
        "</body></html>"
    )


NOT_FOUND = (
    "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><nav><a href='/'>Home</a></nav>"
    "<h1>Page not found</h1><p>Sorry, the page you were looking for does not exist. It may have moved.</p>"
    "</body></html>"
)


def write_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for uri, status, kind, payload in [
            ("https://gulfcourier.example/ferry", "200 OK", "text/html; charset=utf-8",
             web_page("Ferries to resume", FERRY, "The strike is over.")),
            ("https://gulfcourier.example/logo.png", "200 OK", "image/png", "\x89PNG not text"),
            ("https://gulfcourier.example/gone", "404 Not Found", "text/html", NOT_FOUND),
            ("https://gulfcourier.example/library", "200 OK", "text/html",
             web_page("Library keeps Sunday hours", LIBRARY, "A win for residents.")),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    made = {
        "html": tmp_path / "ferry.html",
        "jsonl": tmp_path / "export.jsonl.gz",
        "csv": tmp_path / "desk.csv",
        "warc": tmp_path / "crawl.warc.gz",
    }
    made["html"].write_text(web_page("Ferries to resume", FERRY, "The strike is over."), encoding="utf-8")
    records = [
        {"id": "lib-1", "body": LIBRARY, "published": "April 2, 2024", "site_name": "The Gulf Courier"},
        {"id": "flood-1", "body": web_page("Flood warning", FLOOD, "High tide at noon."), "url": "https://x.example/f"},
        {"id": "gone-1", "body": NOT_FOUND, "status": 404},
    ]
    made["jsonl"].write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    with made["csv"].open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["guid", "headline", "story", "pubdate"])
        writer.writerow(["ferry-9", "Ferries to resume", FERRY, "02/04/2024"])
        writer.writerow(["flood-9", "Flood warning", FLOOD, "1712052000"])
    write_warc(made["warc"])
    return made


def cli_run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("fmt", ["html", "jsonl", "csv", "warc"])
def test_extract_gives_what_ingest_stores(inputs, tmp_path, fmt):
    path = str(inputs[fmt])
    extracted = cli_run("extract", "--format", "jsonl", path)
    db = str(tmp_path / f"{fmt}.db")
    ingested = cli_run("ingest", "--db", db, "--workers", "0", path)
    assert extracted.exit_code == ingested.exit_code, (extracted.stderr, ingested.stderr)

    found = [json.loads(line) for line in extracted.stdout.splitlines()]
    store = Store.open(db, read_only=True)
    ids = queries.article_ids(store)
    stored = {article.id: (article, result) for article, result in queries.stored_articles(store, ids)}
    assert sorted(r["article_id"] for r in found) == sorted(stored)
    assert found, "each fixture holds at least one article"
    for record in found:
        article, result = stored[record["article_id"]]
        assert record["quotes"] == [q.to_dict() for q in result.quotes]
        assert record["people"] == [p.to_dict() for p in result.people]
        assert (record["title"], record["date"], record["outlet"], record["url"]) == (
            article.title, article.date, article.outlet, article.url)
        assert "<" not in json.dumps(record["quotes"])  # markup never reaches a quotation
    assert all(r["quotes"] for r in found)

    codes = sorted(line.split("]")[0] for line in extracted.stderr.splitlines() if line.startswith("Error:"))
    failed = store.execute(text("SELECT code FROM errors WHERE NOT skipped"))
    assert codes == sorted(f"Error: [{code}" for (code,) in failed)


def test_the_page_and_the_error_pages(inputs):
    page = json.loads(cli_run("extract", "--format", "json", str(inputs["html"])).stdout)
    assert {q["speaker_name"] for q in page["quotes"]} >= {"Keri Walsh", "Tomas Berg"}
    assert all(q["speaker_name"] not in ("Mayor", "Insurance") for q in page["quotes"])  # related stories aren't news
    warc = cli_run("extract", "--format", "jsonl", str(inputs["warc"]))
    assert warc.exit_code == 1
    assert warc.stderr.count("\n") == 1 and "[QW122]" in warc.stderr and "HTTP 404" in warc.stderr
    archive = cli_run("extract", "--format", "jsonl", str(inputs["jsonl"]))
    assert "[QW122]" in archive.stderr and ":3:" in archive.stderr
    dates = {json.loads(line)["article_id"]: json.loads(line)["date"]
             for line in cli_run("extract", "--format", "jsonl", str(inputs["csv"])).stdout.splitlines()}
    assert dates == {"ferry-9": "2024-02-04", "flood-9": "2024-04-02"}  # 02/04/2024 month first by default
    dmy = cli_run("extract", "--format", "jsonl", "--date-order", "DMY", str(inputs["csv"])).stdout.splitlines()
    assert json.loads(dmy[0])["date"] == "2024-04-02"


def test_extract_csv_and_export_csv_are_the_same_table(inputs, tmp_path):
    db = str(tmp_path / "store.db")
    extracted = cli_run("extract", "--format", "csv", str(inputs["warc"]), str(inputs["jsonl"]))
    assert cli_run("ingest", "--db", db, "--workers", "0", str(inputs["warc"]), str(inputs["jsonl"])).exit_code == 1
    assert cli_run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "export.csv")).exit_code == 0
    exported = (tmp_path / "export.csv").read_text(encoding="utf-8")
    mine, theirs = (list(csv.DictReader(io.StringIO(text))) for text in (extracted.stdout, exported))
    assert extracted.stdout.splitlines()[0] == exported.splitlines()[0]
    key = lambda row: (row["article_id"], int(row["n"]))  # noqa: E731  (export orders by article id)
    stored = ("speaker_id", "statement_id", "duplicate_group")  # what only a store knows: empty in extract's table
    assert all(row[c] == "" for row in mine for c in stored)
    assert all(row["statement_id"] and row["duplicate_group"] for row in theirs)
    assert sorted(mine, key=key) == sorted(({**row, **dict.fromkeys(stored, "")} for row in theirs), key=key)
    assert len(mine) > 5
