"""Counting statements and appearances, people and quotations, over the invented archive (tests/corpus/archive)
ingested into SQLite and PostgreSQL: the wire story in three outlets is one statement, the story stored as a page
and as a record counts once, and both databases give the same answers."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from quotewise.cli.app import cli
from quotewise.corpus import queries
from quotewise.corpus.queries import APPEARANCES, STATEMENTS, Filters
from quotewise.corpus.schema import quotes
from quotewise.corpus.store import Settings, Store
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Quote

ARCHIVE = Path(__file__).parent / "archive" / "news.jsonl"
KEY = json.loads((ARCHIVE.parent / "key.json").read_text(encoding="utf-8"))
STRIKE = next(group for group in KEY["wire_groups"] if len(group) == 3 and "ferry-strike" in group[0])
PAGE_AND_RECORD = next(group for group in KEY["wire_groups"] if len(group) == 2)
WALKOUT = '"walk off the job"'  # the union's words in each of the three copies of the strike story


def _ingest(location: str) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--db", location, "--workers", "0", str(ARCHIVE)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def both(tmp_path_factory, postgres_server) -> Iterator[tuple[Store, Store]]:
    """The archive in a SQLite store and in a PostgreSQL database of its own, ingested once for the module."""
    sqlite = str(tmp_path_factory.mktemp("counting") / "archive.db")
    socket_dir, port = postgres_server
    name = f"quotewise_counting_{uuid.uuid4().hex[:8]}"
    admin = f"host={socket_dir} port={port} user=quotewise dbname=postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    postgres = f"postgresql://quotewise@/{name}?host={socket_dir}&port={port}"
    for location in (sqlite, postgres):
        _ingest(location)
    stores = Store.open(sqlite, read_only=True), Store.open(postgres, read_only=True)
    yield stores
    for store in stores:
        store.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_wire_story_in_three_outlets_is_one_statement_with_three_appearances(both):
    outlets = {article_id: outlet for article_id, outlet in both[0].execute(
        select(quotes.c.article_id, quotes.c.outlet).where(quotes.c.article_id.in_(STRIKE)).distinct())}
    assert len(set(outlets.values())) == 3
    for store in both:
        hits = queries.search(store, WALKOUT)
        assert len(hits) == 1 and queries.count(store, WALKOUT) == 1
        hit = hits[0]
        assert (hit["appearances"], hit["also_articles"]) == (3, 2)
        assert {a["article_id"] for a in hit["also"]} == set(STRIKE) - {hit["article_id"]}
        assert {a["outlet"] for a in hit["also"]} == set(outlets.values()) - {hit["outlet"]}
        every = queries.search(store, WALKOUT, count=APPEARANCES)
        assert sorted(h["article_id"] for h in every) == sorted(STRIKE)
        assert queries.count(store, WALKOUT, count=APPEARANCES) == 3
        assert {h["statement_id"] for h in every} == {hit["statement_id"]}
        said = queries.statement(store, hit["statement_id"])
        assert said is not None and (said["appearances"], said["articles"]) == (3, 3)
        assert said["outlets"] == sorted(outlets.values())
        assert [r["article_id"] for r in said["rows"]] == sorted(STRIKE, key=lambda a: (a.split("-", 1)[1], a))
        assert len(said["speakers"]) == 1  # the union, one identity in every copy


def test_the_same_story_as_a_page_and_as_a_record_counts_once(both):
    for store in both:
        day = Filters(outlet="Coast Courier", since="2023-07-14", until="2023-07-14")
        assert queries.article_ids(store, day) == sorted(PAGE_AND_RECORD)
        statements, appearances = (queries.count(store, None, day, count=c) for c in (STATEMENTS, APPEARANCES))
        assert statements > 0 and appearances == 2 * statements
        assert len(queries.search(store, None, day, limit=100)) == statements
        rows = queries.stats(store, ["outlet"], day)
        assert [(r["statements"], r["appearances"], r["share"]) for r in rows] == [(statements, appearances, 1.0)]


def test_counts_are_the_distinct_statements_of_the_rows(both):
    for store in both:
        rows = store.execute(select(quotes.c.statement_id, quotes.c.speaker_id, quotes.c.speaker_kind))
        assert all(statement for statement, _, _ in rows)
        assert queries.count(store, None) == len({r[0] for r in rows}) < queries.count(store, None,
                                                                                       count=APPEARANCES) == len(rows)
        by_kind = queries.stats(store, ["kind"])
        for row in by_kind:
            assert row["statements"] == len({s for s, _, kind in rows if kind == row["kind"]})
            assert row["appearances"] == sum(1 for _, _, kind in rows if kind == row["kind"])
            assert row["speakers"] == len({i for _, i, kind in rows if kind == row["kind"] and i is not None})
        assert sum(r["share"] for r in by_kind) == pytest.approx(1.0)
        per_speaker = Counter(i for _, i in {(s, i) for s, i, _ in rows} if i is not None)
        top = queries.speakers(store, top=100)
        assert {r["speaker_id"]: r["statements"] for r in top} == dict(per_speaker)
        assert [r["statements"] for r in top] == sorted((r["statements"] for r in top), reverse=True)
        by_appearances = queries.speakers(store, top=100, count=APPEARANCES)
        assert [r["appearances"] for r in by_appearances] == sorted((r["appearances"] for r in top), reverse=True)


def test_speakers_are_identities_named_canonically(both):
    for store in both:
        ruiz = next(r for r in queries.speakers(store, top=100) if r["speaker"] == "Ana Ruiz")
        assert ruiz["kind"] == "person" and ruiz["titles"] == ["Mayor", "Councillor"]
        quoted_in = KEY["people"]["ana-ruiz"]["quoted_in"]
        assert ruiz["articles"] == len(quoted_in)
        # The dredging story stored twice: its statements count once, its quotations twice.
        assert ruiz["appearances"] - ruiz["statements"] == sum(
            1 for (article,) in store.execute(select(quotes.c.article_id).where(
                quotes.c.speaker_id == ruiz["speaker_id"], quotes.c.article_id == PAGE_AND_RECORD[1])))
        # --speaker matches names as written: "Ruiz" finds Ana and Tomas, two identities.
        named = {r["speaker"] for r in queries.speakers(store, Filters(speaker="ruiz"), top=100)}
        assert named == {"Ana Ruiz", "Tomas Ruiz"}
        profile = queries.speaker_profile(store, ruiz["speaker_id"])
        assert profile is not None and profile["name"] == "Ana Ruiz"
        assert (profile["statements"], profile["appearances"]) == (ruiz["statements"], ruiz["appearances"])
        assert {a["name"] for a in profile["aliases"]} >= {"Ana Ruiz", "Mayor Ana Ruiz", "Councillor Ana Ruiz"}
        assert [r["title"] for r in profile["roles"]] == ["Councillor", "Mayor"]  # in the order they were held
        assert profile["roles"][0]["last"] <= profile["roles"][1]["first"]
        assert (profile["gender"], profile["gender_source"]) == ("female", "evidence")
        shown = [e for e in profile["evidence"] if e["gender_source"] == "evidence"]
        assert shown and all(e["gender"] == "female" and e["gender_evidence"] for e in shown)
        assert sum(t["count"] for t in profile["timeline"]) == profile["statements"]
        assert queries.identities_named(store, "Ana Ruiz") == [{"speaker_id": ruiz["speaker_id"], "name": "Ana Ruiz",
                                                                "kind": "person", "appearances": ruiz["appearances"]}]


def test_gender_counts_people_by_their_gender_across_the_archive(both):
    for store in both:
        identities = {row["speaker_id"]: row for row in queries.speaker_identities(store)}
        rows = store.execute(select(quotes.c.statement_id, quotes.c.speaker_id).where(quotes.c.speaker_id.is_not(None)))
        quoted = {i for _, i in rows}
        want: dict[tuple[str, str | None], set[int]] = {}
        for i in quoted:
            want.setdefault((identities[i]["gender"], identities[i]["gender_source"]), set()).add(i)
        by_gender = queries.stats(store, ["gender"])
        got = {(r["gender"], r["gender_source"]): r for r in by_gender}
        for found, people in want.items():
            assert got[found]["speakers"] == len(people), found
        assert got["female", "evidence"]["statements"] == len({s for s, i in rows if i in want["female", "evidence"]})
        women = {name for name, person in KEY["people"].items() if person["gender"] == "female"}
        assert got["female", "evidence"]["speakers"] == len(women)
        assert sum(r["share"] for r in by_gender) == pytest.approx(1.0)
        # Every outlet's split adds up to the outlet's statements.
        split = queries.stats(store, ["outlet", "gender"])
        for outlet in {r["outlet"] for r in split}:
            assert sum(r["share"] for r in split if r["outlet"] == outlet) == pytest.approx(1.0)


def _words(name: str) -> set[str]:
    return set(name.casefold().split())


@pytest.mark.parametrize("count", [STATEMENTS, APPEARANCES])
def test_facet_counts_are_what_their_filters_find(both, count):
    for store in both:
        for text in (None, "ferry OR water"):
            found = queries.facets(store, text, count=count, top=50)
            for name, values in found.items():
                for value in values:
                    narrowed = Filters(**{"type" if name == "type" else name: value["value"]})
                    if name == "speaker" and any(_words(value["value"]) < _words(other["value"]) for other in values):
                        continue  # --speaker "Mark Delacroix" also finds "Mark Delacroix Jr.", as it always has
                    assert queries.count(store, text, narrowed, count=count) == value["count"], (name, value)


def _without_ids(found: Any) -> Any:
    """What two stores agree on: identity ids are numbers each database gives (PostgreSQL's sequence may skip)."""
    if isinstance(found, dict):
        return {k: _without_ids(v) for k, v in found.items() if k != "speaker_id"}
    if isinstance(found, list):
        return [_without_ids(v) for v in found]
    return found


def test_sqlite_and_postgresql_give_the_same_counts(both):
    sqlite, postgres = both
    for count in (STATEMENTS, APPEARANCES):
        want = _without_ids(queries.search(sqlite, None, limit=200, count=count))
        assert _without_ids(queries.search(postgres, None, limit=200, count=count)) == want
        assert _without_ids(queries.search(postgres, None, limit=5, offset=3, count=count)) == want[3:8]
        assert queries.count(postgres, "ferry", count=count) == queries.count(sqlite, "ferry", count=count)
        for by in (["kind"], ["gender"], ["outlet", "gender"], ["month", "kind"]):
            assert queries.stats(postgres, by, count=count) == queries.stats(sqlite, by, count=count)
        assert queries.facets(postgres, None, count=count) == queries.facets(sqlite, None, count=count)
        assert _without_ids(queries.speakers(postgres, top=50, count=count)) == _without_ids(
            queries.speakers(sqlite, top=50, count=count))
        ruiz = [queries.speakers(store, Filters(speaker="Ana Ruiz"), top=1)[0]["speaker_id"] for store in both]
        assert _without_ids(queries.speaker_profile(postgres, ruiz[1], count=count)) == _without_ids(
            queries.speaker_profile(sqlite, ruiz[0], count=count))
    hit = queries.search(sqlite, WALKOUT)[0]
    assert _without_ids(queries.statement(postgres, hit["statement_id"])) == _without_ids(
        queries.statement(sqlite, hit["statement_id"]))


SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


def test_a_quotation_without_a_statement_counts_as_its_own(new_store):
    text = '"We sail at dawn," said Ida Brenn. "We sail at dawn," said Ida Brenn again.'
    said = tuple(Quote('"We sail at dawn,"', start, start + 18, "direct", speaker_name="Ida Brenn",
                       speaker_kind="person") for start in (0, 35))
    article = Article("tide-1", text, "tide.jsonl", 1, outlet="Tide Gazette", date="2025-01-02")
    run = new_store.begin_run(SETTINGS, "test", "abc")
    new_store.write(run, SETTINGS.key, [(article, text_hash(text), ArticleResult(said, ()))], [])
    assert queries.count(new_store, None) == 1  # the same words twice in one article: one statement
    with new_store.engine.begin() as conn:
        conn.execute(update(quotes).values(statement_id=None))
    assert queries.count(new_store, None) == queries.count(new_store, None, count=APPEARANCES) == 2
    hits = queries.search(new_store, "dawn")
    assert [(h["n"], h["appearances"], h["also_articles"]) for h in hits] == [(0, 1, 0), (1, 1, 0)]
    assert [r["statements"] for r in queries.stats(new_store, ["kind"])] == [2]
    assert queries.speakers(new_store)[0]["statements"] == 2
    assert queries.facets(new_store, None)["speaker"] == [{"value": "Ida Brenn", "count": 2}]


def test_the_commands_count_statements_unless_told(both, tmp_path):
    db = str(tmp_path / "cli.db")
    _ingest(db)

    def run(*args: str) -> list[dict]:
        result = CliRunner().invoke(cli, [*args, "--db", db, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert len(run("search", WALKOUT)) == 1 and run("search", WALKOUT)[0]["appearances"] == 3
    assert len(run("search", WALKOUT, "--count", "appearances")) == 3
    top = run("speakers", "--top", "3")
    assert [r["statements"] for r in top] == sorted((r["statements"] for r in top), reverse=True)
    assert set(top[0]) == set(queries.SPEAKER_FIELDS)
    stats = run("stats", "--by", "gender", "--count", "appearances")
    assert sum(r["appearances"] for r in stats) == both[0].count("quotes")
    assert sum(r["share"] for r in stats) == pytest.approx(1.0)
    table = CliRunner().invoke(cli, ["stats", "--db", db, "--by", "kind", "--format", "table"])
    assert "statements" in table.output and "quotations" in table.output and "speakers" in table.output
    wrong = CliRunner().invoke(cli, ["stats", "--db", db, "--count", "words"])
    assert wrong.exit_code == 2 and "'words' is not one of 'statements', 'appearances'" in wrong.output


def test_the_gender_filter_and_facet_keep_what_stats_counts(both):
    """All three read the speaker's gender across the archive: a woman whose "she" is in one article only is a
    woman in every article, whether counted, filtered or faceted."""
    for store in both:
        for count in (STATEMENTS, APPEARANCES):
            counted: Counter[str] = Counter()
            for row in queries.stats(store, ["gender"], count=count):
                counted[row["gender"]] += row[count]
            assert {"female", "male", "unknown", "not a person"} <= set(counted)
            for gender, n in counted.items():
                assert queries.count(store, None, Filters(gender=gender), count=count) == n, (gender, count)
            faceted = {f["value"]: f["count"] for f in queries.facets(store, None, count=count)["gender"]}
            assert faceted == dict(counted)
        ruiz = store.execute(select(quotes.c.speaker_id).where(quotes.c.speaker_name == "Ana Ruiz"))[0][0]
        shown = {g for (g,) in store.execute(select(quotes.c.speaker_gender).where(quotes.c.speaker_id == ruiz))}
        assert "unknown" in shown  # an article of hers that shows no gender
        hers = queries.search(store, None, Filters(gender="female", speaker_id=ruiz), limit=1000, count=APPEARANCES)
        assert len(hers) == queries.count(store, None, Filters(speaker_id=ruiz), count=APPEARANCES)


def _newest_first(store: Store) -> list[tuple[str, int]]:
    """Each statement's newest appearance, newest first (undated last, then in the order stored): what the pages
    of a search without text list."""
    rows = store.execute(select(quotes.c.id, quotes.c.date, quotes.c.statement_id, quotes.c.article_id, quotes.c.n))
    rows.sort(key=lambda r: r[0])
    rows.sort(key=lambda r: r[1] or "", reverse=True)  # stable: equal dates keep the order stored
    seen, firsts = set(), []
    for _, _, statement, article_id, n in rows:
        if statement not in seen:
            seen.add(statement)
            firsts.append((article_id, n))
    return firsts


@pytest.mark.parametrize("size", [1, 2, 7])
def test_every_page_of_a_search_without_text_lists_each_statement_once_newest_first(both, size):
    for store in both:
        expected = _newest_first(store)
        found = []
        for offset in range(0, len(expected) + size, size):
            found += [(hit["article_id"], hit["n"]) for hit in queries.search(store, None, limit=size, offset=offset)]
        assert found == expected


def test_a_statement_repeated_more_than_a_page_reads_is_listed_once_and_the_next_page_found(new_store):
    """Ten copies of one quotation on the newest day fill the rows a first page is chosen from; the window then
    chooses, and the older statement is still the second."""
    said = '"The ferry sails at noon," said Ida Brenn.'
    written = [(Article(f"copy-{i}", said, "copies.jsonl", i, outlet=f"Outlet {i}", date="2025-03-02"),
                text_hash(said + str(i)), ArticleResult((Quote('"The ferry sails at noon,"', 0, 26, "direct",
                                                              speaker_name="Ida Brenn", speaker_kind="person"),), ()))
               for i in range(10)]
    older = '"The pier is closed," said Ida Brenn.'
    written.append((Article("older", older, "copies.jsonl", 10, outlet="Tide Gazette", date="2025-03-01"),
                    text_hash(older), ArticleResult((Quote('"The pier is closed,"', 0, 21, "direct",
                                                           speaker_name="Ida Brenn", speaker_kind="person"),), ())))
    run = new_store.begin_run(SETTINGS, "test", "abc")
    new_store.write(run, SETTINGS.key, written, [])
    assert queries.count(new_store, None) == 2
    first, second = (queries.search(new_store, None, limit=1, offset=k) for k in (0, 1))
    assert [(h["article_id"], h["appearances"]) for h in first] == [("copy-0", 10)]
    assert [h["article_id"] for h in second] == ["older"]
