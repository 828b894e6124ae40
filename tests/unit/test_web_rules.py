"""Speaker and people rules that read names off the web's news style, on hand-built parses (no trained pipeline).

Rows are (word, head, dep, pos, tag, lemma); heads are absolute token indices and a ROOT is its own head.
A mention asked about is (speaker head token, start character of its quotation).
"""

from __future__ import annotations

from parses import view

from quotewise.engine.people import People, PersonFacts, find_people
from quotewise.engine.speakers import Resolution, Speaker, resolve_speakers


def _resolve(rows, mentions, people: People | None = None, **kwargs) -> tuple[People, Resolution]:
    text_view = view(rows, **kwargs)
    people = find_people(text_view) if people is None else people
    return people, resolve_speakers(text_view, people, mentions)


def _only(rows, head: int, people: People | None = None, **kwargs) -> Speaker:
    _, resolution = _resolve(rows, [(head, 0)], people, **kwargs)
    (speaker,) = resolution.speakers
    return speaker


def _people(rows, **kwargs) -> People:
    return find_people(view(rows, **kwargs))


def _names(people: People) -> list[str]:
    return [p.name for p in people.persons]


# "Mayor Teresa Villanueva spoke . {det} mayor said ."  Mayor, Teresa <compound Villanueva <nsubj spoke;
# det <det mayor <nsubj said; Teresa Villanueva is PERSON
def _mayor_rows(det: str) -> list[tuple]:
    return [
        ("Mayor", 2, "compound", "PROPN", "NNP"), ("Teresa", 2, "compound", "PROPN", "NNP"),
        ("Villanueva", 3, "nsubj", "PROPN", "NNP"), ("spoke", 3, "ROOT", "VERB", "VBD", "speak"),
        (".", 3, "punct", "PUNCT", "."), (det, 6, "det", "DET", "DT"), ("mayor", 7, "nsubj", "NOUN", "NN"),
        ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
    ]


def test_the_mayor_is_the_person_introduced_with_that_title() -> None:
    # "Mayor Teresa Villanueva spoke . The mayor said ."  The <det mayor <nsubj said
    people, resolution = _resolve(_mayor_rows("The"), [(6, 0)], ents=[(1, 3, "PERSON")])
    assert (people.persons[0].name, people.persons[0].title) == ("Teresa Villanueva", "Mayor")
    assert resolution.speakers == (Speaker(32, 41, "Teresa Villanueva", "person", "title", person=0),)


def test_a_mayor_is_only_a_role_noun() -> None:
    # "Mayor Teresa Villanueva spoke . A mayor said ."  A <det mayor <nsubj said: not "the", so not her
    speaker = _only(_mayor_rows("A"), 6, ents=[(1, 3, "PERSON")])
    assert speaker == Speaker(32, 39, "mayor", "person", "role-noun", title="mayor")


def test_the_council_is_the_council_named_before() -> None:
    # "Tawhiri District Council met . The council said ."  Tawhiri, District <compound Council (ORG) <nsubj met;
    # The <det council <nsubj said
    speaker = _only([
        ("Tawhiri", 2, "compound", "PROPN", "NNP"), ("District", 2, "compound", "PROPN", "NNP"),
        ("Council", 3, "nsubj", "PROPN", "NNP"), ("met", 3, "ROOT", "VERB", "VBD", "meet"),
        (".", 3, "punct", "PUNCT", "."), ("The", 6, "det", "DET", "DT"), ("council", 7, "nsubj", "NOUN", "NN"),
        ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
    ], 6, ents=[(0, 3, "ORG")])
    assert speaker == Speaker(31, 42, "Tawhiri District Council", "organization", "collective")


def test_the_company_is_the_organisation_last_the_subject_not_the_last_named() -> None:
    # "Ridgeline Coal sued Southlink Buses . The company said ."  Coal (ORG) <nsubj sued; Buses (ORG) <dobj sued;
    # The <det company <nsubj said
    speaker = _only([
        ("Ridgeline", 1, "compound", "PROPN", "NNP"), ("Coal", 2, "nsubj", "PROPN", "NNP"),
        ("sued", 2, "ROOT", "VERB", "VBD", "sue"), ("Southlink", 4, "compound", "PROPN", "NNP"),
        ("Buses", 2, "dobj", "PROPN", "NNPS"), (".", 2, "punct", "PUNCT", "."), ("The", 7, "det", "DET", "DT"),
        ("company", 8, "nsubj", "NOUN", "NN"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
        (".", 8, "punct", "PUNCT", "."),
    ], 7, ents=[(0, 2, "ORG"), (3, 5, "ORG")])
    assert (speaker.name, speaker.kind, speaker.route) == ("Ridgeline Coal", "organization", "collective")


def test_the_company_is_the_last_organisation_named_when_none_was_the_subject() -> None:
    # "Crews sued Southlink Buses . The company said ."  Crews <nsubj sued; Buses (ORG) <dobj sued
    speaker = _only([
        ("Crews", 1, "nsubj", "NOUN", "NNS", "crew"), ("sued", 1, "ROOT", "VERB", "VBD", "sue"),
        ("Southlink", 3, "compound", "PROPN", "NNP"), ("Buses", 1, "dobj", "PROPN", "NNPS"),
        (".", 1, "punct", "PUNCT", "."), ("The", 6, "det", "DET", "DT"),
        ("company", 7, "nsubj", "NOUN", "NN"), ("said", 7, "ROOT", "VERB", "VBD", "say"),
        (".", 7, "punct", "PUNCT", "."),
    ], 6, ents=[(2, 4, "ORG")])
    assert (speaker.name, speaker.kind, speaker.route) == ("Southlink Buses", "organization", "collective")


def test_a_name_tagged_an_organisation_more_often_than_a_person_is_one_where_untagged() -> None:
    # "Harbourline said . Harbourline Labs rose . Harbourline fell ."  the first "Harbourline" untagged
    speaker = _only([
        ("Harbourline", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        (".", 1, "punct", "PUNCT", "."), ("Harbourline", 4, "nsubj", "PROPN", "NNP"),
        ("rose", 4, "ROOT", "VERB", "VBD", "rise"), (".", 4, "punct", "PUNCT", "."),
        ("Harbourline", 7, "nsubj", "PROPN", "NNP"), ("fell", 7, "ROOT", "VERB", "VBD", "fall"),
        (".", 7, "punct", "PUNCT", "."),
    ], 0, ents=[(3, 4, "ORG"), (6, 7, "ORG")])
    assert (speaker.name, speaker.kind, speaker.route) == ("Harbourline", "organization", "collective")


def test_a_definite_noun_that_ends_an_organisations_name_is_that_organisation() -> None:
    # "The Catholic Diocese of Covington met . The diocese said ."  Diocese <nsubj met, "of Covington" on it
    speaker = _only([
        ("The", 2, "det", "DET", "DT"), ("Catholic", 2, "compound", "PROPN", "NNP"),
        ("Diocese", 5, "nsubj", "PROPN", "NNP"), ("of", 2, "prep", "ADP", "IN"),
        ("Covington", 3, "pobj", "PROPN", "NNP"), ("met", 5, "ROOT", "VERB", "VBD", "meet"),
        (".", 5, "punct", "PUNCT", "."), ("The", 8, "det", "DET", "DT"), ("diocese", 9, "nsubj", "NOUN", "NN"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], 8, ents=[(1, 5, "ORG")])
    assert (speaker.name, speaker.kind) == ("Catholic Diocese of Covington", "organization")


def test_a_proper_short_form_is_the_organisation_whose_name_it_ends() -> None:
    # "The Cobbity Hawks won . The Hawks said ."  Cobbity Hawks (ORG) <nsubj won; The <det Hawks (ORG) <nsubj said
    speaker = _only([
        ("The", 2, "det", "DET", "DT"), ("Cobbity", 2, "compound", "PROPN", "NNP"),
        ("Hawks", 3, "nsubj", "PROPN", "NNPS"), ("won", 3, "ROOT", "VERB", "VBD", "win"),
        (".", 3, "punct", "PUNCT", "."), ("The", 6, "det", "DET", "DT"), ("Hawks", 7, "nsubj", "PROPN", "NNPS"),
        ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
    ], 6, ents=[(1, 3, "ORG"), (6, 7, "ORG")])
    assert speaker == Speaker(24, 33, "Cobbity Hawks", "organization", "collective")


# "Rail Workers Union met . {first} {noun} said ."  Rail, Workers <compound Union (ORG) <nsubj met;
# first <nummod/amod noun <nsubj said
def _union_rows(first: tuple, noun: tuple) -> list[tuple]:
    return [
        ("Rail", 2, "compound", "PROPN", "NNP"), ("Workers", 2, "compound", "PROPN", "NNPS"),
        ("Union", 3, "nsubj", "PROPN", "NNP"), ("met", 3, "ROOT", "VERB", "VBD", "meet"),
        (".", 3, "punct", "PUNCT", "."), first, noun, ("said", 7, "ROOT", "VERB", "VBD", "say"),
        (".", 7, "punct", "PUNCT", "."),
    ]


def test_three_unions_or_another_company_are_not_the_one_named_before() -> None:
    # "Rail Workers Union met . Three unions said ."  Three <nummod unions (NNS, lemma union) <nsubj said
    three = _only(_union_rows(("Three", 6, "nummod", "NUM", "CD"), ("unions", 7, "nsubj", "NOUN", "NNS", "union")),
                  6, ents=[(0, 3, "ORG")])
    assert (three.name, three.kind, three.route) == ("Three unions", "group", "collective")
    # (a plural is a group, which is never expanded; the singular below is what meets the no-article check)
    # "Rail Workers Union met . Another company said ."  Another <det company <nsubj said: not "the company"
    another = _only(_union_rows(("Another", 6, "det", "DET", "DT"), ("company", 7, "nsubj", "NOUN", "NN")),
                    6, ents=[(0, 3, "ORG")])
    assert (another.name, another.kind, another.route) == ("Another company", "organization", "collective")


# "Teresa Villanueva met Marco Villanueva . Villanueva said ."  Teresa <compound Villanueva <nsubj met;
# Marco <compound Villanueva <dobj met; Villanueva (PROPN, no entity) <nsubj said
VILLANUEVAS = [
    ("Teresa", 1, "compound", "PROPN", "NNP"), ("Villanueva", 2, "nsubj", "PROPN", "NNP"),
    ("met", 2, "ROOT", "VERB", "VBD", "meet"), ("Marco", 4, "compound", "PROPN", "NNP"),
    ("Villanueva", 2, "dobj", "PROPN", "NNP"), (".", 2, "punct", "PUNCT", "."),
    ("Villanueva", 7, "nsubj", "PROPN", "NNP"), ("said", 7, "ROOT", "VERB", "VBD", "say"),
    (".", 7, "punct", "PUNCT", "."),
]
# People built by hand, so that the last "Villanueva" (token 6) is no mention of anyone: find_people would
# cluster it under a full name itself, and `_by_surname` would not be reached.
TERESA = PersonFacts("Teresa Villanueva", ((0, 2),))
MARCO = PersonFacts("Marco Villanueva", ((3, 5),))


def test_an_unlisted_surname_is_the_one_person_named_in_full_with_it() -> None:
    # People lists Teresa Villanueva alone (Marco is left out)
    speaker = _only(VILLANUEVAS, 6, People((TERESA,), {0: 0, 1: 0}))
    assert speaker == Speaker(41, 51, "Teresa Villanueva", "person", "named", person=0)


def test_an_unlisted_surname_two_people_share_stays_unlisted() -> None:
    # People lists Teresa and Marco Villanueva, neither at token 6
    speaker = _only(VILLANUEVAS, 6, People((TERESA, MARCO), {0: 0, 1: 0, 3: 1, 4: 1}))
    assert speaker == Speaker(41, 51, "Villanueva", "person", "unlisted-name")


def test_an_organisation_in_apposition_to_the_subject_is_the_speaker() -> None:
    # "The mill 's owner , Northbridge Paper Group , said ."  The <det mill <poss owner <nsubj said;
    # Group (ORG Northbridge Paper Group) <appos owner
    speaker = _only([
        ("The", 1, "det", "DET", "DT"), ("mill", 3, "poss", "NOUN", "NN"), ("'s", 1, "case", "PART", "POS"),
        ("owner", 9, "nsubj", "NOUN", "NN"), (",", 3, "punct", "PUNCT", ","),
        ("Northbridge", 7, "compound", "PROPN", "NNP"), ("Paper", 7, "compound", "PROPN", "NNP"),
        ("Group", 3, "appos", "PROPN", "NNP"), (",", 3, "punct", "PUNCT", ","),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], 3, ents=[(5, 8, "ORG")], no_space_after=[1])
    assert speaker == Speaker(0, 16, "Northbridge Paper Group", "organization", "collective")


def test_an_unlisted_acronym_speaker_is_the_organisation_it_was_introduced_as() -> None:
    # "The Passenger Transport Workers Union (PTWU) objected . Fares will rise , according to PTWU ."
    # Union <nsubj objected; PTWU <appos Union; PTWU (PROPN, no entity) <pobj to <prep according <prep rise
    speaker = _only([
        ("The", 4, "det", "DET", "DT"), ("Passenger", 4, "compound", "PROPN", "NNP"),
        ("Transport", 4, "compound", "PROPN", "NNP"), ("Workers", 4, "compound", "PROPN", "NNPS"),
        ("Union", 8, "nsubj", "PROPN", "NNP"), ("(", 6, "punct", "PUNCT", "-LRB-"),
        ("PTWU", 4, "appos", "PROPN", "NNP"), (")", 6, "punct", "PUNCT", "-RRB-"),
        ("objected", 8, "ROOT", "VERB", "VBD", "object"),
        (".", 8, "punct", "PUNCT", "."), ("Fares", 12, "nsubj", "NOUN", "NNS", "fare"),
        ("will", 12, "aux", "AUX", "MD"), ("rise", 12, "ROOT", "VERB", "VB"), (",", 12, "punct", "PUNCT", ","),
        ("according", 12, "prep", "VERB", "VBG", "accord"), ("to", 14, "prep", "ADP", "IN"),
        ("PTWU", 15, "pobj", "PROPN", "NNP"), (".", 12, "punct", "PUNCT", "."),
    ], 16, ents=[(1, 5, "ORG")], no_space_after=[5, 6])
    assert speaker == Speaker(87, 91, "Passenger Transport Workers Union", "organization", "collective")


def test_a_title_owned_by_an_organisation_before_the_name() -> None:
    # "The Campaign for Better Transport 's chief executive , Paul Tuohy , said ."  Campaign (ORG) <poss executive
    # <nsubj said; chief <amod executive; Tuohy (PERSON Paul Tuohy) <appos executive
    people = _people([
        ("The", 1, "det", "DET", "DT"), ("Campaign", 7, "poss", "PROPN", "NNP"), ("for", 1, "prep", "ADP", "IN"),
        ("Better", 4, "compound", "PROPN", "NNP"), ("Transport", 2, "pobj", "PROPN", "NNP"),
        ("'s", 1, "case", "PART", "POS"), ("chief", 7, "amod", "ADJ", "JJ"),
        ("executive", 12, "nsubj", "NOUN", "NN"), (",", 7, "punct", "PUNCT", ","),
        ("Paul", 10, "compound", "PROPN", "NNP"), ("Tuohy", 7, "appos", "PROPN", "NNP"),
        (",", 7, "punct", "PUNCT", ","), ("said", 12, "ROOT", "VERB", "VBD", "say"), (".", 12, "punct", "PUNCT", "."),
    ], ents=[(1, 5, "ORG"), (9, 11, "PERSON")], no_space_after=[4])
    tuohy = PersonFacts("Paul Tuohy", ((9, 11),), "chief executive", "Campaign for Better Transport")
    assert people.persons == (tuohy,)


def test_a_name_after_watchdog_or_ending_in_school_is_no_person() -> None:
    # "The watchdog Transport Focus said ."  The <det watchdog <nsubj said; Transport <compound Focus (PERSON)
    # <appos watchdog
    watchdog = _people([
        ("The", 1, "det", "DET", "DT"), ("watchdog", 4, "nsubj", "NOUN", "NN"),
        ("Transport", 3, "compound", "PROPN", "NNP"), ("Focus", 1, "appos", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ], ents=[(2, 4, "PERSON")])
    assert watchdog.persons == ()
    # "Jane Doe praised Harlan Falls High School ."  Doe, School <nsubj/dobj praised; both entities PERSON
    school = _people([
        ("Jane", 1, "compound", "PROPN", "NNP"), ("Doe", 2, "nsubj", "PROPN", "NNP"),
        ("praised", 2, "ROOT", "VERB", "VBD", "praise"), ("Harlan", 6, "compound", "PROPN", "NNP"),
        ("Falls", 6, "compound", "PROPN", "NNP"), ("High", 6, "compound", "PROPN", "NNP"),
        ("School", 2, "dobj", "PROPN", "NNP"), (".", 2, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (3, 7, "PERSON")])
    assert _names(school) == ["Jane Doe"]


def test_a_lone_word_of_an_organisations_name_is_no_person() -> None:
    # "Southlink Buses said . Southlink apologised ."  Buses (ORG Southlink Buses) <nsubj said;
    # Southlink (PERSON) <nsubj apologised
    people = _people([
        ("Southlink", 1, "compound", "PROPN", "NNP"), ("Buses", 2, "nsubj", "PROPN", "NNPS"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Southlink", 5, "nsubj", "PROPN", "NNP"), ("apologised", 5, "ROOT", "VERB", "VBD", "apologise"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "ORG"), (4, 5, "PERSON")])
    assert people.persons == ()
    assert dict(people.by_token) == {}


def test_a_first_name_the_recogniser_left_out_joins_the_surname() -> None:
    # "The librarian Gwen Sokolowski said ."  The <det, librarian, Gwen <compound Sokolowski <nsubj said;
    # only Sokolowski is PERSON
    people = _people([
        ("The", 3, "det", "DET", "DT"), ("librarian", 3, "compound", "NOUN", "NN"),
        ("Gwen", 3, "compound", "PROPN", "NNP"), ("Sokolowski", 4, "nsubj", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ], ents=[(3, 4, "PERSON")])
    assert _names(people) == ["Gwen Sokolowski"]
    assert people.persons[0].mentions == ((2, 4),)


def test_a_proper_noun_opening_the_sentence_is_no_first_name() -> None:
    # "Rates rose . Rival Sokolowski said ."  Rival <compound Sokolowski (PERSON) <nsubj said; Rival opens sentence 2
    people = _people([
        ("Rates", 1, "nsubj", "NOUN", "NNS", "rate"), ("rose", 1, "ROOT", "VERB", "VBD", "rise"),
        (".", 1, "punct", "PUNCT", "."), ("Rival", 4, "compound", "PROPN", "NNP"),
        ("Sokolowski", 5, "nsubj", "PROPN", "NNP"), ("said", 5, "ROOT", "VERB", "VBD", "say"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(4, 5, "PERSON")])
    assert _names(people) == ["Sokolowski"]
    assert people.persons[0].mentions == ((4, 5),)


def test_her_husband_takes_the_surname_of_the_woman_named_before() -> None:
    # "Margaret Pryce spoke . Her husband , Alan , said ."  Her <poss husband <nsubj said; Alan (PERSON) <appos husband
    people = _people([
        ("Margaret", 1, "compound", "PROPN", "NNP"), ("Pryce", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Her", 5, "poss", "PRON", "PRP$", "her"), ("husband", 9, "nsubj", "NOUN", "NN"),
        (",", 5, "punct", "PUNCT", ","), ("Alan", 5, "appos", "PROPN", "NNP"), (",", 5, "punct", "PUNCT", ","),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (7, 8, "PERSON")])
    assert _names(people) == ["Margaret Pryce", "Alan Pryce"]
    assert [p.relatives for p in people.persons] == [(), ("male",)]
    assert people.persons[1].mentions == ((7, 8),)


def test_my_son_keeps_only_his_first_name() -> None:
    # "My son , Felix , said ."  My <poss son <nsubj said; Felix (PERSON) <appos son
    people = _people([
        ("My", 1, "poss", "PRON", "PRP$", "my"), ("son", 5, "nsubj", "NOUN", "NN"), (",", 1, "punct", "PUNCT", ","),
        ("Felix", 1, "appos", "PROPN", "NNP"), (",", 1, "punct", "PUNCT", ","),
        ("said", 5, "ROOT", "VERB", "VBD", "say"), (".", 5, "punct", "PUNCT", "."),
    ], ents=[(3, 4, "PERSON")])
    assert _names(people) == ["Felix"]
    assert people.persons[0].relatives == ("male",)


def test_a_name_in_apposition_closing_the_subject_is_the_speaker() -> None:
    # "Secretary of the Board , Ana Ruiz , said ."  Secretary <nsubj said; of <prep Secretary; the <det Board
    # <pobj of; Ana <compound Ruiz <appos Secretary (not recognised as a name)
    rows = [
        ("Secretary", 8, "nsubj", "PROPN", "NNP"), ("of", 0, "prep", "ADP", "IN"), ("the", 3, "det", "DET", "DT"),
        ("Board", 1, "pobj", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","), ("Ana", 6, "compound", "PROPN", "NNP"),
        ("Ruiz", 0, "appos", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","),
        ("said", 8, "ROOT", "VERB", "VBD", "say"), (".", 8, "punct", "PUNCT", "."),
    ]
    people, resolution = _resolve(rows, [(0, 0)])
    assert _names(people) == ["Ana Ruiz"]
    (speaker,) = resolution.speakers
    assert (speaker.name, speaker.route, speaker.person) == ("Ana Ruiz", "named", 0)


def test_a_name_in_apposition_inside_the_subject_is_not_its_speaker() -> None:
    # "Secretary , Ana Ruiz 's deputy , said ."  the name is no apposition that closes the subject phrase
    rows = [
        ("Secretary", 7, "nsubj", "PROPN", "NNP"), (",", 0, "punct", "PUNCT", ","),
        ("Ana", 3, "compound", "PROPN", "NNP"),
        ("Ruiz", 5, "poss", "PROPN", "NNP"), ("'s", 3, "case", "PART", "POS"), ("deputy", 0, "appos", "NOUN", "NN"),
        (",", 0, "punct", "PUNCT", ","), ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
    ]
    from quotewise.engine.names import appositive_name

    assert appositive_name(view(rows).doc[0]) is None


def test_a_work_title_or_a_title_after_a_place_is_no_persons_name() -> None:
    # "Ana Ruiz , Yellowhead MP , wrote The Undead Soldier ."  Ana <compound Ruiz <nsubj wrote; Yellowhead <compound
    # MP <appos Ruiz; The <det Soldier <dobj wrote; all three tagged PERSON
    people = _people([
        ("Ana", 1, "compound", "PROPN", "NNP"), ("Ruiz", 6, "nsubj", "PROPN", "NNP"), (",", 1, "punct", "PUNCT", ","),
        ("Yellowhead", 4, "compound", "PROPN", "NNP"), ("MP", 1, "appos", "PROPN", "NNP"),
        (",", 1, "punct", "PUNCT", ","), ("wrote", 6, "ROOT", "VERB", "VBD", "write"), ("The", 9, "det", "DET", "DT"),
        ("Undead", 9, "compound", "PROPN", "NNP"), ("Soldier", 6, "dobj", "PROPN", "NNP"),
        (".", 6, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (3, 5, "PERSON"), (7, 10, "PERSON")])
    assert _names(people) == ["Ana Ruiz"]


def test_a_full_name_before_a_title_is_still_the_name() -> None:
    # "Sarah Champion MP said ."  one PERSON entity ending in the title
    people = _people([
        ("Sarah", 2, "compound", "PROPN", "NNP"), ("Champion", 2, "compound", "PROPN", "NNP"),
        ("MP", 3, "nsubj", "PROPN", "NNP"), ("said", 3, "ROOT", "VERB", "VBD", "say"), (".", 3, "punct", "PUNCT", "."),
    ], ents=[(0, 3, "PERSON")])
    assert _names(people) == ["Sarah Champion"]


def test_a_lowercase_phrase_tagged_org_and_a_hyphenated_title_are_one_person() -> None:
    # "Kevin Vickers spoke . The rookie defenceman said . The sergeant-at-arms said ."  "rookie defenceman" tagged
    # ORG; sergeant - at - arms: the tokenizer's pieces, "arms" (NNS) the head
    rows = [
        ("Kevin", 1, "compound", "PROPN", "NNP"), ("Vickers", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("The", 6, "det", "DET", "DT"), ("rookie", 6, "compound", "NOUN", "NN"),
        ("defenceman", 7, "nsubj", "NOUN", "NN"), ("said", 7, "ROOT", "VERB", "VBD", "say"),
        (".", 7, "punct", "PUNCT", "."),
        ("The", 14, "det", "DET", "DT"), ("sergeant", 14, "nmod", "NOUN", "NN"), ("-", 10, "punct", "PUNCT", "HYPH"),
        ("at", 10, "prep", "ADP", "IN"), ("-", 12, "punct", "PUNCT", "HYPH"), ("arms", 15, "nsubj", "NOUN", "NNS"),
        ("said", 15, "ROOT", "VERB", "VBD", "say"), (".", 15, "punct", "PUNCT", "."),
    ]
    _, resolution = _resolve(rows, [(6, 0), (14, 0)], ents=[(0, 2, "PERSON"), (4, 7, "ORG")],
                             no_space_after=(10, 11, 12, 13))
    assert [(s.name, s.kind, s.route) for s in resolution.speakers] == [
        ("Kevin Vickers", "person", "description"), ("Kevin Vickers", "person", "description")]


def test_a_bare_name_ending_an_organisations_name_is_that_organisation() -> None:
    # "BC Hydro worked . Hydro said ."  BC <compound Hydro (ORG) <nsubj worked; Hydro <nsubj said, untagged
    rows = [
        ("BC", 1, "compound", "PROPN", "NNP"), ("Hydro", 2, "nsubj", "PROPN", "NNP"),
        ("worked", 2, "ROOT", "VERB", "VBD", "work"), (".", 2, "punct", "PUNCT", "."),
        ("Hydro", 5, "nsubj", "PROPN", "NNP"), ("said", 5, "ROOT", "VERB", "VBD", "say"),
        (".", 5, "punct", "PUNCT", "."),
    ]
    speaker = _only(rows, 4, ents=[(0, 2, "ORG")])
    assert (speaker.name, speaker.kind) == ("BC Hydro", "organization")


def test_a_short_form_without_its_article_and_a_possessive_name_find_the_organisation() -> None:
    # "The Parole Board of Canada 's decision stands . Parole board declines ."  the entity ran into the possessive;
    # a heading drops the article
    rows = [
        ("The", 2, "det", "DET", "DT"), ("Parole", 2, "compound", "PROPN", "NNP"),
        ("Board", 6, "poss", "PROPN", "NNP"), ("of", 2, "prep", "ADP", "IN"), ("Canada", 3, "pobj", "PROPN", "NNP"),
        ("'s", 4, "case", "PART", "POS"), ("decision", 7, "nsubj", "NOUN", "NN"),
        ("stands", 7, "ROOT", "VERB", "VBZ", "stand"), (".", 7, "punct", "PUNCT", "."),
        ("Parole", 10, "compound", "PROPN", "NNP"), ("board", 11, "nsubj", "NOUN", "NN"),
        ("declines", 11, "ROOT", "VERB", "VBZ", "decline"), (".", 11, "punct", "PUNCT", "."),
    ]
    speaker = _only(rows, 10, ents=[(0, 6, "ORG")])
    assert (speaker.name, speaker.kind) == ("Parole Board of Canada", "organization")


def test_an_indefinite_short_form_is_no_organisation_named_before() -> None:
    # "The Parole Board of Canada met . A board said ."
    rows = [
        ("The", 2, "det", "DET", "DT"), ("Parole", 2, "compound", "PROPN", "NNP"),
        ("Board", 5, "nsubj", "PROPN", "NNP"), ("of", 2, "prep", "ADP", "IN"), ("Canada", 3, "pobj", "PROPN", "NNP"),
        ("met", 5, "ROOT", "VERB", "VBD", "meet"), (".", 5, "punct", "PUNCT", "."),
        ("A", 8, "det", "DET", "DT"), ("board", 9, "nsubj", "NOUN", "NN"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ]
    assert _only(rows, 8, ents=[(0, 5, "ORG")]).name != "Parole Board of Canada"


def test_the_group_is_the_organisation_last_the_topic() -> None:
    # "Rally Canada said . The group says ."  Rally Canada (ORG) <nsubj said; The <det group <nsubj says
    rows = [
        ("Rally", 1, "compound", "PROPN", "NNP"), ("Canada", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("The", 5, "det", "DET", "DT"), ("group", 6, "nsubj", "NOUN", "NN"), ("says", 6, "ROOT", "VERB", "VBZ", "say"),
        (".", 6, "punct", "PUNCT", "."),
    ]
    _, resolution = _resolve(rows, [(1, 0), (5, 0)], ents=[(0, 2, "ORG")])
    assert [(s.name, s.kind) for s in resolution.speakers][-1] == ("Rally Canada", "organization")


def test_a_surname_tagged_as_a_nationality_is_still_the_person() -> None:
    # "Tomas Vanderhoevens spoke . Vanderhoevens said ."  the second tagged NORP
    people = _people([
        ("Tomas", 1, "compound", "PROPN", "NNP"), ("Vanderhoevens", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Vanderhoevens", 5, "nsubj", "PROPN", "NNPS"), ("said", 5, "ROOT", "VERB", "VBD", "say"),
        (".", 5, "punct", "PUNCT", "."),
    ], ents=[(0, 2, "PERSON"), (4, 5, "NORP")])
    assert [p.mentions for p in people.persons] == [((0, 2), (4, 5))]


def test_a_role_noun_shows_gender_by_its_ending_or_as_a_kinship_word() -> None:
    from quotewise.engine.lexicon import noun_gender

    assert [noun_gender(w) for w in ("spokeswoman", "chairman", "mother", "spokesperson", "man")] == [
        "female", "male", "female", None, None]


def test_a_name_the_recogniser_missed_is_the_person_called_by_it_alone() -> None:
    # "Heather won . Heather said ."  only the first tagged PERSON
    rows = [
        ("Heather", 1, "nsubj", "PROPN", "NNP"), ("won", 1, "ROOT", "VERB", "VBD", "win"),
        (".", 1, "punct", "PUNCT", "."), ("Heather", 4, "nsubj", "PROPN", "NNP"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ]
    people = find_people(view(rows, ents=[(0, 1, "PERSON")]))
    speaker = _only(rows, 3, people=People(people.persons, {}), ents=[(0, 1, "PERSON")])
    assert (speaker.name, speaker.person, speaker.route) == ("Heather", 0, "named")
