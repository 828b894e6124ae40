"""Speaker identities across an archive: which speakers of different articles are one person or organisation.

An identity is found by keys, the strings a name reduces to; speakers that reduce to a key the store already
holds are that key's identity. The rules (docs/corpus.md, "Speaker identities"):

- a person's key is their given name and surname, without case, diacritics, titles or middle names and initials,
  with a suffix kept: "Prime Minister Justin Trudeau", "justin trudeau" and "Justin P. J. Trudeau" are one;
  "Mark Delacroix Jr." is not "Mark Delacroix";
- a name of one word (a surname or given name the engine left bare) joins nothing outside its article: which
  "Kim" it is, the article did not say;
- a short form joins when an article gives it: 'Robert "Bob" Smith' (or 'Robert (Bob) Smith') is a key of "bob
  smith" too, so "Bob Smith" elsewhere is him; a short form alone never joins (Bob Smith is not Robert Smith
  unless an article says so);
- an organisation's key is its full name without case, diacritics or a leading "the", and the acronym the
  article introduced it with ("the Passenger Transport Workers' Union (PTWU)") is a key of it too;
- any other speaker (a group, a document, an unnamed "spokeswoman") is an identity of its own article.

Names that could be one person but stay apart are the "possible same person" list (`doubt`): one surname with
a given name and its short form or initial, a name with and without a suffix, a surname alone and the one full
name the archive has with it.

Keys are pure functions of the text and the engine's result; the store gives them ids (corpus.store).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from nameparser import HumanName

from ..engine.lexicon import particles, short_forms
from ..records import ArticleResult

_OPENING = "\"\u201c\u2018'("
_CLOSING = "\"\u201d\u2019')"
_SHORT_IN_NAME = re.compile(rf"[{_OPENING}]([A-Z][\w'-]+)[{_CLOSING}]")
_SHORT_IN_TEXT = re.compile(rf"\b([A-Z][\w'-]+)\s+[{_OPENING}]([A-Z][\w'-]+)[{_CLOSING}]((?:\s+[A-Z][\w.'-]*){{1,3}})")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A folded person's name as the possible same person list compares it; `given` is None for a surname
    alone, one letter for an initial."""

    given: str | None
    surname: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A speaker of one article as the store's identities see it: the keys it reduces to, its name and kind, and
    for a person's name its parts, which the "possible same person" list compares."""

    keys: tuple[str, ...]
    name: str
    kind: str
    parts: NameParts | None = None


def folded(name: str) -> str:
    """A name without case, diacritics, possessive or punctuation other than inner hyphens and apostrophes."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"'s\b", "", name)
    return " ".join(re.sub(r"[^\w'\- ]+", " ", name).split())


@functools.lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts | None:
    """Given name, surname and suffix of a name, folded; a name of one word is a surname alone."""
    parsed = HumanName(folded(name))
    first, last = parsed.first.strip(".'-"), parsed.last.strip(".'-")
    suffix = parsed.suffix.replace(".", "").replace(",", "").strip()
    if not last:
        return NameParts(None, first, suffix) if first else None
    return NameParts(first or None, last, suffix)


def person_key(name: str) -> str | None:
    """The key of a full name; None for a name of one word, which joins nothing across articles."""
    parts = name_parts(name)
    if parts is None or parts.given is None or len(parts.given) == 1:
        return None
    return _key(parts.given, parts)


def _key(given: str, parts: NameParts) -> str:
    return f"person:{given} {parts.surname}" + (f" {parts.suffix}" if parts.suffix else "")


def short_form_keys(name: str, text: str) -> tuple[str, ...]:
    """The keys of the short forms an article gives a person between given name and surname, in quotation marks
    or parentheses: 'Robert "Bob" Smith' in the name the engine found, or in the text beside it."""
    parts = name_parts(name)
    if parts is None or parts.given is None:
        return ()
    found = _SHORT_IN_NAME.findall(name)
    last = parts.surname.split()[-1]
    found += [short for given, short, after in _short_forms_given(text) if given == parts.given and last in after]
    keys = [_key(folded(short), parts) for short in found if len(folded(short).split()) == 1]
    return tuple(key for key in dict.fromkeys(keys) if key != _key(parts.given, parts))


@functools.lru_cache(maxsize=16)
def _short_forms_given(text: str) -> tuple[tuple[str, str, frozenset[str]], ...]:
    """Every 'Given "Short" Surname' of a text, read once for all its people: the given name folded, the short
    form, and the words after it folded (a middle initial may come before the surname)."""
    return tuple((folded(given), short, frozenset(folded(after).split()))
                 for given, short, after in _SHORT_IN_TEXT.findall(text))


def looks_like_name(name: str) -> bool:
    """Whether a speaker the engine left without a full name is still a name ("Ruiz", "J. Smith"), not a
    description ("spokeswoman for the council"): capitalised words, particles between."""
    words = name.split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or (0 < i < len(words) - 1 and w in particles())
                                       for i, w in enumerate(words))


def doubt(one: NameParts, other: NameParts) -> str | None:
    """Why two names of one surname could be one person, or None: "suffix" (Mark Delacroix, Mark Delacroix Jr.),
    "initial" (J. Smith, John Smith), "short form" (Bob or Rob Smith, Robert Smith), "surname alone" (Smith)."""
    if one.surname != other.surname:
        return None
    if one.given is None or other.given is None:
        return "surname alone" if one.given != other.given else None
    if one.given == other.given:
        return "suffix" if one.suffix != other.suffix else None
    if one.suffix != other.suffix:
        return None
    if min(len(one.given), len(other.given)) == 1:
        return "initial" if one.given[0] == other.given[0] else None
    short, full = sorted((one.given, other.given), key=len)
    if (len(short) >= 3 and full.startswith(short)) or any(
            full in short_forms().get(a, ()) for a in (short, full)) or short in short_forms().get(full, ()):
        return "short form"
    return None


def could_be(given: str) -> tuple[tuple[str, ...], str | None]:
    """The given names a name of this given name could be one person with (`doubt`), for the store to look up:
    exact names, and a start the others' names may have (None for none)."""
    exact = {given, given[0]} | {short for short, full in short_forms().items() if given in full}
    exact |= set(short_forms().get(given, ())) | {given[:n] for n in range(3, len(given))}
    return tuple(sorted(exact)), given if len(given) == 1 or len(given) >= 3 else None


def doubts(key: str, mine: NameParts, others: Sequence[tuple[int, str, str | None]]) -> list[tuple[int, str]]:
    """Which of `others` (id, key, given name, as stored) of one surname a new identity (its key and name parts)
    could be one person with, and why; never two names local to their articles, which nothing would lead a reader
    from one to the other."""
    found = []
    for i, other_key, given in others:
        if not (key.startswith("person:") or other_key.startswith("person:")):
            continue
        reason = doubt(mine, stored_parts(other_key, given, mine.surname))
        if reason:
            found.append((i, reason))
    return found


def stored_parts(key: str, given: str | None, surname: str) -> NameParts:
    """The name parts of a stored identity of this surname, from its given name and key without parsing again:
    the suffix is what the key holds after them."""
    name = key.removeprefix("person:") if key.startswith("person:") else key.rsplit(":", 1)[1]
    head = f"{given} {surname}" if given else surname
    return NameParts(given, surname, name[len(head):].strip() if name.startswith(head) else "")


def key_parts(key: str) -> NameParts | None:
    """The name parts of a person's key: a full name's, or the name of a person left local to its article."""
    if key.startswith("person:"):
        return name_parts(key.removeprefix("person:"))
    if key.startswith("local:") and key.rsplit(":", 2)[1] == "person":
        return name_parts(key.rsplit(":", 1)[1])
    return None


def organisation_keys(name: str, text: str) -> tuple[str, ...]:
    """The organisation's full name and the acronym the article gives it in parentheses right after it."""
    own = folded(name)
    if own.startswith("the "):
        own = own[4:]
    keys = [f"org:{own}"]
    introduced = re.search(re.escape(name) + r"[’']?s?\s*\(([A-Z][A-Za-z&]{1,9})\)", text)
    if introduced and introduced.group(1).upper() == introduced.group(1):
        keys.append(f"org:{introduced.group(1).casefold()}")
    return tuple(dict.fromkeys(keys))


def _local(article_id: str, kind: str, name: str) -> Claim:
    key = f"local:{article_id}:{kind}:{folded(name)}"
    return Claim((key,), name, kind, key_parts(key) if looks_like_name(name) else None)


def claims(
    article_id: str, text: str, people: Sequence[str], speakers: Sequence[tuple[str | None, str]]
) -> tuple[list[Claim], list[Claim | None]]:
    """The claims of an article's people (their names, in order) and of its quotations (speaker name and kind;
    None for a quotation without a speaker): a quotation whose speaker is one of the people makes that person's."""
    of_people = []
    for name in people:
        key = person_key(name)
        parts = name_parts(name) if looks_like_name(name) else None
        of_people.append(Claim((key, *short_form_keys(name, text)), name, "person", parts)
                         if key else _local(article_id, "person", name))
    by_name = dict(zip(people, of_people, strict=True))
    of_quotes: list[Claim | None] = []
    for name, kind in speakers:
        if not name:
            of_quotes.append(None)
        elif kind == "person" and name in by_name:
            of_quotes.append(by_name[name])
        elif kind == "organization":
            of_quotes.append(Claim(organisation_keys(name, text), name, "organization"))
        else:
            of_quotes.append(_local(article_id, kind, name))
    return of_people, of_quotes


def result_claims(article_id: str, text: str, result: ArticleResult) -> tuple[list[Claim], list[Claim | None]]:
    """`claims` of an extraction's result."""
    return claims(article_id, text, [p.name for p in result.people],
                  [(q.speaker_name, q.speaker_kind) for q in result.quotes])


def pooled_gender(found: Sequence[tuple[str | None, str | None]]) -> tuple[str, str | None]:
    """An identity's gender from every article's: (gender, source), one per article that named the person.

    The articles' own words decide: one gender shown in any article and no other shown in any is that gender,
    from "evidence"; two different ones are a conflict, "unknown". Only with no textual evidence anywhere does
    the name list (with `--gender evidence+names`) give one, from "names", and never mixed with evidence."""
    shown = {gender for gender, source in found if gender and source == "evidence"}
    if shown:
        return (shown.pop(), "evidence") if len(shown) == 1 else ("unknown", None)
    named = {gender for gender, source in found if gender and source == "names"}
    return (named.pop(), "names") if len(named) == 1 else ("unknown", None)
