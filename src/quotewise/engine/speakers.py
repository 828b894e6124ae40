"""Who a source mention is: a named person, a pronoun's antecedent, an organisation or a group.

Pronouns follow salience, not proximity. A journalist's "he said" continues the person who is the
topic of the running report: the latest person in subject position or already quoted, not a
name that only appears as a possessive or an object ("On David Seymour's interaction ..., he said"),
unless no subject fits and that name is in the sentence before ("I called Irene Vasquez-Holt. She
told me ..."), a weaker link that shows no gender.

Speakers are resolved in reading order, because what was resolved before (who was quoted, which
pronoun named whom) decides what comes after; the result is a set of facts (`Resolution`) from
which the records are built once.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..records import Gender, SpeakerKind, SpeakerRoute
from . import lexicon, name_genders
from .names import appositive_name, surname_of
from .people import People, acronym_expansion, inner_hyphen
from .syntax import SUBJECT_DEPS
from .text_view import TextView

_MAX_PRONOUN_DISTANCE = 400  # tokens back to look for an antecedent
_ORG_CONTEXT_CHARS = 400  # how far back an organisation that spoke can lend its name to a bare title
# A description ("the affable owner") names the person ranked first only with this score (the last speaker, or
# named with that title), and this lead over the next.
_DESCRIPTION_MIN_SCORE = 2
_DESCRIPTION_MIN_MARGIN = 1


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved source mention, and the route by which it was resolved: the evidence for who it is."""

    start: int  # character span of the mention in the text
    end: int
    name: str | None
    kind: SpeakerKind
    route: SpeakerRoute
    title: str | None = None  # of an unnamed or unlisted source; a listed person's come from `People`
    org: str | None = None
    person: int | None = None  # index into `People.persons`
    pronoun: str | None = None  # the pronoun as written, when one named the speaker
    antecedent: Speaker | None = None  # what a relative pronoun ("who") stands for
    channel: str | None = None  # the document the speaker spoke through: "her statement" -> "statement"
    margin: int | None = None  # how far the chosen person ranked ahead of the next, for a description


@dataclass(frozen=True, slots=True)
class Resolution:
    """What resolving an article's speakers found: each speaker, and what it taught about the people."""

    speakers: tuple[Speaker, ...]  # one per mention asked about, in the same order
    genders: tuple[Gender | None, ...]  # per person: the gender the evidence agrees on, if it does
    evidence: tuple[tuple[tuple[str, int], ...], ...]  # per person: ("honorific-female", 1), ("pronoun-male", 2), ...
    quoted: frozenset[int]  # people who are the speaker of a quotation
    orgs: tuple[str | None, ...]  # per person: the organisation written beside them, or lent by the context


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
    # "An expert cited in the report, which looked at ...": an aside after a comma is no part of the mention.
    end = next((t.i for t in doc[head.i + 1:end] if t.text == "," and t.i + 1 < end and (
        doc[t.i + 1].dep_ in ("relcl", "nsubj", "nsubjpass") or doc[t.i + 1].tag_ in ("WDT", "WP"))), end)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end


def _without_determiner(tokens: list[Token]) -> str:
    """The phrase as written, without a leading article: "the drivers' union" -> "drivers' union"."""
    while tokens and (tokens[0].lower_ in lexicon.determiners() or tokens[0].is_punct):
        tokens = tokens[1:]
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _without_possessive(entity: Span) -> list[Token]:
    """ "the Parole Board of Canada's decision": the name without the possessive the recogniser took into it (not
    "McDonald's said", where the 's is the name's)."""
    tokens = list(entity)
    after = entity.doc[entity.end] if entity.end < len(entity.doc) else None
    if len(tokens) > 1 and tokens[-1].tag_ == "POS" and after is not None and after.pos_ in ("NOUN", "ADJ", "NUM"):
        return tokens[:-1]
    return tokens


def _collective_lexicon_kind(head: Token) -> str | None:
    return lexicon.collectives().get(head.lower_) or lexicon.collectives().get(head.lemma_.lower())


def _collective_kind(head: Token) -> SpeakerKind | None:
    if head.ent_type_ == "ORG" and not head.text.islower():  # not "the rookie defenceman", tagged ORG
        return "organization"
    if _inside_compound_word(head):
        return None  # "the sergeant-at-arms" is one person, not a group of arms
    kind = _collective_lexicon_kind(head)
    if kind == "document":
        return kind
    if kind == "organization" and head.tag_ == "NNS" and head.lower_ != head.lemma_.lower():
        return "group"  # "residents' associations": several organisations speaking together
    if kind:
        return kind
    if head.pos_ == "NOUN" and head.tag_ in ("NNS", "NNPS"):
        return "group"
    return None


def _described_title(head: Token) -> bool:
    """ "the 39-year-old founder", "the self-taught resident": a title with a word that describes the person
    rather than the post, so it refers back like any description; a bare "the mayor" is the post."""
    return any(c.dep_ in ("amod", "nummod", "npadvmod") and c.pos_ in ("ADJ", "NUM", "VERB")
               and c.lower_ not in lexicon.title_modifiers() for c in head.lefts)


def _inside_compound_word(head: Token) -> bool:
    """The last part of a word the tokenizer split at its hyphens around a preposition: "sergeant-at-arms",
    "editor-in-chief", whose head is the first part."""
    i = head.i
    while i >= 2 and inner_hyphen(head.doc[i - 1]):
        i -= 2
        if head.doc[i].pos_ == "ADP":
            return True
    return False


def _role(head: Token) -> tuple[str, str | None]:
    """Title and organisation of an unnamed source: "a spokeswoman for the governor's office", "a White House
    official" (the proper names before the title word)."""
    title = head.doc[min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ in ("compound", "amod")]):head.i + 1]
    named = [t for t in title[:-1] if t.pos_ == "PROPN"]
    if named and named == list(title[:len(named)]):
        return title.text, head.doc[named[0].i:named[-1].i + 1].text
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in lexicon.role_prepositions():
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return title.text, _without_determiner(list(obj.subtree))
    return title.text, None


def _entity_end(doc: Doc, start: int) -> int:
    """The end of the entity starting at ``start``, with the number that ends a branch's name: "UFCW Local 832"."""
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end < len(doc) and doc[end].like_num and doc[end].head.i in range(start, end) and not doc[end - 1].is_punct:
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


def resolve_speakers(view: TextView, people: People, mentions: Sequence[tuple[int, int]]) -> Resolution:
    """Resolve each (speaker head token, start of its quotation), in reading order."""
    resolver = _Resolver(view, people)
    speakers = tuple(resolver.resolve_quoted(view.doc[head], start) for head, start in mentions)
    orgs = tuple(resolver.lent.get(k, person.org) for k, person in enumerate(people.persons))
    genders = tuple(_agreed(resolver.genders[k]) for k in range(len(people.persons)))
    evidence = tuple(tuple(sorted(resolver.genders[k].items())) for k in range(len(people.persons)))
    return Resolution(speakers, genders, evidence, frozenset(resolver.quoted), orgs)


def _agreed(evidence: Counter[str]) -> Gender | None:
    """The gender the evidence shows, when it all agrees: an honorific outweighs a kinship word ("her husband"),
    which outweighs pronouns; a conflict is null.

    A wrong gender is the worst error a source audit can inherit, so disagreement gives no answer, not a vote.
    """
    for kind in ("honorific", "kinship", "pronoun"):
        shown = {key.split("-", 1)[1] for key in evidence if key.startswith(kind + "-")}
        if shown:
            return shown.pop() if len(shown) == 1 else None  # type: ignore[return-value]
    return None


def _bare_title(title: str | None) -> bool:
    """ "president", "spokeswoman": a title that leaves its organisation to the context."""
    return title is not None and len(title.split()) == 1 and title.lower() in lexicon.titles()


class _Resolver:
    """The running state of one article's resolution: who is salient, quoted, and what gender evidence says."""

    def __init__(self, view: TextView, people: People) -> None:
        self.doc = view.doc
        self.people = people
        # Evidence of each person's gender, by kind: "honorific-female", "pronoun-male".
        self.genders: list[Counter[str]] = [
            Counter([*(f"honorific-{g}" for g in p.honorifics), *(f"kinship-{g}" for g in p.relatives)])
            for p in people.persons]
        self.quoted: set[int] = set()
        self.unnamed: list[tuple[int, Speaker]] = []  # (head token, speaker) of sources the article never names
        self.lent: dict[int, str] = {}  # person -> organisation lent by the context
        self._last_org: Speaker | None = None
        self._last_speaker: int | None = None  # the person who spoke last
        self._last_source: tuple[int, Speaker] | None = None  # (head token, speaker) of the last named source
        # (head token, speaker) of the last quotation's source when the article never names it ("a spokeswoman")
        self._last_unnamed: tuple[int, Speaker] | None = None
        self.text = view.text
        self.view = view
        # (start token, end token, name) of the organisations the entity recogniser found, in reading order.
        # (A "person" whose name ends in an organisation's word, "Ridgeline Coal", is one too: see people.py.)
        self.orgs = [(e.start, e.end, _without_determiner(_without_possessive(e))) for e in self.doc.ents
                     if not view.furniture(e.start_char) and not all(t.i in people.by_token for t in e) and (
                         e.label_ == "ORG" or (e.label_ == "PERSON" and len(e) > 1
                                               and e[-1].lower_ in lexicon.place_and_org_words()))]
        # Names the recogniser tags as an organisation more often than as a person: one name keeps one sense in
        # an article, so an untagged "Facebook said" is the organisation too.
        labels = Counter((e.text, e.label_) for e in self.doc.ents if e.label_ in ("ORG", "PERSON"))
        self.org_names = {name for (name, label), n in labels.items() if label == "ORG" and n > labels[name, "PERSON"]}
        # (token index, lemma, issuer) of the documents the article says who issued: "a study by Civic Action".
        self.documents = [(t.i, t.lemma_.lower(), issuer) for t in self.doc if _is_document(t)
                          and not view.quoted(t.idx) and (issuer := _issuer(t)) is not None]
        # (token index, person) of people in subject position, and (token index, Speaker) of collectives.
        self.salient: list[tuple[int, int]] = []
        # Token indices of salient mentions that are the subject of a subordinate clause ("... saw Kirsi getting
        # on", "He said the co-op, run by Martin Legere, gave ..."): the main clause's subject outranks them.
        self.subordinate: set[int] = set()
        self.collective: list[tuple[int, Speaker]] = []
        self.mentions = people.mentions()  # (start, end, person) in reading order
        for start, end, k in self.mentions:
            head = _np_head(self.doc[start:end].root)
            if view.quoted(self.doc[start].idx):
                continue
            if head.dep_ in SUBJECT_DEPS:
                self.salient.append((start, k))
                if not _in_main_clause(head):
                    self.subordinate.add(start)
            elif _relative_subject(head):  # "will find Maria Delgado, who was born in Chile": the clause's topic
                self.salient.append((start, k))
                self.subordinate.add(start)
        for token in self.doc:
            if (token.dep_ not in SUBJECT_DEPS or view.quoted(token.idx) or token.pos_ not in ("NOUN", "PROPN")
                    or not _in_main_clause(token) or people.person_at(token) is not None):
                continue
            kind = _collective_kind(token)
            # Any plural noun can speak as a group; one that has not spoken is an antecedent for "they" only if
            # `collectives.tsv` or the titles know it as people ("residents", "senators"), not "Ambulances".
            known = (token.ent_type_ == "ORG" or bool(_collective_lexicon_kind(token))
                     or token.lemma_.lower() in lexicon.titles())  # "senators", "executives"
            if kind and known:
                self.collective.append((token.i, self._collective(token, kind)))

    def resolve_quoted(self, head: Token, quote_start: int) -> Speaker:
        """The speaker of a quotation; it becomes salient, so later pronouns can reach it."""
        speaker = self.resolve(head)
        # "Stella's owners Tore Sohlberg and Lehla Abreder said": the names in apposition are the ones joined.
        named = next((c for c in head.children if c.dep_ == "appos" and self.people.person_at(c) is not None), None)
        together = self._together(named or head, speaker)
        if together is not None:  # "they" can mean them next
            self.collective.append((head.i, together))
            self.collective.sort(key=lambda pair: pair[0])
            return together
        k = speaker.person
        if k is not None:
            self.salient.append((head.i, k))
            self.salient.sort(key=lambda pair: pair[0])
            if head.dep_ in SUBJECT_DEPS and not _in_main_clause(head):
                self.subordinate.add(head.i)
        elif speaker.kind in ("organization", "group", "document") and speaker.name:
            self.collective.append((head.i, speaker))
            self.collective.sort(key=lambda pair: pair[0])
        if speaker.route in ("role-noun", "noun-phrase"):
            self.unnamed.append((head.i, speaker))
        one_person = speaker.route in ("role-noun", "noun-phrase") and speaker.kind in ("person", "unknown") and (
            head.tag_ in ("NN", "NNP"))
        if one_person:
            self._last_unnamed = (head.i, speaker)
        elif speaker.route != "pronoun" or speaker.person is not None:
            self._last_unnamed = None
        self._lend_org(speaker, quote_start)
        if speaker.name and speaker.kind in ("person", "organization") and not speaker.route.startswith(
                ("pronoun", "relative")) and not speaker.route.endswith("-unresolved"):
            self._last_source = (head.i, speaker)  # one that could issue a statement (not "witnesses")
        if k is not None:
            self.quoted.add(k)
            self._last_speaker = k
            if speaker.route == "named":
                self._reported_pronoun(head, k)
        return speaker

    def _reported_pronoun(self, head: Token, k: int) -> None:
        """ "Kirsi said she knew her father was dead": the subject pronoun of the clause a named speaker reports
        means that speaker when the ranking picks them and no one else it could mean is near; gender evidence."""
        if head.dep_ not in SUBJECT_DEPS:
            return
        for clause in head.head.children:
            subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
            reference = lexicon.pronouns().get(subject.lower_) if subject is not None else None
            if (clause.dep_ != "ccomp" or subject is None or subject.pos_ != "PRON"
                    or reference not in ("male", "female") or self.view.quoted(subject.idx)):
                continue
            sure = self._antecedent(subject, reference) == k == self._antecedent(subject, reference, by_name=False)
            if sure and not self._ambiguous(subject, reference, k):
                self.genders[k][f"pronoun-{reference}"] += 1

    def _together(self, head: Token, first: Speaker) -> Speaker | None:
        """ "Ana Ruiz and Tom Ngata said": one quotation of two people (both quoted), named as the text joins them;
        a group, since no one person said it."""
        others = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")
                  and not self.view.quoted(c.idx)  # "Tom Hale, who lost 16 pounds "and two notches", said"
                  and any(cc.dep_ == "cc" and cc.lower_ == "and" for cc in head.children)]
        if not others or first.kind not in ("person", "unknown", "group"):
            return None
        speakers = [first, *(self.resolve(c) for c in others)]
        if any(s.name is None for s in speakers):
            return None
        for spoke in speakers:
            if spoke.person is not None:
                self.quoted.add(spoke.person)
        names = [s.name or "" for s in speakers]
        name = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        end = max(s.end for s in speakers)
        return Speaker(first.start, end, name, "group", first.route)

    def _lend_org(self, speaker: Speaker, quote_start: int) -> None:
        """ "the Police Association said ... said president Chris Cahill": a person introduced by a bare title
        right after an organisation spoke holds that title in it, from their first quotation on."""
        k = speaker.person
        if speaker.kind == "organization":
            self._last_org = speaker
        elif k is not None and k not in self.quoted and self._last_org is not None:
            person = self.people.persons[k]
            if (person.org is None and _bare_title(person.title)
                    and quote_start - self._last_org.end < _ORG_CONTEXT_CHARS):
                self.lent[k] = self._last_org.name or ""

    def _collective(self, head: Token, kind: SpeakerKind) -> Speaker:
        start, end = _mention_range(head)
        mention = self.doc[start:end]
        named = _named_after(head)
        if named is not None:  # "the aid group Harbourline Relief": a group with a name of its own is an organisation
            kind = "organization"
        name = named or _org_name(head, start, end)
        full = acronym_expansion(self.text, name)
        if full is None and (kind == "organization" or head.lower_ in lexicon.generic_org_nouns()):
            full = self._named_before(head, name)  # "the group" after "Rally Canada, the group that ..."
            kind = "organization" if full is not None else kind
        return Speaker(mention.start_char, mention.end_char, full or name, kind, "collective",
                       org=_inner_org(head, start, end))

    def _named_before(self, head: Token, name: str) -> str | None:
        """The organisation the article named before that a short form refers back to: "the council" after "the
        Tāwhiri District Council", "the Hawks" after "the Cobbity Hawks", "the company" after "Ridgeline Coal"."""
        earlier = [full for start, end, full in self.orgs if end <= head.i]
        words = _folded(name).split()
        # "the board" ends "the Parole Board of Canada" as well as "the Hawks" ends "the Cobbity Hawks".
        ending = self._unambiguous(head, [(start, full) for start, end, full in self.orgs if end <= head.i and len(
            full.split()) > len(words) and any(part.split()[-len(words):] == words
                                               for part in _folded(full).split(" of ")[:2])])
        if head.pos_ == "PROPN" or head.ent_type_ == "ORG":
            return ending[-1] if ending else None
        first = head.doc[head.left_edge.i]
        if first.i != head.i and first.lower_ not in lexicon.definite_determiners() and (
                first.dep_ in ("det", "nummod", "quantmod") or first.pos_ in ("DET", "NUM")):
            return None  # "a union", "three unions": not the one named before ("Parole board declines" is)
        if head.lower_ in lexicon.generic_org_nouns() and head.i - first.i <= 1:
            # "the union" alone (not "the nurses' union"): one of that kind if its name says so ("the Amalgamated
            # Transit Union"), else the organisation last the topic (a speaker, the subject of a main clause: not
            # "Apple" in "Google said Apple has revoked its certificate"), else the last one named.
            of_kind = [full for full in earlier if head.lower_ in _folded(full).split()]
            topic = [(start, full) for start, end, full in self.orgs
                     if end <= head.i and _main_subject(self.doc[start:end].root)]
            topic += [(i, spoke.name) for i, spoke in self.collective
                      if i < head.i and spoke.kind == "organization" and spoke.name]
            if not of_kind and topic:
                return max(topic)[1]
            return (of_kind or ending or earlier or [None])[-1]
        return ending[-1] if ending else None

    def _unambiguous(self, head: Token, found: list[tuple[int, str]]) -> list[str]:
        """The names a short form can mean, latest last; with two organisations it could mean ("the commission"
        after the Truth and Reconciliation Commission and the Ontario Civilian Police Commission), only the latest,
        when no other was named in its paragraph or the one before, else none: a guess would be a wrong name."""
        names = [full for _, full in found]
        if len(set(names)) <= 1:
            return names
        paragraph = self.view.paragraph_of(head.idx)
        near = {full for start, full in found if paragraph - self.view.paragraph_of(self.doc[start].idx) <= 1}
        return [names[-1]] if near == {names[-1]} else []

    def _by_surname(self, name: str) -> int | None:
        """The one person the article names in full whose surname this is, or calls by this one name alone."""
        found = [k for k, p in enumerate(self.people.persons)
                 if surname_of(p.name.split()).lower() == name.lower() and (len(p.name.split()) > 1 or p.name == name)]
        return found[0] if len(found) == 1 else None

    def _titled(self, head: Token) -> int | None:
        """ "the mayor" after "Mayor Rosa Delgado-Pike": the person last introduced with the title it repeats."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts):
            return None
        best: tuple[int, int] | None = None
        for k, person in enumerate(self.people.persons):
            title = (person.title or "").lower().split()
            before = [s for s, _ in person.mentions if s < head.i]
            if title and title[-1] in (head.lower_, head.lemma_.lower()) and before and (
                    best is None or before[-1] > best[0]):
                best = (before[-1], k)
        return best[1] if best else None

    def _span(self, head: Token) -> tuple[int, int]:
        start, end = _mention_range(head)
        return self.doc[start:end].start_char, self.doc[start:end].end_char

    def _named(self, k: int, head: Token, route: SpeakerRoute, pronoun: str | None = None) -> Speaker:
        s, e = self._span(head)
        return Speaker(s, e, self.people.persons[k].name, "person", route, person=k, pronoun=pronoun)

    def resolve(self, head: Token) -> Speaker:
        """The speaker a mention head names; pronouns are resolved against what came before."""
        if (head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl"
                and head.lower_ in lexicon.relative_pronouns()):
            # "Leighton Baker, who said ...": the mention is "who", the speaker its antecedent.
            named = self.resolve(head.head.head)
            route: SpeakerRoute = "relative-unresolved" if named.route.endswith("-unresolved") else "relative"
            return Speaker(head.idx, head.idx + len(head), named.name, named.kind, route, named.title,
                           named.org, named.person, head.text, named)
        k = self.people.person_at(head)
        if k is not None:
            return self._named(k, head, "named")
        named = appositive_name(head)
        k = self.people.person_at(named.root) if named is not None else None
        if k is not None:  # "A spokeswoman for the mayor, Eleanor Catt, said"
            return self._named(k, head, "named")
        reference = lexicon.pronouns().get(head.lower_)
        if head.pos_ == "PRON" and reference:
            return self._pronoun(head, reference)
        if _is_document(head):
            issued = self._issued(head)
            if issued is not None:
                return issued
        organisation = next((c for c in head.rights if c.dep_ == "appos" and c.ent_type_ == "ORG"), None)
        if organisation is not None:  # "The mill's owner, Northbridge Paper Group, said"
            s, e = self._span(head)
            name = _org_name(organisation, *_mention_range(organisation))
            return Speaker(s, e, acronym_expansion(self.text, name) or name, "organization", "collective")
        kind = _collective_kind(head)
        if kind:
            return self._collective(head, kind)
        start, end = _mention_range(head)
        s, e = self.doc[start:end].start_char, self.doc[start:end].end_char
        name = _org_name(head, start, end)
        if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
            full = acronym_expansion(self.text, name)
            if full:  # "PTWU" after "the Passenger Transport Workers' Union (PTWU)"
                return Speaker(s, e, full, "organization", "collective")
            k = self._by_surname(name)
            if k is not None:  # "Villanueva said" where only "Mayor Teresa Villanueva" was recognised
                return self._named(k, head, "named")
            if name in self.org_names:
                return Speaker(s, e, name, "organization", "collective")
            full = self._named_before(head, name)
            if full is not None:  # "Hydro said" after "BC Hydro": the organisation's short form
                return Speaker(s, e, full, "organization", "collective")
            if head.ent_type_ not in ("PERSON", "ORG", "GPE"):  # "the Kentucky Republican" describes; "the U.S." not
                described = self._described(head)
                if described is not None and described.person is not None:
                    return described
            return Speaker(s, e, name, "person", "unlisted-name")
        titled = head.lower_ in lexicon.titles() or head.lemma_.lower() in lexicon.titles()
        if titled:
            k = self._titled(head)
            if k is not None:
                return self._named(k, head, "title")
        if head.pos_ == "NOUN" and not titled:
            full = self._named_before(head, name)
            if full is not None:  # "the diocese" after "the Roman Catholic Diocese of Covington"
                return Speaker(s, e, full, "organization", "collective")
        unnamed = self._unnamed_before(head)
        if unnamed is not None:
            return unnamed
        described = self._described(head) if not titled or _described_title(head) else None
        if described is not None:
            return described
        if titled:
            title, org = _role(head)
            return Speaker(s, e, name, "person", "role-noun", title, org)
        return Speaker(s, e, name, "unknown", "noun-phrase")

    def _unnamed_before(self, head: Token) -> Speaker | None:
        """ "the official" after "a justice official said": the unnamed source introduced before, as introduced."""
        if not any(c.dep_ == "det" and c.lower_ in lexicon.definite_determiners() for c in head.lefts):
            return None
        earlier = [spoke for i, spoke in self.unnamed if i < head.i and self.doc[i].lemma_ == head.lemma_]
        if not earlier:
            return None
        s, e = self._span(head)
        return replace(earlier[-1], start=s, end=e)

    def _described(self, head: Token) -> Speaker | None:
        """A definite description of someone the article named before: "the affable owner", "the Kentucky
        Republican". Candidates are ranked (the title the article gave them, the speaker of the last quotation,
        the latest subject, named in this or the paragraph before); the first must lead by a clear margin, else
        the description stays unresolved, and no description is ever gender evidence."""
        singular = head.tag_ in ("NN", "NNP") or _inside_compound_word(head)
        if not singular or head.lower_ in lexicon.kinship() or not any(
                c.dep_ in ("det", "poss") and c.lower_ in lexicon.definite_determiners() for c in head.lefts):
            return None  # "his father" is someone else
        if any(head.lower_ in _folded(full).split() for start, end, full in self.orgs if end <= head.i):
            return None  # "the diocese" after "the Roman Catholic Diocese of Covington": an organisation
        paragraph = self.view.paragraph_of(head.idx)
        recent = [k for i, k in self.salient if i < head.i]
        scores: Counter[int] = Counter()
        for k, person in enumerate(self.people.persons):
            before = [start for start, _ in person.mentions if start < head.i]
            if not before:
                continue
            scores[k] += 3 * (head.lower_ in (person.title or "").lower().split())
            scores[k] += 2 * (k == self._last_speaker)
            scores[k] += 2 * bool(recent and recent[-1] == k)
            scores[k] += 1 * (paragraph - self.view.paragraph_of(self.doc[before[-1]].idx) <= 1)
        s, e = self._span(head)
        ranked = scores.most_common(2)
        if not ranked or ranked[0][1] < _DESCRIPTION_MIN_SCORE:
            return None
        margin = ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0)
        if margin < _DESCRIPTION_MIN_MARGIN:  # said as written, and that it could not be told who
            name = _without_determiner(list(self.doc[slice(*_mention_range(head))]))
            return Speaker(s, e, name, "person", "description-unresolved", margin=margin)
        k = ranked[0][0]
        return Speaker(s, e, self.people.persons[k].name, "person", "description", person=k, margin=margin)

    def _issued(self, head: Token) -> Speaker | None:
        """Who spoke through a document: "her statement", "a release from the union", "the Civic Action study",
        or "the study" after "a study by Civic Action". The document stays as the channel."""
        issuer = _issuer(head)
        if issuer is None and any(c.dep_ == "det" and c.lower_ in lexicon.definite_determiners() for c in head.lefts):
            earlier = [found for i, lemma, found in self.documents if i < head.i and lemma == head.lemma_.lower()]
            issuer = earlier[-1] if earlier else None
        start, end = self._span(head)  # the mention is the document's phrase, which names the issuer
        if issuer is None:
            return self._own_channel(head, start, end)
        return replace(self.resolve(issuer), start=start, end=end, channel=head.lemma_.lower())

    def _own_channel(self, head: Token, start: int, end: int) -> Speaker | None:
        """ "The aid group Harbourline Relief said ... A statement said ...": a channel a source speaks through in
        its own voice, with no issuer named, is the last source's when it spoke in this paragraph or the one
        before."""
        if self._last_source is None or head.lemma_.lower() not in lexicon.own_channels():
            return None
        i, speaker = self._last_source
        if i >= head.i or self.view.paragraph_of(head.idx) - self.view.paragraph_of(self.doc[i].idx) > 1:
            return None
        return replace(speaker, start=start, end=end, channel=head.lemma_.lower())

    def _pronoun(self, head: Token, reference: str) -> Speaker:
        s, e = self._span(head)
        if reference in ("male", "female"):
            k = self._antecedent(head, reference)
            passed = self._antecedent(head, reference, by_name=False)
            unnamed = self._unnamed_speaker(head, reference, k)
            if unnamed is not None:  # "..., a private security professional told Reuters. ... he said"
                return replace(unnamed, start=s, end=e, route="pronoun", pronoun=head.text)
            introduced = self._introduced_before(head, reference, k)
            if introduced is not None:  # a new topic, but read from the layout: no gender evidence
                return self._named(introduced, head, "pronoun", head.text)
            if k is not None:
                # Evidence only from a link made without the name list: where the list passed over someone
                # nearer ("Erin Walsh" for "he"), the link is its guess.
                if k == passed and not self._ambiguous(head, reference, k):
                    self.genders[k][f"pronoun-{reference}"] += 1
                return self._named(k, head, "pronoun", head.text)
            k = self._mentioned_just_before(head, reference)
            if k is not None:  # a weaker link, and so no gender evidence
                return self._named(k, head, "pronoun", head.text)
            return Speaker(s, e, None, "person", "pronoun-unresolved", pronoun=head.text)
        # "they" prefers a plural antecedent (groups, police) to a singular organisation.
        preferences = (("group",), ("organization", "document")) if reference == "plural" else (
            ("organization", "document"),)
        for wanted in preferences:
            for i, speaker in reversed(self.collective):
                if i < head.i and head.i - i <= _MAX_PRONOUN_DISTANCE and speaker.kind in wanted:
                    return Speaker(s, e, speaker.name, speaker.kind, "pronoun", pronoun=head.text)
        return Speaker(s, e, None, "group" if reference == "plural" else "unknown", "pronoun-unresolved",
                       pronoun=head.text)

    def _unnamed_speaker(self, pronoun: Token, gender: str, k: int | None) -> Speaker | None:
        """The unnamed source of the last quotation, when the pronoun's named antecedent was last a subject before
        it spoke: news goes on with "she said" for the spokeswoman or witness it never names (not "he" for a
        spokeswoman)."""
        if self._last_unnamed is None:
            return None
        i, speaker = self._last_unnamed
        shown = lexicon.noun_gender(self.doc[i].text)
        if i >= pronoun.i or pronoun.i - i > _MAX_PRONOUN_DISTANCE or shown not in (None, gender):
            return None
        named = [j for j, person in self.salient if person == k and j < pronoun.i]
        return speaker if k is None or max(named, default=-1) < i else None

    def _ambiguous(self, pronoun: Token, gender: str, chosen: int) -> bool:
        """Whether another person the pronoun could mean is as near: then its link is no gender evidence."""
        sent = pronoun.sent
        start = self._previous_narration(sent.start)
        if any(start <= i < pronoun.i and k != chosen and _agreed(self.genders[k]) in (None, gender)
               and self._in_reach(i, pronoun) for i, k in self.salient):
            return True
        # A name in the pronoun's own sentence that the article doesn't list ("As for Felix, ..., he said").
        if any(t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON") and not t.is_sent_start
               and self.people.person_at(t) is None and not self.view.quoted(t.idx)
               for t in self.doc[sent.start:pronoun.i]):
            return True
        # Another person named in the pronoun's own sentence, in any role: "As for Felix, he said ...".
        # (Not a possessive, nor one in a subordinate clause: grammar rules those out.)
        if any(sent.start <= s < pronoun.i and k != chosen and _agreed(self.genders[k]) in (None, gender)
               and self.doc[s:e].root.dep_ != "poss" and self._in_reach(s, pronoun)
               for s, e, k in self._mentions_in(sent.start, pronoun.i)):
            return True
        # The speaker of the last quotation, if another person, is whom a reader might take "he said" for too.
        last = self._last_speaker
        return last is not None and last != chosen and _agreed(self.genders[last]) in (None, gender)

    def _previous_narration(self, start: int) -> int:
        """The start of the last sentence before ``start`` that is not wholly quoted: the reporter's last words."""
        while start > 0:
            sent = self.doc[start - 1].sent
            if not all(self.view.quoted(t.idx) or t.is_punct or t.is_space for t in sent):
                return sent.start
            start = sent.start
        return 0

    def _mentions_in(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The person mentions starting in a token range."""
        return self.mentions[bisect.bisect_left(self.mentions, (start,)):bisect.bisect_left(self.mentions, (end,))]

    def _in_reach(self, i: int, pronoun: Token) -> bool:
        """ "Asked after X said ..., he said": X, in a subordinate clause of the pronoun's sentence, is not meant;
        nor, in "Mark Ruiz, he said, knows ...", the subject of the clause the pronoun's aside interrupts."""
        token = self.doc[i]
        if token.sent.start != pronoun.sent.start:
            return True
        head = _np_head(token)
        aside = pronoun.head.dep_ == "parataxis" and head.dep_ in SUBJECT_DEPS and head.head.i == pronoun.head.head.i
        return head.head.i == pronoun.sent.root.i and not aside

    def _introduced_before(self, pronoun: Token, gender: str, k: int | None) -> int | None:
        """The one person the reporter's last words name when no one is their subject, over a subject from before
        them: "Exercise also helped accountant Tunde Bello, 50. 'I had a membership,' he says." """
        start = self._previous_narration(pronoun.sent.start)
        sent = self.doc[start].sent
        if sent.end != pronoun.sent.start or any(sent.start <= i < sent.end for i, _ in self.salient) or any(
                t.dep_ in SUBJECT_DEPS and t.lower_ in lexicon.pronouns() for t in sent):
            return None  # someone is the subject there: "He later thanked Ana Ruiz."
        named = {j for s, _, j in self._mentions_in(sent.start, sent.end)
                 if not self.view.quoted(self.doc[s].idx) and self.doc[s:s + 1].root.dep_ != "poss"}
        fitting = [j for j in named if self._fits(j, gender)]
        if len(fitting) != 1 or fitting[0] == k:
            return None
        latest = max((i for i, j in self.salient if j == k and i < pronoun.i), default=-1)
        return fitting[0] if latest < start else None

    def _mentioned_just_before(self, pronoun: Token, gender: str) -> int | None:
        """With no subject to follow, the last person named in the previous sentence: "I called Irene Vasquez-Holt.
        She told me ..." """
        if pronoun.sent.start == 0:
            return None
        previous = self.doc[pronoun.sent.start - 1].sent
        found = [k for start, _, k in self._mentions_in(previous.start, previous.end)
                 if not self.view.quoted(self.doc[start].idx) and self._fits(k, gender)]
        return found[-1] if found else None

    def _antecedent(self, pronoun: Token, gender: str, by_name: bool = True) -> int | None:
        """The latest salient person the pronoun can mean, where the subject of a sentence's main clause outranks
        a later subject of one of its subordinate clauses, and of the sentence before one with only a subordinate
        subject; ``by_name`` also passes over one whose given name the name list is sure is of the other gender."""
        found: tuple[int, int] | None = None  # (token, person) of a subordinate subject, while its sentence is read
        for i, k in reversed(self.salient):
            if i >= pronoun.i or pronoun.i - i > _MAX_PRONOUN_DISTANCE:
                continue
            if found is not None and self.doc[i].sent.start != self.doc[found[0]].sent.start:
                # Only a subordinate subject in that sentence ("Although Trump has tweeted ..., its inclusion ...
                # Rather, ..., he said"): a subordinate clause doesn't move the topic, so the main subject of the
                # sentence just before it outranks it.
                previous = self.doc[found[0]].sent.start - 1
                if (i not in self.subordinate and self.doc[i].sent.end - 1 == previous
                        and self._fits(k, gender, by_name)):
                    return k
                break
            if not self._fits(k, gender, by_name) or not self._in_reach(i, pronoun):
                continue
            if i not in self.subordinate:
                return k
            found = found or (i, k)
        return None if found is None else found[1]

    def _fits(self, k: int, gender: str, by_name: bool = True) -> bool:
        """Whether a pronoun of this gender can mean person ``k``: no evidence says otherwise, nor (``by_name``) a
        given name the name list is sure of."""
        return _agreed(self.genders[k]) in (None, gender) and not (
            by_name and _name_disagrees(self.people.persons[k].name, gender))


def _name_disagrees(name: str, gender: str) -> bool:
    """Whether the name list is sure the person's given name is borne by the other gender: "he" then means
    someone else if anyone fits, and the link it makes is no gender evidence (the list decides no gender). A
    person the article calls by one common given name alone ("Catherine") is checked on it."""
    found = name_genders.load().gender_of_person(name)
    return found is not None and found[0] != gender


def _is_document(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in lexicon.channels() or lexicon.collectives().get(lemma) == "document")


def _issuer(document: Token) -> Token | None:
    """The head of who issued a document, as its own phrase says: a possessor ("the union's release"), "from" or
    "by" ("a statement from the EU", "a release sent by the mayor's office"), or a name before it ("the Civic
    Action study"). Not who received it: "a memo obtained by the Globe"."""
    for child in document.children:
        if child.dep_ == "poss":
            return child
    for child in document.rights:
        links = [child] if child.dep_ == "prep" else []
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() not in lexicon.receiving_verbs():
            links = [g for g in child.children if g.dep_ in ("agent", "prep")]
        for link in links:
            if link.dep_ == "agent" or link.lower_ in ("from", "by"):
                source = next((g for g in link.children if g.dep_ == "pobj"), None)
                if source is not None:
                    return source
    names = [c for c in document.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return names[-1] if names else None


def _relative_subject(head: Token) -> bool:
    """A name a relative clause is about: "Maria Delgado, who was born in Chile"."""
    return any(c.dep_ == "relcl" and any(w.dep_ in SUBJECT_DEPS and w.lower_ in lexicon.relative_pronouns()
                                         for w in c.lefts) for c in head.rights)


def _main_subject(token: Token) -> bool:
    """Whether a name is (or is joined by "and" to) the subject of its sentence's main clause."""
    head = _np_head(token)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in SUBJECT_DEPS and _in_main_clause(head)


def _np_head(token: Token) -> Token:
    """A name inside "Baker's daughter, Chantelle" or "leader Leighton Baker" stands for its phrase head."""
    while token.dep_ in ("appos", "compound", "flat") and token.head.i != token.i:
        token = token.head
    return token


def _named_after(head: Token) -> str | None:
    """ "the watchdog Transport Focus said": the proper name right after a noun for an organisation."""
    doc = head.doc
    if not (head.text.islower() and (head.lower_ in lexicon.generic_org_nouns()
                                     or lexicon.collectives().get(head.lower_) == "organization")):
        return None
    end = head.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN":
        end += 1
    return doc[head.i + 1:end].text if end > head.i + 1 else None


def _folded(name: str) -> str:
    return name.lower().replace("’", "'")
