"""Train the cue classifier (src/quotewise/resources/learned_cues.tsv) on annotated attributions.

Every verb and noun outside quotation marks, with every relation by which it could govern
reported content (`quotewise.engine.cues.frames`), is one example. It is positive when annotators marked
the word as a cue whose content is that relation's phrase. A logistic regression over
`quotewise.engine.cue_classifier.features` is fitted with AdaGrad; features seen fewer than MIN_COUNT times
are left out, so the table stays small and holds no one-off words.

Usage (PolNeAR is fetched by the user; its text is never committed):
    python scripts/learn_cues.py PATH/TO/PolNeAR [--docs CACHE.spacy] [--out TSV]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from spacy.tokens import Doc

from quotewise.engine.cue_classifier import DEFAULT_TABLE, features
from quotewise.engine.cues import frames, source_class, source_of
from quotewise.engine.text_view import TextView
from quotewise.evaluation.gold import GoldArticle
from quotewise.evaluation.parsed import parsed_articles
from quotewise.evaluation.polnear import read_polnear
from quotewise.options import ExtractOptions
from quotewise.pipeline import load_pipeline

MIN_COUNT = 3  # a feature seen fewer times is left out of the model
EPOCHS = 8
LEARNING_RATE = 0.1
L2 = 1e-6
SEED = 0
CONTENT_COVERAGE = 0.3  # the relation's phrase must cover this much of the annotated content ...
CONTENT_PRECISION = 0.5  # ... and lie this much inside it
Example = tuple[list[str], int]


def _chars(fragments, text: str) -> set[int]:
    return {i for s, e in fragments for i in range(s, e) if not text[i].isspace()}


def examples(doc: Doc, article: GoldArticle) -> list[Example]:
    """(features, label) for every candidate cue and relation in one parsed article."""
    text = article.text
    view = TextView.of(doc)
    cue_of: dict[int, int] = {}
    contents = []
    for n, attribution in enumerate(article.attributions):
        contents.append(_chars(attribution.content, text))
        for s, e in attribution.cue:
            for i in range(s, e):
                cue_of[i] = n
    found = []
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN") or view.quoted(token.idx):
            continue
        gold = cue_of.get(token.idx)
        source = source_class(source_of(token))
        for relation, ranges in frames(token).items():
            label = 0
            if gold is not None:
                phrase = _chars([view.chars(r) for r in ranges], text)
                overlap = len(phrase & contents[gold])
                covers = overlap / max(1, len(contents[gold])) > CONTENT_COVERAGE
                label = int(bool(phrase) and covers and overlap / len(phrase) > CONTENT_PRECISION)
            found.append((features(token, relation, ranges, source), label))
    return found


def fit(data: list[Example]) -> dict[str, float]:
    """Logistic regression by AdaGrad over the features seen at least MIN_COUNT times."""
    counts = Counter(f for feats, _ in data for f in feats)
    data = [([f for f in feats if counts[f] >= MIN_COUNT], label) for feats, label in data]
    weights: defaultdict[str, float] = defaultdict(float)
    squares: defaultdict[str, float] = defaultdict(float)
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(data)
        loss = 0.0
        for feats, label in data:
            score = max(-30.0, min(30.0, sum(weights[f] for f in feats)))
            p = 1 / (1 + math.exp(-score))
            loss -= math.log(p if label else 1 - p)
            for f in feats:
                gradient = p - label + L2 * weights[f]
                squares[f] += gradient * gradient
                weights[f] -= LEARNING_RATE * gradient / math.sqrt(squares[f] + 1e-8)
        print(f"epoch {epoch + 1}/{EPOCHS}  log loss {loss / len(data):.4f}", file=sys.stderr)
    return dict(weights)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR root (or its data/ directory)")
    parser.add_argument("--split", default="train", choices=["train"], help="only train: dev and test stay unseen")
    parser.add_argument("--model", help="spaCy pipeline (default: as quotewise chooses)")
    parser.add_argument("--docs", type=Path, help="cache of parsed articles (DocBin); written if missing")
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).parents[1] / "src" / "quotewise" / "resources" / DEFAULT_TABLE)
    args = parser.parse_args(argv)

    corpus = read_polnear(args.polnear, args.split)
    docs = parsed_articles(corpus.articles, load_pipeline(ExtractOptions(args.model, "rules")), args.docs)

    data = [example for doc, article in zip(docs, corpus.articles, strict=True) for example in examples(doc, article)]
    weights = fit(data)
    with args.out.open("w", encoding="utf-8") as out:
        out.write(f"# Trained by scripts/learn_cues.py on {len(docs)} articles of PolNeAR {args.split}"
                  f" ({len(data)} candidates, {sum(label for _, label in data)} cues).\n# feature\tweight\n")
        for feature in sorted(weights):
            out.write(f"{feature}\t{weights[feature]:.4f}\n")
    print(f"{len(weights)} weights from {len(docs)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
