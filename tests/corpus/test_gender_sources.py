"""Genders from two sources in the store (`--gender evidence+names`): kept per person and per quotation, recorded
with the run, and counted apart by `stats` and the dashboard, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from quotewise.cli.app import cli
from quotewise.corpus import queries
from quotewise.corpus.schema import articles, quotes, runs
from quotewise.corpus.store import Settings, Store
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Person, Quote
from quotewise.web.app import create_app

NAMES = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes", "evidence+names")
TEXT = '"Yes," Ana Ruiz said. "No," said Aroha Tane. "Soon," said Tobias Lindqvist. "Later," Okafor said.'


def _said(text: str, start: int, name: str, kind: str = "person") -> Quote:
    return Quote(text, start, start + len(text), "direct", speaker_name=name, speaker_kind=kind, confidence=0.9)


RESULT = ArticleResult(
    (_said('"Yes,"', 0, "Ana Ruiz"), _said('"No,"', 22, "Aroha Tane"), _said('"Soon,"', 45, "Tobias Lindqvist"),
     _said('"Later,"', 76, "Okafor")),
    (Person("Ana Ruiz", "female", True, gender_evidence=(("honorific-female", 1),)),
     Person("Aroha Tane", "female", True, gender_evidence=(("name-list", 1),), gender_source="names",
            name_gender_p=0.951),
     Person("Tobias Lindqvist", "male", True, gender_evidence=(("name-list", 1),), gender_source="names",
            name_gender_p=1.0),
     Person("Okafor", None, True)),
)
POLICE = ArticleResult((_said('"Stay back,"', 0, "Harbour Police", "organization"),
                        _said('"Stay,"', 26, "Ana Ruiz")),
                       (Person("Ana Ruiz", "female", True, gender_evidence=(("pronoun-female", 2),)),))


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    return str(tmp_path / "g.db") if request.param == "sqlite" else request.getfixturevalue("pg_store_url")


def _filled(location: str) -> Store:
    store = Store.open(location)
    run = store.begin_run(NAMES, "test", "abc")
    written = [(Article("h1", TEXT, "a.jsonl", 1, outlet="Herald", date="2024-05-01"), RESULT),
               (Article("p1", '"Stay back," police said. "Stay," said Ana Ruiz.', "a.jsonl", 2, outlet="Post"),
                POLICE)]
    store.write(run, NAMES.key, [(a, text_hash(a.text), r) for a, r in written], [])
    return store


def test_each_gender_keeps_its_source_and_the_run_its_option(location) -> None:
    assert all(TEXT[q.start:q.end] == q.text for q in RESULT.quotes)
    store = _filled(location)
    try:
        assert queries.article(store, "h1")[1] == RESULT  # the people round-trip, source and probability too
        counted = [tuple(r) for r in store.execute(
            select(quotes.c.speaker_name, quotes.c.speaker_gender, quotes.c.speaker_gender_source)
            .where(quotes.c.article_id == "h1").order_by(quotes.c.n))]
        assert counted == [("Ana Ruiz", "female", "evidence"), ("Aroha Tane", "female", "names"),
                           ("Tobias Lindqvist", "male", "names"), ("Okafor", "unknown", None)]
        assert [r.gender for r in store.execute(select(runs.c.gender))] == ["evidence+names"]
        # An article extracted with names is extracted again without them, and the default key is as it was.
        assert {r.settings for r in store.execute(select(articles.c.settings))} == {NAMES.key}
        assert NAMES.key.endswith("; gender evidence+names")
        assert Settings("0.1.0", "m", "1", "learned", "quotes").key == "quotewise 0.1.0; m 1; learned; quotes"
        people = {p["name"]: p for p in queries.article_people(store, "h1", top=10)[0]}
        assert (people["Aroha Tane"]["gender_source"], people["Aroha Tane"]["name_gender_p"]) == ("names", 0.951)
    finally:
        store.close()


def test_stats_count_the_two_sources_apart(location) -> None:
    store = _filled(location)
    try:
        by_gender = [(r["gender"], r["gender_source"], r["statements"], r["speakers"])
                     for r in queries.stats(store, ["gender"])]
        assert by_gender == [("female", "evidence", 2, 1), ("female", "names", 1, 1), ("male", "names", 1, 1),
                             ("not a person", None, 1, 1), ("unknown", None, 1, 1)]
        split = queries.stats(store, ["outlet", "gender"])
        herald = {(r["gender"], r["gender_source"]): r["share"] for r in split if r["outlet"] == "Herald"}
        assert herald == {("female", "evidence"): 0.25, ("female", "names"): 0.25, ("male", "names"): 0.25,
                          ("unknown", None): 0.25}
        # Gender first: each source of each gender is its own group.
        kinds = {(r["gender"], r["gender_source"], r["kind"]): r["share"]
                 for r in queries.stats(store, ["gender", "kind"])}
        assert kinds[("female", "names", "person")] == 1.0
        # The gender filter keeps both sources.
        assert queries.count(store, None, queries.Filters(gender="female")) == 3
    finally:
        store.close()


def test_the_stats_command_shows_the_sources_apart(tmp_path) -> None:
    db = str(tmp_path / "g.db")
    _filled(db).close()
    runner = CliRunner()
    table = runner.invoke(cli, ["stats", "--db", db, "--by", "gender", "--format", "table"])
    assert table.exit_code == 0, table.output
    assert "female (evidence)" in table.output and "female (names)" in table.output and "male (names)" in table.output
    written = runner.invoke(cli, ["stats", "--db", db, "--by", "gender", "-f", "csv"]).output
    rows = list(csv.DictReader(io.StringIO(written)))
    assert list(rows[0]) == ["gender", "gender_source", "statements", "appearances", "share", "speakers"]
    assert [(r["gender"], r["gender_source"]) for r in rows][:3] == [
        ("female", "evidence"), ("female", "names"), ("male", "names")]
    data = json.loads(runner.invoke(cli, ["stats", "--db", db, "--by", "gender", "-f", "json"]).output)
    assert data[0]["gender_source"] == "evidence" and data[-1]["gender_source"] is None


def test_the_dashboard_shows_the_sources_apart(tmp_path) -> None:
    db = str(tmp_path / "g.db")
    _filled(db).close()
    client = TestClient(create_app(db))
    page = client.get("/dashboard").text
    for label in ("female (evidence)", "female (names)", "male (names)"):
        assert label in page
    rows = client.get("/dashboard.json").json()["charts"]["gender"]["rows"]
    assert [(r["gender"], r["gender_source"], r["label"]) for r in rows][:2] == [
        ("female", "evidence", "female (evidence)"), ("female", "names", "female (names)")]
    assert "gender,female (names),1,1," in client.get("/dashboard.csv").text
    article = client.get("/articles/h1").text
    assert "female (names, p 0.95)" in article and "female (evidence)" in article
