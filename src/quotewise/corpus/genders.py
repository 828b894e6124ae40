"""Each identity's gender across the archive: how many articles showed each gender from each source, kept as
articles are written and replaced, and the gender pooled from those counts (identities.pooled_gender) or set by
a correction. Reading or updating it costs a few rows however many articles name the person."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, delete, func, insert, select, update

from .identities import pooled_gender
from .schema import speaker_genders, speakers

CORRECTION_SOURCE = "correction"  # the source of a gender a `set-gender` correction gave


def count_genders(conn: Connection, found: Iterable[tuple[int | None, str | None, str | None]], sign: int) -> None:
    """Add (`sign` +1) or take away (-1) articles showing a gender of an identity: (speaker id, gender, source)."""
    tally: dict[tuple[int, str, str], int] = {}
    for speaker, gender, source in found:
        if speaker is not None and gender and source:
            tally[speaker, gender, source] = tally.get((speaker, gender, source), 0) + sign
    for (speaker, gender, source), n in tally.items():
        where = and_(speaker_genders.c.speaker_id == speaker, speaker_genders.c.gender == gender,
                     speaker_genders.c.source == source)
        held = conn.execute(select(speaker_genders.c.articles).where(where)).scalar()
        if held is None:
            if n > 0:
                conn.execute(insert(speaker_genders).values(speaker_id=speaker, gender=gender, source=source,
                                                            articles=n))
        elif held + n > 0:
            conn.execute(update(speaker_genders).where(where).values(articles=held + n))
        else:
            conn.execute(delete(speaker_genders).where(where))


def pool(conn: Connection, ids: Iterable[int]) -> None:
    """The pooled gender of these persons (identities.pooled_gender) from their articles' counts, where no
    correction set it."""
    wanted = sorted(set(ids))
    for chunk in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
        shown: dict[int, list[tuple[str, str]]] = {speaker: [] for speaker in chunk}
        for speaker, gender, source in conn.execute(select(
                speaker_genders.c.speaker_id, speaker_genders.c.gender, speaker_genders.c.source).where(
                speaker_genders.c.speaker_id.in_(chunk))):
            shown[speaker].append((gender, source))
        open_ = select(speakers.c.id).where(speakers.c.id.in_(chunk), speakers.c.kind == "person",
                                            func.coalesce(speakers.c.gender_source, "")
                                            != CORRECTION_SOURCE)
        for (speaker,) in conn.execute(open_).all():
            gender, source = pooled_gender(shown[speaker])
            conn.execute(update(speakers).where(speakers.c.id == speaker).values(gender=gender,
                                                                                 gender_source=source))
