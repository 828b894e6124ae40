"""Full-text search over quotations, speaker names and titles: SQLite's FTS5, PostgreSQL's tsvector.

This is the one place the two databases differ. Both read the same query language, that of web search
engines: words (all must match, stemmed), "exact phrases", OR between two terms, and -word to exclude one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Select, column, func, literal_column, select, table, text

from ..errors import ConfigError
from .schema import quotes

_SQLITE_SETUP = (
    # An external-content index: the text lives once, in quotes; triggers keep the index in step.
    "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(words, speaker_name, speaker_title, "
    "content='quotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON quotes BEGIN "
    "INSERT INTO quotes_fts(rowid, words, speaker_name, speaker_title) "
    "VALUES (new.id, new.words, new.speaker_name, new.speaker_title); END",
    "CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN "
    "INSERT INTO quotes_fts(quotes_fts, rowid, words, speaker_name, speaker_title) "
    "VALUES ('delete', old.id, old.words, old.speaker_name, old.speaker_title); END",
)
_POSTGRES_SETUP = (
    "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(words, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(speaker_name, '') || ' ' || coalesce(speaker_title, '')), 'B')"
    ") STORED",
    "CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING gin (search)",
)
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def create(connection: Connection) -> None:
    """The search index beside the quotes table, for the connection's database."""
    for statement in _SQLITE_SETUP if connection.dialect.name == "sqlite" else _POSTGRES_SETUP:
        connection.execute(text(statement))


@dataclass(frozen=True, slots=True)
class Term:
    words: str
    exclude: bool = False
    either: bool = False  # joined to the term before it by OR


def parse(query: str) -> tuple[Term, ...]:
    """The terms of a search query; a ConfigError for a query with nothing to look for."""
    terms: list[Term] = []
    either = False
    for match in _TERM.finditer(query):
        minus, phrase, word = match.groups()
        if word == "OR" and terms:
            either = True
            continue
        if word is not None:
            minus, phrase = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
        words = " ".join(re.findall(r"\w+", phrase or ""))
        if words:
            terms.append(Term(words, bool(minus), either and not minus))
        either = False
    if not any(not t.exclude for t in terms):
        raise ConfigError("QW210", f"nothing to search for in {query!r}", "give at least one word that must match")
    return tuple(terms)


def fts5_query(terms: tuple[Term, ...]) -> str:
    """The FTS5 expression: NOT binds tighter than AND, AND tighter than OR, as in FTS5 itself."""
    groups: list[list[str]] = []
    for term in terms:
        if term.exclude:
            continue
        quoted = '"' + term.words + '"'
        if term.either and groups:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
    positive = " AND ".join("(" + " OR ".join(g) + ")" for g in groups)
    excluded = ['"' + t.words + '"' for t in terms if t.exclude]
    return f"({positive}) NOT ({' OR '.join(excluded)})" if excluded else positive


def tsqueries(terms: tuple[Term, ...]) -> tuple[ColumnElement, ColumnElement | None]:
    """The same query for PostgreSQL: the tsquery that must match (groups as in `fts5_query`), the one that must not.

    Built term by term, not with websearch_to_tsquery, whose OR binds looser than AND ("a b OR c" would mean
    (a AND b) OR c there, a AND (b OR c) on SQLite).
    """
    groups: list[ColumnElement] = []
    for term in terms:
        if term.exclude:
            continue
        one = func.phraseto_tsquery("english", term.words)
        groups.append(groups.pop().op("||")(one).self_group() if term.either and groups else one)
    positive = groups[0]
    for group in groups[1:]:
        positive = positive.op("&&")(group).self_group()
    excluded: ColumnElement | None = None
    for term in terms:
        if term.exclude:
            one = func.phraseto_tsquery("english", term.words)
            excluded = one if excluded is None else excluded.op("||")(one).self_group()
    return positive, excluded


_FTS5 = table("quotes_fts", column("rowid"), column("rank"))
_TSVECTOR = literal_column("quotes.search")


def _fts5_match(terms: tuple[Term, ...]) -> ColumnElement[bool]:
    return literal_column("quotes_fts").op("MATCH")(fts5_query(terms))


def _tsvector_match(tsquery: ColumnElement) -> ColumnElement[bool]:
    return _TSVECTOR.op("@@", is_comparison=True)(tsquery)


def matches(terms: tuple[Term, ...], dialect: str) -> ColumnElement[bool]:
    """Whether a quotation matches, for counting: on SQLite its id among the index's matches, found first."""
    if dialect == "sqlite":
        return quotes.c.id.in_(select(_FTS5.c.rowid).where(_fts5_match(terms)))
    positive, excluded = tsqueries(terms)
    found = _tsvector_match(positive)
    return found if excluded is None else found & ~_tsvector_match(excluded)


def matching(
    query: Select, terms: tuple[Term, ...], dialect: str, *, top: int | None = None
) -> tuple[Select, ColumnElement]:
    """`query` narrowed to quotations that match, and the rank to order by (smaller is better).

    `top`: only the best `top` matches are wanted and nothing else narrows them; on SQLite the index then ranks
    and cuts them itself (FTS5's ORDER BY rank LIMIT), far faster than ranking every match after the join.
    Ties are broken by the quotation's id, so both ways give the same rows in the same order.
    """
    if dialect == "sqlite":
        found = select(_FTS5.c.rowid, _FTS5.c.rank).where(_fts5_match(terms))
        if top is not None:
            best = found.order_by(_FTS5.c.rank, _FTS5.c.rowid).limit(top).subquery("best")
            return query.join(best, best.c.rowid == quotes.c.id), best.c.rank
        # Matched first, then joined: left to itself SQLite may walk quotes by another index and ask the full-text
        # index row by row, seconds instead of milliseconds on a large store.
        matched = found.cte("matched").prefix_with("MATERIALIZED")
        return query.join(matched, matched.c.rowid == quotes.c.id), matched.c.rank
    positive, _ = tsqueries(terms)
    return query.where(matches(terms, dialect)), -func.ts_rank(_TSVECTOR, positive)
