"""`quotewise speakers merge|split|rename|set-gender|distinct|corrections|import|authority`: a research team's
corrections of speaker identities, kept in the store and applied to every later ingest (corpus.corrections)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..corpus.corrections import GENDERS, Correction, split_key
from ..corpus.store import Store, now
from ..errors import ConfigError
from ..io.authority_file import read_authority
from ..io.corrections_file import read_corrections, write_corrections
from .corpus import db_option

note_option = click.option("--note", metavar="TEXT", help="Why: kept with the correction and exported with it.")


def _identity(store: Store, speaker_id: int) -> Any:
    """The identity an id is now, or the one-line error of an id the store never gave."""
    found = store.current(speaker_id)
    if found is None:
        raise ConfigError("QW216", f"speaker {speaker_id}: no such speaker in {store.location}",
                          "`quotewise speakers` or `quotewise export --what speakers` lists them")
    return found


def _corrected(db: str | None, make: Callable[[Store], list[Correction]], *, create: bool = False) -> None:
    """Open the store, build the corrections from it (`make(store)`), apply them, and say what changed."""
    try:
        store = Store.open(db, create=create)
        found = make(store)
        applied = store.correct(found)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"{applied} correction{'s' if applied != 1 else ''} recorded and applied in {store.location}"
               + ("" if applied == len(found) else f" ({len(found) - applied} already there)"), err=True)


def _of_two(action: str, one: int, two: int, note: str | None) -> Callable[[Store], list[Correction]]:
    """A correction of two identities (merge, distinct); refused for two ids that are one identity already."""
    def make(store: Store) -> list[Correction]:
        first, second = _identity(store, one).key, _identity(store, two).key
        if first == second:
            raise ConfigError("QW216", f"speakers {one} and {two} are one identity already")
        return [Correction(action, first, other=second, note=note, made_at=now())]
    return make


@click.command(name="merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@db_option
@note_option
def merge_command(keep: int, other: int, db: str | None, note: str | None) -> None:
    """Make speaker OTHER one identity with KEEP (ids from `quotewise speakers`): OTHER's quotations, people
    and names are KEEP's, now and in every later ingest."""
    _corrected(db, _of_two("merge", keep, other, note))


@click.command(name="split")
@click.argument("speaker", type=int)
@click.option("--article", "article_ids", multiple=True, required=True, metavar="ID",
              help="An article whose quotations and mention of SPEAKER are another person's (repeat for more).")
@click.option("--name", metavar="NAME", help="The other person's name. Default: SPEAKER's.")
@db_option
@note_option
def split_command(speaker: int, article_ids: tuple[str, ...], name: str | None, db: str | None,
                  note: str | None) -> None:
    """Part SPEAKER's quotations in the --article articles off as another identity (one person for all of
    them)."""
    def make(store: Store) -> list[Correction]:
        key = _identity(store, speaker).key
        missing = [a for a in article_ids if not store.holds(speaker, a)]
        if missing:
            raise ConfigError("QW216", f"speaker {speaker} is neither quoted nor named in article {missing[0]!r}")
        made = split_key(key, article_ids)
        return [Correction("split", key, other=made, article_id=a, value=name, note=note, made_at=now())
                for a in dict.fromkeys(article_ids)]
    _corrected(db, make)


@click.command(name="rename")
@click.argument("speaker", type=int)
@click.argument("name")
@db_option
@note_option
def rename_command(speaker: int, name: str, db: str | None, note: str | None) -> None:
    """Give SPEAKER the canonical NAME."""
    _corrected(db, lambda store: [Correction("rename", _identity(store, speaker).key, value=name, note=note,
                                             made_at=now())])


@click.command(name="set-gender")
@click.argument("speaker", type=int)
@click.argument("gender", type=click.Choice(GENDERS))
@db_option
@note_option
def set_gender_command(speaker: int, gender: str, db: str | None, note: str | None) -> None:
    """Set SPEAKER's gender, whatever the articles show (counted with the source "correction")."""
    def make(store: Store) -> list[Correction]:
        found = _identity(store, speaker)
        if found.kind != "person":
            raise ConfigError("QW216", f"speaker {speaker} is not a person ({found.kind}): it has no gender")
        return [Correction("set-gender", found.key, value=gender, note=note, made_at=now())]
    _corrected(db, make)


@click.command(name="distinct")
@click.argument("speaker", type=int)
@click.argument("other", type=int)
@db_option
@note_option
def distinct_command(speaker: int, other: int, db: str | None, note: str | None) -> None:
    """Record that SPEAKER and OTHER are two people: the pair leaves the "possible same person" list
    (`quotewise speakers possible-same`)."""
    _corrected(db, _of_two("distinct", speaker, other, note))


@click.command(name="corrections")
@db_option
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The JSON Lines file to write.")
def corrections_command(db: str | None, out: Path) -> None:
    """Write the store's corrections, for `quotewise speakers import` or `ingest --corrections` elsewhere."""
    try:
        store = Store.open(db, read_only=True)
        written = write_corrections(store.corrections(), out)
    except ConfigError as err:
        raise click.ClickException(str(err)) from None
    except OSError as exc:
        raise click.ClickException(f"{out}: cannot write ({exc.strerror})") from None
    click.echo(f"{written} corrections written to {out}", err=True)


@click.command(name="authority")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def authority_command(path: Path, db: str | None) -> None:
    """Link speakers to an authority file (CSV: id,name,aliases,kind,gender,organisation; e.g. legislators with
    their Wikidata ids): each row's speaker gets its id, organisation and canonical name, its gender when given,
    and the speakers of its aliases ("|" between them) are merged into it; kept like any correction, so speakers
    ingested later are linked as they come."""
    _corrected(db, lambda store: read_authority(path, now()), create=True)


@click.command(name="import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_command(path: Path, db: str | None) -> None:
    """Apply the corrections in PATH (JSON Lines, as `quotewise speakers corrections` writes them) to the store,
    and keep them for every later ingest."""
    _corrected(db, lambda store: read_corrections(path), create=True)


COMMANDS = (merge_command, split_command, rename_command, set_gender_command, distinct_command, corrections_command,
            import_command, authority_command)
