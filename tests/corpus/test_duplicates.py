"""Wire copy and duplicates: near-duplicate articles form a group, a quotation's appearances one statement."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from quotewise.corpus.duplicates import (
    BUCKET_CAP,
    CONTAINMENT,
    containment,
    signature,
    statement_keys,
)
from quotewise.corpus.schema import articles, lsh_bands, quotes
from quotewise.corpus.store import Settings
from quotewise.records import Article, ArticleResult, Quote

SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")

WIRE = (
    "HALIFAX - Ferry crews on the Northumberland route walked off the job Tuesday morning, stranding hundreds of "
    "travellers at both terminals as the busiest week of the summer began. The strike follows eleven months of "
    "talks that broke down over scheduling and pay for overtime on the late crossings. \"We did not want to be here, "
    "but the company left us no choice at all,\" said union steward Marisol Teague, who has worked the route for "
    "nineteen years. The operator said in a statement that it had offered a wage increase of eight per cent over "
    "three years and would return to the table at any time. Tourism operators on both sides of the strait said the "
    "timing could not be worse. \"Every cancelled crossing is a family that does not come to the island this year,\" "
    "said Owen Pratt, who runs a bed and breakfast near the terminal. Provincial officials said they were watching "
    "the dispute closely but had no plans to intervene. Talks are scheduled to resume on Friday in Moncton, the "
    "union said, and passengers holding tickets for this week will be offered refunds or later sailings.\n"
)
OTHER = (
    "OTTAWA - The federal government will spend forty million dollars on rural broadband this fall, the minister "
    "responsible said on Monday. \"Every household deserves a connection that works,\" she said at a farm outside "
    "the city. Critics said the money would reach only a fraction of the homes still without service, and several "
    "mayors asked for a clearer timeline. The program opens to applications in October and closes in January.\n"
)


def _variants() -> dict[str, str]:
    words = WIRE.split()
    return {
        "headline": "Ferry strike strands travellers\n\n" + WIRE,
        "cut": " ".join(words[: int(len(words) * 0.6)]) + "\n",
        "furniture": "Home | News | Sports | Subscribe\n\n" + WIRE + "\nRelated: Five things to know\nShare this\n",
        "edited": WIRE.replace("hundreds of travellers", "about 500 travellers").replace("Friday", "Thursday"),
    }


def test_light_edits_stay_well_above_the_threshold_and_another_story_far_below():
    """Where CONTAINMENT sits: every variant of a wire story at 0.9 or more, another story near 0."""
    wire = signature(WIRE)
    found = {name: containment(wire, signature(text)) for name, text in _variants().items()}
    assert min(found.values()) >= 0.9 > CONTAINMENT, found
    assert containment(wire, signature(OTHER)) < 0.1


def test_a_long_quotation_is_one_statement_anywhere_and_a_short_one_only_in_its_group():
    long = "We did not want to be here, but the company left us no choice at all,"
    assert statement_keys("g1", long)[1] == statement_keys("g2", "we did NOT want to be here but the company left "
                                                                  "us no choice at all")[1]
    assert len(statement_keys("g1", "No comment.")) == 1


def _story(article_id: str, text: str, outlet: str, url: str | None = None) -> tuple:
    said = []
    for words in ("We did not want to be here, but the company left us no choice at all,",
                  "Every cancelled crossing is a family that does not come to the island this year,"):
        if words in text:
            start = text.index(words)
            said.append(Quote(words, start, start + len(words), "direct", speaker_name="Marisol Teague",
                              speaker_kind="person"))
    article = Article(article_id, text, "wire.jsonl", len(article_id), url=url, outlet=outlet)
    return article, "h" + article_id, ArticleResult(tuple(said), ())


@pytest.fixture
def store(new_store):
    return new_store


def test_wire_copy_is_one_group_and_its_quotations_one_statement_each(store):
    variants = _variants()
    run = store.begin_run(SETTINGS, "test", "abc")
    archive = [_story("cp", WIRE, "Canadian Press"), *(_story(f"v-{k}", t, k) for k, t in variants.items()),
               _story("other", OTHER, "Capital Daily")]
    for written in archive:  # one at a time, as an archive grows
        store.write(run, SETTINGS.key, [written], [])
    groups = dict(store.execute(select(articles.c.id, articles.c.duplicate_group)))
    assert {groups[f"v-{k}"] for k in variants} == {groups["cp"]} == {"cp"}
    assert groups["other"] == "other"
    statements = store.execute(select(quotes.c.statement_id).distinct())
    assert len(statements) == 2  # two quotations, each in five articles (the cut copy has the first only)
    appearances = store.execute(select(quotes.c.statement_id, quotes.c.duplicate_group))
    assert len(appearances) == 9 and {g for _, g in appearances} == {"cp"}


def test_the_same_story_as_a_page_and_as_a_record_is_one_group(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    url = "https://news.example/ferry-strike"
    page = _story("https://news.example/ferry-strike", "Ferry strike\n\n" + WIRE + "\nAdvertisement\n", "Herald",
                  url)
    record = _story("record-17", WIRE, "Herald", url)
    store.write(run, SETTINGS.key, [page, record], [])  # in one write, too
    groups = dict(store.execute(select(articles.c.id, articles.c.duplicate_group)))
    assert groups["record-17"] == groups[url]
    assert len(store.execute(select(quotes.c.statement_id).distinct())) == 2


def test_an_article_written_again_keeps_its_group_and_statements(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [_story("cp", WIRE, "CP"), _story("copy", WIRE, "Post")], [])
    before = store.execute(select(quotes.c.article_id, quotes.c.n, quotes.c.statement_id, quotes.c.duplicate_group)
                           .order_by(quotes.c.article_id, quotes.c.n))
    store.write(run, SETTINGS.key, [_story("cp", WIRE, "CP")], [])
    after = store.execute(select(quotes.c.article_id, quotes.c.n, quotes.c.statement_id, quotes.c.duplicate_group)
                          .order_by(quotes.c.article_id, quotes.c.n))
    assert after == before
    assert store.count("lsh_bands") == 2 * 32 and store.count("article_signatures") == 2  # GROUP_INDEXED > 2


def test_quotations_of_different_stories_written_together_are_different_statements(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    said = "Every household deserves a connection that works,"
    start = OTHER.index(said)
    other = Article("other", OTHER, "wire.jsonl", 9)
    store.write(run, SETTINGS.key, [_story("cp", WIRE, "CP"), (other, "h", ArticleResult(
        (Quote(said, start, start + len(said), "direct", speaker_name="Dana Pell", speaker_kind="person"),), ()))], [])
    found = dict(((a, n), s) for a, n, s in store.execute(select(quotes.c.article_id, quotes.c.n,
                                                                 quotes.c.statement_id)))
    assert found["other", 0] != found["cp", 0] != found["cp", 1]
    store.write(run, SETTINGS.key, [_story("copy", WIRE, "Post")], [])
    copies = store.execute(select(quotes.c.statement_id).where(quotes.c.article_id == "copy").order_by(quotes.c.n))
    assert [s for (s,) in copies] == [found["cp", 0], found["cp", 1]]


def test_an_article_extracted_again_with_other_words_never_takes_an_older_statement(store):
    """A statement is named by the key it was first found by, not by its place in an article: quotation 0 of an
    article written again with other words is a new statement, and the old words keep theirs."""
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [_story("cp", WIRE, "CP")], [])
    first = store.execute(select(quotes.c.statement_id).where(quotes.c.article_id == "cp").order_by(quotes.c.n))
    cut = WIRE[WIRE.index("Tourism"):]  # only the second quotation is left: it is quotation 0 now
    store.write(run, SETTINGS.key, [_story("cp", cut, "CP")], [])
    now = store.execute(select(quotes.c.statement_id).where(quotes.c.article_id == "cp").order_by(quotes.c.n))
    assert [s for (s,) in now] == [first[1][0]]
    store.write(run, SETTINGS.key, [_story("copy", WIRE, "Post")], [])
    again = store.execute(select(quotes.c.statement_id).where(quotes.c.article_id == "copy").order_by(quotes.c.n))
    assert [s for (s,) in again] == [s for (s,) in first]


def test_a_new_copy_written_with_its_original_rewritten_finds_it_however_writes_are_batched(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [_story("cp", WIRE, "CP", url="https://wire.example/ferry")], [])
    group = store.execute(select(articles.c.duplicate_group).where(articles.c.id == "cp"))[0][0]
    # The copy comes first in the write that also rewrites the original: it still finds the original's group,
    # by text and by URL.
    edited = WIRE.replace("Friday", "Thursday")
    store.write(run, SETTINGS.key, [_story("copy", WIRE, "Post"),
                                    _story("page", "Subscribe now\n" + WIRE, "CP", url="https://wire.example/ferry"),
                                    _story("cp", edited, "CP", url="https://wire.example/ferry")], [])
    assert dict(store.execute(select(articles.c.id, articles.c.duplicate_group))) == {
        "cp": group, "copy": group, "page": group}


def test_pages_of_one_site_are_not_one_story_for_their_shared_furniture(store):
    """A short page is mostly its site's menus and links, which the site's long pages hold too: between pages
    of one outlet the shared part must be half of both, not only most of the shorter."""
    furniture = " ".join(f"Section {n} | Latest news | Weather | Sports scores | Newsletter sign up | Contact us"
                         for n in range(20))
    brief = "The library on Elm Street is closed on Monday for repairs to its roof, the city said."
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [_story("long", furniture + "\n" + WIRE + "\n" + furniture, "Gazette"),
                                    _story("short", furniture + "\n" + brief + "\n" + furniture, "Gazette"),
                                    _story("elsewhere", WIRE, "Courier")], [])
    groups = dict(store.execute(select(articles.c.id, articles.c.duplicate_group)))
    assert groups["short"] == "short" and groups["long"] == groups["elsewhere"] == "long", groups


def test_a_bucket_holds_at_most_bucket_cap_articles(store):
    """The furniture every page of a site shares fills the buckets of its bands; once full they take no more, so a
    lookup never reads more than BANDS * BUCKET_CAP candidates, however many pages the site has. Each page here is
    70 % furniture and 30 % its own words: not one story, but a band of furniture in about a quarter of them."""
    furniture = " ".join(f"menu{n}" for n in range(280))
    run = store.begin_run(SETTINGS, "test", "abc")
    pages = [_story(f"p{n}", furniture + " " + " ".join(f"page{n}word{i}" for i in range(120)), "Gazette")
             for n in range(100)]
    store.write(run, SETTINGS.key, pages, [])
    assert len(set(dict(store.execute(select(articles.c.id, articles.c.duplicate_group))).values())) > 50
    fullest = store.execute(select(func.count()).select_from(lsh_bands).group_by(lsh_bands.c.bucket)
                            .order_by(func.count().desc()).limit(1))[0][0]
    assert fullest == BUCKET_CAP
