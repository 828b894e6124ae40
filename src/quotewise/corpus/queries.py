"""What people ask a store: search, the most quoted speakers, source-diversity counts, the rows to export.

Each question is one SQLAlchemy Core query, the same on SQLite and PostgreSQL (full-text matching aside, which
`fulltext` supplies), so the CLI and the web app give the same answers.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, distinct, func, or_, select

from ..errors import ConfigError
from ..records import Article, ArticleResult, Quote
from ..rows import NOT_A_PERSON as NOT_A_PERSON  # the gender filter's value for organisations and groups
from ..rows import QUOTATION_COLUMNS, quote_from_fields
from . import fulltext
from .identities import pooled_gender
from .schema import articles, errors, mentions, people, quotes, runs
from .schema import speakers as identities
from .store import Store
from .tables import article_from_row, result_from_rows

ARTICLE_FIELDS = tuple(f.name for f in fields(Article))  # the articles table's columns of the same names
_DIMENSIONS = {"kind": quotes.c.speaker_kind, "gender": quotes.c.speaker_gender, "org": quotes.c.speaker_org,
               "outlet": quotes.c.outlet, "month": quotes.c.month}
STATS_DIMENSIONS = tuple(_DIMENSIONS)
GENDER_SOURCE = "gender_source"  # the key beside "gender" in a count by gender: "evidence", "names" or None


def gender_label(gender: str, source: str | None) -> str:
    """A gender as a table or chart shows it, its source beside it: "female (evidence)", "male (names)",
    "unknown"."""
    return f"{gender} ({source})" if source else gender


@dataclass(frozen=True, slots=True)
class Filters:
    """Narrowing shared by search, speakers, stats and export; every field optional."""

    speaker: str | None = None  # a name, matched without regard to case, whole or as a part ("Baker")
    org: str | None = None
    kind: str | None = None  # person, organization, group, document, unknown (records.SpeakerKind)
    type: str | None = None  # direct, indirect, mixed
    outlet: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    gender: str | None = None  # female, male, unknown, "not a person"
    name: str | None = None  # exactly this speaker name (a speaker's page)

    def where(self, store: Store) -> list[ColumnElement[bool]]:
        """The conditions, with names matched case aside in Python (Unicode-correct on every database) against
        the store's distinct values, so the query itself compares with an index, never a LIKE over every row.
        They name the quotation's own columns (its article's outlet and date are copied into it): no join."""
        found = self._on_article_fields(store, quotes.c.outlet, quotes.c.date)
        if self.name:
            found.append(quotes.c.speaker_name == self.name)
        if self.speaker:
            wanted = self.speaker.casefold().split()
            names = _values(store, quotes.c.speaker_name, lambda v: _words_in(wanted, v))
            found.append(quotes.c.speaker_name.in_(names))
        if self.org:
            org = self.org.casefold()
            found.append(quotes.c.speaker_org.in_(_values(store, quotes.c.speaker_org, lambda v: v.casefold() == org)))
        if self.kind:
            found.append(quotes.c.speaker_kind == self.kind)
        if self.type:
            found.append(quotes.c.type == self.type)
        if self.gender:
            found.append(quotes.c.speaker_gender == self.gender)
        return found

    def _on_article_fields(self, store: Store, outlet_column: Any, date_column: Any) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.outlet:
            outlet = self.outlet.casefold()
            found.append(outlet_column.in_(_values(store, articles.c.outlet, lambda v: v.casefold() == outlet)))
        if self.since:
            found.append(date_column >= self.since)
        if self.until:
            found.append(date_column <= _end_of(self.until))
        return found


def _values(store: Store, column: Any, keep: Any) -> list[str]:
    """The distinct values of an indexed column that `keep` accepts."""
    return [v for v in store.distinct(column) if keep(v)]


def _words_in(wanted: list[str], name: str) -> bool:
    """Whether the words of `wanted` run together in `name`: "baker", "Ana Ruiz", "ruiz" in "Ana Ruiz"."""
    words = name.casefold().split()
    return bool(wanted) and any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))


def _end_of(date: str) -> str:
    """The last text a date in `date` can be: "2022-03" means to the end of March (dates compare as text)."""
    return date + "-99" * (2 - date.count("-"))


SEARCH_COLUMNS = (
    quotes.c.article_id, quotes.c.n, quotes.c.type, quotes.c.text, quotes.c.start, quotes.c.end,
    quotes.c.speaker_name, quotes.c.speaker_kind, quotes.c.speaker_title, quotes.c.speaker_org,
    quotes.c.speaker_gender, quotes.c.speaker_gender_source, quotes.c.cue_text, quotes.c.confidence,
    quotes.c.outlet, quotes.c.date, articles.c.title, articles.c.url,
)


def _matching(
    store: Store, text: str | None, filters: Filters, *columns: Any, top: int | None = None, ranked: bool = True
) -> tuple[Select[Any], Any]:
    """Quotations the text and filters keep, and their full-text rank (None without text, for a text of exclusions
    only, or unless `ranked`)."""
    conditions = filters.where(store)
    query = select(*columns).select_from(quotes).where(*conditions)
    if not text:
        return query, None
    wanted = fulltext.parse(text)
    if not ranked:
        return query.where(fulltext.matches(wanted, store.dialect)), None
    return fulltext.matching(query, wanted, store.dialect, top=None if conditions else top)


def search(
    store: Store, text: str | None, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    """Quotations matching `text` (best first, ties in the order they were stored) and the filters; without
    text, the newest first (an article's quotations together, in their order).

    The page is chosen from the quotations' ids and sort keys alone, which SQLite's counting indexes hold, and
    only its rows are read whole: a filter matching most of a large store still costs one index scan.
    """
    page, rank = _matching(store, text, filters, quotes.c.id, quotes.c.date, top=limit + offset)
    if rank is None:  # undated last: PostgreSQL sorts NULLs first when descending
        page = page.order_by(quotes.c.date.desc().nulls_last(), quotes.c.id)
    else:
        page = page.add_columns(rank.label("rank")).order_by(rank, quotes.c.id)
    chosen = page.limit(limit).offset(offset).subquery("page")
    order = (chosen.c.date.desc().nulls_last(), chosen.c.id) if rank is None else (chosen.c.rank, chosen.c.id)
    query = select(*SEARCH_COLUMNS).select_from(
        chosen.join(quotes, quotes.c.id == chosen.c.id).join(articles, articles.c.id == quotes.c.article_id)
    )
    return [dict(row._mapping) for row in store.execute(query.order_by(*order))]


def count(store: Store, text: str | None, filters: Filters = Filters()) -> int:
    query, _ = _matching(store, text, filters, func.count(), ranked=False)
    return int(store.execute(query)[0][0])


FACET_COLUMNS = {"speaker": quotes.c.speaker_name, "org": quotes.c.speaker_org, "kind": quotes.c.speaker_kind,
                 "type": quotes.c.type, "outlet": quotes.c.outlet, "gender": quotes.c.speaker_gender}
FACETS = tuple(FACET_COLUMNS)


def facets(store: Store, text: str | None, filters: Filters = Filters(), *, top: int = 8) -> dict[str, list[Any]]:
    """For each facet, its most frequent values among the matching quotations, with their counts (ties in code
    point order, the same on every database).

    One query counts every combination of the facets' values, and the facets are summed from it: the matching
    quotations are found once, not once per facet, and on SQLite the combinations come in the order of an index
    that holds all six columns, so the database never sorts the matches.
    """
    columns = list(FACET_COLUMNS.values())
    query, _ = _matching(store, text, filters, *columns, func.count(), ranked=False)
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACET_COLUMNS}
    for *values, n in store.execute(query.group_by(*columns)):
        for name, value in zip(FACET_COLUMNS, values, strict=True):
            if value is not None:
                counts[name][value] += n
    return {name: [{"value": v, "count": n} for v, n in sorted(found.items(), key=lambda i: (-i[1], i[0]))[:top]]
            for name, found in counts.items()}


def speaker_profile(store: Store, name: str) -> dict[str, Any] | None:
    """Everything the store knows of one speaker: how they were named, titles and organisations over time,
    outlets, quotations per month."""
    exact = quotes.c.speaker_name == name
    total = store.execute(select(func.count(), func.count(distinct(quotes.c.article_id))).where(exact))
    if not total or not total[0][0]:
        return None
    mention = func.coalesce(quotes.c.speaker_text, "")
    aliases = select(mention, func.count()).where(exact, quotes.c.speaker_text.is_not(None))
    aliases = aliases.group_by(mention).order_by(func.count().desc(), mention)
    roles = select(
        quotes.c.speaker_title, quotes.c.speaker_org, func.count(), func.min(quotes.c.date), func.max(quotes.c.date)
    ).where(exact).group_by(quotes.c.speaker_title, quotes.c.speaker_org)
    outlets = select(quotes.c.outlet, func.count()).where(exact, quotes.c.outlet.is_not(None))
    outlets = outlets.group_by(quotes.c.outlet).order_by(func.count().desc(), quotes.c.outlet)
    timeline = select(quotes.c.month, func.count()).where(exact, quotes.c.month.is_not(None))
    timeline = timeline.group_by(quotes.c.month).order_by(quotes.c.month)
    kind = store.execute(select(quotes.c.speaker_kind).where(exact).limit(1))[0][0]
    return {
        "name": name, "kind": kind, "quotes": total[0][0], "articles": total[0][1],
        "aliases": [{"text": t, "count": n} for t, n in store.execute(aliases)],
        "roles": sorted(({"title": t, "org": o, "count": n, "first": a, "last": b}
                         for t, o, n, a, b in store.execute(roles)), key=lambda r: (r["first"] or "", -r["count"])),
        "outlets": [{"outlet": o, "count": n} for o, n in store.execute(outlets)],
        "timeline": [{"month": m, "count": n} for m, n in store.execute(timeline)],
    }


SPEAKER_COLUMNS = ("speaker_id", "name", "kind", "gender", "gender_source", "gender_articles", "quotes", "articles",
                   "first_seen", "last_seen", "aliases", "roles", "outlets")


def speaker_identities(store: Store, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every identity with what the store knows of it (`SPEAKER_COLUMNS`), in id order, read `chunk` ids at a
    time: an archive of any size holds a chunk's in memory. Aliases are the names and mentions it was written
    as, with counts; roles its titles and organisations with the first and last dates; its gender is pooled over
    every article that named it (`identities.pooled_gender`), with the articles' genders by source."""
    top = store.execute(select(func.max(identities.c.id)))[0][0] or 0
    dated = quotes.join(articles, articles.c.id == quotes.c.article_id)
    for low in range(1, top + 1, chunk):
        span = (low, min(top, low + chunk - 1))  # identities an ingest adds meanwhile wait for the next export
        found: dict[int, dict[str, Any]] = {}
        for sid, name, kind in store.execute(select(identities.c.id, identities.c.name, identities.c.kind)
                                             .where(identities.c.id.between(*span)).order_by(identities.c.id)):
            found[sid] = {"speaker_id": sid, "name": name, "kind": kind, "quotes": 0, "articles": 0,
                          "first_seen": None, "last_seen": None, "aliases": Counter(), "roles": {},
                          "outlets": Counter(), "genders": []}
        counts = select(quotes.c.speaker_id, func.count(), func.count(distinct(quotes.c.article_id)),
                        func.min(articles.c.date), func.max(articles.c.date)).select_from(dated).where(
            quotes.c.speaker_id.between(*span)).group_by(quotes.c.speaker_id)
        for sid, n, in_articles, first, last in store.execute(counts):
            found[sid].update(quotes=n, articles=in_articles, first_seen=first, last_seen=last)
        written = select(quotes.c.speaker_id, quotes.c.speaker_name, quotes.c.speaker_text, quotes.c.speaker_title,
                         quotes.c.speaker_org, articles.c.outlet, articles.c.date).select_from(dated).where(
            quotes.c.speaker_id.between(*span))
        for sid, name, mention, title, org, outlet, date in store.execute(written):
            row = found[sid]
            row["aliases"].update(a for a in {name, mention} if a)
            if outlet:
                row["outlets"][outlet] += 1
            _held(row["roles"], title, org, date)
        named = select(people.c.speaker_id, people.c.gender, people.c.gender_source, people.c.title, people.c.org,
                       articles.c.date).select_from(people.join(articles, articles.c.id == people.c.article_id)).where(
            people.c.speaker_id.between(*span))
        for sid, gender, source, title, org, date in store.execute(named):
            row = found[sid]
            row["genders"].append((gender, source))
            _held(row["roles"], title, org, date)
        for row in found.values():
            genders = row.pop("genders")
            row["gender"], row["gender_source"] = (
                pooled_gender(genders) if row["kind"] == "person" else (NOT_A_PERSON, None))
            row["gender_articles"] = dict(Counter(f"{g or 'unknown'}/{s or 'none'}" for g, s in genders))
            row["aliases"] = [{"name": a, "count": n} for a, n in row["aliases"].most_common()]
            row["roles"] = [{"title": t, "org": o, "first": a, "last": b} for (t, o), (a, b) in sorted(
                row["roles"].items(), key=lambda r: (r[1][0] or "", r[0][0] or "", r[0][1] or ""))]
            row["outlets"] = [{"outlet": o, "count": n} for o, n in row["outlets"].most_common()]
            yield {column: row[column] for column in SPEAKER_COLUMNS}


def _held(roles: dict[tuple[Any, Any], tuple[Any, Any]], title: str | None, org: str | None, date: str | None) -> None:
    """A title and organisation seen on `date`: the first and last dates each was held, undated ones aside."""
    if title or org:
        first, last = roles.get((title, org), (date, date))
        roles[title, org] = (min(filter(None, (first, date)), default=None),
                             max(filter(None, (last, date)), default=None))


def article(store: Store, article_id: str) -> tuple[Article, ArticleResult] | None:
    return next(stored_articles(store, [article_id]), None)


def runs_and_errors(store: Store, *, limit: int = 200) -> dict[str, Any]:
    return {
        "runs": [dict(r._mapping) for r in store.execute(select(runs).order_by(runs.c.id.desc()).limit(limit))],
        "errors": [dict(r._mapping) for r in store.execute(
            select(errors).order_by(errors.c.run_id.desc(), errors.c.source, errors.c.position).limit(limit))],
        "error_counts": [{"code": c, "skipped": bool(s), "count": n} for c, s, n in store.execute(
            select(errors.c.code, errors.c.skipped, func.count()).group_by(errors.c.code, errors.c.skipped)
            .order_by(errors.c.code))],
    }


def speakers(store: Store, filters: Filters = Filters(), *, top: int = 20) -> list[dict[str, Any]]:
    """The most quoted speakers, with counts, the titles, organisations and outlets they were quoted under."""
    named = [quotes.c.speaker_name.is_not(None), *filters.where(store)]
    query = (
        select(
            quotes.c.speaker_name.label("speaker"),
            func.min(quotes.c.speaker_kind).label("kind"),
            func.count().label("quotes"),
            func.count(distinct(quotes.c.article_id)).label("articles"),
            func.min(quotes.c.date).label("first_seen"),
            func.max(quotes.c.date).label("last_seen"),
        )
        .where(*named)
        .group_by(quotes.c.speaker_name)
        .order_by(func.count().desc(), quotes.c.speaker_name)
        .limit(top)
    )
    found = [dict(row._mapping) for row in store.execute(query)]
    if not found:
        return found
    names = [row["speaker"] for row in found]
    details = select(
        quotes.c.speaker_name, quotes.c.speaker_title, quotes.c.speaker_org, quotes.c.outlet, func.count()
    ).where(*named, quotes.c.speaker_name.in_(names)).group_by(
        quotes.c.speaker_name, quotes.c.speaker_title, quotes.c.speaker_org, quotes.c.outlet
    )
    seen: dict[str, dict[str, dict[str, int]]] = {n: {"titles": {}, "orgs": {}, "outlets": {}} for n in names}
    for name, title, org, outlet, count in store.execute(details):
        for field, value in (("titles", title), ("orgs", org), ("outlets", outlet)):
            if value:
                seen[name][field][value] = seen[name][field].get(value, 0) + count
    for row in found:
        for field, counts in seen[row["speaker"]].items():
            row[field] = sorted(counts, key=lambda v: (-counts[v], v))
    return found


_MISSING = {"org": "(none)", "outlet": "(unknown)", "month": "(undated)"}


def stats(store: Store, by: Sequence[str], filters: Filters = Filters()) -> list[dict[str, Any]]:
    """Quotations and distinct speakers per value of `by`, with each value's share of its group.

    The share is of the quotations in the same group of all dimensions but the last: `--by outlet --by gender`
    gives each outlet's gender split; one dimension gives shares of the whole. A count by gender also counts by
    where the gender came from (`gender_source` beside `gender`), so the article's evidence and the name list
    are never added up as one. The database groups by the stored columns themselves, in the order of the index
    each is led by; naming the missing values and sorting (largest first within a group, ties in code point
    order) is done here.
    """
    by = list(by) or ["kind"]
    for name in by:
        if name not in _DIMENSIONS:
            raise ConfigError("QW212", f"cannot count by {name!r}", f"choose from {', '.join(STATS_DIMENSIONS)}")
    names = [n for name in by for n in ((name, GENDER_SOURCE) if name == "gender" else (name,))]
    dims = [quotes.c.speaker_gender_source if name == GENDER_SOURCE else _DIMENSIONS[name] for name in names]
    query = (
        select(*dims, func.count(), func.count(distinct(quotes.c.speaker_name)))
        .where(*filters.where(store))
        .group_by(*dims)
    )
    rows = []
    for *values, n, speakers in store.execute(query):
        row = {name: _MISSING.get(name) if v is None else v for name, v in zip(names, values, strict=True)}
        rows.append({**row, "quotes": n, "speakers": speakers})

    def value(row: dict[str, Any], name: str) -> tuple[str, str]:
        """A row's value of one dimension as grouped and sorted: a gender with its source."""
        return row[name], ((row[GENDER_SOURCE] or "") if name == "gender" else "")

    totals: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        totals[tuple(value(row, name) for name in by[:-1])] += row["quotes"]
    for row in rows:
        row["share"] = row["quotes"] / totals[tuple(value(row, name) for name in by[:-1])]
    return sorted(rows, key=lambda r: (*(value(r, name) for name in by[:-1]), -r["quotes"], value(r, by[-1])))


def latest_run() -> Select[Any]:
    return select(runs).order_by(runs.c.id.desc()).limit(1)


def article_ids(store: Store, filters: Filters = Filters()) -> list[str]:
    """Articles with at least one quotation the filters keep; without filters, every article."""
    if not any(getattr(filters, f) for f in ("speaker", "org", "kind", "type", "gender", "name")):
        conditions = filters._on_article_fields(store, articles.c.outlet, articles.c.date)
        query = select(articles.c.id).where(*conditions).order_by(articles.c.id)
    else:
        query = select(quotes.c.article_id).where(*filters.where(store)).distinct()
        query = query.order_by(quotes.c.article_id)
    return [row[0] for row in store.execute(query)]


def quotation_rows(store: Store, ids: Sequence[str], chunk: int = 200) -> Iterator[dict[str, Any]]:
    """The quotations of these articles as the one flat row each (`quotewise.rows.QUOTATION_COLUMNS`), in the
    order of `article_ids` and then their own, streamed from the store: an export of any size holds a batch of rows.

    The store keeps a quotation as that row already (`corpus.tables`), so it is read back as it is, with its
    article's metadata beside it and `parts` made a list again."""
    meta = [articles.c[f].label("article_id" if f == "id" else f) for f in ARTICLE_FIELDS if f != "text"]
    flat = [quotes.c[c] for c in QUOTATION_COLUMNS if c in quotes.c and c not in ("outlet", "date")]
    for i in range(0, len(ids), chunk):  # `ids` in the database's order (article_ids): so are the rows
        query = (select(*meta, *flat).select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
                 .where(quotes.c.article_id.in_(ids[i : i + chunk])).order_by(quotes.c.article_id, quotes.c.n))
        for row in store.stream(query):
            found = {**row._mapping, "parts": json.loads(row.parts)}
            yield {c: found[c] for c in QUOTATION_COLUMNS}


def first_article(store: Store) -> str | None:
    """The id of the article read first (in input order) of those stored."""
    found = store.execute(select(articles.c.id).order_by(articles.c.source, articles.c.position).limit(1))
    return found[0][0] if found else None


def stored_articles(store: Store, ids: Sequence[str], chunk: int = 200) -> Iterator[tuple[Article, ArticleResult]]:
    """Each article with its result as extraction made it, a chunk of articles at a time."""
    for i in range(0, len(ids), chunk):
        wanted = list(ids[i : i + chunk])
        read = {row.id: article_from_row(row._mapping) for row in store.execute(
            select(*(articles.c[f] for f in ARTICLE_FIELDS)).where(articles.c.id.in_(wanted)))}
        by_article: dict[str, dict[str, list[Any]]] = {a: {"q": [], "p": [], "m": []} for a in wanted}
        children = (("q", quotes, quotes.c.n), ("p", people, people.c.n), ("m", mentions, mentions.c.start))
        for key, table, order in children:
            query = select(table).where(table.c.article_id.in_(wanted)).order_by(table.c.article_id, order)
            for row in store.execute(query):
                by_article[row.article_id][key].append(row._mapping)
        for article_id in wanted:
            if article_id in read:
                got = by_article[article_id]
                yield read[article_id], result_from_rows(got["q"], got["p"], got["m"])


def article_header(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's metadata and the length of its text in characters, without bringing the text itself over."""
    length = func.length(articles.c.text).label("length")
    columns = (articles.c[f] for f in ARTICLE_FIELDS if f != "text")
    found = store.execute(select(*columns, length).where(articles.c.id == article_id))
    return dict(found[0]._mapping) if found else None


def article_text(store: Store, article_id: str, start: int, end: int) -> str:
    """Characters `start` to `end` (exclusive) of an article's text, cut out by the database: SQLite and PostgreSQL
    count `substr` in characters from 1, as Python counts the offsets quotewise stores in code points from 0."""
    found = store.execute(select(func.substr(articles.c.text, start + 1, max(0, end - start)))
                          .where(articles.c.id == article_id))
    return str(found[0][0]) if found else ""


def article_quotes(
    store: Store, article_id: str, start: int | None = None, end: int | None = None
) -> list[tuple[int, Quote, str]]:
    """An article's quotations whose text, cue or speaker mention overlaps characters `start` to `end` (all of them
    without a range), in their order: each with its number in the article and its gender as counted."""
    query = select(quotes).where(quotes.c.article_id == article_id).order_by(quotes.c.n)
    if start is not None and end is not None:
        query = query.where(or_(*(and_(first < end, last > start) for first, last in (
            (quotes.c.start, quotes.c.end), (quotes.c.cue_start, quotes.c.cue_end),
            (quotes.c.speaker_start, quotes.c.speaker_end)))))
    return [(row.n, quote_from_fields(row._mapping), row.speaker_gender) for row in store.execute(query)]


def article_speakers(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Everyone quoted in an article, in the order of their first quotation, with how often; the quotations of no
    named speaker are the row whose `name` is None."""
    query = select(quotes.c.speaker_name, func.min(quotes.c.n), func.count()).where(
        quotes.c.article_id == article_id).group_by(quotes.c.speaker_name)
    found = [{"name": name, "first": first, "quotes": n} for name, first, n in store.execute(query)]
    return sorted(found, key=lambda row: row["first"])


def article_people(store: Store, article_id: str, *, top: int) -> tuple[list[dict[str, Any]], int]:
    """The people an article names, at most `top` of them, the most quoted first (ties in the order the article
    names them), each with how often they are quoted there; and how many people it names in all.

    Each count reads the speaker index in place (one speaker in one article): the article's quotations are not
    grouped for it."""
    quoted = (select(func.count()).select_from(quotes)
              .where(quotes.c.speaker_name == people.c.name, quotes.c.article_id == people.c.article_id)
              .scalar_subquery().label("quotes"))
    query = (select(people.c.n, people.c.name, people.c.gender, people.c.gender_source, people.c.name_gender_p,
                    people.c.gender_evidence, people.c.title, people.c.org, quoted)
             .where(people.c.article_id == article_id).order_by(quoted.desc(), people.c.n).limit(top))
    rows = [{**row._mapping, "gender_evidence": json.loads(row.gender_evidence)} for row in store.execute(query)]
    total = store.execute(select(func.count()).select_from(people).where(people.c.article_id == article_id))
    return rows, int(total[0][0])
