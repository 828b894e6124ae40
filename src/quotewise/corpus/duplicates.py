"""Wire copy and duplicates: articles that are one story, and quotations that are one statement.

An article's text is reduced to a MinHash signature of its five-word shingles (datasketch); locality-sensitive
hashing cuts the signature into bands, and articles sharing a band are candidates, checked by the containment the
signatures estimate: the share of the shorter text's shingles found in the longer. Containment, not Jaccard
similarity, because a republished story is often cut short or wrapped in other page furniture. Two articles at
`CONTAINMENT` or above (two pages of one site also at `SAME_SITE_JACCARD`: they share its furniture), or with one
URL, are one duplicate group; only a group's first `GROUP_INDEXED` articles are looked up, and a bucket holds at
most `BUCKET_CAP`, so the work per article stays bounded however often a story or a site's furniture repeats.

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
# Two pages of one site are one story only if half their shingles or more are shared: the first 60 % of a story is
# 0.6 of it, a short page inside a site's furniture shared with a long one far less (tests/corpus/test_duplicates.py).
SAME_SITE_JACCARD = 0.5
# A bucket (one band's value) holding this many articles is a site's furniture, not a story (a story's articles
# are at most GROUP_INDEXED in it): no more are added, so a lookup reads at most BANDS * BUCKET_CAP candidates.
BUCKET_CAP = 16
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


def jaccard(one: tuple[bytes, int], other: tuple[bytes, int]) -> float:
    """The signatures' estimate of the texts' shared shingles over all their shingles."""
    import numpy as np

    return float(np.mean(np.frombuffer(one[0], dtype=np.uint64) == np.frombuffer(other[0], dtype=np.uint64)))


def containment(one: tuple[bytes, int], other: tuple[bytes, int]) -> float:
    """The estimated share of the smaller text's shingles that the other holds: from the signatures' Jaccard
    estimate J and the sizes, |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    found = jaccard(one, other)
    shared = found * (one[1] + other[1]) / (1 + found)
    return min(1.0, shared / max(1, min(one[1], other[1])))


def near(one: tuple[bytes, int], other: tuple[bytes, int], *, same_site: bool) -> bool:
    """Whether two texts are one story. Two pages of one site (one outlet, or both of none) share its furniture
    (menus, related links, a cookie notice), which can hold most of a short page, so between them the shared
    shingles must also be `SAME_SITE_JACCARD` of all; pages of different sites share none of it."""
    return containment(one, other) >= CONTAINMENT and (not same_site or jaccard(one, other) >= SAME_SITE_JACCARD)


def statement_keys(group: str, quoted: str) -> tuple[str, ...]:
    """The keys a quotation's words are one statement by: within its group always; across groups when long."""
    found = words(quoted)
    if not found:
        return ()
    digest = hashlib.blake2b(" ".join(found).encode("utf-8"), digest_size=12).hexdigest()
    within = f"group:{group}:{digest}"
    return (within, f"words:{digest}") if len(found) >= VERBATIM_WORDS else (within,)


def statement_name(key: str) -> str:
    """The id of a statement first found by `key`: a key is given to one statement only, so no two statements
    share a name, and an article extracted again with other words never takes an older statement's."""
    return "s" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
