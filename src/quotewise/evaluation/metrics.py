"""Scoring predicted quotes against gold attributions: pure functions, no I/O.

Every figure is a ratio of counts that add up across articles, so corpus figures are
micro-averages: `score_article` counts one article, `+` adds counts, `figures` divides.
docs/evaluation.md defines each figure; the comments here say how ties and gaps are settled.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, Self

from ..records import Person, Quote, QuoteType, Span
from .gold import Fragment, GoldArticle, GoldAttribution, GoldPerson

THRESHOLDS = (0.3, 0.8)
TYPES: tuple[QuoteType, ...] = ("direct", "mixed", "indirect")
# Gold corpora disagree with each other (and with us) on whether the marks belong to a
# quotation, so characters are compared without them, and without whitespace.
_QUOTATION_MARKS = frozenset('"“”„«»')


class _Additive:
    """Field-wise `+` for the count dataclasses below."""

    __slots__ = ()

    def __add__(self, other: Self) -> Self:
        return type(self)(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True, slots=True)
class PeopleCounts(_Additive):
    """The people list against the gold's, in articles whose gold lists people: names, and gender evidence."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0  # predicted people whose name is a gold person's
    gendered: int = 0  # predicted people with a gender
    gender_correct: int = 0  # ... matched to a gold person of that gender
    gold_gendered: int = 0  # gold people the article shows a gender for
    quoted_female_predicted: int = 0  # predicted female and quoted
    quoted_female_gold: int = 0
    quoted_female_correct: int = 0  # both female and quoted, the same person
    quoted_male_predicted: int = 0
    quoted_male_gold: int = 0
    quoted_male_correct: int = 0


@dataclass(frozen=True, slots=True)
class Totals(_Additive):
    """What is there to find and what was predicted, whatever the threshold."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    gold_direct: int = 0
    gold_mixed: int = 0
    gold_indirect: int = 0
    gold_chars: int = 0
    predicted_chars: int = 0
    overlap_chars: int = 0
    people: PeopleCounts = field(default_factory=lambda: PeopleCounts())


@dataclass(frozen=True, slots=True)
class Counts(_Additive):
    """What one coverage threshold decides."""

    matched: int = 0
    source_correct: int = 0
    cue_correct: int = 0
    named_gold: int = 0  # matched pairs whose gold gives a speaker name
    name_correct: int = 0
    matched_direct: int = 0
    matched_mixed: int = 0
    matched_indirect: int = 0


@dataclass(frozen=True, slots=True)
class Score:
    """All counts for a set of articles; `sum(scores, Score())` pools articles."""

    totals: Totals = Totals()
    by_threshold: tuple[tuple[float, Counts], ...] = ()

    def __add__(self, other: Score) -> Score:
        merged = dict(self.by_threshold)
        for threshold, counts in other.by_threshold:
            merged[threshold] = merged.get(threshold, Counts()) + counts
        return Score(self.totals + other.totals, tuple(sorted(merged.items())))


def counted_chars(text: str, spans: Iterable[Fragment]) -> frozenset[int]:
    """The positions in `spans` that carry content: not whitespace, not a double quotation mark."""
    return frozenset(
        i for s, e in spans for i in range(max(s, 0), min(e, len(text)))
        if not text[i].isspace() and text[i] not in _QUOTATION_MARKS
    )


def _part_correct(span: Span | None, fragments: tuple[Fragment, ...]) -> bool:
    """A predicted cue or speaker overlaps the gold one; when the gold has none, the right answer is none."""
    if not fragments:
        return span is None
    return span is not None and any(span.start < e and s < span.end for s, e in fragments)


def normalise_name(name: str | None) -> str:
    return " ".join((name or "").casefold().replace("’", "'").split())


def match(
    gold: Sequence[GoldAttribution],
    gold_chars: Sequence[frozenset[int]],
    quotes: Sequence[Quote],
    quote_chars: Sequence[frozenset[int]],
    threshold: float,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, quote index) pairs, greedily, best coverage first.

    A pair is a candidate when the quote covers more than `threshold` of the gold content's
    characters. Equal coverage goes to the tighter quote (higher share of its characters in
    the gold), then to the earlier gold, then to the earlier quote, so results never depend
    on the order predictions arrive in.
    """
    candidates = []
    for g, chars in enumerate(gold_chars):
        for q, predicted in enumerate(quote_chars):
            shared = len(chars & predicted)
            if chars and shared / len(chars) > threshold:
                candidates.append((
                    -shared / len(chars), -shared / len(predicted),
                    gold[g].content, quotes[q].start, quotes[q].end, g, q,
                ))
    candidates.sort()
    used_gold: set[int] = set()
    used_quotes: set[int] = set()
    pairs = []
    for *_, g, q in candidates:
        if g not in used_gold and q not in used_quotes:
            used_gold.add(g)
            used_quotes.add(q)
            pairs.append((g, q))
    return sorted(pairs)


def pieces(text: str, quote: Quote) -> list[Quote]:
    """A split quotation as its quoted pieces, each with the quotation's cue and speaker; others as they are."""
    return [replace(quote, text=text[s:e], start=s, end=e, parts=()) for s, e in quote.parts] or [quote]


def score_people(
    gold: Sequence[GoldPerson], speakers: Iterable[str | None], people: Sequence[Person]
) -> PeopleCounts:
    """People matched by normalised name; a gold person is quoted when some gold quotation names them."""
    quoted = {normalise_name(name) for name in speakers if name}
    by_name = {normalise_name(p.name): p for p in gold}
    found = [(p, by_name.get(normalise_name(p.name))) for p in people]
    counts = {"quoted_female_predicted": 0, "quoted_female_gold": 0, "quoted_female_correct": 0,
              "quoted_male_predicted": 0, "quoted_male_gold": 0, "quoted_male_correct": 0}
    for gender in ("female", "male"):
        counts[f"quoted_{gender}_predicted"] = sum(p.gender == gender and p.quoted for p in people)
        counts[f"quoted_{gender}_gold"] = sum(g.gender == gender and normalise_name(g.name) in quoted for g in gold)
        counts[f"quoted_{gender}_correct"] = sum(
            p.gender == gender and p.quoted and g is not None and g.gender == gender
            and normalise_name(g.name) in quoted for p, g in found)
    return PeopleCounts(
        articles=1,
        gold=len(gold),
        predicted=len(people),
        matched=sum(g is not None for _, g in found),
        gendered=sum(p.gender is not None for p in people),
        gender_correct=sum(p.gender is not None and g is not None and g.gender == p.gender for p, g in found),
        gold_gendered=sum(g.gender is not None for g in gold),
        **counts,
    )


def score_article(
    article: GoldArticle, quotes: Sequence[Quote], thresholds: Sequence[float] = THRESHOLDS,
    people: Sequence[Person] = (),
) -> Score:
    """Counts for one article's predicted quotes (and people, when the gold lists them) against its gold."""
    if article.split_quotations == "pieces":
        quotes = [piece for q in quotes for piece in pieces(article.text, q)]
    gold = article.attributions
    gold_chars = [counted_chars(article.text, a.content) for a in gold]
    quote_chars = [counted_chars(article.text, ((q.start, q.end),)) for q in quotes]
    all_gold = frozenset().union(*gold_chars)
    all_predicted = frozenset().union(*quote_chars)
    totals = Totals(
        articles=1,
        gold=len(gold),
        predicted=len(quotes),
        gold_direct=sum(a.type == "direct" for a in gold),
        gold_mixed=sum(a.type == "mixed" for a in gold),
        gold_indirect=sum(a.type == "indirect" for a in gold),
        gold_chars=len(all_gold),
        predicted_chars=len(all_predicted),
        overlap_chars=len(all_gold & all_predicted),
        people=PeopleCounts() if article.people is None else score_people(
            article.people, (a.speaker_name for a in gold), people),
    )
    by_threshold = []
    for threshold in sorted(thresholds):
        pairs = [(gold[g], quotes[q]) for g, q in match(gold, gold_chars, quotes, quote_chars, threshold)]
        named = [(a, q) for a, q in pairs if a.speaker_name is not None]
        by_threshold.append((threshold, Counts(
            matched=len(pairs),
            source_correct=sum(_part_correct(q.speaker, a.source) for a, q in pairs),
            cue_correct=sum(_part_correct(q.cue, a.cue) for a, q in pairs),
            named_gold=len(named),
            name_correct=sum(
                normalise_name(q.speaker_name) == normalise_name(a.speaker_name) for a, q in named
            ),
            matched_direct=sum(a.type == "direct" for a, _ in pairs),
            matched_mixed=sum(a.type == "mixed" for a, _ in pairs),
            matched_indirect=sum(a.type == "indirect" for a, _ in pairs),
        )))
    return Score(totals, tuple(by_threshold))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _prf(tp_pred: int, predicted: int, tp_gold: int, gold: int) -> dict[str, Any]:
    precision, recall = _ratio(tp_pred, predicted), _ratio(tp_gold, gold)
    if precision is None or recall is None:
        f1 = None
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _accuracy(correct: int, total: int) -> dict[str, Any]:
    return {"accuracy": _ratio(correct, total), "correct": correct, "total": total}


def figures(score: Score) -> dict[str, Any]:
    """The corpus figures as plain data (the JSON report); ratios over zero counts are None."""
    t = score.totals
    out: dict[str, Any] = {
        "articles": t.articles,
        "gold": t.gold,
        "predicted": t.predicted,
        "characters": {
            **_prf(t.overlap_chars, t.predicted_chars, t.overlap_chars, t.gold_chars),
            "gold": t.gold_chars,
            "predicted": t.predicted_chars,
            "overlap": t.overlap_chars,
        },
        "thresholds": {},
    }
    p = t.people
    if p.articles:
        out["people"] = {
            "articles": p.articles,
            "listed": {**_prf(p.matched, p.predicted, p.matched, p.gold), "gold": p.gold, "predicted": p.predicted},
            "gender": {"precision": _ratio(p.gender_correct, p.gendered), "recall": _ratio(p.gender_correct,
                       p.gold_gendered), "correct": p.gender_correct, "predicted": p.gendered, "gold": p.gold_gendered},
            **{f"quoted_{g}": {**_prf(getattr(p, f"quoted_{g}_correct"), getattr(p, f"quoted_{g}_predicted"),
                                      getattr(p, f"quoted_{g}_correct"), getattr(p, f"quoted_{g}_gold")),
                               "predicted": getattr(p, f"quoted_{g}_predicted"), "gold": getattr(p, f"quoted_{g}_gold")}
               for g in ("female", "male")},
        }
    for threshold, c in score.by_threshold:
        out["thresholds"][str(threshold)] = {
            "content": {**_prf(c.matched, t.predicted, c.matched, t.gold), "matched": c.matched},
            "content_and_source": {
                **_prf(c.source_correct, t.predicted, c.source_correct, t.gold),
                "matched": c.source_correct,
            },
            "source_accuracy": _accuracy(c.source_correct, c.matched),
            "cue_accuracy": _accuracy(c.cue_correct, c.matched),
            "speaker_name_accuracy": _accuracy(c.name_correct, c.named_gold),
            "recall_by_type": {
                kind: {
                    "recall": _ratio(getattr(c, f"matched_{kind}"), getattr(t, f"gold_{kind}")),
                    "matched": getattr(c, f"matched_{kind}"),
                    "gold": getattr(t, f"gold_{kind}"),
                }
                for kind in TYPES
            },
        }
    return out
