"""Resolving speaker mentions on hand-built parses: each test states the parse its rule handles (no trained pipeline).

Rows are (word, head, dep, pos, tag, lemma); heads are absolute token indices and a ROOT is its own head.
A mention asked about is (speaker head token, start character of its quotation).
"""

from __future__ import annotations

from parses import view

from quotewise.engine.people import People, find_people
from quotewise.engine.speakers import Resolution, Speaker, resolve_speakers


def _resolve(rows, mentions, **kwargs) -> tuple[People, Resolution]:
    text_view = view(rows, **kwargs)
    people = find_people(text_view)
    return people, resolve_speakers(text_view, people, mentions)


def _only(rows, head: int, **kwargs) -> Speaker:
    _, resolution = _resolve(rows, [(head, 0)], **kwargs)
    (speaker,) = resolution.speakers
    return speaker


BAKER_SPOKE = [  # "Leighton Baker spoke ."  Leighton <compound Baker <nsubj spoke
    ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
    ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
]
BAKER = (0, 2, "PERSON")


def _shift(rows, by: int) -> list[tuple]:
    """Rows moved ``by`` tokens to the right, to follow other sentences."""
    return [(row[0], row[1] + by, *row[2:]) for row in rows]


def test_named_person() -> None:
    # "Leighton Baker said . Judith Collins left ."  Baker <nsubj said; Collins <nsubj left
    _, resolution = _resolve([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Judith", 5, "compound", "PROPN", "NNP"), ("Collins", 6, "nsubj", "PROPN", "NNP"),
        ("left", 6, "ROOT", "VERB", "VBD", "leave"), (".", 6, "punct", "PUNCT", "."),
    ], [(1, 0)], ents=[BAKER, (4, 6, "PERSON")])
    assert resolution.speakers == (Speaker(0, 14, "Leighton Baker", "person", "named", person=0),)
    assert resolution.quoted == frozenset({0})  # Collins is named but never a speaker
    assert resolution.genders == (None, None)


def test_named_through_a_kinship_apposition() -> None:
    # "Baker 's daughter , Chantelle , said ."  Baker <poss daughter <nsubj said; Chantelle <appos daughter
    speaker = _only([
        ("Baker", 2, "poss", "PROPN", "NNP"), ("'s", 0, "case", "PART", "POS"), ("daughter", 6, "nsubj", "NOUN", "NN"),
        (",", 2, "punct", "PUNCT", ","), ("Chantelle", 2, "appos", "PROPN", "NNP"), (",", 2, "punct", "PUNCT", ","),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
    ], 2, ents=[(4, 5, "PERSON")], no_space_after=[0])
    assert (speaker.name, speaker.route, speaker.person) == ("Chantelle Baker", "named", 0)
    assert (speaker.start, speaker.end) == (0, 16)  # "Baker's daughter"


def test_he_resolves_to_the_latest_salient_person_and_counts_as_gender_evidence() -> None:
    # "Leighton Baker spoke . David Seymour spoke . He said ."  Baker, Seymour <nsubj spoke; He <nsubj said
    _, resolution = _resolve([
        *BAKER_SPOKE,
        ("David", 5, "compound", "PROPN", "NNP"), ("Seymour", 6, "nsubj", "PROPN", "NNP"),
        ("spoke", 6, "ROOT", "VERB", "VBD", "speak"), (".", 6, "punct", "PUNCT", "."),
        ("He", 9, "nsubj", "PRON", "PRP"), ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], [(8, 0)], ents=[BAKER, (4, 6, "PERSON")])
    assert resolution.speakers == (Speaker(45, 47, "David Seymour", "person", "pronoun", person=1, pronoun="He"),)
    assert resolution.genders == (None, "male")
    assert resolution.quoted == frozenset({1})


def test_he_skips_a_salient_person_shown_female() -> None:
    # "Leighton Baker spoke . Ms Collins spoke . He said ."  Ms <compound Collins <nsubj spoke; He <nsubj said
    _, resolution = _resolve([
        *BAKER_SPOKE,
        ("Ms", 5, "compound", "PROPN", "NNP"), ("Collins", 6, "nsubj", "PROPN", "NNP"),
        ("spoke", 6, "ROOT", "VERB", "VBD", "speak"), (".", 6, "punct", "PUNCT", "."),
        ("He", 9, "nsubj", "PRON", "PRP"), ("said", 9, "ROOT", "VERB", "VBD", "say"), (".", 9, "punct", "PUNCT", "."),
    ], [(8, 0)], ents=[BAKER, (5, 6, "PERSON")])
    assert resolution.speakers[0].person == 0
    assert resolution.genders == ("male", "female")


def test_pronoun_whose_only_candidate_has_contrary_gender_is_unresolved() -> None:
    # "Ms Collins spoke . He said ."  Ms <compound Collins <nsubj spoke; He <nsubj said
    _, resolution = _resolve([
        ("Ms", 1, "compound", "PROPN", "NNP"), ("Collins", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("He", 5, "nsubj", "PRON", "PRP"), ("said", 5, "ROOT", "VERB", "VBD", "say"), (".", 5, "punct", "PUNCT", "."),
    ], [(4, 0)], ents=[(1, 2, "PERSON")])
    assert resolution.speakers == (Speaker(19, 21, None, "person", "pronoun-unresolved", pronoun="He"),)
    assert resolution.genders == ("female",)
    assert resolution.quoted == frozenset()


def test_a_name_only_in_a_possessive_is_no_antecedent() -> None:
    # "Leighton Baker spoke . On David Seymour 's plan , he said ."  Seymour <poss plan <pobj On <prep said
    _, resolution = _resolve([
        *BAKER_SPOKE,
        ("On", 11, "prep", "ADP", "IN"), ("David", 6, "compound", "PROPN", "NNP"),
        ("Seymour", 8, "poss", "PROPN", "NNP"), ("'s", 6, "case", "PART", "POS"), ("plan", 4, "pobj", "NOUN", "NN"),
        (",", 11, "punct", "PUNCT", ","), ("he", 11, "nsubj", "PRON", "PRP"),
        ("said", 11, "ROOT", "VERB", "VBD", "say"), (".", 11, "punct", "PUNCT", "."),
    ], [(10, 0)], ents=[BAKER, (5, 7, "PERSON")], no_space_after=[6])
    assert resolution.speakers[0].person == 0
    assert resolution.genders == ("male", None)


def test_a_name_only_as_an_object_is_a_weak_antecedent() -> None:
    # "Ms Collins spoke . She thanked David Seymour . He said ."  Seymour <dobj thanked; He <nsubj said
    # No subject fits "He"; Seymour, named in the sentence before, does, as a weaker link that shows no gender.
    _, resolution = _resolve([
        ("Ms", 1, "compound", "PROPN", "NNP"), ("Collins", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("She", 5, "nsubj", "PRON", "PRP"), ("thanked", 5, "ROOT", "VERB", "VBD", "thank"),
        ("David", 7, "compound", "PROPN", "NNP"), ("Seymour", 5, "dobj", "PROPN", "NNP"),
        (".", 5, "punct", "PUNCT", "."), ("He", 10, "nsubj", "PRON", "PRP"), ("said", 10, "ROOT", "VERB", "VBD", "say"),
        (".", 10, "punct", "PUNCT", "."),
    ], [(9, 0)], ents=[(1, 2, "PERSON"), (6, 8, "PERSON")])
    assert (resolution.speakers[0].route, resolution.speakers[0].name) == ("pronoun", "David Seymour")
    assert resolution.genders == ("female", None)


def test_a_person_in_a_subordinate_clause_of_the_same_sentence_is_skipped() -> None:
    # "Leighton Baker spoke . Asked after David Seymour spoke , he said ."  Seymour <nsubj spoke <advcl Asked
    # <advcl said; he <nsubj said
    _, resolution = _resolve([
        *BAKER_SPOKE,
        ("Asked", 11, "advcl", "VERB", "VBN", "ask"), ("after", 8, "mark", "SCONJ", "IN"),
        ("David", 7, "compound", "PROPN", "NNP"), ("Seymour", 8, "nsubj", "PROPN", "NNP"),
        ("spoke", 4, "advcl", "VERB", "VBD", "speak"), (",", 11, "punct", "PUNCT", ","),
        ("he", 11, "nsubj", "PRON", "PRP"), ("said", 11, "ROOT", "VERB", "VBD", "say"),
        (".", 11, "punct", "PUNCT", "."),
    ], [(10, 0)], ents=[BAKER, (6, 8, "PERSON")])
    assert resolution.speakers[0].person == 0
    assert resolution.genders == ("male", None)


def test_the_main_clauses_subject_outranks_a_later_subordinate_subject_of_its_sentence() -> None:
    # "Leighton Baker said David Seymour left . He said ."  Baker <nsubj said (ROOT); Seymour <nsubj left <ccomp
    # said; He <nsubj said
    _, resolution = _resolve([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), ("David", 4, "compound", "PROPN", "NNP"),
        ("Seymour", 5, "nsubj", "PROPN", "NNP"), ("left", 2, "ccomp", "VERB", "VBD", "leave"),
        (".", 2, "punct", "PUNCT", "."), ("He", 8, "nsubj", "PRON", "PRP"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
        (".", 8, "punct", "PUNCT", "."),
    ], [(7, 0)], ents=[BAKER, (3, 5, "PERSON")])
    assert resolution.speakers[0].person == 0


def test_a_subordinate_subject_is_the_antecedent_when_the_main_subject_cannot_be() -> None:
    # "Ms Harris said Leighton Baker left . He said ."  as above, with Harris shown female by her honorific
    _, resolution = _resolve([
        ("Ms", 1, "compound", "PROPN", "NNP"), ("Harris", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), ("Leighton", 4, "compound", "PROPN", "NNP"),
        ("Baker", 5, "nsubj", "PROPN", "NNP"), ("left", 2, "ccomp", "VERB", "VBD", "leave"),
        (".", 2, "punct", "PUNCT", "."), ("He", 8, "nsubj", "PRON", "PRP"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
        (".", 8, "punct", "PUNCT", "."),
    ], [(7, 0)], ents=[(1, 2, "PERSON"), (3, 5, "PERSON")])
    assert resolution.speakers[0].name == "Leighton Baker"


def test_they_prefers_a_group_to_a_later_organisation() -> None:
    # "Residents spoke . The council met . They said ."  Residents, council <nsubj; They <nsubj said
    speaker = _only([
        ("Residents", 1, "nsubj", "NOUN", "NNS", "resident"), ("spoke", 1, "ROOT", "VERB", "VBD", "speak"),
        (".", 1, "punct", "PUNCT", "."), ("The", 4, "det", "DET", "DT"), ("council", 5, "nsubj", "NOUN", "NN"),
        ("met", 5, "ROOT", "VERB", "VBD", "meet"), (".", 5, "punct", "PUNCT", "."), ("They", 8, "nsubj", "PRON", "PRP"),
        ("said", 8, "ROOT", "VERB", "VBD", "say"), (".", 8, "punct", "PUNCT", "."),
    ], 7)
    assert (speaker.name, speaker.kind, speaker.route, speaker.pronoun) == ("Residents", "group", "pronoun", "They")


def test_they_falls_back_to_an_organisation_and_else_is_an_unresolved_group() -> None:
    # "The council met . They said ."  council <nsubj met; They <nsubj said
    rows = [
        ("The", 1, "det", "DET", "DT"), ("council", 2, "nsubj", "NOUN", "NN"),
        ("met", 2, "ROOT", "VERB", "VBD", "meet"), (".", 2, "punct", "PUNCT", "."), ("They", 5, "nsubj", "PRON", "PRP"),
        ("said", 5, "ROOT", "VERB", "VBD", "say"), (".", 5, "punct", "PUNCT", "."),
    ]
    speaker = _only(rows, 4)
    assert (speaker.name, speaker.kind, speaker.route) == ("council", "organization", "pronoun")
    alone = _only(_shift(rows[4:], -4), 0)  # "They said ." alone
    assert (alone.name, alone.kind, alone.route) == (None, "group", "pronoun-unresolved")


def test_relative_who_stands_for_the_named_speaker() -> None:
    # "Leighton Baker , who said so , left ."  who <nsubj said <relcl Baker <nsubj left
    speaker = _only([
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 7, "nsubj", "PROPN", "NNP"),
        (",", 1, "punct", "PUNCT", ","), ("who", 4, "nsubj", "PRON", "WP"), ("said", 1, "relcl", "VERB", "VBD", "say"),
        ("so", 4, "advmod", "ADV", "RB"), (",", 1, "punct", "PUNCT", ","), ("left", 7, "ROOT", "VERB", "VBD", "leave"),
        (".", 7, "punct", "PUNCT", "."),
    ], 3, ents=[BAKER], no_space_after=[1])
    assert (speaker.start, speaker.end, speaker.route, speaker.pronoun) == (16, 19, "relative", "who")
    assert (speaker.name, speaker.kind, speaker.person) == ("Leighton Baker", "person", 0)
    assert speaker.antecedent == Speaker(0, 14, "Leighton Baker", "person", "named", person=0)


def test_org_entity_speaks_as_an_organisation_named_without_its_article() -> None:
    # "The Police Association said ."  The <det Association <nsubj said; Police Association is ORG
    speaker = _only([
        ("The", 2, "det", "DET", "DT"), ("Police", 2, "compound", "PROPN", "NNP"),
        ("Association", 3, "nsubj", "PROPN", "NNP"), ("said", 3, "ROOT", "VERB", "VBD", "say"),
        (".", 3, "punct", "PUNCT", "."),
    ], 2, ents=[(1, 3, "ORG")])
    assert speaker == Speaker(0, 22, "Police Association", "organization", "collective")


def test_collective_noun_from_the_list_and_a_plural_common_noun() -> None:
    # "Police said . Motorists said ."  Police <nsubj said (collectives.tsv: organization); Motorists NNS <nsubj said
    _, resolution = _resolve([
        ("Police", 1, "nsubj", "NOUN", "NNS", "police"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        (".", 1, "punct", "PUNCT", "."), ("Motorists", 4, "nsubj", "NOUN", "NNS", "motorist"),
        ("said", 4, "ROOT", "VERB", "VBD", "say"), (".", 4, "punct", "PUNCT", "."),
    ], [(0, 0), (3, 0)])
    police, motorists = resolution.speakers
    assert (police.name, police.kind, police.route) == ("Police", "organization", "collective")
    assert (motorists.name, motorists.kind, motorists.route) == ("Motorists", "group", "collective")


def test_group_takes_the_organisation_inside_its_phrase() -> None:
    # "Officials at the Department of Conservation said ."  at <prep Officials; Department <pobj at; ORG entity
    speaker = _only([
        ("Officials", 6, "nsubj", "NOUN", "NNS", "official"), ("at", 0, "prep", "ADP", "IN"),
        ("the", 3, "det", "DET", "DT"), ("Department", 1, "pobj", "PROPN", "NNP"), ("of", 3, "prep", "ADP", "IN"),
        ("Conservation", 4, "pobj", "PROPN", "NNP"), ("said", 6, "ROOT", "VERB", "VBD", "say"),
        (".", 6, "punct", "PUNCT", "."),
    ], 0, ents=[(2, 6, "ORG")])
    assert (speaker.kind, speaker.route, speaker.org) == ("group", "collective", "Department of Conservation")
    assert speaker.name == "Officials at the Department of Conservation"


def test_unlisted_name() -> None:
    # "The plan failed , according to Smith ."  according <prep failed; Smith <pobj to; no entities
    speaker = _only([
        ("The", 1, "det", "DET", "DT"), ("plan", 2, "nsubj", "NOUN", "NN"),
        ("failed", 2, "ROOT", "VERB", "VBD", "fail"), (",", 2, "punct", "PUNCT", ","),
        ("according", 2, "prep", "VERB", "VBG", "accord"), ("to", 4, "prep", "ADP", "IN"),
        ("Smith", 5, "pobj", "PROPN", "NNP"), (".", 2, "punct", "PUNCT", "."),
    ], 6)
    assert speaker == Speaker(31, 36, "Smith", "person", "unlisted-name")


def test_role_noun_with_title_and_organisation() -> None:
    # "A spokeswoman for the governor 's office said ."  for <prep spokeswoman; office <pobj for; governor <poss office
    speaker = _only([
        ("A", 1, "det", "DET", "DT"), ("spokeswoman", 7, "nsubj", "NOUN", "NN"), ("for", 1, "prep", "ADP", "IN"),
        ("the", 4, "det", "DET", "DT"), ("governor", 6, "poss", "NOUN", "NN"), ("'s", 4, "case", "PART", "POS"),
        ("office", 2, "pobj", "NOUN", "NN"), ("said", 7, "ROOT", "VERB", "VBD", "say"), (".", 7, "punct", "PUNCT", "."),
    ], 1, no_space_after=[4])
    assert (speaker.kind, speaker.route, speaker.person) == ("person", "role-noun", None)
    assert (speaker.title, speaker.org) == ("spokeswoman", "governor's office")
    assert speaker.name == "spokeswoman for the governor's office"


def test_noun_phrase_fallback() -> None:
    # "The man said ."  The <det man <nsubj said
    speaker = _only([
        ("The", 1, "det", "DET", "DT"), ("man", 2, "nsubj", "NOUN", "NN"), ("said", 2, "ROOT", "VERB", "VBD", "say"),
        (".", 2, "punct", "PUNCT", "."),
    ], 1)
    assert speaker == Speaker(0, 7, "man", "unknown", "noun-phrase")


# "The Police Association said so .\nPresident Chris Cahill agreed ."  Association (ORG) <nsubj said;
# President <compound Cahill <nsubj agreed: Cahill's title is the bare "President", with no organisation.
ASSOCIATION_THEN_CAHILL = [
    ("The", 2, "det", "DET", "DT"), ("Police", 2, "compound", "PROPN", "NNP"),
    ("Association", 3, "nsubj", "PROPN", "NNP"), ("said", 3, "ROOT", "VERB", "VBD", "say"),
    ("so", 3, "advmod", "ADV", "RB"), (".", 3, "punct", "PUNCT", "."),
    ("\n", 5, "dep", "SPACE", "_SP"),
    ("President", 9, "compound", "PROPN", "NNP"), ("Chris", 9, "compound", "PROPN", "NNP"),
    ("Cahill", 10, "nsubj", "PROPN", "NNP"), ("agreed", 10, "ROOT", "VERB", "VBD", "agree"),
    (".", 10, "punct", "PUNCT", "."),
]
ASSOCIATION_ENTS = [(1, 3, "ORG"), (8, 10, "PERSON")]
ASSOCIATION_END = 22  # end character of "The Police Association"


def test_an_organisation_lends_its_name_to_a_bare_title_quoted_within_400_characters() -> None:
    people, resolution = _resolve(ASSOCIATION_THEN_CAHILL, [(2, 0), (9, ASSOCIATION_END + 399)], ents=ASSOCIATION_ENTS)
    (cahill,) = people.persons
    assert (cahill.name, cahill.title, cahill.org) == ("Chris Cahill", "President", None)
    assert resolution.speakers[0].end == ASSOCIATION_END
    assert resolution.orgs == ("Police Association",)
    assert resolution.quoted == frozenset({0})
    _, too_far = _resolve(ASSOCIATION_THEN_CAHILL, [(2, 0), (9, ASSOCIATION_END + 400)], ents=ASSOCIATION_ENTS)
    assert too_far.orgs == (None,)


def test_no_organisation_lent_after_the_first_quotation() -> None:
    # Cahill is quoted, then the Association speaks, then Cahill again: his first quotation came before.
    _, resolution = _resolve(ASSOCIATION_THEN_CAHILL, [(9, 0), (2, 0), (9, 60)], ents=ASSOCIATION_ENTS)
    assert resolution.orgs == (None,)


def test_no_organisation_lent_to_a_person_with_an_org_of_their_own() -> None:
    # "The union said so . Chris Cahill , president of the Police Federation , agreed ."  union <nsubj said;
    # president <appos Cahill <nsubj agreed; Federation <pobj of <prep president
    people, resolution = _resolve([
        ("The", 1, "det", "DET", "DT"), ("union", 2, "nsubj", "NOUN", "NN"), ("said", 2, "ROOT", "VERB", "VBD", "say"),
        ("so", 2, "advmod", "ADV", "RB"), (".", 2, "punct", "PUNCT", "."), ("Chris", 6, "compound", "PROPN", "NNP"),
        ("Cahill", 14, "nsubj", "PROPN", "NNP"), (",", 6, "punct", "PUNCT", ","),
        ("president", 6, "appos", "NOUN", "NN"), ("of", 8, "prep", "ADP", "IN"), ("the", 12, "det", "DET", "DT"),
        ("Police", 12, "compound", "PROPN", "NNP"), ("Federation", 9, "pobj", "PROPN", "NNP"),
        (",", 6, "punct", "PUNCT", ","), ("agreed", 14, "ROOT", "VERB", "VBD", "agree"),
        (".", 14, "punct", "PUNCT", "."),
    ], [(1, 0), (6, 30)], ents=[(5, 7, "PERSON"), (11, 13, "ORG")])
    assert resolution.speakers[0].kind == "organization"
    assert (people.persons[0].title, people.persons[0].org) == ("president", "Police Federation")
    assert resolution.orgs == ("Police Federation",)


def test_an_acronym_is_named_by_the_name_it_was_introduced_with() -> None:
    from quotewise.engine.people import acronym_expansion as _acronym_expansion

    text = "The Fitzroy Basin Flood Authority (FBFA) issued a warning. Later the FBFA said the river had peaked."
    assert _acronym_expansion(text, "FBFA") == "Fitzroy Basin Flood Authority"
    board = "The Immigration and Refugee Board (IRB) ruled."
    assert _acronym_expansion(board, "IRB") == "Immigration and Refugee Board"
    assert _acronym_expansion(text, "NASA") is None  # never introduced
    assert _acronym_expansion(text, "Fitzroy") is None  # not an acronym


def test_a_pronoun_is_no_gender_evidence_when_the_last_speaker_could_be_meant_too() -> None:
    # "Leighton Baker said . Casey Collins left . He said ."  the first "said" quoted Baker; "He" goes to the
    # latest subject, Collins, but Baker spoke last: the link resolves the speaker and shows no gender.
    rows = [
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ("Casey", 5, "compound", "PROPN", "NNP"), ("Collins", 6, "nsubj", "PROPN", "NNP"),
        ("left", 6, "ROOT", "VERB", "VBD", "leave"), (".", 6, "punct", "PUNCT", "."),
        ("He", 9, "nsubj", "PRON", "PRP", "he"), ("said", 9, "ROOT", "VERB", "VBD", "say"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    _, resolution = _resolve(rows, [(1, 0), (8, 30)], ents=[BAKER, (4, 6, "PERSON")])
    assert [s.name for s in resolution.speakers] == ["Leighton Baker", "Casey Collins"]
    assert resolution.genders == (None, None) and resolution.evidence == ((), ())
    _, alone = _resolve(rows, [(8, 30)], ents=[BAKER, (4, 6, "PERSON")])  # nobody spoke before: the link is evidence
    assert alone.genders == (None, "male") and alone.evidence[1] == (("pronoun-male", 1),)


def test_a_pronoun_with_another_person_named_in_its_own_main_clause_shows_no_gender() -> None:
    # "Leighton Baker spoke . Judith Collins he thanked ."  Collins <dobj thanked, before "he": both could be meant
    rows = [
        *BAKER_SPOKE,
        ("Judith", 5, "compound", "PROPN", "NNP"), ("Collins", 7, "dobj", "PROPN", "NNP"),
        ("he", 7, "nsubj", "PRON", "PRP"), ("thanked", 7, "ROOT", "VERB", "VBD", "thank"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    _, resolution = _resolve(rows, [(6, 30)], ents=[BAKER, (4, 6, "PERSON")])
    assert resolution.speakers[0].name == "Leighton Baker"
    assert resolution.genders == (None, None)


def test_the_sentence_before_a_pronoun_is_the_reporters_not_a_quoted_one() -> None:
    # 'Leighton Baker spoke and Casey Collins left . " Go . " He said .'  The quoted "Go ." is skipped: the
    # reporter's last sentence has two people "He" could mean, so the link shows no gender.
    rows = [
        ("Leighton", 1, "compound", "PROPN", "NNP"), ("Baker", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), ("and", 2, "cc", "CCONJ", "CC"),
        ("Casey", 5, "compound", "PROPN", "NNP"), ("Collins", 6, "nsubj", "PROPN", "NNP"),
        ("left", 2, "conj", "VERB", "VBD", "leave"), (".", 2, "punct", "PUNCT", "."),
        ('"', 9, "punct", "PUNCT", "``"), ("Go", 9, "ROOT", "VERB", "VB", "go"), (".", 9, "punct", "PUNCT", "."),
        ('"', 9, "punct", "PUNCT", "''"),
        ("He", 13, "nsubj", "PRON", "PRP", "he"), ("said", 13, "ROOT", "VERB", "VBD", "say"),
        (".", 13, "punct", "PUNCT", "."),
    ]
    _, resolution = _resolve(rows, [(12, 40)], ents=[BAKER, (4, 6, "PERSON")], no_space_after=[8, 10])
    assert resolution.speakers[0].name == "Casey Collins"
    assert resolution.genders == (None, None)


def test_a_name_a_relative_clause_is_about_is_salient() -> None:
    # "I met Ana Ruiz , who runs the shop . She said ."  who <nsubj runs <relcl Ruiz <dobj met
    # Ruiz is no subject, but the clause is about her: "She" follows her as it would a subject, with evidence.
    _, resolution = _resolve([
        ("I", 1, "nsubj", "PRON", "PRP"), ("met", 1, "ROOT", "VERB", "VBD", "meet"),
        ("Ana", 3, "compound", "PROPN", "NNP"), ("Ruiz", 1, "dobj", "PROPN", "NNP"), (",", 3, "punct", "PUNCT", ","),
        ("who", 6, "nsubj", "PRON", "WP"), ("runs", 3, "relcl", "VERB", "VBZ", "run"), ("the", 8, "det", "DET", "DT"),
        ("shop", 6, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", "."),
        ("She", 11, "nsubj", "PRON", "PRP"), ("said", 11, "ROOT", "VERB", "VBD", "say"),
        (".", 11, "punct", "PUNCT", "."),
    ], [(10, 0)], ents=[(2, 4, "PERSON")], no_space_after=[3])
    assert (resolution.speakers[0].route, resolution.speakers[0].name) == ("pronoun", "Ana Ruiz")
    assert resolution.genders == ("female",)


def _introduced(verb: str, subject: tuple) -> list[tuple]:
    # "Tom Hale said . <subject> <verb> Daniel Reyes . He said ."
    return [
        ("Tom", 1, "compound", "PROPN", "NNP"), ("Hale", 2, "nsubj", "PROPN", "NNP"),
        ("said", 2, "ROOT", "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        subject, (verb, 5, "ROOT", "VERB", "VBD"), ("Daniel", 7, "compound", "PROPN", "NNP"),
        ("Reyes", 5, "dobj", "PROPN", "NNP"), (".", 5, "punct", "PUNCT", "."),
        ("He", 10, "nsubj", "PRON", "PRP"), ("said", 10, "ROOT", "VERB", "VBD", "say"),
        (".", 10, "punct", "PUNCT", "."),
    ]


def test_he_after_a_sentence_naming_one_new_person_and_no_subject_is_that_person_without_evidence() -> None:
    # "... Exercise helped Daniel Reyes . He said ."  the reporter's last words bring Reyes in; no one is their subject
    _, resolution = _resolve(_introduced("helped", ("Exercise", 5, "nsubj", "NOUN", "NN")), [(9, 0)],
                             ents=[(0, 2, "PERSON"), (6, 8, "PERSON")])
    assert (resolution.speakers[0].route, resolution.speakers[0].name) == ("pronoun", "Daniel Reyes")
    assert resolution.genders == (None, None)
    # "... He thanked Daniel Reyes . He said ."  the subject of those words goes on
    _, resolution = _resolve(_introduced("thanked", ("He", 5, "nsubj", "PRON", "PRP")), [(9, 0)],
                             ents=[(0, 2, "PERSON"), (6, 8, "PERSON")])
    assert resolution.speakers[0].name == "Tom Hale"


def _then_a(document: str) -> list[tuple]:
    # "Harbourline said so . A <document> said so ."
    return [
        ("Harbourline", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("so", 1, "advmod", "ADV", "RB"), (".", 1, "punct", "PUNCT", "."),
        ("A", 5, "det", "DET", "DT"), (document, 6, "nsubj", "NOUN", "NN"), ("said", 6, "ROOT", "VERB", "VBD", "say"),
        ("so", 6, "advmod", "ADV", "RB"), (".", 6, "punct", "PUNCT", "."),
    ]


def test_a_statement_with_no_issuer_right_after_someone_spoke_is_theirs_and_a_report_is_not() -> None:
    _, resolution = _resolve(_then_a("statement"), [(0, 0), (5, 20)], ents=[(0, 1, "ORG")])
    assert [(s.name, s.channel) for s in resolution.speakers] == [("Harbourline", None), ("Harbourline", "statement")]
    _, resolution = _resolve(_then_a("report"), [(0, 0), (5, 20)], ents=[(0, 1, "ORG")])
    assert [(s.name, s.kind) for s in resolution.speakers][1] == ("report", "document")


def test_the_subject_of_the_clause_a_pronouns_aside_interrupts_is_not_its_antecedent() -> None:
    # "Tom Hale spoke . Mark Ruiz , he said , knows ."  Ruiz <nsubj knows; he <nsubj said <parataxis knows
    _, resolution = _resolve([
        ("Tom", 1, "compound", "PROPN", "NNP"), ("Hale", 2, "nsubj", "PROPN", "NNP"),
        ("spoke", 2, "ROOT", "VERB", "VBD", "speak"), (".", 2, "punct", "PUNCT", "."),
        ("Mark", 5, "compound", "PROPN", "NNP"), ("Ruiz", 10, "nsubj", "PROPN", "NNP"), (",", 8, "punct", "PUNCT", ","),
        ("he", 8, "nsubj", "PRON", "PRP"), ("said", 10, "parataxis", "VERB", "VBD", "say"),
        (",", 8, "punct", "PUNCT", ","), ("knows", 10, "ROOT", "VERB", "VBZ", "know"), (".", 10, "punct", "PUNCT", "."),
    ], [(7, 0)], ents=[(0, 2, "PERSON"), (4, 6, "PERSON")], no_space_after=[5, 8])
    assert resolution.speakers[0].name == "Tom Hale"
