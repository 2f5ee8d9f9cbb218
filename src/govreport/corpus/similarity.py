"""Near-copied text (内容雷同): character shingles summarised by a bottom-k MinHash sketch.

A report's narrative is reduced to its set of overlapping character ``SHINGLE``-grams,
after folding width, dropping whitespace and punctuation, and masking digits (a copied
report with only its year and numbers changed is still a copy). The set is summarised by
its ``SKETCH_SIZE`` smallest 64-bit hashes (a bottom-k sketch): a fixed few hundred bytes
per report, so a corpus of any size can be compared without keeping its text. Two
sketches estimate the Jaccard similarity of the full sets; when both sets have fewer than
``SKETCH_SIZE`` shingles the sketches are the sets and the value is exact.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array

SHINGLE = 5
"""Characters per shingle: long enough that common phrases of the form do not dominate."""
SKETCH_SIZE = 64
"""Hashes kept per report; the estimate's standard error is about sqrt(J(1-J)/64) ≈ 0.05 at J = 0.8."""
MIN_SHINGLES = 30
"""Texts with fewer shingles (about 35 characters) are too short to call copied."""

_DROP = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def fold_text(text: str) -> str:
    """The comparable form of a text: NFKC, digits masked as ``#``, no spaces or punctuation."""
    return _DIGITS.sub("#", _DROP.sub("", unicodedata.normalize("NFKC", text)))


def shingles(text: str) -> set[str]:
    """The overlapping character ``SHINGLE``-grams of the folded text."""
    folded = fold_text(text)
    return {folded[i : i + SHINGLE] for i in range(len(folded) - SHINGLE + 1)}


def _hash(shingle: str) -> int:
    # A keyed-free stable hash: the same text gives the same sketch in every process.
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def sketch(text: str) -> tuple[array[int], int]:
    """The bottom-k sketch of a text and its number of distinct shingles."""
    hashes = sorted({_hash(s) for s in shingles(text)})
    return array("Q", hashes[:SKETCH_SIZE]), len(hashes)


def jaccard(a: array[int], b: array[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two sketches (exact for small sets)."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    members_a, members_b = set(a), set(b)
    shared = sum(1 for h in union if h in members_a and h in members_b)
    return shared / len(union)
