"""Score quotewise on the reference article with the scorer that ships beside it (../shared/seed).

Usage:
    python bench/seed.py [--cues learned|rules] [--out FILE]
Prints the scorer's table and writes its metrics, with the command and versions, to FILE.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", default="learned", choices=["learned", "rules"])
    parser.add_argument("--out", type=Path, help="also write the metrics as JSON to FILE")
    args = parser.parse_args(argv)
    article, scorer = SEED / "wellington-occupation.txt", SEED / "score.py"
    if not article.is_file() or not scorer.is_file():
        sys.exit(f"error: {SEED} is missing; it sits beside the repository as ../shared/seed")

    from quotewise import extract
    from quotewise.options import ExtractOptions
    from quotewise.pipeline import load_pipeline, resolve_model_name
    from quotewise.provenance import versions

    result = extract(article.read_text(encoding="utf-8"), cues=args.cues)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as pred:
        json.dump(result.to_dict(), pred)
    scored = subprocess.run([sys.executable, str(scorer), pred.name], capture_output=True, text=True, check=True)
    Path(pred.name).unlink()
    print(scored.stdout, end="")
    if args.out:
        model = resolve_model_name()
        model_version = load_pipeline(ExtractOptions(model, args.cues)).meta.get("version", "unknown")
        record = {"command": [Path(sys.executable).name, *sys.argv],
                  "versions": versions(model, model_version, args.cues),
                  "metrics": json.loads(scored.stdout.strip().splitlines()[-1])}
        args.out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
