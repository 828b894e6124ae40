"""Speaker identities and duplicate groups of a store scored against a key of who each quotation is by.

The key (JSON) names, for every direct quotation of an archive, the article and its words and the person or
organisation who said it; and the groups of articles that are copies of one story, and each person's gender
where some article shows it, and the pairs of people a "possible same person" list should hold (names that could
be one person but are two). Scores are pairwise, as for any clustering: of the pairs of matched quotations the
store gives one identity, the share by one speaker (precision), and of the pairs by one speaker, the share the
store gives one identity (recall).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from sqlalchemy import select

from ..corpus.duplicates import words
from ..corpus.queries import possible_same, speaker_identities
from ..corpus.schema import articles, quotes
from ..corpus.store import Store


def _match(key_words: list[str], stored: list[tuple[int, str, int | None]]) -> tuple[int, int | None] | None:
    """The stored quotation of the article holding the key's words, or held by them: (n, speaker id)."""
    wanted = " ".join(key_words)
    for n, text, speaker in stored:
        found = " ".join(words(text))
        if found and (wanted in found or found in wanted):
            return n, speaker
    return None


def score(store: Store, key: dict[str, Any]) -> dict[str, Any]:
    """Pairwise precision and recall of speaker ids, wire groups found and falsely joined, and pooled genders."""
    stored: dict[str, list[tuple[int, str, int | None]]] = {}
    for article_id, n, text, speaker in store.execute(select(quotes.c.article_id, quotes.c.n, quotes.c.text,
                                                             quotes.c.speaker_id).order_by(quotes.c.n)):
        stored.setdefault(article_id, []).append((n, text, speaker))
    matched: list[tuple[str, int | None]] = []
    missed = []
    for quote in key["quotes"]:
        found = _match(words(quote["text"]), stored.get(quote["article"], []))
        if found is None:
            missed.append(quote)
        else:
            matched.append((quote["speaker"], found[1]))
    same_id = same_speaker = both = 0
    for (speaker_a, id_a), (speaker_b, id_b) in combinations(matched, 2):
        one_id = id_a is not None and id_a == id_b
        same_id += one_id
        same_speaker += speaker_a == speaker_b
        both += one_id and speaker_a == speaker_b
    groups = dict(store.execute(select(articles.c.id, articles.c.duplicate_group)))
    found_groups = [len({groups.get(a) for a in group}) == 1 for group in key["wire_groups"]]
    copies = {a: k for k, group in enumerate(key["wire_groups"]) for a in group}
    false_joins = [(a, b) for a, b in combinations(sorted(groups), 2)
                   if groups[a] == groups[b] and (a not in copies or copies.get(a) != copies.get(b))]
    pooled = {row["speaker_id"]: row["gender"] for row in speaker_identities(store)}
    by_speaker: dict[str, set[int | None]] = {}
    for speaker, sid in matched:
        by_speaker.setdefault(speaker, set()).add(sid)
    gender_checked = gender_right = 0
    for name, person in key.get("people", {}).items():
        if person.get("gender") and by_speaker.get(name):
            gender_checked += 1
            gender_right += all(pooled.get(sid) == person["gender"] for sid in by_speaker[name])
    listed = {frozenset((row["speaker_id"], row["other_id"])) for row in possible_same(store)}
    doubted = [(one, other) for one, other in key.get("possible_same", []) if any(
        frozenset((a, b)) in listed for a in by_speaker.get(one, ()) for b in by_speaker.get(other, ()))]
    return {
        "quotes": len(key["quotes"]), "matched": len(matched), "missed": [q["text"][:60] for q in missed],
        "pairwise_precision": round(both / same_id, 4) if same_id else None,
        "pairwise_recall": round(both / same_speaker, 4) if same_speaker else None,
        "wire_groups": len(found_groups), "wire_groups_found": sum(found_groups), "false_joins": false_joins,
        "genders_checked": gender_checked, "genders_right": gender_right,
        "possible_same": len(key.get("possible_same", [])), "possible_same_listed": len(doubted),
        "possible_same_pairs": len(listed),
    }
