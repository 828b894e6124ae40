"""An authority file: a CSV list of people and organisations a team knows (legislators with their Wikidata ids, a
newsroom's source list), read as corrections of the store's identities (corpus.corrections), so it lasts as they
do. A row `id,name,aliases,kind,gender,organisation` links the identity of `name` to `id` (with the organisation),
gives it that canonical name and, when given, that gender, and merges into it the identities of its aliases
("Bob Smith|Robert J. Smith", separated by "|"; an alias of one word or with an initial for a given name joins
nothing across articles, and is passed over)."""

from __future__ import annotations

import csv
from pathlib import Path

from ..corpus.corrections import GENDERS, Correction
from ..corpus.identities import organisation_keys, person_key
from ..errors import ConfigError

COLUMNS = ("id", "name", "aliases", "kind", "gender", "organisation")
KINDS = ("person", "organization")


def read_authority(path: Path, made_at: str) -> list[Correction]:
    """The corrections an authority file makes, row by row; ConfigError naming the file and row of the first bad
    one (the whole file is refused, so a team never applies half a list)."""
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            rows = list(csv.DictReader(stream))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError("QW218", f"{path}: cannot read an authority file ({exc})") from None
    if rows and not {"id", "name"} <= set(header):
        raise ConfigError("QW218", f"{path}: an authority file needs the columns id and name (of {', '.join(COLUMNS)})")
    found: list[Correction] = []
    for number, row in enumerate(rows, start=2):
        found += _row(row, f"{path}:{number}", f"authority {path.name}", made_at)
    return found


def _row(row: dict[str, str | None], where: str, note: str, made_at: str) -> list[Correction]:
    given = {name: (row.get(name) or "").strip() for name in COLUMNS}
    kind = given["kind"] or "person"
    if not given["id"] or not given["name"]:
        raise ConfigError("QW218", f"{where}: a row needs an id and a name")
    if kind not in KINDS:
        raise ConfigError("QW218", f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if given["gender"] and (kind != "person" or given["gender"] not in GENDERS):
        raise ConfigError("QW218", f"{where}: gender {given['gender']!r} is not one of {', '.join(GENDERS)}"
                          + ("" if kind == "person" else " (and only a person has one)"))
    key = _key(given["name"], kind)
    if key is None:
        raise ConfigError("QW218", f"{where}: {given['name']!r} is not a full name (a given name and a surname)",
                          "a name of one word joins nothing across articles, so it cannot be linked")
    made = [Correction("link", key, other=given["organisation"] or None, value=given["id"], note=note,
                       made_at=made_at),
            Correction("rename", key, value=given["name"], note=note, made_at=made_at)]
    if given["gender"]:
        made.append(Correction("set-gender", key, value=given["gender"], note=note, made_at=made_at))
    for alias in filter(None, (a.strip() for a in given["aliases"].split("|"))):
        other = _key(alias, kind)  # a surname alone or an initial joins nothing across articles: passed over
        if other is not None and other != key:
            made.append(Correction("merge", key, other=other, note=note, made_at=made_at))
    return made


def _key(name: str, kind: str) -> str | None:
    """The key a name has in the store: a person's full name, an organisation's name or acronym."""
    return person_key(name) if kind == "person" else organisation_keys(name, "")[0]
