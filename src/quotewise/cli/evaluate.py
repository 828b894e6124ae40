"""`quotewise evaluate`: score quotewise against human-annotated attributions.

Figures are only comparable when one knows what produced them, so the JSON record carries
the command line, the versions and the git commit alongside the figures.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress

from .. import ArticleResult, BadInput, ConfigError, QuotewiseError, extract_many
from ..evaluation.gold import GoldArticle, GoldCorpus, read_quotewise_gold
from ..evaluation.labelstudio import read_labelstudio
from ..evaluation.metrics import Score, figures, score_article
from ..evaluation.polnear import SPLITS, find_split_dir, read_polnear
from ..evaluation.report import table
from ..options import ExtractOptions
from ..pipeline import load_pipeline, resolve_model_name
from ..provenance import versions
from .options import config_failure, cues_option, gender_option, model_option

# Shown on stderr; the rest are counted, and all of them are in the JSON record.
_SHOWN_WARNINGS = 5


def _check_out(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and not value.parent.is_dir():
        raise click.BadParameter(f"directory '{value.parent}' does not exist")
    return value


def _read_gold(gold: Path, gold_format: str, split: str | None, allow_test: bool) -> tuple[GoldCorpus, str]:
    """The gold corpus and a short name for it ("polnear dev"); refuses the held-out test split."""
    if not gold.exists():
        raise BadInput("QW150", f"{gold}: no such file or directory")
    if gold_format != "polnear" and split is not None:
        raise click.UsageError("--split applies to --format polnear only")
    if gold_format == "quotewise":
        return read_quotewise_gold(gold), f"quotewise gold {gold.name}"
    if gold_format == "labelstudio":
        return read_labelstudio(gold), f"label studio {gold.name}"
    split_dir = find_split_dir(gold, split)
    if split_dir.name == "test" and not allow_test:
        raise click.UsageError(
            "refusing to score on the PolNeAR test split: choices tuned against it make its figures "
            "meaningless. Use dev while developing; pass --allow-test only for a final, one-off measurement."
        )
    return read_polnear(split_dir), f"polnear {split_dir.name}"


def _show_warnings(warnings: Sequence[str]) -> None:
    for warning in warnings[:_SHOWN_WARNINGS]:
        click.echo(f"Warning: {warning}", err=True)
    if len(warnings) > _SHOWN_WARNINGS:
        more = len(warnings) - _SHOWN_WARNINGS
        click.echo(f"Warning: {more} more about the gold, listed in the JSON record", err=True)


def _load_prediction(path: Path) -> ArticleResult:
    """The result in one NAME.json: our output schema, as an object or a one-element list."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        if not isinstance(data, dict):
            raise ValueError("expected an object with a list of quotes")
        return ArticleResult.from_dict(data)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BadInput("QW153", f"{path}: cannot read predictions ({exc})") from exc


def _read_predictions(articles: Sequence[GoldArticle], pred_dir: Path) -> list[ArticleResult]:
    predictions = []
    missing = []
    for article in articles:
        path = pred_dir / f"{article.name}.json"
        if path.is_file():
            predictions.append(_load_prediction(path))
        else:
            missing.append(path.name)
            predictions.append(ArticleResult())
    if len(missing) == len(articles):
        raise BadInput("QW153", f"{pred_dir}: no NAME.json for any gold article", f"e.g. {missing[0]}")
    if missing:
        click.echo(f"Warning: no predictions for {len(missing)} articles, scored as finding nothing: "
                   f"{', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}", err=True)
    return predictions


def _run(articles: Sequence[GoldArticle], model: str | None, cues: str, gender: str) -> list[ArticleResult]:
    """quotewise's results on each article, in the scope its gold was annotated in."""
    results: dict[int, ArticleResult] = {}
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Extracting", total=len(articles))
        for scope in _scopes(articles):
            chosen = [k for k, a in enumerate(articles) if a.scope == scope]
            texts = (articles[k].text for k in chosen)
            found = extract_many(texts, ExtractOptions(model, cues, scope, gender))
            for k, result in zip(chosen, found, strict=True):
                results[k] = result
                progress.advance(task)
    return [results[k] for k in range(len(articles))]


def _scopes(articles: Sequence[GoldArticle]) -> list[str]:
    return sorted({a.scope for a in articles})


def _command_line(ctx: click.Context) -> str:
    """The options as a runnable `quotewise evaluate ...` line (defaults left out)."""
    args = ["quotewise", "evaluate"]
    for param in ctx.command.params:
        value = ctx.params.get(param.name or "")
        if value is None or value is False or value == param.default or not isinstance(param, click.Option):
            continue
        args += [param.opts[-1]] if param.is_flag else [param.opts[-1], str(value)]
    return shlex.join(args)


def _versions(model: str | None, ran: bool, cues: str, scopes: list[str], gender: str) -> dict[str, Any]:
    """Everything that can move the figures; the model only when quotewise ran here (None for --pred)."""
    if not ran:
        return versions()
    meta = load_pipeline(ExtractOptions(model, cues, scopes[0], gender)).meta if scopes else {}
    return versions(resolve_model_name(model), meta.get("version", "unknown"), cues, "+".join(scopes) or None,
                    gender)


@click.command(name="evaluate")
@click.option(
    "--gold",
    required=True,
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Gold annotations: the PolNeAR root, its data/ or a split directory; or a folder of NAME.gold.json.",
)
@click.option(
    "--format",
    "gold_format",
    required=True,
    type=click.Choice(["polnear", "quotewise", "labelstudio"]),
    help="How the gold is stored: PolNeAR's brat files, the quotewise gold format, or Label Studio tasks (JSON).",
)
@click.option("--split", type=click.Choice(SPLITS), help="PolNeAR split to score on.  [default: dev]")
@click.option("--allow-test", is_flag=True, help="Allow --split test, for a final measurement only.")
@click.option(
    "--pred",
    "pred_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    metavar="DIR",
    help="Score stored predictions: DIR/NAME.json (quotewise JSON output) for each gold NAME.",
)
@click.option("--run", is_flag=True, help="Run quotewise on each gold article and score the result.")
@model_option
@cues_option
@gender_option
@click.option("--json", "as_json", is_flag=True, help="Print the JSON record instead of a table.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    metavar="FILE",
    callback=_check_out,
    help="Also write the JSON record (figures, command line, versions, git commit) to FILE.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Score only the first N articles.")
@click.pass_context
def evaluate(
    ctx: click.Context,
    gold: Path,
    gold_format: str,
    split: str | None,
    allow_test: bool,
    pred_dir: Path | None,
    run: bool,
    model: str | None,
    cues: str,
    gender: str,
    as_json: bool,
    out: Path | None,
    limit: int | None,
) -> None:
    """Score quotewise against human-annotated attributions.

    Prints content precision, recall and F1 at two coverage thresholds, with
    source and cue accuracy, recall by quote type and character-level
    figures; docs/evaluation.md defines each one.

    Example:

    \b
        quotewise evaluate --gold PolNeAR --format polnear --run --limit 20
        quotewise evaluate --gold my-gold/ --format quotewise --pred my-output/ --json
    """
    if run == (pred_dir is not None):
        raise click.UsageError("give exactly one of --pred DIR (stored predictions) and --run (extract now)")
    given = [n for n in ("cues", "gender") if ctx.get_parameter_source(n) is not click.core.ParameterSource.DEFAULT]
    if (model is not None or given) and not run:
        raise click.UsageError("--model, --cues and --gender apply to --run only")
    try:
        corpus, gold_name = _read_gold(gold, gold_format, split, allow_test)
        _show_warnings(corpus.warnings)
        articles = corpus.articles[:limit]
        predictions = _run(articles, model, cues, gender) if pred_dir is None else _read_predictions(articles, pred_dir)
        versions = _versions(model, run, cues, _scopes(articles), gender)
    except ConfigError as err:
        raise config_failure(err) from None
    except (QuotewiseError, OSError) as err:
        raise click.ClickException(str(err)) from None
    score = sum((score_article(a, p.quotes, people=p.people) for a, p in zip(articles, predictions, strict=True)),
                Score())
    record = {
        "command": _command_line(ctx),
        "gold": {
            "name": gold_name,
            "path": str(gold),
            "articles": len(articles),
            "warnings": list(corpus.warnings),
        },
        "predictions": "quotewise.extract" if run else str(pred_dir),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": versions,
        "figures": figures(score),
    }
    if out is not None:
        try:
            out.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise click.FileError(str(out), exc.strerror) from None
    if as_json:
        click.echo(json.dumps(record, indent=2, ensure_ascii=False))
    else:
        Console().print(table(record["figures"], f"quotewise evaluate: {gold_name}"))
