"""`--gender evidence+names` through every front door, on an invented article: the API, the spaCy component, the
`extract`, `ingest` and `evaluate` commands."""

from __future__ import annotations

import json

import pytest
import spacy
from click.testing import CliRunner

import quotewise
from quotewise import pipeline
from quotewise.cli import cli
from quotewise.corpus import queries
from quotewise.corpus.store import Store
from quotewise.errors import ConfigError

pytestmark = pytest.mark.pipeline

ARTICLE = (
    "Ferry crews in Port Amberley returned to work on Thursday after a two-day stoppage.\n"
    "Union organiser Keri Walsh said members had voted to accept the revised offer.\n"
    '"It is not everything we asked for, but it is a fair deal," she said.\n'
    "Harbour engineer Tobias Lindqvist said the first sailings would leave at dawn.\n"
    "Okafor, who runs the terminal cafe, said trade had been slow all week.\n"
    "Analyst J. Morrow said the dispute had cost the operator about $2 million.\n"
)


def _people(result: quotewise.ArticleResult) -> dict[str, tuple]:
    return {p.name: (p.gender, p.gender_source, p.name_gender_p, dict(p.gender_evidence)) for p in result.people}


def test_names_fill_in_only_where_the_article_shows_nothing() -> None:
    plain = quotewise.extract(ARTICLE)
    named = quotewise.extract(ARTICLE, gender="evidence+names")
    assert named.quotes == plain.quotes  # a name never changes who said what
    assert _people(named) == {
        "Keri Walsh": ("female", "evidence", None, {"pronoun-female": 1}),  # the article's "she" wins
        "Tobias Lindqvist": ("male", "names", 1.0, {"name-list": 1}),  # no evidence: the name list, marked
        "Okafor": (None, None, None, {}),  # a lone surname
        "J. Morrow": (None, None, None, {}),  # an initial
    }
    assert _people(plain)["Tobias Lindqvist"] == (None, None, None, {})
    assert quotewise.extract(ARTICLE, quotewise.ExtractOptions(gender="evidence+names")) == named


def test_an_unknown_gender_source_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"\[QW214\] gender must be one of evidence, evidence\+names"):
        quotewise.extract("Ruiz said so.\n", gender="names")


def test_the_spacy_component_takes_it_as_config() -> None:
    nlp = spacy.load(pipeline.resolve_model_name())
    nlp.add_pipe("quotewise", config={"gender": "evidence+names"})
    assert nlp(ARTICLE)._.quotewise == quotewise.extract(ARTICLE, gender="evidence+names")
    with pytest.raises(ConfigError, match="QW214"):
        spacy.load(pipeline.resolve_model_name()).add_pipe("quotewise", config={"gender": "name"})


def test_extract_command_takes_it_and_refuses_others(tmp_path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(cli, ["extract", "--format", "json", "--gender", "evidence+names", str(path)])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output) == quotewise.extract(ARTICLE, gender="evidence+names").to_dict()
    wrong = runner.invoke(cli, ["extract", "--gender", "names", str(path)])
    assert wrong.exit_code == 2 and "'names' is not one of 'evidence', 'evidence+names'" in wrong.output


def test_ingest_records_it_and_extracts_again_when_it_changes(tmp_path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "q.db")
    runner = CliRunner()
    for gender in ("evidence", "evidence+names"):
        done = runner.invoke(cli, ["ingest", "--db", db, "--workers", "0", "--no-progress", "--gender", gender,
                                   str(path)])
        assert done.exit_code == 0, done.output
    store = Store.open(db, read_only=True)
    try:
        runs = queries.runs_and_errors(store)["runs"]
        assert [(r["gender"], r["articles"], r["unchanged"]) for r in runs] == [
            ("evidence+names", 1, 0), ("evidence", 1, 0)]  # newest first; the article was extracted again
        counted = {(r["gender"], r["gender_source"]): r["appearances"] for r in queries.stats(store, ["gender"])}
        assert counted[("female", "evidence")] == 2 and counted[("male", "names")] == 1
    finally:
        store.close()


def test_evaluate_takes_it_with_run_only(tmp_path) -> None:
    wrong = CliRunner().invoke(cli, ["evaluate", "--gold", str(tmp_path), "--format", "quotewise", "--pred",
                                     str(tmp_path), "--gender", "evidence+names"])
    assert wrong.exit_code == 2 and "--gender apply to --run only" in wrong.output
