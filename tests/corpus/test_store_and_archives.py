"""The archive reader and the store, without a spaCy pipeline: records in, rows out, the same rows back."""

from __future__ import annotations

import gzip
import json

import pytest
from sqlalchemy import inspect, select, text

from quotewise.corpus import queries
from quotewise.corpus.schema import (
    COUNTING_INDEXES,
    IDENTITY_COUNTING_INDEXES,
    SCHEMA_VERSION,
    people,
    quotes,
    runs,
    speakers,
)
from quotewise.corpus.store import Settings, Store
from quotewise.corpus.tables import result_from_rows
from quotewise.errors import ConfigError
from quotewise.io.archives import ArchiveReader, text_hash
from quotewise.records import Article, ArticleResult, BadRecord, Person, Quote, Span

SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


def _lines(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_json_lines_give_articles_and_bad_records(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        _lines(
            {"id": 7, "body": '"Yes," Ana Ruiz said.', "published": "2024-05-01T10:00:00Z", "site_name": "Herald"},
            "{not json",
            {"text": ""},
            {"text": "<html><body><article><p>\"We stay,\" Ana Ruiz said on Monday in the old square.</p>"
             "<p>The council said it would meet the protesters again next week.</p></article></body></html>",
             "url": "https://www.example.org/x"},
        ),
        encoding="utf-8",
    )
    got = list(ArchiveReader((str(path),)))
    assert [type(x).__name__ for x in got] == ["Article", "BadRecord", "BadRecord", "Article"]
    assert got[0] == Article("7", '"Yes," Ana Ruiz said.', str(path), 1, None, "Herald", None, "2024-05-01", None)
    assert (got[1].code, got[1].position) == ("QW111", 2)
    assert (got[2].code, got[2].position) == ("QW110", 3)
    assert got[3].id == "https://www.example.org/x" and got[3].outlet == "example.org"
    assert got[3].text.startswith('"We stay," Ana Ruiz said') and "<p>" not in got[3].text


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    records = [{"id": str(n), "text": f"Article number {n} " * 40} for n in range(50)]
    data = gzip.compress(_lines(*records).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    got = list(ArchiveReader((str(path),)))
    assert all(isinstance(x, Article) for x in got[:-1]) and len(got) > 1
    assert isinstance(got[-1], BadRecord) and got[-1].code == "QW105" and got[-1].position == len(got)


def _result() -> ArticleResult:
    quote = Quote(
        '"Yes,"', 0, 6, "direct", Span("said", 16, 20), Span("Ana Ruiz", 7, 15), "Ana Ruiz", "person",
        None, None, 0.9, "named speaker", "speech", (), "quote-cue", "named",
    )
    return ArticleResult((quote,), (Person("Ana Ruiz", "female", True, None, None, ((7, 15),)),))


def test_store_round_trips_results_and_replaces_a_changed_article(tmp_path):
    store = Store.open(str(tmp_path / "q.db"))
    run = store.begin_run(SETTINGS, "test", "abc")
    article = Article("7", '"Yes," Ana Ruiz said.', "a.jsonl", 1)
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), _result())], [])
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), _result())], [])
    assert (store.count("articles"), store.count("quotes"), store.count("people")) == (1, 1, 1)
    assert {k: v[:2] for k, v in store.stored(["7", "8"]).items()} == {"7": (text_hash(article.text), SETTINGS.key)}
    from quotewise.corpus.schema import mentions, people

    back = result_from_rows(
        [r._mapping for r in store.execute(select(quotes))],
        [r._mapping for r in store.execute(select(people))],
        [r._mapping for r in store.execute(select(mentions))],
    )
    assert back == _result()
    bad = BadRecord("a.jsonl", 2, "QW111", "a.jsonl:2: not a JSON line")
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), ArticleResult())], [bad, bad])
    assert (store.count("quotes"), store.count("errors")) == (0, 1)


def _counting_store(location: str) -> Store:
    """Three articles: a woman, a person of unknown gender and an organisation quoted, in two outlets."""
    store = Store.open(location)
    run = store.begin_run(SETTINGS, "test", "abc")
    police = Quote('"Stay back,"', 0, 12, "direct", speaker_name="Wellington Police", speaker_kind="organization",
                   confidence=0.8)
    stranger = Quote('"Why?"', 0, 6, "direct", speaker_name="Kim Lee", speaker_kind="person", confidence=0.7)
    written = [
        (Article("a", '"Yes," Ana Ruiz said.', "a.jsonl", 1, outlet="Herald", date="2024-05-01"), _result()),
        (Article("b", '"Stay back," police said.', "a.jsonl", 2, outlet="Post", date="2024-06-02"),
         ArticleResult((police,))),
        (Article("c", '"Why?" asked Kim Lee.', "a.jsonl", 3, outlet="Post"),
         ArticleResult((stranger,), (Person("Kim Lee", None, True),))),
    ]
    store.write(run, SETTINGS.key, [(a, text_hash(a.text), r) for a, r in written], [])
    return store


def _without_ids(found: object) -> object:
    """Answers as two stores agree on them: identity ids are numbers each store gives (an upgrade gives them anew)."""
    if isinstance(found, dict):
        return {k: _without_ids(v) for k, v in found.items() if k != "speaker_id"}
    if isinstance(found, list):
        return [_without_ids(v) for v in found]
    return found


def _answers(store: Store) -> list[object]:
    return _without_ids([
        queries.stats(store, ["gender"]), queries.stats(store, ["outlet", "month"]),
        queries.facets(store, None), queries.search(store, None, queries.Filters(outlet="post", since="2024")),
        queries.speakers(store), queries.count(store, None, queries.Filters(gender=queries.NOT_A_PERSON)),
        # "why" is a stop word of PostgreSQL's english configuration, which schema 2 indexed with
        queries.search(store, "why"), queries.search(store, "-why"), queries.count(store, "yes OR stay"),
        # What the store says of each gender's source; every gender stored before schema 4 was evidence.
        [tuple(r) for r in store.execute(select(people.c.name, people.c.gender, people.c.gender_source)
                                         .order_by(people.c.article_id, people.c.n))],
        [tuple(r) for r in store.execute(select(quotes.c.speaker_gender, quotes.c.speaker_gender_source)
                                         .order_by(quotes.c.article_id, quotes.c.n))],
        [r.gender for r in store.execute(select(runs.c.gender).order_by(runs.c.id))],
    ])  # type: ignore[return-value]


def test_quotations_carry_what_is_counted_and_every_write_changes_the_state(tmp_path):
    store = _counting_store(str(tmp_path / "q.db"))
    columns = (quotes.c.article_id, quotes.c.speaker_gender, quotes.c.outlet, quotes.c.date, quotes.c.month)
    assert sorted(tuple(r) for r in store.execute(select(*columns))) == [
        ("a", "female", "Herald", "2024-05-01", "2024-05"), ("b", "not a person", "Post", "2024-06-02", "2024-06"),
        ("c", "unknown", "Post", None, None),
    ]
    before = store.state()
    assert store.state() == before
    store.write(store.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, [], [BadRecord("x", 1, "QW111", "bad")])
    assert store.state() != before
    # A filter's names are read once per state: a new outlet is found as soon as it is written.
    assert queries.count(store, None, queries.Filters(outlet="gazette")) == 0
    gazette = Article("d", '"Yes," Ana Ruiz said.', "a.jsonl", 4, outlet="Gazette")
    store.write(store.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, [(gazette, "h", _result())], [])
    assert queries.count(store, None, queries.Filters(outlet="gazette")) == 1


def _to_schema_7(store: Store) -> None:
    """Back to schema 7: identities without their name parts, no possible same person list."""
    with store.engine.begin() as conn:
        conn.execute(text("DROP INDEX speakers_name_parts"))
        conn.execute(text("ALTER TABLE speakers DROP COLUMN surname"))
        conn.execute(text("ALTER TABLE speakers DROP COLUMN given"))
        conn.execute(text("DROP TABLE speaker_doubts"))
        conn.execute(text("UPDATE meta SET value = '7' WHERE key = 'schema_version'"))


def _to_schema_6(store: Store) -> None:
    """Back to schema 6: identities without their key, pooled gender and merges; no gender counts, no corrections,
    signatures without their outlet, nor the indexes that count statements and people."""
    _to_schema_7(store)
    with store.engine.begin() as conn:
        counting = [index.name for index in IDENTITY_COUNTING_INDEXES] + ["quotes_article_speaker_id"]
        for index in ("speakers_key", *counting):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("ALTER TABLE article_signatures DROP COLUMN outlet"))
        for column in ("key", "gender", "gender_source", "merged_into"):
            conn.execute(text(f"ALTER TABLE speakers DROP COLUMN {column}"))
        for table in ("speaker_genders", "corrections"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))


def _to_schema_5(store: Store) -> None:
    """Back to schema 5: no duplicate groups nor statements."""
    _to_schema_6(store)
    with store.engine.begin() as conn:
        for index in ("quotes_statement", "articles_url", "articles_duplicate_group", "article_signatures_group"):
            conn.execute(text(f"DROP INDEX {index}"))
        for table, column in (("quotes", "statement_id"), ("quotes", "duplicate_group"),
                              ("articles", "duplicate_group")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        for table in ("article_signatures", "lsh_bands", "statement_keys"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE meta SET value = '5' WHERE key = 'schema_version'"))


def _to_schema_4(store: Store) -> None:
    """Back to schema 4: no speaker identities."""
    _to_schema_5(store)
    with store.engine.begin() as conn:
        for index in ("quotes_speaker_id", "people_speaker_id", "speaker_keys_speaker"):
            conn.execute(text(f"DROP INDEX {index}"))
        for table in ("quotes", "people"):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN speaker_id"))
        conn.execute(text("DROP TABLE speaker_keys"))
        conn.execute(text("DROP TABLE speakers"))
        conn.execute(text("UPDATE meta SET value = '4' WHERE key = 'schema_version'"))


def _to_schema_3(store: Store) -> None:
    """Back to schema 3: quotations without `channel` and `is_floating_quote`, no gender sources (people, quotes)
    nor the runs' gender option, and the counting indexes without the source."""
    _to_schema_4(store)
    with store.engine.begin() as conn:
        for index in COUNTING_INDEXES:
            columns = [c.name for c in index.columns]
            if "speaker_gender_source" in columns:
                conn.execute(text(f"DROP INDEX {index.name}"))
                columns.remove("speaker_gender_source")
                conn.execute(text(f"CREATE INDEX {index.name} ON quotes ({', '.join(columns)})"))
        for table, column in (("runs", "gender"), ("people", "gender_source"), ("people", "name_gender_p"),
                              ("quotes", "speaker_gender_source"), ("quotes", "channel"),
                              ("quotes", "is_floating_quote")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE meta SET value = '3' WHERE key = 'schema_version'"))


def _to_schema_2(store: Store) -> None:
    """Back to schema 2: on PostgreSQL, the search column made with the english configuration, and no quotewise
    configuration (on SQLite only the version differs)."""
    _to_schema_3(store)
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            for statement in (
                "ALTER TABLE quotes DROP COLUMN search",
                "DROP TEXT SEARCH CONFIGURATION quotewise",
                "DROP TEXT SEARCH DICTIONARY quotewise_porter",
                "DROP FUNCTION quotewise_fold(text)",
                "ALTER TABLE quotes ADD COLUMN search tsvector GENERATED ALWAYS AS ("
                "setweight(to_tsvector('english', coalesce(words, '')), 'A') || setweight(to_tsvector('english', "
                "coalesce(speaker_name, '') || ' ' || coalesce(speaker_title, '')), 'B')) STORED",
                "CREATE INDEX quotes_search ON quotes USING gin (search)",
            ):
                conn.execute(text(statement))
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))


def _to_schema_1(store: Store) -> None:
    """Back to schema 1: no copied columns, genders as extraction gave them, the single-column indexes."""
    _to_schema_2(store)
    with store.engine.begin() as conn:
        for index in COUNTING_INDEXES:
            conn.execute(text(f"DROP INDEX {index.name}"))
        for column in ("outlet", "date", "month"):
            conn.execute(text(f"ALTER TABLE quotes DROP COLUMN {column}"))
        extracted = "WHERE speaker_gender NOT IN ('unknown', 'not a person')"
        if store.dialect == "sqlite":  # no ALTER COLUMN: the column is made again, nullable
            conn.execute(text("ALTER TABLE quotes ADD COLUMN gender VARCHAR"))
            conn.execute(text(f"UPDATE quotes SET gender = speaker_gender {extracted}"))
            conn.execute(text("ALTER TABLE quotes DROP COLUMN speaker_gender"))
            conn.execute(text("ALTER TABLE quotes RENAME COLUMN gender TO speaker_gender"))
        else:
            conn.execute(text("ALTER TABLE quotes ALTER COLUMN speaker_gender DROP NOT NULL"))
            conn.execute(text("UPDATE quotes SET speaker_gender = NULL WHERE speaker_gender IN "
                              "('unknown', 'not a person')"))
        for column in ("speaker_name", "speaker_org", "speaker_kind"):
            conn.execute(text(f"CREATE INDEX quotes_{column} ON quotes ({column})"))
        conn.execute(text("DELETE FROM meta WHERE key = 'state'"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))


@pytest.mark.parametrize("version", ["1", "2", "3", "4", "5", "6", "7"])
@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_an_older_store_is_upgraded_in_place_when_opened_for_writing(tmp_path, request, database, version):
    """Also when an earlier upgrade was killed part way: each step can run again."""
    location = str(tmp_path / "old.db") if database == "sqlite" else request.getfixturevalue("pg_store_url")
    made = _counting_store(location)
    kimberly = Article("d", '"No comment," Kimberly Lee said.', "a.jsonl", 4, outlet="Post", date="2024-06-03")
    made.write(made.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, [(kimberly, "hd", ArticleResult(
        (Quote('"No comment,"', 0, 13, "direct", speaker_name="Kimberly Lee", speaker_kind="person"),),
        (Person("Kimberly Lee", None, True),)))], [])
    expected = _answers(made)
    assert [len(found) for found in expected[-6:-4]] == [1, 3]
    doubted = [(r["speaker"], r["other"], r["reason"]) for r in queries.possible_same(made)]
    assert doubted == [("Kim Lee", "Kimberly Lee", "short form")]
    if version == "1":
        _to_schema_1(made)
        with made.engine.begin() as conn:  # as an upgrade killed after its first step leaves it on SQLite
            conn.execute(text("ALTER TABLE quotes ADD COLUMN outlet VARCHAR"))
    elif version == "2":
        _to_schema_2(made)
    elif version == "3":
        _to_schema_3(made)
        with made.engine.begin() as conn:  # as an upgrade killed after its first step leaves it on SQLite
            conn.execute(text("ALTER TABLE runs ADD COLUMN gender VARCHAR"))
    elif version == "4":
        _to_schema_4(made)
    elif version == "5":
        _to_schema_5(made)
    elif version == "6":
        _to_schema_6(made)
    else:
        _to_schema_7(made)
    made.close()
    with pytest.raises(ConfigError, match=f"store schema {version}, this quotewise reads {SCHEMA_VERSION}") as raised:
        Store.open(location, read_only=True)
    assert raised.value.hint == "ingest into it once to upgrade it"
    upgraded = Store.open(location)
    assert _answers(upgraded) == expected
    indexes = {index["name"]: index["column_names"] for index in inspect(upgraded.engine).get_indexes("quotes")}
    assert {i.name: [c.name for c in i.columns] for i in COUNTING_INDEXES}.items() <= indexes.items()
    assert "quotes_speaker_kind" not in indexes
    added = upgraded.execute(select(quotes.c.channel, quotes.c.is_floating_quote).distinct())
    if version in ("1", "2", "3"):
        assert [tuple(row) for row in added] == [(None, False)]  # the stored quotations, as schema 3 read them
    # Every stored speaker has an identity: one per person, not per article.
    missing = upgraded.execute(select(quotes.c.n).where(quotes.c.speaker_name.is_not(None),
                                                        quotes.c.speaker_id.is_(None)))
    assert missing == []
    by_name = {name: {i for (i,) in upgraded.execute(select(people.c.speaker_id).where(people.c.name == name))}
               for (name,) in upgraded.execute(select(people.c.name).distinct())}
    assert all(len(ids) == 1 for ids in by_name.values()), by_name
    # Every identity has its key and its gender pooled from the articles' counts.
    pooled = {tuple(row) for row in upgraded.execute(
        select(speakers.c.kind, speakers.c.gender, speakers.c.gender_source).where(speakers.c.key.is_not(None)))}
    assert pooled == {("person", "female", "evidence"), ("person", "unknown", None),
                      ("organization", "not a person", None)}, pooled
    assert [(r["speaker"], r["other"], r["reason"]) for r in queries.possible_same(upgraded)] == doubted
    # Every article has a duplicate group, and every quotation its statement.
    assert upgraded.execute(select(quotes.c.n).where(quotes.c.statement_id.is_(None) |
                                                     quotes.c.duplicate_group.is_(None))) == []
    upgraded.close()
    again = Store.open(location, read_only=True)
    assert _answers(again) == expected
    again.close()
