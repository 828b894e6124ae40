"""The word lists under resources/, loaded once. Rules live there as data, not in code."""

from __future__ import annotations

import functools
import re
from importlib import resources

from nameparser.config import CONSTANTS


def _lines(name: str) -> list[list[str]]:
    text = resources.files("quotewise").joinpath("resources", name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@functools.cache
def table(name: str) -> dict[str, str]:
    """A two-column resource as {word: value}."""
    return {row[0].lower(): row[1] for row in _lines(name)}


@functools.cache
def words(name: str) -> frozenset[str]:
    """A one-column resource as a set of lower-case words."""
    return frozenset(row[0].lower() for row in _lines(name))


@functools.cache
def particles() -> frozenset[str]:
    """Words that begin a surname: "al", "bin", "de", "van", "von", ... (lowercase), from nameparser's constants,
    a list kept for many naming traditions, so "Rania Al Masri" is one name and "Al Masri" her surname."""
    return frozenset(p.rstrip("-") for p in CONSTANTS.prefixes if p.rstrip("-").isalpha())


def name_suffixes() -> frozenset[str]:
    return words("name_suffixes.txt")


@functools.cache
def short_forms() -> dict[str, frozenset[str]]:
    """Given names' usual short forms: {"bob": {"robert"}, ...}."""
    return {row[0].lower(): frozenset(row[1].lower().split()) for row in _lines("short_forms.tsv")}


def cue_verbs() -> dict[str, str]:
    return table("cue_verbs.tsv")


@functools.cache
def speech_verbs() -> frozenset[str]:
    """The cue verbs of what a source said or wrote (kinds speech and writing)."""
    return frozenset(verb for verb, kind in cue_verbs().items() if kind in ("speech", "writing"))


def cue_nouns() -> dict[str, str]:
    return table("cue_nouns.tsv")


def collectives() -> dict[str, str]:
    return table("collectives.tsv")


def titles() -> frozenset[str]:
    return words("titles.txt")


def title_modifiers() -> frozenset[str]:
    return words("title_modifiers.txt")


def negating_verbs() -> frozenset[str]:
    return words("negating_verbs.txt")


def place_and_org_words() -> frozenset[str]:
    return words("place_and_org_words.txt")


def generic_org_nouns() -> frozenset[str]:
    return words("generic_org_nouns.txt")


def narrator_pronouns() -> frozenset[str]:
    return words("narrator_pronouns.txt")


@functools.cache
def genders(name: str) -> dict[str, str | None]:
    """A word -> gender resource ("-" for none) as {word: "male" | "female" | None}."""
    return {word: None if gender == "-" else gender for word, gender in table(name).items()}


def kinship() -> dict[str, str | None]:
    """Relative -> the gender the word shows ("husband"), or None ("carer")."""
    return genders("kinship.tsv")


def question_verbs() -> frozenset[str]:
    return words("question_verbs.txt")


def pronouns() -> dict[str, str]:
    """Pronoun -> what it can refer to: male, female, plural or thing."""
    return table("pronouns.tsv")


def honorifics() -> dict[str, str | None]:
    """Honorific -> the gender it shows ("Mrs"), or None ("Dr")."""
    return genders("honorifics.tsv")


def determiners() -> frozenset[str]:
    return words("determiners.txt")


def definite_determiners() -> frozenset[str]:
    return words("definite_determiners.txt")


def role_prepositions() -> frozenset[str]:
    return words("role_prepositions.txt")


def relative_pronouns() -> frozenset[str]:
    return words("relative_pronouns.txt")


def person_pronouns() -> frozenset[str]:
    return words("person_pronouns.txt")


def expletives() -> frozenset[str]:
    return words("expletives.txt")


def conjunctions() -> frozenset[str]:
    return words("conjunctions.txt")


def channels() -> frozenset[str]:
    return words("channels.txt")


def own_channels() -> frozenset[str]:
    return words("own_channels.txt")


def receiving_verbs() -> frozenset[str]:
    return words("receiving_verbs.txt")


def place_abbreviations() -> frozenset[str]:
    return words("place_abbreviations.txt")


@functools.cache
def embedded_posts() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(channel, pattern) of a social-media post embedded in a page: its text, a link and the author's signature."""
    return tuple((row[0], re.compile(row[1])) for row in _lines("embedded_posts.tsv"))


def noun_gender(word: str) -> str | None:
    """The gender a role noun shows by its ending ("spokeswoman") or a kinship word by itself ("mother")."""
    word = word.lower()
    found = kinship().get(word)
    if found:
        return found
    return next((gender for suffix, gender in _gendered_suffixes() if word.endswith(suffix) and word != suffix), None)


@functools.cache
def _gendered_suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, gender), longest first: "woman" before "man"."""
    return tuple(sorted(table("gendered_suffixes.tsv").items(), key=lambda pair: -len(pair[0])))
