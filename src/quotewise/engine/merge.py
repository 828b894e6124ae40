"""Putting per-chunk results back together at article offsets."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..records import ArticleResult, Person, Quote, Span


def _shift_span(span: Span | None, offset: int) -> Span | None:
    return None if span is None else Span(span.text, span.start + offset, span.end + offset)


def _shift_quote(quote: Quote, offset: int) -> Quote:
    return replace(
        quote,
        start=quote.start + offset,
        end=quote.end + offset,
        cue=_shift_span(quote.cue, offset),
        speaker=_shift_span(quote.speaker, offset),
        parts=tuple((s + offset, e + offset) for s, e in quote.parts),
    )


def merge_results(parts: list[tuple[int, ArticleResult]]) -> ArticleResult:
    """One result from chunk results; a person named alike in a later chunk joins the earlier one.

    Within one chunk people are already told apart, even when they share a name. Merging the merged result of
    the chunks so far (at offset 0) with the next chunk gives what merging them all at once gives.
    """
    quotes: list[Quote] = []
    people: list[Person] = []
    for offset, part in parts:
        quotes.extend(part.quotes if offset == 0 else (_shift_quote(q, offset) for q in part.quotes))
        earlier = {p.name: k for k, p in enumerate(people)}
        for person in part.people:
            if offset:
                person = replace(person, mentions=tuple((s + offset, e + offset) for s, e in person.mentions))
            k = earlier.get(person.name)
            if k is None:
                people.append(person)
            else:
                seen = people[k]
                shown = {g for g in (seen.gender, person.gender) if g}  # chunks that disagree leave it open
                evidence = Counter(dict(seen.gender_evidence)) + Counter(dict(person.gender_evidence))
                people[k] = replace(
                    seen,
                    gender=shown.pop() if len(shown) == 1 else None,
                    gender_evidence=tuple(sorted(evidence.items())),
                    quoted=seen.quoted or person.quoted,
                    title=seen.title or person.title,
                    org=seen.org or person.org,
                    mentions=seen.mentions + person.mentions,
                )
    return ArticleResult(quotes=tuple(quotes), people=tuple(people))
