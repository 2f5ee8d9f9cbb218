"""Label lookup: which of several candidates (rows or columns) a printed label key names.

A candidate is named by its label cores; a key names it when one of its cores occurs in
the key. Readers ask this for every label of every grid, so a :class:`CoreIndex` answers
for all candidates at once: a key equal to a core is found in a dict, any other key by one
compiled alternation of every core, and each key's answer is kept for the next report.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

Best = tuple[int, int]
"""``(score, candidate)``: the length of the longest core found, and the first candidate with it."""

_UNSEEN: Best = (-1, -1)  # memo marker: a key not looked up yet (None means "no core")
_MEMO_SIZE = 8192  # distinct label keys kept per index; labels repeat across a corpus


class CoreIndex:
    """The cores of candidates ``0..n-1``, searched together.

    :meth:`best` gives what scoring each candidate with
    :func:`~govreport.tables.reading.match_core` and keeping the first highest score gives;
    :meth:`matched` the candidates with any core in a key. Cores in ``exact`` name a
    candidate only when they equal the key (``其他`` is inside ``法人或其他组织``).
    """

    __slots__ = ("_best", "_cores", "_equal", "_exact", "_matched", "_owners", "_search")

    def __init__(self, candidates: Sequence[Sequence[str]], exact: Collection[str] = ()) -> None:
        self._exact = frozenset(exact)
        # An empty core scores 0, which is no match: it is left out.
        self._cores = tuple((core, i) for i, cores in enumerate(candidates) for core in cores if core)
        self._owners: dict[str, int] = {}
        for core, i in self._cores:
            self._owners.setdefault(core, i)  # candidates are in order, so the first keeps it
        self._equal = self._owners  # a key equal to a core: that core is the longest in it
        inside = sorted({c for c, _ in self._cores if c not in self._exact}, key=lambda c: (-len(c), c))
        # Longest first inside a lookahead: every start position gives its longest core.
        self._search = re.compile(f"(?=({'|'.join(map(re.escape, inside))}))").finditer if inside else None
        self._best: dict[str, Best | None] = {}
        self._matched: dict[str, tuple[int, ...]] = {}

    def best(self, key: str) -> Best | None:
        """The longest core in ``key`` and the first candidate having it; ``None`` when none is."""
        memo = self._best
        # One lookup, not `in` then `[]`: another thread may clear the memo in between.
        found = memo.get(key, _UNSEEN)
        if found is not _UNSEEN:
            return found
        found = self._find(key)
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = found
        return found

    def _find(self, key: str) -> Best | None:
        owner = self._equal.get(key)
        if owner is not None:
            return len(key), owner
        if self._search is None:
            return None
        score = 0
        first = 0
        for match in self._search(key):
            core = match.group(1)
            owner = self._owners[core]
            if len(core) > score or (len(core) == score and owner < first):
                score, first = len(core), owner
        return (score, first) if score else None

    def best_of(self, keys: Iterable[str]) -> Best | None:
        """:meth:`best` over several keys (a row's label cells): highest score, then first candidate."""
        result: Best | None = None
        for key in keys:
            found = self.best(key)
            if found is not None and (
                result is None or found[0] > result[0] or (found[0] == result[0] and found[1] < result[1])
            ):
                result = found
        return result

    def matched(self, key: str) -> tuple[int, ...]:
        """Every candidate with a core in ``key`` (equal to it, for exact cores), in order."""
        memo = self._matched
        hit = memo.get(key)
        if hit is not None:
            return hit
        exact = self._exact
        found = tuple(
            sorted({i for core, i in self._cores if (key == core if core in exact else core in key)})
        )
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[key] = found
        return found

    def cache_clear(self) -> None:
        """Forget every key looked up so far (the answers stay the same)."""
        self._best.clear()
        self._matched.clear()

    def matched_of(self, keys: Iterable[str]) -> set[int]:
        """The candidates with a core in any of ``keys``."""
        found: set[int] = set()
        for key in keys:
            found.update(self.matched(key))
        return found
