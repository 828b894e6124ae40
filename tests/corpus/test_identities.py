"""Speaker identities: one id per person or organisation across the archive, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from quotewise.corpus import queries
from quotewise.corpus.corrections import Correction
from quotewise.corpus.identities import (
    NameParts,
    claims,
    could_be,
    doubt,
    doubts,
    looks_like_name,
    name_parts,
    organisation_keys,
    person_key,
    pooled_gender,
    short_form_keys,
    stored_parts,
)
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


@pytest.mark.parametrize(("name", "text", "keys"), [
    ('Robert "Bob" Haldane', "", ("person:bob haldane",)),  # the engine kept the short form in the name
    ("Robert Haldane", "Robert \u201cBob\u201d Haldane, the chair, said.", ("person:bob haldane",)),
    ("William Tran", "Former harbourmaster William 'Bill' Tran said.", ("person:bill tran",)),
    ("Carla Mendes", "Carla (Carly) Mendes spoke.", ("person:carly mendes",)),
    ("Robert Haldane", "Robert Haldane said. Bob Haldane said.", ()),  # two names, not a short form the article gives
    ("Mark Delacroix Jr.", 'Mark "Marco" Delacroix Jr. said.', ("person:marco delacroix jr",)),
])
def test_a_short_form_the_article_gives_is_a_key_of_the_person(name, text, keys):
    assert short_form_keys(name, text) == keys


@pytest.mark.parametrize(("one", "other", "reason"), [
    ("Mark Delacroix", "Mark Delacroix Jr.", "suffix"),
    ("J. Smith", "John Smith", "initial"),
    ("Bob Smith", "Robert Smith", "short form"),  # the list of short forms
    ("Chris Lund", "Christine Lund", "short form"),  # a given name that starts another
    ("Smith", "John Smith", "surname alone"),
    ("Ana Ruiz", "Tomas Ruiz", None),  # two full names never by surname
    ("Jo Smith", "John Smith", None),  # two letters are no short form
    ("J. Smith", "Karen Smith", None),
    ("Bob Smith Jr.", "Robert Smith", None),
    ("John Smith", "John Smythe", None),
])
def test_names_that_could_be_one_person_and_why(one, other, reason):
    first, second = name_parts(one), name_parts(other)
    assert first is not None and second is not None
    assert doubt(first, second) == doubt(second, first) == reason


def test_two_names_local_to_their_articles_are_never_doubted():
    found = doubts("local:a9:person:j smith", NameParts("j", "smith", ""),
                   [(1, "local:a8:person:john smith", "john"), (2, "person:john smith", "john")])
    assert found == [(2, "initial")]


def test_a_stored_identity_s_suffix_is_read_from_its_key():
    assert stored_parts("person:mark delacroix jr", "mark", "delacroix") == NameParts("mark", "delacroix", "jr")
    assert stored_parts("local:a1:person:okafor", None, "okafor") == NameParts(None, "okafor", "")


@pytest.mark.parametrize(("given", "wanted", "unwanted"), [
    ("robert", {"bob", "rob", "r", "robert"}, {"roberta", "bill"}),  # roberta by its start, "robert"
    ("bob", {"robert", "bob", "b"}, {"bobby"}),  # bobby by its start, "bob"
    ("j", {"j"}, {"john"}),  # every j... name by its start
])
def test_the_given_names_looked_up_for_a_new_identity(given, wanted, unwanted):
    exact, start = could_be(given)
    assert wanted <= set(exact) and not unwanted & set(exact)
    assert start == given


@pytest.mark.parametrize(("name", "named"), [
    ("Ruiz", True), ("J. Smith", True), ("Ana de la Cruz", True), ("spokeswoman for the council", False),
    ("Another board member", False), ("residents", False)])
def test_only_names_are_compared_by_surname(name, named):
    assert looks_like_name(name) is named


def _nicknamed(article_id: str, text: str, name: str) -> tuple:
    return _article(article_id, text, [(name, "person")], [name])


def _written(store: Store, *named: tuple[str, str, str]) -> dict[tuple[str, int], int]:
    """Write one article per (id, text, name), each quoting the person of that name; the ids they are given."""
    store.write(store.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, [_nicknamed(*n) for n in named], [])
    return _ids(store)


def test_a_short_form_joins_when_an_article_gives_it_whatever_the_order(store):
    ids = _written(store, ("c1", "Bob Haldane said so.", "Bob Haldane"),
                   ("c2", 'Robert "Bob" Haldane said so.', 'Robert "Bob" Haldane'),
                   ("c3", "Robert Haldane said so.", "Robert Haldane"),
                   ("c4", "Bill Haldane said so.", "Bill Haldane"))  # not a short form this archive gives
    assert ids["c1", 0] == ids["c2", 0] == ids["c3", 0] != ids["c4", 0]


def test_a_full_name_and_its_short_form_made_apart_are_kept_apart_and_doubted(store):
    ids = _written(store, ("c1", "Bob Haldane said so.", "Bob Haldane"),
                   ("c2", "Roberto Haldane said so.", "Roberto Haldane"),
                   ("c3", 'Roberto "Bob" Haldane said so.', 'Roberto "Bob" Haldane'))
    assert ids["c1", 0] != ids["c2", 0] == ids["c3", 0]  # the full name decides
    (pair,) = queries.possible_same(store)
    assert ({pair["speaker_id"], pair["other_id"]}, pair["reason"]) == ({ids["c1", 0], ids["c2", 0]}, "short form")


def test_a_surname_alone_is_doubted_only_when_the_archive_has_one_full_name_of_it(store):
    ids = _written(store, ("e1", "Smith said so.", "Smith"),  # before any full name: doubted by the first one
                   ("e2", "John Smith said so.", "John Smith"),
                   ("e3", "Smith said so again.", "Smith"),  # one full name of it: doubted
                   ("e4", "Karen Smith said so.", "Karen Smith"),  # the second full name: not with Smith alone
                   ("e5", "Smith said so once more.", "Smith"))  # two full names of it: which, nothing says
    found = {frozenset((r["speaker_id"], r["other_id"])): r["reason"] for r in queries.possible_same(store)}
    assert found == {frozenset((ids["e1", 0], ids["e2", 0])): "surname alone",
                     frozenset((ids["e3", 0], ids["e2", 0])): "surname alone"}


def _lunds(store: Store) -> dict[tuple[str, int], int]:
    return _written(store, ("d1", "Chris Lund said so.", "Chris Lund"),
                    ("d2", "Christine Lund said so.", "Christine Lund"),
                    ("d3", "Christine Lund said so again.", "Christine Lund"),
                    ("d4", "Lund said so.", "Lund"),  # the surname alone: two full names have it
                    ("d5", "Mark Delacroix said so.", "Mark Delacroix"),
                    ("d6", "Mark Delacroix Jr. said so.", "Mark Delacroix Jr."),
                    ("d7", "A spokeswoman for the council said so.", "spokeswoman for the council"))


def test_the_possible_same_person_list_and_the_commands_that_settle_it(store):
    ids = _lunds(store)
    found = queries.possible_same(store)
    assert [(r["speaker"], r["other"], r["reason"], r["appearances"], r["other_appearances"]) for r in found] == [
        ("Christine Lund", "Chris Lund", "short form", 2, 1), ("Mark Delacroix", "Mark Delacroix Jr.", "suffix", 1, 1)]
    assert found[0]["merge"] == f"quotewise speakers merge {ids['d2', 0]} {ids['d1', 0]}"
    assert queries.possible_same(store, limit=1, offset=1) == found[1:] and queries.possible_same_total(store) == 2
    assert queries.possible_same(store, ids["d6", 0]) == found[1:]
    store.correct([Correction("distinct", "person:mark delacroix", other="person:mark delacroix jr")])
    assert queries.possible_same(store) == found[:1]
    store.correct([Correction("merge", "person:christine lund", other="person:chris lund")])
    assert queries.possible_same(store) == []


def test_a_doubt_met_again_either_way_round_is_kept_once_under_the_later_identity(store):
    from quotewise.corpus import doubts as recorded
    from quotewise.corpus.schema import speaker_doubts

    ids = _lunds(store)
    later, earlier = ids["d2", 0], ids["d1", 0]
    with store.engine.begin() as conn:
        recorded.add(conn, [(earlier, later, "again"), (later, earlier, "and again"), (later, later, "itself")])
    rows = store.execute(select(speaker_doubts.c.speaker_id, speaker_doubts.c.other_id, speaker_doubts.c.reason)
                         .where(speaker_doubts.c.other_id.in_([earlier, later])))
    assert [tuple(r) for r in rows] == [(later, earlier, "short form")]


def test_a_merged_identity_brings_its_doubts_to_its_survivor(store):
    ids = _lunds(store)
    store.correct([Correction("merge", "person:mark delacroix", other="person:christine lund")])  # a slip of the hand
    (pair, _) = queries.possible_same(store, ids["d5", 0])
    assert {pair["speaker_id"], pair["other_id"]} == {ids["d5", 0], ids["d1", 0]}
