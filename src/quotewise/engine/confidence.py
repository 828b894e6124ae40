"""Confidence: how often an attribution made the same way was right on annotated news.

`scripts/calibrate_confidence.py` counts, for each rule (what found the content, `Quote.rule`) and speaker
route (how the speaker was named, `Quote.speaker_route`), how many attributions were right on a gold set:
content found and speaker mention on the annotated source. The shipped table holds those counts; a
quotation's confidence is the smoothed rate of its own row or, when that row is rare, the weaker of its rule's and
its route's rates.
"""

from __future__ import annotations

import functools
from importlib import resources

TABLE = "confidence.tsv"
ANY_ROUTE = "*"
MIN_TOTAL = 10  # a row seen fewer times defers to the rates of its rule and its route


@functools.cache
def _table() -> dict[tuple[str, str], tuple[int, int]]:
    text = resources.files("quotewise").joinpath("resources", TABLE).read_text(encoding="utf-8")
    counts = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rule, route, correct, total = line.split("\t")
            counts[rule, route] = (int(correct), int(total))
    return counts


def route_key(route: str | None) -> str:
    """The table's name for a speaker route: "none" when the quotation has no speaker."""
    return route or "none"


def score(rule: str, route: str | None) -> float:
    """The calibrated confidence of an attribution made by this rule, its speaker found by this route."""
    route = route_key(route)
    own = _rate(rule, route)
    if own is not None:
        return own
    # A rare pairing is as good as the weaker of its rule and its speaker route.
    known = [r for r in (_rate(rule, ANY_ROUTE), _rate("*", route)) if r is not None]
    return min(known) if known else _rate("*", ANY_ROUTE) or 0.5


def _rate(rule: str, route: str) -> float | None:
    correct, total = _table().get((rule, route), (0, 0))
    return round((correct + 1) / (total + 2), 2) if total >= MIN_TOTAL else None
