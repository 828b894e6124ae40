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

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from . import identities
from .identities import NameParts
from .schema import speaker_doubts, speakers

_CHUNK = 1000
_LAST = "\U0010ffff"  # the last code point: a start and it bound every name the start begins


def record(conn: Connection, speaker: int, key: str, parts: NameParts | None) -> None:
    """Compare a new identity with those made before it that could be the same person; record the doubts."""
    if parts is None:
        return
    same = [speakers.c.surname == parts.surname, speakers.c.id < speaker, speakers.c.kind == "person",
            speakers.c.merged_into.is_(None)]
    full = speakers.c.key.like("person:%")
    others: list[tuple[int, str]]
    if parts.given is None:
        found = conn.execute(select(speakers.c.id, speakers.c.key).where(*same, full).limit(2)).all()
        others = [(i, k) for i, k in found] if len(found) == 1 else []
    else:
        exact, start = identities.could_be(parts.given)
        wanted = [select(speakers.c.id, speakers.c.key).where(*same, speakers.c.given.in_(exact))]
        if start:  # the names it begins: one range of the index (byte-ordered), not a LIKE that reads them all
            wanted.append(select(speakers.c.id, speakers.c.key).where(
                *same, speakers.c.given >= start, speakers.c.given < start + _LAST))
        others = sorted({(i, k) for query in wanted for i, k in conn.execute(query)})
        first = conn.execute(select(speakers.c.id).where(*same, full).limit(1)).first() is None
        if key.startswith("person:") and first:  # the surname's first full name: the surnames alone before it
            others += [(i, k) for i, k in conn.execute(
                select(speakers.c.id, speakers.c.key).where(*same, speakers.c.given.is_(None)))]
    add(conn, [(speaker, other, reason) for other, reason in identities.doubts(key, others)])


def add(conn: Connection, found: Iterable[tuple[int, int, str]]) -> None:
    """Record doubts (later identity, earlier one, why); a pair recorded already, either way round, is kept."""
    for speaker, other, reason in found:
        either = or_(and_(speaker_doubts.c.speaker_id == speaker, speaker_doubts.c.other_id == other),
                     and_(speaker_doubts.c.speaker_id == other, speaker_doubts.c.other_id == speaker))
        if speaker != other and conn.execute(select(speaker_doubts.c.reason).where(either)).first() is None:
            conn.execute(insert(speaker_doubts).values(speaker_id=speaker, other_id=other, reason=reason))


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
