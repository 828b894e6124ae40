"""Records to the store's table rows and back: where a result is laid out in the store.

A quotation's columns are those of the one flat-row serializer (`quotewise.rows`), plus the copies of its
article's outlet and date that let counting skip the join, and the run that wrote it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any

from ..records import Article, ArticleResult, BadRecord, Person, Quote
from ..rows import Genders, article_fields, counted_gender, quote_fields, quote_from_fields, text_cell


def article_row(article: Article, text_hash: str, settings: str, run_id: int, now: str) -> dict[str, Any]:
    meta = article_fields(article)
    return {"id": meta.pop("article_id"), **meta, "text": article.text, "text_hash": text_hash,
            "settings": settings, "run_id": run_id, "ingested_at": now}


def quote_rows(
    article: Article, quotes: Iterable[Quote], genders: Genders, run_id: int, first: int = 0
) -> list[dict[str, Any]]:
    """Rows for quotations `first`, `first + 1`, ... of an article."""
    return [
        {
            "article_id": article.id,
            "n": n,
            **{name: text_cell(value) for name, value in quote_fields(q).items()},
            **dict(zip(("speaker_gender", "speaker_gender_source"), counted_gender(q, genders), strict=True)),
            "outlet": article.outlet,
            "date": article.date,
            "month": article.date[:7] if article.date else None,
            "run_id": run_id,
        }
        for n, q in enumerate(quotes, start=first)
    ]


def people_rows(article_id: str, people: tuple[Person, ...]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    persons, mentions = [], []
    for n, p in enumerate(people):
        persons.append(
            {
                "article_id": article_id,
                "n": n,
                "name": p.name,
                "gender": p.gender,
                "gender_source": p.gender_source,
                "name_gender_p": p.name_gender_p,
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
    return persons, mentions


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


def article_from_row(row: Mapping[str, Any]) -> Article:
    """The article an `articles` row holds: its columns are the record's fields."""
    return Article(**{f.name: row[f.name] for f in fields(Article)})


def result_from_rows(
    quotes: Iterable[Mapping[str, Any]], people: Iterable[Mapping[str, Any]], mentions: Iterable[Mapping[str, Any]]
) -> ArticleResult:
    """The article's result as extraction made it, from its rows in `n` order."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        spans.setdefault(m["person_n"], []).append((m["start"], m["end"]))
    return ArticleResult(
        quotes=tuple(quote_from_fields(q) for q in quotes),
        people=tuple(
            Person(
                name=p["name"],
                gender=p["gender"],
                quoted=bool(p["quoted"]),
                title=p["title"],
                org=p["org"],
                mentions=tuple(sorted(spans.get(p["n"], ()))),
                gender_evidence=tuple(json.loads(p["gender_evidence"]).items()),
                gender_source=p["gender_source"],
                name_gender_p=p["name_gender_p"],
            )
            for p in people
        ),
    )
