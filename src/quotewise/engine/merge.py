"""Putting the results of a long text's chunks back together as one article, one chunk at a time.

Chunks arrive in text order. Their quotations only need moving to article offsets (`Quote.shifted`) and can be
passed on at once; their people are joined by name and kept until the last chunk, so what a caller holds grows
with the people an article names, not with its quotations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..records import Person
from .name_genders import NAME_LIST


@dataclass
class _Joined:
    """A person as the chunks so far describe them."""

    name: str
    genders: set[str] = field(default_factory=set)  # from the article's words
    evidence: Counter[str] = field(default_factory=Counter)
    guesses: set[tuple[str, float | None]] = field(default_factory=set)  # from the name list: (gender, p)
    quoted: bool = False
    title: str | None = None
    org: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, person: Person, offset: int) -> None:
        if person.gender_source == "names":
            self.guesses.add((person.gender, person.name_gender_p))  # type: ignore[arg-type]
        else:
            if person.gender:
                self.genders.add(person.gender)
            self.evidence.update(dict(person.gender_evidence))
        self.quoted = self.quoted or person.quoted
        self.title = self.title or person.title
        self.org = self.org or person.org
        self.mentions.extend((s + offset, e + offset) for s, e in person.mentions)

    def person(self) -> Person:
        # The article's words in any chunk decide, as in one chunk; the name list only where no chunk has any.
        guess = next(iter(self.guesses)) if len(self.guesses) == 1 and not (self.genders or self.evidence) else None
        if guess is not None:
            gender, p, evidence = guess[0], guess[1], {NAME_LIST: 1}
        else:  # chunks that disagree leave it open
            gender, p, evidence = next(iter(self.genders)) if len(self.genders) == 1 else None, None, self.evidence
        return Person(
            name=self.name,
            gender=gender,  # type: ignore[arg-type]
            quoted=self.quoted,
            title=self.title,
            org=self.org,
            mentions=tuple(self.mentions),
            gender_evidence=tuple(sorted(evidence.items())),
            gender_source="names" if guess is not None else None,
            name_gender_p=p,
        )


class PeopleMerger:
    """The people of an article's chunks, joined as each chunk arrives.

    A person named alike in a later chunk joins the earlier one (the last of that name, if an earlier chunk told
    two apart); within one chunk people are already told apart, even when they share a name, so they stay apart.
    """

    def __init__(self) -> None:
        self._joined: list[_Joined] = []
        self._by_name: dict[str, int] = {}

    def add(self, offset: int, people: tuple[Person, ...]) -> None:
        """Fold in the people of the chunk that starts at `offset` in the article."""
        named: dict[str, int] = {}
        for person in people:
            k = self._by_name.get(person.name)
            if k is None:
                k = len(self._joined)
                self._joined.append(_Joined(person.name))
                named[person.name] = k
            self._joined[k].add(person, offset)
        self._by_name.update(named)

    def people(self) -> tuple[Person, ...]:
        return tuple(joined.person() for joined in self._joined)
