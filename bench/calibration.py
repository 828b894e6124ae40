"""How right quotewise is for each rule, speaker route and confidence: is its stated confidence calibrated?

    python bench/calibration.py [--cues learned|rules] [--model NAME] [--dev DIR] [--min-rows N] [--out FILE]

Runs the installed quotewise (`quotewise.extract_many`, one process) on two annotated sets and judges every
predicted quotation against the gold, with the set's own scorer:

- `webnews-dev`: the 49 real articles of ../shared/webnews-dev (skipped with a message when absent), matched by
  that set's `score.py`, imported from there at run time: its greedy matching at 0.3 coverage, its speaker-mention
  test (spans overlap, or a floating quotation where the gold has no speaker) and its resolved-name test (names
  equal up to case, curly apostrophes and a leading "the", "a" or "an"; no gold name: right when none is given).
- `bench-webnews`: the project's 22 invented articles in bench/webnews, matched by `quotewise.evaluation` (the
  `quotewise evaluate` matcher: counted characters, best coverage first, at 0.3); speaker mention right when it
  overlaps the gold one (or both are absent), name right when equal after `normalise_name`.
- `all`: both pooled, each quotation judged by its own set's scorer.

A split quotation is judged piece by piece (its `parts`), as both scorers count it. Each piece is one
prediction and carries its quotation's rule, speaker route and confidence. For each rule and each speaker route:
how many predictions, the share matched to a gold quotation (precision), among the matched the share whose
speaker mention and whose resolved name are right, the share of all its predictions that are right end to end
(matched and the right name), and the mean stated confidence beside it. Calibration: predictions binned by
confidence, each bin's mean confidence against its measured rate of "quotation right and resolved name right",
and the expected calibration error (ECE, the bins' gaps weighted by their counts). The same figures against
"quotation right and speaker mention right", the definition `confidence.tsv` was counted with, are in the JSON.

Writes everything (command, git commit, model, options, per-set figures) to bench/results/calibration.json.
Figures only: no text of the articles is written or printed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "webnews-dev"
OWN = REPO / "bench" / "webnews"
OUT = REPO / "bench" / "results" / "calibration.json"
THRESHOLD = 0.3
EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
Z95 = 1.96  # a group is "off" when its mean confidence lies outside the 95 % Wilson interval of its measured rate
MIN_JUDGED = 10  # ... and it has at least this many predictions


@dataclass(frozen=True, slots=True)
class Judged:
    """One predicted quotation (or one piece of a split one), as the gold judged it."""

    rule: str
    route: str  # the speaker route, "none" without a speaker
    confidence: float
    matched: bool  # covers more than THRESHOLD of a gold quotation, one to one
    speaker_ok: bool  # matched, and the speaker mention is the gold's
    name_ok: bool  # matched, and the resolved speaker name is the gold's

    @property
    def right(self) -> bool:
        """Quotation right and resolved speaker name right: what a user of the record relies on."""
        return self.matched and self.name_ok

    @property
    def mention_right(self) -> bool:
        """Quotation right and speaker mention right: what `confidence.tsv` counted on PolNeAR."""
        return self.matched and self.speaker_ok


def load_dev_scorer(dev: Path) -> ModuleType:
    """../shared/webnews-dev/score.py as a module, so its matching is used, never a copy of it."""
    spec = importlib.util.spec_from_file_location("webnews_dev_score", dev / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def judge_dev(dev: Path, options: Any) -> tuple[list[Judged], dict[str, Any]]:
    """Every prediction on the dev half judged by its scorer, and the scorer's own figures for the same run."""
    import quotewise
    from quotewise.io.archives import article_text

    scorer = load_dev_scorer(dev)
    articles = dev / "articles"
    gold = scorer.load_gold(str(articles))
    ids = list(gold)
    # Read as `quotewise extract` reads a file, as ../shared/webnews-dev/run does.
    results = list(quotewise.extract_many((article_text(str(articles / f"{aid}.txt")) for aid in ids), options))
    with tempfile.TemporaryDirectory() as pred_dir:
        for aid, result in zip(ids, results, strict=True):
            (Path(pred_dir) / f"{aid}.json").write_text(json.dumps(result.to_dict()), encoding="utf-8")
        metrics, _ = scorer.score(gold, pred_dir)
    problems = {"invalid_offsets": 0, "text_neq_input_slice": 0}
    judged = []
    threshold = scorer.THRESHOLDS[0]
    for aid, result in zip(ids, results, strict=True):
        article = gold[aid]
        gq = [scorer.prep_gold_quote(q) for q in article["quotes"]]
        pq, owners = [], []
        for quote in result.quotes:  # one at a time, to know which quotation each scored piece belongs to
            found = scorer.prep_pred({"quotes": [quote.to_dict()]}, article["_text"], problems)
            pq += found
            owners += [quote] * len(found)
        pairs, _ = scorer.match_article(gq, pq, threshold)
        gold_of = {pi: gi for gi, pi, _ in pairs if pi is not None}
        for pi, (piece, quote) in enumerate(zip(pq, owners, strict=True)):
            gi = gold_of.get(pi)
            judged.append(Judged(
                quote.rule, quote.speaker_route or "none", quote.confidence, gi is not None,
                gi is not None and bool(scorer.speaker_match(gq[gi], piece)),
                gi is not None and bool(scorer.name_ok(gq[gi], piece)),
            ))
    headline = {
        "scorer": "../shared/webnews-dev/score.py",
        "articles": metrics["n_articles"],
        "gold": metrics["n_gold_quotes"],
        "predicted": metrics["n_pred_quotes"],
        "quotes@0.3": metrics["quotes@0.3"],
        "speaker_match@0.3": metrics["speaker_match@0.3"],
        "resolved_speaker_acc@0.3": metrics["resolved_speaker_acc@0.3"],
        "attributed_quotes@0.3": metrics["attributed_quotes@0.3"],
        "people": (metrics["people"] or {}).get("people"),
        "problems": metrics["problems"],
    }
    return judged, headline


def judge_own(folder: Path, options: Any) -> tuple[list[Judged], dict[str, Any]]:
    """Every prediction on a quotewise-format gold folder judged as `quotewise evaluate` matches, and its figures."""
    import quotewise
    from quotewise.evaluation import Score, figures, read_quotewise_gold, score_article
    from quotewise.evaluation.metrics import _part_correct, counted_chars, match, normalise_name, pieces

    corpus = read_quotewise_gold(folder)
    results = list(quotewise.extract_many((a.text for a in corpus.articles), options))
    judged = []
    for article, result in zip(corpus.articles, results, strict=True):
        scored = [(piece, quote) for quote in result.quotes
                  for piece in (pieces(article.text, quote) if article.split_quotations == "pieces" else [quote])]
        gold = article.attributions
        gold_chars = [counted_chars(article.text, a.content) for a in gold]
        quote_chars = [counted_chars(article.text, ((p.start, p.end),)) for p, _ in scored]
        gold_of = {q: g for g, q in match(gold, gold_chars, [p for p, _ in scored], quote_chars, THRESHOLD)}
        for qi, (piece, quote) in enumerate(scored):
            g = gold[gold_of[qi]] if qi in gold_of else None
            judged.append(Judged(
                quote.rule, quote.speaker_route or "none", quote.confidence, g is not None,
                g is not None and _part_correct(piece.speaker, g.source),
                g is not None and normalise_name(piece.speaker_name) == normalise_name(g.speaker_name),
            ))
    found = figures(sum((score_article(a, r.quotes, people=r.people)
                         for a, r in zip(corpus.articles, results, strict=True)), Score()))
    at = found["thresholds"][str(THRESHOLD)]
    headline = {
        "scorer": "quotewise.evaluation",
        "articles": found["articles"],
        "gold": found["gold"],
        "predicted": found["predicted"],
        "content@0.3": at["content"],
        "source_accuracy@0.3": at["source_accuracy"],
        "speaker_name_accuracy@0.3": at["speaker_name_accuracy"],
        "people": found.get("people", {}).get("listed"),
    }
    return judged, headline


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k right out of n."""
    if not n:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summary(judged: Sequence[Judged]) -> dict[str, Any]:
    """Counts and rates of a group of predictions, with its mean stated confidence."""
    n = len(judged)
    matched = sum(j.matched for j in judged)
    speaker_ok = sum(j.speaker_ok for j in judged)
    name_ok = sum(j.name_ok for j in judged)
    right = sum(j.right for j in judged)
    mean = sum(j.confidence for j in judged) / n if n else None
    low, high = wilson(right, n)
    return {
        "n": n,
        "matched": matched,
        "precision": _share(matched, n),
        "speaker_ok": speaker_ok,
        "speaker_accuracy": _share(speaker_ok, matched),
        "name_ok": name_ok,
        "name_accuracy": _share(name_ok, matched),
        "right": right,
        "right_rate": _share(right, n),
        "right_rate_95": [round(low, 4), round(high, 4)],
        "mention_right_rate": _share(sum(j.mention_right for j in judged), n),
        "mean_confidence": round(mean, 4) if mean is not None else None,
        # The stated confidence is clearly off when it lies outside the measured rate's 95 % interval.
        "off": bool(n >= MIN_JUDGED and mean is not None and not low <= mean <= high),
    }


def grouped(judged: Iterable[Judged], key: Callable[[Judged], str]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Judged]] = {}
    for j in judged:
        groups.setdefault(key(j), []).append(j)
    return {name: summary(group) for name, group in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))}


def calibration(judged: Sequence[Judged], right: Callable[[Judged], bool]) -> dict[str, Any]:
    """Confidence bins against the measured rate of `right`, and the expected calibration error."""
    bins = []
    for lo, hi in pairwise(EDGES):
        last = hi == EDGES[-1]
        inside = [j for j in judged if lo <= j.confidence < hi or (last and j.confidence == hi)]
        n = len(inside)
        k = sum(right(j) for j in inside)
        bins.append({
            "low": lo, "high": hi, "n": n, "right": k,
            "mean_confidence": round(sum(j.confidence for j in inside) / n, 4) if n else None,
            "accuracy": _share(k, n),
            "accuracy_95": [round(v, 4) for v in wilson(k, n)] if n else None,
        })
    total = sum(b["n"] for b in bins)
    ece = sum(b["n"] / total * abs(b["accuracy"] - b["mean_confidence"]) for b in bins if b["n"]) if total else None
    return {"bins": bins, "ece": round(ece, 4) if ece is not None else None, "n": total}


def figures_of(judged: Sequence[Judged]) -> dict[str, Any]:
    return {
        "overall": summary(judged),
        "by_rule": grouped(judged, lambda j: j.rule),
        "by_route": grouped(judged, lambda j: j.route),
        "calibration": calibration(judged, lambda j: j.right),
        "calibration_mention": calibration(judged, lambda j: j.mention_right),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", default="learned", choices=["learned", "rules"])
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: the one quotewise would pick)")
    parser.add_argument("--dev", type=Path, default=DEV, help="the webnews-dev folder (default: ../shared/webnews-dev)")
    parser.add_argument("--min-rows", type=int, default=10, metavar="N",
                        help="print rules with at least N predictions, the rest as one row (the JSON has them all)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"JSON record (default: {OUT.relative_to(REPO)})")
    args = parser.parse_args(argv)

    from quotewise.options import ExtractOptions
    from quotewise.pipeline import installed_model
    from quotewise.provenance import versions

    model, model_version = installed_model(args.model)
    options = ExtractOptions(model, args.cues)
    record: dict[str, Any] = {
        "command": [Path(sys.executable).name, *sys.argv],
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": versions(model, model_version, options.cues, options.scope),
        "options": {"cues": options.cues, "scope": options.scope, "model": model, "threshold": THRESHOLD,
                    "bins": list(EDGES), "off_when": f"mean confidence outside the 95 % Wilson interval, n >= "
                    f"{MIN_JUDGED}"},
        "sets": {},
    }
    pooled: list[Judged] = []
    if (args.dev / "score.py").is_file() and (args.dev / "articles").is_dir():
        judged, headline = judge_dev(args.dev, options)
        record["sets"]["webnews-dev"] = {"headline": headline, **figures_of(judged)}
        pooled += judged
    else:
        print(f"webnews-dev: skipped, {args.dev} is not beside the checkout (../shared/webnews-dev)", file=sys.stderr)
        record["sets"]["webnews-dev"] = {"skipped": f"{args.dev} not found"}
    judged, headline = judge_own(OWN, options)
    record["sets"]["bench-webnews"] = {"headline": headline, **figures_of(judged)}
    pooled += judged
    record["sets"]["all"] = figures_of(pooled)

    render(record, args.min_rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.out}")
    return 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def _conf(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def render(record: dict[str, Any], min_rows: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped or redirected: wide enough for the rule names
        console = Console(width=132)
    v = record["versions"]
    console.print(f"quotewise {v['quotewise']} (git {v['git']})  spacy {v['spacy']}  {v['model']} "
                  f"{v['model_version']}  python {v['python']}  cues {v['cues']}  scope {v['scope']}")
    for name, figures in record["sets"].items():
        if "skipped" in figures:
            console.print(f"\n[bold]{name}[/bold]: skipped ({figures['skipped']})")
            continue
        overall = figures["overall"]
        console.print(f"\n[bold]{name}[/bold]: {overall['n']} predictions judged, {overall['matched']} matched, "
                      f"{overall['right']} right end to end")
        if "headline" in figures:
            console.print("  " + _headline(figures["headline"]))
        for title, key in (("rule", "by_rule"), ("speaker route", "by_route")):
            console.print(_group_table(Table, f"{name}: by {title}", title, figures[key], min_rows if key ==
                                       "by_rule" else 0))
        console.print(_calibration_table(Table, name, figures["calibration"], figures["calibration_mention"]))


def _headline(h: dict[str, Any]) -> str:
    if h["scorer"].endswith("score.py"):
        q, people = h["quotes@0.3"], h["people"] or {}
        return (f"score.py: quotes@0.3 P {q['P']} R {q['R']} F1 {q['F1']}  speaker match {h['speaker_match@0.3']}  "
                f"resolved speaker {h['resolved_speaker_acc@0.3']}  people P {people.get('P')} R {people.get('R')}  "
                f"invalid offsets {h['problems']['invalid_offsets']}")
    c, people = h["content@0.3"], h["people"] or {}
    return (f"quotewise evaluate: content@0.3 P {_pct(c['precision'])} R {_pct(c['recall'])} F1 {_pct(c['f1'])}  "
            f"source {_pct(h['source_accuracy@0.3']['accuracy'])}  "
            f"speaker name {_pct(h['speaker_name_accuracy@0.3']['accuracy'])}  "
            f"people P {_pct(people.get('precision'))} R {_pct(people.get('recall'))}")


def _group_table(table_type: Any, title: str, column: str, groups: dict[str, dict[str, Any]], min_rows: int) -> Any:
    table = table_type(title=title, title_justify="left")
    table.add_column(column, no_wrap=True)
    for heading in ("n", "quote P", "speaker acc", "name acc", "right", "conf", "right 95 %"):
        table.add_column(heading, justify="right")
    rest = [g for g in groups.values() if g["n"] < min_rows]
    for name, g in groups.items():
        if g["n"] >= min_rows:
            table.add_row(name, *_row(g))
    if rest:
        table.add_row(f"({len(rest)} rules under {min_rows})", *_row(_pool(rest)))
    return table


def _row(g: dict[str, Any]) -> list[str]:
    low, high = g["right_rate_95"]
    mark = " *" if g["off"] else ""
    return [str(g["n"]), _pct(g["precision"]), _pct(g["speaker_accuracy"]), _pct(g["name_accuracy"]),
            _pct(g["right_rate"]), _conf(g["mean_confidence"]), f"{_pct(low)}–{_pct(high)}{mark}"]


def _pool(groups: list[dict[str, Any]]) -> dict[str, Any]:
    """The rows folded into one, from their counts (no interval, no mark)."""
    n, matched, right = (sum(g[key] for g in groups) for key in ("n", "matched", "right"))
    low, high = wilson(right, n)
    return {"n": n, "precision": _share(matched, n),
            "speaker_accuracy": _share(sum(g["speaker_ok"] for g in groups), matched),
            "name_accuracy": _share(sum(g["name_ok"] for g in groups), matched), "right_rate": _share(right, n),
            "right_rate_95": [low, high], "mean_confidence": sum(g["mean_confidence"] * g["n"] for g in groups) / n,
            "off": False}


def _calibration_table(table_type: Any, name: str, target: dict[str, Any], mention: dict[str, Any]) -> Any:
    table = table_type(title=f"{name}: calibration (ECE {_conf(target['ece'])}; against speaker mention only "
                             f"{_conf(mention['ece'])})", title_justify="left")
    for heading in ("confidence", "n", "mean conf", "right (name)", "95 %", "right (mention)"):
        table.add_column(heading, justify="right")
    for b, m in zip(target["bins"], mention["bins"], strict=True):
        interval = "-" if b["accuracy_95"] is None else f"{_pct(b['accuracy_95'][0])}–{_pct(b['accuracy_95'][1])}"
        table.add_row(f"{b['low']:.1f}–{b['high']:.1f}", str(b["n"]), _conf(b["mean_confidence"]),
                      _pct(b["accuracy"]), interval, _pct(m["accuracy"]))
    return table


if __name__ == "__main__":
    sys.exit(main())
