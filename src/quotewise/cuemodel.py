"""The learned cue model: how often a word, in a given construction, reports what someone said.

Trained by `scripts/learn_cues.py` on annotated attributions (PolNeAR train). Each row counts, for
a lemma, part of speech and relation ("ccomp", "dobj", "prep:for", ...), how often the word had
that relation and how often annotators marked it as a cue whose content is that relation's
phrase. It is a table of counts, small enough to read, shipped in resources/.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

DEFAULT_TABLE = "learned_cues.tsv"


@dataclass(frozen=True, slots=True)
class CueModel:
    counts: dict[tuple[str, str, str], tuple[int, int]]  # (lemma, pos, relation) -> (cue, seen)
    seen: dict[tuple[str, str], int]  # (lemma, pos) -> occurrences with any relation
    threshold: float
    min_seen: int

    def knows(self, lemma: str, pos: str) -> bool:
        """Enough training evidence to judge this word instead of the rules."""
        return self.seen.get((lemma, pos), 0) >= self.min_seen

    def probability(self, lemma: str, pos: str, relation: str) -> float:
        cue, seen = self.counts.get((lemma, pos, relation), (0, 0))
        return cue / (seen + 1)

    def choose(self, lemma: str, pos: str, found: dict[str, list[tuple[int, int]]]) -> str | None:
        """The relation most likely to carry reported content, if likely enough."""
        best = max(found, key=lambda r: self.probability(lemma, pos, r), default=None)
        if best is None or self.probability(lemma, pos, best) < self.threshold:
            return None
        return best


def read_table(text: str, threshold: float, min_seen: int) -> CueModel:
    counts: dict[tuple[str, str, str], tuple[int, int]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, relation, cue, total = line.split("\t")
        counts[lemma, pos, relation] = (int(cue), int(total))
        seen[lemma, pos] = seen.get((lemma, pos), 0) + int(total)
    return CueModel(counts, seen, threshold, min_seen)


@functools.cache
def load(threshold: float = 0.3, min_seen: int = 5) -> CueModel:
    """The model shipped with quotewise."""
    text = resources.files("quotewise").joinpath("resources", DEFAULT_TABLE).read_text(encoding="utf-8")
    return read_table(text, threshold, min_seen)
