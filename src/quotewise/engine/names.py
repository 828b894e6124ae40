"""The shape of a person's name in running text: given names, suffixes, characters that are no letters."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from . import lexicon, name_genders

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))  # zero-width and soft hyphen
_POSSESSIVE = re.compile(r"[’‘'`]s\b")
_MAX_GIVEN = 3  # "Jake Thomas", "Mary Ann Louise": given and middle names before a surname
_NOT_NAMES = ("GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")


def clean_name(text: str) -> str:
    """A name as written, without the invisible characters web pages leave inside words, and ended at a
    possessive the recogniser ran past ("Chuck Schumer‘s", "Gaga’s Shallow")."""
    return _POSSESSIVE.split(text.translate(_INVISIBLE), maxsplit=1)[0]


def name_suffix(words: list[str]) -> str | None:
    """The suffix that ends a name and tells a father from a son ("Jr.", "III"), lower case, without its stop."""
    last = words[-1].lower().rstrip(".")
    return last if len(words) > 2 and last in lexicon.name_suffixes() else None


def surname_of(words: list[str]) -> str:
    """The last word of a name, or the one before its suffix: "Delacroix" of "Mark Delacroix Jr."."""
    return words[-2] if name_suffix(words) else words[-1]


@functools.cache
def given_name_list() -> frozenset[str]:
    """Common given names (lowercase): the names of nomquamgender's list seen often enough that they are names,
    not words ("the", "canada" are in it too, rarely), as `name_genders.load` keeps them."""
    return frozenset(name for name in name_genders.load().common if name.isalpha())


def looks_like_person(tokens: list[Token]) -> bool:
    """ "Amanda Nunes" read as an organisation: a common given name, then capitalised names, no organisation
    word ("Jordan Valley Council" stays one)."""
    return (2 <= len(tokens) <= 3 and tokens[0].lower_ in given_name_list()
            and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.isalpha() for t in tokens)
            and not any(t.lower_ in lexicon.place_and_org_words() for t in tokens))


def appositive_name(subject: Token) -> Span | None:
    """ "Keeper of the Ruler's Seal, Syed Danial Syed Ahmad, said", "A spokeswoman for the mayor, Eleanor Catt,
    said": a proper name set off by a comma that closes a subject phrase names the one the phrase describes."""
    tokens = [t for t in subject.subtree if not (t.is_punct and t.i > subject.i)]
    last = tokens[-1]
    name = next((t for t in subject.subtree if t.dep_ == "appos" and t.pos_ == "PROPN" and t.right_edge.i == last.i
                 and t.i > subject.i), None)
    if name is None or name.left_edge.i == 0 or name.doc[name.left_edge.i - 1].text != ",":
        return None
    span = name.doc[name.left_edge.i:name.i + 1]
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span) or not (
            len(span) >= 2 or name.ent_type_ == "PERSON"):
        return None
    return span


def given_names_before(doc: Doc, i: int) -> list[str]:
    """The given names written right before the surname starting at token ``i``: "Amanda" in "-- Amanda Nunes".

    Capitalised proper nouns on the same line, no title ("Mayor"), honorific, place or date among them; an
    initial ("J.") counts when a given name precedes it.
    """
    given: list[Token] = []
    j = i - 1
    while j >= 0 and len(given) < _MAX_GIVEN and _given_name(doc[j]):
        given.insert(0, doc[j])
        j -= 1
    # A capital that opens the sentence ("Rival Sokolowski said") is a given name only if the name list knows it.
    while given and (_initial(given[0]) or (given[0].is_sent_start and given[0].lower_ not in given_name_list())):
        given.pop(0)
    return [clean_name(t.text) for t in given]


def common_given_name_before(doc: Doc, i: int) -> bool:
    """Whether a given name the name list knows is written right before token ``i``."""
    given = given_names_before(doc, i)
    return bool(given) and given[0].lower() in given_name_list()


def _given_name(token: Token) -> bool:
    if "\n" in token.whitespace_ or token.is_space or token.ent_type_ in _NOT_NAMES:
        return False
    lower = token.lower_.rstrip(".")
    if lower in lexicon.titles() or lower in lexicon.honorifics() or lower in lexicon.place_and_org_words():
        return False
    if _initial(token):
        return True
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.text.isalpha() and not token.text.isupper()


def _initial(token: Token) -> bool:
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."
