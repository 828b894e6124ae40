"""The people an article names: mentions clustered under the fullest name, with titles and organisations.

Clustering follows how news is written: a person is introduced by full name (often with a title),
then called by surname. A surname shared by two people goes to the one the article already calls by
it alone, else to the one named most recently: "his father, Patrick" is not the "Patterson" of the
story; a lone first name goes to the person whose first name it is ("Baker's daughter, Chantelle").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from ..records import Gender
from . import lexicon, name_genders
from .names import (
    appositive_name,
    clean_name,
    common_given_name_before,
    given_name_list,
    given_names_before,
    looks_like_person,
    name_suffix,
    surname_of,
)
from .quotes import CLOSING_MARKS, OPENING_MARKS
from .syntax import SUBJECT_DEPS
from .text_view import TextView

_NAME_DEPS = ("compound", "flat", "nmod", "amod", "appos")
# A capitalised name (with "of", "for", ... inside) and the acronym in parentheses after it.
_INTRODUCED = r"((?:[A-Z][\w'’&-]*[^\S\n]+(?:(?:of|for|and|on|the|&)[^\S\n]+)*)+)\(\s*{}\s*\)"


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What the article says of one person: the fullest name it gives, its mentions, title and organisation."""

    name: str
    mentions: tuple[tuple[int, int], ...]  # token ranges, in reading order
    title: str | None = None
    org: str | None = None
    honorifics: tuple[Gender, ...] = ()  # the gender shown by each "Mr", "Mrs" or "Ms" before a mention
    relatives: tuple[Gender, ...] = ()  # the gender shown by a kinship word naming them: "her husband, Alan"


@dataclass(frozen=True, slots=True)
class People:
    """The people of one Doc, and which person each token of a mention belongs to."""

    persons: tuple[PersonFacts, ...] = ()
    by_token: Mapping[int, int] = field(default_factory=dict)  # token index -> index into persons

    def person_at(self, token: Token) -> int | None:
        """The person a speaker head names: itself, an apposition ("daughter, Chantelle") or a compound."""
        if token.i in self.by_token:
            return self.by_token[token.i]
        for child in token.children:
            # A name in apposition on either side ("Ana Ruiz, a nurse, said"); a compound only after it, since
            # "Trump adviser" is not Trump.
            if child.dep_ in _NAME_DEPS and child.i in self.by_token and (child.i > token.i or child.dep_ == "appos"):
                return self.by_token[child.i]
        return None

    def mentions(self) -> list[tuple[int, int, int]]:
        """(start, end, person) of every mention, in reading order."""
        return sorted((s, e, k) for k, person in enumerate(self.persons) for s, e in person.mentions)


@dataclass(slots=True, eq=False)  # eq=False: entries are told apart by identity, as people are
class _Entry:
    """A person while the article is being read; frozen into PersonFacts at the end."""

    tokens: list[str]
    mentions: list[tuple[int, int]] = field(default_factory=list)
    title: str | None = None
    org: str | None = None
    honorifics: list[Gender] = field(default_factory=list)
    relatives: list[Gender] = field(default_factory=list)
    honorific: Gender | None = None  # the gender of the first "Mr"/"Mrs"/"Ms" the article uses
    honorific_text: str | None = None  # as written, to name someone known only by surname
    last_seen: int = -1  # token index of the latest mention
    called: set[str] = field(default_factory=set)  # the single names the article calls them by, lowercase

    @property
    def name(self) -> str:
        if len(self.tokens) == 1 and self.honorific_text:
            return f"{self.honorific_text} {self.tokens[0]}"
        return " ".join(self.tokens)

    @property
    def last(self) -> str:
        """The surname: the last word, or the one before "Jr." or "III"."""
        return surname_of(self.tokens).lower()

    @property
    def first(self) -> str:
        return self.tokens[0].lower()

    def facts(self) -> PersonFacts:
        return PersonFacts(self.name, tuple(sorted(self.mentions)), self.title, self.org, tuple(self.honorifics),
                           tuple(self.relatives))


def inner_hyphen(token: Token) -> bool:
    """The hyphen inside a word such as "Holtz-Eakin", which the tokenizer splits off."""
    return token.text == "-" and token.i > 0 and not token.whitespace_ and not token.nbor(-1).whitespace_


def _name_tokens(ent: Span) -> list[Token]:
    """The name proper: no leading titles or honorifics, no possessive or punctuation."""
    tokens = [t for t in ent if not t.is_punct and t.tag_ != "POS" and t.lower_ not in ("'s", "’s")]
    titles, modifiers = lexicon.titles(), lexicon.title_modifiers()
    if len(tokens) > 1 and tokens[0].lower_ in lexicon.determiners() and (
            tokens[1].lower_ in lexicon.honorifics() or tokens[1].lower_ in titles):
        tokens = tokens[1:]  # "The Rev. Ana Ruiz"
    while tokens and (tokens[0].lower_ in lexicon.honorifics() or tokens[0].lower_ in titles
                      or tokens[0].lower_ in modifiers or _opening_noun(tokens)):
        if len(tokens) == 2 and tokens[0].lower_ in titles and _after_common_noun(tokens[0]):
            break  # "senior meteorologist Dean Narramore": the title ended before the first name
        tokens = tokens[1:]
    if not tokens or not all(t.text[:1].isupper() or _after_inner_hyphen(t) for t in tokens):
        return []
    after = tokens[-1].i + 1
    coded = after < len(tokens[0].doc) and tokens[0].doc[after].text[:1].isupper() and any(
        c.isdigit() for c in tokens[0].doc[after].text)
    if coded or any(c.isdigit() for t in tokens for c in t.text):
        return []  # "Bill C-48", "Jazz FM91": a bill's or a station's name, also when the code was left outside
    if tokens[0].lower_ in lexicon.determiners():
        return []  # "The Undead Soldier": a work's title; no one's name opens with an article
    if tokens[-1].lower_ in titles:
        # "Jim Eglinski, Yellowhead MP": a title after a place is the person's title, not a name; a full name
        # before a title stays one ("Ana Ruiz MP").
        named = tokens[:-1]
        return named if len(named) >= 2 and named[0].lower_ in given_name_list() else []
    return tokens


def _credit(tokens: list[Token]) -> bool:
    """A photographer's or agency's credit, "(Ana Ruiz/Reuters)": the name is beside a slash."""
    doc = tokens[0].doc
    before, after = tokens[0].i - 1, tokens[-1].i + 1
    return (any("/" in t.text for t in doc[tokens[0].i:after]) or (before >= 0 and doc[before].text == "/")
            or (after < len(doc) and doc[after].text.startswith("/")))


def _after_nickname(given: list[Token]) -> Span | None:
    """ 'Cris "Cyborg" Justino': after a given name, a nickname of capitalised words in quotation marks, then the
    surname: one name, without the nickname (the recogniser often sees the given name alone)."""
    doc, i = given[0].doc, given[-1].i + 1
    if len(given) != 1 or i >= len(doc) or doc[i].text not in OPENING_MARKS or doc[i].whitespace_:
        return None
    close = next((j for j in range(i + 2, min(i + 5, len(doc))) if doc[j].text in CLOSING_MARKS), None)
    if close is None or doc[close - 1].whitespace_ or not all(t.text[:1].isupper() for t in doc[i + 1:close]):
        return None
    end = close + 1
    while end < len(doc) and end - close <= 2 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    return doc[close + 1:end] if end > close + 1 else None


def _surname(tokens: list[str]) -> list[str]:
    """The surname of a full name, with its particle: "Al Masri" of "Rania Al Masri"."""
    if len(tokens) > 2 and tokens[-2].lower() in lexicon.particles():
        return tokens[-2:]
    return tokens[-1:]


def _given_name_gender(entry: _Entry) -> str | None:
    found = name_genders.load().gender_of_person(" ".join(entry.tokens))
    return found[0] if found is not None else None


def _without_places(tokens: list[Token]) -> list[Token]:
    """A name without the abbreviated place the recogniser ran into it: "Conn. Schumer", a lone "Ont"."""
    return [t for t in tokens if t.lower_.rstrip(".") not in lexicon.place_abbreviations()
            or not t.text[:1].isupper() or len(t.text.rstrip(".")) > 5]


def _misread_person(ent: Span) -> bool:
    """ "Caleb Dunmore" tagged ORG in "Liam Ferraro and Caleb Dunmore scored", "accountant Marcus Bell, 50": a name
    of a person's shape (names.looks_like_person) where only a person stands: joined by "and" to a person, with an
    age after it, or a title word before it."""
    if not looks_like_person(list(ent)):
        return False
    root, doc = ent.root, ent.doc
    joined = (root.dep_ == "conj" and root.head.ent_type_ == "PERSON") or any(
        c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in root.children)
    age = doc[ent.end + 1].text if ent.end + 1 < len(doc) and doc[ent.end].text == "," else ""
    aged = age.isdigit() and 0 < int(age) < 120
    described = ent.start > 0 and doc[ent.start - 1].pos_ == "NOUN" and doc[ent.start - 1].head.i in range(
        ent.start, ent.end) and doc[ent.start - 1].lower_ in lexicon.titles()
    return joined or aged or described


def _named_organisation(first: Token) -> bool:
    """ "the watchdog Transport Focus": a name right after a noun for an organisation is that organisation's."""
    i = first.i
    while (i > 0 and first.doc[i - 1].pos_ == "PROPN" and first.doc[i - 1].text[:1].isupper()
           and first.doc[i - 1].lower_ not in lexicon.titles()):  # "the watchdog Transport [Focus]"
        i -= 1
    if i == 0:
        return False
    before = first.doc[i - 1]
    return before.text.islower() and (before.lower_ in lexicon.generic_org_nouns()
                                      or lexicon.collectives().get(before.lower_) == "organization")


def _with_first_name(ent: Span) -> Span:
    """ "librarian Gwen Sokolowski" where the recogniser tagged "Sokolowski" alone: the proper names before it
    (not one that opens the sentence: "Rival Hillary Clinton")."""
    doc, start = ent.doc, ent.start
    titles, honorifics = lexicon.titles(), lexicon.honorifics()
    while len(ent) == 1 and start > 0:
        before = doc[start - 1]
        if (before.pos_ != "PROPN" or before.is_sent_start or not before.text[:1].isupper() or before.ent_type_
                or before.head.i not in range(ent.start, ent.end) or before.lower_ in titles
                or before.lower_ in honorifics):
            break
        start -= 1
    return doc[start:ent.end]


def _with_surname(ent: Span) -> Span:
    """ "Linda Oh" where the recogniser tagged "Linda" alone, taking "Oh" for a word: a common given name goes
    on to the capitalised proper noun or interjection right after it, inside the sentence."""
    doc, end = ent.doc, ent.end
    if len(ent) != 1 or end >= len(doc) or ent[0].lower_ not in given_name_list():
        return ent
    after = doc[end]
    if (after.pos_ not in ("PROPN", "INTJ") or not after.is_title or not after.is_alpha or after.is_sent_start
            or after.ent_type_ not in ("", "PERSON") or after.lower_ in lexicon.titles() or not ent[0].whitespace_):
        return ent
    return doc[ent.start:end + 1]


def _with_hyphenated_end(ent: Span) -> Span:
    """ "Moon Jae-in" where the recogniser stopped at the hyphen ("Moon Jae"): the name goes on across it."""
    doc, end = ent.doc, ent.end
    while end + 1 < len(doc) and inner_hyphen(doc[end]) and doc[end + 1].is_alpha:
        end += 2
    return doc[ent.start:end]


def _after_inner_hyphen(token: Token) -> bool:
    return token.i > 0 and inner_hyphen(token.nbor(-1))


def _opening_noun(tokens: list[Token]) -> bool:
    """ "Goalkeeper Tomasz Wojcik said": a common noun capitalised only because it opens the sentence; also one the
    tagger took for a name ("Retiree Tom Hale"), when it is no given name and a common given name follows."""
    return len(tokens) > 2 and tokens[0].is_sent_start and (tokens[0].pos_ == "NOUN" or (
        tokens[0].lower_ not in given_name_list() and tokens[1].lower_ in given_name_list()))


def _after_common_noun(token: Token) -> bool:
    return token.i > 0 and token.nbor(-1).pos_ == "NOUN" and token.nbor(-1).text.islower()


def _title_before(doc: Doc, start: int) -> tuple[str | None, str | None]:
    """Title and organisation written before a name: "Act Party leader David Seymour"."""
    titles, modifiers = lexicon.titles(), lexicon.title_modifiers()
    i = start
    while i > 0:
        prev = doc[i - 1]
        if prev.is_punct or prev.pos_ not in ("PROPN", "NOUN", "ADJ") or prev.tag_ == "POS":
            break
        if prev.head.i < start - 8 or prev.head.i > start + 4:
            break
        i -= 1
    phrase = doc[i:start]
    words = [t.lower_ for t in phrase]
    if not any(w in titles for w in words):
        return None, None
    last_title = max(k for k, w in enumerate(words) if w in titles)
    # The organisation sits between leading modifiers and the title: "Former [New Conservative] leader".
    first = 0
    while first < last_title and words[first] in modifiers and words[first] not in titles:
        first += 1
    first_title = next(k for k in range(first, last_title + 1) if words[k] in titles)
    last_org = first_title
    while last_org > first and words[last_org - 1] in modifiers:
        last_org -= 1  # "Senate Majority Leader": "Majority" belongs to the title
    org_tokens = phrase[first:last_org]
    # A capital that only opens the sentence names nothing: "Planning minister Rangi Tapsell said".
    named = [t for t in org_tokens if t.text[:1].isupper() and not (t.is_sent_start and t.pos_ != "PROPN")]
    org = org_tokens.text if named and org_tokens[0].text[:1].isupper() else None
    return phrase[: last_title + 1].text, org


def _possessed_title_before(doc: Doc, start: int) -> tuple[str | None, str | None]:
    """ "The Campaign for Better Transport's chief executive, Paul Tuohy": a title owned by an organisation, then
    the name in apposition, read off the words whatever the parse made of them."""
    titles, modifiers = lexicon.titles(), lexicon.title_modifiers()
    if start < 3 or doc[start - 1].text != "," or doc[start - 2].lower_ not in titles:
        return None, None
    first = start - 2
    while first > 0 and (doc[first - 1].lower_ in titles or doc[first - 1].lower_ in modifiers
                         or (doc[first - 1].pos_ == "ADJ" and doc[first - 1].text.islower())):
        first -= 1
    title = doc[first:start - 1].text
    if first == 0 or doc[first - 1].tag_ != "POS":
        return title, None
    end = first - 1  # the possessive "'s"
    begin = end
    while begin > 0 and not doc[begin - 1].is_punct and doc[begin - 1].lower_ not in lexicon.determiners() and (
            doc[begin - 1].text[:1].isupper() or doc[begin - 1].lower_ in lexicon.role_prepositions()):
        begin -= 1
    org = doc[begin:end].text if begin < end and doc[begin].text[:1].isupper() else None
    return title, org


def _title_after(name_head: Token) -> tuple[str | None, str | None]:
    """Title in an apposition: "Chris Cahill, president of the Police Association", "its spokesman, Luke Brennan"."""
    titles = lexicon.titles()
    head = name_head.head
    if name_head.dep_ == "appos" and head.lower_ in titles and head.i < name_head.i:
        title = " ".join(t.text for t in head.lefts if t.dep_ in ("compound", "amod")) + " " + head.text
        return title.strip(), None
    for child in name_head.children:
        if child.dep_ == "appos" and child.lower_ in titles:
            title = " ".join(t.text for t in child.subtree if t.i <= child.i and t.dep_ != "det")
            org = None
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.role_prepositions():
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        org = " ".join(t.text for t in obj.subtree if t.dep_ != "det" or t.i != obj.left_edge.i)
            return title, org
    return None, None


def find_people(view: TextView) -> People:
    """The people the Doc names: entity mentions and unrecognised speakers, clustered in reading order."""
    return _Clusterer(view).people()


class _Clusterer:
    """Clusters person mentions; its entries change while the article is read and are frozen once at the end."""

    def __init__(self, view: TextView) -> None:
        self.doc = view.doc
        self.entries: list[_Entry] = []
        self.by_token: dict[int, _Entry] = {}
        self.view = view
        names = [_name_tokens(_with_hyphenated_end(_with_surname(_with_first_name(ent))))
                 for ent in self.doc.ents if ent.label_ == "PERSON"]
        names += [_name_tokens(span) for span in self._unrecognised_speakers(view)]
        names += [_name_tokens(span) for span in self._titled_names(view)]
        names += [_name_tokens(ent) for ent in self.doc.ents if ent.label_ == "ORG" and _misread_person(ent)]
        names = [_without_places(t) for t in names if t and not view.furniture(t[0].idx) and not _credit(t)]
        names = [t for t in names if t]
        organisations = [t for t in names if (len(t) > 1 and t[-1].lower_ in lexicon.place_and_org_words())
                         or _named_organisation(t[0])]
        names = [t for t in names if t not in organisations]
        # Words of the organisations' names: "Southlink" alone, after "Southlink Buses", is no person either.
        # (Not a person's name the recogniser took for an organisation's: "Amanda Nunes" tagged ORG.)
        self.organisation_words = {t.lower_ for name in organisations for t in name} | {
            t.lower_ for ent in self.doc.ents if ent.label_ == "ORG" and not looks_like_person(list(ent)) for t in ent}
        # A heading's full names that start with a common given name are people (a list of nominees); other names
        # there ("Mill Worker Recalls ...", tagged PERSON) only join people the article names.
        in_heading = [t for t in names if view.in_heading(t[0].idx)]
        body = sorted((t for t in names if t not in in_heading), key=lambda t: t[0].i)
        surnames = {tokens[0].i: found for tokens in body if (found := _after_nickname(tokens)) is not None}
        taken = {i for surname in surnames.values() for i in range(surname.start, surname.end)}
        for tokens in body:
            if tokens[0].i in taken:
                continue
            surname = surnames.get(tokens[0].i)
            if surname is None:
                self._add(tokens[0].i, tokens[-1].i + 1)
            else:
                self._add(tokens[0].i, surname.end, names=[clean_name(t.text) for t in (*tokens, *surname)])
        for tokens in sorted(in_heading, key=lambda t: t[0].i):
            self._add(tokens[0].i, tokens[-1].i + 1, create=self._listed(tokens))
        self._add_surname_mentions()
        for entry in self.entries:  # before common nouns are dropped: a surname with a given name is a person
            entry.tokens = self._completed(entry)
        self._drop_common_nouns()

    def people(self) -> People:
        index = {entry: k for k, entry in enumerate(self.entries)}
        by_token = {i: index[entry] for i, entry in self.by_token.items()}
        return People(tuple(e.facts() for e in self.entries), MappingProxyType(by_token))


    def _unrecognised_speakers(self, view: TextView) -> list[Span]:
        """Proper names the entity recogniser missed that are the subject of a reporting verb: "Schiff told"."""
        spans = []
        said = lexicon.speech_verbs()
        for token in self.doc:
            if token.dep_ not in SUBJECT_DEPS or token.head.lemma_.lower() not in said or view.quoted(token.idx):
                continue
            named = appositive_name(token)
            if named is not None:  # "Secretary of the Board of Trade, Ana Ruiz, said": she is the speaker
                if not any(t.ent_type_ == "PERSON" for t in named):
                    spans.append(named)
                continue
            if (token.pos_ != "PROPN" or (token.ent_type_ and not self._misread(token))
                    or acronym_expansion(view.text, token.text)  # "PTWU said": an organisation
                    or lexicon.collectives().get(token.lower_) in ("organization", "group")):  # "Mayor's Office"
                continue
            start = token.i
            while start > 0 and self.doc[start - 1].pos_ == "PROPN" and self.doc[start - 1].head.i == token.i:
                start -= 1
            spans.append(self.doc[start:token.i + 1])
        return spans

    def _listed(self, tokens: list[Token]) -> bool:
        """A full name in a heading that is a person of the article (a list of nominees), not its byline: the name
        is not the whole line, nor after "by"."""
        para = self.view.paragraphs[self.view.paragraph_of(tokens[0].idx)]
        line = self.view.text[para[0]:para[1]].strip()
        before = self.doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
        return (len(tokens) > 1 and tokens[0].lower_ in given_name_list() and before != "by"
                and line != self.doc[tokens[0].i:tokens[-1].i + 1].text)

    def _misread(self, token: Token) -> bool:
        """A surname the recogniser took for an organisation ("Nunes said", tagged ORG) that the article writes
        elsewhere after a common given name ("Amanda Nunes"; "the Cobbity Hawks" is no person)."""
        return token.ent_type_ == "ORG" and token.ent_iob_ == "B" and (
            token.i + 1 == len(self.doc) or self.doc[token.i + 1].ent_iob_ != "I") and any(
            t.text == token.text and common_given_name_before(self.doc, t.i) for t in self.doc)

    def _titled_names(self, view: TextView) -> list[Span]:
        """ "Mayor Ana Ruiz opened ...": a title word, then a first name and a surname the recogniser missed."""
        spans = []
        titles = lexicon.titles()
        for token in self.doc:
            if token.lower_ not in titles or token.ent_type_ or view.quoted(token.idx):
                continue
            end = token.i + 1
            while (end < len(self.doc) and self.doc[end].pos_ == "PROPN" and self.doc[end].text[:1].isupper()
                   and not self.doc[end].ent_type_ and self.doc[end].lower_ not in titles):
                end += 1
            if end - token.i == 3 and self.doc[end - 1].lower_ not in lexicon.place_and_org_words():
                spans.append(self.doc[token.i + 1:end])
        return spans

    def _match(self, names: list[str], honorific: str | None = None, at: int | None = None) -> _Entry | None:
        """The person these names refer to; "Mrs Smith" is never the "Mr Smith" met before. A name alone written
        at token `at` is the one of its bearers named last before it, not one a later caption introduces."""
        lowered = [n.lower() for n in names]
        if len(lowered) == 2 and lowered[0] in lexicon.particles():
            lowered = lowered[1:]  # "Al Masri" is the surname of "Rania Al Masri"
        if len(lowered) >= 2:
            surname, suffix = surname_of(lowered), name_suffix(lowered)
            for entry in self.entries:  # "Mark Delacroix" is not "Mark Delacroix Jr."
                if entry.first == lowered[0] and entry.last == surname and name_suffix(entry.tokens) == suffix:
                    return entry
            # "Baron Cohen" after "Sasha Baron Cohen": a surname of two words.
            ending = [e for e in self.entries if len(e.tokens) > len(lowered)
                      and [t.lower() for t in e.tokens[-len(lowered):]] == lowered]
            if len(ending) == 1:
                return ending[0]
            # A surname-only entry is upgraded by a full name, unless the article told several such apart
            # ("Mr Okoro", "Mrs Okoro", then "their son, David Okoro").
            alone = [e for e in self.entries if len(e.tokens) == 1 and e.last == surname]
            if len(alone) == 1 and (honorific is None or alone[0].honorific in (None, honorific)):
                return alone[0]
            return None
        candidates = [e for e in self.entries if (e.last == lowered[0] or e.first == lowered[0])
                      and (honorific is None or e.honorific in (None, honorific))]
        if honorific is not None:
            # "Mrs Pryce" is the one already called Mrs, before anyone else named Pryce; else one whose given name
            # the name list is sure is a woman's ("Denise Kells", not "Jordan Kells" who was called "Kells" last).
            candidates = ([e for e in candidates if e.honorific == honorific]
                          or [e for e in candidates if _given_name_gender(e) == honorific] or candidates)
        if not candidates:
            return None
        # A relative the article named by first name took the surname from the context ("their daughters Judy");
        # the surname alone ("Al Masri said") is the one who bore it first.
        candidates = [e for e in candidates if not e.relatives or e.first == lowered[0]] or candidates
        called = [e for e in candidates if lowered[0] in e.called] or candidates
        if at is not None:
            def latest_before(e: _Entry) -> int:
                return max((s for s, _ in e.mentions if s < at), default=-1)
            return max(called, key=lambda e: (latest_before(e), e.last_seen))
        return max(called, key=lambda e: e.last_seen)

    def _add(self, start: int, end: int, create: bool = True, names: list[str] | None = None) -> None:
        # By the article's spaces: "Holtz-Eakin" is one name.
        names = names or clean_name(self.doc[start:end].text).split()
        honorific = lexicon.honorifics().get(self.doc[start - 1].lower_) if start > 0 else None
        relative: str | None = None  # the gender a kinship word shows: "her husband, Alan"
        found = self._relative_name(self.doc[start]) if len(names) == 1 else None
        # "Brandvold's father, Joseph" is a Brandvold before he is any other Joseph the article named; "her daughter,
        # Judy" takes a surname from the context, so an earlier Judy comes first.
        named_owner = found is not None and any(
            c.dep_ == "poss" and c.pos_ == "PROPN" for c in self.doc[start].head.children)
        entry = None if named_owner else self._match(names, honorific, at=start)
        if entry is None and found is not None:
            names = found
            relative = lexicon.kinship().get(self.doc[start].head.lemma_.lower())
            entry = self._match(names, honorific or relative)
        if entry is None and not create:
            return
        if entry is None:
            entry = _Entry(tokens=names)
            self.entries.append(entry)
        elif len(names) > len(entry.tokens):
            entry.tokens = names
        entry.mentions.append((start, end))
        if len(names) == 1:
            entry.called.add(names[0].lower())
        if create:
            entry.last_seen = start
        for i in range(start, end):
            self.by_token[i] = entry
        if honorific is not None:
            entry.honorifics.append(honorific)  # type: ignore[arg-type]
            entry.honorific = entry.honorific or honorific
            entry.honorific_text = entry.honorific_text or self.doc[start - 1].text
        if relative is not None:
            entry.relatives.append(relative)  # type: ignore[arg-type]
            entry.honorific = entry.honorific or relative  # a husband is never the "Mrs Pryce" of the article
        if entry.title is None:
            title, org = _title_before(self.doc, start)
            if title is None:
                title, org = _possessed_title_before(self.doc, start)
            if title is None:
                title, org = _title_after(self.doc[end - 1])
            entry.title, entry.org = title, entry.org or org

    def _completed(self, entry: _Entry) -> list[str]:
        """A person the article calls only by surname ("Alvarez said"), under the full name it gives them where the
        recogniser missed it: after a dateline, in a caption, inside a misread entity ("Nadia Alvarez, a nurse").

        The given names are the capitalised proper nouns written right before the surname; when the article gives
        two different ones ("Rob Alvarez", "Teresa Alvarez") it names two people, and the surname stays bare."""
        surname = entry.tokens if len(entry.tokens) == 1 or (
            len(entry.tokens) == 2 and entry.tokens[0].lower() in lexicon.particles()) else None
        if surname is None:
            return entry.tokens
        found: dict[str, list[str]] = {}
        for match in re.finditer(rf"(?<![\w-]){re.escape(' '.join(surname))}(?![\w-])", self.view.text):
            token = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if token is None:
                continue
            given = given_names_before(self.doc, token.start)
            owner = self.by_token.get(token.start)
            if given and (owner is None or owner is entry):  # "their son, David Okoro" is not Mr Okoro
                found.setdefault(" ".join(given).lower(), given)
        firsts = {key.split()[0] for key in found}
        if len(firsts) != 1:
            return entry.tokens
        return max(found.values(), key=len) + entry.tokens

    def _relative_name(self, token: Token) -> list[str] | None:
        """ "Lindqvist's son, Erik" names Erik Lindqvist; "her husband, Alan", after Margaret Pryce, Alan Pryce."""
        head = token.head
        if token.dep_ != "appos" or head.lemma_.lower() not in lexicon.kinship():
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        if owner.lower_ in lexicon.narrator_pronouns():  # "My son, Felix": the writer's, of unknown surname
            return [token.text]
        if owner.lower_ in lexicon.pronouns():  # "her husband, Alan": the person last named before
            earlier = [e for e in self.entries if len(e.tokens) > 1 and 0 <= e.last_seen < token.i]
            known = max(earlier, key=lambda e: e.last_seen) if earlier else None
            return [token.text, *_surname(known.tokens)] if known else None
        if not owner.text[:1].isupper():
            return None
        known = self._match([owner.text])
        return [token.text, *(_surname(known.tokens) if known else [owner.text])]

    def _add_surname_mentions(self) -> None:
        """Surnames NER missed or mislabelled ("Chambers said" tagged ORG) still mention a known person."""
        surnames = {e.last for e in self.entries if len(e.tokens) > 1}
        known = surnames | {e.first for e in self.entries if len(e.tokens) > 1}
        for token in self.doc:
            if token.i in self.by_token or not token.text[:1].isupper() or self.view.furniture(token.idx):
                continue
            end = self._hyphenated_end(token)
            if end is None and clean_name(token.lower_) in known:
                end = token.i + 1
            if end is None or clean_name(self.doc[token.i:end].text).lower() not in known:
                continue
            # A nationality's tag on a full-named person's surname is the recogniser's slip ("Vanderhoevens",
            # NORP for its plural-looking ending); a place's may be the place.
            norp = token.ent_type_ == "NORP" and clean_name(self.doc[token.i:end].text).lower() not in surnames
            if token.ent_type_ in ("GPE", "LOC", "FAC") or norp or (
                    token.ent_type_ and token.ent_iob_ == "B" and end < len(self.doc)
                    and self.doc[end].ent_iob_ == "I"):
                continue
            self._add(token.i, end)

    def _hyphenated_end(self, token: Token) -> int | None:
        """The end of a name written with hyphens and no spaces ("Holtz-Eakin"), if the token starts one."""
        end = token.i + 1
        while end + 1 < len(self.doc) and inner_hyphen(self.doc[end]) and self.doc[end + 1].text[:1].isupper():
            end += 2
        return end if end > token.i + 1 else None

    def _drop_common_nouns(self) -> None:
        """A lone capitalised word only ever written after "the" ("told the Herald"), as the object of a
        preposition ("on Twitter", "to Cairns"), as a common noun ("Footage showed", "Mum said", "Clerk"), or as a
        word of an organisation's name ("Southlink" after "Southlink Buses") is no person the article describes."""
        common = lexicon.titles() | set(lexicon.kinship())
        said = lexicon.speech_verbs()
        for entry in list(self.entries):
            if len(entry.tokens) == 1 and (
                    (not entry.honorifics and entry.last in self.organisation_words)
                    or (not entry.honorifics and not entry.relatives and entry.title is None
                        and entry.last not in given_name_list()
                        and not any(self.doc[s].dep_ in SUBJECT_DEPS and self.doc[s].head.lemma_.lower() in said
                                    for s, _ in entry.mentions))
                    or all(self.doc[s].dep_ == "pobj" or (s > 0 and self.doc[s - 1].lower_ == "the")
                           or self.doc[s].pos_ == "NOUN" or self.doc[s].lower_ in common
                           for s, _ in entry.mentions)):
                self.entries.remove(entry)
                for s, e in entry.mentions:
                    for i in range(s, e):
                        self.by_token.pop(i, None)


def acronym_expansion(text: str, name: str | None) -> str | None:
    """The full name an acronym was introduced with: "Fitzroy Basin Flood Authority (FBFA)" for "FBFA"."""
    if not name or not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()):
        return None
    found = re.search(_INTRODUCED.format(re.escape(name)), text)
    if found is None:
        return None
    words = found.group(1).split()
    while words and words[0].lower() in lexicon.determiners():
        words = words[1:]
    return " ".join(words) or None
