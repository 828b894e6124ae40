"""The "possible same person" list as the writer keeps it: when an identity is made it is compared with the
identities made before it that could be the same person (corpus.identities.doubt), and the pairs are recorded,
never joined. A researcher settles each with `quotewise speakers merge` or `quotewise speakers distinct`
(queries.possible_same reads the list through both).

The identities compared are looked up by surname and given name (`speakers_name_parts`): those whose given name
could be this one's (`identities.could_be`); for a surname alone, the one full name of that surname, if the
archive has just one; for the first full name of a surname, the surnames alone that came before it. So a new
identity costs a few index lookups however large the archive and however common the surname.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Connection,
    bindparam,
    delete,
    func,
    literal,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from . import identities
from .identities import NameParts
from .schema import speaker_doubts, speakers

_CHUNK = 1000
_LAST = "\U0010ffff"  # the last code point: a start and it bound every name the start begins


def record(conn: Connection, speaker: int, key: str, parts: NameParts | None) -> None:
    """Compare a new identity with those made before it that could be the same person; record the doubts."""
    if parts is None:
        return
    values: dict[str, Any] = {"surname": parts.surname, "speaker": speaker}
    start = None
    if parts.given is not None:
        exact, start = identities.could_be(parts.given)
        values |= {"exact": list(exact), "start": start, "end": (start or "") + _LAST}
    query = _candidates(parts.given is not None, start is not None, key.startswith("person:"))
    found = conn.execute(query, values).all()
    fulls = [(i, k, g) for tag, i, k, g in found if tag == "full"]
    if parts.given is None:  # a surname alone: the one full name of it, if the archive has just one
        others = fulls if len(fulls) == 1 else []
    else:  # and the surnames alone before the surname's first full name
        others = sorted({(i, k, g) for tag, i, k, g in found if tag == "named" or (tag == "alone" and not fulls)})
    add(conn, [(speaker, other, reason) for other, reason in identities.doubts(key, parts, others)])


@functools.cache
def _candidates(named: bool, start: bool, alone: bool) -> CompoundSelect:
    """The one query `record` asks, made once for each of its shapes: the surname's first two full names, the
    identities whose given name could be this one's (`named`: exactly, or from a `start`), and (`alone`, for a
    full name) the surnames alone; all made before this one."""
    same = [speakers.c.surname == bindparam("surname"), speakers.c.id < bindparam("speaker"),
            speakers.c.kind == "person", speakers.c.merged_into.is_(None)]
    columns = (speakers.c.id, speakers.c.key, speakers.c.given)
    # Unordered: whether the surname has none, one or more full names is all `record` asks, and an order would
    # read every identity of a common surname.
    full = select(*columns).where(*same, speakers.c.key.like("person:%")).limit(2).subquery()
    wanted = [select(literal("full"), full.c.id, full.c.key, full.c.given)]
    if named:
        wanted.append(select(literal("named"), *columns).where(
            *same, speakers.c.given.in_(bindparam("exact", expanding=True))))
    if start:  # the names it begins: one range of the index (byte-ordered), not a LIKE that reads them all
        wanted.append(select(literal("named"), *columns).where(
            *same, speakers.c.given >= bindparam("start"), speakers.c.given < bindparam("end")))
    if alone:
        wanted.append(select(literal("alone"), *columns).where(*same, speakers.c.given.is_(None)))
    return union_all(*wanted)


def add(conn: Connection, found: Iterable[tuple[int, int, str]]) -> None:
    """Record doubts (two identities, why), each pair once: under the later identity (the larger id), so a pair
    met again either way round is the primary key's, and skipped there without reading first."""
    pairs: dict[tuple[int, int], str] = {}
    for one, other, reason in found:
        if one != other:
            pairs.setdefault((max(one, other), min(one, other)), reason)
    if pairs:
        make = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        rows = [{"speaker_id": one, "other_id": other, "reason": reason} for (one, other), reason in pairs.items()]
        conn.execute(make(speaker_doubts).on_conflict_do_nothing(), rows)


def record_stored(conn: Connection) -> None:
    """Schema 8: the name parts of the identities stored and their doubts, in the order they were made, as the
    ingests that made them would have recorded them; made again whole by an upgrade killed part way."""
    conn.execute(delete(speaker_doubts))
    top = conn.execute(select(func.max(speakers.c.id))).scalar() or 0
    for low in range(1, top + 1, _CHUNK):
        people = select(speakers.c.id, speakers.c.key, speakers.c.name).where(
            speakers.c.kind == "person", speakers.c.key.is_not(None),
            speakers.c.id.between(low, low + _CHUNK - 1)).order_by(speakers.c.id)
        for speaker, key, name in conn.execute(people).all():
            named = key.startswith("person:") or identities.looks_like_name(name)
            parts = identities.key_parts(key) if named else None
            conn.execute(update(speakers).where(speakers.c.id == speaker).values(
                surname=parts.surname if parts else None, given=parts.given if parts else None))
            record(conn, speaker, key, parts)
