"""Corrections of speaker identities that last: merge, split, rename and set-gender.

A correction names identities by key (corpus.identities), never by a store's ids, so a research team can export
its corrections from one store and import them into another. It is applied twice over: to the rows stored when
it is made or imported, and to every article written after, whatever settings extract it again, because the
writer looks corrections up as it gives identities (corpus.store):

- **merge** `key` `other`: the two are one identity, `key`'s. `other`'s rows and keys become `key`'s; a claim
  whose key a merge took is given the survivor's (in a store that has not seen either yet, too).
- **split** `key` `article_id` `other`: the identity's rows of that article are another identity, `other` (one
  correction row per article, all naming the same new key).
- **rename** `key` `value`: the identity's canonical name.
- **set-gender** `key` `value`: the identity's gender, whatever the articles show; its source is "correction".
- **distinct** `key` `other`: two identities the "possible same person" list holds are two people; the pair
  leaves the list (nothing else changes).
- **link** `key` `value` `other`: the identity is `value` in an authority outside the store (a Wikidata id, a
  legislature's member number), with the organisation the authority gives it in `other` (io.authority_file
  makes these, with the renames, genders and merges of the authority's names and aliases).

Corrections are applied in the order they were made; a later rename or set-gender of one identity wins.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from ..errors import ConfigError
from .genders import CORRECTION_SOURCE, count_genders, pool
from .schema import corrections, people, quotes, speaker_genders, speaker_keys, speakers

ACTIONS = ("merge", "split", "rename", "set-gender", "distinct", "link")
GENDERS = ("female", "male", "unknown")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction as it is stored, exported and imported (module docstring)."""

    action: str
    key: str
    other: str | None = None
    article_id: str | None = None
    value: str | None = None
    note: str | None = None
    made_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any], where: str) -> Correction:
        """A correction read from a file: `where` names the line a bad one came from."""
        found = {name: row.get(name) for name in ("action", "key", "other", "article_id", "value", "note")}
        action, key = found["action"], found["key"]
        if action not in ACTIONS or not isinstance(key, str) or not key:
            raise ConfigError("QW217", f"{where}: not a correction (action one of {', '.join(ACTIONS)}, and a key)")
        needs = {"merge": ("other",), "split": ("other", "article_id"), "rename": ("value",),
                 "set-gender": ("value",), "distinct": ("other",), "link": ("value",)}[action]
        missing = [name for name in needs if not found[name]]
        if missing:
            raise ConfigError("QW217", f"{where}: a {action} correction needs {' and '.join(missing)}")
        if action == "set-gender" and found["value"] not in GENDERS:
            raise ConfigError("QW217", f"{where}: gender {found['value']!r} is not one of {', '.join(GENDERS)}")
        return cls(**found, made_at=str(row.get("made_at") or ""))


def split_key(key: str, articles: Sequence[str]) -> str:
    """The key of the identity a split makes: the same split in any store makes the same key."""
    digest = hashlib.blake2b("\n".join([key, *sorted(articles)]).encode("utf-8"), digest_size=8).hexdigest()
    return f"split:{digest}:{key}"


def survivors(conn: Connection, keys: Iterable[str]) -> dict[str, str]:
    """For each key a merge took, the key it now is (merges of merges followed to the end)."""
    found: dict[str, str] = {}
    todo = set(keys)
    while todo:
        step = {other: key for key, other in conn.execute(
            select(corrections.c.key, corrections.c.other).where(
                corrections.c.action == "merge", corrections.c.other.in_(sorted(todo))).order_by(corrections.c.id))}
        for taken, kept in step.items():
            for key, now in found.items():
                if now == taken:
                    found[key] = kept
            found.setdefault(taken, kept)
        todo = {kept for kept in step.values() if kept not in found} - set(step)
    return found


def splits(conn: Connection, article_ids: Iterable[str]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """The splits of these articles: (identity key, article) to the new identity's key and name."""
    wanted = sorted(set(article_ids))
    found: dict[tuple[str, str], tuple[str, str | None]] = {}
    for i in range(0, len(wanted), 500):
        query = select(corrections.c.key, corrections.c.article_id, corrections.c.other, corrections.c.value).where(
            corrections.c.action == "split", corrections.c.article_id.in_(wanted[i:i + 500])).order_by(corrections.c.id)
        found.update({(key, article): (other, value) for key, article, other, value in conn.execute(query)})
    return found


def settled(conn: Connection, key: str) -> dict[str, tuple[str, str | None]]:
    """The name, gender and link corrections of one key, the latest of each (value, other): what a new identity of
    it starts with."""
    query = select(corrections.c.action, corrections.c.value, corrections.c.other).where(
        corrections.c.key == key, corrections.c.action.in_(("rename", "set-gender", "link"))).order_by(corrections.c.id)
    return {action: (value, other) for action, value, other in conn.execute(query)}


def current(conn: Connection, speaker_id: int) -> Any:
    """The row (id, key, name, kind) of the identity an id is now: its own, or a merge's survivor's (merges of
    merges followed); None for an id the store never gave."""
    seen: set[int] = set()
    while speaker_id not in seen:
        seen.add(speaker_id)
        row = conn.execute(select(speakers.c.id, speakers.c.key, speakers.c.name, speakers.c.kind,
                                  speakers.c.merged_into).where(speakers.c.id == speaker_id)).first()
        if row is None or row.merged_into is None:
            return row
        speaker_id = row.merged_into
    return None


def identity(conn: Connection, key: str) -> int | None:
    """The id of the identity a key (after merges) is a key of; None in a store that has not seen it."""
    key = survivors(conn, [key]).get(key, key)
    return conn.execute(select(speaker_keys.c.speaker_id).where(speaker_keys.c.key == key)).scalar()


def apply(conn: Connection, correction: Correction) -> bool:
    """Record a correction and apply it to the rows stored; False when the store holds it already."""
    same = [corrections.c[name] == value if value is not None else corrections.c[name].is_(None)
            for name, value in correction.to_dict().items() if name not in ("note", "made_at")]
    if conn.execute(select(corrections.c.id).where(and_(*same))).first():
        return False
    conn.execute(insert(corrections).values(**correction.to_dict()))
    target = identity(conn, correction.key)
    if correction.action == "merge":
        taken = conn.execute(select(speaker_keys.c.speaker_id).where(speaker_keys.c.key == correction.other)).scalar()
        if target is not None and taken is not None and taken != target:
            _merge(conn, target, taken)
            pool(conn, [target])
    elif correction.action == "split" and target is not None and correction.other and correction.article_id:
        _split(conn, target, correction)
    elif correction.action == "rename" and target is not None:
        conn.execute(update(speakers).where(speakers.c.id == target).values(name=correction.value))
    elif correction.action == "set-gender" and target is not None:
        conn.execute(update(speakers).where(speakers.c.id == target).values(
            gender=correction.value, gender_source=CORRECTION_SOURCE))
    elif correction.action == "link" and target is not None:
        conn.execute(update(speakers).where(speakers.c.id == target).values(
            authority_id=correction.value, authority_org=correction.other))
    return True


def _merge(conn: Connection, kept: int, taken: int) -> None:
    for table in (quotes, people, speaker_keys):
        conn.execute(update(table).where(table.c.speaker_id == taken).values(speaker_id=kept))
    merged: dict[tuple[str, str], int] = {}
    for g, s, n in conn.execute(select(speaker_genders.c.gender, speaker_genders.c.source,
                                       speaker_genders.c.articles).where(
            speaker_genders.c.speaker_id.in_((kept, taken)))):
        merged[g, s] = merged.get((g, s), 0) + n
    conn.execute(delete(speaker_genders).where(speaker_genders.c.speaker_id.in_((kept, taken))))
    if merged:
        conn.execute(insert(speaker_genders), [{"speaker_id": kept, "gender": g, "source": s, "articles": n}
                                               for (g, s), n in merged.items()])
    conn.execute(update(speakers).where(speakers.c.merged_into == taken).values(merged_into=kept))
    conn.execute(update(speakers).where(speakers.c.id == taken).values(merged_into=kept))


def _split(conn: Connection, source: int, correction: Correction) -> None:
    new_key = correction.other
    made = conn.execute(select(speaker_keys.c.speaker_id).where(speaker_keys.c.key == new_key)).scalar()
    if made is None:
        name, kind = conn.execute(select(speakers.c.name, speakers.c.kind).where(speakers.c.id == source)).one()
        made = int(conn.execute(insert(speakers).values(
            name=correction.value or name, kind=kind, key=new_key, gender=None, gender_source=None,
        ).returning(speakers.c.id)).scalar_one())
        conn.execute(insert(speaker_keys).values(key=new_key, speaker_id=made))
    moved = [(g, s) for g, s in conn.execute(select(people.c.gender, people.c.gender_source).where(
        people.c.speaker_id == source, people.c.article_id == correction.article_id,
        people.c.gender_source.is_not(None)))]
    for table in (quotes, people):
        conn.execute(update(table).where(table.c.speaker_id == source, table.c.article_id == correction.article_id)
                     .values(speaker_id=made))
    count_genders(conn, [(source, g, s) for g, s in moved], -1)
    count_genders(conn, [(made, g, s) for g, s in moved], +1)
    pool(conn, [source, made])


def stored(conn: Connection) -> Iterable[Correction]:
    """Every correction, in the order made."""
    for row in conn.execute(select(corrections).order_by(corrections.c.id)):
        yield Correction(**{name: row._mapping[name] for name in
                            ("action", "key", "other", "article_id", "value", "note", "made_at")})
