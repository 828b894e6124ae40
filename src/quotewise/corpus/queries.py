"""What people ask a store: search, the most quoted speakers, source-diversity counts, the rows to export.

Each question is one SQLAlchemy Core query, the same on SQLite and PostgreSQL (full-text matching aside, which
`fulltext` supplies), so the CLI and the web app give the same answers.

Counts are of statements by default, appearances on request (`count=`): a wire story republished by three outlets
is one statement with three appearances (quotations), and a researcher asking who gets quoted means the former.
A statement is a distinct `quotes.statement_id` (corpus.duplicates); a quotation without one counts as its own.
Speakers are identities (`quotes.speaker_id`, corpus.identities), named by the `speakers` table.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, literal, or_, select, tuple_, union_all
from sqlalchemy.orm import aliased

from ..errors import ConfigError
from ..records import Article, ArticleResult, Quote
from ..rows import NOT_A_PERSON as NOT_A_PERSON  # the gender filter's value for organisations and groups
from ..rows import QUOTATION_COLUMNS, quote_from_fields
from . import fulltext
from .schema import articles, corrections, errors, mentions, people, quotes, runs, speaker_doubts, speaker_keys
from .schema import speakers as identities
from .store import Store
from .tables import article_from_row, result_from_rows

ARTICLE_FIELDS = tuple(f.name for f in fields(Article))  # the articles table's columns of the same names
_DIMENSIONS = {"kind": quotes.c.speaker_kind, "gender": quotes.c.speaker_gender, "org": quotes.c.speaker_org,
               "outlet": quotes.c.outlet, "month": quotes.c.month}
STATS_DIMENSIONS = tuple(_DIMENSIONS)
GENDER_SOURCE = "gender_source"  # the key beside "gender" in a count by gender: "evidence", "names" or None
STATEMENTS, APPEARANCES = "statements", "appearances"
COUNTS = (STATEMENTS, APPEARANCES)  # what a count counts: the first is the default everywhere
ALSO_SHOWN = 10  # other articles of a statement listed with a search hit; the rest are counted
ALSO_PUBLISHED = 50  # other articles of a story listed on an article's page; the rest are counted
# A statement's quotations share the first column; a quotation without a statement_id is one of its own (second).
_STATEMENT = (quotes.c.statement_id, case((quotes.c.statement_id.is_(None), quotes.c.id)))


def checked_count(count: str) -> str:
    """`count` when it is one of `COUNTS`; a ConfigError naming them otherwise."""
    if count not in COUNTS:
        raise ConfigError("QW212", f"cannot count {count!r}", f"choose from {', '.join(COUNTS)}")
    return count


def statements_counted() -> ColumnElement[int]:
    """How many statements the grouped quotations are: distinct statement ids, and each quotation without one."""
    return func.count(distinct(quotes.c.statement_id)) + func.count() - func.count(quotes.c.statement_id)


def _measure(count: str) -> ColumnElement[int]:
    return statements_counted() if checked_count(count) == STATEMENTS else func.count()


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
    gender: str | None = None  # female, male, unknown, "not a person": the speaker's across the archive (stats)
    speaker_id: int | None = None  # exactly this identity (a speaker's page)

    def where(self, store: Store) -> list[ColumnElement[bool]]:
        """The conditions, with names matched case aside in Python (Unicode-correct on every database) against
        the store's distinct values, so the query itself compares with an index, never a LIKE over every row.
        They name the quotation's own columns (its article's outlet and date are copied into it): no join."""
        found = self._on_article_fields(store, quotes.c.outlet, quotes.c.date)
        if self.speaker_id is not None:
            found.append(quotes.c.speaker_id == self.speaker_id)
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
        if self.gender:  # the identity's pooled gender, as `stats` counts it; a quotation without one keeps its own
            pooled = select(identities.c.id).where(func.coalesce(identities.c.gender, "unknown") == self.gender)
            found.append(or_(quotes.c.speaker_id.in_(pooled),
                             and_(quotes.c.speaker_id.is_(None), quotes.c.speaker_gender == self.gender)))
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
    quotes.c.outlet, quotes.c.date, articles.c.title, articles.c.url, quotes.c.speaker_id, quotes.c.statement_id,
)
SEARCH_FIELDS = (*(c.name for c in SEARCH_COLUMNS), "appearances", "also_articles")  # a hit's flat fields


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
    store: Store, text: str | None, filters: Filters = Filters(), *, limit: int = 20, offset: int = 0,
    count: str = STATEMENTS,
) -> list[dict[str, Any]]:
    """Quotations matching `text` (best first, ties in the order they were stored) and the filters; without
    text, the newest first (an article's quotations together, in their order). Counting statements, one hit per
    statement: its first appearance in that order. Each hit says how many `appearances` its statement has in the
    store and in how many other articles (`also_articles`, the first `ALSO_SHOWN` of them in `also`).

    The page is chosen from the quotations' ids and sort keys alone, which SQLite's counting indexes hold, and
    only its rows are read whole: a filter matching most of a large store still costs one index scan.
    """
    each = checked_count(count) == APPEARANCES
    page, rank = _matching(store, text, filters, quotes.c.id, quotes.c.date, top=limit + offset if each else None)
    ids = _newest_statements(store, page, limit, offset) if rank is None and not each else None
    if ids is not None:
        query = select(*SEARCH_COLUMNS).select_from(quotes.join(articles, articles.c.id == quotes.c.article_id))
        query = query.where(quotes.c.id.in_(ids)).order_by(quotes.c.date.desc().nulls_last(), quotes.c.id)
        return _with_appearances(store, [dict(row._mapping) for row in store.execute(query)] if ids else [])
    if rank is not None:
        page = page.add_columns(rank.label("rank"))
    order = (quotes.c.date.desc().nulls_last(), quotes.c.id) if rank is None else (rank, quotes.c.id)
    if not each:  # a statement's best-placed appearance stands for it
        nth = func.row_number().over(partition_by=_STATEMENT, order_by=order).label("nth")
        firsts = page.add_columns(nth).subquery("firsts")
        page = select(*(c for c in firsts.c if c.name != "nth")).where(firsts.c.nth == 1)
        order = (firsts.c.date.desc().nulls_last(), firsts.c.id) if rank is None else (firsts.c.rank, firsts.c.id)
    chosen = page.order_by(*order).limit(limit).offset(offset).subquery("page")
    order = (chosen.c.date.desc().nulls_last(), chosen.c.id) if rank is None else (chosen.c.rank, chosen.c.id)
    query = select(*SEARCH_COLUMNS).select_from(
        chosen.join(quotes, quotes.c.id == chosen.c.id).join(articles, articles.c.id == quotes.c.article_id)
    )
    return _with_appearances(store, [dict(row._mapping) for row in store.execute(query.order_by(*order))])


# How many of the newest matches a page of statements may be chosen from before the window does it: the first
# pages (a page far down is rarely asked for, and reading that many is no cheaper than the window).
_NEWEST_READ = 2000


def _newest_statements(store: Store, matching: Select[Any], limit: int, offset: int) -> list[int] | None:
    """The ids of a page of statements, newest first, each by its newest appearance, from the newest few times a
    page of the matches (a top-N sort, not a window over every match); None when those hold too few statements
    (a page far down, or statements repeated many times), for the window to choose."""
    read = 4 * (limit + offset)
    if read > _NEWEST_READ:
        return None
    ordered = matching.add_columns(quotes.c.statement_id).order_by(quotes.c.date.desc().nulls_last(), quotes.c.id)
    rows = store.execute(ordered.limit(read))
    seen: set[Any] = set()
    chosen: list[int] = []
    for quote_id, _, statement in rows:
        key = statement if statement is not None else ("quotation", quote_id)
        if key not in seen:
            seen.add(key)
            chosen.append(quote_id)
    if len(chosen) < limit + offset and len(rows) == read:
        return None
    return chosen[offset:limit + offset]


def _with_appearances(store: Store, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each hit with its statement's appearances in the store and the other articles it appears in."""
    wanted = sorted({hit["statement_id"] for hit in hits if hit["statement_id"]})
    counts: dict[str, tuple[int, int]] = {}
    listed: dict[str, list[dict[str, Any]]] = {s: [] for s in wanted}
    if wanted:
        mine = quotes.c.statement_id.in_(wanted)
        grouped = select(quotes.c.statement_id, func.count(), func.count(distinct(quotes.c.article_id))).where(
            mine).group_by(quotes.c.statement_id)
        counts = {s: (n, in_articles) for s, n, in_articles in store.execute(grouped)}
        nth = func.row_number().over(partition_by=quotes.c.statement_id,
                                     order_by=(quotes.c.date.nulls_last(), quotes.c.article_id, quotes.c.n))
        first = select(quotes.c.statement_id, quotes.c.article_id, quotes.c.outlet, quotes.c.date,
                       nth.label("nth")).where(mine).subquery("first")
        shown = (select(first.c.statement_id, first.c.article_id, first.c.outlet, first.c.date, articles.c.title)
                 .join(articles, articles.c.id == first.c.article_id).where(first.c.nth <= ALSO_SHOWN + 1)
                 .order_by(first.c.statement_id, first.c.nth))
        for statement, *row in store.execute(shown):
            listed[statement].append(dict(zip(("article_id", "outlet", "date", "title"), row, strict=True)))
    for hit in hits:
        statement = hit["statement_id"]
        appearances, in_articles = counts.get(statement, (1, 1))
        others = {a["article_id"]: a for a in listed.get(statement, []) if a["article_id"] != hit["article_id"]}
        hit.update(appearances=appearances, also_articles=in_articles - 1, also=list(others.values())[:ALSO_SHOWN])
    return hits


def count(store: Store, text: str | None, filters: Filters = Filters(), *, count: str = STATEMENTS) -> int:
    """How many statements (or quotations) `search` finds in all."""
    query, _ = _matching(store, text, filters, _measure(count), ranked=False)
    return int(store.execute(query)[0][0])


# The gender facet is the identity's pooled gender (what the gender filter keeps), read by its id.
_POOLED_GENDER = case((quotes.c.speaker_id.is_(None), quotes.c.speaker_gender), else_=func.coalesce(
    select(identities.c.gender).where(identities.c.id == quotes.c.speaker_id).scalar_subquery(), "unknown"))
FACET_COLUMNS = {"speaker": quotes.c.speaker_name, "org": quotes.c.speaker_org, "kind": quotes.c.speaker_kind,
                 "type": quotes.c.type, "outlet": quotes.c.outlet, "gender": _POOLED_GENDER.label("pooled_gender")}
FACETS = tuple(FACET_COLUMNS)


def facets(
    store: Store, text: str | None, filters: Filters = Filters(), *, top: int = 8, count: str = STATEMENTS
) -> dict[str, list[Any]]:
    """For each facet, its most frequent values among the matching quotations, with their counts of statements
    (or quotations), each what that value's filter finds (ties in code point order, the same on every database).

    Counting quotations, one query counts every combination of the facets' values, and the facets are summed from
    it: the matching quotations are found once, not once per facet, and on SQLite the combinations come in the
    order of an index that holds all six columns, so the database never sorts the matches. Statements can't be
    summed so (a statement republished by three outlets would count three times for its speaker): one query
    counts each facet's distinct statements, its parts reading the counting index each facet leads, and a text's
    matches are found once for all of them.
    """
    columns = list(FACET_COLUMNS.values())
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACET_COLUMNS}
    if checked_count(count) == APPEARANCES:
        query, _ = _matching(store, text, filters, *columns, func.count(), ranked=False)
        for *values, n in store.execute(query.group_by(*columns)):
            for name, value in zip(FACET_COLUMNS, values, strict=True):
                if value is not None:
                    counts[name][value] += n
    else:
        for name, value, n in store.execute(union_all(*_statement_facets(store, text, filters))):
            counts[name][value] += n
    return {name: [{"value": v, "count": n} for v, n in sorted(found.items(), key=lambda i: (-i[1], i[0]))[:top]]
            for name, found in counts.items()}


def _statement_facets(store: Store, text: str | None, filters: Filters) -> list[Select[Any]]:
    """One query per facet counting its values' distinct statements: over the matches of a text found once (a
    materialized CTE), else (no text, or exclusions only: most of the store) each read from the index it leads."""
    if text and not fulltext.parse(text).without:
        query, _ = _matching(store, text, filters, quotes.c.statement_id, *FACET_COLUMNS.values(), ranked=False)
        matched = query.cte("facet_rows").prefix_with("MATERIALIZED")
        statements = func.count(distinct(matched.c.statement_id)) + func.count() - func.count(matched.c.statement_id)
        return [select(literal(name).label("facet"), matched.c[column.name].label("value"), statements.label("n"))
                .where(matched.c[column.name].is_not(None)).group_by(matched.c[column.name])
                for name, column in FACET_COLUMNS.items()]
    return [_matching(store, text, filters, literal(name).label("facet"), column.label("value"),
                      statements_counted().label("n"), ranked=False)[0].where(column.is_not(None)).group_by(column)
            for name, column in FACET_COLUMNS.items()]


def speaker_profile(store: Store, speaker_id: int, *, count: str = STATEMENTS) -> dict[str, Any] | None:
    """Everything the store knows of one identity: its canonical name and kind, counts, the names and mentions it
    was written as, titles and organisations with their first and last dates, outlets, statements (or
    quotations) per month, and its gender pooled over every article, with each article's evidence."""
    found = store.execute(select(identities.c.name, identities.c.kind, identities.c.gender,
                                 identities.c.gender_source, identities.c.authority_id, identities.c.authority_org)
                          .where(identities.c.id == speaker_id, identities.c.merged_into.is_(None)))
    if not found:
        return None
    name, kind, gender, source, authority_id, authority_org = found[0]
    mine = quotes.c.speaker_id == speaker_id
    measure = _measure(count)
    statements, appearances, in_articles = store.execute(
        select(statements_counted(), func.count(), func.count(distinct(quotes.c.article_id))).where(mine))[0]
    aliases: Counter[str] = Counter()
    for written, mention, n in store.execute(select(quotes.c.speaker_name, quotes.c.speaker_text, func.count())
                                             .where(mine).group_by(quotes.c.speaker_name, quotes.c.speaker_text)):
        aliases.update(dict.fromkeys({a for a in (written, mention) if a}, n))
    roles: dict[tuple[Any, Any], tuple[Any, Any]] = {}
    quoted: Counter[tuple[Any, Any]] = Counter()
    for title, org, n, first, last in store.execute(
            select(quotes.c.speaker_title, quotes.c.speaker_org, measure, func.min(quotes.c.date),
                   func.max(quotes.c.date)).where(mine).group_by(quotes.c.speaker_title, quotes.c.speaker_org)):
        quoted[title, org] += n
        for date in (first, last):
            _held(roles, title, org, date)
    evidence = []
    named = (select(people.c.article_id, people.c.name, people.c.gender, people.c.gender_source,
                    people.c.name_gender_p, people.c.gender_evidence, people.c.title, people.c.org, articles.c.title,
                    articles.c.outlet, articles.c.date)
             .select_from(people.join(articles, articles.c.id == people.c.article_id))
             .where(people.c.speaker_id == speaker_id).order_by(articles.c.date.nulls_last(), people.c.article_id))
    for row in store.execute(named):
        _held(roles, row[6], row[7], row[10])
        evidence.append({"article_id": row[0], "name": row[1], "gender": row[2], "gender_source": row[3],
                         "name_gender_p": row[4], "gender_evidence": json.loads(row[5]), "title": row[8],
                         "outlet": row[9], "date": row[10]})
    outlets = select(quotes.c.outlet, measure).where(mine, quotes.c.outlet.is_not(None)).group_by(quotes.c.outlet)
    timeline = select(quotes.c.month, measure).where(mine, quotes.c.month.is_not(None)).group_by(quotes.c.month)
    return {
        "speaker_id": speaker_id, "name": name, "kind": kind, "authority_id": authority_id,
        "authority_org": authority_org, "count": count, "statements": statements,
        "appearances": appearances, "articles": in_articles, "gender": gender, GENDER_SOURCE: source,
        "aliases": [{"name": a, "count": n} for a, n in sorted(aliases.items(), key=lambda i: (-i[1], i[0]))],
        "roles": [{"title": t, "org": o, "count": quoted[t, o], "first": a, "last": b} for (t, o), (a, b) in sorted(
            roles.items(), key=lambda r: (r[1][0] or "", r[0][0] or "", r[0][1] or ""))],
        "outlets": [{"outlet": o, "count": n} for o, n in sorted(store.execute(outlets), key=lambda r: (-r[1], r[0]))],
        "timeline": [{"month": m, "count": n} for m, n in store.execute(timeline.order_by(quotes.c.month))],
        "evidence": evidence,
    }


def identities_named(store: Store, name: str) -> list[dict[str, Any]]:
    """The identities a speaker name is (an old `/speakers/NAME` link): those called so, and those quoted under
    that name, each with its canonical name, kind and appearances under the name."""
    under = (select(quotes.c.speaker_id, func.count().label("n")).where(quotes.c.speaker_name == name,
             quotes.c.speaker_id.is_not(None)).group_by(quotes.c.speaker_id).subquery("under"))
    query = (select(identities.c.id, identities.c.name, identities.c.kind, func.coalesce(under.c.n, 0))
             .select_from(identities.outerjoin(under, under.c.speaker_id == identities.c.id))
             .where(or_(identities.c.name == name, under.c.speaker_id.is_not(None)))
             .order_by(func.coalesce(under.c.n, 0).desc(), identities.c.id))
    return [{"speaker_id": i, "name": n, "kind": k, "appearances": a} for i, n, k, a in store.execute(query)]


POSSIBLE_SAME_FIELDS = ("speaker_id", "speaker", "appearances", "articles", "other_id", "other", "other_appearances",
                        "other_articles", "reason", "merge", "distinct")


def possible_same(store: Store, speaker_id: int | None = None, limit: int | None = None,
                  offset: int = 0) -> list[dict[str, Any]]:
    """The "possible same person" list (corpus.doubts), of one identity or of the whole store: pairs of the
    identities as they are now (a merged one is its survivor), without pairs a merge made one or a `distinct`
    correction parted; the most quoted pairs first, each with the commands that settle it (the more quoted
    identity is the one a merge keeps). Ordered and paged by the database, so a page costs one query."""
    pairs = _doubted_pairs(store, speaker_id).subquery()
    counted = (select(quotes.c.speaker_id, func.count().label("n"), func.count(distinct(quotes.c.article_id))
                      .label("articles")).where(quotes.c.speaker_id.in_(
                          union_all(select(pairs.c.low), select(pairs.c.high)))).group_by(quotes.c.speaker_id)
               .subquery())
    low, high = aliased(counted), aliased(counted)
    n_low, n_high = func.coalesce(low.c.n, 0), func.coalesce(high.c.n, 0)
    a_low, a_high = func.coalesce(low.c.articles, 0), func.coalesce(high.c.articles, 0)

    def more_quoted_first(if_low: Any, if_high: Any) -> Any:
        return case((n_low >= n_high, if_low), else_=if_high)

    first, second = more_quoted_first(pairs.c.low, pairs.c.high), more_quoted_first(pairs.c.high, pairs.c.low)
    low_name, high_name = identities.alias("low_name"), identities.alias("high_name")
    query = (select(first, more_quoted_first(low_name.c.name, high_name.c.name), more_quoted_first(n_low, n_high),
                    more_quoted_first(a_low, a_high), second, more_quoted_first(high_name.c.name, low_name.c.name),
                    more_quoted_first(n_high, n_low), more_quoted_first(a_high, a_low), pairs.c.reason)
             .join(low_name, low_name.c.id == pairs.c.low).join(high_name, high_name.c.id == pairs.c.high)
             .outerjoin(low, low.c.speaker_id == pairs.c.low).outerjoin(high, high.c.speaker_id == pairs.c.high)
             .order_by((n_low + n_high).desc(), first, second).limit(limit).offset(offset))
    return [{"speaker_id": one, "speaker": name, "appearances": n, "articles": a, "other_id": other,
             "other": other_name, "other_appearances": other_n, "other_articles": other_a, "reason": reason,
             "merge": f"quotewise speakers merge {one} {other}",
             "distinct": f"quotewise speakers distinct {one} {other}"}
            for one, name, n, a, other, other_name, other_n, other_a, reason in store.execute(query)]


def possible_same_total(store: Store, speaker_id: int | None = None) -> int:
    """How many pairs `possible_same` lists."""
    return int(store.execute(select(func.count()).select_from(_doubted_pairs(store, speaker_id).subquery()))[0][0])


def _doubted_pairs(store: Store, speaker_id: int | None) -> Select[Any]:
    """(low, high, reason) of each pair of present identities the doubts stand for: both sides read through
    merges, once for a pair met several ways (the first reason by name)."""
    a, b = identities.alias("a"), identities.alias("b")
    first_now, second_now = func.coalesce(a.c.merged_into, a.c.id), func.coalesce(b.c.merged_into, b.c.id)
    low = case((first_now < second_now, first_now), else_=second_now).label("low")
    high = case((first_now < second_now, second_now), else_=first_now).label("high")
    pairs = (select(low, high, func.min(speaker_doubts.c.reason).label("reason"))
             .select_from(speaker_doubts.join(a, a.c.id == speaker_doubts.c.speaker_id)
                          .join(b, b.c.id == speaker_doubts.c.other_id))
             .where(first_now != second_now).group_by(low, high))
    if speaker_id is not None:
        now = store.execute(select(func.coalesce(identities.c.merged_into, identities.c.id))
                            .where(identities.c.id == speaker_id))
        mine = now[0][0] if now else speaker_id
        pairs = pairs.having(or_(low == mine, high == mine))
    parted = _parted(store)
    if parted:
        pairs = pairs.having(tuple_(low, high).not_in([tuple(sorted(pair)) for pair in parted]))
    return pairs


def _parted(store: Store) -> set[frozenset[int]]:
    """The pairs of identities `distinct` corrections parted, by the ids their keys have now."""
    found = store.execute(select(corrections.c.key, corrections.c.other).where(corrections.c.action == "distinct"))
    keys = sorted({k for pair in found for k in pair})
    ids: dict[str, int] = {}
    for chunk in _chunked(keys):
        rows = store.execute(select(speaker_keys.c.key, func.coalesce(identities.c.merged_into, identities.c.id))
                             .join(identities, identities.c.id == speaker_keys.c.speaker_id)
                             .where(speaker_keys.c.key.in_(chunk)))
        ids.update({key: i for key, i in rows})
    return {frozenset((ids[a], ids[b])) for a, b in found if a in ids and b in ids}


def _chunked(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def statement(store: Store, statement_id: str) -> dict[str, Any] | None:
    """One statement's appearances, oldest first: each article, its outlet and date, the speaker as that article
    wrote them (and their identity), and the quotation's words as that article has them."""
    speaker = aliased(identities)
    query = (select(quotes.c.article_id, quotes.c.n, quotes.c.type, quotes.c.text, quotes.c.start,
                    quotes.c.speaker_name, quotes.c.speaker_text, quotes.c.speaker_title, quotes.c.speaker_org,
                    quotes.c.speaker_id, speaker.c.name.label("identity"), quotes.c.outlet, quotes.c.date,
                    articles.c.title, articles.c.url)
             .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                          .outerjoin(speaker, speaker.c.id == quotes.c.speaker_id))
             .where(quotes.c.statement_id == statement_id)
             .order_by(quotes.c.date.nulls_last(), quotes.c.article_id, quotes.c.n))
    rows = [dict(row._mapping) for row in store.execute(query)]
    if not rows:
        return None
    said_by = {r["speaker_id"]: r["identity"] for r in rows if r["speaker_id"] is not None}
    return {"statement_id": statement_id, "appearances": len(rows), "articles": len({r["article_id"] for r in rows}),
            "outlets": sorted({r["outlet"] for r in rows if r["outlet"]}),
            "speakers": [{"speaker_id": i, "name": n} for i, n in said_by.items()], "rows": rows}


SPEAKER_COLUMNS = ("speaker_id", "name", "kind", "authority_id", "authority_org", "gender", "gender_source",
                   "gender_articles", "quotes", "articles", "first_seen", "last_seen", "aliases", "roles", "outlets")


def speaker_identities(store: Store, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every identity with what the store knows of it (`SPEAKER_COLUMNS`), in id order, read `chunk` ids at a
    time and their rows streamed: an archive of any size holds a chunk's counts in memory. Aliases are the names
    and mentions it was quoted and named as, with counts; roles its titles and organisations with the first and
    last dates; its gender the one the store keeps pooled (corrections applied), beside the articles' genders by
    source. An identity merged into another, or whose articles were all replaced, is not one any more."""
    top = store.execute(select(func.max(identities.c.id)))[0][0] or 0
    dated = quotes.join(articles, articles.c.id == quotes.c.article_id)
    for low in range(1, top + 1, chunk):
        span = (low, min(top, low + chunk - 1))  # identities an ingest adds meanwhile wait for the next export
        found: dict[int, dict[str, Any]] = {}
        for sid, name, kind, authority_id, authority_org, gender, source in store.execute(
                select(identities.c.id, identities.c.name, identities.c.kind, identities.c.authority_id,
                       identities.c.authority_org, identities.c.gender, identities.c.gender_source).where(
                    identities.c.id.between(*span), identities.c.merged_into.is_(None))):
            found[sid] = {"speaker_id": sid, "name": name, "kind": kind, "authority_id": authority_id,
                          "authority_org": authority_org, "quotes": 0, "articles": 0,
                          "first_seen": None, "last_seen": None, "aliases": Counter(), "roles": {},
                          "outlets": Counter(), "genders": [], "gender": gender or "unknown",
                          "gender_source": source}
        counts = select(quotes.c.speaker_id, func.count(), func.count(distinct(quotes.c.article_id)),
                        func.min(articles.c.date), func.max(articles.c.date)).select_from(dated).where(
            quotes.c.speaker_id.between(*span)).group_by(quotes.c.speaker_id)
        for sid, n, in_articles, first, last in store.execute(counts):
            if sid in found:
                found[sid].update(quotes=n, articles=in_articles, first_seen=first, last_seen=last)
        written = select(quotes.c.speaker_id, quotes.c.speaker_name, quotes.c.speaker_text, quotes.c.speaker_title,
                         quotes.c.speaker_org, articles.c.outlet, articles.c.date).select_from(dated).where(
            quotes.c.speaker_id.between(*span))
        for sid, name, mention, title, org, outlet, date in store.stream(written):
            row = found[sid]
            row["aliases"].update(a for a in {name, mention} if a)
            if outlet:
                row["outlets"][outlet] += 1
            _held(row["roles"], title, org, date)
        named = select(people.c.speaker_id, people.c.name, people.c.gender, people.c.gender_source, people.c.title,
                       people.c.org, articles.c.date).select_from(
            people.join(articles, articles.c.id == people.c.article_id)).where(people.c.speaker_id.between(*span))
        for sid, name, gender, source, title, org, date in store.stream(named):
            row = found[sid]
            row["aliases"][name] += 1
            row["genders"].append((gender, source))
            _held(row["roles"], title, org, date)
        for row in found.values():
            genders = row.pop("genders")
            if not row["quotes"] and not genders:
                continue
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


SPEAKER_FIELDS = ("speaker_id", "speaker", "kind", STATEMENTS, APPEARANCES, "articles", "titles", "orgs", "outlets",
                  "first_seen", "last_seen")


def speakers(
    store: Store, filters: Filters = Filters(), *, top: int = 20, count: str = STATEMENTS
) -> list[dict[str, Any]]:
    """The most quoted identities (`SPEAKER_FIELDS`): most statements (or quotations) first, ties by canonical
    name; with the titles, organisations and outlets they were quoted under, the most frequent first. Quotations
    without a speaker are left out."""
    named = [quotes.c.speaker_id.is_not(None), *filters.where(store)]
    counted = (
        select(
            quotes.c.speaker_id,
            statements_counted().label(STATEMENTS),
            func.count().label(APPEARANCES),
            func.count(distinct(quotes.c.article_id)).label("articles"),
            func.min(quotes.c.date).label("first_seen"),
            func.max(quotes.c.date).label("last_seen"),
        )
        .where(*named)
        .group_by(quotes.c.speaker_id)
        .subquery("counted")
    )
    first, then = (STATEMENTS, APPEARANCES) if checked_count(count) == STATEMENTS else (APPEARANCES, STATEMENTS)
    query = (select(counted.c.speaker_id, identities.c.name.label("speaker"), identities.c.kind,
                    *(counted.c[f] for f in (STATEMENTS, APPEARANCES, "articles", "first_seen", "last_seen")))
             .join(identities, identities.c.id == counted.c.speaker_id)
             .order_by(counted.c[first].desc(), counted.c[then].desc(), identities.c.name, counted.c.speaker_id)
             .limit(top))
    found = [dict(row._mapping) for row in store.execute(query)]
    if not found:
        return found
    ids = [row["speaker_id"] for row in found]
    details = select(
        quotes.c.speaker_id, quotes.c.speaker_title, quotes.c.speaker_org, quotes.c.outlet, func.count()
    ).where(*named, quotes.c.speaker_id.in_(ids)).group_by(
        quotes.c.speaker_id, quotes.c.speaker_title, quotes.c.speaker_org, quotes.c.outlet
    )
    seen: dict[int, dict[str, Counter[str]]] = {i: {"titles": Counter(), "orgs": Counter(), "outlets": Counter()}
                                                for i in ids}
    for sid, title, org, outlet, n in store.execute(details):
        for field, value in (("titles", title), ("orgs", org), ("outlets", outlet)):
            if value:
                seen[sid][field][value] += n
    for row in found:
        for field, counts in seen[row["speaker_id"]].items():
            row[field] = sorted(counts, key=lambda v: (-counts[v], v))
    return [{f: row[f] for f in SPEAKER_FIELDS} for row in found]


_MISSING = {"org": "(none)", "outlet": "(unknown)", "month": "(undated)"}


def stats(
    store: Store, by: Sequence[str], filters: Filters = Filters(), *, count: str = STATEMENTS
) -> list[dict[str, Any]]:
    """Statements, quotations (`appearances`) and distinct speakers (identities) per value of `by`, with each
    value's share of its group, in statements (or quotations).

    The share is of the count summed over the same group of all dimensions but the last: `--by outlet --by gender`
    gives each outlet's gender split; one dimension gives shares of the whole. A statement counts once in each
    value it appears under (a wire story in three outlets, once per outlet). Gender is the identity's, pooled over
    every article that named it (a quotation without a speaker keeps its own, unknown), beside where it came from
    (`gender_source`), so the article's evidence and the name list are never added up as one. The database groups
    by the stored columns themselves, in the order of the index each is led by (a count by gender joins each
    identity's gender); naming the missing values and sorting (largest first within a group, ties in code point
    order) is done here.
    """
    by = list(by) or ["kind"]
    for name in by:
        if name not in _DIMENSIONS:
            raise ConfigError("QW212", f"cannot count by {name!r}", f"choose from {', '.join(STATS_DIMENSIONS)}")
    shared = checked_count(count)
    names = [n for name in by for n in ((name, GENDER_SOURCE) if name == "gender" else (name,))]
    source: Any = quotes
    columns = dict(_DIMENSIONS)
    if "gender" in by:  # the identity's, as the store keeps it pooled (corpus.store, corrections applied)
        source = quotes.outerjoin(identities, identities.c.id == quotes.c.speaker_id)
        alone = quotes.c.speaker_id.is_(None)
        columns["gender"] = case((alone, quotes.c.speaker_gender), else_=func.coalesce(identities.c.gender, "unknown"))
        columns[GENDER_SOURCE] = case((alone, quotes.c.speaker_gender_source), else_=identities.c.gender_source)
    dims = [columns[name] for name in names]
    query = (
        select(*dims, statements_counted(), func.count(), func.count(distinct(quotes.c.speaker_id)))
        .select_from(source)
        .where(*filters.where(store))
        .group_by(*dims)
    )
    rows = []
    for *values, statements, appearances, speakers in store.execute(query):
        row = {name: _MISSING.get(name) if v is None else v for name, v in zip(names, values, strict=True)}
        rows.append({**row, STATEMENTS: statements, APPEARANCES: appearances, "speakers": speakers})

    def value(row: dict[str, Any], name: str) -> tuple[str, str]:
        """A row's value of one dimension as grouped and sorted: a gender with its source."""
        return row[name], ((row[GENDER_SOURCE] or "") if name == "gender" else "")

    totals: Counter[tuple[Any, ...]] = Counter()
    for row in rows:
        totals[tuple(value(row, name) for name in by[:-1])] += row[shared]
    for row in rows:
        row["share"] = row[shared] / totals[tuple(value(row, name) for name in by[:-1])]
    return sorted(rows, key=lambda r: (*(value(r, name) for name in by[:-1]), -r[shared], value(r, by[-1])))


def latest_run() -> Select[Any]:
    return select(runs).order_by(runs.c.id.desc()).limit(1)


def article_ids(store: Store, filters: Filters = Filters()) -> list[str]:
    """Articles with at least one quotation the filters keep; without filters, every article."""
    if not any(getattr(filters, f) not in (None, "") for f in ("speaker", "org", "kind", "type", "gender",
                                                                "speaker_id")):
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
    """Everyone quoted in an article, in the order of their first quotation, with how often and their identity;
    the quotations of no named speaker are the row whose `name` is None."""
    query = select(quotes.c.speaker_name, func.min(quotes.c.speaker_id), func.min(quotes.c.n), func.count()).where(
        quotes.c.article_id == article_id).group_by(quotes.c.speaker_name)
    found = [{"name": name, "speaker_id": sid, "first": first, "quotes": n}
             for name, sid, first, n in store.execute(query)]
    return sorted(found, key=lambda row: row["first"])


def also_published(store: Store, article_id: str) -> tuple[list[dict[str, Any]], int]:
    """The other articles of an article's duplicate group (the same story elsewhere), the first `ALSO_PUBLISHED`
    by date, and how many there are."""
    group = select(articles.c.duplicate_group).where(articles.c.id == article_id).scalar_subquery()
    others = [articles.c.duplicate_group == group, articles.c.id != article_id]
    query = (select(articles.c.id, articles.c.title, articles.c.outlet, articles.c.date).where(*others)
             .order_by(articles.c.date.nulls_last(), articles.c.id).limit(ALSO_PUBLISHED))
    total = store.execute(select(func.count()).select_from(articles).where(*others))[0][0]
    return [dict(row._mapping) for row in store.execute(query)], int(total)


def quotation_links(store: Store, article_id: str, ns: Sequence[int]) -> dict[int, dict[str, Any]]:
    """For quotations `ns` of an article: their identity, statement, and how many other articles the statement
    appears in (each counted from the statement index)."""
    if not ns:
        return {}
    other = aliased(quotes)
    elsewhere = (select(func.count(distinct(other.c.article_id)))
                 .where(other.c.statement_id == quotes.c.statement_id, other.c.article_id != quotes.c.article_id)
                 .scalar_subquery())
    query = select(quotes.c.n, quotes.c.speaker_id, quotes.c.statement_id, elsewhere).where(
        quotes.c.article_id == article_id, quotes.c.n.between(min(ns), max(ns)))
    wanted = set(ns)
    return {n: {"speaker_id": sid, "statement_id": statement, "also_articles": int(also or 0)}
            for n, sid, statement, also in store.execute(query) if n in wanted}


def article_people(store: Store, article_id: str, *, top: int) -> tuple[list[dict[str, Any]], int]:
    """The people an article names, at most `top` of them, the most quoted first (ties in the order the article
    names them), each with how often they are quoted there; and how many people it names in all.

    Each count reads the speaker index in place (one speaker in one article): the article's quotations are not
    grouped for it."""
    quoted = (select(func.count()).select_from(quotes)
              .where(quotes.c.speaker_name == people.c.name, quotes.c.article_id == people.c.article_id)
              .scalar_subquery().label("quotes"))
    query = (select(people.c.n, people.c.name, people.c.gender, people.c.gender_source, people.c.name_gender_p,
                    people.c.gender_evidence, people.c.title, people.c.org, people.c.speaker_id, quoted)
             .where(people.c.article_id == article_id).order_by(quoted.desc(), people.c.n).limit(top))
    rows = [{**row._mapping, "gender_evidence": json.loads(row.gender_evidence)} for row in store.execute(query)]
    total = store.execute(select(func.count()).select_from(people).where(people.c.article_id == article_id))
    return rows, int(total[0][0])
