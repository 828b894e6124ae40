"""Measure how often each attribution path is right, for src/quotewise/resources/confidence.tsv.

Runs quotewise on a PolNeAR split and counts, per (rule, speaker route), the quotations that lie
mostly inside one annotated content and whose speaker mention overlaps that content's annotated
source (or both have none). Each quotation is judged on its own, so a quotation that the
annotators joined to its neighbour in one attribution still counts as right. Calibrate on dev:
the learned cue classifier was counted on train, so train would flatter it.

Usage:
    python scripts/calibrate_confidence.py PATH/TO/PolNeAR [--split dev] [--cues learned] [--docs CACHE.spacy]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from quotewise.engine.confidence import ANY_ROUTE, TABLE, route_key
from quotewise.evaluation.metrics import counted_chars
from quotewise.evaluation.parsed import parsed_articles
from quotewise.evaluation.polnear import read_polnear
from quotewise.options import ExtractOptions
from quotewise.pipeline import load_pipeline

RESOURCES = Path(__file__).parents[1] / "src" / "quotewise" / "resources"
RIGHT_SHARE = 0.5  # a quotation is right when more than this share of it lies in one annotated content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path)
    parser.add_argument("--split", default="dev", choices=["train", "dev"], help="never test")
    parser.add_argument("--cues", default="learned", choices=["rules", "learned"])
    parser.add_argument("--model", help="spaCy pipeline (default: as quotewise chooses)")
    parser.add_argument("--docs", type=Path, help="cache of parsed articles (DocBin) for the split")
    parser.add_argument("--out", type=Path, default=RESOURCES / TABLE)
    args = parser.parse_args(argv)

    corpus = read_polnear(args.polnear, args.split)
    nlp = load_pipeline(ExtractOptions(args.model, args.cues))
    extractor = nlp.get_pipe("quotewise")
    docs = [extractor(doc) for doc in parsed_articles(corpus.articles, nlp, args.docs)]

    correct, total = Counter(), Counter()
    for doc, article in zip(docs, corpus.articles, strict=True):
        quotes = doc._.quotes
        gold_chars = [counted_chars(article.text, g.content) for g in article.attributions]
        for quote in quotes:
            rule, route = quote.rule, route_key(quote.speaker_route)
            keys = [(rule, route), (rule, ANY_ROUTE), ("*", route), ("*", ANY_ROUTE)]
            total.update(keys)
            chars = counted_chars(article.text, [(quote.start, quote.end)])
            best = max(range(len(gold_chars)), key=lambda g: len(chars & gold_chars[g]), default=None)
            if best is None or not chars or len(chars & gold_chars[best]) / len(chars) <= RIGHT_SHARE:
                continue
            source = {i for s, e in article.attributions[best].source for i in range(s, e)}
            spoken = set(range(quote.speaker.start, quote.speaker.end)) if quote.speaker else set()
            if (not source and not spoken) or source & spoken:
                correct.update(keys)
    with args.out.open("w", encoding="utf-8") as out:
        out.write(f"# Measured by scripts/calibrate_confidence.py on {len(docs)} articles of PolNeAR {args.split}"
                  f" with --cues {args.cues}.\n# rule\tspeaker route\tright\tseen\n")
        for key in sorted(total):
            out.write(f"{key[0]}\t{key[1]}\t{correct[key]}\t{total[key]}\n")
    print(f"{len(total)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
