"""Values computed from an object, kept for the few most recent objects, found by identity.

Readers and checks look at the same grid or table several times in a row (every table
reader analyses every grid; every rule reads the same tables). Hashing such an object
would cost as much as the work saved, so entries are found by ``id()``; each entry holds
its object, so the id cannot be reused by another object while the entry lives.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class RecentByIdentity(Generic[K, V]):
    """``get(obj, make)`` is ``make(obj)``, computed once for each of the last ``size`` objects.

    When full, the whole store is dropped: the objects of one document come together.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: dict[tuple[int, Hashable], tuple[K, V]] = {}

    def get(self, obj: K, make: Callable[[K], V], extra: Hashable = None) -> V:
        """The value for ``obj`` (and ``extra``, a small hashable part of the key)."""
        key = (id(obj), extra)
        hit = self._entries.get(key)
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = make(obj)
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[key] = (obj, value)
        return value

    def cache_clear(self) -> None:
        """Forget every stored value."""
        self._entries.clear()
