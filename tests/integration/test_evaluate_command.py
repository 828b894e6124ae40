"""`quotewise evaluate` through CliRunner, on the fixture gold and stored predictions (no model)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

from quotewise.cli import evaluate as command
from quotewise.cli.evaluate import evaluate
from quotewise.options import ExtractOptions
from quotewise.records import ArticleResult, Quote

FIXTURES = Path(__file__).parents[1] / "fixtures" / "eval"
POLNEAR = FIXTURES / "polnear"
PRED = FIXTURES / "pred"


def run(*args: str) -> object:
    return CliRunner().invoke(evaluate, list(args))


def run_json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_pred_on_polnear_fixture_gives_hand_computed_figures():
    # Gold: council (1 direct) and harbour (indirect A1, direct A2, mixed A3, indirect no-source A4).
    # Predictions, with the share of the gold content's counted characters each covers:
    #   council: the whole quote (20/20), right speaker and cue.
    #   P1 "the strike would cost millions" on A1: 26/30 = 0.87, right speaker, right cue.
    #   P2 "We will not back down," on A2: 18/42 = 0.43, right speaker, right cue.
    #   P3 "tired of waiting" on A3: 14/41 = 0.34, wrong speaker ("The workers"), right cue.
    #   P4 all of A4's content: 42/42, but a speaker where the gold has none (wrong), right cue.
    #   P5 the headline: no gold.
    record = run_json("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED))
    figures = record["figures"]
    assert (figures["articles"], figures["gold"], figures["predicted"]) == (2, 5, 6)
    low, high = figures["thresholds"]["0.3"], figures["thresholds"]["0.8"]
    # > 0.3: council, P1-P4 match. P 5/6, R 5/5, F1 = 2*(5/6)/(11/6) = 10/11.
    assert low["content"] == pytest.approx({"precision": 5 / 6, "recall": 1.0, "f1": 10 / 11, "matched": 5})
    # Right source: council, P1, P2. P 3/6, R 3/5, F1 = 2*(1/2)(3/5)/(11/10) = 6/11.
    assert low["content_and_source"] == pytest.approx({"precision": 0.5, "recall": 0.6, "f1": 6 / 11, "matched": 3})
    assert low["source_accuracy"] == pytest.approx({"accuracy": 0.6, "correct": 3, "total": 5})
    assert low["cue_accuracy"] == {"accuracy": 1.0, "correct": 5, "total": 5}
    assert low["recall_by_type"] == {
        "direct": {"recall": 1.0, "matched": 2, "gold": 2},
        "mixed": {"recall": 1.0, "matched": 1, "gold": 1},
        "indirect": {"recall": 1.0, "matched": 2, "gold": 2},
    }
    # > 0.8: council, P1, P4 match. P 3/6, R 3/5, F1 6/11.
    assert high["content"] == pytest.approx({"precision": 0.5, "recall": 0.6, "f1": 6 / 11, "matched": 3})
    # Right source: council, P1. P 2/6, R 2/5, F1 = 2*(1/3)(2/5)/(11/15) = 4/11.
    assert high["content_and_source"] == pytest.approx(
        {"precision": 1 / 3, "recall": 0.4, "f1": 4 / 11, "matched": 2}
    )
    assert high["source_accuracy"] == pytest.approx({"accuracy": 2 / 3, "correct": 2, "total": 3})
    assert high["recall_by_type"] == {
        "direct": {"recall": 0.5, "matched": 1, "gold": 2},
        "mixed": {"recall": 0.0, "matched": 0, "gold": 1},
        "indirect": {"recall": 1.0, "matched": 2, "gold": 2},
    }
    # Characters: gold 20 + (30 + 42 + 41 + 42) = 175; predicted 20 + (26 + 18 + 14 + 42 + 21) = 141;
    # overlap 20 + (26 + 18 + 14 + 42) = 120. F1 = 2*120/(141+175) = 60/79.
    assert figures["characters"] == pytest.approx(
        {"precision": 120 / 141, "recall": 120 / 175, "f1": 60 / 79, "gold": 175, "predicted": 141, "overlap": 120}
    )
    assert figures["thresholds"]["0.3"]["speaker_name_accuracy"]["total"] == 0  # PolNeAR names no one


def test_record_says_how_the_figures_were_made(tmp_path):
    out = tmp_path / "result.json"
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED), "--out", str(out))
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["command"] == (
        f"quotewise evaluate --gold {POLNEAR} --format polnear --pred {PRED} --out {out}"
    )
    assert record["gold"]["name"] == "polnear dev"
    assert record["gold"]["articles"] == 2
    assert len(record["gold"]["warnings"]) == 6
    assert record["predictions"] == str(PRED)
    assert set(record["versions"]) == {"quotewise", "git", "spacy", "model", "model_version", "cues", "scope", "gender",
                                       "python"}
    assert record["versions"]["model"] is None  # stored predictions: the model is not known here
    assert record["figures"]["thresholds"]["0.3"]["content"]["matched"] == 5


def test_table_by_default():
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED))
    assert result.exit_code == 0, result.output
    assert "polnear dev" in result.stdout
    assert "content P / R / F1" in result.stdout
    assert "0.833 / 1.000 / 0.909" in result.stdout  # 5/6, 1, 10/11 at coverage > 0.3
    assert "not a brat annotation line" in result.stderr
    assert "Warning: 1 more about the gold, listed in the JSON record" in result.stderr  # 6 warnings, 5 shown


def test_limit_scores_the_first_articles_only():
    record = run_json("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED), "--limit", "1")
    assert record["gold"]["articles"] == 1
    assert record["figures"]["thresholds"]["0.8"]["content"]["f1"] == 1.0  # council alone


def test_missing_prediction_counts_as_finding_nothing(tmp_path):
    shutil.copy(PRED / "council.json", tmp_path)
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    assert "no predictions for 1 articles, scored as finding nothing: harbour.json" in result.stderr
    content = json.loads(result.stdout)["figures"]["thresholds"]["0.3"]["content"]
    assert (content["precision"], content["recall"]) == (1.0, 0.2)


def test_quotewise_gold_format(tmp_path):
    gold = FIXTURES / "quotewise"
    (tmp_path / "ferry.json").write_text('{"quotes": []}', encoding="utf-8")
    record = run_json("--gold", str(gold), "--format", "quotewise", "--pred", str(tmp_path))
    assert record["gold"]["name"] == "quotewise gold quotewise"
    assert (record["figures"]["gold"], record["figures"]["predicted"]) == (3, 0)


def test_run_extracts_each_gold_article(monkeypatch):
    texts, scopes, genders = [], [], []

    def fake_extract_many(articles: Iterable[str], options: ExtractOptions):
        for text in articles:
            texts.append(text)
            scopes.append(options.scope)
            genders.append(options.gender)
            yield ArticleResult((Quote("The budget is not ready,", 21, 45, "direct"),))

    class FakePipeline:
        meta: ClassVar[dict[str, str]] = {"version": "9.9.9"}

    monkeypatch.setattr(command, "extract_many", fake_extract_many)
    monkeypatch.setattr(command, "load_pipeline", lambda options: FakePipeline())
    monkeypatch.setattr(command, "resolve_model_name", lambda model: model)
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--run", "--model", "xx_fake", "--gender",
                 "evidence+names", "--json")
    assert result.exit_code == 0, result.output
    assert len(texts) == 2 and genders == ["evidence+names", "evidence+names"]
    record = json.loads(result.stdout)
    assert record["predictions"] == "quotewise.extract"
    assert (record["versions"]["model"], record["versions"]["model_version"]) == ("xx_fake", "9.9.9")
    assert scopes == ["attributions", "attributions"] and record["versions"]["scope"] == "attributions"
    assert record["versions"]["gender"] == "evidence+names" and "--gender evidence+names" in record["command"]
    assert record["figures"]["thresholds"]["0.8"]["content"]["matched"] == 1


def test_test_split_is_refused_without_allow_test():
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--split", "test", "--pred", str(PRED))
    assert result.exit_code == 2
    assert "refusing to score on the PolNeAR test split" in result.stderr
    assert "--allow-test" in result.stderr
    assert "Traceback" not in result.output


def test_test_split_dir_is_refused_too():
    result = run("--gold", str(POLNEAR / "data" / "test"), "--format", "polnear", "--pred", str(PRED))
    assert result.exit_code == 2


def test_allow_test_scores_the_test_split():
    record = run_json("--gold", str(POLNEAR), "--format", "polnear", "--split", "test", "--allow-test",
                      "--pred", str(PRED))
    assert record["gold"]["name"] == "polnear test"


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ("no/such/dir", "Error: [QW150] no/such/dir: no such file or directory"),
        (str(PRED), f"Error: [QW150] {PRED}: no PolNeAR dev split here"),
    ],
)
def test_bad_gold_path_is_one_line_and_exit_1(gold, message):
    result = run("--gold", gold, "--format", "polnear", "--pred", str(PRED))
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--gold", str(POLNEAR), "--format", "polnear"], "give exactly one of --pred DIR"),
        (["--gold", str(POLNEAR), "--format", "polnear", "--run", "--pred", str(PRED)], "give exactly one of"),
        (["--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED), "--model", "x"], "apply to --run only"),
        (["--gold", str(POLNEAR), "--format", "polnear", "--pred", str(PRED), "--cues", "rules"], "--run only"),
        (["--gold", str(FIXTURES / "quotewise"), "--format", "quotewise", "--split", "dev", "--pred", str(PRED)],
         "--split applies to --format polnear only"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unreadable_prediction_is_an_error(tmp_path):
    (tmp_path / "council.json").write_text('{"quotes": [{"start": 1}]}', encoding="utf-8")
    result = run("--gold", str(POLNEAR), "--format", "polnear", "--pred", str(tmp_path))
    assert result.exit_code == 1
    assert f"[QW153] {tmp_path / 'council.json'}: cannot read predictions" in result.stderr
