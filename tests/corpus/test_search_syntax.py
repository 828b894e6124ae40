"""The search syntax: its parser, its two compilers, and the same answers from SQLite and PostgreSQL.

The store's quotations are written so that each form of the syntax has its own right answer: a query that
ignored an operator, or bound it otherwise, would find another set. Every store test runs on both databases
(the PostgreSQL one on the throwaway server conftest.py starts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.dialects import postgresql

from quotewise.cli.app import cli
from quotewise.corpus import fulltext, queries
from quotewise.corpus.fulltext import And, Not, Or, Search, Words
from quotewise.corpus.queries import Filters
from quotewise.corpus.schema import quotes
from quotewise.corpus.store import Settings, Store
from quotewise.errors import ConfigError
from quotewise.io.archives import text_hash
from quotewise.records import Article, ArticleResult, Quote

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings("0.1.0", "en_core_web_sm", "3.8.0", "learned", "quotes")

# (article, what was said, speaker, title, date): one quotation an article.
QUOTATIONS = [
    ("k01", "The water has lead in it, and the council knew.", "Ana Ruiz", "Mayor", "2024-03-01"),
    ("k02", "Water levels are rising after the flood.", "David Liu", "engineer", "2024-03-02"),
    ("k03", "Lead pipes must go.", "Mere Tane", None, "2024-03-03"),
    ("k04", "We declared a state of emergency last night.", "Ana Ruiz", "Mayor", "2024-03-04"),
    ("k05", "The curfew starts at nine.", "Tom Baker", "councillor", "2024-03-05"),
    ("k06", "This state is facing an emergency of its own making.", "Tom Baker", "councillor", "2024-03-06"),
    ("k07", "The waterfront in Montréal is closed.", "Óscar Pérez", None, "2024-03-07"),
    ("k08", "To be or not to be.", "Mere Tane", None, "2024-03-08"),
    ("k09", "Nobody mentioned the flood, or the lead.", "David Liu", "engineer", "2024-03-09"),
    ("k10", "Lead in the water supply worries parents.", "Kim Lee", None, "2024-03-10"),
    ("k11", "We opened the covid-19 ward.", "David Liu", "engineer", "2024-03-11"),
]
EVERY = [key for key, *_ in QUOTATIONS]


def _without(*keys: str) -> list[str]:
    return [k for k in EVERY if k not in keys]


# (query, filters, the articles of the quotations it finds)
ANSWERS = [
    ("water", None, ["k01", "k02", "k10"]),  # stemmed: not "waterfront"
    ("water AND lead", None, ["k01", "k10"]),
    ("water lead", None, ["k01", "k10"]),
    ("water and lead", None, ["k01"]),  # "and" is a word, and PostgreSQL keeps it too
    ("flood OR lead", None, ["k01", "k02", "k03", "k09", "k10"]),
    ("flood or lead", None, ["k09"]),
    ("NOT be", None, _without("k08")),
    ("not be", None, ["k08"]),
    ("-water", None, _without("k01", "k02", "k10")),
    ("NOT water", None, _without("k01", "k02", "k10")),
    ("lead -water", None, ["k03", "k09"]),
    ("lead NOT water", None, ["k03", "k09"]),
    ('lead -"water supply"', None, ["k01", "k03", "k09"]),
    ('"state of emergency"', None, ["k04"]),
    ("state emergency", None, ["k04", "k06"]),
    ('"to be"', None, ["k08"]),  # a phrase of stop words
    ("wat*", None, ["k01", "k02", "k07", "k10"]),
    ('"state of emerg"*', None, ["k04"]),
    ("lead pipes OR curfew", None, ["k03", "k05"]),  # (lead AND pipes) OR curfew
    ("lead (pipes OR curfew)", None, ["k03"]),
    ("flood OR curfew -nobody", None, ["k02", "k05", "k09"]),  # flood OR (curfew AND NOT nobody)
    ("(flood OR curfew) -nobody", None, ["k02", "k05"]),
    ("-(water OR lead)", None, ["k04", "k05", "k06", "k07", "k08", "k11"]),
    ("-water -lead", None, ["k04", "k05", "k06", "k07", "k08", "k11"]),
    ("-water OR -lead", None, _without("k01", "k10")),
    ("lead -(flood OR pipes)", None, ["k01", "k10"]),
    ("NOT NOT flood", None, ["k02", "k09"]),
    ("ruiz", None, ["k01", "k04"]),  # the speaker's name and title are searched too
    ('"ana ruiz"', None, ["k01", "k04"]),
    ('"night ana"', None, []),  # a phrase does not run from the quotation into the name
    ('"ruiz mayor"', None, []),  # nor from the name into the title
    ("mayor -water", None, ["k04"]),
    ("montreal", None, ["k07"]),  # diacritics are folded on both databases
    ("Montréal", None, ["k07"]),
    ("perez OR oscar", None, ["k07"]),
    ('"the covid"', None, ["k11"]),  # "covid-19" is two words on both
    ("covid-19", None, ["k11"]),
    ("19", None, ["k11"]),
    ("-water", Filters(speaker="Ana Ruiz"), ["k04"]),
    ("NOT lead", Filters(speaker="David Liu"), ["k02", "k11"]),
    ("lead", Filters(speaker="David Liu"), ["k09"]),
    ("water OR state", Filters(since="2024-03-04"), ["k04", "k06", "k10"]),
]


def _corpus() -> list[tuple[Article, str, ArticleResult]]:
    made = []
    for n, (key, said, name, title, date) in enumerate(QUOTATIONS, 1):
        body = f'"{said}" said {name}.'
        quote = Quote(f'"{said}"', 0, len(said) + 2, "direct", speaker_name=name, speaker_kind="person",
                      speaker_title=title, confidence=0.9, evidence="test", rule="test")
        article = Article(key, body, "syntax.jsonl", n, f"https://news.example/{key}", "Herald", key, date)
        made.append((article, text_hash(body), ArticleResult((quote,))))
    return made


def _filled(store: Store) -> Store:
    store.write(store.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, _corpus(), [])
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> Iterator[Store]:
    location = str(tmp_path / "syntax.db") if request.param == "sqlite" else request.getfixturevalue("pg_store_url")
    made = _filled(Store.open(location))
    yield made
    made.close()


def _found(store: Store, query: str, filters: Filters | None = None) -> list[str]:
    return sorted(r["article_id"] for r in queries.search(store, query, filters or Filters(), limit=100))


def test_every_form_finds_its_own_answer_on_both_databases(store):
    wrong = {}
    for query, filters, want in ANSWERS:
        got = _found(store, query, filters)
        if got != want:
            wrong[(query, filters)] = got
        assert queries.count(store, query, filters or Filters()) == len(want), query
    assert not wrong, wrong


def test_exclusions_alone_are_listed_newest_first_and_the_best_match_comes_first(store):
    found = [r["article_id"] for r in queries.search(store, "-water", limit=100)]
    assert found == sorted(_without("k01", "k02", "k10"), reverse=True)
    assert [r["article_id"] for r in queries.search(store, "-water", limit=2, offset=1)] == found[1:3]
    ranked = [r["article_id"] for r in queries.search(store, '"state of emergency" OR state')]
    assert ranked == ["k04", "k06"]
    assert [r["article_id"] for r in queries.search(store, "state", limit=1)] in (["k04"], ["k06"])


def test_facets_count_what_the_search_finds(store):
    speakers = {f["value"]: f["count"] for f in queries.facets(store, "-water")["speaker"]}
    assert speakers == {"David Liu": 2, "Mere Tane": 2, "Tom Baker": 2, "Ana Ruiz": 1, "Óscar Pérez": 1}


SYNTAX_ERRORS = [
    ("(water OR lead", '"(" is never closed in \'(water OR lead\''),
    ("water (lead", '"(" is never closed in \'(lead\''),
    ("water OR lead)", '")" has no "(" before it'),
    (")", '")" has no "(" before it'),
    ('"state of', 'the phrase "state of has no closing quote'),
    ('water "', 'the phrase " has no closing quote'),
    ('""', 'the phrase "" has no words'),
    ("()", '"()" is an empty group'),
    ("water ( )", '"()" is an empty group'),
    ("AND water", '"AND" has nothing before it'),
    ("water AND", '"AND" has nothing after it'),
    ("OR water", '"OR" has nothing before it'),
    ("water OR", '"OR" has nothing after it'),
    ("water OR OR lead", '"OR" has nothing after it'),
    ("water AND OR lead", '"AND" has nothing after it'),
    ("(OR water)", '"OR" has nothing before it'),
    ("NOT", '"NOT" has nothing after it'),
    ("water NOT", '"NOT" has nothing after it'),
    ("(water NOT)", '"NOT" has nothing after it'),
    ("water -", '"-" has nothing after it'),
    ("water - lead", '"-" has nothing after it'),
    ("water -, lead", '"-" has nothing after it'),
    ("wa*er", "\"*\" inside 'wa*er'"),
    ("water**", "\"*\" inside 'water**'"),
    ("*", "\"*\" with no word before it in '*'"),
    ("water -*", "\"*\" with no word before it in '*'"),
    ("water OR -lead", "OR cannot join a negation to a term that must match, as in 'water OR -lead'"),
    ("NOT water OR lead", "OR cannot join a negation to a term that must match, as in '-water OR lead'"),
    ("flood (water OR -lead)", "OR cannot join a negation to a term that must match, as in 'water OR -lead'"),
    ("&&", "nothing to search for in '&&'"),
    ("  ", "nothing to search for"),
]


@pytest.mark.parametrize(("query", "message"), SYNTAX_ERRORS, ids=[q for q, _ in SYNTAX_ERRORS])
def test_what_the_syntax_cannot_take_is_a_one_line_error_naming_it(query, message):
    with pytest.raises(ConfigError) as raised:
        fulltext.parse(query)
    error = raised.value
    assert error.code == "QW210" and error.message.startswith(message) and error.hint
    assert "\n" not in str(error)


def test_errors_come_before_any_database_is_asked(store):
    with pytest.raises(ConfigError, match=re.escape('"(" is never closed')):
        queries.search(store, "(water")
    with pytest.raises(ConfigError, match="QW210"):
        queries.count(store, "water OR -lead")


# The parser alone.

W = Words


@pytest.mark.parametrize(("query", "tree"), [
    ("water", W(("water",))),
    ("water lead", And((W(("water",)), W(("lead",))))),
    ("water AND lead", And((W(("water",)), W(("lead",))))),
    ("water and lead", And((W(("water",)), W(("and",)), W(("lead",))))),
    ("a b OR c", Or((And((W(("a",)), W(("b",)))), W(("c",))))),
    ("a OR b c", Or((W(("a",)), And((W(("b",)), W(("c",))))))),
    ("a OR b AND c", Or((W(("a",)), And((W(("b",)), W(("c",))))))),
    ("(a OR b) c", And((Or((W(("a",)), W(("b",)))), W(("c",))))),
    ("a -b", And((W(("a",)), Not(W(("b",)))))),
    ("NOT a b", And((Not(W(("a",))), W(("b",))))),  # NOT binds tightest
    ("-(a b)", Not(And((W(("a",)), W(("b",)))))),
    ('-"a b"', Not(W(("a", "b")))),
    ('"state of emergency"', W(("state", "of", "emergency"))),
    ("wat*", W(("wat",), prefix=True)),
    ('"state of emerg"*', W(("state", "of", "emerg"), prefix=True)),
    ("covid-19", W(("covid", "19"))),  # a minus inside a word is not a negation
    ("O'Brien", W(("O", "Brien"))),
    ("NOT NOT a", W(("a",))),
    ("--a", W(("a",))),
    ("-AND", Not(W(("AND",)))),  # after a minus, an operator's word is a word
    ('"NOT"', W(("NOT",))),
    ("a & b", And((W(("a",)), W(("b",))))),  # punctuation alone is not searched
    ("((a) (b OR c)) d", And((W(("a",)), Or((W(("b",)), W(("c",)))), W(("d",))))),
    ("Montre\u0301al", W(("Montréal",))),  # read as composed
], ids=lambda v: v if isinstance(v, str) else "")
def test_the_tree_has_the_usual_precedence(query, tree):
    assert fulltext.syntax_tree(query) == tree


@pytest.mark.parametrize("query", [
    "water", "water lead", "a b OR c", "(a OR b) c", "a -b", "-(a OR b) c", '"a b"* OR c*', "-AND a", '"NOT" x',
    "x -(a -(b OR c))", "(a OR b) (c OR d)",
])
def test_a_tree_written_back_reads_as_the_same_tree(query):
    tree = fulltext.syntax_tree(query)
    assert fulltext.syntax_tree(str(tree)) == tree


@pytest.mark.parametrize(("query", "search"), [
    ("a", Search(W(("a",)))),
    ("a -b", Search(And((W(("a",)), Not(W(("b",))))))),
    ("-a", Search(W(("a",)), without=True)),
    ("NOT a", Search(W(("a",)), without=True)),
    ("-a -b", Search(Or((W(("a",)), W(("b",)))), without=True)),  # neither a nor b
    ("-a OR -b", Search(And((W(("a",)), W(("b",)))), without=True)),  # not both
    ("-(a -b)", Search(And((W(("a",)), Not(W(("b",))))), without=True)),
    ("x (-a -b)", Search(And((W(("x",)), Not(W(("a",))), Not(W(("b",))))))),
    ("x -(a OR b)", Search(And((W(("x",)), Not(Or((W(("a",)), W(("b",))))))))),
    ("x OR (y -a)", Search(Or((W(("x",)), And((W(("y",)), Not(W(("a",))))))))),
    ("-x y", Search(And((W(("y",)), Not(W(("x",))))))),  # what must match first, as FTS5's NOT needs
])
def test_negations_are_settled_where_both_databases_can_say_them(query, search):
    assert fulltext.parse(query) == search


# The compilers alone.

@pytest.mark.parametrize(("query", "fts5"), [
    ("water", '"water"'),
    ("water and lead", '("water" AND "and" AND "lead")'),
    ("a b OR c", '(("a" AND "b") OR "c")'),
    ("a -b -\"c d\"", '(("a") NOT "b" NOT "c d")'),
    ("wat*", '"wat" *'),
    ('"state of emerg"*', '"state of emerg" *'),
    ("(a OR b) -(c OR d)", '((("a" OR "b")) NOT ("c" OR "d"))'),
    ("x -(a -b)", '(("x") NOT (("a") NOT "b"))'),
    ("-a -b", '("a" OR "b")'),  # the quotations to leave out
    ("Montréal", '"Montréal"'),  # FTS5 folds it itself
])
def test_the_fts5_expression(query, fts5):
    assert fulltext.fts5_query(fulltext.parse(query).match) == fts5


def _sql(expression: Any) -> str:
    """The SQL, each bound value written in its place as a Python literal."""
    compiled = expression.compile(dialect=postgresql.dialect())
    return re.sub(r"%\((\w+)\)s::\w+", lambda m: repr(compiled.params[m[1]]), str(compiled))


@pytest.mark.parametrize(("query", "tsquery"), [
    ("water", "to_tsquery('quotewise', \"'water'\")"),
    ('"state of emergency"', "to_tsquery('quotewise', \"'state' <-> 'of' <-> 'emergency'\")"),
    ("waters*", "to_tsquery('quotewise', \"'waters':*\")"),  # stemmed, as FTS5 stems a prefix
    ("as*", "to_tsquery('simple', \"'as':*\")"),  # under three bytes: FTS5 leaves it unstemmed
    ('"state of"*', "tsquery_phrase(to_tsquery('quotewise', \"'state'\"), to_tsquery('simple', \"'of':*\"))"),
    ("Montréal", "to_tsquery('quotewise', \"'Montreal'\")"),  # folded, as quotewise_fold folds the text
    ("a b OR c", "tsquery_or(tsquery_and(to_tsquery('quotewise', \"'a'\"), to_tsquery('quotewise', \"'b'\")), "
                 "to_tsquery('quotewise', \"'c'\"))"),
    ("a -b", "tsquery_and(to_tsquery('quotewise', \"'a'\"), tsquery_not(to_tsquery('quotewise', \"'b'\")))"),
])
def test_the_tsquery(query, tsquery):
    assert _sql(fulltext.tsquery(fulltext.parse(query).match)) == tsquery


def test_the_tsquery_ranked_by_leaves_the_negations_out():
    search = fulltext.parse("(a OR b -c) -d")
    assert "tsquery_not" in _sql(fulltext.tsquery(search.match))
    assert _sql(fulltext.tsquery(search.match, ranked=True)) == (
        "tsquery_or(to_tsquery('quotewise', \"'a'\"), to_tsquery('quotewise', \"'b'\"))"
    )


def test_fold_table_folds_what_fts5_folds_and_splits_where_it_splits():
    fold = fulltext.FOLD
    assert "Montréal Ørsted Benoît Tāwhiri Łódź".translate(fold) == "Montreal Ørsted Benoit Tawhiri Łodz"
    assert "covid-19 3.5 example.com “yes”—no O’Brien".translate(fold) == "covid 19 3 5 example com  yes  no O Brien"
    assert all(not chr(c).isalnum() or v.isalpha() for c, v in fold.items())


# Both databases index the same words at the same places.

def _lines() -> list[str]:
    files = sorted((ROOT / "bench" / "webnews").glob("*.txt")) + sorted((ROOT / "tests" / "articles").glob("*.txt"))
    return [line for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_both_databases_index_the_same_words_at_the_same_places(tmp_path, pg_store_url):
    lines = _lines()
    written = []
    for n, line in enumerate(lines):
        quote = Quote(line, 0, len(line), "indirect", speaker_kind="unknown", confidence=0.5, evidence="t", rule="t")
        written.append((Article(f"t{n}", line, "lines", n), text_hash(line), ArticleResult((quote,))))
    indexed = []
    for location in (str(tmp_path / "words.db"), pg_store_url):
        store = Store.open(location)
        store.write(store.begin_run(SETTINGS, "test", "abc"), SETTINGS.key, written, [])
        with store.engine.begin() as conn:
            if store.dialect == "sqlite":
                conn.execute(text("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, quotes_fts, instance)"))
                rows = conn.execute(text("SELECT q.article_id, w.\"offset\" + 1, w.term FROM temp.words w "
                                         "JOIN quotes q ON q.id = w.doc WHERE w.col = 'words'"))
            else:
                rows = conn.execute(text("SELECT q.article_id, p, l.lexeme FROM quotes q, unnest(q.search) l, "
                                         "unnest(l.positions) p WHERE 'A' = ANY(l.weights)"))
            indexed.append({(a, int(p)): term for a, p, term in rows})
        store.close()
    sqlite, postgres = indexed
    assert len(sqlite) > 5_000 and sqlite.keys() == postgres.keys()
    differ = {(sqlite[k], postgres[k]) for k in sqlite if sqlite[k] != postgres[k]}
    # Where Porter's two implementations part: SQLite leaves words under three letters as they are ("as", PostgreSQL
    # "a"), and stems "-logy" one step further ("apolog", PostgreSQL "apologi").
    assert all(len(s) < 3 or s + "i" == p for s, p in differ), differ
    assert len(differ) < 20


# The command line.

@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("cli") / "syntax.db")
    _filled(Store.open(location)).close()
    return location


def _search(db: str, *args: str) -> list[str]:
    done = CliRunner().invoke(cli, ["search", "--db", db, "--format", "json", *args])
    assert done.exit_code == 0, done.output
    return sorted(r["article_id"] for r in json.loads(done.stdout))


@pytest.mark.parametrize(("args", "want"), [
    (("water", "AND", "lead"), ["k01", "k10"]),
    (("water", "lead"), ["k01", "k10"]),
    (("water and lead",), ["k01"]),  # one argument or several: the same query
    (("water", "and", "lead"), ["k01"]),
    (('"state of emergency" OR curfew',), ["k04", "k05"]),
    (('"state of emergency"', "OR", "curfew"), ["k04", "k05"]),
    (("-flood",), _without("k02", "k09")),  # not -f lood
    (("-water",), _without("k01", "k02", "k10")),
    (('-"water supply"', "lead"), ["k01", "k03", "k09"]),
    (("lead", "-f", "json", "-water"), ["k03", "k09"]),  # -f takes its value, -water stays in the query
    (("lead", "--limit", "1", "pipes"), ["k03"]),
    (("-water", "--speaker", "Ana Ruiz"), ["k04"]),
    (("--speaker", "David Liu", "NOT", "lead"), ["k02", "k11"]),
    (("water", "--since=2024-03-02", "OR", "state"), ["k02", "k04", "k06", "k10"]),
    (("--", "-water", "-lead"), ["k04", "k05", "k06", "k07", "k08", "k11"]),
    (("(flood", "OR", "curfew)", "-nobody"), ["k02", "k05"]),
    (("wat*",), ["k01", "k02", "k07", "k10"]),
    ((), EVERY),
])
def test_the_query_is_every_word_that_is_not_an_option(db, args, want):
    assert _search(db, *args) == want


def test_a_minus_word_first_on_the_line_is_an_exclusion_not_an_option(db):
    done = CliRunner().invoke(cli, ["search", "-flood", "-f", "json", "--db", db])  # -f is --format: not -f lood
    assert done.exit_code == 0, done.output
    assert sorted(r["article_id"] for r in json.loads(done.stdout)) == _without("k02", "k09")


def test_an_option_value_is_never_read_as_query(db):
    done = CliRunner().invoke(cli, ["search", "--speaker", "-water", "--db", db, "--format", "json"])
    assert done.exit_code == 0 and json.loads(done.stdout) == []  # nobody is called "-water"


def test_a_query_the_syntax_cannot_take_is_one_line_on_stderr(db):
    done = CliRunner().invoke(cli, ["search", "(water", "OR", "lead", "--db", db])
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr == "Error: [QW210] \"(\" is never closed in '(water OR lead'; close the group with )\n"


@pytest.mark.parametrize(("args", "message"), [
    (("water", "--nope"), "No such option '--nope'"),
    (("water", "--limit"), "Option '--limit' requires an argument"),
    (("water", "--limit", "zero"), "'zero' is not a valid integer"),
    (("water", "-f", "xml"), "'xml' is not one of 'table', 'json', 'csv'"),
])
def test_a_wrong_option_is_still_a_usage_error(db, args, message):
    done = CliRunner().invoke(cli, ["search", "--db", db, *args])
    assert done.exit_code == 2 and message in done.stderr


def test_help_shows_the_query_and_its_syntax():
    done = CliRunner().invoke(cli, ["search", "water", "--help"])
    assert done.exit_code == 0 and "[QUERY]..." in done.stdout and "only capitals are operators" in done.stdout


def test_the_search_column_is_made_with_the_quotewise_configuration(pg_store_url):
    store = _filled(Store.open(pg_store_url))
    expression = store.execute(text("SELECT generation_expression FROM information_schema.columns "
                                    "WHERE table_name = 'quotes' AND column_name = 'search'"))[0][0]
    assert "'quotewise'::regconfig" in expression and "quotewise_fold" in expression
    lexemes = store.execute(select(text("search")).select_from(quotes).where(quotes.c.article_id == "k08"))[0][0]
    assert lexemes == "'be':2A,6A 'mere':8B 'not':4A 'or':3A 'tane':9B 'to':1A,5A"
    store.close()
