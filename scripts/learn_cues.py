"""Learn the cue model (src/quotewise/resources/learned_cues.tsv) from annotated attributions.

For every verb and noun outside quotation marks, and every relation by which it could govern
reported content (see `quotewise.cues.frames`), count how often the word had that relation and
how often annotators marked it as a cue whose content is that relation's phrase.

Usage (PolNeAR is fetched by the user; its text is never committed):
    python scripts/learn_cues.py PATH/TO/PolNeAR [--split train] [--docs CACHE.spacy] [--out TSV]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc, DocBin

from quotewise.cuemodel import ANY_SOURCE, DEFAULT_TABLE
from quotewise.cues import frames, source_class, source_of
from quotewise.evaluation.gold import GoldArticle
from quotewise.evaluation.polnear import read_polnear
from quotewise.pipeline import load_pipeline
from quotewise.quotes import find_quote_spans, quoted_test

MIN_SEEN = 2  # rows seen fewer times carry no evidence worth shipping
CONTENT_COVERAGE = 0.3  # the relation's phrase must cover this much of the annotated content ...
CONTENT_PRECISION = 0.5  # ... and lie this much inside it


def _chars(fragments: tuple[tuple[int, int], ...] | list[tuple[int, int]], text: str) -> set[int]:
    return {i for s, e in fragments for i in range(s, e) if not text[i].isspace()}


def count(doc: Doc, article: GoldArticle) -> tuple[Counter, Counter]:
    """(cue, seen) counts keyed by (lemma, pos, relation, source class) for one parsed article."""
    text = article.text
    quoted = quoted_test(find_quote_spans(text))
    cue_of: dict[int, int] = {}
    contents = []
    for n, attribution in enumerate(article.attributions):
        contents.append(_chars(attribution.content, text))
        for s, e in attribution.cue:
            for i in range(s, e):
                cue_of[i] = n
    cue, seen = Counter(), Counter()
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN") or quoted(token.idx):
            continue
        lemma = token.lemma_.lower()
        gold = cue_of.get(token.idx)
        source = source_class(source_of(token))
        for relation, ranges in frames(token).items():
            keys = [(lemma, token.pos_, relation, ANY_SOURCE), (lemma, token.pos_, relation, source)]
            seen.update(keys)
            if gold is None:
                continue
            phrase = _chars([(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e in ranges], text)
            overlap = len(phrase & contents[gold])
            covers = overlap / len(contents[gold]) > CONTENT_COVERAGE
            if phrase and covers and overlap / len(phrase) > CONTENT_PRECISION:
                cue.update(keys)
    return cue, seen


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
    nlp = load_pipeline(args.model)
    if args.docs and args.docs.exists():
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
    else:
        with nlp.select_pipes(disable=["quotewise"]):
            docs = list(nlp.pipe((a.text for a in corpus.articles), batch_size=16))
        if args.docs:
            bin_ = DocBin(docs=docs)
            bin_.to_disk(args.docs)
    if len(docs) != len(corpus.articles):
        print(f"{args.docs}: holds {len(docs)} articles, the split has {len(corpus.articles)}", file=sys.stderr)
        return 1

    cue, seen = Counter(), Counter()
    for doc, article in zip(docs, corpus.articles, strict=True):
        c, s = count(doc, article)
        cue.update(c)
        seen.update(s)
    rows = sorted(key for key in seen if cue[key] >= MIN_SEEN)
    with args.out.open("w", encoding="utf-8") as out:
        out.write(f"# Learned by scripts/learn_cues.py from {len(docs)} articles of PolNeAR {args.split}.\n")
        out.write("# lemma\tpos\trelation\tsource\tcue\tseen\n")
        for key in rows:
            out.write("\t".join(key) + f"\t{cue[key]}\t{seen[key]}\n")
    print(f"{len(rows)} rows from {len(docs)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
