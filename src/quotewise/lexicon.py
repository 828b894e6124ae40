"""The word lists under resources/, loaded once. Rules live there as data, not in code."""

from __future__ import annotations

import functools
from importlib import resources


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


def cue_verbs() -> dict[str, str]:
    return table("cue_verbs.tsv")


def cue_nouns() -> dict[str, str]:
    return table("cue_nouns.tsv")


def collectives() -> dict[str, str]:
    return table("collectives.tsv")


def titles() -> frozenset[str]:
    return words("titles.txt")


def title_modifiers() -> frozenset[str]:
    return words("title_modifiers.txt")


def question_verbs() -> frozenset[str]:
    return words("question_verbs.txt")
