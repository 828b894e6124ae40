"""How long the web app's pages take on a large store: p50 and p95 per page, target under 200 ms.

    python bench/web.py [--articles 2000] [--copies 8 16] [--rounds 10] [--out bench/results/web.json]
    python bench/web.py --db STORE [--rounds 10]            # time pages on a store you already have
    python bench/web.py --huge 20 50 [--rounds 10]          # the parts of one article of 20 and of 50 MB

Without --db it builds the stores as bench/corpus.py does: one ingest of --articles invented articles with 2
workers, grown to each --copies times its articles (by default about 110,000 and 220,000 quotations: the target's
100,000 and twice that). Each page is requested through the app in this process (FastAPI's TestClient: routing,
queries, templates, the response). `uncached`: `--rounds` requests of each URL with the app's cache emptied
before each, as an ingest writing to the store empties it: what a reader waits for when nothing is cached.
`cached`: `--rounds` more with the cache kept (the app caches the start page, the dashboard and searches; other
pages are computed every time). `first_request_ms`: the slowest of the page's URLs on its first request, in an
app started fresh before the first page is timed (each page's template is compiled on its first request).

`--huge`: instead, one article of that many million characters, the invented text the web tests use
(tests/web/bigarticle.py: about one quotation per 90 characters), written straight to a store of its own. Its page
is shown in parts: the first, middle and last parts and the middle one's JSON are timed, `uncached` with the app's
cache emptied before each request (the article's counts, speakers and people read again), `cached` with them kept.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (bench/corpus.py: the same corpus and store-growing code)


def pages(client: Any) -> dict[str, list[str]]:
    """The URLs timed for each page, chosen from the store itself."""
    home = client.get("/index.json").json()
    ids = [a["id"] for a in home["recent"][:5]]
    speakers = [str(s["speaker_id"]) for s in home["top_speakers"][:5]]  # identities' pages
    hits = client.get("/search.json?q=said").json()["results"]
    statements = [quote(h["statement_id"], safe="") for h in hits[:5] if h["statement_id"]]
    return {
        "start": ["/"],
        "article": [f"/articles/{quote(i, safe='')}" for i in ids],
        "article.json": [f"/articles/{quote(i, safe='')}.json" for i in ids],
        "speaker": [f"/speakers/{quote(s, safe='')}" for s in speakers],
        "search (text)": [f"/search?q={quote(q)}" for q in ("council", '"we will"', "police -protest", "vote OR poll")],
        "search (text + facets)": ["/search?q=said&kind=person", "/search?q=council&outlet=Valley+Times&type=direct",
                                   "/search?q=government&gender=female&since=2022-03-01&until=2022-06-30"],
        "search (facets only)": ["/search?kind=organization", "/search?outlet=Capital+Post&page=3"],
        "search (no query)": ["/search", "/search?count=appearances"],
        "statement": [f"/statements/{s}" for s in statements],
        "possible same person": ["/possible-same"],
        "dashboard": ["/dashboard", "/dashboard?outlet=Valley+Times"],
        "runs": ["/runs"],
    }


def _summary(times: list[float]) -> dict[str, Any]:
    return {"requests": len(times), **corpus.percentiles(times, 1)}


def _timed(client: Any, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, url
    return elapsed


def time_pages(db: str, rounds: int) -> dict[str, Any]:
    """Per page: its first request in a fresh app, then `rounds` uncached requests (the app's cache emptied before
    each, as an ingest writing to the store empties it) and `rounds` cached ones."""
    from fastapi.testclient import TestClient

    from quotewise.web.app import create_app

    chosen = pages(TestClient(create_app(db)))
    app = create_app(db)  # a fresh app: nothing cached, templates not yet compiled
    client = TestClient(app)
    found: dict[str, Any] = {}
    for name, urls in chosen.items():
        first = max(_timed(client, url) for url in urls)
        uncached = []
        for _ in range(rounds):
            for url in urls:
                app.state.answers.entries.clear()
                uncached.append(_timed(client, url))
        cached = [_timed(client, url) for _ in range(rounds) for url in urls]
        found[name] = {"uncached": _summary(uncached), "cached": _summary(cached),
                       "first_request_ms": round(first, 1)}
        print(f"{name}: {found[name]}", file=sys.stderr)
    return found


def time_huge(millions: float, rounds: int) -> dict[str, Any]:
    """The parts of one article of `millions` million characters, in a store of its own."""
    from fastapi.testclient import TestClient

    from quotewise.web.app import create_app

    sys.path.insert(0, str(HERE.parent / "tests" / "web"))
    from bigarticle import big_article, write_store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "huge.db")
        article, result = big_article(int(millions * 1_000_000))
        write_store(db, [(article, result)]).close()
        size = {"characters": len(article.text), "quotes": len(result.quotes), "people": len(result.people)}
        del article, result
        app = create_app(db)
        client = TestClient(app)
        count = client.get("/articles/big.json").json()["part"]["count"]
        middle = (count + 1) // 2
        urls = {"first part": "/articles/big", "middle part": f"/articles/big?part={middle}",
                "last part": f"/articles/big?part={count}", "middle part JSON": f"/articles/big.json?part={middle}"}
        found: dict[str, Any] = {}
        for name, url in urls.items():
            uncached = []
            for _ in range(rounds):
                app.state.answers.entries.clear()
                uncached.append(_timed(client, url))
            cached = [_timed(client, url) for _ in range(rounds)]
            found[name] = {"uncached": _summary(uncached), "cached": _summary(cached)}
            print(f"{millions:g} million characters, {name}: {found[name]}", file=sys.stderr)
        return {"article": {**size, "parts": count}, "pages": found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="time pages on this store instead of building one")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--copies", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--huge", type=float, nargs="+", metavar="MILLIONS",
                        help="time the parts of one article of this many million characters instead")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from quotewise.provenance import versions

    if args.huge:
        record = {"command": shlex.join(["python", "bench/web.py", *sys.argv[1:]]), "versions": versions(),
                  "huge": [time_huge(m, args.rounds) for m in args.huge]}
        corpus.emit(record, args.out)
        return

    from sqlalchemy import select

    from quotewise.corpus.schema import quotes
    from quotewise.corpus.store import Store

    stores = []
    with tempfile.TemporaryDirectory() as tmp:
        dbs = [args.db] if args.db else []
        if not dbs:
            source = Path(tmp) / "corpus.jsonl"
            corpus.build_corpus(source, args.articles)
            ingested = str(Path(tmp) / "ingested.db")
            command = [sys.executable, str(HERE / "corpus.py"), "--one", str(source), ingested, "--workers 2"]
            subprocess.run(command, check=True, capture_output=True, text=True)
            for copies in args.copies:
                dbs.append(str(Path(tmp) / f"grown-{copies}.db"))
                corpus.grow(ingested, dbs[-1], copies)
        for db in dbs:
            store = Store.open(db, read_only=True)
            size = {"articles": store.count("articles"), "quotes": store.count("quotes"),
                    "speakers": len(store.execute(select(quotes.c.speaker_name).where(
                        quotes.c.speaker_name.is_not(None)).distinct()))}
            if os.path.isfile(db):  # a SQLite file; closing the store folded its write-ahead log into it
                size["db_mb"] = round(os.path.getsize(db) / 1e6, 1)
            store.close()
            print(f"store: {size}", file=sys.stderr)
            stores.append({"store": size, "pages": time_pages(db, args.rounds)})
    record = {
        "command": shlex.join(["python", "bench/web.py", *sys.argv[1:]]),
        "versions": versions(),
        "stores": stores,
    }
    corpus.emit(record, args.out)


if __name__ == "__main__":
    main()
