"""Clustering person mentions on hand-built parses: each test states the parse its rule handles (no trained pipeline).

Rows are (word, head, dep, pos, tag, lemma); heads are absolute token indices and a ROOT is its own head.
"""

from __future__ import annotations

import pytest
from parses import view

from quotewise.engine.people import People, find_people


def _people(rows, **kwargs) -> People:
    return find_people(view(rows, **kwargs))


def _names(people: People) -> list[str]:
    return [p.name for p in people.persons]


def test_full_name_then_surname_is_one_person() -> None:
    # "Leighton Baker said . Baker left ."  Leighton <compound Baker <nsubj said; Baker <nsubj left
    people = _people([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Baker", 5, "nsubj", "PROPN", "NNP"), ("left", 5, "ROOT", "VERB", "VBD", "leave"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert _names(people) == ["Leighton Baker"]
    assert people.persons[0].mentions == ((0, 2), (4, 5))
    assert dict(people.by_token) == {0: 0, 1: 0, 4: 0}
    assert people.mentions() == [(0, 2, 0), (4, 5, 0)]


def test_fullest_name_wins_when_the_surname_comes_first() -> None:
    # "Baker said . Leighton Baker left ."  Baker <nsubj said; Leighton <compound Baker <nsubj left
    people = _people([
        ("Baker", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        (".", 1, "punct", "PUNCT", "."), ("Leighton", 4, "compound", "PROPN", "NNP"),
        ("Baker", 5, "nsubj", "PROPN", "NNP"), ("left", 5, "ROOT", "VERB", "VBD", "leave"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "PERSON"), (3, 5, "PERSON")])
    assert _names(people) == ["Leighton Baker"]
    assert people.persons[0].mentions == ((0, 1), (3, 5))


def test_shared_surname_goes_to_the_person_named_most_recently() -> None:
    # "John Smith said . Mary Smith said . Smith left ."  each X <compound Smith <nsubj verb
    people = _people([
        ("John", 1, "compound", "PROPN", "NNP"), ("Smith", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Mary", 5, "compound", "PROPN", "NNP"), ("Smith", 6, "nsubj", "PROPN", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
        ("Smith", 9, "nsubj", "PROPN", "NNP"), ("left", 9, "ROOT", "VERB", "VBD", "leave"),
        (".", 9, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 6, "PERSON"), (8, 9, "PERSON")])
    assert _names(people) == ["John Smith", "Mary Smith"]
    assert people.persons[0].mentions == ((0, 2),)
    assert people.persons[1].mentions == ((4, 6), (8, 9))


def test_mrs_is_female_evidence_names_a_surname_only_person_and_is_not_mr() -> None:
    # "Mr Okoro said . Mrs Okoro said ."  Mr <compound Okoro <nsubj said (twice); entities: Okoro, Okoro
    people = _people([
        ("Mr", 1, "compound", "PROPN", "NNP"), ("Okoro", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Mrs", 5, "compound", "PROPN", "NNP"), ("Okoro", 6, "nsubj", "PROPN", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
    ], ents=[(1, 2, "PERSON"), (5, 6, "PERSON")])
    assert _names(people) == ["Mr Okoro", "Mrs Okoro"]
    assert [p.honorifics for p in people.persons] == [("male",), ("female",)]
    assert [p.mentions for p in people.persons] == [((1, 2),), ((5, 6),)]


def test_title_before_the_name() -> None:
    # "Police Commissioner Andrew Coster said ."  Police <compound Commissioner <compound Coster <nsubj said
    people = _people([
        ("Police", 1, "compound", "PROPN", "NNP"), ("Commissioner", 3, "compound", "PROPN", "NNP"),
        ("Andrew", 3, "compound", "PROPN", "NNP"), ("Coster", 4, "nsubj", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ], ents=[(2, 4, "PERSON")])
    (coster,) = people.persons
    assert (coster.name, coster.title, coster.org) == ("Andrew Coster", "Police Commissioner", None)


def test_capitalised_words_before_the_title_name_an_organisation() -> None:
    # "Act Party leader David Seymour said ."  Act <compound Party <compound leader <compound Seymour
    people = _people([
        ("Act", 1, "compound", "PROPN", "NNP"), ("Party", 2, "compound", "PROPN", "NNP"),
        ("leader", 4, "compound", "NOUN", "NN"), ("David", 4, "compound", "PROPN", "NNP"),
        ("Seymour", 5, "nsubj", "PROPN", "NNP"), ("said", 5, "ROOT", "VERB", "VBD", "say"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "ORG"), (3, 5, "PERSON")])
    (seymour,) = people.persons
    assert (seymour.name, seymour.title, seymour.org) == ("David Seymour", "Act Party leader", "Act Party")


def test_a_common_noun_that_only_opens_the_sentence_names_no_organisation() -> None:
    # "Planning minister Rangi Tapsell said ."  Planning <compound minister <compound Tapsell
    people = _people([
        ("Planning", 1, "compound", "NOUN", "NN"), ("minister", 3, "compound", "NOUN", "NN"),
        ("Rangi", 3, "compound", "PROPN", "NNP"), ("Tapsell", 4, "nsubj", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ], ents=[(2, 4, "PERSON")])
    (tapsell,) = people.persons
    assert (tapsell.title, tapsell.org) == ("Planning minister", None)


def test_title_in_apposition_with_its_organisation() -> None:
    # "Chris Cahill , president of the Police Association , said ."  president <appos Cahill; of <prep president;
    # Association <pobj of
    people = _people([
        ("Chris", 1, "compound", "PROPN", "NNP"), ("Cahill", 9, "nsubj", "PROPN", "NNP"),
        (",", 1, "punct", "PUNCT", ","), ("president", 1, "appos", "NOUN", "NN"), ("of", 3, "prep", "ADP", "IN"),
        ("the", 7, "det", "DET", "DT"), ("Police", 7, "compound", "PROPN", "NNP"),
        ("Association", 4, "pobj", "PROPN", "NNP"), (",", 1, "punct", "PUNCT", ","),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (6, 8, "ORG")])
    (cahill,) = people.persons
    assert (cahill.name, cahill.title, cahill.org) == ("Chris Cahill", "president", "Police Association")


def test_kinship_apposition_gives_the_relative_the_family_surname() -> None:
    # "Leighton Baker spoke . Baker 's daughter , Chantelle , said ."  Baker <poss daughter <nsubj said;
    # Chantelle <appos daughter
    people = _people([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Baker", 6, "poss", "PROPN", "NNP"), ("'s", 4, "case", "PART", "POS"), ("daughter", 10, "nsubj", "NOUN", "NN"),
        (",", 6, "punct", "PUNCT", ","), ("Chantelle", 6, "appos", "PROPN", "NNP"), (",", 6, "punct", "PUNCT", ","),
        ("said", 10, "ROOT", "VERB", "VBD", "say"), (".", 10, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "PERSON"), (8, 9, "PERSON")], no_space_after=[4])
    assert _names(people) == ["Leighton Baker", "Chantelle Baker"]
    assert people.persons[0].mentions == ((0, 2), (4, 5))
    assert people.persons[1].mentions == ((8, 9),)


def test_person_at_reads_through_an_apposition() -> None:
    # "Baker 's daughter , Chantelle , said ."  Chantelle <appos daughter <nsubj said; only Chantelle is an entity
    rows = [
        ("Baker", 2, "poss", "PROPN", "NNP"), ("'s", 0, "case", "PART", "POS"), ("daughter", 6, "nsubj", "NOUN", "NN"),
        (",", 2, "punct", "PUNCT", ","), ("Chantelle", 2, "appos", "PROPN", "NNP"), (",", 2, "punct", "PUNCT", ","),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
    ]
    text_view = view(rows, ents=[(4, 5, "PERSON")], no_space_after=[0])
    people = find_people(text_view)
    assert _names(people) == ["Chantelle Baker"]
    assert people.person_at(text_view.doc[2]) == 0  # "daughter" names Chantelle through its apposition
    assert people.person_at(text_view.doc[6]) is None


def test_propn_subject_of_a_cue_verb_missed_by_ner_becomes_a_person() -> None:
    # "Adam Schiff told reporters . Smith left ."  Adam <compound Schiff <nsubj told (lemma tell); Smith <nsubj left;
    # no entities at all
    people = _people([
        ("Adam", 1, "compound", "PROPN", "NNP"), ("Schiff", 2, "nsubj", "PROPN", "NNP"),
        ("told", 2, "ROOT", "VERB", "VBD", "tell"), ("reporters", 2, "dobj", "NOUN", "NNS", "reporter"),
        (".", 2, "punct", "PUNCT", "."), ("Smith", 6, "nsubj", "PROPN", "NNP"),
        ("left", 6, "ROOT", "VERB", "VBD", "leave"), (".", 6, "punct", "PUNCT", "."),
    ])
    assert _names(people) == ["Adam Schiff"]  # "left" is no reporting verb: Smith stays out
    assert people.persons[0].mentions == ((0, 2),)


def test_lone_word_only_after_the_or_as_pobj_is_dropped() -> None:
    # "Smith told the Herald on Twitter ."  Herald <dobj told after "the"; Twitter <pobj on; all three tagged PERSON
    people = _people([
        ("Smith", 1, "nsubj", "PROPN", "NNP"), ("told", 1, "ROOT", "VERB", "VBD", "tell"),
        ("the", 3, "det", "DET", "DT"), ("Herald", 1, "dobj", "PROPN", "NNP"), ("on", 1, "prep", "ADP", "IN"),
        ("Twitter", 4, "pobj", "PROPN", "NNP"), (".", 1, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "PERSON"), (3, 4, "PERSON"), (5, 6, "PERSON")])
    assert _names(people) == ["Smith"]
    assert dict(people.by_token) == {0: 0}


def test_surname_mislabelled_org_still_joins_its_person() -> None:
    # "Judith Collins said . Collins told reporters ."  second Collins <nsubj told, tagged ORG by NER
    people = _people([
        ("Judith", 1, "compound", "PROPN", "NNP"), ("Collins", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Collins", 5, "nsubj", "PROPN", "NNP"), ("told", 5, "ROOT", "VERB", "VBD", "tell"),
        ("reporters", 5, "dobj", "NOUN", "NNS", "reporter"), (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "ORG")])
    assert _names(people) == ["Judith Collins"]
    assert people.persons[0].mentions == ((0, 2), (4, 5))


def test_surname_opening_a_longer_org_or_a_place_is_not_a_mention() -> None:
    # "Judith Collins said . Collins Foods sued in Collins ."  "Collins Foods" ORG (B, I); last Collins GPE
    people = _people([
        ("Judith", 1, "compound", "PROPN", "NNP"), ("Collins", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Collins", 5, "compound", "PROPN", "NNP"), ("Foods", 6, "nsubj", "PROPN", "NNPS"),
        ("sued", 6, "ROOT", "VERB", "VBD", "sue"), ("in", 6, "prep", "ADP", "IN"),
        ("Collins", 7, "pobj", "PROPN", "NNP"), (".", 6, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 6, "ORG"), (8, 9, "GPE")])
    assert people.persons[0].mentions == ((0, 2),)
    assert sorted(people.by_token) == [0, 1]


def test_hyphenated_name_stays_whole() -> None:
    # "Douglas Holtz-Eakin said . Holtz-Eakin left ."  tokens Holtz - Eakin with no spaces; only the first is an entity
    people = _people([
        ("Douglas", 3, "compound", "PROPN", "NNP"), ("Holtz", 3, "compound", "PROPN", "NNP"),
        ("-", 3, "punct", "PUNCT", "HYPH"), ("Eakin", 4, "nsubj", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
        ("Holtz", 8, "compound", "PROPN", "NNP"), ("-", 8, "punct", "PUNCT", "HYPH"),
        ("Eakin", 9, "nsubj", "PROPN", "NNP"), ("left", 9, "ROOT", "VERB", "VBD", "leave"),
        (".", 9, "punct", "PUNCT", "."),
    ], ents=[(0, 4, "PERSON")], no_space_after=[1, 2, 6, 7])
    assert _names(people) == ["Douglas Holtz-Eakin"]
    assert people.persons[0].mentions == ((0, 4), (6, 9))


def test_a_surname_with_an_invisible_character_is_the_person_it_names() -> None:
    # "Leighton Baker said . Baker\u200b left ."  the second "Baker" untagged, with a zero-width space inside
    people = _people([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Baker\u200b", 5, "nsubj", "PROPN", "NNP"), ("left", 5, "ROOT", "VERB", "VBD", "leave"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON")])
    assert people.persons[0].mentions == ((0, 2), (4, 5))


def test_a_shared_surname_goes_to_the_person_already_called_by_it() -> None:
    # "John Smith said . Smith left . Mary Smith said . Smith left ."
    people = _people([
        ("John", 1, "compound", "PROPN", "NNP"), ("Smith", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Smith", 5, "nsubj", "PROPN", "NNP"), ("left", 5, "ROOT", "VERB", "VBD", "leave"),
        (".", 5, "punct", "PUNCT", "."),
        ("Mary", 8, "compound", "PROPN", "NNP"), ("Smith", 9, "nsubj", "PROPN", "NNP"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
        ("Smith", 12, "nsubj", "PROPN", "NNP"), ("left", 12, "ROOT", "VERB", "VBD", "leave"),
        (".", 12, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "PERSON"), (7, 9, "PERSON"), (11, 12, "PERSON")])
    assert [p.mentions for p in people.persons] == [((0, 2), (4, 5), (11, 12)), ((7, 9),)]


def test_a_lone_word_that_is_no_given_name_and_never_speaks_is_no_person() -> None:
    # "Escape won . Okafor said ."  both tagged PERSON; neither is a common given name, only Okafor speaks
    people = _people([
        ("Escape", 1, "nsubj", "PROPN", "NNP"), ("won", 1, "ROOT", "VERB", "VBD", "win"),
        (".", 1, "punct", "PUNCT", "."),
        ("Okafor", 4, "nsubj", "PROPN", "NNP"), ("said", 4, "ROOT", "VERB", "VBD", "say"),
        (".", 4, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "PERSON"), (3, 4, "PERSON")])
    assert _names(people) == ["Okafor"]


def test_a_lone_given_name_stays_a_person() -> None:
    # "Heather won ."
    people = _people([
        ("Heather", 1, "nsubj", "PROPN", "NNP"), ("won", 1, "ROOT", "VERB", "VBD", "win"),
        (".", 1, "punct", "PUNCT", "."),
    ], ents=[(0, 1, "PERSON")])
    assert _names(people) == ["Heather"]


def test_a_name_with_a_digit_or_ending_in_a_title_is_no_person() -> None:
    # "Bill C-48 passed . Liberal MLA spoke ."  both tagged PERSON
    people = _people([
        ("Bill", 1, "compound", "PROPN", "NNP"), ("C-48", 2, "nsubj", "PROPN", "NNP"),
        ("passed", 2, "ROOT", "VERB", "VBD", "pass"), (".", 2, "punct", "PUNCT", "."),
        ("Liberal", 5, "compound", "PROPN", "NNP"), ("MLA", 6, "nsubj", "PROPN", "NNP"),
        ("spoke", 6, "ROOT", "VERB", "VBD", "speak"), (".", 6, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 6, "PERSON")])
    assert _names(people) == []


def test_a_relatives_first_name_is_not_someone_else_of_that_first_name() -> None:
    # "Joseph Okello spoke . Brandvold 's father , Joseph , said ."
    people = _people([
        ("Joseph", 1, "compound", "PROPN", "NNP"), ("Okello", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Brandvold", 6, "poss", "PROPN", "NNP"), ("'s", 4, "case", "PART", "POS"),
        ("father", 10, "nsubj", "NOUN", "NN"),
        (",", 6, "punct", "PUNCT", ","), ("Joseph", 6, "appos", "PROPN", "NNP"), (",", 6, "punct", "PUNCT", ","),
        ("said", 10, "ROOT", "VERB", "VBD", "say"), (".", 10, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "PERSON"), (8, 9, "PERSON")])
    assert _names(people) == ["Joseph Okello", "Joseph Brandvold"]


def test_a_surname_alone_is_its_bearer_not_a_relative_who_took_it_from_the_context() -> None:
    # "Rania Al Masri spoke . Her daughter , Judy , left . Al Masri said ."
    people = _people([
        ("Rania", 2, "compound", "PROPN", "NNP"), ("Al", 2, "compound", "PROPN", "NNP"),
        ("Masri", 3, "nsubj", "PROPN", "NNP"), ("spoke", 3, "ROOT", "VERB", "VBD", "speak"),
        (".", 3, "punct", "PUNCT", "."),
        ("Her", 6, "poss", "PRON", "PRP$", "her"), ("daughter", 10, "nsubj", "NOUN", "NN"),
        (",", 6, "punct", "PUNCT", ","), ("Judy", 6, "appos", "PROPN", "NNP"), (",", 6, "punct", "PUNCT", ","),
        ("left", 10, "ROOT", "VERB", "VBD", "leave"), (".", 10, "punct", "PUNCT", "."),
        ("Al", 13, "compound", "PROPN", "NNP"), ("Masri", 14, "nsubj", "PROPN", "NNP"),
        ("said", 14, "ROOT", "VERB", "VBD", "say"), (".", 14, "punct", "PUNCT", "."),
    ], ents=[(0, 3, "PERSON"), (8, 9, "PERSON"), (12, 14, "PERSON")])
    assert _names(people) == ["Rania Al Masri", "Judy Al Masri"]
    assert people.persons[0].mentions == ((0, 3), (12, 14))


def test_a_royal_title_is_no_part_of_the_name() -> None:
    # "Sultan Ibrahim Ismail spoke ."  one PERSON entity with the title
    people = _people([
        ("Sultan", 2, "compound", "PROPN", "NNP"), ("Ibrahim", 2, "compound", "PROPN", "NNP"),
        ("Ismail", 3, "nsubj", "PROPN", "NNP"), ("spoke", 3, "ROOT", "VERB", "VBD", "speak"),
        (".", 3, "punct", "PUNCT", "."),
    ], ents=[(0, 3, "PERSON")])
    assert _names(people) == ["Ibrahim Ismail"]


def test_a_surname_before_a_suffix_is_the_surname_and_father_and_son_stay_two() -> None:
    # "Mark Delacroix said . Mark Delacroix Jr. said . Delacroix left ."
    people = _people([
        ("Mark", 1, "compound", "PROPN", "NNP"), ("Delacroix", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Mark", 5, "compound", "PROPN", "NNP"), ("Delacroix", 6, "nsubj", "PROPN", "NNP"),
        ("Jr.", 5, "appos", "PROPN", "NNP"),
        ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
        ("Delacroix", 10, "nsubj", "PROPN", "NNP"), ("left", 10, "ROOT", "VERB", "VBD", "leave"),
        (".", 10, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 7, "PERSON"), (9, 10, "PERSON")])
    assert _names(people) == ["Mark Delacroix", "Mark Delacroix Jr."]
    assert people.persons[1].mentions == ((4, 7), (9, 10))  # the one named last


def test_a_persons_name_tagged_as_an_organisation_is_a_person_where_only_a_person_stands() -> None:
    # joined by "and" to a person: "Liam Doyle and Caleb Dunmore scored ."
    people = _people([
        ("Liam", 1, "compound", "PROPN", "NNP"), ("Doyle", 5, "nsubj", "PROPN", "NNP"),
        ("and", 1, "cc", "CCONJ", "CC"), ("Caleb", 4, "compound", "PROPN", "NNP"),
        ("Dunmore", 1, "conj", "PROPN", "NNP"),
        ("scored", 5, "ROOT", "VERB", "VBD", "score"), (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (3, 5, "ORG")])
    assert _names(people) == ["Liam Doyle", "Caleb Dunmore"]
    # with an age after it: "Caleb Dunmore , 50 , scored ."
    people = _people([
        ("Caleb", 1, "compound", "PROPN", "NNP"), ("Dunmore", 5, "nsubj", "PROPN", "NNP"),
        (",", 1, "punct", "PUNCT", ","), ("50", 1, "appos", "NUM", "CD"), (",", 1, "punct", "PUNCT", ","),
        ("scored", 5, "ROOT", "VERB", "VBD", "score"), (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "ORG")], no_space_after=[1, 3])
    assert _names(people) == ["Caleb Dunmore"]
    # alone, a name of that shape may be a firm's: "Caleb Dunmore scored ."
    people = _people([
        ("Caleb", 1, "compound", "PROPN", "NNP"), ("Dunmore", 2, "nsubj", "PROPN", "NNP"),
        ("scored", 2, "ROOT", "VERB", "VBD", "score"), (".", 2, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "ORG")])
    assert _names(people) == []


@pytest.mark.parametrize(("words", "name"), [
    (("Retiree", "Tom", "Hale"), "Tom Hale"),  # no given name, before one: a noun the tagger took for a name
    (("Mary", "Ann", "Smith"), "Mary Ann Smith"),
])
def test_a_word_opening_the_sentence_before_a_given_name_is_no_part_of_the_name(words, name) -> None:
    # "<first> <second> <surname> spoke ."  all three tagged PROPN and PERSON
    first, second, surname = words
    people = _people([
        (first, 2, "compound", "PROPN", "NNP"), (second, 2, "compound", "PROPN", "NNP"),
        (surname, 3, "nsubj", "PROPN", "NNP"), ("spoke", 3, "ROOT", "VERB", "VBD", "speak"),
        (".", 3, "punct", "PUNCT", "."),
    ], ents=[(0, 3, "PERSON")])
    assert _names(people) == [name]


def test_an_organisations_word_the_recogniser_missed_is_no_person_however_it_speaks() -> None:
    # "The Mayor 's Office said ."  Office <nsubj said, untagged; "Office" names an organisation's kind
    people = _people([
        ("The", 1, "det", "DET", "DT"), ("Mayor", 3, "poss", "PROPN", "NNP"), ("'s", 1, "case", "PART", "POS"),
        ("Office", 4, "nsubj", "PROPN", "NNP"), ("said", 4, "ROOT", "VERB", "VBD", "say"),
        (".", 4, "punct", "PUNCT", "."),
    ], no_space_after=[1])
    assert _names(people) == []
