"""Peak memory of `quotewise extract` and `quotewise ingest` on inputs of any size: every process under 1 GB.

Two inputs, built here from the repository's own invented articles:

- `text`: one plain text of `--mb` megabytes (whole copies of examples/harbour-strike.txt): a single article far
  longer than any news story, which the run path cuts into pieces and passes on piece by piece;
- `jsonl`: a JSON Lines archive of `--gb` gigabytes of scraped pages, each record an HTML page of about
  `--page-kb` KB (an invented article among site furniture, an inline image as a data: URI, a script with the
  site's state), the shape crawled archives have.

The command runs as a child in its own process group; a sampler reads /proc every half second for every process
of the group (the command, its worker processes, multiprocessing's helper) and keeps each one's VmHWM, the
kernel's own peak resident set. The record gives the command's peak and the largest worker's.

Usage:
    python bench/memory.py text --mb 50 [--command extract|ingest] [--workers N] [--out FILE]
    python bench/memory.py jsonl --gb 2 [--command extract|ingest] [--workers N] [--out FILE]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "harbour-strike.txt"
SOURCES = ("tests/articles", "bench/webnews", "examples")
LIMIT_MB = 1024


def build_text(path: Path, megabytes: float) -> int:
    """About `megabytes` MB of whole copies of the example article; its size in bytes."""
    article = EXAMPLE.read_text(encoding="utf-8").strip() + "\n\n"
    copies = max(1, int(megabytes * 1_000_000 / len(article.encode("utf-8"))))
    path.write_text(article * copies, encoding="utf-8")
    return path.stat().st_size


def scraped_page(title: str, text: str, n: int, rng: random.Random, page_kb: int) -> str:
    """An invented article as a crawler saves its page: navigation, a state script, an inline image, a footer."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    nav = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(40))
    related = "".join(f"<li><a href='/story/{n}-{k}'>Earlier report {k} on the same story</a></li>" for k in range(8))
    state = json.dumps({"page": n, "ads": [{"slot": k, "size": "300x250"} for k in range(30)]})
    head = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} | The Harbour Herald</title>"
            f"<meta property='article:published_time' content='2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}'>"
            f"<script>window.__STATE__={state}</script></head><body><nav><ul>{nav}</ul></nav><main><article>"
            f"<h1>{title}</h1><figure><img alt='The harbour at dawn' src='data:image/jpeg;base64,")
    tail = (f"'><figcaption>The harbour at dawn. Photo: Staff</figcaption></figure>{paragraphs}</article>"
            f"<aside><h2>Related</h2><ul>{related}</ul></aside></main><footer>© 2024 The Harbour Herald</footer>"
            "</body></html>")
    image = page_kb * 1000 - len(head) - len(tail)
    return head + base64.b64encode(rng.randbytes(max(0, image) * 3 // 4)).decode() + tail


def build_jsonl(path: Path, gigabytes: float, page_kb: int) -> tuple[int, int]:
    """About `gigabytes` GB of page records; the file's size and the number of records."""
    texts = [p.read_text(encoding="utf-8") for folder in SOURCES for p in sorted((REPO / folder).glob("*.txt"))]
    rng = random.Random(11)
    wanted = int(gigabytes * 1e9)
    n = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < wanted:
            text = texts[n % len(texts)].rstrip("\n") + f"\nThis is report number {n} in the series.\n"
            title = text.split("\n", 1)[0][:70]
            record = {"id": f"page-{n}", "url": f"https://herald.example/story/{n}",
                      "html": scraped_page(title, text, n, rng, page_kb)}
            out.write(json.dumps(record) + "\n")
            n += 1
    return path.stat().st_size, n


class Peaks:
    """Each process of a process group, by pid, with its command and the largest VmHWM read for it (KB)."""

    def __init__(self, group: int) -> None:
        self.group = group
        self.found: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    self._read(int(entry.name), entry)

    def _read(self, pid: int, entry: Path) -> None:
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != self.group:
                return
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except (OSError, ValueError, IndexError):
            return
        peak = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
        known = self.found.get(pid)
        self.found[pid] = (command or (known[0] if known else ""), max(peak, known[1] if known else 0))


def measure(command: list[str]) -> dict[str, Any]:
    """Run `command` in its own process group; its time, status and each of its processes' peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True)
    with Peaks(child.pid) as peaks:
        _, err = child.communicate()
    seconds = time.perf_counter() - started
    main_kb = peaks.found.get(child.pid, ("", 0))[1]
    workers = [kb for pid, (cmd, kb) in peaks.found.items() if pid != child.pid and "spawn_main" in cmd]
    helpers = [kb for pid, (cmd, kb) in peaks.found.items() if pid != child.pid and "spawn_main" not in cmd]
    return {
        "exit": child.returncode, "seconds": round(seconds, 1), "stderr_tail": err.strip().splitlines()[-3:],
        "command_peak_mb": round(main_kb / 1024, 1),
        "largest_worker_peak_mb": round(max(workers) / 1024, 1) if workers else None,
        "other_processes_peak_mb": round(max(helpers) / 1024, 1) if helpers else None,
        "processes_seen": len(peaks.found),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", choices=("text", "jsonl"))
    parser.add_argument("--mb", type=float, default=50.0, help="size of the text input, MB")
    parser.add_argument("--gb", type=float, default=2.0, help="size of the JSON Lines input, GB")
    parser.add_argument("--page-kb", type=int, default=400, help="size of each scraped page in the JSON Lines, KB")
    parser.add_argument("--command", choices=("extract", "ingest"), default="extract")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build the input in this folder and keep it (reused if there)")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON to FILE")
    args = parser.parse_args()
    quotewise = str(Path(sys.executable).with_name("quotewise"))
    from quotewise.pipeline import resolve_model_name
    from quotewise.provenance import versions

    measured = versions(resolve_model_name(), cues="learned", scope="quotes")  # what runs, read before it runs
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.input == "text":
            source = folder / f"text-{args.mb:g}mb.txt"
            size = source.stat().st_size if source.exists() else build_text(source, args.mb)
            built: dict[str, Any] = {"bytes": size}
        else:
            source = folder / f"pages-{args.gb:g}gb-{args.page_kb}kb.jsonl"
            if not source.exists():
                size, records = build_jsonl(source, args.gb, args.page_kb)
            else:
                size, records = source.stat().st_size, sum(1 for _ in source.open("rb"))
            built = {"bytes": size, "records": records, "page_kb": args.page_kb}
        out = Path(tmp) / "out"
        if args.command == "extract":
            command = [quotewise, "extract", "--format", "jsonl", "-o", str(out), "--no-progress"]
        else:
            command = [quotewise, "ingest", "--db", str(out), "--no-progress"]
        command += ["--workers", str(args.workers), str(source)]
        print(f"input: {args.input} {built}; running {shlex.join(command)}", file=sys.stderr, flush=True)
        figures = measure(command)
        if args.command == "extract" and out.exists():
            with out.open(encoding="utf-8") as lines:
                figures["articles"] = figures["quotes"] = 0
                for line in lines:
                    figures["articles"] += 1
                    figures["quotes"] += len(json.loads(line)["quotes"])
    peaks = [v for v in (figures["command_peak_mb"], figures["largest_worker_peak_mb"]) if v]
    figures["under_1_gb"] = bool(peaks) and max(peaks) < LIMIT_MB
    print(json.dumps(figures), file=sys.stderr)
    if args.out:
        record = {"command": shlex.join(["python", "bench/memory.py", *sys.argv[1:]]),
                  "versions": measured,
                  "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
                  "input": {"kind": args.input, **built}, "run": {"quotewise": command[1], "workers": args.workers},
                  "figures": figures}
        args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0 if figures["exit"] in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main())
