"""Where Dask's throughput goes, next to the process pool's: the same articles on both, runs interleaved.

    python bench/dask_overhead.py [--articles 1000] [--rounds 3] [--out bench/results/dask.json]

Builds the corpus `corpus.py` builds, then alternates a run on 2 local worker processes with one on a 2-worker
Dask LocalCluster (`--dask local:2`), `--rounds` times, through `quotewise.runner.Runner` (the run path `ingest`
and `extract` take), without a store. Each batch a worker parses reports its own thread's CPU time (the parse)
and its process's CPU time so far; the parent's own CPU time is taken around each run (a LocalCluster's scheduler
and the nannies that watch its workers live in the parent). Interleaving matters here: on a shared machine the
same run's speed drifts by 20 % over minutes, so only pairs run one after the other are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # worker processes import this module too

from corpus import build_corpus
from quotewise.options import ExtractOptions
from quotewise.runner import Runner, parse


def timed_parse(texts: list[str], options: ExtractOptions) -> tuple[list[Any], tuple[int, dict[str, float]]]:
    """The real job, with the CPU its thread spent on the batch and its process's CPU so far."""
    thread = time.thread_time()
    found, peak = parse(texts, options)
    process = os.times()
    return found, (peak, {"pid": os.getpid(), "parse_cpu": time.thread_time() - thread,
                          "process_cpu": process.user + process.system})


class TimedRunner(Runner):
    job = staticmethod(timed_parse)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.batches: list[dict[str, float]] = []

    def _file(self, pieces: Any, outcomes: Any, peak: Any, articles: Any) -> None:
        kb, info = peak
        self.batches.append(info)
        super()._file(pieces, outcomes, kb, articles)


def one_run(texts: list[str], **where: Any) -> dict[str, Any]:
    parent = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    with TimedRunner(ExtractOptions(), **where) as runner:
        ready = time.perf_counter()
        articles = sum(1 for _ in runner.map(enumerate(texts)))
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    workers: dict[int, float] = {}
    for batch in runner.batches:
        workers[int(batch["pid"])] = max(workers.get(int(batch["pid"]), 0.0), batch["process_cpu"])
    parse_cpu = sum(batch["parse_cpu"] for batch in runner.batches)
    return {
        "articles": articles, "seconds": round(seconds, 2), "articles_per_second": round(articles / seconds, 2),
        "start_seconds": round(ready - started, 2),
        "parse_cpu_seconds": round(parse_cpu, 1),  # the workers' parsing threads, on the batches alone
        "worker_process_cpu_seconds": round(sum(workers.values()), 1),  # with loading the pipeline and the rest
        # The parent reads and gathers; a LocalCluster's scheduler and the nannies watching its workers run here too.
        "parent_cpu_seconds": round(after.ru_utime + after.ru_stime - parent.ru_utime - parent.ru_stime, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    from quotewise.pipeline import resolve_model_name
    from quotewise.provenance import versions

    measured = versions(resolve_model_name(), cues="learned", scope="quotes")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        build_corpus(corpus, args.articles)
        texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    runs: dict[str, list[dict[str, Any]]] = {"2 workers": [], "dask local:2": []}
    for _ in range(args.rounds):
        for label, where in (("2 workers", {"workers": 2}), ("dask local:2", {"dask": "local:2"})):
            runs[label].append(one_run(texts, **where))
            print(label, runs[label][-1], file=sys.stderr, flush=True)
    ratios = [d["articles_per_second"] / p["articles_per_second"]
              for p, d in zip(runs["2 workers"], runs["dask local:2"], strict=True)]
    medians = {label: {key: statistics.median(r[key] for r in found) for key in found[0]}
               for label, found in runs.items()}
    record = {
        "command": shlex.join(["python", "bench/dask_overhead.py", *sys.argv[1:]]),
        "versions": measured, "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
        "articles": args.articles, "runs": runs, "medians": medians,
        "dask_to_pool_throughput": {"each_pair": [round(r, 3) for r in ratios],
                                    "median": round(statistics.median(ratios), 3)},
    }
    text = json.dumps(record, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
