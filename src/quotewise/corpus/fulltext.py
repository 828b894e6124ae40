"""Full-text search over quotations, speaker names and titles: SQLite's FTS5, PostgreSQL's tsvector.

This is the one place the two databases differ. Both read one query language (docs/corpus.md, "Search syntax"):
words, "exact phrases" and prefix* joined by AND (or nothing), OR, NOT or a minus, and parentheses. `parse` reads
a query into a small tree of `Words`, `Not`, `And` and `Or`, settled into a `Search`, which compiles to one FTS5
MATCH expression (`fts5_query`) and to one PostgreSQL tsquery (`tsquery`) with the same matches.

The same matches need the same indexed words. FTS5 indexes with `porter unicode61 remove_diacritics 2`; the
PostgreSQL store reads its text through `quotewise_fold` (the Latin diacritics FTS5 removes, removed; the
punctuation FTS5 splits words at, made spaces, so that PostgreSQL's parser does not read "covid-19", "3.5" or
"example.com" as words of their own) and indexes it with the `quotewise` configuration: Porter's stemmer, the
one FTS5 runs, and no stop words, so "water and lead" and a phrase of stop words mean the same on both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import reduce
from itertools import chain, groupby

from sqlalchemy import ColumnElement, Connection, Select, column, func, literal_column, select, table, text

from ..errors import ConfigError
from .schema import quotes

CONFIG = "quotewise"  # PostgreSQL's text search configuration, made by `create`
OPERATORS = ("AND", "OR", "NOT")  # only in capitals: "and", "or" and "not" are words to search for
_WORD_CATEGORIES = "LNM"  # letters, digits, marks: what FTS5's unicode61 tokenizer keeps in a word
_SHORTEST_STEMMED = 3  # bytes: FTS5's porter tokenizer leaves shorter words as they are


def _fold_table() -> dict[int, str]:
    """What `quotewise_fold` changes: the Latin letters with diacritics whose letter is in ASCII, to that letter
    (what remove_diacritics 2 folds), and the punctuation, symbols and spaces of ASCII, Latin-1 and the General
    Punctuation block (dashes, curly quotes), to a space (FTS5 splits words at them; PostgreSQL reads some as a
    part of a word)."""
    table: dict[int, str] = {}
    for code in chain(range(0x21, 0x7F), range(0xA0, 0x250), range(0x1E00, 0x1F00), range(0x2000, 0x2070)):
        char = chr(code)
        if unicodedata.category(char)[0] in "PSZ":
            table[code] = " "
        elif not char.isascii() and char.isalpha():
            base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
            if len(base) == 1 and base.isascii():
                table[code] = base
    return table


FOLD = _fold_table()


def _sql_string(chars: str) -> str:
    """A PostgreSQL string literal of `chars`, every one escaped: no quote, colon (SQLAlchemy's bound parameters)
    or percent sign (psycopg's) to go wrong."""
    return "E'" + "".join(f"\\u{ord(c):04X}" for c in chars) + "'"


def _indexed(name: str, weight: str) -> str:
    return f"setweight(to_tsvector('{CONFIG}', quotewise_fold(coalesce({name}, ''))), '{weight}')"


_GAP = f"""{_sql_string("'-':1")}::tsvector"""
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
    "CREATE OR REPLACE FUNCTION quotewise_fold(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
    f"AS $fold$ SELECT translate($1, {_sql_string(''.join(map(chr, FOLD)))}, {_sql_string(''.join(FOLD.values()))})"
    " $fold$",
    # No IF NOT EXISTS for text search objects. The stemmer is Porter's, as FTS5's, without a stop-word list.
    f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_ts_dict WHERE dictname = 'quotewise_porter'
                   AND dictnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH DICTIONARY quotewise_porter (TEMPLATE = snowball, LANGUAGE = porter);
    END IF;
    IF NOT EXISTS (SELECT FROM pg_ts_config WHERE cfgname = '{CONFIG}'
                   AND cfgnamespace = current_schema()::regnamespace) THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR asciiword, word, numword, asciihword, hword,
            numhword, hword_asciipart, hword_part, hword_numpart WITH quotewise_porter;
    END IF;
    END $$""",
    # FTS5 keeps the three in columns of their own, so no phrase runs from one into the next: here a lexeme the
    # folded text cannot hold stands between them, and is deleted, leaving a gap in the positions.
    "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (ts_delete("
    f"{_indexed('words', 'A')} || {_GAP} || {_indexed('speaker_name', 'B')} || {_GAP} || "
    f"{_indexed('speaker_title', 'B')}, '-')) STORED",
    "CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING gin (search)",
)


def create(connection: Connection) -> None:
    """The search index beside the quotes table, for the connection's database."""
    for statement in _SQLITE_SETUP if connection.dialect.name == "sqlite" else _POSTGRES_SETUP:
        connection.execute(text(statement))


def upgrade_to_3(connection: Connection) -> None:
    """Schema 3: PostgreSQL's tsvector made again with the `quotewise` configuration (schema 2's used `english`,
    which drops stop words and stems otherwise than FTS5); SQLite's index is unchanged. Can run again."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("ALTER TABLE quotes DROP COLUMN IF EXISTS search"))
    create(connection)


@dataclass(frozen=True, slots=True)
class Words:
    """A word, or words in a row (a "phrase", or a word punctuation splits: "covid-19"); `prefix`: the last one
    only begins there (wat*)."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        bare = len(self.words) == 1 and self.words[0] not in OPERATORS
        shown = self.words[0] if bare else '"' + " ".join(self.words) + '"'
        return shown + "*" if self.prefix else shown


@dataclass(frozen=True, slots=True)
class Not:
    term: Node

    def __str__(self) -> str:
        return "-" + _grouped(self.term, (And, Or))


@dataclass(frozen=True, slots=True)
class And:
    terms: tuple[Node, ...]

    def __str__(self) -> str:
        return " ".join(_grouped(t, (Or,)) for t in self.terms)


@dataclass(frozen=True, slots=True)
class Or:
    terms: tuple[Node, ...]

    def __str__(self) -> str:
        return " OR ".join(map(str, self.terms))


Node = Words | Not | And | Or


def _grouped(node: Node, kinds: tuple[type, ...]) -> str:
    return f"({node})" if isinstance(node, kinds) else str(node)


def _joined(kind: type[And] | type[Or], terms: list[Node]) -> Node:
    """`terms` under one `kind`, a term of the same kind opened into it; a single term as it is."""
    flat = tuple(chain.from_iterable(t.terms if isinstance(t, kind) else (t,) for t in terms))
    return flat[0] if len(flat) == 1 else kind(flat)


def _negated(node: Node) -> Node:
    return node.term if isinstance(node, Not) else Not(node)


def _words(text: str) -> tuple[str, ...]:
    """The words FTS5's tokenizer finds in `text`: runs of letters, digits and marks."""
    kinds = groupby(text, lambda c: unicodedata.category(c)[0] in _WORD_CATEGORIES)
    return tuple("".join(run) for is_word, run in kinds if is_word)


def _refuse(message: str, hint: str) -> ConfigError:
    return ConfigError("QW210", message, hint)


_OPERAND_HINTS = {
    "AND": 'put a word, "phrase" or (group) on each side of AND; "and" in lower case is a word to search for',
    "OR": 'put a word, "phrase" or (group) on each side of OR; "or" in lower case is a word to search for',
    "NOT": 'follow NOT with a word, "phrase" or (group); "not" in lower case is a word to search for',
    "-": 'write -word, -"phrase" or -(group), with no space after the minus',
}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word", "(", ")", "-", or one of OPERATORS
    text: str  # as written, for messages
    at: int  # where it starts in the query
    words: Words | None = None


# A minus starts a negation only before something (else it is a stray "-" word, refused); in a word it is a
# part of it ("covid-19"). A quote always opens or closes a phrase.
_LEXEME = re.compile(r'\s+|(?P<paren>[()])|(?P<minus>-(?=[^\s)]))|"(?P<phrase>[^"]*)(?P<closed>"\*?)?|[^\s()"]+')


def _tokens(query: str) -> list[_Token]:
    found: list[_Token] = []
    for match in _LEXEME.finditer(query):
        written, at = match.group(), match.start()
        if written.isspace():
            continue
        if match["paren"] or match["minus"]:
            found.append(_Token(written, written, at))
        elif match["phrase"] is not None:
            if not match["closed"]:
                raise _refuse(f"the phrase {written} has no closing quote", 'end it with another "')
            words = _words(match["phrase"])
            if not words:
                raise _refuse(f"the phrase {written} has no words", "put words between the quotes, or remove them")
            found.append(_Token("word", written, at, Words(words, written.endswith("*"))))
        elif written in OPERATORS and not (found and found[-1].kind == "-"):
            found.append(_Token(written, written, at))
        elif (token := _word(written, at)) is not None:
            found.append(token)
        elif written == "-" or (found and found[-1].kind == "-"):  # "a - b", "-," : a minus must touch its term
            raise _refuse('"-" has nothing after it', _OPERAND_HINTS["-"])
    return found


def _word(written: str, at: int) -> _Token | None:
    """A word as written; None for punctuation alone ("&", "—"), which neither database searches."""
    stem, star, rest = written.partition("*")
    words = _words(stem)
    if rest or (star and not words):
        where = f"inside {written!r}" if words else f"with no word before it in {written!r}"
        raise _refuse(f'"*" {where}', "* can only end a word: wat* finds water, waters and Waterford")
    if not words:
        return None
    return _Token("word", written, at, Words(words, bool(star)))


class _Parser:
    """Recursive descent, loosest first: OR, then AND (written or implied by a space), then NOT and minus."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokens(query)
        self.at = 0

    def tree(self) -> Node:
        if not self.tokens:
            raise _refuse(f"nothing to search for in {self.query!r}", "give at least one word")
        node = self.either()
        if self.at < len(self.tokens):  # only a ")" ends an expression early
            raise _refuse('")" has no "(" before it', "remove it, or open the group with (")
        return node

    def peek(self) -> str | None:
        return self.tokens[self.at].kind if self.at < len(self.tokens) else None

    def either(self) -> Node:
        terms = [self.both()]
        while self.peek() == "OR":
            self.at += 1
            terms.append(self.both())
        return _joined(Or, terms)

    def both(self) -> Node:
        terms = [self.one()]
        while (kind := self.peek()) not in (None, ")", "OR"):
            if kind == "AND":
                self.at += 1
            terms.append(self.one())
        return _joined(And, terms)

    def one(self) -> Node:
        before = self.tokens[self.at - 1] if self.at else None
        token = self.tokens[self.at] if self.at < len(self.tokens) else None
        if token is None or token.kind in (")", "AND", "OR"):
            raise self._missing(before, token)
        self.at += 1
        if token.kind in ("NOT", "-"):
            return _negated(self.one())
        if token.kind == "(":
            inner = self.either()
            if self.peek() != ")":
                raise _refuse(f'"(" is never closed in {self.query[token.at:]!r}', "close the group with )")
            self.at += 1
            return inner
        assert token.words is not None
        return token.words

    def _missing(self, before: _Token | None, token: _Token | None) -> ConfigError:
        """Why a term was wanted before `token` (None: the end of the query) and is missing."""
        if before is not None and before.kind == "(":
            if token is None:
                return _refuse(f'"(" is never closed in {self.query[before.at:]!r}', "close the group with )")
            if token.kind == ")":
                return _refuse('"()" is an empty group', "put words in it, or remove it")
        if before is not None and before.kind in _OPERAND_HINTS:
            return _refuse(f'"{before.text}" has nothing after it', _OPERAND_HINTS[before.kind])
        if token is not None and token.kind in _OPERAND_HINTS:
            return _refuse(f'"{token.text}" has nothing before it', _OPERAND_HINTS[token.kind])
        return _refuse('")" has no "(" before it', "remove it, or open the group with (")


def syntax_tree(query: str) -> Node:
    """The query as written, operators in their precedence; a ConfigError (QW210) for what the syntax cannot take."""
    return _Parser(unicodedata.normalize("NFC", query)).tree()


@dataclass(frozen=True, slots=True)
class Search:
    """A query as both databases can run it. `match` holds a `Not` only as a term of an `And` that has a term
    without one (FTS5's NOT is binary: "a NOT b"). `without`: the query asks for the quotations that `match`
    does not find (a query of exclusions only, "-water")."""

    match: Node
    without: bool = False


def parse(query: str) -> Search:
    """The search a query asks for; a ConfigError (QW210), naming the part at fault, for one it cannot be."""
    return _settle(syntax_tree(query))


def _settle(node: Node) -> Search:
    """Negations moved where FTS5 can say them: beside a term that must match, or around the whole query."""
    if isinstance(node, Words):
        return Search(node)
    if isinstance(node, Not):
        inner = _settle(node.term)
        return Search(inner.match, not inner.without)
    parts = [_settle(t) for t in node.terms]
    kept = [p.match for p in parts if not p.without]
    dropped = [p.match for p in parts if p.without]
    if isinstance(node, And):
        if not kept:  # -a -b: neither a nor b
            return Search(_joined(Or, dropped), without=True)
        return Search(_joined(And, [*kept, *(Not(d) for d in dropped)]))
    if not dropped:
        return Search(_joined(Or, kept))
    if not kept:  # -a OR -b: not both
        return Search(_joined(And, dropped), without=True)
    raise _refuse(
        f"OR cannot join a negation to a term that must match, as in {str(node)!r}",
        "a negation narrows what the words beside it find: (water OR flood) -lead, or -(water OR lead)",
    )


def fts5_query(node: Node) -> str:
    """The FTS5 MATCH expression of a settled `Search.match`."""
    if isinstance(node, Words):
        return '"' + " ".join(node.words) + '"' + (" *" if node.prefix else "")
    if isinstance(node, Or):
        return "(" + " OR ".join(map(fts5_query, node.terms)) + ")"
    if isinstance(node, And):
        kept = " AND ".join(fts5_query(t) for t in node.terms if not isinstance(t, Not))
        dropped = "".join(f" NOT {fts5_query(t.term)}" for t in node.terms if isinstance(t, Not))
        return f"(({kept}){dropped})" if dropped else f"({kept})"
    raise ValueError(f"not a settled search: {node}")


def tsquery(node: Node, *, ranked: bool = False) -> ColumnElement:
    """The PostgreSQL tsquery of a settled `Search.match`; `ranked`: without its negations, to rank by."""
    if isinstance(node, Words):
        return _tsquery_words(node)
    if isinstance(node, Or):
        return reduce(func.tsquery_or, (tsquery(t, ranked=ranked) for t in node.terms))
    if isinstance(node, And):
        terms = [tsquery(t, ranked=ranked) for t in node.terms if not isinstance(t, Not)]
        if not ranked:
            terms += [func.tsquery_not(tsquery(t.term)) for t in node.terms if isinstance(t, Not)]
        return reduce(func.tsquery_and, terms)
    raise ValueError(f"not a settled search: {node}")


def _tsquery_words(node: Words) -> ColumnElement:
    """Words in a row, stemmed and folded as the tsvector is; a prefix shorter than FTS5 stems left as it is."""
    words = [w.translate(FOLD) for w in node.words]
    literal = node.prefix and len(words[-1].encode()) < _SHORTEST_STEMMED
    stemmed = words[:-1] if literal else words
    phrase = " <-> ".join(f"'{w}'" for w in stemmed) + (":*" if node.prefix and not literal else "")
    found = func.to_tsquery(CONFIG, phrase) if stemmed else None
    if not literal:
        return found
    begun = func.to_tsquery("simple", f"'{words[-1]}':*")
    return begun if found is None else func.tsquery_phrase(found, begun)


_FTS5 = table("quotes_fts", column("rowid"), column("rank"))
_TSVECTOR = literal_column("quotes.search")


def _fts5_match(node: Node) -> ColumnElement[bool]:
    return literal_column("quotes_fts").op("MATCH")(fts5_query(node))


def _tsvector_match(query: ColumnElement) -> ColumnElement[bool]:
    return _TSVECTOR.op("@@", is_comparison=True)(query)


def matches(search: Search, dialect: str) -> ColumnElement[bool]:
    """Whether a quotation matches, for counting: on SQLite its id among the index's matches, found first."""
    if dialect == "sqlite":
        found = select(_FTS5.c.rowid).where(_fts5_match(search.match))
        return quotes.c.id.not_in(found) if search.without else quotes.c.id.in_(found)
    matched = _tsvector_match(tsquery(search.match))
    return ~matched if search.without else matched


def matching(
    query: Select, search: Search, dialect: str, *, top: int | None = None
) -> tuple[Select, ColumnElement | None]:
    """`query` narrowed to quotations that match, and the rank to order by (smaller is better; None for a search
    of exclusions only, which has nothing to rank by).

    `top`: only the best `top` matches are wanted and nothing else narrows them; on SQLite the index then ranks
    and cuts them itself (FTS5's ORDER BY rank LIMIT), far faster than ranking every match after the join.
    Ties are broken by the quotation's id, so both ways give the same rows in the same order.
    """
    if search.without:
        return query.where(matches(search, dialect)), None
    if dialect == "sqlite":
        found = select(_FTS5.c.rowid, _FTS5.c.rank).where(_fts5_match(search.match))
        if top is not None:
            best = found.order_by(_FTS5.c.rank, _FTS5.c.rowid).limit(top).subquery("best")
            return query.join(best, best.c.rowid == quotes.c.id), best.c.rank
        # Matched first, then joined: left to itself SQLite may walk quotes by another index and ask the full-text
        # index row by row, seconds instead of milliseconds on a large store.
        matched = found.cte("matched").prefix_with("MATERIALIZED")
        return query.join(matched, matched.c.rowid == quotes.c.id), matched.c.rank
    ranking = -func.ts_rank(_TSVECTOR, tsquery(search.match, ranked=True))
    return query.where(matches(search, dialect)), ranking
