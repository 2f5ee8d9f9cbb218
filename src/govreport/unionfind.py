"""Disjoint sets (union-find): which items a chain of links joins into one group.

Used where things connect through intermediaries: ruling lines that touch into one
table, elementary cells no line separates into one merged cell, organ names that
reports print side by side into one organ.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Generic, Protocol, TypeVar


class _Key(Hashable, Protocol):
    # Any, as in typeshed's comparison protocols: str.__lt__ takes only str.
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Key)


class UnionFind(Generic[K]):
    """Groups of keys joined by :meth:`union`; a group is named by its smallest key.

    Naming the group by its smallest key makes :meth:`find` independent of the order the
    links were made in. Keys are added on first use.
    """

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {key: key for key in keys}

    def find(self, key: K) -> K:
        """The key naming ``key``'s group."""
        parent = self.parent
        root = parent.setdefault(key, key)
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:  # path compression: later finds go straight to the root
            parent[key], key = root, parent[key]
        return root

    def union(self, a: K, b: K) -> None:
        """Join the groups of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
