"""The records quotewise outputs: small frozen dataclasses whose field names are the JSON schema.

One vocabulary runs from Python to JSON to CSV: `to_dict` is the only serializer, and
`from_dict` reads it back, so gold files and stored predictions round-trip.
Offsets are Python ``str`` indices into the article text as read; ``end`` is exclusive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "group", "document", "unknown"]
# What a cue reports: said (speech), wrote (writing), believed or intended (thought), saw (perception), found
# (finding), did (action), or a word the cue classifier accepts that the lexicon doesn't list (other).
CueKind = Literal["speech", "writing", "thought", "perception", "finding", "action", "other"]
Scope = Literal["quotes", "attributions"]
Gender = Literal["male", "female"]
# Where a person's gender came from: the article's own words, or a list of given names (`--gender evidence+names`).
GenderSource = Literal["evidence", "names"]
# How a speaker mention was tied to whom it names; "-unresolved" when a pronoun found no antecedent.
SpeakerRoute = Literal[
    "named", "pronoun", "pronoun-unresolved", "relative", "relative-unresolved", "collective", "unlisted-name",
    "title", "role-noun", "noun-phrase", "description", "description-unresolved",
]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return _plain_fields(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(str(data["text"]), int(data["start"]), int(data["end"]))

    def shifted(self, offset: int) -> Span:
        return Span(self.text, self.start + offset, self.end + offset)


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed quotation: what was said, the cue that reports it, and who said it."""

    text: str
    start: int
    end: int
    type: QuoteType
    cue: Span | None = None
    speaker: Span | None = None
    speaker_name: str | None = None
    speaker_kind: SpeakerKind = "unknown"
    speaker_title: str | None = None
    speaker_org: str | None = None
    confidence: float = 0.0
    evidence: str = ""
    cue_kind: CueKind | None = None
    parts: tuple[tuple[int, int], ...] = ()  # quoted pieces of a split quotation; () when contiguous
    rule: str = ""  # what found the content and paired it with its cue (docs/how-it-works.md lists them)
    speaker_route: SpeakerRoute | None = None  # how the speaker mention was resolved; None without a speaker
    # What the speaker spoke through when the cue names it: "statement", "tweet", "interview"; None when not said.
    channel: str | None = None
    # No cue of its own in its sentence: a later paragraph of a quotation, or one that continues the attribution
    # before it, taking that cue and speaker; or one with no attribution at all. The name is the Gender Gap
    # Tracker's, so tools written for its output read ours.
    is_floating_quote: bool = False

    @property
    def words(self) -> str:
        """The quoted words: a split quotation's pieces joined with " … ", without the "she said" between them."""
        if not self.parts:
            return self.text
        return " … ".join(self.text[s - self.start:e - self.start] for s, e in self.parts)

    def shifted(self, offset: int) -> Quote:
        """The same quotation with every offset moved by `offset`: a chunk's result placed in its article."""
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            cue=self.cue.shifted(offset) if self.cue else None,
            speaker=self.speaker.shifted(offset) if self.speaker else None,
            parts=tuple((s + offset, e + offset) for s, e in self.parts),
        )

    def to_dict(self) -> dict[str, Any]:
        return _plain_fields(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return _from_fields(cls, data, _QUOTE_READERS, {"type": "direct"})


@dataclass(frozen=True, slots=True)
class Person:
    """A person the article mentions, under the fullest name it gives them."""

    name: str
    gender: Gender | None = None
    quoted: bool = False
    title: str | None = None
    org: str | None = None
    mentions: tuple[tuple[int, int], ...] = ()
    # What the gender was decided from: ("honorific-female", 1), ("pronoun-male", 2), ...; () when nothing showed it.
    # A gender from the name list is ("name-list", 1): it is never counted with the article's own evidence.
    gender_evidence: tuple[tuple[str, int], ...] = ()
    gender_source: GenderSource | None = None  # None without a gender; a gender given alone is the article's evidence
    name_gender_p: float | None = None  # with "names": the list's share of people of that name who are of that gender

    def __post_init__(self) -> None:
        # Every gender was the article's evidence before the name list, so records written then read as such.
        if self.gender is not None and self.gender_source is None:
            object.__setattr__(self, "gender_source", "evidence")

    def to_dict(self) -> dict[str, Any]:
        data = _plain_fields(self)
        beside = {"gender_source": data.pop("gender_source"), "name_gender_p": data.pop("name_gender_p"),
                  "gender_evidence": dict(data.pop("gender_evidence"))}  # counts by kind read best as an object
        shown: dict[str, Any] = {}
        for key, value in data.items():
            shown[key] = value
            if key == "gender":  # beside the gender they decided
                shown.update(beside)
        return shown

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return _from_fields(cls, data, _PERSON_READERS)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything quotewise finds in one article."""

    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"quotes": [q.to_dict() for q in self.quotes], "people": [p.to_dict() for p in self.people]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        return cls(
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            people=tuple(Person.from_dict(p) for p in data.get("people", [])),
        )


def _plain(value: Any) -> Any:
    if isinstance(value, Span):
        return value.to_dict()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def _plain_fields(record: Any) -> dict[str, Any]:
    """A record as JSON-ready values, field by field in declaration order: the dataclass is the schema."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _pairs(value: Any) -> tuple[tuple[int, int], ...]:
    return tuple((int(s), int(e)) for s, e in value)


_QUOTE_READERS: dict[str, Callable[[Any], Any]] = {
    "text": str, "start": int, "end": int, "cue": Span.from_dict, "speaker": Span.from_dict, "confidence": float,
    "evidence": str, "parts": _pairs, "rule": str, "is_floating_quote": bool,
}
_PERSON_READERS: dict[str, Callable[[Any], Any]] = {
    "name": str, "quoted": bool, "mentions": _pairs, "name_gender_p": float,
    "gender_evidence": lambda counts: tuple((str(k), int(v)) for k, v in counts.items()),
}


def _from_fields(cls: Any, data: dict[str, Any], readers: dict[str, Callable[[Any], Any]],
                 missing: dict[str, Any] | None = None) -> Any:
    """A record from `to_dict` output (or a hand-written file): a field given as null or left out takes its
    default, so older files with fewer fields still read."""
    values = dict(missing or {})
    for f in fields(cls):
        value = data.get(f.name)
        if value is not None:
            values[f.name] = readers.get(f.name, _same)(value)
    return cls(**values)


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class Article:
    """One article read from an archive: its text and what the archive says about it.

    `source` and `position` say where it was read (the file as named, and the line, row, record number or
    WARC byte offset in it), so an error or a search hit can be traced back to the input.
    """

    id: str
    text: str
    source: str
    position: int = 1
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the input's date could be read, else None
    author: str | None = None

    @property
    def where(self) -> str:
        """The article as a message names it: its input, its place there, its id."""
        return f"{self.source}:{self.position} ({self.id})"


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record of an archive that could not be ingested, and why; `skipped` ones are not articles at all."""

    source: str
    position: int
    code: str
    reason: str
    id: str | None = None
    skipped: bool = False  # a record that is not an article (a WARC image response): counted, not a failure
