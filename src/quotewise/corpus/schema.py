"""The store's tables: one definition, created as it is on SQLite and on PostgreSQL.

Quotations keep every field of the JSON schema (`Quote.to_dict`), flattened: a span becomes its text, start and
end columns, `parts` is JSON text. Counting needs no join: each quotation also holds its article's `outlet`,
`date` and `month`, and `speaker_gender` is the gender as it is counted (the article's person's gender,
"unknown", or "not a person" for an organisation or a group), beside `speaker_gender_source`: "evidence" (the
article's own words), "names" (the given name, with `--gender evidence+names`) or null without a gender.

The counting indexes are one per dimension a page groups by, each led by that dimension and holding every column a
filter or a count can name: whatever the filters, a count by kind, gender, organisation, outlet or month can read
one index in its own order, an index-only scan, not the wide quotation rows (bench/README.md: the pages' times and
the store's size).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..rows import NEVER_NULL, QUOTE_COLUMNS, column_type

SCHEMA_VERSION = "8"
# pairs: JSON [[start, end], ...]
_SQL_TYPES = {"integer": Integer, "number": Float, "boolean": Boolean, "pairs": Text, "text": Text}

_BYTE_ORDERED = String().with_variant(String(collation="C"), "postgresql")

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String, primary_key=True), Column("value", Text, nullable=False))

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String, nullable=False),
    Column("finished_at", String),
    Column("status", String, nullable=False),  # running, finished, interrupted; a killed run stays "running"
    Column("command", Text),
    Column("quotewise_version", String),
    Column("git", String),
    Column("model", String),
    Column("model_version", String),
    Column("cues", String),
    Column("scope", String),
    Column("gender", String),  # where genders came from: evidence, or evidence+names
    Column("articles", Integer, default=0),  # written by this run
    Column("unchanged", Integer, default=0),  # already stored with the same text and settings
    Column("quotes", Integer, default=0),
    Column("errors", Integer, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String, primary_key=True),
    Column("source", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("url", Text),
    Column("outlet", String),
    Column("title", Text),
    Column("date", String),  # YYYY-MM-DD
    Column("author", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String, nullable=False),
    Column("settings", String, nullable=False),  # what extracted it: an article is redone when these change
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("ingested_at", String, nullable=False),
    # The duplicate group (corpus.duplicates): the id of the group's first article; the article's own when alone.
    Column("duplicate_group", String),
    Index("articles_outlet_date", "outlet", "date"),
    Index("articles_date", "date"),
    Index("articles_url", "url"),
    Index("articles_duplicate_group", "duplicate_group"),
)

# An article's MinHash signature and its LSH bands, by which a new article finds its near-duplicates.
article_signatures = Table(
    "article_signatures",
    metadata,
    Column("article_id", String, primary_key=True),
    Column("signature", LargeBinary, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("duplicate_group", String, nullable=False),
    Column("outlet", String),  # the article's: two pages of one site must share more than their furniture
    Index("article_signatures_group", "duplicate_group"),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("bucket", String, nullable=False),  # the band's number and a digest of its rows: "7:3f9c..."
    Column("article_id", String, nullable=False),
    PrimaryKeyConstraint("bucket", "article_id"),
    Index("lsh_bands_article", "article_id"),
)

# Every key a statement was found by (corpus.duplicates.statement_keys); the id is its first quotation's.
statement_keys = Table(
    "statement_keys",
    metadata,
    Column("key", String, primary_key=True),
    Column("statement_id", String, nullable=False),
)

def _quote_column(name: str) -> Column:
    return Column(name, _SQL_TYPES[column_type(name)], nullable=name not in NEVER_NULL)


quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),  # the quotation's place in its article
    *(_quote_column(name) for name in QUOTE_COLUMNS),  # every field of Quote, flattened (quotewise.rows)
    Column("speaker_gender", String, nullable=False),
    Column("speaker_gender_source", String),  # evidence, names; null for unknown and not a person
    Column("outlet", String),  # the article's, copied
    Column("date", String),
    Column("month", String),  # YYYY-MM: counted by, so it has its own index
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("speaker_id", Integer),  # the speaker's identity across the archive (corpus.identities); null: none
    Column("statement_id", String),  # one statement's appearances share it (corpus.duplicates)
    Column("duplicate_group", String),  # the article's, copied
    UniqueConstraint("article_id", "n", name="quotes_article_n"),
    Index("quotes_speaker_id", "speaker_id"),
    Index("quotes_statement", "statement_id"),
    # An article's speakers, counted from the index alone: the side list of a long article's page.
    Index("quotes_article_speaker", "article_id", "speaker_name", "n"),
)

COUNTED = ("speaker_name", "speaker_kind", "speaker_gender", "speaker_gender_source", "speaker_org", "type", "outlet",
           "date", "month")


def _counting_index(lead: str, *then: str) -> Index:
    """An index led by `lead`, then the speaker (distinct speakers are counted in order), then every column a
    filter can name."""
    order = [lead, *then, *(c for c in COUNTED if c not in (lead, *then))]
    return Index(f"quotes_by_{lead.removeprefix('speaker_')}", *(quotes.c[c] for c in order))


COUNTING_INDEXES = (
    _counting_index("speaker_kind", "speaker_name"),
    _counting_index("speaker_gender", "speaker_gender_source", "speaker_name"),
    _counting_index("speaker_org", "speaker_name"),
    _counting_index("outlet", "speaker_gender", "speaker_gender_source", "speaker_name"),  # each outlet's gender split
    _counting_index("month", "speaker_name"),
    _counting_index("speaker_name", "article_id"),  # a speaker's quotations, and the most quoted speakers
)


def _identity_counting_index(lead: str, *then: str) -> Index:
    """An index led by `lead`, then the statement and the identity (statements and people are counted by them;
    SQLite counts the distinct statements of each value in index order), then every column a filter can name: a
    count of statements or of people under any filters reads one index."""
    order = [lead, *then, *(c for c in ("statement_id", "speaker_id") if c not in (lead, *then))]
    order += [c for c in COUNTED if c not in order]
    return Index(f"quotes_counted_by_{lead.removeprefix('speaker_')}", *(quotes.c[c] for c in order))


# Counting statements and people (corpus.queries): one per dimension `stats` counts by and per facet of a search
# (a count by gender joins the identity's gender, so no index is led by gender and source together); each holds
# the columns of the COUNTING_INDEX of its lead, if any, so that one is needed only for the order it keeps.
IDENTITY_COUNTING_INDEXES = (
    _identity_counting_index("speaker_kind"),
    _identity_counting_index("speaker_gender"),
    _identity_counting_index("speaker_org"),
    _identity_counting_index("outlet"),
    _identity_counting_index("month"),
    _identity_counting_index("type"),
    _identity_counting_index("speaker_name"),
    _identity_counting_index("speaker_id", "statement_id", "article_id"),  # an identity's statements, most quoted
    _identity_counting_index("statement_id", "article_id", "speaker_id"),  # a statement's appearances, search hits
)
# An article's speakers with their identities, from the index alone (the side list of a long article's page).
Index("quotes_article_speaker_id", quotes.c.article_id, quotes.c.speaker_name, quotes.c.speaker_id, quotes.c.n)

people = Table(
    "people",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("n", Integer, nullable=False),
    Column("name", String, nullable=False),
    Column("gender", String),
    Column("gender_source", String),  # evidence, names (the name list); null without a gender
    Column("name_gender_p", Float),  # with names: the list's probability of that gender for the given name
    Column("gender_evidence", Text, nullable=False),  # JSON {"pronoun-female": 2, ...}
    Column("quoted", Boolean, nullable=False),
    Column("title", Text),
    Column("org", String),
    Column("speaker_id", Integer),  # the person's identity across the archive
    PrimaryKeyConstraint("article_id", "n"),
    Index("people_name", "name"),
    Index("people_speaker_id", "speaker_id"),
)

# Identities: one row per person or organisation across the archive (corpus.identities). Ids are given once and
# kept as the archive grows; what is known of an identity (aliases, titles, outlets, gender) is read from the
# rows of `people` and `quotes` that point to it, so replacing an article never leaves a stale count behind.
speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String, nullable=False),  # as first seen, or as a correction renamed it
    Column("kind", String, nullable=False),
    Column("key", String),  # the key it was made by (its full name's): what corrections name it by in any store
    # Pooled over every article (identities.pooled_gender from `speaker_genders`), or set by a correction;
    # "not a person" for organisations and groups.
    Column("gender", String),
    Column("gender_source", String),  # evidence, names, correction; null for unknown and not a person
    Column("merged_into", Integer),  # a merge correction's survivor: this id's rows are that one's now
    # A person's name, folded (identities.NameParts): what a new identity is looked up by to be compared with
    # (speaker_doubts). `given` is one letter for an initial, null for a surname alone; ordered by code point on
    # PostgreSQL as on SQLite, so the given names a start begins are one range of the index.
    Column("surname", _BYTE_ORDERED),
    Column("given", _BYTE_ORDERED),
    # An authority file's id for it (a Wikidata id, a member number) and the organisation it gives (corrections).
    Column("authority_id", String),
    Column("authority_org", String),
    Index("speakers_key", "key"),
    Index("speakers_name_parts", "surname", "given"),
)

# The "possible same person" list: two identities of one surname that could be one person (identities.doubt),
# recorded when the later one is made; read through merges, and without the pairs a `distinct` correction parted.
speaker_doubts = Table(
    "speaker_doubts",
    metadata,
    Column("speaker_id", Integer, nullable=False),  # the identity made later
    Column("other_id", Integer, nullable=False),
    Column("reason", String, nullable=False),  # suffix, initial, short form, surname alone
    PrimaryKeyConstraint("speaker_id", "other_id"),
    Index("speaker_doubts_other", "other_id"),
)

# How many articles showed each gender of an identity, by source: kept as articles are written and replaced, so
# an identity's pooled gender is read from a few rows however many articles name it.
speaker_genders = Table(
    "speaker_genders",
    metadata,
    Column("speaker_id", Integer, nullable=False),
    Column("gender", String, nullable=False),
    Column("source", String, nullable=False),
    Column("articles", Integer, nullable=False),
    PrimaryKeyConstraint("speaker_id", "gender", "source"),
)

# A research team's corrections of identities (corpus.corrections), by key, not id, so they apply in any store:
# on the rows stored when made or imported, and on every article written after.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String, nullable=False),  # merge, split, rename, set-gender, distinct, link
    Column("key", String, nullable=False),  # the identity corrected (merge: the one that stays)
    # merge: the key merged into `key`; split: the new identity's key; distinct: the other; link: the organisation
    Column("other", String),
    Column("article_id", String),  # split: the article whose rows move (one row per article)
    Column("value", String),  # rename: the name; set-gender: the gender; split: the new identity's name; link: the id
    Column("note", Text),
    Column("made_at", String, nullable=False),
    Index("corrections_key", "key", "action"),
    Index("corrections_other", "other", "action"),
    Index("corrections_article", "article_id"),  # the splits of the articles a write gives identities
)

# Every key an identity was found by: a name reduced as corpus.identities reduces it.
speaker_keys = Table(
    "speaker_keys",
    metadata,
    Column("key", String, primary_key=True),
    Column("speaker_id", Integer, ForeignKey("speakers.id"), nullable=False),
    Index("speaker_keys_speaker", "speaker_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("person_n", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    PrimaryKeyConstraint("article_id", "person_n", "start"),
)

errors = Table(
    "errors",
    metadata,
    Column("source", Text, nullable=False),
    Column("position", Integer, nullable=False),  # line, row or record number, or WARC byte offset; 0: the file
    Column("article_id", String),
    Column("code", String, nullable=False),
    Column("reason", Text, nullable=False),
    Column("skipped", Boolean, nullable=False),  # not an article (a WARC image): counted, not a failure
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("at", String, nullable=False),
    PrimaryKeyConstraint("source", "position"),
)

# What two stores holding the same articles agree on, whatever runs made them (the resume tests compare these).
# Identity ids are numbers given in the order articles were written (and a rolled-back write may use some up on
# PostgreSQL), so stores agree on which keys and names there are, not on the numbers. Statement keys are kept
# when a changed article is written again (its old words may come back), so a run that wrote an article's earlier
# version holds more of them: stores agree on the quotations' statements, not on the keys.
CONTENT_COLUMNS = {
    "articles": [c.name for c in articles.columns if c.name not in ("run_id", "ingested_at")],
    "article_signatures": [c.name for c in article_signatures.columns],
    "lsh_bands": [c.name for c in lsh_bands.columns],
    "quotes": [c.name for c in quotes.columns if c.name not in ("id", "run_id", "speaker_id")],
    "people": [c.name for c in people.columns if c.name != "speaker_id"],
    "mentions": [c.name for c in mentions.columns],
    "errors": [c.name for c in errors.columns if c.name not in ("run_id", "at")],
    "speakers": [c.name for c in speakers.columns if c.name not in ("id", "merged_into")],
    "speaker_genders": [c.name for c in speaker_genders.columns if c.name != "speaker_id"],
    "speaker_keys": [c.name for c in speaker_keys.columns if c.name != "speaker_id"],
    "speaker_doubts": ["reason"],
}
