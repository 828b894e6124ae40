"""Speaker identities, wire groups and pooled gender on the invented archive with a key (tests/corpus/archive).

    python bench/identities.py [--out bench/results/archive-identities.json]

Ingests the archive into a fresh SQLite store with the default options and scores the store against the key
(`quotewise.evaluation.identities.score`): pairwise precision and recall of speaker ids over the key's direct
quotations, wire groups found and articles falsely joined, and pooled genders right.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARCHIVE = REPO / "tests" / "corpus" / "archive"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    from quotewise.corpus.store import Store
    from quotewise.evaluation.identities import score
    from quotewise.pipeline import installed_model
    from quotewise.provenance import versions

    name, version = installed_model()
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "archive.db")
        command = [str(Path(sys.executable).with_name("quotewise")), "ingest", "--db", db, "--workers", "0",
                   str(ARCHIVE / "news.jsonl")]
        subprocess.run(command, check=True, capture_output=True)
        store = Store.open(db, create=False)
        found = score(store, json.loads((ARCHIVE / "key.json").read_text(encoding="utf-8")))
        store.close()
    record = {"command": shlex.join(["python", "bench/identities.py", *sys.argv[1:]]),
              "versions": versions(name, version, "learned", "quotes"), "archive": "tests/corpus/archive",
              "figures": found}
    text = json.dumps(record, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
