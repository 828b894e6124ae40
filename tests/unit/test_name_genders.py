"""A gender from the given name (`--gender evidence+names`): who gets one, who doesn't, and that the article's own
evidence always wins. Hand-built people and name lists, and one hand-built parse; no trained pipeline."""

from __future__ import annotations

import json

import pytest
from parses import parse

from quotewise.engine import name_genders
from quotewise.engine.analyze import analyze
from quotewise.engine.merge import PeopleMerger
from quotewise.engine.name_genders import NAME_LIST, NameList, given_name, with_name_genders
from quotewise.errors import ConfigError
from quotewise.records import Person

# Shares of bearers who are women, as nomquamgender gives them; "jean" is borne by both.
LIST = NameList({"ana": 0.978, "tobias": 0.004, "jean": 0.477, "jose": 0.065, "aroha": 0.951})


def guessed(*people: Person) -> tuple[Person, ...]:
    return with_name_genders(people, LIST)


@pytest.mark.parametrize(("name", "given"), [
    ("Ana Ruiz", "Ana"), ("Tobias van der Berg", "Tobias"), ("José Ortega", "José"),
    ("Ruiz", None),  # a lone surname
    ("Mr Okoro", None), ("Dr. Okoro", None),  # the people list's name for someone known by honorific and surname
    ("J. Okoro", None), ("J Okoro", None), ("J.R. Okoro", None), ("J.-P. Okoro", None),  # initials
])
def test_the_given_name_is_the_first_of_two_or_more_words_and_not_an_initial_or_honorific(name, given) -> None:
    assert given_name(name) == given


def test_a_person_the_article_shows_nothing_for_gets_the_list_gender_marked_as_a_guess() -> None:
    ana, tobias = guessed(Person("Ana Ruiz", quoted=True), Person("Tobias Lindqvist"))
    assert (ana.gender, ana.gender_source, ana.name_gender_p, ana.gender_evidence) == (
        "female", "names", 0.978, ((NAME_LIST, 1),))
    assert ana.quoted  # nothing else changes
    assert (tobias.gender, tobias.gender_source, tobias.name_gender_p) == ("male", "names", 0.996)


def test_accents_are_dropped_before_the_look_up() -> None:
    (jose,) = guessed(Person("José Ortega"))
    assert (jose.gender, jose.name_gender_p) == ("male", 0.935)


@pytest.mark.parametrize("person", [
    Person("Ruiz"),  # lone surname
    Person("A. Ruiz"),  # initial
    Person("Mr Lindqvist"),  # honorific, not a given name (its gender is the honorific's evidence anyway)
    Person("Jean Dupont"),  # 0.477: below 0.9 either way
    Person("Wiremu Tane"),  # not in the list
], ids=lambda p: p.name)
def test_no_guess_without_a_given_name_the_list_is_sure_of(person) -> None:
    assert guessed(person) == (person,)


def test_a_person_called_by_a_common_given_name_alone_is_guessed_on_it() -> None:
    names = NameList({"catherine": 0.984, "ruiz": 0.05}, common=frozenset({"catherine"}))
    catherine, ruiz = with_name_genders((Person("Catherine", quoted=True), Person("Ruiz")), names)
    assert (catherine.gender, catherine.name_gender_p) == ("female", 0.984)
    assert ruiz == Person("Ruiz")  # a lone word the list doesn't count as a common given name may be a surname


def test_the_article_evidence_wins_over_the_list() -> None:
    shown = Person("Ana Ruiz", "male", gender_evidence=(("pronoun-male", 2),))
    assert guessed(shown) == (shown,)
    assert shown.gender_source == "evidence"


def test_evidence_that_disagrees_stays_open_and_the_list_does_not_settle_it() -> None:
    torn = Person("Aroha Tane", None, gender_evidence=(("pronoun-female", 1), ("pronoun-male", 1)))
    assert guessed(torn) == (torn,)


def test_the_threshold_comes_from_the_resource_and_is_inclusive() -> None:
    assert LIST.min_probability == 0.9
    assert NameList({"kim": 0.9}).gender_of("Kim Lee") == ("female", 0.9)
    assert NameList({"kim": 0.899}).gender_of("Kim Lee") is None


def test_a_guess_from_a_name_never_steers_a_pronoun() -> None:
    # "Leighton Baker spoke . Casey Collins spoke . He said the port closed ."  With the list fed back, "He" would
    # skip Casey Collins (female by this list) for Baker; it is applied after resolution, so "He" still names Collins,
    # and that pronoun is evidence, which then wins over her name.
    doc = parse([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Casey", 5, "compound", "PROPN", "NNP"), ("Collins", 6, "nsubj", "PROPN", "NNP"),
        ("spoke", 6, "ROOT", "VERB", "VBD", "speak"), (".", 6, "punct", "PUNCT", "."),
        ("He", 9, "nsubj", "PRON", "PRP"), ("said", 9, "ROOT", "VERB", "VBD", "say"), ("the", 11, "det", "DET", "DT"),
        ("port", 12, "nsubj", "NOUN", "NN"), ("closed", 9, "ccomp", "VERB", "VBD", "close"),
        (".", 9, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 6, "PERSON")])
    with_list = NameList({"casey": 0.98, "leighton": 0.01})
    plain, named = analyze(doc), analyze(doc, names=with_list)
    assert named.quotes == plain.quotes and named.quotes[0].speaker_name == "Casey Collins"
    baker, collins = named.people
    assert (collins.gender, collins.gender_source, collins.gender_evidence) == (
        "male", "evidence", (("pronoun-male", 1),))
    assert (baker.gender, baker.gender_source, baker.name_gender_p) == ("male", "names", 0.99)
    assert plain.people[0].gender is None


def test_chunks_merged_keep_the_article_evidence_first() -> None:
    merger = PeopleMerger()
    (guess,) = guessed(Person("Ana Ruiz", mentions=((0, 8),)))
    merger.add(0, (guess, *guessed(Person("Tobias Lindqvist"))))
    merger.add(100, (Person("Ana Ruiz", "male", gender_evidence=(("honorific-male", 1),)),))
    ana, tobias = merger.people()
    assert (ana.gender, ana.gender_source, ana.name_gender_p, ana.gender_evidence) == (
        "male", "evidence", None, (("honorific-male", 1),))
    assert (tobias.gender, tobias.gender_source, tobias.gender_evidence) == ("male", "names", ((NAME_LIST, 1),))


def test_a_person_record_round_trips_its_source_and_an_older_one_reads_as_evidence() -> None:
    (ana,) = guessed(Person("Ana Ruiz"))
    assert Person.from_dict(ana.to_dict()) == ana
    assert list(ana.to_dict())[:5] == ["name", "gender", "gender_source", "name_gender_p", "gender_evidence"]
    older = Person.from_dict({"name": "Ana Ruiz", "gender": "female", "gender_evidence": {"pronoun-female": 1}})
    assert (older.gender_source, older.name_gender_p) == ("evidence", None)
    assert Person("Ana Ruiz").gender_source is None


def test_the_list_keeps_only_names_observed_often_enough(tmp_path) -> None:
    path = tmp_path / "name_data.json"  # nomquamgender's shape: [sources, observations, p(female), category]
    path.write_text(json.dumps({"ana": [31, 460958, 0.978, 3], "zelphine": [1, 1, 1.0, 3],
                                "mere": [9, 183, 0.856, [0, 1]]}), encoding="utf-8")
    found = NameList({name: share for name, (_, share) in name_genders.read_observed(path).items()})
    assert dict(found.female_share) == {"ana": 0.978, "mere": 0.856}
    assert found.gender_of("Zelphine Ruiz") is None  # one observation: a share of 1.0 that says nothing


def test_the_installed_list_loads_without_network_and_knows_common_names() -> None:
    listed = name_genders.load()
    assert listed is name_genders.load()  # once per process
    assert listed.gender_of("Maria Lopez")[0] == "female" and listed.gender_of("John Smith")[0] == "male"
    assert listed.gender_of("Jean Dupont") is None


def test_a_missing_list_is_one_coded_error(monkeypatch) -> None:
    monkeypatch.setattr(name_genders.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"\[QW215\].*nomquamgender") as caught:
        name_genders.observed_names.__wrapped__()
    assert "\n" not in str(caught.value)


def test_a_file_that_is_no_name_list_is_refused(tmp_path) -> None:
    path = tmp_path / "name_data.json"
    for text in ("<html>not found</html>", "{}"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError):
            name_genders.read_observed(path)
