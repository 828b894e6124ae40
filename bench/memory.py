"""Peak memory of `quotewise extract` on long texts: it should grow with the results, not with the parse.

Builds texts of the given sizes by repeating the repository's own example article (paragraph by
paragraph), runs the installed `quotewise extract` on each in a child process, and reports wall
time and the child's peak resident memory. Quotewise cuts long texts into paragraph-aligned
chunks, so beyond one chunk's parse the peak should grow only with the quotations kept.

Usage:
    python bench/memory.py [--mb 1 5 20] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbour-strike.txt"


def build_text(path: Path, megabytes: float) -> int:
    """Write about `megabytes` MB of whole copies of the example article to `path`; return its size."""
    article = EXAMPLE.read_text(encoding="utf-8").strip() + "\n\n"
    copies = max(1, int(megabytes * 1_000_000 / len(article.encode("utf-8"))))
    path.write_text(article * copies, encoding="utf-8")
    return path.stat().st_size


def run_once(text_path: Path, out_path: Path) -> dict[str, float]:
    """Time one extraction in a fresh child process; peak RSS is the child's own."""
    quotewise = Path(sys.executable).with_name("quotewise")
    started = time.perf_counter()
    child = subprocess.Popen([str(quotewise), "extract", "--format", "jsonl", "-o", str(out_path), str(text_path)])
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage, not the largest child's so far
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"quotewise extract failed on {text_path} (exit {child.returncode})")
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # macOS reports bytes, Linux KiB
    quotes = sum(len(json.loads(line)["quotes"]) for line in out_path.read_text(encoding="utf-8").splitlines())
    return {"seconds": seconds, "peak_rss_mb": peak_kb / 1024, "quotes": quotes}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 5.0, 20.0], help="text sizes in MB")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in sorted(args.mb):
            text_path, out_path = Path(tmp) / f"text-{megabytes}.txt", Path(tmp) / "out.jsonl"
            size = build_text(text_path, megabytes)
            row = {"bytes": size, **run_once(text_path, out_path)}
            row["mb_per_s"] = size / 1_000_000 / row["seconds"]
            rows.append(row)
            print(f"{size / 1e6:7.1f} MB  {row['seconds']:8.1f} s  {row['mb_per_s']:6.3f} MB/s"
                  f"  peak RSS {row['peak_rss_mb']:7.0f} MB  quotes {row['quotes']:,}", flush=True)
    if args.out:
        from quotewise.pipeline import resolve_model_name
        from quotewise.provenance import versions

        record = {"command": [Path(sys.executable).name, *sys.argv],
                  "versions": versions(resolve_model_name(), cues="learned"), "runs": rows}
        args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
