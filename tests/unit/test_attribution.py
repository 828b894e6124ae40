"""Pairing quotations and reported content with cues, on hand-built parses (no trained pipeline).

Rows are (word, head, dep, pos, tag, lemma); heads are absolute token indices and a ROOT is its own head.
A "\\n" token separates paragraphs.
"""

from __future__ import annotations

from parses import view

from quotewise.engine.attribution import Draft, attribute
from quotewise.engine.cues import Cue, find_cues
from quotewise.engine.text_view import TextView


def _nl(head: int) -> tuple[str, ...]:
    """A paragraph break, hung on `head`."""
    return ("\n", head, "dep", "SPACE", "_SP")


# '"The roads are clear," she said.'  two sentences: are ROOT of the quotation; said ROOT, she <nsubj, no content
QUOTE_THEN_CUE = [
    ('"', 3, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"), ("roads", 3, "nsubj", "NOUN", "NNS"),
    ("are", 3, "ROOT", "AUX", "VBP", "be"), ("clear", 3, "acomp", "ADJ", "JJ"), (",", 3, "punct", "PUNCT", ","),
    ('"', 3, "punct", "PUNCT", "''"), ("she", 8, "nsubj", "PRON", "PRP"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
    (".", 8, "punct", "PUNCT", "."),
]
QUOTE_THEN_CUE_GLUED = [0, 4, 5, 8]


def _paragraph(start: int, words: str, quoted: bool = False) -> tuple[list[tuple], list[int]]:
    """A cue-less paragraph from token `start`: a newline, the words (pos X) flat under the first, a full stop.

    With `quoted` the paragraph is one quotation. Returns the rows and the indices glued to the next token.
    """
    tokens = ["\n", *(['"'] if quoted else []), *words.split(), ".", *(['"'] if quoted else [])]
    root = start + 1 + quoted
    rows = [_nl(start - 1)] + [
        (w, root, "ROOT" if start + k == root else "punct" if w in '."' else "dep", "PUNCT" if w in '."' else "X")
        for k, w in enumerate(tokens) if k > 0]
    n = len(tokens)
    glued = [start + 1, start + n - 3, start + n - 2] if quoted else [start + n - 2]
    return rows, glued


def _drafts(v: TextView, scope: str = "quotes") -> list[Draft]:
    return attribute(v, find_cues(v, scope=scope))


def _said(v: TextView, d: Draft) -> tuple[str, str, str]:
    return d.type, d.rule, v.text[d.start:d.end]


def test_content_wholly_inside_quotation_marks_is_direct_with_the_cue_rule() -> None:
    # '"The roads are clear," she said.'  are <ccomp said, the marks <punct said: the parsed content is the quotation
    rows = [
        ('"', 8, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"), ("roads", 3, "nsubj", "NOUN", "NNS"),
        ("are", 8, "ccomp", "AUX", "VBP", "be"), ("clear", 3, "acomp", "ADJ", "JJ"), (",", 3, "punct", "PUNCT", ","),
        ('"', 8, "punct", "PUNCT", "''"), ("she", 8, "nsubj", "PRON", "PRP"),
        ("said", 8, "ROOT", "VERB", "VBD", "say"), (".", 8, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=QUOTE_THEN_CUE_GLUED)
    assert v.text == '"The roads are clear," she said.'
    (cue,) = find_cues(v)
    (draft,) = attribute(v, [cue])
    assert _said(v, draft) == ("direct", "ccomp+subject", "The roads are clear,")
    assert draft.cue is cue and draft.source is None


def test_content_partly_quoted_is_mixed() -> None:
    # 'Ruiz said the road was "completely closed".'  closed <ccomp said; the marks, was, road <- closed
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), ("the", 3, "det", "DET", "DT"),
        ("road", 7, "nsubj", "NOUN", "NN"), ("was", 7, "cop", "AUX", "VBD", "be"), ('"', 7, "punct", "PUNCT", "``"),
        ("completely", 7, "advmod", "ADV", "RB"), ("closed", 1, "ccomp", "ADJ", "JJ"), ('"', 7, "punct", "PUNCT", "''"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=[5, 7, 8])
    assert v.text == 'Ruiz said the road was "completely closed".'
    (draft,) = _drafts(v)
    assert _said(v, draft) == ("mixed", "ccomp+subject+quoted-fragment", 'the road was "completely closed"')
    assert draft.cue is not None and draft.cue.speaker == 0


def test_content_without_quotation_marks_is_indirect() -> None:
    # "Ruiz said the road is closed ."  closed <ccomp said
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), ("the", 3, "det", "DET", "DT"),
        ("road", 5, "nsubj", "NOUN", "NN"), ("is", 5, "cop", "AUX", "VBZ", "be"), ("closed", 1, "ccomp", "ADJ", "JJ"),
        (".", 1, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=[5])
    assert [_said(v, d) for d in _drafts(v)] == [("indirect", "ccomp+subject", "the road is closed")]


def test_cue_right_after_the_closing_mark() -> None:
    # QUOTE_THEN_CUE: '"The roads are clear," she said.' with said a content-less root
    v = view(QUOTE_THEN_CUE, no_space_after=QUOTE_THEN_CUE_GLUED)
    (draft,) = _drafts(v)
    assert _said(v, draft) == ("direct", "cue-after-quote", "The roads are clear,")
    assert draft.cue == Cue(8, 9, "speech", 7, None, "verb+subject")


def test_cue_right_before_the_opening_mark() -> None:
    # 'She said, "The roads are clear."'  said ROOT with She <nsubj; the quotation a sentence of its own (are ROOT)
    rows = [
        ("She", 1, "nsubj", "PRON", "PRP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), (",", 1, "punct", "PUNCT", ","),
        ('"', 6, "punct", "PUNCT", "``"), ("The", 5, "det", "DET", "DT"), ("roads", 6, "nsubj", "NOUN", "NNS"),
        ("are", 6, "ROOT", "AUX", "VBP", "be"), ("clear", 6, "acomp", "ADJ", "JJ"), (".", 6, "punct", "PUNCT", "."),
        ('"', 6, "punct", "PUNCT", "''"),
    ]
    v = view(rows, no_space_after=[1, 3, 7, 8])
    assert v.text == 'She said, "The roads are clear."'
    (draft,) = _drafts(v)
    assert _said(v, draft) == ("direct", "cue-before-quote", "The roads are clear.")
    assert draft.cue is not None and draft.cue.start == 1


def test_cue_ending_a_paragraph_in_a_colon_introduces_the_block_quote_after_it() -> None:
    # 'Ruiz said:\n"The roads are clear, and the bridges are open."'  said ROOT; are ROOT of the quoted paragraph
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
        (":", 1, "punct", "PUNCT", ":"),
        _nl(1), ('"', 7, "punct", "PUNCT", "``"), ("The", 6, "det", "DET", "DT"), ("roads", 7, "nsubj", "NOUN", "NNS"),
        ("are", 7, "ROOT", "AUX", "VBP", "be"), ("clear", 7, "acomp", "ADJ", "JJ"), (",", 7, "punct", "PUNCT", ","),
        ("and", 7, "cc", "CCONJ", "CC"), ("the", 12, "det", "DET", "DT"), ("bridges", 13, "nsubj", "NOUN", "NNS"),
        ("are", 7, "conj", "AUX", "VBP", "be"), ("open", 13, "acomp", "ADJ", "JJ"), (".", 7, "punct", "PUNCT", "."),
        ('"', 7, "punct", "PUNCT", "''"),
    ]
    v = view(rows, ents=[(0, 1, "PERSON")], no_space_after=[1, 4, 8, 14, 15])
    assert v.text == 'Ruiz said:\n"The roads are clear, and the bridges are open."'
    (draft,) = _drafts(v)  # the colon labels nothing: its paragraph ends right after it
    assert _said(v, draft) == ("direct", "cue-before-block-quote", "The roads are clear, and the bridges are open.")
    assert draft.cue is not None and draft.cue.start == 1


def test_quotation_reopened_over_paragraphs_is_one_quotation() -> None:
    # 'She said, "The roads are clear.\n"The bridges are open too."'  left open, reopened: one quotation group
    rows = [
        ("She", 1, "nsubj", "PRON", "PRP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), (",", 1, "punct", "PUNCT", ","),
        ('"', 6, "punct", "PUNCT", "``"), ("The", 5, "det", "DET", "DT"), ("roads", 6, "nsubj", "NOUN", "NNS"),
        ("are", 6, "ROOT", "AUX", "VBP", "be"), ("clear", 6, "acomp", "ADJ", "JJ"), (".", 6, "punct", "PUNCT", "."),
        _nl(6), ('"', 13, "punct", "PUNCT", "``"), ("The", 12, "det", "DET", "DT"),
        ("bridges", 13, "nsubj", "NOUN", "NNS"), ("are", 13, "ROOT", "AUX", "VBP", "be"),
        ("open", 13, "acomp", "ADJ", "JJ"), ("too", 13, "advmod", "ADV", "RB"), (".", 13, "punct", "PUNCT", "."),
        ('"', 13, "punct", "PUNCT", "''"),
    ]
    v = view(rows, no_space_after=[1, 3, 7, 10, 15, 16])
    assert v.text == 'She said, "The roads are clear.\n"The bridges are open too."'
    lead, later = _drafts(v)
    assert _said(v, lead) == ("direct", "cue-before-quote", "The roads are clear.")
    assert _said(v, later) == ("direct", "same-quotation", "The bridges are open too.")
    assert later.source is lead and later.cue is lead.cue


def test_cueless_quotation_opening_a_paragraph_continues_the_previous_attribution() -> None:
    # QUOTE_THEN_CUE, then '\n"The bridges are open too."' (flat, no cue)
    more, glued = _paragraph(10, "The bridges are open too", quoted=True)
    v = view(QUOTE_THEN_CUE + more, no_space_after=QUOTE_THEN_CUE_GLUED + glued)
    assert v.text == '"The roads are clear," she said.\n"The bridges are open too."'
    first, second = _drafts(v)
    assert _said(v, second) == ("direct", "continues-previous", "The bridges are open too.")
    assert second.source is first and second.cue is first.cue


def test_continuing_an_attribution_reaches_back_two_paragraphs_only() -> None:
    # QUOTE_THEN_CUE, one or two prose paragraphs, then a cue-less quotation paragraph
    for prose, rule in ((1, "continues-previous"), (2, "unattributed-quote")):
        rows, glued = list(QUOTE_THEN_CUE), list(QUOTE_THEN_CUE_GLUED)
        for words in ["Traffic moved slowly", "Crews worked overnight"][:prose]:
            more, more_glued = _paragraph(len(rows), words)
            rows, glued = rows + more, glued + more_glued
        more, more_glued = _paragraph(len(rows), "The bridges are open too", quoted=True)
        v = view(rows + more, no_space_after=glued + more_glued)
        assert v.text.count("\n") == prose + 1
        last = _drafts(v)[-1]
        assert (last.rule, v.text[last.start:last.end]) == (rule, "The bridges are open too.")
        assert (last.cue is None) == (rule == "unattributed-quote")


def test_quotation_with_no_cue_and_nothing_before_is_unattributed() -> None:
    # '"The bridges are open too."'  flat under are, no cue word
    words = ['"', "The", "bridges", "are", "open", "too", ".", '"']
    rows = [(w, 3, "ROOT" if k == 3 else "dep", "PUNCT" if w in '."' else "X") for k, w in enumerate(words)]
    v = view(rows, no_space_after=[0, 5, 6])
    assert v.text == '"The bridges are open too."'
    assert [(d.type, d.rule, d.cue) for d in _drafts(v)] == [("direct", "unattributed-quote", None)]


def test_short_quotations_with_no_cue_are_scare_quotes() -> None:
    # '"Not again." Crews applied a "temporary fix".'  flat, no cue word: both fewer than four words
    words = ['"', "Not", "again", ".", '"', "Crews", "applied", "a", '"', "temporary", "fix", '"', "."]
    rows = [(w, 1, "ROOT" if k == 1 else "dep", "PUNCT" if w in '."' else "X") for k, w in enumerate(words)]
    v = view(rows, no_space_after=[0, 2, 3, 8, 10, 11])
    assert v.text == '"Not again." Crews applied a "temporary fix".'
    assert len(v.quotes) == 2
    assert _drafts(v) == []


def test_cue_with_its_own_content_takes_a_quotation_before_it_only_after_a_comma() -> None:
    # '"The roads are clear." She said the bridge is open.'  quotation flat under are; open <ccomp said
    rows = [
        ('"', 3, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"), ("roads", 3, "nsubj", "NOUN", "NNS"),
        ("are", 3, "ROOT", "AUX", "VBP", "be"), ("clear", 3, "acomp", "ADJ", "JJ"), (".", 3, "punct", "PUNCT", "."),
        ('"', 3, "punct", "PUNCT", "''"), ("She", 8, "nsubj", "PRON", "PRP"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
        ("the", 10, "det", "DET", "DT"), ("bridge", 12, "nsubj", "NOUN", "NN"), ("is", 12, "cop", "AUX", "VBZ", "be"),
        ("open", 8, "ccomp", "ADJ", "JJ"), (".", 8, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=[0, 4, 5, 12])
    assert v.text == '"The roads are clear." She said the bridge is open.'
    assert [_said(v, d) for d in _drafts(v)] == [
        ("direct", "unattributed-quote", "The roads are clear."), ("indirect", "ccomp+subject", "the bridge is open")]


def test_thought_cue_does_not_claim_a_quotation_beside_it() -> None:
    # '"The roads are clear," she said.' with the cue given as a content-less thought cue
    v = view(QUOTE_THEN_CUE, no_space_after=QUOTE_THEN_CUE_GLUED)
    thought = Cue(8, 9, "thought", 7, None, "verb+subject")
    assert [(d.rule, d.cue) for d in attribute(v, [thought])] == [("unattributed-quote", None)]
    speech = Cue(8, 9, "speech", 7, None, "verb+subject")
    assert [(d.rule, d.cue) for d in attribute(v, [speech])] == [("cue-after-quote", speech)]


# '"The roads are clear," she said, "and the bridges are open."'  are <ccomp said on each side; she <nsubj said
SPLIT = [
    ('"', 8, "punct", "PUNCT", "``"), ("The", 2, "det", "DET", "DT"), ("roads", 3, "nsubj", "NOUN", "NNS"),
    ("are", 8, "ccomp", "AUX", "VBP", "be"), ("clear", 3, "acomp", "ADJ", "JJ"), (",", 3, "punct", "PUNCT", ","),
    ('"', 8, "punct", "PUNCT", "''"), ("she", 8, "nsubj", "PRON", "PRP"), ("said", 8, "ROOT", "VERB", "VBD", "say"),
    (",", 8, "punct", "PUNCT", ","), ('"', 8, "punct", "PUNCT", "``"), ("and", 14, "cc", "CCONJ", "CC"),
    ("the", 13, "det", "DET", "DT"), ("bridges", 14, "nsubj", "NOUN", "NNS"), ("are", 8, "ccomp", "AUX", "VBP", "be"),
    ("open", 14, "acomp", "ADJ", "JJ"), (".", 14, "punct", "PUNCT", "."), ('"', 8, "punct", "PUNCT", "''"),
]


def test_split_quotation_around_its_cue_is_one_draft_in_two_parts() -> None:
    # SPLIT: one cue per side, each content wholly quoted, one draft
    v = view(SPLIT, no_space_after=[0, 4, 5, 8, 10, 15, 16])
    assert v.text == '"The roads are clear," she said, "and the bridges are open."'
    (draft,) = _drafts(v)
    assert _said(v, draft)[:2] == ("direct", "ccomp+subject+split-quotation")
    assert [v.text[s:e] for s, e in draft.parts] == ["The roads are clear,", "and the bridges are open."]
    assert (draft.start, draft.end) == (draft.parts[0][0], draft.parts[1][1])


def test_split_quotation_is_not_merged_across_another_cue() -> None:
    # '"The roads are clear," she said, adding, "the bridges are open."'  as SPLIT, adding <advcl said between
    rows = [
        *SPLIT[:10], ("adding", 8, "advcl", "VERB", "VBG", "add"), (",", 8, "punct", "PUNCT", ","),
        ('"', 8, "punct", "PUNCT", "``"), ("the", 14, "det", "DET", "DT"), ("bridges", 15, "nsubj", "NOUN", "NNS"),
        ("are", 8, "ccomp", "AUX", "VBP", "be"), ("open", 15, "acomp", "ADJ", "JJ"), (".", 15, "punct", "PUNCT", "."),
        ('"', 8, "punct", "PUNCT", "''"),
    ]
    v = view(rows, no_space_after=[0, 4, 5, 8, 10, 12, 16, 17])
    assert v.text == '"The roads are clear," she said, adding, "the bridges are open."'
    assert [_said(v, d) for d in _drafts(v)] == [
        ("direct", "ccomp+subject", "The roads are clear,"), ("direct", "ccomp+subject", "the bridges are open.")]


def test_reported_speech_inside_reported_speech_keeps_the_outer_attribution() -> None:
    # "Ruiz said the report found the road was closed ."  found <ccomp said; closed <ccomp found; report <nsubj found
    rows = [
        ("Ruiz", 1, "nsubj", "PROPN", "NNP"), ("said", 1, "ROOT", "VERB", "VBD", "say"), ("the", 3, "det", "DET", "DT"),
        ("report", 4, "nsubj", "NOUN", "NN"), ("found", 1, "ccomp", "VERB", "VBD", "find"),
        ("the", 6, "det", "DET", "DT"), ("road", 8, "nsubj", "NOUN", "NN"), ("was", 8, "cop", "AUX", "VBD", "be"),
        ("closed", 4, "ccomp", "ADJ", "JJ"), (".", 1, "punct", "PUNCT", "."),
    ]
    v = view(rows, no_space_after=[8])
    assert [c.start for c in find_cues(v, scope="attributions")] == [1, 4]
    (draft,) = _drafts(v, "attributions")
    assert _said(v, draft) == ("indirect", "ccomp+subject", "the report found the road was closed")
    assert draft.cue is not None and draft.cue.start == 1
