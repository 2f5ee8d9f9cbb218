"""How close a printed label is to an official one: edit distance on label keys.

Real reports misprint labels (``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``).
Labels are short, so a plain dynamic-programming distance is fast enough.
"""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance between ``a`` and ``b`` (insertions, deletions, substitutions).

    With ``limit``, any distance above it is returned as ``limit + 1`` (computed faster).
    """
    if len(a) < len(b):
        a, b = b, a
    cap = limit if limit is not None else len(a)
    if len(a) - len(b) > cap:
        return cap + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        if min(current) > cap:
            return cap + 1
        previous = current
    return min(previous[-1], cap + 1)
