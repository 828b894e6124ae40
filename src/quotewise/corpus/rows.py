"""Records to table rows and back: the only place that knows how a result is laid out in the store."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..records import Article, ArticleResult, BadRecord, Person, Quote, Span


def article_row(article: Article, text_hash: str, settings: str, run_id: int, now: str) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "position": article.position,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "date": article.date,
        "author": article.author,
        "text": article.text,
        "text_hash": text_hash,
        "settings": settings,
        "run_id": run_id,
        "ingested_at": now,
    }


def quote_rows(article: Article, result: ArticleResult, run_id: int) -> list[dict[str, Any]]:
    genders = {p.name: p.gender for p in result.people}
    rows = []
    for n, q in enumerate(result.quotes):
        rows.append(
            {
                "article_id": article.id,
                "n": n,
                "start": q.start,
                "end": q.end,
                "type": q.type,
                "text": q.text,
                "words": q.words,
                "parts": json.dumps([list(p) for p in q.parts]),
                **_span("cue", q.cue),
                "cue_kind": q.cue_kind,
                **_span("speaker", q.speaker),
                "speaker_name": q.speaker_name,
                "speaker_kind": q.speaker_kind,
                "speaker_title": q.speaker_title,
                "speaker_org": q.speaker_org,
                "speaker_gender": counted_gender(q, genders),
                "confidence": q.confidence,
                "evidence": q.evidence,
                "rule": q.rule,
                "speaker_route": q.speaker_route,
                "outlet": article.outlet,
                "date": article.date,
                "month": article.date[:7] if article.date else None,
                "run_id": run_id,
            }
        )
    return rows


NOT_A_PERSON = "not a person"


def counted_gender(quote: Quote, genders: Mapping[str, str | None]) -> str:
    """The speaker's gender evidence as it is counted: unknown stays unknown, and groups are not people."""
    if quote.speaker_kind != "person":
        return NOT_A_PERSON
    return genders.get(quote.speaker_name or "") or "unknown"


def people_rows(article_id: str, result: ArticleResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people, mentions = [], []
    for n, p in enumerate(result.people):
        people.append(
            {
                "article_id": article_id,
                "n": n,
                "name": p.name,
                "gender": p.gender,
                "gender_evidence": json.dumps(dict(p.gender_evidence)),
                "quoted": p.quoted,
                "title": p.title,
                "org": p.org,
            }
        )
        # A mention listed twice is one mention: the key is its start.
        starts = {}
        for start, end in p.mentions:
            starts.setdefault(start, end)
        mentions.extend({"article_id": article_id, "person_n": n, "start": s, "end": e} for s, e in starts.items())
    return people, mentions


def error_row(bad: BadRecord, run_id: int, now: str) -> dict[str, Any]:
    return {
        "source": bad.source,
        "position": bad.position,
        "article_id": bad.id,
        "code": bad.code,
        "reason": bad.reason,
        "skipped": bad.skipped,
        "run_id": run_id,
        "at": now,
    }


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    return Quote(
        text=row["text"],
        start=row["start"],
        end=row["end"],
        type=row["type"],
        cue=_from_span(row, "cue"),
        speaker=_from_span(row, "speaker"),
        speaker_name=row["speaker_name"],
        speaker_kind=row["speaker_kind"],
        speaker_title=row["speaker_title"],
        speaker_org=row["speaker_org"],
        confidence=row["confidence"],
        evidence=row["evidence"],
        cue_kind=row["cue_kind"],
        parts=tuple((int(s), int(e)) for s, e in json.loads(row["parts"])),
        rule=row["rule"],
        speaker_route=row["speaker_route"],
    )


def result_from_rows(
    quotes: Iterable[Mapping[str, Any]], people: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]]
) -> ArticleResult:
    """The article's result as extraction made it, from its rows in `n` order."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m["person_n"], []).append((m["start"], m["end"]))
    return ArticleResult(
        quotes=tuple(quote_from_row(q) for q in quotes),
        people=tuple(
            Person(
                name=p["name"],
                gender=p["gender"],
                quoted=bool(p["quoted"]),
                title=p["title"],
                org=p["org"],
                mentions=tuple(sorted(spans.get(p["n"], ()))),
                gender_evidence=tuple(json.loads(p["gender_evidence"]).items()),
            )
            for p in people
        ),
    )


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _from_span(row: Mapping[str, Any], prefix: str) -> Span | None:
    if row[f"{prefix}_start"] is None:
        return None
    return Span(row[f"{prefix}_text"], row[f"{prefix}_start"], row[f"{prefix}_end"])
