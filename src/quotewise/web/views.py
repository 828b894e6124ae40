"""What each page shows, as plain data: the HTML page renders it, its `.json` twin returns it as it is."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import distinct, func, select

from ..corpus import queries
from ..corpus.schema import articles, quotes
from ..corpus.store import Store
from ..records import Quote
from .highlight import colour, paragraphs, quote_view, spans
from .parts import PART_SIZE, Covered, Layout, cut

PAGE_SIZE = 20
DASHBOARD_DIMENSIONS = ("kind", "gender", "org", "outlet", "month")
SIDE_LIST = 100  # speakers and people listed beside an article's text at most: a long one names thousands
DASHBOARD_TOP = 12  # organisations and outlets shown by name; the rest are summed as "others"


def home(store: Store, count: str = queries.STATEMENTS) -> dict[str, Any]:
    """The start page: how many articles, statements, quotations and speakers (identities), the latest articles,
    and the most quoted speakers by `count`."""
    statements, appearances, speakers = store.execute(
        select(queries.statements_counted(), func.count(), func.count(distinct(quotes.c.speaker_id)))
        .select_from(quotes))[0]
    recent = store.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.date)
        .order_by(articles.c.date.desc().nulls_last(), articles.c.id).limit(10)
    )
    return {
        "count": count, "articles": store.count("articles"), "statements": statements, "appearances": appearances,
        "speakers": speakers, "recent": [dict(r._mapping) for r in recent],
        "top_speakers": queries.speakers(store, top=10, count=count),
    }


def article_summary(store: Store, article_id: str) -> dict[str, Any] | None:
    """What an article's every part shows alike: its metadata, length and counts, the speakers (numbered in the
    order of their first quotation) and the people named, the lists capped at `SIDE_LIST`, the most quoted kept."""
    header = queries.article_header(store, article_id)
    if header is None:
        return None
    speakers = queries.article_speakers(store, article_id)
    others, published = queries.also_published(store, article_id)
    named = [s for s in speakers if s["name"] is not None]
    numbers = {s["name"]: k + 1 for k, s in enumerate(named)}
    shown = sorted(sorted(named, key=lambda s: -s["quotes"])[:SIDE_LIST], key=lambda s: numbers[s["name"]])
    people, people_count = queries.article_people(store, article_id, top=SIDE_LIST)
    return {
        "article": {k: v for k, v in header.items() if k != "length"},
        "heading": header["title"] or os.path.basename(header["source"] or "") or header["id"],
        "length": header["length"],
        "quote_count": sum(s["quotes"] for s in speakers),
        "numbers": numbers,
        "speakers": [{"name": s["name"], "speaker_id": s["speaker_id"], "number": numbers[s["name"]],
                      "colour": colour(numbers[s["name"]]), "quotes": s["quotes"]} for s in shown],
        "speaker_count": len(named),
        "people": [{"name": p["name"], "gender": p["gender"], "gender_source": p["gender_source"],
                    "name_gender_p": p["name_gender_p"], "gender_evidence": p["gender_evidence"],
                    "title": p["title"], "org": p["org"], "quotes": p["quotes"], "number": numbers.get(p["name"]),
                    "speaker_id": p["speaker_id"]}
                   for p in sorted(people, key=lambda p: p["n"])],
        "people_count": people_count,
        "also_published": others,
        "also_published_count": published,
    }


def article(
    store: Store, article_id: str, part: int = 1, *, at: int | None = None,
    summary: dict[str, Any] | None = None, size: int = PART_SIZE,
) -> dict[str, Any] | None:
    """One part of an article (the whole of a short one), or the part holding character `at`: its text marked,
    the quotations reaching into it, and the article's summary (`article_summary`, when the caller has it)."""
    summary = summary or article_summary(store, article_id)
    if summary is None:
        return None
    layout = Layout.of(summary["length"], size)
    if at is None:
        found = _Part.read(store, article_id, layout, min(max(part, 1), layout.count))
    else:  # the part whose nominal range holds `at`, else the neighbour its cut moved `at` into
        at = min(max(at, 0), max(layout.length - 1, 0))
        found = _Part.read(store, article_id, layout, layout.nominal_part(at))
        if not found.start <= at < found.end and layout.count > 1:
            found = _Part.read(store, article_id, layout, found.number + (1 if at >= found.end else -1))
    shown = [q for q in found.quotes if layout.count == 1 or found.reaches(q[1])]
    quotes = [q for _, q, _ in shown]
    links = queries.quotation_links(store, article_id, [n for n, _, _ in shown])
    return {
        "article": summary["article"],
        "heading": summary["heading"],
        "part": {"number": found.number, "count": layout.count, "start": found.start, "end": found.end,
                 "length": layout.length},
        "text": found.text,
        "paragraphs": [[seg._asdict() for seg in line] for line in paragraphs(found.text, quotes, found.start)],
        "quotes": [{**quote_view(n, q, summary["numbers"], gender), **links.get(n, {})} for n, q, gender in shown],
        **{k: summary[k] for k in ("quote_count", "speakers", "speaker_count", "people", "people_count",
                                   "also_published", "also_published_count")},
    }


@dataclass(frozen=True, slots=True)
class _Part:
    """A part of an article as read: where it starts and ends, its text, and the quotations reaching into the
    characters that were read (the part and the windows its cuts were chosen from)."""

    number: int
    start: int
    end: int
    text: str
    quotes: list[tuple[int, Quote, str]]

    @classmethod
    def read(cls, store: Store, article_id: str, layout: Layout, number: int) -> _Part:
        if layout.count == 1:
            text = queries.article_text(store, article_id, 0, layout.length)
            return cls(1, 0, layout.length, text, queries.article_quotes(store, article_id))
        low, high = layout.window(number - 1)[0], layout.window(number)[1]
        text = queries.article_text(store, article_id, low, high)
        found = queries.article_quotes(store, article_id, low, high)
        covered = Covered(s[:2] for _, q, _ in found for s in spans(q))

        def place(k: int) -> int:
            first, last = layout.window(k)
            if first == last:
                return first
            return cut(text[first - low : last - low], first, layout.nominal(k), covered)

        start, end = place(number - 1), place(number)
        return cls(number, start, end, text[start - low : end - low], found)

    def reaches(self, quote: Quote) -> bool:
        """Whether the quotation, its cue or its speaker's mention overlaps the part (as `article_quotes` asks)."""
        marked = [(quote.start, quote.end), *((s.start, s.end) for s in (quote.cue, quote.speaker) if s)]
        return any(s < self.end and e > self.start for s, e in marked)


def speaker(store: Store, speaker_id: int, page: int = 1, count: str = queries.STATEMENTS) -> dict[str, Any] | None:
    """An identity's page: its profile, and a page of its statements (or quotations), each with its appearances."""
    profile = queries.speaker_profile(store, speaker_id, count=count)
    if profile is None:
        return None
    filters = queries.Filters(speaker_id=speaker_id)
    pages = max(1, math.ceil(profile[count] / PAGE_SIZE))
    page = min(max(page, 1), pages)
    found = queries.search(store, None, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, count=count)
    return {**profile, "results": found, "page": page, "pages": pages,
            "chart": _bars(profile["timeline"], "month", "count"),
            "possible_same": queries.possible_same(store, speaker_id)}


def possible_same(store: Store, page: int = 1) -> dict[str, Any]:
    """A page of the "possible same person" list, each pair with the commands that settle it."""
    total = queries.possible_same_total(store)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    return {"total": total, "page": page, "pages": pages,
            "pairs": queries.possible_same(store, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)}


def speakers_named(store: Store, name: str) -> dict[str, Any]:
    """The identities an old `/speakers/NAME` link may mean."""
    return {"name": name, "speakers": queries.identities_named(store, name)}


def statement(store: Store, statement_id: str) -> dict[str, Any] | None:
    return queries.statement(store, statement_id)


def search(
    store: Store, text: str | None, filters: queries.Filters, page: int = 1, count: str = queries.STATEMENTS
) -> dict[str, Any]:
    total = queries.count(store, text, filters, count=count)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    return {
        "q": text or "", "filters": _filters_dict(filters), "count": count, "total": total, "page": page,
        "pages": pages,
        "results": queries.search(store, text, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, count=count),
        "facets": queries.facets(store, text, filters, count=count),
    }


def dashboard(store: Store, filters: queries.Filters, count: str = queries.STATEMENTS) -> dict[str, Any]:
    """The source-diversity charts: each dimension's statements (or quotations), shares and speakers; gender is
    the identity's across the archive."""
    charts = {}
    for dim in DASHBOARD_DIMENSIONS:
        rows = queries.stats(store, [dim], filters, count=count)
        if dim == "month":
            rows.sort(key=lambda r: r["month"])
        elif dim in ("org", "outlet") and len(rows) > DASHBOARD_TOP:
            rest = rows[DASHBOARD_TOP:]
            # Their distinct speakers can't be summed (one speaker may be quoted in several outlets): left out.
            others = {dim: f"{len(rest)} others", "share": sum(r["share"] for r in rest), "speakers": None,
                      **{c: sum(r[c] for r in rest) for c in queries.COUNTS}}
            rows = [*rows[:DASHBOARD_TOP], others]
        rows = _labelled(rows, dim)
        charts[dim] = {"rows": rows, "bars": _bars(rows, "label", count)}
    by_outlet = _labelled(queries.stats(store, ["outlet", "gender"], filters, count=count), "gender")
    return {"filters": _filters_dict(filters), "count": count,
            "total": sum(r[count] for r in charts["kind"]["rows"]), "charts": charts, "outlet_gender": by_outlet}


def _labelled(rows: list[dict[str, Any]], dim: str) -> list[dict[str, Any]]:
    """Each row with its `dim` as the page shows it (`label`): a gender with its source beside it."""
    def label(row: dict[str, Any]) -> str:
        if dim == "gender":
            return queries.gender_label(row["gender"], row[queries.GENDER_SOURCE])
        return str(row[dim])

    return [{**row, "label": label(row)} for row in rows]


def runs(store: Store) -> dict[str, Any]:
    return queries.runs_and_errors(store)


def _bars(rows: list[dict[str, Any]], label: str, value: str) -> list[dict[str, Any]]:
    """Bar lengths in percent of the longest bar, for the server-drawn SVG charts."""
    values = [r[value] for r in rows]
    largest = max(values, default=0) or 1
    return [{"label": str(r[label]), "value": v, "share": r.get("share"), "width": round(100 * v / largest, 2)}
            for r, v in zip(rows, values, strict=True)]


def _filters_dict(filters: queries.Filters) -> dict[str, Any]:
    return {k: getattr(filters, k) for k in queries.Filters.__dataclass_fields__ if getattr(filters, k)}
