"""The store on a real PostgreSQL server (conftest.py starts one): the same rows and the same answers as SQLite.

Each test gets a fresh database. The comparison tests write the same rows to a SQLite store and a PostgreSQL
store and ask both the same questions; only the order of full-text hits may differ (FTS5's bm25 and
PostgreSQL's ts_rank score differently), so those are compared as sets, everything else row for row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text

from quotewise.cli.app import cli
from quotewise.corpus import queries
from quotewise.corpus.queries import Filters
from quotewise.corpus.schema import errors, mentions, meta, people, quotes
from quotewise.corpus.store import Settings, Store, _new_state
from quotewise.corpus.tables import result_from_rows
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, BadRecord, Person, Quote, Span
from quotewise.rows import counted_gender, genders_of, quotation_row

SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


@pytest.fixture
def pg_store(pg_store_url: str) -> Iterator[Store]:
    store = Store.open(pg_store_url)
    yield store
    store.close()


def _result() -> ArticleResult:
    quote = Quote(
        '"Yes,"', 0, 6, "direct", Span("said", 16, 20), Span("Ana Ruiz", 7, 15), "Ana Ruiz", "person",
        None, None, 0.9, "named speaker", "speech", (), "quote-cue", "named",
    )
    return ArticleResult((quote,), (Person("Ana Ruiz", "female", True, None, None, ((7, 15),)),))


def _read_back(store: Store) -> ArticleResult:
    return result_from_rows(
        [r._mapping for r in store.execute(select(quotes).order_by(quotes.c.article_id, quotes.c.n))],
        [r._mapping for r in store.execute(select(people).order_by(people.c.article_id, people.c.n))],
        [r._mapping for r in store.execute(select(mentions).order_by(mentions.c.article_id, mentions.c.start))],
    )


def test_the_url_gets_the_psycopg_driver_and_the_schema_has_the_search_index(pg_store_url):
    store = Store.open(pg_store_url)
    try:
        assert store.dialect == "postgresql" and store.engine.driver == "psycopg"
        column = store.execute(text(
            "SELECT data_type, is_generated, generation_expression FROM information_schema.columns "
            "WHERE table_name = 'quotes' AND column_name = 'search'"
        ))
        assert len(column) == 1 and column[0].data_type == "tsvector" and column[0].is_generated == "ALWAYS"
        assert "to_tsvector" in column[0].generation_expression
        index = store.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'quotes_search'"))
        assert len(index) == 1 and "USING gin (search)" in index[0].indexdef
        assert {r.table_name for r in store.execute(text(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ))} == {"meta", "runs", "articles", "quotes", "people", "mentions", "errors", "speakers", "speaker_keys",
                 "speaker_genders", "speaker_doubts", "corrections", "article_signatures", "lsh_bands",
                 "statement_keys"}
    finally:
        store.close()
    # Opening it again finds the store and leaves it as it is; so does opening it for reading only.
    for create in (True, False):
        again = Store.open(pg_store_url, create=create)
        assert again.count("meta") == 2  # the schema version and the state token
        again.close()


def test_the_store_url_can_come_from_the_environment(postgres_url, monkeypatch):
    for spelled in (postgres_url, postgres_url.replace("postgresql://", "postgres://", 1)):
        monkeypatch.setenv("QUOTEWISE_DB", spelled)
        store = Store.open(None)
        assert store.dialect == "postgresql" and store.location.startswith("postgresql+psycopg://quotewise@/")
        run = store.begin_run(SETTINGS, "test", "abc")
        assert store.execute(select(text("1")))[0][0] == 1 and run >= 1
        store.close()


def test_a_database_without_a_store_is_refused_for_reading(pg_store_url):
    from quotewise.errors import ConfigError

    with pytest.raises(ConfigError, match="not a quotewise store"):
        Store.open(pg_store_url, create=False)


def test_a_missing_database_or_server_is_a_one_line_config_error(pg_store_url):
    from quotewise.errors import ConfigError

    missing_database = pg_store_url.replace("/quotewise_", "/no_such_database_", 1)
    no_server = pg_store_url.rsplit("&port=", 1)[0] + "&port=1"
    for wrong in (missing_database, no_server):
        with pytest.raises(ConfigError, match="cannot open the store") as caught:
            Store.open(wrong)
        assert "\n" not in str(caught.value) and caught.value.code == "QW209"


def test_store_round_trips_results_and_replaces_a_changed_article(pg_store):
    store = pg_store
    run = store.begin_run(SETTINGS, "test", "abc")
    assert run == store.begin_run(SETTINGS, "test", "abc") - 1
    article = Article("7", '"Yes," Ana Ruiz said.', "a.jsonl", 1)
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), _result())], [])
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), _result())], [])
    assert (store.count("articles"), store.count("quotes"), store.count("people"), store.count("mentions")) == (
        1, 1, 1, 1,
    )
    assert {k: v[:2] for k, v in store.stored(["7", "8"]).items()} == {"7": (text_hash(article.text), SETTINGS.key)}
    assert _read_back(store) == _result()
    assert store.execute(select(people.c.quoted))[0].quoted is True

    # The article changed: its new text and result replace the old ones, none of the old rows stay.
    changed = Article("7", '"No," Ana Ruiz said, and "Never," she added.', "a.jsonl", 1, outlet="Herald")
    two = ArticleResult(
        (
            Quote('"No,"', 0, 4, "direct", speaker_name="Ana Ruiz", speaker_kind="person", confidence=0.8),
            Quote('"Never,"', 25, 33, "direct", speaker_name="Ana Ruiz", speaker_kind="person", confidence=0.7),
        ),
        (Person("Ana Ruiz", "female", True, mentions=((5, 13), (5, 13), (40, 43))),),
    )
    store.write(run, "other settings", [(changed, text_hash(changed.text), two)], [])
    assert {k: v[:2] for k, v in store.stored(["7"]).items()} == {"7": (text_hash(changed.text), "other settings")}
    assert (store.count("articles"), store.count("quotes"), store.count("mentions")) == (1, 2, 2)
    back = _read_back(store)
    assert back.quotes == two.quotes and back.people[0].mentions == ((5, 13), (40, 43))
    genders = [r.speaker_gender for r in store.execute(select(quotes.c.speaker_gender))]
    assert genders == ["female", "female"]

    # The same article twice in one write: the last one wins.
    store.write(run, SETTINGS.key, [(changed, "h1", two), (article, text_hash(article.text), _result())], [])
    assert {k: v[:2] for k, v in store.stored(["7"]).items()} == {"7": (text_hash(article.text), SETTINGS.key)}
    assert _read_back(store) == _result()

    bad = BadRecord("a.jsonl", 2, "QW111", "a.jsonl:2: not a JSON line")
    store.write(run, SETTINGS.key, [(article, text_hash(article.text), ArticleResult())], [bad, bad])
    assert (store.count("articles"), store.count("quotes"), store.count("errors")) == (1, 0, 1)


def test_errors_rows_are_stored_replaced_and_cleared(pg_store):
    store = pg_store
    run = store.begin_run(SETTINGS, "test", "abc")
    failures = [
        BadRecord("a.jsonl", 2, "QW111", "a.jsonl:2: not a JSON line"),
        BadRecord("crawl.warc.gz", 1024, "QW150", "not an article: image/png", skipped=True),
        BadRecord("a.jsonl", 3, "QW130", "a.jsonl:3 (x9): the worker died", "x9"),
    ]
    store.write(run, SETTINGS.key, [], failures)
    rows = store.execute(select(errors).order_by(errors.c.source, errors.c.position))
    got = [(r.source, r.position, r.article_id, r.code, r.skipped, r.run_id) for r in rows]
    assert got == [
        ("a.jsonl", 2, None, "QW111", False, run),
        ("a.jsonl", 3, "x9", "QW130", False, run),
        ("crawl.warc.gz", 1024, None, "QW150", True, run),
    ]
    # A later run fails the same place differently: one row, the latest reason.
    later = store.begin_run(SETTINGS, "test", "abc")
    store.write(later, SETTINGS.key, [], [BadRecord("a.jsonl", 2, "QW110", "a.jsonl:2: no text")])
    assert store.count("errors") == 3
    assert store.execute(select(errors.c.code, errors.c.run_id).where(errors.c.position == 2))[0] == ("QW110", later)
    # The place then reads as an article: its error row goes.
    fixed = Article("x9", "Fixed.", "a.jsonl", 3)
    store.write(later, SETTINGS.key, [(fixed, text_hash(fixed.text), ArticleResult())], [])
    assert sorted(r.position for r in store.execute(select(errors.c.position))) == [2, 1024]
    store.finish_run(later, "finished", articles=1, unchanged=0, quotes=0, errors=1)
    latest = store.execute(queries.latest_run())[0]
    assert (latest.id, latest.status, latest.articles, latest.errors) == (later, "finished", 1, 1)


# A small corpus of invented articles, the same rows for both stores.


def _quote(article: str, said: str, name: str | None, kind: str, *, title: str | None = None,
           org: str | None = None, type: str = "direct", confidence: float = 0.9) -> Quote:
    start = article.index(said)
    return Quote(said, start, start + len(said), type, speaker_name=name, speaker_kind=kind,  # type: ignore[arg-type]
                 speaker_title=title, speaker_org=org, confidence=confidence, evidence="test", rule="test")


def test_a_write_waits_for_another_writer_and_then_changes_the_state_in_turn(pg_store_url):
    """Machines sharing a store write at the same time: the second write waits on the state row, then succeeds."""
    first, second = Store.open(pg_store_url), Store.open(pg_store_url)
    run = second.begin_run(SETTINGS, "test", "abc")
    article = Article("7", '"Yes," Ana Ruiz said.', "a.jsonl", 1)
    with first.engine.connect() as conn, ThreadPoolExecutor(1) as pool:
        writing = conn.begin()
        _new_state(conn)  # what the first writer's write does last, its transaction still open
        waiting = pool.submit(second.write, run, SETTINGS.key, [(article, text_hash(article.text), _result())], [])
        for _ in range(600):  # until the second write is blocked on the row the first one holds
            if first.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted"))[0][0]:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the second write never waited for the first")
        writing.commit()
        waiting.result(timeout=60)
    assert second.count("quotes") == 1 and len(second.execute(select(meta).where(meta.c.key == "state"))) == 1
    first.close()
    second.close()


def _corpus() -> list[tuple[Article, str, ArticleResult]]:
    made = []

    def add(article_id: str, outlet: str | None, date: str | None, title: str, body: str,
            found: list[tuple[Any, ...]], persons: list[Person]) -> None:
        article = Article(article_id, body, "corpus.jsonl", len(made) + 1, f"https://news.example/{article_id}",
                          outlet, title, date)
        result = ArticleResult(tuple(_quote(body, *q[:3], **(q[3] if len(q) > 3 else {})) for q in found),
                               tuple(persons))
        made.append((article, text_hash(body), result))

    body = ('"We will reopen the library on Monday," said Mayor Ana Ruiz. '
            '"The repairs took longer than anyone hoped," engineer David Liu said.')
    add("a1", "Harbour Herald", "2024-05-01", "Library to reopen", body, [
        ('"We will reopen the library on Monday,"', "Ana Ruiz", "person", {"title": "Mayor", "org": "City Council"}),
        ('"The repairs took longer than anyone hoped,"', "David Liu", "person",
         {"title": "engineer", "org": "Liu Builders", "confidence": 0.7}),
    ], [Person("Ana Ruiz", "female", True, "Mayor", "City Council"), Person("David Liu", "male", True, "engineer")])

    body = ('"Rates will not rise this year," Ana Ruiz told reporters. '
            '"The union wants a fair deal for harbour workers," the Harbour Workers Union said in a statement. '
            'Organiser Mere Tane said the strike would go ahead.')
    add("a2", "Valley Times", "2024-05-03", "No rates rise, mayor says", body, [
        ('"Rates will not rise this year,"', "Ana Ruiz", "person", {"org": "City Council"}),
        ('"The union wants a fair deal for harbour workers,"', "Harbour Workers Union", "organization"),
        ("the strike would go ahead", "Mere Tane", "person", {"type": "indirect", "title": "Organiser"}),
    ], [Person("Ana Ruiz", "female", True), Person("Mere Tane", None, True, "Organiser")])

    body = ('"Nobody told us the bridge would close," residents said. '
            '"We will stay until the council listens," Mere Tane said. '
            '"The library matters to every family," said Óscar Pérez, a teacher.')
    add("a3", "Harbour Herald", None, "Bridge closure angers residents", body, [
        ('"Nobody told us the bridge would close,"', None, "group"),
        ('"We will stay until the council listens,"', "Mere Tane", "person"),
        ('"The library matters to every family,"', "Óscar Pérez", "person", {"title": "teacher"}),
    ], [Person("Mere Tane"), Person("Óscar Pérez", "male", True, "teacher")])

    body = '"The harbour will stay open through the strike," said Ana Ruiz.'
    add("a4", None, "2024-04-20", "Harbour stays open", body, [
        ('"The harbour will stay open through the strike,"', "Ana Ruiz", "person"),
    ], [Person("Ana Ruiz", "female", True)])

    body = '"We are proud of the new library," said Mayor Ana Ruiz.'
    add("a5", "valley times", "2024-05-03", "Library opens", body, [
        ('"We are proud of the new library,"', "Ana Ruiz", "person", {"title": "Mayor", "confidence": 0.95}),
    ], [Person("Ana Ruiz", "female", True, "Mayor")])
    return made


@pytest.fixture
def both(tmp_path, pg_store) -> Iterator[tuple[Store, Store]]:
    sqlite = Store.open(str(tmp_path / "same.db"))
    for store in (sqlite, pg_store):
        run = store.begin_run(SETTINGS, "test", "abc")
        store.write(run, SETTINGS.key, _corpus(), [BadRecord("corpus.jsonl", 9, "QW111", "not a JSON line")])
    yield sqlite, pg_store
    sqlite.close()


SEARCHES = [
    "library",
    "libraries",  # stemmed
    '"reopen the library"',
    "library reopen",  # the words, in any order
    "rates OR strike",
    "harbour stay OR rates",  # (harbour AND stay) OR rates: AND binds tighter than OR
    "harbour (stay OR rates)",
    "harbour -union",
    "library OR bridge -nobody",
    '-"the strike" harbour',
    "ruiz",  # the speaker's name is searched too
    "mayor",  # and the title
    "harbour workers union",
    "stay",
]
FILTERS = [
    Filters(),
    Filters(speaker="ruiz"),
    Filters(speaker="Ana Ruiz"),
    Filters(speaker="óscar pérez"),
    Filters(speaker="ana"),
    Filters(speaker="an"),  # a part of a word is not a name
    Filters(org="city council"),
    Filters(kind="person"),
    Filters(kind="group"),
    Filters(type="indirect"),
    Filters(outlet="HARBOUR HERALD"),
    Filters(outlet="valley times"),
    Filters(since="2024-05-01"),
    Filters(until="2024-05-01"),
    Filters(since="2024-05-02", until="2024-05-99"),
    Filters(gender="female"),
    Filters(gender="male"),
    Filters(gender="unknown"),
    Filters(gender=queries.NOT_A_PERSON),
]


def _key(row: dict[str, Any]) -> tuple[str, int]:
    return row["article_id"], row["n"]


@pytest.mark.parametrize("query", SEARCHES)
def test_full_text_search_finds_the_same_quotations(both, query):
    sqlite, postgres = both
    want = queries.search(sqlite, query, limit=100)
    got = queries.search(postgres, query, limit=100)
    assert want, f"{query!r} should find something"
    assert sorted(got, key=_key) == sorted(want, key=_key)


def test_full_text_search_answers_are_the_expected_ones(both):
    for store in both:
        def found(query: str, filters: Filters | None = None, store: Store = store) -> list[tuple[str, int]]:
            return sorted(map(_key, queries.search(store, query, filters or Filters(), limit=100)))

        assert found("library") == [("a1", 0), ("a3", 2), ("a5", 0)]
        assert found('"reopen the library"') == [("a1", 0)]
        assert found("rates OR strike") == [("a2", 0), ("a2", 2), ("a4", 0)]
        assert found("harbour stay OR rates") == [("a2", 0), ("a4", 0)]
        assert found("harbour (stay OR rates)") == [("a4", 0)]
        assert found("harbour -union") == [("a4", 0)]
        assert found("library OR bridge -nobody") == [("a1", 0), ("a3", 2), ("a5", 0)]
        assert found("ruiz", Filters(outlet="valley times")) == [("a2", 0), ("a5", 0)]
        assert found("library", Filters(gender="male")) == [("a3", 2)]
        assert found("library", Filters(since="2024-05-02")) == [("a5", 0)]
        assert found("xylophone") == []
        # The best match first: the phrase the query asks for, in the quoted words.
        assert _key(queries.search(store, "reopen library")[0]) == ("a1", 0)


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
def test_filters_and_the_newest_first_order_are_the_same(both, filters):
    sqlite, postgres = both
    want = queries.search(sqlite, None, filters, limit=100)
    assert queries.search(postgres, None, filters, limit=100) == want  # row for row, in order
    assert queries.search(postgres, None, filters, limit=2, offset=1) == want[1:3]
    with_text = queries.search(sqlite, "library OR harbour OR stay", filters, limit=100)
    assert sorted(queries.search(postgres, "library OR harbour OR stay", filters, limit=100), key=_key) == sorted(
        with_text, key=_key
    )
    assert queries.speakers(postgres, filters) == queries.speakers(sqlite, filters)
    assert queries.article_ids(postgres, filters) == queries.article_ids(sqlite, filters)


def test_newest_first_puts_undated_articles_last(both):
    for store in both:
        found = queries.search(store, None, limit=100)
        assert [r["article_id"] for r in found] == ["a2", "a2", "a2", "a5", "a1", "a1", "a4", "a3", "a3", "a3"]
        assert [r["n"] for r in found] == [0, 1, 2, 0, 0, 1, 0, 0, 1, 2]  # an article's quotations in their order


def test_speakers_are_the_same(both):
    sqlite, postgres = both
    want = queries.speakers(sqlite, top=10)
    assert queries.speakers(postgres, top=10) == want
    assert queries.speakers(postgres, top=2) == want[:2]
    ruiz = want[0]
    assert ruiz["speaker"] == "Ana Ruiz" and (ruiz["statements"], ruiz["appearances"], ruiz["articles"]) == (4, 4, 4)
    assert ruiz["titles"] == ["Mayor"] and ruiz["orgs"] == ["City Council"]
    assert ruiz["outlets"] == ["Harbour Herald", "Valley Times", "valley times"]
    assert (ruiz["first_seen"], ruiz["last_seen"]) == ("2024-04-20", "2024-05-03")
    assert [r["speaker"] for r in want] == ["Ana Ruiz", "Mere Tane", "David Liu", "Harbour Workers Union",
                                             "Óscar Pérez"]


@pytest.mark.parametrize("by", [[], ["kind"], ["gender"], ["org"], ["outlet"], ["month"], ["outlet", "kind"],
                                ["outlet", "gender"], ["month", "gender", "kind"]], ids=repr)
def test_stats_are_the_same(both, by):
    sqlite, postgres = both
    want = queries.stats(sqlite, by)
    assert queries.stats(postgres, by) == want
    for filters in (Filters(speaker="ruiz"), Filters(since="2024-05-01"), Filters(gender="female")):
        assert queries.stats(postgres, by, filters) == queries.stats(sqlite, by, filters)


def test_stats_answers_are_the_expected_ones(both):
    for store in both:
        by_gender = {r["gender"]: (r["statements"], r["speakers"]) for r in queries.stats(store, ["gender"])}
        assert by_gender == {"female": (4, 1), "male": (2, 2), "unknown": (2, 1), queries.NOT_A_PERSON: (2, 1)}
        rows = queries.stats(store, ["outlet", "kind"])
        got = [(r["outlet"], r["kind"], r["statements"], r["share"]) for r in rows]
        assert got == [
            ("(unknown)", "person", 1, 1.0),
            ("Harbour Herald", "person", 4, 0.8),
            ("Harbour Herald", "group", 1, 0.2),
            ("Valley Times", "person", 2, 2 / 3),
            ("Valley Times", "organization", 1, 1 / 3),
            ("valley times", "person", 1, 1.0),
        ]


def test_stored_articles_read_back_the_same(both):
    sqlite, postgres = both
    ids = queries.article_ids(sqlite)
    assert ids == ["a1", "a2", "a3", "a4", "a5"] == queries.article_ids(postgres)
    want = list(queries.stored_articles(sqlite, ids, chunk=2))
    assert list(queries.stored_articles(postgres, ids, chunk=2)) == want
    assert [result for _, result in want] == [result for _, _, result in _corpus()]


def test_quotation_rows_stream_the_one_flat_row_the_same_on_both(both):
    sqlite, postgres = both
    ids = queries.article_ids(sqlite)
    rows = list(queries.quotation_rows(sqlite, ids, chunk=2))
    assert list(queries.quotation_rows(postgres, ids, chunk=2)) == rows
    expected = [quotation_row(article, n, q, counted_gender(q, genders_of(result.people)))
                for article, result in queries.stored_articles(sqlite, ids) for n, q in enumerate(result.quotes)]
    # The store's rows are those rows with the speaker's identity, statement and duplicate group, which a row made
    # outside a store has not.
    assert [{**row, "speaker_id": None, "statement_id": None, "duplicate_group": None} for row in rows] == expected
    assert rows and all(row["statement_id"] and row["duplicate_group"] for row in rows)
    assert all((row["speaker_id"] is None) == (row["speaker_name"] is None) for row in rows)


def test_a_query_of_exclusions_only_finds_the_same_quotations(both):
    sqlite, postgres = both
    want = queries.search(sqlite, "-library", limit=100)
    assert len(want) == 7 and queries.search(postgres, "-library", limit=100) == want  # newest first, as no text


# The real command line, end to end, with the real pipeline in this process.

ARTICLES = {
    "library.txt": (
        "Riverton's central library will open its doors again next week after a three-month closure.\n\n"
        '"We will reopen on Monday," said Mayor Ana Ruiz.\n\n'
        "The building was closed in February after a storm damaged its roof. "
        '"The repairs took longer than anyone hoped, but the library is safe now," engineer David Liu said.\n'
    ),
    "harbour.txt": (
        "Harbour workers in Port Amberley will walk off the job on Friday after pay talks collapsed.\n\n"
        '"We have been patient for eighteen months, and patience has not paid the rent," organiser Mere Tane said.\n\n'
        "Port chief executive David Liu said the company was disappointed by the decision.\n"
    ),
    "rates.txt": (
        "The city council voted on Tuesday to hold rates for another year.\n\n"
        '"Families are stretched, and the council has to listen," Ana Ruiz told reporters after the vote.\n\n'
        '"It was the right call for the city," said councillor Tom Baker.\n'
    ),
}


def _cli(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


@pytest.mark.pipeline
def test_cli_ingests_into_postgres_and_searches_it_like_sqlite(tmp_path, pg_store_url):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, body in ARTICLES.items():
        (folder / name).write_text(body, encoding="utf-8")
    sqlite_db = str(tmp_path / "news.db")
    for db in (pg_store_url, sqlite_db):
        done = _cli("ingest", "--db", db, "--workers", "0", str(folder))
        assert done.exit_code == 0, done.output
        assert "Ingested 3 articles" in done.output and "3 new or changed" in done.output
        assert "postgresql" not in db or "postgresql+psycopg://" in done.output
    # Again: nothing new to do.
    again = _cli("ingest", "--db", pg_store_url, "--workers", "0", str(folder))
    assert again.exit_code == 0 and "0 new or changed" in again.output and "3 unchanged" in again.output

    def search(db: str, *args: str) -> list[dict[str, Any]]:
        done = _cli("search", *args, "--db", db, "--format", "json")
        assert done.exit_code == 0, done.output
        return json.loads(done.stdout)

    found = search(pg_store_url, "reopen")
    assert [(r["speaker_name"], r["text"]) for r in found] == [("Ana Ruiz", "We will reopen on Monday,")]
    assert found[0]["article_id"] and found[0]["speaker_title"] == "Mayor"
    library = search(pg_store_url, "library")
    assert [r["speaker_name"] for r in library] == ["David Liu"] and "library is safe" in library[0]["text"]
    assert {r["speaker_name"] for r in search(pg_store_url, "council OR rent")} == {"Ana Ruiz", "Mere Tane"}
    assert search(pg_store_url, "patience -rent") == []
    assert [r["speaker_name"] for r in search(pg_store_url, "--speaker", "ruiz")] == ["Ana Ruiz", "Ana Ruiz"]

    for args in (("library",), ("council OR rent",), ("said",), ("--speaker", "liu"), ("--kind", "person")):
        want, got = search(sqlite_db, *args), search(pg_store_url, *args)
        assert sorted(got, key=_key) == sorted(want, key=_key), args
    for command in (("speakers",), ("stats", "--by", "gender"), ("stats", "--by", "outlet", "--by", "kind")):
        want, got = (_cli(*command, "--db", db, "--format", "json") for db in (sqlite_db, pg_store_url))
        assert want.exit_code == got.exit_code == 0, got.output
        assert json.loads(got.stdout) == json.loads(want.stdout), command
