"""The corpus store: SQLite by default, PostgreSQL for a store several machines share; one code path for both.

Each `write` is one transaction, so a run killed at any moment leaves every article either wholly stored or
not at all, and rerunning the same command picks up where it stopped.
"""

from __future__ import annotations

import os
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from .. import __version__
from ..errors import ConfigError
from ..io.spool import QuoteSpool
from ..options import ExtractOptions
from ..pipeline import installed_model
from ..records import Article, ArticleResult, BadRecord, Person
from ..rows import NOT_A_PERSON, genders_of
from . import corrections, doubts, fulltext, genders
from .duplicates import BUCKET_CAP, GROUP_INDEXED, bands, near, signature, statement_keys, statement_name
from .identities import Claim, claims, result_claims
from .schema import (
    COUNTING_INDEXES,
    SCHEMA_VERSION,
    article_signatures,
    articles,
    errors,
    lsh_bands,
    mentions,
    meta,
    metadata,
    people,
    quotes,
    runs,
    speaker_genders,
    speaker_keys,
    speakers,
)
from .schema import statement_keys as statement_key_table
from .tables import article_row, error_row, people_rows, quote_rows

DEFAULT_DB = "quotewise.db"
DB_ENV = "QUOTEWISE_DB"
UPGRADABLE = ("1", "2", "3", "4", "5", "6", "7")  # the schema versions an ingest upgrades in place to SCHEMA_VERSION
_ID_CHUNK = 500  # ids per IN (...) list, well inside every database's parameter limit


@dataclass(frozen=True, slots=True)
class Settings:
    """What an extraction depends on; an article stored under other settings is extracted again."""

    quotewise_version: str
    model: str
    model_version: str | None
    cues: str
    scope: str
    gender: str = "evidence"

    @classmethod
    def of(cls, options: ExtractOptions) -> Settings:
        """The settings a run with `options` extracts under, its pipeline looked up without loading it."""
        model, version = installed_model(options.model)
        return cls(__version__, model, version, options.cues, options.scope, options.gender)

    @property
    def key(self) -> str:
        """What an article's row records; the default gender source is left out, as it was before it could be
        chosen, so a store made then keeps its articles."""
        key = f"quotewise {self.quotewise_version}; {self.model} {self.model_version}; {self.cues}; {self.scope}"
        return key if self.gender == "evidence" else f"{key}; gender {self.gender}"


Written = tuple[Article, str, ArticleResult]  # an article, its text hash, and what extraction found in it


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(location: str | None) -> str:
    """A SQLAlchemy URL for --db: a path means SQLite; postgresql:// URLs get the psycopg driver."""
    location = location or os.environ.get(DB_ENV) or DEFAULT_DB
    if location.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + location.split("://", 1)[1]
    if "://" in location:
        return location
    return f"sqlite:///{location}"


class Store:
    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location
        self.dialect = engine.dialect.name
        self._distinct: dict[Any, tuple[str, list[str]]] = {}

    @classmethod
    def open(cls, location: str | None = None, *, create: bool = True, read_only: bool = False) -> Store:
        """The store at `location` (a path or URL); `create=False` refuses one that doesn't exist yet.

        `read_only` (for the web app) makes the database itself refuse writes, whatever a query tries.
        """
        create = create and not read_only
        url = database_url(location)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ConfigError("QW207", f"--db {location!r}: not a path or a database URL") from None
        shown = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() == "sqlite":
            path = parsed.database or ""
            if not create and not os.path.isfile(path):
                raise ConfigError("QW208", f"{path}: no store here", "make one with `quotewise ingest`, or pass --db")
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_read_only if read_only else _sqlite_pragmas)
        elif parsed.get_backend_name() == "postgresql":
            options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
            engine = create_engine(url, pool_pre_ping=True, connect_args=options)
        else:
            raise ConfigError("QW207", f"--db {shown}: only SQLite paths and postgresql:// URLs are supported")
        store = cls(engine, shown)
        try:
            store._prepare(create)
        except OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise ConfigError("QW209", f"--db {shown}: cannot open the store ({reason})") from None
        return store

    def _prepare(self, create: bool) -> None:
        with self.engine.begin() as conn:
            has_meta = self.engine.dialect.has_table(conn, "meta")
            if not has_meta and not create:
                hint = "make one with `quotewise ingest`"
                raise ConfigError("QW208", f"{self.location}: not a quotewise store", hint)
            version = None
            if has_meta:
                version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            if version is None and create:
                # A new store, or one whose creation was killed part way (SQLite runs DDL outside the
                # transaction): every step is idempotent, and the version is written last.
                metadata.create_all(conn)
                for table in metadata.sorted_tables:  # create_all makes an existing table's indexes no more
                    for index in table.indexes:
                        index.create(conn, checkfirst=True)
                fulltext.create(conn)
                _first_state(conn)
                conn.execute(insert(meta).values(key="schema_version", value=SCHEMA_VERSION))
                return
            if version in UPGRADABLE and create:
                _upgrade(conn)
                return
        if version != SCHEMA_VERSION:
            hint = "ingest into it once to upgrade it" if version in UPGRADABLE else "ingest into a new --db"
            raise ConfigError(
                "QW208", f"{self.location}: store schema {version}, this quotewise reads {SCHEMA_VERSION}", hint
            )

    def close(self) -> None:
        self.engine.dispose()

    def begin_run(self, settings: Settings, command: str, git: str) -> int:
        with self.engine.begin() as conn:
            values = {
                "started_at": now(), "status": "running", "command": command, "git": git,
                "quotewise_version": settings.quotewise_version, "model": settings.model,
                "model_version": settings.model_version, "cues": settings.cues, "scope": settings.scope,
                "gender": settings.gender,
                "articles": 0, "unchanged": 0, "quotes": 0, "errors": 0,
            }
            return int(conn.execute(insert(runs).values(**values).returning(runs.c.id)).scalar_one())

    def finish_run(self, run_id: int, status: str, **counts: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(status=status, finished_at=now(), **counts))

    def stored(self, ids: Iterable[str]) -> dict[str, tuple[str, str, str, int]]:
        """For each id already stored: its text hash, the settings it was extracted with, and where it was read."""
        found: dict[str, tuple[str, str, str, int]] = {}
        wanted = list(dict.fromkeys(ids))
        columns = (articles.c.id, articles.c.text_hash, articles.c.settings, articles.c.source, articles.c.position)
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted):
                rows = conn.execute(select(*columns).where(articles.c.id.in_(chunk)))
                found.update({row.id: (row.text_hash, row.settings, row.source, row.position) for row in rows})
        return found

    def write(self, run_id: int, settings: str, written: Sequence[Written], bad: Sequence[BadRecord]) -> None:
        """Store articles (replacing what an earlier version of each left) and failures, in one transaction."""
        latest = {article.id: (article, digest, result) for article, digest, result in written}  # last one wins
        stamp = now()
        rows_a, rows_q, rows_p, rows_m = [], [], [], []
        claims_q: list[Claim | None] = []
        claims_p: list[Claim] = []
        for article, digest, result in latest.values():
            rows_a.append(article_row(article, digest, settings, run_id, stamp))
            rows_q.extend(quote_rows(article, result.quotes, genders_of(result.people), run_id))
            found_people, found_mentions = people_rows(article.id, result.people)
            rows_p.extend(found_people)
            rows_m.extend(found_mentions)
            of_people, of_quotes = result_claims(article.id, article.text, result)
            claims_p.extend(of_people)
            claims_q.extend(of_quotes)
        with self.engine.begin() as conn:
            _new_state(conn)  # first: a second writer waits here, so identities are given by one writer at a time
            prior = _groups_of(conn, list(latest))
            touched = _replace(conn, list(latest))
            _identified(conn, rows_p, claims_p)
            _identified(conn, rows_q, claims_q)
            genders.pool(conn, touched | _counted(conn, rows_p))
            urls = {url: group for group, url in prior.values() if url}
            for row in rows_a:
                row["duplicate_group"] = _grouped(conn, row, prior.get(row["id"], (None, None))[0], urls)
            grouped = {row["id"]: row["duplicate_group"] for row in rows_a}
            for row in rows_q:
                row["duplicate_group"] = grouped[row["article_id"]]
            _stated(conn, rows_q)
            for table, rows in ((articles, rows_a), (quotes, rows_q), (people, rows_p), (mentions, rows_m)):
                if rows:
                    conn.execute(insert(table), rows)
            _record_errors(conn, [(a.source, a.position) for a, _, _ in written], bad, run_id, stamp)

    def write_spooled(
        self, run_id: int, settings: str, article: Article, text_hash: str, spool: QuoteSpool, found: tuple[Person, ...]
    ) -> None:
        """Store one long article whose quotations were spooled to disk as they came, in one transaction, reading
        them back a part at a time: its quotations are never all in memory."""
        shown = genders_of(found)
        found_people, found_mentions = people_rows(article.id, found)
        names = [p.name for p in found]
        stamp = now()
        with self.engine.begin() as conn:
            _new_state(conn)
            prior = _groups_of(conn, [article.id])
            touched = _replace(conn, [article.id])
            row = article_row(article, text_hash, settings, run_id, stamp)
            before, url = prior.get(article.id, (None, None))
            group = row["duplicate_group"] = _grouped(conn, row, before, {url: before} if url and before else {})
            conn.execute(insert(articles), [row])
            of_people, _ = claims(article.id, article.text, names, [])
            _identified(conn, found_people, of_people)
            genders.pool(conn, touched | _counted(conn, found_people))
            n = 0
            for part in spool:
                if part:
                    rows = quote_rows(article, part, shown, run_id, first=n)
                    _, of_quotes = claims(article.id, article.text, names,
                                          [(q.speaker_name, q.speaker_kind) for q in part])
                    _identified(conn, rows, of_quotes)
                    for quoted in rows:
                        quoted["duplicate_group"] = group
                    _stated(conn, rows)
                    conn.execute(insert(quotes), rows)
                    n += len(part)
            for table, rows in ((people, found_people), (mentions, found_mentions)):
                if rows:
                    conn.execute(insert(table), rows)
            _record_errors(conn, [(article.source, article.position)], [], run_id, stamp)

    def correct(self, found: Iterable[corrections.Correction]) -> int:
        """Record corrections of identities and apply them to the rows stored, in one transaction (a correction
        the store holds already is passed over); how many were new."""
        with self.engine.begin() as conn:
            _new_state(conn)
            return sum(corrections.apply(conn, c) for c in found)

    def corrections(self) -> list[corrections.Correction]:
        with self.engine.connect() as conn:
            return list(corrections.stored(conn))

    def current(self, speaker_id: int) -> Any:
        """The identity an id is now (corrections.current): a merged one's survivor; None for an unknown id."""
        with self.engine.connect() as conn:
            return corrections.current(conn, speaker_id)

    def holds(self, speaker_id: int, article_id: str) -> bool:
        """Whether an identity is quoted or named in an article."""
        found = [select(t.c.n).where(t.c.speaker_id == speaker_id, t.c.article_id == article_id).limit(1)
                 for t in (quotes, people)]
        return any(self.execute(query) for query in found)

    def state(self) -> str:
        """A token every write changes: what a reader caching answers compares, instead of counting rows."""
        return str(self.execute(select(meta.c.value).where(meta.c.key == "state"))[0][0])

    def distinct(self, column: Any) -> list[str]:
        """The distinct values of an indexed column, read once per state of the store: every question asked under
        a speaker, organisation or outlet filter matches the filter against them (a page asks several)."""
        state = self.state()
        known = self._distinct.get(column)
        if known is None or known[0] != state:
            values = [v for (v,) in self.execute(select(column).where(column.is_not(None)).distinct())]
            self._distinct[column] = known = (state, values)
        return known[1]

    def count(self, table_name: str) -> int:
        table = metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def execute(self, query: Any) -> list[Any]:
        """Rows of a read-only query, with the database's errors as one-line ConfigErrors."""
        try:
            with self.engine.connect() as conn:
                return list(conn.execute(query))
        except SQLAlchemyError as exc:
            raise self._failed(exc) from None

    def stream(self, query: Any, batch: int = 1000) -> Iterator[Any]:
        """Rows of a read-only query, fetched `batch` at a time (a server-side cursor on PostgreSQL): however many
        there are, only a batch is in memory."""
        try:
            with self.engine.connect() as conn:
                yield from conn.execution_options(yield_per=batch).execute(query)
        except SQLAlchemyError as exc:
            raise self._failed(exc) from None

    def _failed(self, exc: SQLAlchemyError) -> ConfigError:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return ConfigError("QW209", f"{self.location}: query failed ({reason})")


def _identified(conn: Connection, rows: list[dict[str, Any]], found: Sequence[Claim | None]) -> None:
    """Each row's `speaker_id`: the identity its claim's keys already have, else a new one; the keys a claim
    brings that the store did not know yet become keys of its identity. An organisation's first key (the full
    name) decides: a name the store does not know is a new identity even when the acronym beside it is known (the
    Canadian Medical Association's "CMA" is not the Competition and Markets Authority's). A person's short form
    joins ('Robert "Bob" Smith' after "Bob Smith"); when the full name and the short form are two identities
    already, the full name's it is, with the pair recorded as a possible same person. Corrections decide over
    keys: a key a merge took is its survivor's, and an identity split off in a row's article is the split's."""
    wanted = list({key for claim in found if claim is not None for key in claim.keys})
    taken = corrections.survivors(conn, wanted)
    split = corrections.splits(conn, {row["article_id"] for row in rows})
    wanted = sorted({taken.get(key, key) for key in wanted} | {made for made, _ in split.values()})
    known: dict[str, int] = {}
    for chunk in _chunks(wanted):
        query = select(speaker_keys.c.key, speaker_keys.c.speaker_id).where(speaker_keys.c.key.in_(chunk))
        known.update({key: speaker for key, speaker in conn.execute(query)})
    for row, claim in zip(rows, found, strict=True):
        if claim is None:
            row["speaker_id"] = None
            continue
        keys = tuple(dict.fromkeys(taken.get(key, key) for key in claim.keys))
        name = claim.name
        move = split.get((keys[0], row["article_id"]))
        if move:
            keys, name = (move[0],), move[1] or name
        joins = keys if claim.kind == "person" else keys[:1]
        speaker = next((known[key] for key in joins if key in known), None)
        if speaker is None:
            speaker = _new_identity(conn, keys[0], name, claim)
        doubts.add(conn, [(speaker, known[key], "short form") for key in joins[1:]
                          if known.get(key, speaker) != speaker])
        new = [key for key in keys if key not in known]
        if new:
            conn.execute(insert(speaker_keys), [{"key": key, "speaker_id": speaker} for key in new])
            known.update(dict.fromkeys(new, speaker))
        row["speaker_id"] = speaker


def _new_identity(conn: Connection, key: str, name: str, claim: Claim) -> int:
    """A new identity, with the name, gender and authority corrections of its key already made (imported before it
    came), compared with those of its surname (the possible same person list)."""
    settled = corrections.settled(conn, key)
    gender, source = ("unknown", None) if claim.kind == "person" else (NOT_A_PERSON, None)
    if "set-gender" in settled:
        gender, source = settled["set-gender"][0], genders.CORRECTION_SOURCE
    authority, org = settled.get("link", (None, None))
    parts = claim.parts if key.startswith(("person:", "local:")) else None  # not a split's new identity
    made = insert(speakers).values(name=settled.get("rename", (name,))[0], kind=claim.kind, key=key, gender=gender,
                                   gender_source=source, surname=parts.surname if parts else None,
                                   given=parts.given if parts else None, authority_id=authority,
                                   authority_org=org).returning(speakers.c.id)
    speaker = int(conn.execute(made).scalar_one())
    doubts.record(conn, speaker, key, parts)
    return speaker


def _counted(conn: Connection, rows: list[dict[str, Any]]) -> set[int]:
    """Count the genders these new person rows show towards their identities; the identities counted."""
    shown = [(row["speaker_id"], row["gender"], row["gender_source"]) for row in rows if row["gender_source"]]
    genders.count_genders(conn, shown, +1)
    return {speaker for speaker, _, _ in shown}


def _groups_of(conn: Connection, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """The duplicate groups and URLs these articles are stored with: an article written again stays in its group,
    and the articles of the same write find it by its URL before its new row goes in."""
    found: dict[str, tuple[str, str | None]] = {}
    for chunk in _chunks(ids):
        query = select(articles.c.id, articles.c.duplicate_group, articles.c.url).where(
            articles.c.id.in_(chunk), articles.c.duplicate_group.is_not(None))
        found.update({article_id: (group, url) for article_id, group, url in conn.execute(query)})
    return found


def _grouped(conn: Connection, row: dict[str, Any], prior: str | None, urls: dict[str, str]) -> str:
    """The duplicate group of an article row (corpus.duplicates): its group from before, else the group of an
    article it nearly repeats or shares a URL with (`urls`: the groups of the URLs this write has seen, and held
    before), else a group of its own. Its signature and bands replace those of its earlier version only now, so
    an article written earlier in the same write finds what the store held; they are stored for a group's first
    `GROUP_INDEXED` articles, in buckets not yet full."""
    article_id, url = row["id"], row["url"]
    for child in (article_signatures, lsh_bands):
        conn.execute(delete(child).where(child.c.article_id == article_id))
    sig, size = signature(row["text"])
    found = bands(sig)
    held = conn.execute(select(lsh_bands.c.bucket, lsh_bands.c.article_id).where(lsh_bands.c.bucket.in_(found))).all()
    groups: set[str] = set()
    for chunk in _chunks(sorted({a for _, a in held})):
        query = select(article_signatures).where(article_signatures.c.article_id.in_(chunk))
        groups |= {r.duplicate_group for r in conn.execute(query)
                   if near((sig, size), (r.signature, r.shingles), same_site=r.outlet == row["outlet"])}
    if url:
        groups |= {g for (g,) in conn.execute(select(articles.c.duplicate_group).where(
            articles.c.url == url, articles.c.id != article_id, articles.c.duplicate_group.is_not(None)))}
        groups |= {urls[url]} if url in urls else set()
    group = prior or min(groups, default=article_id)
    if url:
        urls.setdefault(url, group)
    indexed = conn.execute(select(func.count()).select_from(article_signatures)
                           .where(article_signatures.c.duplicate_group == group)).scalar_one()
    if indexed < GROUP_INDEXED:
        conn.execute(insert(article_signatures).values(article_id=article_id, signature=sig, shingles=size,
                                                       duplicate_group=group, outlet=row["outlet"]))
        full = {bucket for bucket, n in Counter(bucket for bucket, _ in held).items() if n >= BUCKET_CAP}
        conn.execute(insert(lsh_bands), [{"bucket": bucket, "article_id": article_id}
                                         for bucket in found if bucket not in full])
    return group


def _stated(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Each quotation row's `statement_id`: the statement its words already are in its group (or, when long,
    anywhere), else a new one named after its first key."""
    wanted = [statement_keys(row["duplicate_group"], row["words"]) for row in rows]
    keys = sorted({key for found in wanted for key in found})
    known: dict[str, str] = {}
    for chunk in _chunks(keys):
        query = select(statement_key_table).where(statement_key_table.c.key.in_(chunk))
        known.update({r.key: r.statement_id for r in conn.execute(query)})
    for row, found in zip(rows, wanted, strict=True):
        ids = [known[key] for key in found if key in known]
        statement = min(ids) if ids else statement_name(found[0] if found else f"quote:{row['article_id']}#{row['n']}")
        new = [key for key in found if key not in known]
        if new:
            conn.execute(insert(statement_key_table), [{"key": key, "statement_id": statement} for key in new])
            known.update(dict.fromkeys(new, statement))
        row["statement_id"] = statement


def _replace(conn: Connection, ids: list[str]) -> set[int]:
    """Delete what earlier versions of these articles left, before their new rows go in; the identities whose
    gender counts this changed."""
    touched: set[int] = set()
    for chunk in _chunks(ids):
        shown = conn.execute(select(people.c.speaker_id, people.c.gender, people.c.gender_source).where(
            people.c.article_id.in_(chunk), people.c.gender_source.is_not(None))).all()
        genders.count_genders(conn, shown, -1)
        touched.update(speaker for speaker, _, _ in shown if speaker is not None)
        for child in (quotes, people, mentions):  # signatures and bands: as each is grouped again (_grouped)
            conn.execute(delete(child).where(child.c.article_id.in_(chunk)))
        conn.execute(delete(articles).where(articles.c.id.in_(chunk)))
    return touched


def _record_errors(
    conn: Connection, stored: list[tuple[str, int]], bad: Sequence[BadRecord], run_id: int, stamp: str
) -> None:
    """An input place now stored, or failed again, replaces the error an earlier run left there."""
    places = stored + [(b.source, b.position) for b in bad]
    for chunk in _chunks(list(dict.fromkeys(places))):
        conn.execute(delete(errors).where(tuple_(errors.c.source, errors.c.position).in_(chunk)))
    failures = {(b.source, b.position): error_row(b, run_id, stamp) for b in bad}
    if failures:
        conn.execute(insert(errors), list(failures.values()))


def _first_state(conn: Connection) -> None:
    """The state row of a store being made or upgraded (again, if an earlier attempt was killed)."""
    conn.execute(delete(meta).where(meta.c.key == "state"))
    conn.execute(insert(meta).values(key="state", value=uuid.uuid4().hex))


def _new_state(conn: Connection) -> None:
    # An UPDATE, not a replacement: a second writer waits for the first one's row and then changes it in turn.
    conn.execute(update(meta).where(meta.c.key == "state").values(value=uuid.uuid4().hex))


def _upgrade(conn: Connection) -> None:
    """A store of an earlier schema brought to this one in place; no extraction is redone.

    On PostgreSQL it is one transaction, and a second ingest opening the store meanwhile waits and finds it done.
    SQLite commits each ALTER TABLE on its own, so every step is one that can run again: an upgrade killed part
    way is finished by the next open."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE meta IN EXCLUSIVE MODE"))
    version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if version == SCHEMA_VERSION:
        return
    _add_gender_sources(conn)
    if version == "1":
        _upgrade_from_1(conn)
    _add_new_columns(conn)
    fulltext.upgrade_to_3(conn)
    metadata.create_all(conn)  # the tables this schema adds (speakers and speaker_keys in 5)
    for table in metadata.sorted_tables:  # the indexes this schema adds (quotes_article_speaker in 3)
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    conn.execute(update(article_signatures).where(article_signatures.c.outlet.is_(None)).values(
        outlet=select(articles.c.outlet).where(articles.c.id == article_signatures.c.article_id).scalar_subquery()))
    _identify_stored(conn)
    _pool_stored(conn)
    doubts.record_stored(conn)
    _group_stored(conn)
    _first_state(conn)
    conn.execute(update(meta).where(meta.c.key == "schema_version").values(value=SCHEMA_VERSION))


def _add_new_columns(conn: Connection) -> None:
    """The columns a later schema adds to a table (4: a quotation's `channel` and `is_floating_quote`), with
    their defaults on the rows already stored; a column already there is left as it is."""
    for table in (articles, article_signatures, quotes, people, speakers):
        if not inspect(conn).has_table(table.name):  # made whole by create_all after
            continue
        present = {column["name"] for column in inspect(conn).get_columns(table.name)}
        for column in table.columns:
            if column.name in present:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            default = "" if column.nullable else f" NOT NULL DEFAULT {_EMPTY[column.type.python_type]}"
            conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}{default}'))


_EMPTY = {bool: "false", int: "0", float: "0", str: "''"}


def _group_stored(conn: Connection) -> None:
    """Schema 6: duplicate groups and statements for the articles already stored, in the order they were read
    (one article's text in memory at a time); an article that has its group already (an upgrade killed part way)
    is passed over."""
    todo = select(articles.c.id).where(articles.c.duplicate_group.is_(None))
    for (article_id,) in conn.execute(todo.order_by(articles.c.source, articles.c.position)).all():
        url, outlet, text_ = conn.execute(select(articles.c.url, articles.c.outlet, articles.c.text)
                                          .where(articles.c.id == article_id)).one()
        group = _grouped(conn, {"id": article_id, "url": url, "outlet": outlet, "text": text_}, None, {})
        conn.execute(update(articles).where(articles.c.id == article_id).values(duplicate_group=group))
        rows = [{"article_id": article_id, "n": n, "words": words, "duplicate_group": group}
                for n, words in conn.execute(select(quotes.c.n, quotes.c.words)
                                             .where(quotes.c.article_id == article_id).order_by(quotes.c.n))]
        _stated(conn, rows)
        for row in rows:
            conn.execute(update(quotes).where(quotes.c.article_id == article_id, quotes.c.n == row["n"])
                         .values(duplicate_group=group, statement_id=row["statement_id"]))


def _pool_stored(conn: Connection) -> None:
    """Schema 7: each identity's key (the longest of its keys: the full name's, not an acronym's), the counts of
    the genders its articles show, and its pooled gender; all made again by an upgrade killed part way."""
    longest = select(speaker_keys.c.key).where(speaker_keys.c.speaker_id == speakers.c.id).order_by(
        func.length(speaker_keys.c.key).desc(), speaker_keys.c.key).limit(1).scalar_subquery()
    conn.execute(update(speakers).where(speakers.c.key.is_(None)).values(key=longest))
    conn.execute(update(speakers).where(speakers.c.kind != "person", speakers.c.gender.is_(None))
                 .values(gender=NOT_A_PERSON))
    conn.execute(delete(speaker_genders))
    shown = select(people.c.speaker_id, people.c.gender, people.c.gender_source, func.count()).where(
        people.c.speaker_id.is_not(None), people.c.gender_source.is_not(None)).group_by(
        people.c.speaker_id, people.c.gender, people.c.gender_source)
    conn.execute(insert(speaker_genders).from_select(
        ["speaker_id", "gender", "source", "articles"], shown))
    top = conn.execute(select(func.max(speakers.c.id))).scalar() or 0
    for low in range(1, top + 1, _ID_CHUNK):
        genders.pool(conn, range(low, min(top, low + _ID_CHUNK - 1) + 1))


def _identify_stored(conn: Connection) -> None:
    """Schema 5: identities for the articles already stored, given in the order they were read, as an ingest of
    them would give them; an article whose rows have them already (an upgrade killed part way) is passed over."""
    todo = select(articles.c.id).where(
        select(people.c.article_id).where(people.c.article_id == articles.c.id, people.c.speaker_id.is_(None))
        .exists() | select(quotes.c.article_id).where(quotes.c.article_id == articles.c.id,
                                                      quotes.c.speaker_name.is_not(None),
                                                      quotes.c.speaker_id.is_(None)).exists()
    ).order_by(articles.c.source, articles.c.position)
    for (article_id,) in conn.execute(todo).all():  # the ids only: one article's text in memory at a time
        text_ = conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar_one()
        found_people = conn.execute(select(people.c.n, people.c.name).where(people.c.article_id == article_id)
                                    .order_by(people.c.n)).all()
        found_quotes = conn.execute(select(quotes.c.n, quotes.c.speaker_name, quotes.c.speaker_kind)
                                    .where(quotes.c.article_id == article_id).order_by(quotes.c.n)).all()
        of_people, of_quotes = claims(article_id, text_, [p.name for p in found_people],
                                      [(q.speaker_name, q.speaker_kind) for q in found_quotes])
        rows_p = [{"article_id": article_id, "n": p.n} for p in found_people]
        rows_q = [{"article_id": article_id, "n": q.n} for q in found_quotes]
        _identified(conn, rows_p, of_people)
        _identified(conn, rows_q, of_quotes)
        for table, rows in ((people, rows_p), (quotes, rows_q)):
            for row in rows:
                conn.execute(update(table).where(table.c.article_id == article_id, table.c.n == row["n"])
                             .values(speaker_id=row["speaker_id"]))  # what a new NOT NULL column holds on older rows


def _upgrade_from_1(conn: Connection) -> None:
    """Schema 1 to 2: each quotation gets its article's outlet, date and month and its counted gender, and the
    counting indexes replace the single-column ones."""
    present = {column["name"] for column in inspect(conn).get_columns("quotes")}
    for name in ("outlet", "date", "month"):
        if name not in present:
            conn.execute(text(f"ALTER TABLE quotes ADD COLUMN {name} VARCHAR"))
    of_article = articles.c.id == quotes.c.article_id
    conn.execute(update(quotes).values(
        outlet=select(articles.c.outlet).where(of_article).scalar_subquery(),
        date=select(articles.c.date).where(of_article).scalar_subquery(),
        month=select(func.nullif(func.substr(articles.c.date, 1, 7), "")).where(of_article).scalar_subquery(),
        speaker_gender=case((quotes.c.speaker_kind != "person", NOT_A_PERSON),  # rows.counted_gender, in SQL
                            else_=func.coalesce(quotes.c.speaker_gender, "unknown")),
    ))
    for name in ("quotes_speaker_name", "quotes_speaker_org", "quotes_speaker_kind"):
        conn.execute(text(f"DROP INDEX IF EXISTS {name}"))
    for index in COUNTING_INDEXES:
        index.create(conn, checkfirst=True)


def _add_gender_sources(conn: Connection) -> None:
    """Schema 4: where each gender came from (people, quotes) and the option that chose it (runs). Every gender
    stored before was the article's evidence, so that is what the new columns say of them. Each column is added
    only if missing, and the counting indexes that now hold the source are rebuilt only if they don't yet."""
    added = {"runs": {"gender": "VARCHAR"}, "people": {"gender_source": "VARCHAR", "name_gender_p": "FLOAT"},
             "quotes": {"speaker_gender_source": "VARCHAR"}}
    for table, columns in added.items():
        present = {column["name"] for column in inspect(conn).get_columns(table)}
        for name, sql_type in columns.items():
            if name not in present:
                conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}"))
    conn.execute(update(runs).where(runs.c.gender.is_(None)).values(gender="evidence"))
    conn.execute(update(people).where(people.c.gender.is_not(None), people.c.gender_source.is_(None))
                 .values(gender_source="evidence"))
    conn.execute(update(quotes).where(quotes.c.speaker_gender.in_(("female", "male")),
                                      quotes.c.speaker_gender_source.is_(None)).values(speaker_gender_source="evidence"))
    indexed = {index["name"]: index["column_names"] for index in inspect(conn).get_indexes("quotes")}
    for index in COUNTING_INDEXES:
        wanted = [column.name for column in index.columns]
        if index.name in indexed and indexed[index.name] != wanted:
            conn.execute(text(f"DROP INDEX {index.name}"))
            index.create(conn)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL: readers search while an ingest writes; the busy timeout lets a reader wait out a commit.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_read_only(dbapi_connection: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, record)
    dbapi_connection.execute("PRAGMA query_only=ON")


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for i in range(0, len(items), _ID_CHUNK):
        yield items[i : i + _ID_CHUNK]
