"""The evaluation harness behind `quotewise evaluate`: gold readers, metrics and the report.

    polnear.read_polnear / gold.read_quotewise_gold -> GoldCorpus of GoldArticle
    metrics.score_article(article, quotes) -> Score;  sum(scores, Score()) -> figures(score)
"""

from .gold import GoldArticle, GoldAttribution, GoldCorpus, classify_type, read_quotewise_gold
from .metrics import THRESHOLDS, Score, figures, score_article
from .polnear import read_polnear

__all__ = [
    "THRESHOLDS",
    "GoldArticle",
    "GoldAttribution",
    "GoldCorpus",
    "Score",
    "classify_type",
    "figures",
    "read_polnear",
    "read_quotewise_gold",
    "score_article",
]
