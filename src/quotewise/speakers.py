"""Who a source mention is: a named person, a pronoun's antecedent, an organisation or a group.

Pronouns follow salience, not proximity. A journalist's "he said" continues the person who is the
topic of the running report: the latest person in subject position or already quoted, never a
name that only appears as a possessive or an object ("On David Seymour's interaction ..., he said").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from . import lexicon
from .cues import SUBJECT_DEPS
from .people import People, PersonEntry, inner_hyphen

_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
_MAX_PRONOUN_DISTANCE = 400  # tokens back to look for an antecedent


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved source. ``how`` is the evidence: which rule named it."""

    start: int | None  # character span of the mention in the text
    end: int | None
    name: str | None
    kind: str
    title: str | None
    org: str | None
    person: PersonEntry | None
    how: str


def _mention_range(head: Token) -> tuple[int, int]:
    """Tokens of the noun phrase headed by ``head``, without relative clauses or trailing asides."""
    start = head.left_edge.i
    for left in head.lefts:
        if left.dep_ in ("punct", "cc", "relcl", "appos", "advcl") and not inner_hyphen(left):
            start = max(start, left.right_edge.i + 1)
    end = head.i + 1
    for right in head.rights:
        modifier = right.dep_ in ("prep", "acl", "compound", "flat", "nummod", "amod") and right.i == end
        if modifier or (right.dep_ == "appos" and right.ent_type_ == "PERSON"):
            end = right.right_edge.i + 1
        else:
            break
    doc = head.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _without_determiner(tokens: list[Token]) -> str:
    """The phrase as written, without a leading article: "the drivers' union" -> "drivers' union"."""
    while tokens and (tokens[0].lower_ in _DETERMINERS or tokens[0].is_punct):
        tokens = tokens[1:]
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _collective_kind(head: Token) -> str | None:
    if head.ent_type_ == "ORG":
        return "organization"
    kind = lexicon.collectives().get(head.lower_) or lexicon.collectives().get(head.lemma_.lower())
    if kind == "document":
        return kind
    if kind == "organization" and head.tag_ == "NNS" and head.lower_ != head.lemma_.lower():
        return "group"  # "residents' associations": several organisations speaking together
    if kind:
        return kind
    if head.pos_ == "NOUN" and head.tag_ in ("NNS", "NNPS"):
        return "group"
    return None


def _role(head: Token) -> tuple[str, str | None]:
    """Title and organisation of an unnamed source: "a spokeswoman for the governor's office"."""
    title = head.doc[min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in ("compound", "amod")]):head.i + 1]
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return title.text, _without_determiner(list(obj.subtree))
    return title.text, None


def _entity_end(doc: Doc, start: int) -> int:
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _inner_org(head: Token, start: int, end: int) -> str | None:
    """The organisation a group belongs to: "officials at the Department of Conservation"."""
    doc = head.doc
    for i in range(start, end):  # the entities inside the mention, read off its tokens (doc.ents is slow)
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ == "ORG":
            ent_end = _entity_end(doc, i)
            if ent_end <= end and not i <= head.i < ent_end:
                return _without_determiner(list(doc[i:ent_end]))
    return None


def _in_main_clause(token: Token) -> bool:
    head = token.head
    return head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")


def _org_name(head: Token, start: int, end: int) -> str:
    """An ORG entity's own text when the mention contains one, else the phrase without its determiner."""
    doc = head.doc
    if head.ent_type_ == "ORG":
        ent_start = head.i
        while ent_start > 0 and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        return _without_determiner(list(doc[ent_start:_entity_end(doc, ent_start)]))
    return _without_determiner(list(doc[start:end]))


class SpeakerResolver:
    """Resolves speaker heads in reading order, remembering who was quoted so pronouns can follow."""

    def __init__(self, doc: Doc, people: People, quoted: Callable[[int], bool]) -> None:
        self.doc = doc
        self.people = people
        self.quoted = quoted
        self.pronouns = lexicon.table("pronouns.tsv")
        # (token index, entry) of people in subject position, and (token index, Speaker) of collectives.
        self.salient: list[tuple[int, PersonEntry]] = []
        self.collective: list[tuple[int, Speaker]] = []
        for start, _end, entry in people.mention_tokens():
            token = doc[start]
            head = self._np_head(doc[start:_end].root)
            if head.dep_ in SUBJECT_DEPS and not quoted(token.idx):
                self.salient.append((start, entry))
        for token in doc:
            if (token.dep_ in SUBJECT_DEPS and not quoted(token.idx) and token.pos_ in ("NOUN", "PROPN")
                    and _in_main_clause(token) and people.person_at(token) is None and _collective_kind(token)):
                self.collective.append((token.i, self._describe_collective(token)))

    @staticmethod
    def _np_head(token: Token) -> Token:
        """A name inside "Baker's daughter, Chantelle" or "leader Leighton Baker" stands for its phrase head."""
        while token.dep_ in ("appos", "compound", "flat") and token.head.i != token.i:
            token = token.head
        return token

    def _describe_collective(self, head: Token) -> Speaker:
        start, end = _mention_range(head)
        s, e = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
        kind = _collective_kind(head) or "unknown"
        return Speaker(s, e, _org_name(head, start, end), kind, None, _inner_org(head, start, end), None,
                       f"collective:{kind}")

    def _span(self, head: Token) -> tuple[int, int]:
        start, end = _mention_range(head)
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)

    def _person(self, entry: PersonEntry, head: Token, how: str) -> Speaker:
        s, e = self._span(head)
        return Speaker(s, e, entry.name, "person", entry.title, entry.org, entry, how)

    def resolve(self, head: Token) -> Speaker:
        """The speaker a mention head names; pronouns are resolved against what came before."""
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl" and head.lower_ in ("who", "that", "which"):
            # "Leighton Baker, who said ...": the mention is "who", the speaker its antecedent.
            named = self.resolve(head.head.head)
            s, e = head.idx, head.idx + len(head.text)
            return Speaker(s, e, named.name, named.kind, named.title, named.org, named.person,
                           f"relative pronoun -> {named.how}")
        entry = self.people.person_at(head)
        if entry is not None:
            return self._person(entry, head, "named")
        reference = self.pronouns.get(head.lower_)
        if head.pos_ == "PRON" and reference:
            return self._pronoun(head, reference)
        kind = _collective_kind(head)
        s, e = self._span(head)
        start, end = _mention_range(head)
        name = _org_name(head, start, end)
        if kind:
            return Speaker(s, e, name, kind, None, _inner_org(head, start, end), None, f"collective:{kind}")
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
            return Speaker(s, e, name, "person", None, None, None, "unlisted-name")
        if head.lower_ in lexicon.titles() or head.lemma_.lower() in lexicon.titles():
            title, org = _role(head)
            return Speaker(s, e, name, "person", title, org, None, "role-noun")
        return Speaker(s, e, name, "unknown", None, None, None, "noun-phrase")

    def _pronoun(self, head: Token, reference: str) -> Speaker:
        s, e = self._span(head)
        if reference in ("male", "female"):
            entry = self._antecedent(head, reference)
            if entry is not None:
                entry.genders[reference] += 1
                return Speaker(s, e, entry.name, "person", entry.title, entry.org, entry,
                               f"pronoun '{head.text}' -> {entry.name}")
            return Speaker(s, e, None, "person", None, None, None, f"pronoun '{head.text}' unresolved")
        # "they" prefers a plural antecedent (groups, police) to a singular organisation.
        preferences = (("group",), ("organization", "document")) if reference == "plural" else (
            ("organization", "document"),)
        for wanted in preferences:
            for i, speaker in reversed(self.collective):
                if i < head.i and head.i - i <= _MAX_PRONOUN_DISTANCE and speaker.kind in wanted:
                    return Speaker(s, e, speaker.name, speaker.kind, None, None, None,
                                   f"pronoun '{head.text}' -> {speaker.name}")
        return Speaker(s, e, None, "group" if reference == "plural" else "unknown", None, None, None,
                       f"pronoun '{head.text}' unresolved")

    def _antecedent(self, pronoun: Token, gender: str) -> PersonEntry | None:
        sentence_root = pronoun.sent.root
        for i, entry in reversed(self.salient):
            if i >= pronoun.i or pronoun.i - i > _MAX_PRONOUN_DISTANCE:
                continue
            if entry.gender not in (None, gender):
                continue
            token = self.doc[i]
            if token.sent.start == pronoun.sent.start and self._np_head(token).head.i != sentence_root.i:
                continue  # "Asked after X said ..., he said": X sits in a subordinate clause
            return entry
        return None

    def remember(self, head: Token, speaker: Speaker) -> None:
        """A resolved speaker becomes salient at its mention, so later pronouns can reach it."""
        if speaker.person is not None:
            self.salient.append((head.i, speaker.person))
            self.salient.sort(key=lambda pair: pair[0])
            speaker.person.quoted = True
        elif speaker.kind in ("organization", "group", "document") and speaker.name:
            self.collective.append((head.i, speaker))
            self.collective.sort(key=lambda pair: pair[0])
