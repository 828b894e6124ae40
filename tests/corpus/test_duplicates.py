"""Wire copy and duplicates: near-duplicate articles form a group, a quotation's appearances one statement."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotewise.corpus.duplicates import CONTAINMENT, GROUP_INDEXED, containment, signature, statement_keys
from quotewise.corpus.schema import articles, quotes
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
    assert found["other", 0] == "other#0" != found["cp", 0]
    store.write(run, SETTINGS.key, [_story("copy", WIRE, "Post")], [])
    copies = store.execute(select(quotes.c.statement_id).where(quotes.c.article_id == "copy").order_by(quotes.c.n))
    assert [s for (s,) in copies] == ["cp#0", "cp#1"]


def test_a_story_republished_many_times_is_found_through_its_first_copies_only(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    copies = 2 * GROUP_INDEXED
    for n in range(copies):  # each with a line of its own
        store.write(run, SETTINGS.key, [_story(f"c{n:02d}", WIRE + f"Filed by desk {n}.\n", f"Outlet {n}")], [])
    assert {g for (g,) in store.execute(select(articles.c.duplicate_group))} == {"c00"}
    assert store.count("article_signatures") == GROUP_INDEXED and store.count("lsh_bands") == GROUP_INDEXED * 32
