"""The learned cue classifier: how likely a word, in a given construction, reports what someone said.

A logistic regression over a few readable features of a candidate (the word, the relation by
which it governs the candidate content -- "ccomp", "dobj", "xcomp", "prep:for", ... -- the kind of
source, the word's tag and dependency, the content's size and shape): "say" with a clause reports
speech almost always, "call" with a direct object often, "make" with one seldom. It knows no
meanings, so "the bridge supports heavy trucks" still reads as a stance. Trained by `scripts/learn_cues.py` on
annotated attributions (PolNeAR train); the shipped table in resources/ holds one weight per feature, so every
decision can be read off it.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

DEFAULT_TABLE = "learned_cues.tsv"
DEFAULT_THRESHOLD = 0.3  # tuned on PolNeAR dev: F1 is flat from 0.25 to 0.3, precision higher at 0.3
_QUOTE_MARKS = frozenset('"“”')


def features(token: Token, relation: str, ranges: list[tuple[int, int]], source: str) -> list[str]:
    """The features of one candidate: `token` reporting the content at `ranges` through `relation`."""
    doc = token.doc
    lemma = f"{token.lemma_.lower()}|{token.pos_}"
    size = min(6, int(math.log2(sum(end - start for start, end in ranges) + 1)))
    content = doc[ranges[0][0]:ranges[0][1]]
    found = [
        "bias", f"L={lemma}", f"L={lemma}|R={relation}", f"R={relation}", f"R={relation}|S={source}",
        f"L={lemma}|R={relation}|S={source}", f"S={source}", f"D={token.dep_}", f"R={relation}|D={token.dep_}",
        f"T={token.tag_}", f"R={relation}|T={token.tag_}", f"N={size}", f"R={relation}|N={size}",
        f"R={relation}|C={content.root.pos_}", f"L={lemma}|C={content.root.pos_}",
    ]
    if token.i + 1 < len(doc):
        found.append(f"L={lemma}|next={doc[token.i + 1].lower_}")
    if any(child.dep_ == "neg" for child in token.children):
        found.append("negated")
    if not _QUOTE_MARKS.isdisjoint(content.text):
        found += ["quoted", f"R={relation}|quoted"]
    if token.dep_ in ("relcl", "acl"):
        found.append("modifier")
    return found


@dataclass(frozen=True, slots=True)
class CueClassifier:
    weights: dict[str, float]
    threshold: float = DEFAULT_THRESHOLD

    def knows(self, token: Token) -> bool:
        """Whether training saw this word often enough to weigh it; unseen words are left to the rules."""
        return f"L={token.lemma_.lower()}|{token.pos_}" in self.weights

    def probability(self, token: Token, relation: str, ranges: list[tuple[int, int]], source: str) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features(token, relation, ranges, source))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))

    def choose(self, token: Token, source: str, found: dict[str, list[tuple[int, int]]]) -> str | None:
        """The relation most likely to carry reported content, if likely enough."""
        scored = [(self.probability(token, r, ranges, source), r) for r, ranges in found.items()]
        best = max(scored, default=None)
        return best[1] if best is not None and best[0] >= self.threshold else None


def read_table(text: str, threshold: float = DEFAULT_THRESHOLD) -> CueClassifier:
    weights = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            feature, weight = line.rsplit("\t", 1)
            weights[feature] = float(weight)
    return CueClassifier(weights, threshold)


@functools.cache
def load(threshold: float = DEFAULT_THRESHOLD) -> CueClassifier:
    """The classifier shipped with quotewise."""
    text = resources.files("quotewise").joinpath("resources", DEFAULT_TABLE).read_text(encoding="utf-8")
    return read_table(text, threshold)
