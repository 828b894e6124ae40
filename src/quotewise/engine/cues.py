"""Reporting expressions on the dependency parse: the cue, its source and what it reports.

A cue is a verb from the lexicon ("said", "told", "warned"), the phrase "according to", or a
noun such as "statement" that a verb or possessive ties to a source. For each we look for the
source (the grammatical subject, or the subject the cue inherits from the verb it hangs on)
and the reported content (the clausal complement, or the clause the cue interrupts).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .cue_classifier import CueClassifier
from .quotes import CLOSING_MARKS, OPENING_MARKS
from .syntax import SUBJECT_DEPS
from .text_view import TextView

# Dependents that hang a participial cue on the verb whose subject it shares: "issued a statement, saying".
_INHERITING_DEPS = ("advcl", "xcomp", "conj", "acl", "pcomp", "prep")  # prep: "was quoted as saying"
_CONTENT_DEPS = ("ccomp",)
_SKIP_LEADING = {",", ":", "-", "—", "–"}
_MAX_LABEL_TOKENS = 4
_MAX_HEADLINE_TOKENS = 12
SAID_KINDS = frozenset({"speech", "writing"})  # the cue kinds of what a source said or wrote (lexicon.speech_verbs)


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting expression found in the parse (token offsets, end exclusive)."""

    start: int
    end: int
    kind: str  # a CueKind: speech, writing, thought, perception, finding, action or other
    speaker: int | None  # token index of the head of the source mention
    content: tuple[int, int] | None  # token range of the reported content
    rule: str
    relation: str = field(default="", compare=False)  # how the content hangs on the cue: ccomp, dobj, prep:about


def _is_mark(token: Token) -> bool:
    return all(ch in OPENING_MARKS or ch in CLOSING_MARKS for ch in token.text)


def _subject(verb: Token) -> Token | None:
    """The verb's subject. A quotation mark the parser made one (an unusual mark such as `’’`) is none; of two
    subjects (`"The classes filled up," said Lena Marsh`, a misparse) the one no quotation mark parts from the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not _is_mark(c)]
    if len(subjects) > 1:
        doc = verb.doc
        subjects = [c for c in subjects if not any(
            _is_mark(t) for t in doc[min(c.i, verb.i) + 1:max(c.i, verb.i)])] or subjects
    if not subjects:
        return None
    return None if subjects[0].lower_ in lexicon.expletives() else subjects[0]


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _placed_subject(verb: Token) -> Token | None:
    """ '"...," DeBoer said': a name right between a quotation (or a comma) and the cue verb, which the parser
    hung on the verb as something else (an auxiliary). Its place says it is the subject."""
    if verb.i == 0 or _subject(verb) is not None:
        return None
    name = verb.doc[verb.i - 1]
    if name.head.i != verb.i or name.tag_ not in ("NNP", "NNPS") or not name.text[:1].isupper():
        return None
    start = name.left_edge.i
    before = verb.doc[start - 1] if start > 0 else None
    return name if before is not None and (before.text in CLOSING_MARKS or before.text == ",") else None


def _inherited_subject(verb: Token, hops: int = 3) -> tuple[Token | None, str]:
    """The source of a cue verb: its own subject, a passive agent, or the subject of the verb it hangs on."""
    subject = _subject(verb)
    if subject is not None and not any(c.dep_ == "auxpass" for c in verb.children):
        return subject, "subject"
    agent = _passive_agent(verb)
    if agent is not None:
        return agent, "agent"
    placed = _placed_subject(verb)
    if placed is not None:
        return placed, "placed-subject"
    node = verb
    for _ in range(hops):
        if node.dep_ not in _INHERITING_DEPS or node.head.i == node.i:
            break
        head = node.head
        if head.pos_ in ("NOUN", "PROPN"):
            # "X's statement saying ...": the owner; "X issued a statement saying ...": who issued it;
            # "a poll showing ...": the poll itself.
            owner = _noun_owner(head) if head.lemma_.lower() in lexicon.cue_nouns() else None
            owner = owner or next((c for c in head.children if c.dep_ == "poss"), None)
            return (owner, "possessor") if owner is not None else (head, "noun-source")
        subject = _subject(head)
        reporter = head.head if head.dep_ == "ccomp" and head.head.i != head.i else None
        if (subject is not None and reporter is not None and verb.tag_ == "VBG" and node is verb
                and reporter.lemma_.lower() in lexicon.speech_verbs() and _subject(reporter) is not None):
            # "Wilkinson said the message from voters is that ..., noting that ...": the parser hung the participle
            # on what was said; the one noting is the one who said it.
            return _subject(reporter), "inherited-subject"
        if subject is not None:
            return subject, "inherited-subject"
        node = head
    return None, ""


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].lower_ in _SKIP_LEADING or doc[start].is_space or doc[start].dep_ == "mark"):
        start += 1
    while end > start and ((doc[end - 1].is_punct and doc[end - 1].text not in "\"'”’)]") or doc[end - 1].is_space):
        end -= 1
    while end > start and doc[end - 1].lower_ in lexicon.conjunctions():
        end -= 1
    return (start, end) if end > start else None


def _subtree_range(token: Token) -> tuple[int, int]:
    return token.left_edge.i, token.right_edge.i + 1


def _complements(verb: Token) -> list[tuple[int, int]]:
    """Clausal complements: one content per side of the cue (`"X," she said, "Y."`).

    "He said X, but Y" extends the content over Y; "X, he said, but Y" reports Y separately.
    """
    doc = verb.doc
    complements = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    if not complements:
        return []
    ranges = []
    for side in ([c for c in complements if c.i < verb.i], [c for c in complements if c.i > verb.i]):
        if side:
            ranges.append([min(c.left_edge.i for c in side), max(c.right_edge.i for c in side) + 1])
    for conj in verb.rights:
        if (conj.dep_ == "conj" and conj.i > ranges[-1][1] and _subject(conj) is not None
                and not any(t.lemma_.lower() in lexicon.cue_verbs() and _subject(t) is not None for t in conj.subtree)):
            if ranges[-1][0] > verb.i:
                ranges[-1][1] = conj.right_edge.i + 1
            else:
                ranges.append([conj.left_edge.i, conj.right_edge.i + 1])
    return [r for r in (_trim(doc, start, end) for start, end in ranges) if r]


def _interrupted_clause(verb: Token) -> tuple[int, int] | None:
    """ "The roads are clear, he said." parsed with the cue under the content: the head's clause minus the cue."""
    doc = verb.doc
    head = verb.head
    if head.i == verb.i:
        return None
    c_start, c_end = _subtree_range(verb)
    subject = _subject(verb)
    if subject is not None:
        c_start = min(c_start, subject.left_edge.i)
    comma_before = c_start > 0 and doc[c_start - 1].is_punct
    if verb.dep_ == "parataxis" or (verb.dep_ in ("ccomp", "advcl") and head.i < c_start and comma_before):
        h_start, h_end = _subtree_range(head)
        side = (h_start, c_start) if head.i < c_start else (c_end, h_end)
        if side[1] - side[0] >= 3:
            return _trim(doc, *side)
    return None


def frames(token: Token) -> dict[str, list[tuple[int, int]]]:
    """Every way this word could govern reported content, by relation name, with the content's token ranges.

    The hand-written rules use "ccomp", "head" and "clause"; the learned cue classifier weighs all of them.
    """
    doc = token.doc
    found: dict[str, list[tuple[int, int]]] = {}
    complements = _complements(token)
    if complements:
        found["ccomp"] = complements
    elif token.pos_ == "VERB":
        clause = _interrupted_clause(token)
        if clause:
            found["head"] = [clause]
    for child in token.children:
        relation = None
        target = child
        if child.dep_ == "xcomp" or (child.dep_ == "dobj" and child.lemma_.lower() not in lexicon.cue_nouns()):
            relation = child.dep_  # "issued a statement": the statement is the medium, not what was said
        elif (child.dep_ in ("acl", "appos") and child.pos_ in ("VERB", "AUX") and token.pos_ == "NOUN"
              and child.lemma_.lower() not in lexicon.cue_verbs()):
            relation = "clause"  # "the claim that ..."; in "a statement saying ..." the verb is the cue
        elif child.dep_ == "prep" and child.i > token.i:
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            relation = f"prep:{child.lower_}" if target is not None else None
        if relation and target is not None and relation not in found:
            content = _trim(doc, *_subtree_range(target))
            if content:
                found[relation] = [content]
    return found


def _cue_end(token: Token, relation: str) -> int:
    """Particles and a governing preposition belong to the cue: "pointed out", "called for"."""
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == token.i:
        end += 1
    if relation.startswith("prep:") and end < len(doc) and doc[end].lower_ == relation[5:]:
        end += 1
    return end


def _noun_before(verb: Token, view: TextView) -> Token | None:
    """ "..., Tulsa police Chief Chuck Jordan said Monday." misparsed: the name just before the verb."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("advmod", "aux", "neg") and verb.doc[i].pos_ in ("ADV", "AUX", "PART"):
        i -= 1
    if i < 0 or view.quoted(verb.doc[i].idx) or verb.doc[i].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return verb.doc[i]


def _outside_furniture(subject: Token, verb: Token, view: TextView) -> Token | None:
    """The highest noun of the subject's phrase that is article text, before the verb."""
    nouns = [t for t in subject.subtree if t.i < verb.i and not view.furniture(t.idx)
             and t.pos_ in ("PROPN", "NOUN", "PRON")]
    chosen = {t.i for t in nouns}
    return next((t for t in nouns if t.head.i not in chosen), None)


def _verb_cues(token: Token, kind: str, found: dict[str, list[tuple[int, int]]], learned: str | None,
               view: TextView) -> list[Cue]:
    """Cues of one verb: the learned relation when the classifier knows the verb, else the rules' ccomp/head."""
    speaker, how = _inherited_subject(token)
    if speaker is not None and view.furniture(speaker.idx):
        # A dateline taken for the subject ("WASHINGTON -- President Obama ... said"): the noun under it.
        speaker = _outside_furniture(speaker, token, view)
    if speaker is None or view.quoted(speaker.idx):
        # A source inside the quotation is the quotation's own subject: look just before the verb instead.
        speaker, how = _noun_before(token, view), "word-before"
    if speaker is None:
        return []
    relation = learned or next((r for r in ("ccomp", "head") if r in found and not (
        r == "head" and kind == "thought")), "")
    contents = found.get(relation, [])
    if kind == "thought" and not contents:
        return []
    rule = f"{'learned:' if learned else ''}{relation or 'verb'}+{how}"
    return [Cue(token.i, _cue_end(token, relation), kind, speaker.i, content, rule, relation)
            for content in contents or [None]]


def _according_to(token: Token) -> Cue | None:
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    phrase_start, phrase_end = _subtree_range(token)
    phrase_end = max(phrase_end, source.right_edge.i + 1)
    sent = token.sent
    # The content is the rest of the sentence around the "according to" phrase.
    left, right = (sent.start, phrase_start), (phrase_end, sent.end)
    side = left if left[1] - left[0] > right[1] - right[0] else right
    content = _trim(doc, *side)
    return Cue(token.i, token.i + 2, "speech", source.i, content, "according-to")


def _noun_owner(token: Token) -> Token | None:
    """Whose statement: "Trump's statement", or the subject of "issued a statement"."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is None and token.head.pos_ == "VERB":
        owner = _subject(token.head)
    if owner is None and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
        owner = _subject(token.head.head)  # "the mayor said in a statement that ...": the mayor's statement
    return owner


def source_of(token: Token) -> Token | None:
    """The source a cue word would report: a verb's (inherited) subject, a noun's owner."""
    return _inherited_subject(token)[0] if token.pos_ == "VERB" else _noun_owner(token)


def source_class(source: Token | None) -> str:
    """A coarse kind of source, the context the learned cue classifier conditions on."""
    if source is None:
        return "none"
    if (source.ent_type_ == "PERSON" or source.lower_ in lexicon.pronouns()
            or source.lower_ in lexicon.person_pronouns()):
        return "person"
    if source.ent_type_ in ("ORG", "NORP", "GPE") or source.lemma_.lower() in lexicon.collectives():
        return "org"
    if source.pos_ == "PROPN":
        return "person"
    return "other"


def _noun_cue(token: Token, kind: str, found: dict[str, list[tuple[int, int]]], relation: str) -> Cue | None:
    """ "X's statement that ...", "a report released Tuesday found ..." """
    if relation not in found:
        return None
    owner = _noun_owner(token)
    learned = "learned:" if relation != "clause" else ""
    return Cue(token.i, _cue_end(token, relation), kind, owner.i if owner is not None else None,
               found[relation][0], f"{learned}noun-{relation}", relation)


def _named_in_capitals(label: Span) -> bool:
    """ "PENCE:" in a transcript is the person the article names "Pence"; "BONDS:", "WATCH BELOW:" are a page's
    section labels."""
    return label.text.isupper() and any(
        t.lower_ == label[-1].lower_ and t.ent_type_ == "PERSON" and not t.text.isupper() for t in label.doc)


def _label_colon(colon: Token, view: TextView) -> Cue | None:
    """A speaker label opening a paragraph, in transcripts and headlines: "PENCE: Well, ...", "Poll: Voters ...".

    A longer headline that names one person (or else one organisation) and ends in a colon and a quotation
    ("Senator Ruiz grills port chief: 'You should resign'") labels that quotation with the one it names.
    """
    doc = colon.doc
    start = next((i for i in range(colon.i - 1, max(-1, colon.i - 1 - _MAX_HEADLINE_TOKENS), -1)
                  if view.starts_paragraph(i)), None)
    if start is None or start == colon.i:
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end].text:
        end += 1
    content = _trim(doc, colon.i + 1, end)
    if content is None or content[1] - content[0] < 3:
        return None
    label = doc[start:colon.i]
    head = _label_speaker(label) if _wholly_quoted(doc[content[0]:content[1]]) else None
    if head is None and len(label) <= _MAX_LABEL_TOKENS and label[0].text[:1].isupper() and all(
            t.is_alpha or t.text == "." for t in label):
        head = label[-1]
        if not (any(t.ent_type_ in ("PERSON", "ORG") for t in label) or _named_in_capitals(label)
                or head.lemma_.lower() in lexicon.collectives()):
            return None
    if head is None:
        return None
    return Cue(colon.i, colon.i + 1, "speech", head.i, content, "label-colon")


def _embedded_posts(view: TextView) -> list[Cue]:
    """ "Damage is unprecedented ... pic.twitter.com/W0Ik — BC Hydro (@bchydro) December 22, 2018": a post embedded in
    the page, which the scraper flattened into a paragraph; its author wrote the text. The dash before the
    signature stands as the cue (`embedded-tweet`; the channel is the post's kind)."""
    cues = []
    doc = view.doc
    for start, end in view.paragraphs:
        for kind, pattern in lexicon.embedded_posts():
            found = pattern.fullmatch(view.text, start, end)
            if found is None:
                continue
            text = doc.char_span(*found.span("text"), alignment_mode="expand")
            name = doc.char_span(*found.span("name"), alignment_mode="expand")
            if text is None or name is None or not any(t.is_alpha for t in text):
                break
            dash = next((t for t in doc[text.end:name.start] if t.text in ("—", "–")), None)
            if dash is not None:
                cues.append(Cue(dash.i, dash.i + 1, "writing", name.root.i, (text.start, text.end), f"embedded-{kind}"))
            break
    return cues


def _wholly_quoted(content: Span) -> bool:
    text = content.text.strip()
    return len(text) > 2 and text[0] in OPENING_MARKS and text.rstrip(".!?")[-1:] in CLOSING_MARKS


def _label_speaker(label: Span) -> Token | None:
    """The one person a label names, or else its one organisation."""
    for kind in ("PERSON", "ORG"):
        named = [ent for ent in label.ents if ent.label_ == kind]
        if named:
            return named[0][-1] if len(named) == 1 else None
    return None


def _questions(doc: Doc) -> set[int]:
    """Tokens of "Asked about X, ..." clauses: the reporter's question, not the source's words.

    A cue in there with a subject of its own ("after the minister said ...") is still an attribution.
    """
    inside: set[int] = set()
    for token in doc:
        bare_participle = token.tag_ == "VBN" and token.dep_ == "advcl" and _subject(token) is None
        if (bare_participle and token.lemma_.lower() in lexicon.question_verbs()
                and not any(c.dep_ in ("aux", "auxpass") for c in token.children)):
            inside.update(range(token.left_edge.i, token.right_edge.i + 1))
    return inside


def find_cues(view: TextView, classifier: CueClassifier | None = None, scope: str = "quotes") -> list[Cue]:
    """Every cue outside quotation marks, in text order.

    With a learned ``classifier``, every verb and noun it saw in training is judged by it; the rules'
    lexicons judge the rest, and still supply content-less cues for `"...," he said`. With ``scope``
    "quotes" only what a source said or wrote is kept, and not what the writer says ("I told the
    mayor"); "attributions" keeps every cue (beliefs, perceptions, findings, ...), as annotators of
    attribution corpora mark them.
    """
    doc = view.doc
    verbs, nouns = lexicon.cue_verbs(), lexicon.cue_nouns()
    questions = _questions(doc)
    cues: list[Cue] = []
    for token in doc:
        if view.quoted(token.idx) or view.furniture(token.idx) or (token.i in questions and _subject(token) is None):
            continue
        if token.lower_ == "according" or token.text == ":":
            cue = _according_to(token) if token.text != ":" else _label_colon(token, view)
            cues.extend([cue] if cue else [])
            continue
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        lemma = token.lemma_.lower()
        judged = classifier is not None and classifier.knows(token)
        if not judged and lemma not in (verbs if token.pos_ == "VERB" else nouns):
            continue
        found = frames(token)
        relation = classifier.choose(token, source_class(source_of(token)), found) if judged and classifier else None
        if token.pos_ == "VERB":
            kind = verbs.get(lemma, "other")
            if judged and relation is None:
                found = {}  # the classifier says this use reports nothing; a speech verb may still cue a quote
                if kind == "thought" or lemma not in verbs:
                    continue
            cues.extend(_verb_cues(token, kind, found, relation, view))
        elif not judged or relation is not None:
            cue = _noun_cue(token, nouns.get(lemma, "other"), found, relation or "clause")
            cues.extend([cue] if cue else [])
    cues = sorted(cues + _embedded_posts(view), key=lambda c: c.start)
    if scope == "attributions":
        return cues
    return [c if _reports_words(c, view) else replace(c, content=None) for c in cues if _said(doc[c.start], c.kind)
            and not (c.speaker is not None and doc[c.speaker].lower_ in lexicon.narrator_pronouns())]


def _reports_words(cue: Cue, view: TextView) -> bool:
    """Whether the content is words a source said, not what they spoke of or did; when not, the cue still
    stands beside a quotation ("wrote on Twitter: "...").

    An object or a prepositional phrase ("announced the closure", "spoke about the budget") names a topic unless
    it is quoted ("called the plan 'a disaster'"); an infinitive reports words only after an addressee ("urged
    residents to stay home"), not as a plan ("promised to act", which the attributions scope keeps).
    """
    if cue.content is None:
        return True
    if cue.relation == "dobj" or cue.relation.startswith("prep:"):
        start, end = view.chars(cue.content)
        return any(view.quoted(i) for i in range(start, end))
    if cue.relation == "xcomp":
        return any(child.dep_ in ("dobj", "dative") for child in view.doc[cue.start].children)
    return True


def _said(token: Token, kind: str) -> bool:
    """What the default scope keeps: speech and writing, not negated ("did not say", "declined to say")."""
    if kind not in SAID_KINDS or _negated(token):
        return False
    head = token.head
    return not (token.dep_ == "xcomp" and head.i != token.i
                and (head.lemma_.lower() in lexicon.negating_verbs() or _negated(head)))


def _negated(token: Token) -> bool:
    return any(child.dep_ == "neg" for child in token.children)


def channel(doc: Doc, cue: Cue) -> str | None:
    """What the cue says the source spoke through: "said in a statement", "wrote on Facebook", "her statement
    that ..." (a noun cue)."""
    if cue.rule.startswith("embedded-"):
        return cue.rule.removeprefix("embedded-")
    word = doc[cue.start]
    if word.pos_ == "NOUN" and word.lemma_.lower() in lexicon.channels():
        return word.lemma_.lower()
    for prep in word.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "on", "via", "through", "during"):
            medium = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if medium is not None and medium.lemma_.lower() in lexicon.channels():
                return medium.lemma_.lower()
    return None
