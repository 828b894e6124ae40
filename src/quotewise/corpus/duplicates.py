"""Wire copy and duplicates: articles that are one story, and quotations that are one statement.

An article's text is reduced to a MinHash signature of its five-word shingles (datasketch); locality-sensitive
hashing cuts the signature into bands, and articles sharing a band are candidates, checked by the containment the
signatures estimate: the share of the shorter text's shingles found in the longer. Containment, not Jaccard
similarity, because a republished story is often cut short or wrapped in other page furniture. Two articles at
`CONTAINMENT` or above, or with one URL, are one duplicate group; only a group's first `GROUP_INDEXED` articles
are looked up, so the work per article stays bounded however often a story repeats.

A quotation is a statement: quotations with the same words (case, punctuation and spacing aside) in one group are
one statement, and so are long ones (`VERBATIM_WORDS` words or more) quoted verbatim in different groups.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

PERMUTATIONS = 128
BANDS, ROWS = 32, 4  # 32 bands of 4 rows: a pair at containment 0.6 in equal texts is a candidate 99 times in 100
SHINGLE = 5  # words
CONTAINMENT = 0.8  # measured in tests/corpus/test_duplicates.py: wire copy with light edits is well above it
VERBATIM_WORDS = 8  # a quotation this long, word for word in two stories, is one statement
# A group's first articles are indexed (signature and bands) and the later ones are not: a story found in them is
# found, and an article's lookup costs no more for a story republished a thousand times than for one never seen.
GROUP_INDEXED = 8
_SEED = 1


def words(text: str) -> list[str]:
    """The words of a text without case, diacritics or punctuation."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+(?:'\w+)?", text)


def signature(text: str) -> tuple[bytes, int]:
    """The MinHash signature of a text's shingles, as bytes to store, and how many distinct shingles it has."""
    import numpy as np  # here, not at the top: `quotewise --help` and the web app's start stay light
    from datasketch import MinHash

    found = words(text)
    shingles = {" ".join(found[i:i + SHINGLE]) for i in range(max(1, len(found) - SHINGLE + 1))}
    minhash = MinHash(num_perm=PERMUTATIONS, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash.hashvalues.astype(np.uint64).tobytes(), len(shingles)


def bands(signature: bytes) -> list[str]:
    """The signature's LSH bands, each its number and a digest of its rows: texts sharing one are candidates.
    One string per band, so a lookup is one indexed `IN` list."""
    import numpy as np

    values = np.frombuffer(signature, dtype=np.uint64)
    return [f"{b}:{hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
            for b in range(BANDS)]


def containment(one: tuple[bytes, int], other: tuple[bytes, int]) -> float:
    """The estimated share of the smaller text's shingles that the other holds: from the signatures' Jaccard
    estimate J and the sizes, |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    import numpy as np

    a, b = np.frombuffer(one[0], dtype=np.uint64), np.frombuffer(other[0], dtype=np.uint64)
    jaccard = float(np.mean(a == b))
    shared = jaccard * (one[1] + other[1]) / (1 + jaccard)
    return min(1.0, shared / max(1, min(one[1], other[1])))


def statement_keys(group: str, quoted: str) -> tuple[str, ...]:
    """The keys a quotation's words are one statement by: within its group always; across groups when long."""
    found = words(quoted)
    if not found:
        return ()
    digest = hashlib.blake2b(" ".join(found).encode("utf-8"), digest_size=12).hexdigest()
    within = f"group:{group}:{digest}"
    return (within, f"words:{digest}") if len(found) >= VERBATIM_WORDS else (within,)
