"""The corpus side measured: ingest throughput, the writer's share of the time, memory, store size, search latency.

    python bench/corpus.py [--articles 2000] [--copies 16] [--out bench/results/corpus.json]
    python bench/corpus.py --growth 100000 [--db postgresql://...] [--out bench/results/corpus-growth.json]

1. Builds a JSON Lines corpus of `--articles` articles from the repository's own invented articles
   (tests/articles, bench/webnews, examples), each given its own id, outlet, date and a closing line of its own so
   no two texts are alike.
2. Ingests it into a fresh SQLite store three times, each in a fresh process: 1 worker process, 2 worker processes,
   and a 2-worker Dask LocalCluster. For each: articles/s over the whole run (pipeline loading included), the
   writer's share of the wall time (store lookups and write transactions), the writer's peak RSS and the largest
   worker peak RSS, and the database size per 1,000 articles.
3. Grows a store to at least 100,000 quotations by writing the ingested results again under new ids, each copy a
   month later and its people renamed (the writer's own `Store.write`, so the rows and indexes are what an ingest
   makes), then times `quotewise.corpus.queries.search`
   over a fixed set of queries (words, phrases, OR, exclusions, with and without filters): p50 and p95.

`--growth N` measures instead what the writer's own work per article (speaker identities, duplicate groups,
statements, the rows and indexes) costs as a store grows to N articles: the invented texts are extracted once,
then written again and again by `Store.write` in transactions of 200, each time as a different story (every
fourth word replaced from the texts' own vocabulary, so no two are near-duplicates) quoting other people of the
same surnames (`_other_people`), except
that every tenth article is wire copy of an earlier one (a new headline line above the same text). It reports
the milliseconds per article of each block of 1,000 articles: time per article must not grow with the store.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SOURCES = ("tests/articles", "bench/webnews", "examples")
OUTLETS = ("Harbour Herald", "Valley Times", "Capital Post", "Coast Courier", "Northern Star")
CONFIGS = {"1 worker": ["--workers", "1"], "2 workers": ["--workers", "2"], "dask local:2": ["--dask", "local:2"]}
QUERIES = (
    "said", "council", "police", "rates", "government", "workers union", '"we will"', '"on monday"',
    "strike OR protest", "police -protest", "minister", "mayor", "budget", "hospital", "court", "water",
    "families wages", '"not going"', "election OR vote", "school",
)


def build_corpus(path: Path, count: int) -> int:
    texts = []
    for folder in SOURCES:
        texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / folder).glob("*.txt"))]
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = texts[n % len(texts)].rstrip("\n") + f"\nThis is report number {n} in the series.\n"
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            record = {"id": f"bench-{n}", "text": text, "outlet": OUTLETS[n % len(OUTLETS)],
                      "date": f"2022-{month:02d}-{day:02d}", "title": text.split("\n", 1)[0][:80]}
            out.write(json.dumps(record) + "\n")
    return len(texts)


def ingest_once(corpus: str, db: str, options: list[str]) -> dict[str, Any]:
    """One ingest in this process, as `quotewise ingest` runs it, with the writer's time and memory kept, and when
    the runner was ready and the first article came back (so start-up can be told from steady throughput)."""
    from quotewise.corpus.ingest import ingest
    from quotewise.corpus.store import Settings, Store
    from quotewise.io.archives import ArchiveReader
    from quotewise.options import ExtractOptions
    from quotewise.runner import Runner

    settings = Settings.of(ExtractOptions())
    store = Store.open(db)
    run_id = store.begin_run(settings, "bench/corpus.py", "bench")
    workers = int(options[1]) if options[0] == "--workers" else 0
    dask = options[1] if options[0] == "--dask" else None
    marks: dict[str, float] = {}

    def first(tally: Any) -> None:
        if tally.extracted and "first" not in marks:
            marks["first"], marks["first_count"] = time.perf_counter(), tally.extracted

    started = time.perf_counter()
    with Runner(ExtractOptions(settings.model), workers=workers, dask=dask) as runner:
        marks["ready"] = time.perf_counter()
        tally = ingest(ArchiveReader([corpus]), store, runner, settings, run_id, on_update=first)
        worker_kb = runner.worker_peak_kb
    seconds = time.perf_counter() - started
    store.finish_run(run_id, "finished", articles=tally.written, quotes=tally.quotes)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    size = os.path.getsize(db)
    steady = (tally.written - marks["first_count"]) / (started + seconds - marks["first"])
    return {
        "articles": tally.written, "quotes": tally.quotes, "failed": tally.failed, "seconds": round(seconds, 2),
        "articles_per_second": round(tally.written / seconds, 2),
        "start_seconds": round(marks["ready"] - started, 2),  # the pool or cluster started
        "first_article_seconds": round(marks["first"] - started, 2),  # pipelines loaded, a first batch parsed
        "steady_articles_per_second": round(steady, 2),  # from the first article back to the end
        "write_seconds": round(tally.write_seconds, 2), "write_share": round(tally.write_seconds / seconds, 4),
        "writer_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_mb": round(worker_kb / 1024, 1) if worker_kb else None,
        "db_bytes": size, "db_mb_per_1000_articles": round(size / 1e6 / tally.written * 1000, 2),
    }


def grow(source_db: str, db: str, copies: int) -> dict[str, Any]:
    """A store of `copies` times the source's articles, each copy under new ids, a month later, quoting other
    people, written by Store.write."""
    from quotewise.corpus import queries
    from quotewise.corpus.store import Settings, Store
    from quotewise.io.archives import text_hash

    source = Store.open(source_db, create=False)
    ids = queries.article_ids(source)
    stored = list(queries.stored_articles(source, ids))
    target = Store.open(db)
    settings = Settings("bench", "bench", None, "learned", "quotes")
    run_id = target.begin_run(settings, "bench/corpus.py grow", "bench")
    started = time.perf_counter()
    for copy in range(copies):
        batch = []
        for stored_article, result in stored:
            article = replace(stored_article, id=f"{stored_article.id}-copy{copy}", position=1,
                              date=_months_later(stored_article.date, copy))
            batch.append((article, text_hash(article.text), _other_people(result, copy)))
        for i in range(0, len(batch), 500):
            target.write(run_id, settings.key, batch[i : i + 500], [])
    seconds = time.perf_counter() - started
    grown = {"articles": target.count("articles"), "quotes": target.count("quotes"), "write_seconds": round(seconds, 1)}
    target.close()  # the last connection closed folds the write-ahead log into the database file
    source.close()
    return grown


def growth(db: str, total: int, block: int = 1000) -> dict[str, Any]:
    """Milliseconds per article written, block by block, as a store grows to `total` articles."""
    import quotewise
    from quotewise.corpus.store import Settings, Store
    from quotewise.io.archives import text_hash
    from quotewise.records import Article

    texts = []
    for folder in SOURCES:
        texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / folder).glob("*.txt"))]
    results = list(quotewise.extract_many(texts))
    vocabulary = sorted({w for t in texts for w in t.split() if w.isalpha()})
    rng = random.Random(11)
    store = Store.open(db)
    settings = Settings("bench", "bench", None, "learned", "quotes")
    run_id = store.begin_run(settings, "bench/corpus.py --growth", "bench")
    written: list[tuple[Article, str, Any]] = []
    blocks = []
    batch: list[tuple[Article, str, Any]] = []
    started = time.perf_counter()
    for n in range(total):
        if n % 10 == 9:  # wire copy of an earlier article, under another outlet's headline
            earlier, _, result = written[rng.randrange(len(written))]
            text = f"Syndicated: {earlier.id}\n{earlier.text}"
        else:
            k = n % len(texts)
            words = texts[k].split(" ")
            text = " ".join(rng.choice(vocabulary) if i % 4 == 3 else w for i, w in enumerate(words))
            result = _other_people(results[k], n)
        article = Article(f"g{n}", text, "growth", n, outlet=OUTLETS[n % len(OUTLETS)],
                          date=_months_later("2015-01-01", n // 2000))
        batch.append((article, text_hash(text), result))
        if n % 10 != 9:
            written.append((article, "", result))
        if len(batch) == 200:
            store.write(run_id, settings.key, batch, [])
            batch = []
        if (n + 1) % block == 0:
            now = time.perf_counter()
            blocks.append(round(1000 * (now - started) / block, 2))
            started = now
            if len(blocks) % 10 == 0:
                print(f"growth: {n + 1:,} articles, {blocks[-1]} ms per article", file=sys.stderr)
    if batch:
        store.write(run_id, settings.key, batch, [])
    found = {"articles": store.count("articles"), "quotes": store.count("quotes"),
             "speakers": store.count("speakers"),
             "groups": store.execute(select_groups())[0][0]}
    store.close()
    marks = {f"at {k:,}": blocks[k // block - 1] for k in (block, 10_000, 100_000) if k <= total}
    return {"store": found, "block": block, "ms_per_article": marks, "blocks": blocks,
            "last_over_first_10": round(statistics.mean(blocks[-10:]) / statistics.mean(blocks[:10]), 2)}


def select_groups() -> Any:
    from sqlalchemy import distinct, func, select

    from quotewise.corpus.schema import articles

    return select(func.count(distinct(articles.c.duplicate_group)))


def _months_later(date: str | None, months: int) -> str | None:
    """A copy's date: each copy a month later than the one before, so the grown store spans years."""
    if not date:
        return date
    year, month, day = (int(x) for x in date.split("-"))
    total = year * 12 + month - 1 + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}-{day:02d}"


def _other_people(result: Any, copy: int) -> Any:
    """A copy's people are other people (organisations stay the same): a grown archive quotes ever more people,
    and ever more of them share a surname. Each copy's given names end in a code of four letters its own ("Ana
    Ruiz" becomes "Anabcda Ruiz", the first copy's too), and its surnames stay, so the lookups by surname that the
    possible same person list makes meet thousands of Ruizes; codes of one length never begin one another, so no
    pair is doubted."""
    code = "".join(chr(ord("a") + (copy // 26 ** k) % 26) for k in range(4))

    def renamed(name: str | None) -> str | None:
        if not name:
            return name
        given, *rest = name.split(" ")
        return " ".join([given + code, *rest])

    persons = {p.name for p in result.people}
    quotes = tuple(replace(q, speaker_name=renamed(q.speaker_name)) if q.speaker_name in persons else q
                   for q in result.quotes)
    return replace(result, quotes=quotes, people=tuple(replace(p, name=renamed(p.name)) for p in result.people))


def search_latency(db: str, rounds: int) -> dict[str, Any]:
    from quotewise.corpus import queries
    from quotewise.corpus.store import Store

    store = Store.open(db, create=False)
    cases = [(q, queries.Filters()) for q in QUERIES]
    cases += [(q, queries.Filters(outlet="Valley Times")) for q in QUERIES[:5]]
    cases += [(q, queries.Filters(since="2022-03-01", until="2022-06-30", kind="person")) for q in QUERIES[5:10]]
    cases += [(None, queries.Filters(speaker="Ruiz")), (None, queries.Filters(org="police"))]
    for text, filters in cases:  # warm the page cache once
        queries.search(store, text, filters)
    times = []
    hits = 0
    for _ in range(rounds):
        for text, filters in cases:
            started = time.perf_counter()
            hits += len(queries.search(store, text, filters, limit=20))
            times.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(times), "distinct_queries": len(cases), "limit": 20, "mean_hits": round(hits / len(times), 1),
        **percentiles(times, 2),
    }


def percentiles(times: list[float], digits: int) -> dict[str, float]:
    """p50, p95 and max of timings in milliseconds (p95: the value 95 % of the timings are at or under)."""
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), digits),
            "p95_ms": round(times[math.ceil(0.95 * len(times)) - 1], digits), "max_ms": round(times[-1], digits)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--copies", type=int, default=16, help="copies of the ingested store for the search test")
    parser.add_argument("--rounds", type=int, default=10, help="times each search query is timed")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--growth", type=int, metavar="N", help="time the writer's work per article up to N")
    parser.add_argument("--db", metavar="URL", help="with --growth: grow this store (an empty PostgreSQL database, "
                        "postgresql://...) instead of a new SQLite file")
    parser.add_argument("--one", nargs=3, metavar=("CORPUS", "DB", "OPTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:  # a single ingest in a fresh process, so its peak memory is its own
        print(json.dumps(ingest_once(args.one[0], args.one[1], shlex.split(args.one[2]))))
        return

    from quotewise.pipeline import installed_model
    from quotewise.provenance import versions

    name, version = installed_model()
    measured = versions(name, version, "learned", "quotes")  # what runs, read before it runs
    if args.growth:
        with tempfile.TemporaryDirectory() as tmp:
            grown = growth(args.db or str(Path(tmp) / "growth.db"), args.growth)
        emit({"command": shlex.join(["python", "bench/corpus.py", *sys.argv[1:]]), "versions": measured,
              "machine": {"cpus": os.cpu_count(), "platform": sys.platform}, "growth": grown}, args.out)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        distinct = build_corpus(corpus, args.articles)
        print(f"corpus: {args.articles} articles from {distinct} distinct invented texts", file=sys.stderr)
        ingests = {}
        for label, options in CONFIGS.items():
            db = str(Path(tmp) / f"{label.replace(' ', '-').replace(':', '')}.db")
            command = [sys.executable, __file__, "--one", str(corpus), db, shlex.join(options)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            ingests[label] = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"{label}: {ingests[label]}", file=sys.stderr)
        grown_db = str(Path(tmp) / "grown.db")
        grown = grow(str(Path(tmp) / "2-workers.db"), grown_db, args.copies)
        print(f"grown store: {grown}", file=sys.stderr)
        search = search_latency(grown_db, args.rounds)
        print(f"search: {search}", file=sys.stderr)
    record = {
        "command": shlex.join(["python", "bench/corpus.py", *sys.argv[1:]]),
        "versions": measured,
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
        "corpus": {"articles": args.articles, "distinct_texts": distinct, "sources": list(SOURCES)},
        "ingest": ingests,
        "search": {"store": grown, **search},
    }
    emit(record, args.out)


def emit(record: dict[str, Any], out: Path | None) -> None:
    """The record on stdout, and in `out` when given (bench/results/...)."""
    text = json.dumps(record, indent=2)
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
