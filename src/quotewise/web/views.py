"""What each page shows, as plain data: the HTML page renders it, its `.json` twin returns it as it is."""

from __future__ import annotations

import math
import os
from collections import Counter
from dataclasses import fields
from typing import Any

from sqlalchemy import distinct, func, select

from ..corpus import queries
from ..corpus.schema import articles, quotes
from ..corpus.store import Store
from ..records import Article
from .highlight import colour, paragraphs, quote_view, speakers_in_order

PAGE_SIZE = 20
DASHBOARD_DIMENSIONS = ("kind", "gender", "org", "outlet", "month")
DASHBOARD_TOP = 12  # organisations and outlets shown by name; the rest are summed as "others"


def home(store: Store) -> dict[str, Any]:
    totals = store.execute(select(func.count(), func.count(distinct(quotes.c.speaker_name))).select_from(quotes))[0]
    recent = store.execute(
        select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.date)
        .order_by(articles.c.date.desc().nulls_last(), articles.c.id).limit(10)
    )
    return {
        "articles": store.count("articles"), "quotes": totals[0], "speakers": totals[1],
        "recent": [dict(r._mapping) for r in recent], "top_speakers": queries.speakers(store, top=10),
    }


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    found = queries.article(store, article_id)
    if found is None:
        return None
    stored, result = found
    order = speakers_in_order(result)
    numbers = {name: k + 1 for k, name in enumerate(order)}
    genders = {p.name: p.gender for p in result.people}
    quoted = Counter(q.speaker_name for q in result.quotes if q.speaker_name)
    return {
        "article": {f.name: getattr(stored, f.name) for f in fields(Article) if f.name != "text"},
        "heading": stored.title or os.path.basename(stored.source or "") or stored.id,
        "text": stored.text,
        "paragraphs": [[seg._asdict() for seg in line] for line in paragraphs(stored.text, result)],
        "quotes": [quote_view(n, q, numbers, genders) for n, q in enumerate(result.quotes)],
        "speakers": [{"name": name, "number": numbers[name], "colour": colour(numbers[name]),
                      "quotes": quoted[name]} for name in order],
        "people": [{"name": p.name, "gender": p.gender, "gender_evidence": dict(p.gender_evidence),
                    "title": p.title, "org": p.org, "quotes": quoted.get(p.name, 0),
                    "number": numbers.get(p.name)} for p in result.people],
    }


def speaker(store: Store, name: str, page: int = 1) -> dict[str, Any] | None:
    profile = queries.speaker_profile(store, name)
    if profile is None:
        return None
    filters = queries.Filters(name=name)
    pages = max(1, math.ceil(profile["quotes"] / PAGE_SIZE))
    page = min(max(page, 1), pages)
    found = queries.search(store, None, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return {**profile, "results": found, "page": page, "pages": pages, "chart": _bars(profile["timeline"], "month")}


def search(store: Store, text: str | None, filters: queries.Filters, page: int = 1) -> dict[str, Any]:
    total = queries.count(store, text, filters)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    return {
        "q": text or "", "filters": _filters_dict(filters), "total": total, "page": page, "pages": pages,
        "results": queries.search(store, text, filters, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE),
        "facets": queries.facets(store, text, filters),
    }


def dashboard(store: Store, filters: queries.Filters) -> dict[str, Any]:
    charts = {}
    for dim in DASHBOARD_DIMENSIONS:
        rows = queries.stats(store, [dim], filters)
        if dim == "month":
            rows.sort(key=lambda r: r["month"])
        elif dim in ("org", "outlet") and len(rows) > DASHBOARD_TOP:
            rest = rows[DASHBOARD_TOP:]
            # Their distinct speakers can't be summed (one speaker may be quoted in several outlets): left out.
            others = {dim: f"{len(rest)} others", "quotes": sum(r["quotes"] for r in rest),
                      "share": sum(r["share"] for r in rest), "speakers": None}
            rows = [*rows[:DASHBOARD_TOP], others]
        charts[dim] = {"rows": rows, "bars": _bars(rows, dim)}
    by_outlet = queries.stats(store, ["outlet", "gender"], filters)
    return {"filters": _filters_dict(filters), "total": sum(r["quotes"] for r in charts["kind"]["rows"]),
            "charts": charts, "outlet_gender": by_outlet}


def runs(store: Store) -> dict[str, Any]:
    return queries.runs_and_errors(store)


def _bars(rows: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    """Bar lengths in percent of the longest bar, for the server-drawn SVG charts."""
    values = [r["quotes"] if "quotes" in r else r["count"] for r in rows]
    largest = max(values, default=0) or 1
    return [{"label": str(r[label]), "value": v, "share": r.get("share"), "width": round(100 * v / largest, 2)}
            for r, v in zip(rows, values, strict=True)]


def _filters_dict(filters: queries.Filters) -> dict[str, Any]:
    return {k: getattr(filters, k) for k in queries.Filters.__dataclass_fields__ if getattr(filters, k)}
