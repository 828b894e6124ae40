"""The records quotewise outputs: small frozen dataclasses whose field names are the JSON schema.

One vocabulary runs from Python to JSON to CSV: `to_dict` is the only serializer, and
`from_dict` reads it back, so gold files and stored predictions round-trip.
Offsets are Python ``str`` indices into the article text as read; ``end`` is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "group", "document", "unknown"]
# What a cue reports: said (speech), wrote (writing), believed or intended (thought), saw (perception), found
# (finding), did (action), or a word the cue classifier accepts that the lexicon doesn't list (other).
CueKind = Literal["speech", "writing", "thought", "perception", "finding", "action", "other"]
Scope = Literal["quotes", "attributions"]
Gender = Literal["male", "female"]
# How a speaker mention was tied to whom it names; "-unresolved" when a pronoun found no antecedent.
SpeakerRoute = Literal[
    "named", "pronoun", "pronoun-unresolved", "relative", "relative-unresolved", "collective", "unlisted-name",
    "title", "role-noun", "noun-phrase",
]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(str(data["text"]), int(data["start"]), int(data["end"]))


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

    @property
    def words(self) -> str:
        """The quoted words: a split quotation's pieces joined with " … ", without the "she said" between them."""
        if not self.parts:
            return self.text
        return " … ".join(self.text[s - self.start:e - self.start] for s, e in self.parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_kind": self.speaker_kind,
            "speaker_title": self.speaker_title,
            "speaker_org": self.speaker_org,
            "confidence": self.confidence,
            "evidence": self.evidence,
            "cue_kind": self.cue_kind,
            "parts": [list(p) for p in self.parts],
            "rule": self.rule,
            "speaker_route": self.speaker_route,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            type=data.get("type", "direct"),
            cue=Span.from_dict(data.get("cue")),
            speaker=Span.from_dict(data.get("speaker")),
            speaker_name=data.get("speaker_name"),
            speaker_kind=data.get("speaker_kind") or "unknown",
            speaker_title=data.get("speaker_title"),
            speaker_org=data.get("speaker_org"),
            confidence=float(data.get("confidence") or 0.0),
            evidence=str(data.get("evidence") or ""),
            cue_kind=data.get("cue_kind"),
            parts=tuple((int(s), int(e)) for s, e in data.get("parts") or ()),
            rule=str(data.get("rule") or ""),
            speaker_route=data.get("speaker_route"),
        )


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
    gender_evidence: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "gender": self.gender,
            "gender_evidence": dict(self.gender_evidence),
            "quoted": self.quoted,
            "title": self.title,
            "org": self.org,
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(
            name=str(data["name"]),
            gender=data.get("gender"),
            quoted=bool(data.get("quoted")),
            title=data.get("title"),
            org=data.get("org"),
            mentions=tuple((int(s), int(e)) for s, e in data.get("mentions", [])),
            gender_evidence=tuple((str(k), int(v)) for k, v in (data.get("gender_evidence") or {}).items()),
        )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything quotewise finds in one article."""

    quotes: tuple[Quote, ...] = ()
    people: tuple[Person, ...] = ()
    source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.source is not None:
            out["source"] = self.source
        out["quotes"] = [q.to_dict() for q in self.quotes]
        out["people"] = [p.to_dict() for p in self.people]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleResult:
        return cls(
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            people=tuple(Person.from_dict(p) for p in data.get("people", [])),
            source=data.get("source"),
        )


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


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record of an archive that could not be ingested, and why; `skipped` ones are not articles at all."""

    source: str
    position: int
    code: str
    reason: str
    id: str | None = None
    skipped: bool = False  # a record that is not an article (a WARC image response): counted, not a failure
