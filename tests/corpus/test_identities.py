"""Speaker identities: one id per person or organisation across the archive, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotewise.corpus import queries
from quotewise.corpus.identities import claims, organisation_keys, person_key, pooled_gender
from quotewise.corpus.schema import people, quotes, speaker_keys, speakers
from quotewise.corpus.store import Settings, Store
from quotewise.records import Article, ArticleResult, Person, Quote

SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")


@pytest.mark.parametrize(("one", "other"), [
    ("Justin Trudeau", "Prime Minister Justin Trudeau"),
    ("Justin Trudeau", "justin trudeau"),
    ("John F. Kennedy", "John Kennedy"),
    ("José Núñez", "Jose Nunez"),
    ("Mark Delacroix Jr.", "Mark Delacroix Jr"),
])
def test_one_person_written_two_ways_has_one_key(one, other):
    assert person_key(one) == person_key(other) is not None


@pytest.mark.parametrize(("one", "other"), [
    ("Mark Delacroix", "Mark Delacroix Jr."),  # father and son
    ("Ana Ruiz", "Rosa Ruiz"),  # two full names never merge by surname
])
def test_two_people_have_two_keys(one, other):
    assert person_key(one) != person_key(other)


def test_a_name_of_one_word_has_no_key_across_articles():
    assert person_key("Trudeau") is None
    assert person_key("J. Smith") is None
    found, _ = claims("a1", "", ["Trudeau"], [])
    assert found[0].keys == ("local:a1:person:trudeau",)


def test_an_organisation_is_found_by_its_name_and_the_acronym_it_was_introduced_with():
    text = "The Passenger Transport Workers' Union (PTWU) said drivers would strike."
    assert organisation_keys("Passenger Transport Workers' Union", text) == (
        "org:passenger transport workers' union", "org:ptwu")
    assert organisation_keys("the PTWU", "") == ("org:ptwu",)
    assert organisation_keys("The Harbour Board", "") == ("org:harbour board",)


def test_a_quotation_of_a_listed_person_claims_that_person_and_others_stay_in_their_article():
    of_people, of_quotes = claims("a1", "", ["Ana Ruiz"], [
        ("Ana Ruiz", "person"), ("spokeswoman for the council", "person"), ("residents", "group"), (None, "unknown")])
    assert of_quotes[0] is of_people[0]
    assert of_quotes[1] is not None and of_quotes[1].keys == ("local:a1:person:spokeswoman for the council",)
    assert of_quotes[2] is not None and of_quotes[2].keys == ("local:a1:group:residents",)
    assert of_quotes[3] is None


def _article(article_id: str, text: str, found: list[tuple[str, str]], listed: list[str]) -> tuple:
    """An article whose quotations are said by `found` (speaker name, kind), one quotation per speaker."""
    said = tuple(Quote(f"q{n}", 0, 2, "direct", speaker_name=name, speaker_kind=kind)  # type: ignore[arg-type]
                 for n, (name, kind) in enumerate(found))
    return Article(article_id, text, "archive.jsonl", int(article_id[1:])), "h" + article_id, ArticleResult(
        said, tuple(Person(name, quoted=True) for name in listed))


ARCHIVE = [
    _article("a1", "Prime Minister Justin Trudeau spoke. The Passenger Transport Workers' Union (PTWU) said no.",
             [("Justin Trudeau", "person"), ("Passenger Transport Workers' Union", "organization")],
             ["Justin Trudeau"]),
    _article("a2", "Trudeau said yes.", [("Justin Trudeau", "person"), ("PTWU", "organization")], ["Justin Trudeau"]),
    _article("a3", "Kim said so.", [("Kim", "person")], ["Kim"]),
    _article("a4", "Kim said so again.", [("Kim", "person")], ["Kim"]),
    _article("a5", "Mark Delacroix and Mark Delacroix Jr. spoke.",
             [("Mark Delacroix", "person"), ("Mark Delacroix Jr.", "person")],
             ["Mark Delacroix", "Mark Delacroix Jr."]),
    _article("a6", "José Núñez spoke.", [("José Núñez", "person")], ["José Núñez"]),
    _article("a7", "Jose Nunez spoke.", [("Jose Nunez", "person")], ["Jose Nunez"]),
]


@pytest.fixture
def store(new_store):
    return new_store


def _ids(store: Store) -> dict[tuple[str, int], int]:
    rows = store.execute(select(quotes.c.article_id, quotes.c.n, quotes.c.speaker_id))
    return {(a, n): i for a, n, i in rows}


def test_every_quotation_of_one_speaker_has_one_id_and_two_speakers_never_share_one(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    for written in ARCHIVE:  # article by article, as an archive grows
        store.write(run, SETTINGS.key, [written], [])
    ids = _ids(store)
    assert ids["a1", 0] == ids["a2", 0]  # "Justin Trudeau" in two articles
    assert ids["a1", 1] == ids["a2", 1]  # the union, and the acronym it was introduced with
    assert ids["a3", 0] != ids["a4", 0]  # a bare "Kim" could be anyone: each stays in its article
    assert ids["a5", 0] != ids["a5", 1]  # father and son
    assert ids["a6", 0] == ids["a7", 0]  # with and without diacritics
    assert len(set(ids.values())) == 7
    listed = store.execute(select(people.c.article_id, people.c.speaker_id).where(people.c.name == "Justin Trudeau"))
    assert {i for _, i in listed} == {ids["a1", 0]}
    assert store.execute(select(speakers.c.name, speakers.c.kind).where(speakers.c.id == ids["a1", 0])) == [
        ("Justin Trudeau", "person")]


def test_ids_stay_the_same_when_articles_are_written_again(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, ARCHIVE, [])
    before = _ids(store)
    keys = store.count("speaker_keys")
    store.write(run, SETTINGS.key, list(reversed(ARCHIVE)), [])  # re-extracted, in another order
    assert _ids(store) == before
    assert store.count("speaker_keys") == keys
    assert store.execute(select(speaker_keys.c.key).where(speaker_keys.c.key.like("person:justin%"))) == [
        ("person:justin trudeau",)]


@pytest.mark.parametrize(("found", "pooled"), [
    ([("female", "evidence"), (None, None)], ("female", "evidence")),  # shown in one article only: her gender
    ([("female", "evidence"), ("male", "evidence")], ("unknown", None)),  # a conflict is no answer
    ([("male", "names"), (None, None)], ("male", "names")),  # the name list only without any evidence
    ([("male", "names"), ("female", "evidence")], ("female", "evidence")),  # never mixed: the words decide
    ([(None, None)], ("unknown", None)),
])
def test_gender_is_pooled_over_the_articles_from_evidence_first(found, pooled):
    assert pooled_gender(found) == pooled


def _said_by(article_id: str, date: str, outlet: str, person: Person, title: str | None = None) -> tuple:
    quote = Quote("q", 0, 1, "direct", speaker_name=person.name, speaker_kind="person", speaker_title=title)
    article = Article(article_id, "q", "archive.jsonl", int(article_id[1:]), outlet=outlet, date=date)
    return article, "h" + article_id, ArticleResult((quote,), (person,))


def test_an_identity_gathers_its_aliases_roles_outlets_and_gender_from_every_article(store, tmp_path):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [
        _said_by("b1", "2024-01-05", "Herald", Person("Rosa Delgado", None, True), "Councillor"),
        _said_by("b2", "2024-03-09", "Post", Person("Rosa Delgado", "female", True, gender_source="evidence"),
                 "Mayor"),
        _said_by("b3", "2024-04-01", "Post", Person("Rosa Delgado", None, True), "Mayor"),
        _said_by("b4", "2024-04-02", "Post", Person("Harbour Board", None, True)),
    ], [])
    found = list(queries.speaker_identities(store, chunk=1))  # a chunk of one id: every chunk boundary crossed
    assert [(r["name"], r["quotes"], r["articles"], r["gender"], r["gender_source"]) for r in found] == [
        ("Rosa Delgado", 3, 3, "female", "evidence"), ("Harbour Board", 1, 1, "unknown", None)]
    rosa = found[0]
    assert rosa["gender_articles"] == {"unknown/none": 2, "female/evidence": 1}
    assert rosa["roles"] == [{"title": "Councillor", "org": None, "first": "2024-01-05", "last": "2024-01-05"},
                             {"title": "Mayor", "org": None, "first": "2024-03-09", "last": "2024-04-01"}]
    assert rosa["outlets"] == [{"outlet": "Post", "count": 2}, {"outlet": "Herald", "count": 1}]
    assert (rosa["first_seen"], rosa["last_seen"]) == ("2024-01-05", "2024-04-01")
    assert list(rosa) == list(queries.SPEAKER_COLUMNS)


def test_two_organisations_sharing_an_acronym_stay_two(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [
        _article("a1", "The Canadian Medical Association (CMA) said no.",
                 [("Canadian Medical Association", "organization")], []),
        _article("a2", "The Competition and Markets Authority (CMA) said yes.",
                 [("Competition and Markets Authority", "organization")], []),
        _article("a3", "The Competition and Markets Authority said so again.",
                 [("Competition and Markets Authority", "organization")], []),
    ], [])
    ids = _ids(store)
    assert ids["a1", 0] != ids["a2", 0] == ids["a3", 0]


def test_roles_with_and_without_an_organisation_on_one_day_are_listed_apart(store):
    run = store.begin_run(SETTINGS, "test", "abc")
    store.write(run, SETTINGS.key, [
        _said_by("b1", "2024-01-05", "Herald", Person("Rosa Delgado", None, True, "Mayor", "Town Council"), "Mayor"),
    ], [])
    (rosa,) = queries.speaker_identities(store)
    assert rosa["roles"] == [{"title": "Mayor", "org": None, "first": "2024-01-05", "last": "2024-01-05"},
                             {"title": "Mayor", "org": "Town Council", "first": "2024-01-05", "last": "2024-01-05"}]
