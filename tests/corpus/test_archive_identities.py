"""An invented archive with a key of its own (tests/corpus/archive): identities, wire groups and pooled gender
as the engine and the store give them, on SQLite and PostgreSQL.

The archive has people sharing a surname, a father and son of one name, a name with and without diacritics and
with and without a middle initial, a title that changes, gender shown in some articles only, organisations with
acronyms and short forms, a man called by his short form in one article, by his full name in another and by both
in a third ('Robert "Bob" Haldane'), two people whose given names could be one (Chris and Christine Lund), a
principal called by title and surname alone in one article, two wire stories republished by three outlets with
light edits, and one story stored twice under one URL (bench/results/archive-identities.json holds the figures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import distinct, func, select

from quotewise.cli.app import cli
from quotewise.corpus.schema import quotes
from quotewise.corpus.store import Store
from quotewise.evaluation.identities import score

ARCHIVE = Path(__file__).parent / "archive"
KEY = json.loads((ARCHIVE / "key.json").read_text(encoding="utf-8"))


def _ingest(location: str, *options: str) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--db", location, "--workers", "0", *options,
                                      str(ARCHIVE / "news.jsonl")])
    assert result.exit_code == 0, result.output


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path) -> str:
    return str(tmp_path / "archive.db") if request.param == "sqlite" else request.getfixturevalue("pg_store_url")


def test_one_id_per_speaker_every_wire_group_and_the_pooled_genders(location):
    _ingest(location)
    store = Store.open(location, create=False)
    found = score(store, KEY)
    store.close()
    assert found["matched"] == found["quotes"], found["missed"]
    assert found["pairwise_precision"] >= 0.98 and found["pairwise_recall"] >= 0.95, found
    assert found["wire_groups_found"] == found["wire_groups"] == 3 and found["false_joins"] == []
    assert found["genders_right"] == found["genders_checked"] >= 4
    # Father and son; Chris and Christine Lund; "Okafor" alone and the one Okafor named in full elsewhere.
    assert found["possible_same_listed"] == found["possible_same"] == 3


def test_a_story_stored_twice_under_one_url_adds_no_statement(location):
    _ingest(location)
    store = Store.open(location, create=False)
    pair = next(group for group in KEY["wire_groups"] if len(group) == 2)
    statements = [store.execute(select(func.count(distinct(quotes.c.statement_id)))
                                .where(quotes.c.article_id.in_(ids)))[0][0] for ids in (pair[:1], pair)]
    store.close()
    assert statements[0] == statements[1] > 0


def test_identities_and_statements_stay_when_every_article_is_extracted_again(tmp_path):
    location = str(tmp_path / "again.db")
    _ingest(location)
    store = Store.open(location, create=False)
    columns = select(quotes.c.article_id, quotes.c.words, quotes.c.speaker_name, quotes.c.speaker_id,
                     quotes.c.statement_id)
    before = {(a, w, n): (i, s) for a, w, n, i, s in store.execute(columns)}
    _ingest(location, "--cues", "rules")  # other settings: every article is extracted again
    after = {(a, w, n): (i, s) for a, w, n, i, s in store.execute(columns)}
    store.close()
    both = before.keys() & after.keys()
    assert len(both) > 50
    assert all(before[k] == after[k] for k in both)
