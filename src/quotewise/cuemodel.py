"""The learned cue model: how often a word, in a given construction, reports what someone said.

Trained by `scripts/learn_cues.py` on annotated attributions (PolNeAR train). Each row counts, for
a lemma, part of speech, relation ("ccomp", "dobj", "prep:for", ...) and kind of source (person,
org, other, none, or * for any), how often the word had that relation and how often annotators
marked it as a cue whose content is that relation's phrase. "Support" with a person as subject
reports a stance far more often than "support" with "the bridge" as subject. It is a table of
counts, small enough to read, shipped in resources/.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

DEFAULT_TABLE = "learned_cues.tsv"


ANY_SOURCE = "*"
PRIOR_WEIGHT = 30


@dataclass(frozen=True, slots=True)
class CueModel:
    # (lemma, pos, relation, source class or "*") -> (times a cue, times seen)
    counts: dict[tuple[str, str, str, str], tuple[int, int]]
    seen: dict[tuple[str, str], int]  # (lemma, pos) -> occurrences with any relation
    threshold: float
    min_seen: int

    def knows(self, lemma: str, pos: str) -> bool:
        """Enough training evidence to judge this word instead of the rules."""
        return self.seen.get((lemma, pos), 0) >= self.min_seen

    def probability(self, lemma: str, pos: str, relation: str, source: str) -> float:
        """P(cue | word, relation, kind of source), smoothed towards the word's rate with any source."""
        cue, seen = self.counts.get((lemma, pos, relation, ANY_SOURCE), (0, 0))
        prior = cue / (seen + 1)
        cue, seen = self.counts.get((lemma, pos, relation, source), (0, 0))
        # Interpolate: the context's own rate, pulled towards the word's rate when the context is rare.
        return (cue + PRIOR_WEIGHT * prior) / (seen + PRIOR_WEIGHT + 1)

    def choose(self, lemma: str, pos: str, source: str, found: dict[str, list[tuple[int, int]]]) -> str | None:
        """The relation most likely to carry reported content, if likely enough."""
        best = max(found, key=lambda r: self.probability(lemma, pos, r, source), default=None)
        if best is None or self.probability(lemma, pos, best, source) < self.threshold:
            return None
        return best


def read_table(text: str, threshold: float, min_seen: int) -> CueModel:
    counts: dict[tuple[str, str, str, str], tuple[int, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, relation, source, cue, total = line.split("\t")
        counts[lemma, pos, relation, source] = (int(cue), int(total))
        if source == ANY_SOURCE:
            seen[lemma, pos] = seen.get((lemma, pos), 0) + int(total)
    return CueModel(counts, seen, threshold, min_seen)


@functools.cache
def load(threshold: float = 0.25, min_seen: int = 5) -> CueModel:
    """The model shipped with quotewise."""
    text = resources.files("quotewise").joinpath("resources", DEFAULT_TABLE).read_text(encoding="utf-8")
    return read_table(text, threshold, min_seen)
