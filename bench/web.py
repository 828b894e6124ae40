"""How long the web app's pages take on a large store: p50 and p95 per page, target under 200 ms.

    python bench/web.py [--articles 2000] [--copies 8 16] [--rounds 10] [--out bench/results/web.json]
    python bench/web.py --db STORE [--rounds 10]            # time pages on a store you already have

Without --db it builds the stores as bench/corpus.py does: one ingest of --articles invented articles with 2
workers, grown to each --copies times its articles (by default about 110,000 and 220,000 quotations: the target's
100,000 and twice that). Each page is requested through the app in this process (FastAPI's TestClient: routing,
queries, templates, the response) on a fresh app, so its first request finds nothing cached
(`first_request_max_ms`: what a reader waits for when the store has just changed), then `--rounds` times more.
"""

from __future__ import annotations

import argparse
import math
import os
import shlex
import statistics
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
    speakers = [s["speaker"] for s in home["top_speakers"][:5]]
    return {
        "start": ["/"],
        "article": [f"/articles/{quote(i, safe='')}" for i in ids],
        "article.json": [f"/articles/{quote(i, safe='')}.json" for i in ids],
        "speaker": [f"/speakers/{quote(s, safe='')}" for s in speakers],
        "search (text)": [f"/search?q={quote(q)}" for q in ("council", '"we will"', "police -protest", "vote OR poll")],
        "search (text + facets)": ["/search?q=said&kind=person", "/search?q=council&outlet=Valley+Times&type=direct",
                                   "/search?q=government&gender=female&since=2022-03-01&until=2022-06-30"],
        "search (facets only)": ["/search?kind=organization", "/search?outlet=Capital+Post&page=3"],
        "dashboard": ["/dashboard", "/dashboard?outlet=Valley+Times"],
        "runs": ["/runs"],
    }


def time_pages(db: str, rounds: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from quotewise.web.app import create_app

    chosen = pages(TestClient(create_app(db)))
    client = TestClient(create_app(db))  # a fresh app: nothing cached, so first requests are cold
    found: dict[str, Any] = {}
    for name, urls in chosen.items():
        cold = []
        for url in urls:  # the first request: nothing cached yet for this state of the store
            started = time.perf_counter()
            assert client.get(url).status_code == 200, url
            cold.append((time.perf_counter() - started) * 1000)
        times = []
        for _ in range(rounds):
            for url in urls:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, url
        times.sort()
        found[name] = {"requests": len(times), "p50_ms": round(statistics.median(times), 1),
                       "p95_ms": round(times[math.ceil(0.95 * len(times)) - 1], 1), "max_ms": round(times[-1], 1),
                       "first_request_max_ms": round(max(cold), 1)}
        print(f"{name}: {found[name]}", file=sys.stderr)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="time pages on this store instead of building one")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--copies", type=int, nargs="+", default=[8, 16])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from sqlalchemy import select

    from quotewise.corpus.schema import quotes
    from quotewise.corpus.store import Store
    from quotewise.provenance import versions

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
                    "speakers": len(store.execute(select(quotes.c.speaker_name).distinct())),
                    "db_mb": round(os.path.getsize(db) / 1e6, 1)}
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
