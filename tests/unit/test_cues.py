"""Cue rules on hand-built parses: each test states the parse its rule handles (no trained pipeline).

Rows are (word, head, dep, pos, tag, lemma); heads are absolute token indices and a ROOT is its own head.
"""

from __future__ import annotations

from parses import parse, view

from quotewise.engine.cue_classifier import read_table
from quotewise.engine.cues import Cue, find_cues, frames, source_class, source_of

# "Ruiz said the road is closed ."  Ruiz <nsubj said; closed <ccomp said; the <det road <nsubj closed; is <cop closed
RUIZ_SAID = [
    ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), ("the", 3, "det", "DET", "DT"),
    ("road", 5, "nsubj", "NOUN", "NN"), ("is", 5, "cop", "AUX", "VBZ", "be"), ("closed", 1, "ccomp", "ADJ", "JJ"),
    (".", 1, "punct", "PUNCT", "."),
]


def _words(rows, span: tuple[int, int] | None) -> str | None:
    return None if span is None else " ".join(row[0] for row in rows[span[0]:span[1]])


def test_verb_with_ccomp_content_and_subject_source() -> None:
    (cue,) = find_cues(view(RUIZ_SAID, ents=[(0, 1, "PERSON")]))
    assert cue == Cue(1, 2, "speech", 0, (2, 6), "ccomp+subject")


def test_head_rule_for_a_cue_interrupting_its_content() -> None:
    # "The roads are clear , he said ."  are is ROOT; said <parataxis are; he <nsubj said
    for dep in ("parataxis", "ccomp"):  # ccomp: only because the cue follows the content after a comma
        rows = [
            ("The", 1, "det", "DET", "DT"), ("roads", 2, "nsubj", "NOUN", "NNS"),
            ("are", 2, "ROOT", "AUX", "VBP", "be"), ("clear", 2, "acomp", "ADJ", "JJ"), (",", 2, "punct", "PUNCT", ","),
            ("he", 6, "nsubj", "PRON", "PRP"), ("said", 2, dep, "VERB", "VBD", "say"), (".", 2, "punct", "PUNCT", "."),
        ]
        (cue,) = find_cues(view(rows, no_space_after=[3]))
        assert cue == Cue(6, 7, "speech", 5, (0, 4), "head+subject"), dep  # the comma is trimmed off


def test_passive_agent_is_the_source_and_the_mark_is_trimmed() -> None:
    # "Residents were told by the mayor that the road was closed ."
    # Residents <nsubjpass told; were <auxpass told; by <agent told; mayor <pobj by; closed <ccomp told;
    # that <mark closed
    rows = [
        ("Residents", 2, "nsubjpass", "NOUN", "NNS"), ("were", 2, "auxpass", "AUX", "VBD", "be"),
        ("told", 2, "ROOT", "VERB", "VBN", "tell"), ("by", 2, "agent", "ADP", "IN"), ("the", 5, "det", "DET", "DT"),
        ("mayor", 3, "pobj", "NOUN", "NN"), ("that", 10, "mark", "SCONJ", "IN"), ("the", 8, "det", "DET", "DT"),
        ("road", 10, "nsubj", "NOUN", "NN"), ("was", 10, "cop", "AUX", "VBD", "be"),
        ("closed", 2, "ccomp", "ADJ", "JJ"), (".", 2, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows))
    assert cue == Cue(2, 3, "speech", 5, (7, 11), "ccomp+agent")


def test_participle_inherits_the_subject_of_the_verb_it_hangs_on() -> None:
    # "The council issued a statement , saying the road is closed ."
    # council <nsubj issued; statement <dobj issued; saying <advcl issued; closed <ccomp saying
    rows = [
        ("The", 1, "det", "DET", "DT"), ("council", 2, "nsubj", "NOUN", "NN"),
        ("issued", 2, "ROOT", "VERB", "VBD", "issue"), ("a", 4, "det", "DET", "DT"),
        ("statement", 2, "dobj", "NOUN", "NN"),
        (",", 2, "punct", "PUNCT", ","), ("saying", 2, "advcl", "VERB", "VBG", "say"), ("the", 8, "det", "DET", "DT"),
        ("road", 10, "nsubj", "NOUN", "NN"), ("is", 10, "cop", "AUX", "VBZ", "be"),
        ("closed", 6, "ccomp", "ADJ", "JJ"), (".", 2, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[4]))  # "statement" has no content of its own: no noun cue
    assert cue == Cue(6, 7, "speech", 1, (7, 11), "ccomp+inherited-subject")


def test_participle_on_a_cue_noun_takes_the_nouns_possessor() -> None:
    # "The mayor 's statement saying the bridge is closed was brief ."
    # mayor <poss statement; statement <nsubj was; saying <acl statement; closed <ccomp saying
    rows = [
        ("The", 1, "det", "DET", "DT"), ("mayor", 3, "poss", "NOUN", "NN"), ("'s", 1, "case", "PART", "POS"),
        ("statement", 9, "nsubj", "NOUN", "NN"), ("saying", 3, "acl", "VERB", "VBG", "say"),
        ("the", 6, "det", "DET", "DT"), ("bridge", 8, "nsubj", "NOUN", "NN"), ("is", 8, "cop", "AUX", "VBZ", "be"),
        ("closed", 4, "ccomp", "ADJ", "JJ"), ("was", 9, "ROOT", "AUX", "VBD", "be"), ("brief", 9, "acomp", "ADJ", "JJ"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[1]))
    assert cue == Cue(4, 5, "speech", 1, (5, 9), "ccomp+possessor")


def test_participle_on_a_plain_noun_makes_the_noun_the_source() -> None:
    # "A new poll showing voters back the plan was released ."
    # poll <nsubjpass released; showing <acl poll; back <ccomp showing; voters <nsubj back
    rows = [
        ("A", 2, "det", "DET", "DT"), ("new", 2, "amod", "ADJ", "JJ"), ("poll", 9, "nsubjpass", "NOUN", "NN"),
        ("showing", 2, "acl", "VERB", "VBG", "show"), ("voters", 5, "nsubj", "NOUN", "NNS"),
        ("back", 3, "ccomp", "VERB", "VBP"), ("the", 7, "det", "DET", "DT"), ("plan", 5, "dobj", "NOUN", "NN"),
        ("was", 9, "auxpass", "AUX", "VBD", "be"), ("released", 9, "ROOT", "VERB", "VBN", "release"),
        (".", 9, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows), scope="attributions")
    assert cue == Cue(3, 4, "perception", 2, (4, 8), "ccomp+noun-source")
    assert find_cues(view(rows)) == []  # what a poll shows is a finding, not what someone said


def test_expletive_there_is_no_source() -> None:
    # "There followed a statement saying the bridge is closed ."  There <nsubj followed (as parsers often label it)
    # statement <dobj followed; saying <acl statement; closed <ccomp saying: the statement itself is the source
    rows = [
        ("There", 1, "nsubj", "PRON", "EX"), ("followed", 1, "ROOT", "VERB", "VBD", "follow"),
        ("a", 3, "det", "DET", "DT"), ("statement", 1, "dobj", "NOUN", "NN"),
        ("saying", 3, "acl", "VERB", "VBG", "say"),
        ("the", 6, "det", "DET", "DT"), ("bridge", 8, "nsubj", "NOUN", "NN"), ("is", 8, "cop", "AUX", "VBZ", "be"),
        ("closed", 4, "ccomp", "ADJ", "JJ"), (".", 1, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows))
    assert (cue.speaker, cue.rule) == (3, "ccomp+noun-source")


def test_noun_cue_with_a_clause_takes_its_possessor() -> None:
    # "The council 's statement that the bridge reopens surprised residents ."
    # council <poss statement; statement <nsubj surprised; reopens <acl statement; that <mark reopens
    rows = [
        ("The", 1, "det", "DET", "DT"), ("council", 3, "poss", "NOUN", "NN"), ("'s", 1, "case", "PART", "POS"),
        ("statement", 8, "nsubj", "NOUN", "NN"), ("that", 7, "mark", "SCONJ", "IN"), ("the", 6, "det", "DET", "DT"),
        ("bridge", 7, "nsubj", "NOUN", "NN"), ("reopens", 3, "acl", "VERB", "VBZ", "reopen"),
        ("surprised", 8, "ROOT", "VERB", "VBD", "surprise"), ("residents", 8, "dobj", "NOUN", "NNS"),
        (".", 8, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[1]))
    assert cue == Cue(3, 4, "writing", 1, (5, 8), "noun-clause")


def test_according_to_reports_the_rest_of_the_sentence() -> None:
    # "The road is closed , according to police ."  according <prep closed; to <prep according; police <pobj to
    rows = [
        ("The", 1, "det", "DET", "DT"), ("road", 3, "nsubj", "NOUN", "NN"), ("is", 3, "cop", "AUX", "VBZ", "be"),
        ("closed", 3, "ROOT", "ADJ", "JJ"), (",", 3, "punct", "PUNCT", ","),
        ("according", 3, "prep", "VERB", "VBG", "accord"), ("to", 5, "prep", "ADP", "IN"),
        ("police", 6, "pobj", "NOUN", "NNS"), (".", 3, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[3, 7]))
    assert cue == Cue(5, 7, "speech", 7, (0, 4), "according-to")


def test_label_colon_at_paragraph_start() -> None:
    # "PENCE: Well, we will see. \n\n Pence left."  PENCE ROOT with the colon; see ROOT of the answer; the article
    # names Pence (PERSON), so the label in capitals is his
    answer = [
        ("PENCE", 0, "ROOT", "PROPN", "NNP"), (":", 0, "punct", "PUNCT", ":"), ("Well", 6, "intj", "INTJ", "UH"),
        (",", 6, "punct", "PUNCT", ","), ("we", 6, "nsubj", "PRON", "PRP"), ("will", 6, "aux", "AUX", "MD"),
        ("see", 6, "ROOT", "VERB", "VB"), (".", 6, "punct", "PUNCT", "."),
    ]
    named = [("\n\n", 7, "dep", "SPACE", "_SP"), ("Pence", 10, "nsubj", "PROPN", "NNP"),
             ("left", 10, "ROOT", "VERB", "VBD", "leave"), (".", 10, "punct", "PUNCT", ".")]
    (cue,) = find_cues(view(answer + named, no_space_after=[0, 2, 6], ents=[(9, 10, "PERSON")]))
    assert cue == Cue(1, 2, "speech", 0, (2, 7), "label-colon")
    # A label in capitals naming no one the article names is a page's section label: "BONDS: Prices fell."
    assert find_cues(view(answer, no_space_after=[0, 2, 6])) == []
    # "Update: Roads are open again."  Update is no speaker: no entity, not all capitals, not a collective
    rows = [
        ("Update", 0, "ROOT", "NOUN", "NN"), (":", 0, "punct", "PUNCT", ":"), ("Roads", 3, "nsubj", "NOUN", "NNS"),
        ("are", 3, "ROOT", "AUX", "VBP", "be"), ("open", 3, "acomp", "ADJ", "JJ"), ("again", 3, "advmod", "ADV", "RB"),
        (".", 3, "punct", "PUNCT", "."),
    ]
    assert find_cues(view(rows, no_space_after=[0, 5])) == []


def test_headline_naming_one_person_labels_the_quotation_after_its_colon() -> None:
    # "Senator Ruiz grills port chief: 'You should resign'"  grills ROOT; Ruiz <nsubj grills; resign <parataxis
    rows = [
        ("Senator", 1, "compound", "PROPN", "NNP"), ("Ruiz", 2, "nsubj", "PROPN", "NNP"),
        ("grills", 2, "ROOT", "VERB", "VBZ", "grill"), ("port", 4, "compound", "NOUN", "NN"),
        ("chief", 2, "dobj", "NOUN", "NN"), (":", 2, "punct", "PUNCT", ":"), ("'", 9, "punct", "PUNCT", "``"),
        ("You", 9, "nsubj", "PRON", "PRP"), ("should", 9, "aux", "AUX", "MD"), ("resign", 2, "parataxis", "VERB", "VB"),
        ("'", 9, "punct", "PUNCT", "''"),
    ]
    v = view(rows, ents=[(1, 2, "PERSON")], no_space_after=[4, 6, 9])
    assert v.text == "Senator Ruiz grills port chief: 'You should resign'"
    (cue,) = find_cues(v)
    assert cue == Cue(5, 6, "speech", 1, (6, 11), "label-colon")  # five words: too long for a plain label


def test_asked_about_clause_is_the_reporters_question() -> None:
    # "Asked about the delay , Ruiz said it was regrettable ."  Asked/VBN <advcl said, with no subject of its own
    rows = [
        ("Asked", 6, "advcl", "VERB", "VBN", "ask"), ("about", 0, "prep", "ADP", "IN"), ("the", 3, "det", "DET", "DT"),
        ("delay", 1, "pobj", "NOUN", "NN"), (",", 6, "punct", "PUNCT", ","), ("Ruiz", 6, "nsubj", "PROPN", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), ("it", 9, "nsubj", "PRON", "PRP"),
        ("was", 9, "cop", "AUX", "VBD", "be"),
        ("regrettable", 6, "ccomp", "ADJ", "JJ"), (".", 6, "punct", "PUNCT", "."),
    ]
    cues = find_cues(view(rows, no_space_after=[3]))
    assert cues == [Cue(6, 7, "speech", 5, (7, 10), "ccomp+subject")]


def test_cue_verbs_inside_quotation_marks_are_not_cues() -> None:
    # '"They said no," Ruiz said.'  outer said ROOT; inner said <ccomp outer; They <nsubj inner said
    rows = [
        ('"', 7, "punct", "PUNCT", "``"), ("They", 2, "nsubj", "PRON", "PRP"),
        ("said", 7, "ccomp", "VERB", "VBD", "say"),
        ("no", 2, "intj", "INTJ", "UH"), (",", 2, "punct", "PUNCT", ","), ('"', 7, "punct", "PUNCT", "''"),
        ("Ruiz", 7, "nsubj", "PROPN", "NNP"), ("said", 7, "ROOT", "VERB", "VBD", "say"),
        (".", 7, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=[0, 3, 4, 7])
    assert v.text == '"They said no," Ruiz said.'
    assert find_cues(v) == [Cue(7, 8, "speech", 6, (1, 4), "ccomp+subject")]


def test_subject_inside_the_quotation_falls_back_to_the_word_before_the_cue() -> None:
    # '"It works," Jordan said.'  misparsed: It <nsubj said (inside the quote); works <ccomp said;
    # Jordan <npadvmod said
    rows = [
        ('"', 6, "punct", "PUNCT", "``"), ("It", 6, "nsubj", "PRON", "PRP"),
        ("works", 6, "ccomp", "VERB", "VBZ", "work"),
        (",", 2, "punct", "PUNCT", ","), ('"', 6, "punct", "PUNCT", "''"), ("Jordan", 6, "npadvmod", "PROPN", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[0, 2, 3, 6]))
    assert cue == Cue(6, 7, "speech", 5, (2, 3), "ccomp+word-before")


def test_thought_verbs_need_content_and_never_take_the_head_rule() -> None:
    # "Ruiz believes the road is closed ."  as RUIZ_SAID with believes: a thought cue
    believes = [*RUIZ_SAID[:1], ("believes", 1, "ROOT", "VERB", "VBZ", "believe"), *RUIZ_SAID[2:]]
    (cue,) = find_cues(view(believes), scope="attributions")
    assert (cue.kind, cue.content, cue.rule) == ("thought", (2, 6), "ccomp+subject")
    assert find_cues(view(believes)) == []  # a belief is no quotation
    # "The roads are clear , he thinks ."  thinks <parataxis are: "said" here would cue the clause, "thinks" does not
    rows = [
        ("The", 1, "det", "DET", "DT"), ("roads", 2, "nsubj", "NOUN", "NNS"), ("are", 2, "ROOT", "AUX", "VBP", "be"),
        ("clear", 2, "acomp", "ADJ", "JJ"), (",", 2, "punct", "PUNCT", ","), ("he", 6, "nsubj", "PRON", "PRP"),
        ("thinks", 2, "parataxis", "VERB", "VBZ", "think"), (".", 2, "punct", "PUNCT", "."),
    ]
    assert find_cues(view(rows, no_space_after=[3])) == []


def test_speech_verb_without_content_is_still_a_cue() -> None:
    # "Ruiz said so ."  so <advmod said: no ccomp, said is ROOT so no interrupted clause
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("so", 1, "advmod", "ADV", "RB"), (".", 1, "punct", "PUNCT", "."),
    ]
    assert find_cues(view(rows)) == [Cue(1, 2, "speech", 0, None, "verb+subject")]


def test_content_drops_a_trailing_conjunction_and_spans_a_conjoined_clause() -> None:
    # "Ruiz said the road is closed and left ."  and <cc closed (misattached); left <conj said, with no subject
    rows = [*RUIZ_SAID[:6], ("and", 5, "cc", "CCONJ", "CC"), ("left", 1, "conj", "VERB", "VBD", "leave"),
            (".", 1, "punct", "PUNCT", ".")]
    (cue,) = find_cues(view(rows))
    assert _words(rows, cue.content) == "the road is closed"
    # "Ruiz said the road is closed , but the bridge is open ."  open <conj said; bridge <nsubj open; but <cc said
    rows = [
        *RUIZ_SAID[:6], (",", 1, "punct", "PUNCT", ","), ("but", 1, "cc", "CCONJ", "CC"),
        ("the", 9, "det", "DET", "DT"),
        ("bridge", 11, "nsubj", "NOUN", "NN"), ("is", 11, "cop", "AUX", "VBZ", "be"), ("open", 1, "conj", "ADJ", "JJ"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[5]))
    assert _words(rows, cue.content) == "the road is closed , but the bridge is open"


def test_complements_on_both_sides_give_one_cue_each() -> None:
    # '"Roads are clear," she said, "bridges are open."'  are <ccomp said (twice); she <nsubj said
    rows = [
        ('"', 7, "punct", "PUNCT", "``"), ("Roads", 2, "nsubj", "NOUN", "NNS"), ("are", 7, "ccomp", "AUX", "VBP", "be"),
        ("clear", 2, "acomp", "ADJ", "JJ"), (",", 2, "punct", "PUNCT", ","), ('"', 7, "punct", "PUNCT", "''"),
        ("she", 7, "nsubj", "PRON", "PRP"), ("said", 7, "ROOT", "VERB", "VBD", "say"), (",", 7, "punct", "PUNCT", ","),
        ('"', 7, "punct", "PUNCT", "``"), ("bridges", 11, "nsubj", "NOUN", "NNS"),
        ("are", 7, "ccomp", "AUX", "VBP", "be"), ("open", 11, "acomp", "ADJ", "JJ"), (".", 11, "punct", "PUNCT", "."),
        ('"', 7, "punct", "PUNCT", "''"),
    ]
    cues = find_cues(view(rows, no_space_after=[0, 3, 4, 7, 9, 12, 13]))
    assert [(c.start, c.speaker, c.content, c.rule) for c in cues] == [
        (7, 6, (1, 4), "ccomp+subject"), (7, 6, (10, 13), "ccomp+subject")]


def test_frames_name_every_relation_with_its_content() -> None:
    # "Ruiz urged residents to leave ."  residents <dobj urged; leave <xcomp urged; to <aux leave
    urged = parse([
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("urged", 1, "ROOT", "VERB", "VBD", "urge"),
        ("residents", 1, "dobj", "NOUN", "NNS"), ("to", 4, "aux", "PART", "TO"), ("leave", 1, "xcomp", "VERB", "VB"),
        (".", 1, "punct", "PUNCT", "."),
    ])
    assert frames(urged[1]) == {"dobj": [(2, 3)], "xcomp": [(3, 5)]}
    # "Ruiz issued a statement ."  a cue noun as object is the medium, not the content
    issued = parse([
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("issued", 1, "ROOT", "VERB", "VBD", "issue"),
        ("a", 3, "det", "DET", "DT"), ("statement", 1, "dobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", "."),
    ])
    assert frames(issued[1]) == {}
    assert frames(parse(RUIZ_SAID)[1]) == {"ccomp": [(2, 6)]}


def test_source_of_and_source_class() -> None:
    # "The council's statement reached Jones, Acme and him on the bridge."  council <poss statement <nsubj reached;
    # Jones <dobj reached; Acme <conj Jones (an ORG); him <conj Acme; on <prep reached; bridge <pobj on
    doc = parse([
        ("The", 1, "det", "DET", "DT"), ("council", 3, "poss", "NOUN", "NN"), ("'s", 1, "case", "PART", "POS"),
        ("statement", 4, "nsubj", "NOUN", "NN"), ("reached", 4, "ROOT", "VERB", "VBD", "reach"),
        ("Jones", 4, "dobj", "PROPN", "NNP"), (",", 5, "punct", "PUNCT", ","), ("Acme", 5, "conj", "PROPN", "NNP"),
        ("and", 7, "cc", "CCONJ", "CC"), ("him", 7, "conj", "PRON", "PRP", "he"), ("on", 4, "prep", "ADP", "IN"),
        ("the", 12, "det", "DET", "DT"), ("bridge", 10, "pobj", "NOUN", "NN"), (".", 4, "punct", "PUNCT", "."),
    ], ents=[(7, 8, "ORG")], no_space_after=[1, 5, 12])
    assert doc.text == "The council's statement reached Jones, Acme and him on the bridge."
    assert source_of(doc[4]) == doc[3]  # a verb: its subject
    assert source_of(doc[3]) == doc[1]  # a noun: its possessor
    # council and statement are collectives (an organisation, a document); Jones a bare proper noun
    assert [source_class(doc[k]) for k in (1, 3, 5, 7, 9, 12)] == ["org", "org", "person", "org", "person", "other"]
    assert source_class(None) == "none"


def test_classifier_judges_the_words_it_knows() -> None:
    accepts = read_table("bias\t-2.0\nL=say|VERB\t0.0\nL=say|VERB|R=ccomp\t4.0\n")
    (cue,) = find_cues(view(RUIZ_SAID), classifier=accepts)
    assert cue == Cue(1, 2, "speech", 0, (2, 6), "learned:ccomp+subject")
    # a rejection removes the content; a speech verb from the lexicon still cues a quotation beside it
    rejects = read_table("bias\t-5.0\nL=say|VERB\t0.0\n")
    assert find_cues(view(RUIZ_SAID), classifier=rejects) == [Cue(1, 2, "speech", 0, None, "verb+subject")]


def test_classifier_adds_a_word_the_lexicon_lacks_with_its_preposition() -> None:
    # "Ruiz pushed for calm ."  for <prep pushed; calm <pobj for: "push" is no lexicon cue verb
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("pushed", 1, "ROOT", "VERB", "VBD", "push"),
        ("for", 1, "prep", "ADP", "IN"), ("calm", 2, "pobj", "NOUN", "NN"), (".", 1, "punct", "PUNCT", "."),
    ]
    assert find_cues(view(rows)) == []
    model = read_table("bias\t-2.0\nL=push|VERB\t0.0\nL=push|VERB|R=prep:for\t4.0\n")
    assert find_cues(view(rows), classifier=model, scope="attributions") == [
        Cue(1, 3, "other", 0, (3, 4), "learned:prep:for+subject")]
    assert find_cues(view(rows), classifier=model) == []  # a word the lexicon doesn't list is no quotation cue
    rejects = read_table("bias\t-5.0\nL=push|VERB\t0.0\n")
    assert find_cues(view(rows), classifier=rejects) == []  # not in the lexicon: nothing left to cue


def test_the_quotes_scope_drops_negated_and_declined_speech() -> None:
    # "Ruiz did not say the road is closed ."  not <neg say
    negated = [("Ruiz", 3, "nsubj", "PROPN", "NNP"), ("did", 3, "aux", "AUX", "VBD", "do"),
               ("not", 3, "neg", "PART", "RB"), ("say", 3, "ROOT", "VERB", "VB", "say"),
               *[(w, h + 2, *rest) for w, h, *rest in RUIZ_SAID[2:]]]
    assert find_cues(view(negated)) == []
    assert [c.rule for c in find_cues(view(negated), scope="attributions")] == ["ccomp+subject"]
    # "Ruiz declined to say whether the road is closed ."  say <xcomp declined
    declined = [("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("declined", 1, "ROOT", "VERB", "VBD", "decline"),
                ("to", 3, "aux", "PART", "TO"), ("say", 1, "xcomp", "VERB", "VB", "say"),
                ("whether", 8, "mark", "SCONJ", "IN"), ("the", 6, "det", "DET", "DT"),
                ("road", 8, "nsubj", "NOUN", "NN"), ("is", 8, "cop", "AUX", "VBZ", "be"),
                ("closed", 3, "ccomp", "ADJ", "JJ"), (".", 1, "punct", "PUNCT", ".")]
    assert find_cues(view(declined)) == []


def test_the_writer_is_no_source_in_the_quotes_scope() -> None:
    # "I said the road is closed ."  as RUIZ_SAID with "I" as the subject
    rows = [("I", 1, "nsubj", "PRON", "PRP", "I"), *RUIZ_SAID[1:]]
    assert find_cues(view(rows)) == []
    assert len(find_cues(view(rows), scope="attributions")) == 1


def test_a_dateline_subject_gives_way_to_the_noun_under_it() -> None:
    # "WASHINGTON -- President Obama said the road is closed ."  WASHINGTON <nsubj said; Obama <appos WASHINGTON
    rows = [("WASHINGTON", 4, "nsubj", "PROPN", "NNP"), ("--", 0, "punct", "PUNCT", ":"),
            ("President", 3, "compound", "PROPN", "NNP"), ("Obama", 0, "appos", "PROPN", "NNP"),
            ("said", 4, "ROOT", "VERB", "VBD", "say"),
            *[(w, h + 3, *rest) for w, h, *rest in RUIZ_SAID[2:]]]
    (cue,) = find_cues(view(rows))
    assert cue.speaker == 3  # Obama, not the dateline's WASHINGTON


def test_a_name_between_a_quotation_and_its_cue_is_the_source_whatever_the_parse_hung_it_as() -> None:
    # '" We won , " DeBoer said .'  won <ccomp said; DeBoer <aux said (a misparse: no subject)
    rows = [
        ('"', 6, "punct", "PUNCT", "``"), ("We", 2, "nsubj", "PRON", "PRP"), ("won", 6, "ccomp", "VERB", "VBD", "win"),
        (",", 6, "punct", "PUNCT", ","), ('"', 6, "punct", "PUNCT", "''"), ("DeBoer", 6, "aux", "AUX", "NNP"),
        ("said", 6, "ROOT", "VERB", "VBD", "say"), (".", 6, "punct", "PUNCT", "."),
    ]
    (cue,) = find_cues(view(rows, no_space_after=[0, 2]))
    assert (cue.speaker, cue.rule) == (5, "ccomp+placed-subject")
    rows[4] = ("again", 6, "advmod", "ADV", "RB")  # no quotation or comma before it: no source by place
    assert all(cue.speaker != 5 for cue in find_cues(view(rows, no_space_after=[0, 2])))

