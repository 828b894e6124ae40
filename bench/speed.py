"""How much slower quotewise is than the spaCy pipeline it runs on, measured on one CPU core.

Times (a) the bare pipeline (`spacy.load` + `nlp.pipe`, no quotewise component) and (b) `quotewise.extract_many`
end to end on the same *.txt files with the same model, and prints both throughputs and their ratio under a
header naming every version that affects the figures. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
WARMUP_TEXTS = 5


def pin_to_one_core() -> int | None:
    """Limit BLAS/OpenMP to one thread and the process to one CPU; return that CPU if pinning is supported.

    Must run before numpy or spaCy is imported: their thread pools are sized at import time.
    """
    for var in THREAD_VARS:
        os.environ[var] = "1"
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def timed_runs(passes: dict[str, Callable[[], object]], repeats: int) -> dict[str, list[float]]:
    """Time each pass `repeats` times, interleaved so slow drift (thermal, noisy neighbours) hits all alike."""
    runs: dict[str, list[float]] = {name: [] for name in passes}
    for _ in range(repeats):
        for name, run in passes.items():
            start = time.perf_counter()
            run()
            runs[name].append(time.perf_counter() - start)
    return runs


def figures(runs: list[float], articles: int, words: int) -> dict[str, Any]:
    seconds = statistics.median(runs)
    return {
        "seconds": seconds,
        "runs": runs,
        "articles_per_s": articles / seconds,
        "words_per_s": words / seconds,
    }


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput of quotewise vs. the bare spaCy pipeline, on one CPU core.",
        epilog="Example: python bench/speed.py /path/to/PolNeAR/data/dev/text --n 50 --out speed.json",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="directory whose *.txt files (recursively) are the texts")
    parser.add_argument("--n", type=int, metavar="N", help="use only the first N files (sorted by path)")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: the one quotewise would pick)")
    parser.add_argument("--cues", default="learned", choices=["rules", "learned"], help="quotewise cue finder")
    parser.add_argument("--repeats", type=int, default=3, metavar="R", help="timed passes each (default: 3)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        parser.error(f"{args.dir} is not a directory")
    if args.repeats < 1 or (args.n is not None and args.n < 1):
        parser.error("--n and --repeats must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cpu = pin_to_one_core()

    import spacy

    import quotewise
    from quotewise.io.readers import read_text
    from quotewise.pipeline import resolve_model_name
    from quotewise.provenance import versions

    paths = sorted(args.dir.rglob("*.txt"))[: args.n]
    if not paths:
        sys.exit(f"error: no *.txt files under {args.dir}")
    try:
        texts = [read_text(str(p)) for p in paths]
        name = resolve_model_name(args.model)
        nlp = spacy.load(name)
        # Warm-up, untimed: loads quotewise's own copy of the pipeline and fills lazy caches in both.
        deque(nlp.pipe(texts[:WARMUP_TEXTS]), maxlen=0)
        deque(quotewise.extract_many(texts[:WARMUP_TEXTS], model=name, cues=args.cues), maxlen=0)
    except quotewise.QuotewiseError as err:
        sys.exit(f"error: {err}")
    except OSError as err:
        sys.exit(f"error: cannot load spaCy pipeline {args.model!r}: {err}")
    words = sum(len(t.split()) for t in texts)

    passes: dict[str, Callable[[], object]] = {
        "bare": lambda: deque(nlp.pipe(texts), maxlen=0),
        "quotewise": lambda: deque(quotewise.extract_many(texts, model=name, cues=args.cues), maxlen=0),
    }
    runs = timed_runs(passes, args.repeats)

    bare = figures(runs["bare"], len(texts), words)
    qw = figures(runs["quotewise"], len(texts), words)
    ratio = qw["seconds"] / bare["seconds"]
    report = {
        "command": [Path(sys.executable).name, *sys.argv],
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": versions(name, nlp.meta.get("version", "unknown"), args.cues),
        "cues": args.cues,
        "cpu": cpu_name(),
        "pinned_cpu": cpu,
        "texts": len(texts),
        "words": words,
        "chars": sum(len(t) for t in texts),
        "repeats": args.repeats,
        "bare": bare,
        "quotewise": qw,
        "ratio": ratio,
        "overhead_pct": (ratio - 1) * 100,
    }
    print(render(report, args.dir))
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def render(r: dict[str, Any], source: Path) -> str:
    v = r["versions"]
    pinned = f"pinned to cpu {r['pinned_cpu']}" if r["pinned_cpu"] is not None else "not pinned"
    lines = [
        f"quotewise {v['quotewise']} (git {v['git']})  spacy {v['spacy']}  {v['model']} {v['model_version']}"
        f"  python {v['python']}  cues {r['cues']}",
        f"cpu {r['cpu']} ({pinned}, 1 thread)",
        f"texts {r['texts']} from {source}  words {r['words']:,}  chars {r['chars']:,}  median of {r['repeats']} runs",
        "",
        f"{'':12} {'seconds':>9} {'articles/s':>11} {'words/s':>9}",
    ]
    for label, key in (("bare spaCy", "bare"), ("quotewise", "quotewise")):
        f = r[key]
        lines.append(f"{label:12} {f['seconds']:9.2f} {f['articles_per_s']:11.1f} {f['words_per_s']:9,.0f}")
    lines.append(f"ratio quotewise/bare {r['ratio']:.3f}  (overhead {r['overhead_pct']:+.1f}%)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
