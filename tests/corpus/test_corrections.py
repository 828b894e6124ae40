"""Corrections of speaker identities (corpus.corrections): made on the invented archive (tests/corpus/archive)
with the CLI, they hold on the rows stored, after every article is extracted again with other settings, and in
another store that imports them before its first ingest; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import select

from quotewise.cli.app import cli
from quotewise.corpus import corrections, queries
from quotewise.corpus.schema import quotes, speaker_genders, speakers
from quotewise.corpus.store import Settings, Store
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Person, Quote, Span
from quotewise.web.app import create_app

ARCHIVE = Path(__file__).parent / "archive" / "news.jsonl"
SPLIT_ARTICLE = "herald-2023-10-18-winter-plan"
RETURN_ARTICLE = "courier-2023-05-02-ashvale-return"
SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _ingest(location: str, *options: str) -> None:
    _run("ingest", "--db", location, "--workers", "0", *options, str(ARCHIVE))


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    return str(tmp_path / "archive.db") if request.param == "sqlite" else request.getfixturevalue("pg_store_url")


def _id(store: Store, key: str) -> int:
    return store.execute(select(speakers.c.id).where(speakers.c.key == key))[0][0]


def _pairs(store: Store) -> list[set[str]]:
    return [{row["speaker"], row["other"]} for row in queries.possible_same(store)]


def _who(store: Store) -> dict[tuple[str, str], tuple[str, str | None, str | None]]:
    """Each (article, quoted words) of the corrected people: the identity's name, gender and gender source."""
    query = select(quotes.c.article_id, quotes.c.words, speakers.c.name, speakers.c.gender,
                   speakers.c.gender_source).join(speakers, speakers.c.id == quotes.c.speaker_id).where(
        speakers.c.key.in_(("person:ana ruiz", "person:helen okafor", "person:clara voss",
                            "person:jose nunez")) | speakers.c.key.like("split:%"))
    return {(a, w): (n, g, s) for a, w, n, g, s in store.execute(query)}


def test_corrections_hold_after_extracting_again_and_in_a_store_that_imports_them(location, tmp_path):
    _ingest(location)
    store = Store.open(location, create=False)
    helen, ana, clara, jose = (_id(store, f"person:{n}") for n in ("helen okafor", "ana ruiz", "clara voss",
                                                                   "jose nunez"))
    # One article calls the principal "Okafor" only: a name of its own article, on the possible same person list.
    bare = store.execute(select(quotes.c.speaker_id).where(quotes.c.article_id == RETURN_ARTICLE))[0][0]
    store.close()
    listed = json.loads(_run("speakers", "possible-same", "--db", location, "--speaker", str(helen),
                             "--format", "json"))
    assert [(r["speaker"], r["other"], r["reason"]) for r in listed] == [("Helen Okafor", "Okafor",
                                                                          "surname alone")]
    assert listed[0]["merge"] == f"quotewise speakers merge {helen} {bare}"
    _run(*listed[0]["merge"].split()[1:], "--db", location, "--note", "the principal, by honorific and surname")
    _run("speakers", "split", str(ana), "--article", SPLIT_ARTICLE, "--name", "Ana Ruiz (clerk)", "--db", location)
    _run("speakers", "rename", str(jose), "José Núñez Ortega", "--db", location)
    _run("speakers", "set-gender", str(clara), "female", "--db", location, "--note", "her own page says so")
    store = Store.open(location, create=False)
    father, son = _id(store, "person:mark delacroix"), _id(store, "person:mark delacroix jr")
    store.close()
    _run("speakers", "distinct", str(father), str(son), "--db", location, "--note", "father and son")

    store = Store.open(location, create=False)
    made = _who(store)
    assert {v for (a, _), v in made.items() if a == SPLIT_ARTICLE and v[0].startswith("Ana")} == {
        ("Ana Ruiz (clerk)", "female", "evidence")}
    assert {v for (a, _), v in made.items() if a != SPLIT_ARTICLE and v[0].startswith("Ana")} == {
        ("Ana Ruiz", "female", "evidence")}
    assert ("José Núñez Ortega", "unknown", None) in made.values()
    assert {v for v in made.values() if v[0] == "Clara Voss"} == {("Clara Voss", "female", "correction")}
    assert {v[0] for (a, _), v in made.items() if a == RETURN_ARTICLE} == {"Helen Okafor"}
    assert queries.possible_same(store, helen) == queries.possible_same(store, son) == []
    assert _pairs(store) == [{"Chris Lund", "Christine Lund"}]  # the one pair left to settle
    assert store.execute(select(quotes.c.n).where(quotes.c.speaker_id == bare)) == []
    # Counts, the export and the web app read the corrected identities.
    clara_statements = len({s for (s,) in store.execute(select(quotes.c.statement_id).where(
        quotes.c.speaker_id == clara))})
    by_gender = {(r["gender"], r["gender_source"]): r for r in queries.stats(store, ["gender"])}
    assert by_gender["female", "correction"]["statements"] == clara_statements > 0
    exported = {row["speaker_id"]: row for row in queries.speaker_identities(store)}
    assert (exported[clara]["gender"], exported[clara]["gender_source"]) == ("female", "correction")
    assert exported[jose]["name"] == "José Núñez Ortega" and bare not in exported
    assert {"Okafor", "Helen Okafor"} <= {a["name"] for a in exported[helen]["aliases"]}
    store.close()
    web = TestClient(create_app(location))
    moved = web.get(f"/speakers/{bare}.json", follow_redirects=False)
    assert moved.status_code == 307 and moved.headers["location"] == f"/speakers/{helen}.json"
    assert web.get(f"/speakers/{helen}.json").json()["name"] == "Helen Okafor"

    # Every article extracted again with other settings: the corrections are applied as identities are given.
    _ingest(location, "--cues", "rules")
    store = Store.open(location, create=False)
    again = _who(store)
    store.close()
    assert {v for v in again.values()} == {v for v in made.values()}
    assert {k for k, v in again.items() if v[0] == "Ana Ruiz (clerk)"} == {
        k for k, v in made.items() if v[0] == "Ana Ruiz (clerk)"}

    # Exported, then imported by another store before its first ingest: the same identities.
    shared = tmp_path / "corrections.jsonl"
    _run("speakers", "corrections", "--db", location, "-o", str(shared))
    rows = [json.loads(line) for line in shared.read_text(encoding="utf-8").splitlines()]
    assert [r["action"] for r in rows] == ["merge", "split", "rename", "set-gender", "distinct"]
    assert rows[0]["note"] == "the principal, by honorific and surname"
    other = str(tmp_path / "other.db")
    _ingest(other, "--corrections", str(shared))
    imported = Store.open(other, create=False)
    assert _who(imported) == made
    assert _pairs(imported) == [{"Chris Lund", "Christine Lund"}]
    assert [c.to_dict() for c in imported.corrections()] == rows
    imported.close()
    # Importing them again adds nothing.
    again = CliRunner().invoke(cli, ["speakers", "import", str(shared), "--db", other])
    assert "0 corrections recorded" in again.output


def test_a_bad_correction_is_one_line_and_a_failure(tmp_path):
    location = str(tmp_path / "a.db")
    _ingest(location)
    store = Store.open(location, create=False)
    union = _id(store, "org:coastal ferry workers union")
    store.close()
    runner = CliRunner()
    for args, said in (
        (["speakers", "merge", "1", "99999"], "speaker 99999: no such speaker"),
        (["speakers", "set-gender", str(union), "female"], "is not a person (organization)"),
        (["speakers", "split", "1", "--article", "no-such-article"], "neither quoted nor named in article"),
    ):
        result = runner.invoke(cli, [*args, "--db", location])
        assert result.exit_code == 1 and said in result.output and "Traceback" not in result.output, result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"action": "merge", "key": "person:ana ruiz", "other": "person:tomas ruiz"}\n'
                   '{"action": "set-gender", "key": "person:ana ruiz", "value": "tall"}\n', encoding="utf-8")
    result = runner.invoke(cli, ["speakers", "import", str(bad), "--db", location])
    assert result.exit_code == 1 and f"{bad}:2: gender 'tall'" in result.output
    store = Store.open(location, create=False)
    assert store.corrections() == []  # nothing of a file with a bad line is applied
    store.close()


def _said(article_id: str, gender: str | None) -> tuple[Article, str, ArticleResult]:
    text = '"Yes," Ana Ruiz said.'
    quote = Quote('"Yes,"', 0, 6, "direct", Span("said", 16, 20), Span("Ana Ruiz", 7, 15), "Ana Ruiz", "person")
    person = Person("Ana Ruiz", gender, True, gender_source="evidence" if gender else None)
    return Article(article_id, text, "a.jsonl", int(article_id)), text_hash(text + str(gender)), ArticleResult(
        (quote,), (person,))


def test_the_pooled_gender_follows_articles_written_and_replaced(tmp_path):
    store = Store.open(str(tmp_path / "g.db"))
    run = store.begin_run(SETTINGS, "test", "abc")

    def gender() -> tuple[str, str | None]:
        return tuple(store.execute(select(speakers.c.gender, speakers.c.gender_source))[0])

    store.write(run, SETTINGS.key, [_said("1", "female")], [])
    assert gender() == ("female", "evidence")
    store.write(run, SETTINGS.key, [_said("2", "male")], [])
    assert gender() == ("unknown", None)  # two articles disagree
    store.write(run, SETTINGS.key, [_said("2", None)], [])  # the second, extracted again, shows none
    assert gender() == ("female", "evidence")
    assert [tuple(r) for r in store.execute(select(speaker_genders))] == [(1, "female", "evidence", 1)]
    store.close()


def test_merges_of_merges_lead_to_the_last_survivor(tmp_path):
    store = Store.open(str(tmp_path / "m.db"))
    store.correct([corrections.Correction("merge", "person:b b", other="person:a a"),
                   corrections.Correction("merge", "person:c c", other="person:b b")])
    with store.engine.connect() as conn:
        assert corrections.survivors(conn, ["person:a a", "person:b b", "person:d d"]) == {
            "person:a a": "person:c c", "person:b b": "person:c c"}
    store.close()


AUTHORITY = """id,name,aliases,kind,gender,organisation
Q90000001,Helen Okafor,,person,female,Ashvale High School
Q90000002,Coastal Ferry Workers Union,CFWU,organization,,
PA-17,Robert Haldane,Bob Haldane|Haldane,person,,Port Alder Harbour Board
"""


def _linked(store: Store) -> dict[str, tuple[str | None, str, str | None]]:
    """Each linked identity by its authority id: organisation, name, gender."""
    rows = store.execute(select(speakers.c.authority_id, speakers.c.authority_org, speakers.c.name,
                                speakers.c.gender).where(speakers.c.authority_id.is_not(None)))
    return {i: (o, n, g) for i, o, n, g in rows}


def test_an_authority_file_links_speakers_before_and_after_their_articles_come(location, tmp_path):
    listed = tmp_path / "authority.csv"
    listed.write_text(AUTHORITY, encoding="utf-8")
    _ingest(location)
    _run("speakers", "authority", str(listed), "--db", location)
    store = Store.open(location, create=False)
    linked = _linked(store)
    helen = store.execute(select(speakers.c.id).where(speakers.c.key == "person:helen okafor"))[0][0]
    store.close()
    assert linked == {
        "Q90000001": ("Ashvale High School", "Helen Okafor", "female"),
        "Q90000002": (None, "Coastal Ferry Workers Union", "not a person"),
        "PA-17": ("Port Alder Harbour Board", "Robert Haldane", "male")}  # "he" in his articles
    page = TestClient(create_app(location)).get(f"/speakers/{helen}")
    assert 'href="https://www.wikidata.org/wiki/Q90000001"' in page.text and "Ashvale High School" in page.text
    exported = {row["speaker_id"]: row for row in queries.speaker_identities(Store.open(location, read_only=True))}
    assert (exported[helen]["authority_id"], exported[helen]["gender_source"]) == ("Q90000001", "correction")
    # Read into a store before its articles: each speaker is linked as it comes.
    other = str(tmp_path / "before.db")
    _run("speakers", "authority", str(listed), "--db", other)
    _run("speakers", "authority", str(listed), "--db", other)  # twice: nothing more
    _ingest(other)
    before = Store.open(other, create=False)
    assert _linked(before) == linked
    assert len(before.corrections()) == 9  # 3 links, 3 names, a gender, 2 merges ("Haldane" alone: no key)
    before.close()


@pytest.mark.parametrize(("row", "said"), [
    ("Q1,Okafor,,person,,", "'Okafor' is not a full name"),
    ("Q1,Helen Okafor,,place,,", "kind 'place' is not one of person, organization"),
    ("Q1,Coastal Ferry Workers Union,,organization,female,", "only a person has one"),
    (",Helen Okafor,,person,,", "a row needs an id and a name"),
])
def test_a_bad_authority_row_is_one_line_naming_it_and_nothing_is_applied(tmp_path, row, said):
    listed = tmp_path / "authority.csv"
    listed.write_text("id,name,aliases,kind,gender,organisation\nQ2,Ana Ruiz,,person,,\n" + row + "\n",
                      encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["speakers", "authority", str(listed), "--db", db])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: [QW218] {listed}:3: {said}" or said in result.output.splitlines()[0]
    assert "Traceback" not in result.output
