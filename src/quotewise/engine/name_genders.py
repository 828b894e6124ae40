"""The second, optional source of a person's gender: their given name, looked up in a list of names.

The article's own words (an honorific, a pronoun tied to the person, a kinship word) are the first source and
always win: a name is looked up only for a person they give no evidence for at all (evidence that disagrees
leaves the gender open, as it does without the list). The guess is made on the finished people, after pronouns
were resolved, so a guessed gender never becomes pronoun evidence. It stays marked as a guess:
`gender_source="names"`, the list's probability in `name_gender_p`, and the evidence kind "name-list".

The list is nomquamgender's (MIT; docs/how-it-works.md#gender-two-sources): each name with how many times it was
observed and the share of its bearers who are women. It ships in that package's wheel, so looking it up needs no
network. Its JSON is read directly rather than through the package's module, which imports pandas and keeps all
of its 720,000 entries in memory for the life of the process; only the names observed often enough are kept.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError
from ..records import Gender, Person
from . import lexicon

NAME_LIST = "name-list"  # the evidence kind of a gender from the name list
# A given name is one the name list saw at least this often: rarer entries include words ("the", "canada").
MIN_GIVEN_NAME_COUNT = 1000
_RULES = "name_list.tsv"
_DATA = "name_data.json"  # in the nomquamgender package: {name: [sources, observations, p(female), category]}
# One entry of the list: "name": [sources, observations, p(female), ...
_ENTRY = re.compile(r'"((?:[^"\\]|\\.)*)":\s*\[\s*(\d+),\s*(\d+),\s*([-+.\deE]+)')
# "J", "J.", "J.R.", "J.-P.": initials, not a given name.
_INITIAL = re.compile(r"[^\W\d_]\.?|(?:[^\W\d_]\.-?)+[^\W\d_]?\.?")


@dataclass(frozen=True, slots=True)
class NameList:
    """Given names (folded as `fold` folds them) and the share of their bearers who are women."""

    female_share: Mapping[str, float]
    min_probability: float = field(default_factory=lambda: float(lexicon.table(_RULES)["min_probability"]))
    # Names common enough that a person called by the word alone ("Catherine") is called by their given name.
    common: frozenset[str] = frozenset()

    def gender_of(self, name: str) -> tuple[Gender, float] | None:
        """The gender the list gives the person's given name, with its probability, when that is at least
        `min_probability`; None for no given name, a name the list lacks, or one borne by both."""
        given = given_name(name)
        return self.gender_of_given(given) if given else None

    def gender_of_person(self, name: str) -> tuple[Gender, float] | None:
        """As `gender_of`, and for a person called by one common given name alone ("Catherine"), that name's."""
        if len(name.split()) == 1 and fold(name) in self.common:
            return self.gender_of_given(name)
        return self.gender_of(name)

    def gender_of_given(self, given: str) -> tuple[Gender, float] | None:
        """The gender the list gives one given name, as `gender_of` does."""
        share = self.female_share.get(fold(given))
        if share is None:
            return None
        if share >= self.min_probability:
            return "female", share
        if 1 - share >= self.min_probability:
            return "male", round(1 - share, 6)
        return None


def fold(name: str) -> str:
    """A name as the list spells it, lower case without accents: "José" is "jose". (The list's own folding,
    Unidecode, also spells other scripts in ASCII; it is GPL, so quotewise doesn't import it, and a name it
    would have folded otherwise is only not found.)"""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def given_name(name: str) -> str | None:
    """The first name of a person's name: its first word when there are two or more and it is neither an initial
    nor an honorific ("J. Okoro", "Mr Okoro" and a lone "Okoro" have none). Titles need no check: the people
    list names a person without them, and "Dean" before a surname is a given name."""
    words = name.split()
    if len(words) < 2 or _INITIAL.fullmatch(words[0]) or words[0].lower() in lexicon.honorifics():
        return None
    return words[0]


def with_name_genders(persons: Iterable[Person], names: NameList) -> tuple[Person, ...]:
    """The people, each one the article gives no gender evidence for given the gender of their given name."""
    return tuple(_guessed(person, names) for person in persons)


def _guessed(person: Person, names: NameList) -> Person:
    if person.gender_evidence or person.gender is not None:
        return person
    found = names.gender_of_person(person.name)
    if found is None:
        return person
    gender, p = found
    return replace(person, gender=gender, gender_source="names", name_gender_p=p, gender_evidence=((NAME_LIST, 1),))


def read_observed(path: Path) -> dict[str, tuple[int, float]]:
    """The names of a list in nomquamgender's JSON observed at least `min_count` times: (observations, share).

    Read entry by entry off the text rather than by `json.load`, which would build all 721,739 entries (about
    180 MB at its peak, in every worker process) to keep a quarter of them."""
    min_count = int(lexicon.table(_RULES)["min_count"])
    text = path.read_text(encoding="utf-8")
    if not text.lstrip().startswith("{"):
        raise ValueError("not a JSON object")
    found = {}
    for entry in _ENTRY.finditer(text):
        if int(entry[3]) >= min_count:
            found[json.loads(f'"{entry[1]}"')] = (int(entry[3]), float(entry[4]))
    if not found:
        raise ValueError("no names in it")
    return found


@functools.cache
def load() -> NameList:
    observed = observed_names()
    return NameList({name: share for name, (_, share) in observed.items()},
                    common=frozenset(name for name, (count, _) in observed.items() if count >= MIN_GIVEN_NAME_COUNT))


@functools.cache
def observed_names() -> Mapping[str, tuple[int, float]]:
    """nomquamgender's names observed at least `min_count` times, each with its observations and the share of
    women; read once per process (the first call takes seconds and ~180 MB at its peak). The recogniser's list
    of common given names (`names.given_name_list`) comes from it too."""
    spec = importlib.util.find_spec("nomquamgender")  # found, not imported
    path = Path(spec.submodule_search_locations[0]) / _DATA if spec and spec.submodule_search_locations else None
    if path is None or not path.is_file():
        raise ConfigError("QW215", "the name list of nomquamgender is not installed",
                          "pip install nomquamgender (a quotewise dependency)")
    try:
        return read_observed(path)
    except (OSError, ValueError, TypeError, IndexError, AttributeError) as exc:
        raise ConfigError("QW215", f"cannot read the name list {path} ({exc})",
                          "reinstall it: pip install --force-reinstall nomquamgender") from None
