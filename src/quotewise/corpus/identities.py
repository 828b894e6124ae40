"""Speaker identities across an archive: which speakers of different articles are one person or organisation.

An identity is found by keys, the strings a name reduces to; speakers that reduce to a key the store already
holds are that key's identity. The rules (docs/corpus.md, "Speaker identities"):

- a person's key is their given name and surname, without case, diacritics, titles or middle names and initials,
  with a suffix kept: "Prime Minister Justin Trudeau", "justin trudeau" and "Justin P. J. Trudeau" are one;
  "Mark Delacroix Jr." is not "Mark Delacroix";
- a name of one word (a surname or given name the engine left bare) joins nothing outside its article: which
  "Kim" it is, the article did not say;
- an organisation's key is its full name without case, diacritics or a leading "the", and the acronym the
  article introduced it with ("the Passenger Transport Workers' Union (PTWU)") is a key of it too;
- any other speaker (a group, a document, an unnamed "spokeswoman") is an identity of its own article.

Keys are pure functions of the text and the engine's result; the store gives them ids (corpus.store).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from nameparser import HumanName

from ..records import ArticleResult


@dataclass(frozen=True, slots=True)
class Claim:
    """A speaker of one article as the store's identities see it: the keys it reduces to, its name and kind."""

    keys: tuple[str, ...]
    name: str
    kind: str


def folded(name: str) -> str:
    """A name without case, diacritics, possessive or punctuation other than inner hyphens and apostrophes."""
    name = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = re.sub(r"'s\b", "", name)
    return " ".join(re.sub(r"[^\w'\- ]+", " ", name).split())


def person_key(name: str) -> str | None:
    """The key of a full name; None for a name of one word, which joins nothing across articles."""
    parsed = HumanName(folded(name))
    first, last = parsed.first.strip(".'-"), parsed.last.strip(".'-")
    if not first or not last or len(first) == 1:
        return None
    suffix = parsed.suffix.replace(".", "").replace(",", "").strip()
    return f"person:{first} {last}" + (f" {suffix}" if suffix else "")


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
    return Claim((f"local:{article_id}:{kind}:{folded(name)}",), name, kind)


def claims(
    article_id: str, text: str, people: Sequence[str], speakers: Sequence[tuple[str | None, str]]
) -> tuple[list[Claim], list[Claim | None]]:
    """The claims of an article's people (their names, in order) and of its quotations (speaker name and kind;
    None for a quotation without a speaker): a quotation whose speaker is one of the people makes that person's."""
    of_people = []
    for name in people:
        key = person_key(name)
        of_people.append(Claim((key,), name, "person") if key else _local(article_id, "person", name))
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
