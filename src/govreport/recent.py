"""Values computed from an object, kept for the few most recent objects, found by identity.

Readers and checks look at the same grid or table several times in a row (every table
reader analyses every grid; every rule reads the same tables). Hashing such an object
would cost as much as the work saved, so entries are found by ``id()``; each entry holds
its object, so the id cannot be reused by another object while the entry lives.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class RecentByIdentity(Generic[K, V]):
    """``get(obj, make)`` is ``make(obj)``, computed once for each of the last ``size`` objects.

    When full, the whole store is dropped: the objects of one document come together.
    A store made with ``per_document=True`` is also dropped when a document's parse ends
    (:func:`forget_documents`), so what it holds dies young instead of outliving the
    report it was computed for.
    """

    def __init__(self, size: int, *, per_document: bool = False) -> None:
        self._size = size
        self._entries: dict[tuple[int, Hashable], tuple[K, V]] = {}
        if per_document:
            _PER_DOCUMENT.append(self)

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


_PER_DOCUMENT: list[RecentByIdentity[Any, Any]] = []


def forget_documents() -> None:
    """Empty every per-document store; called when a document's parse ends.

    Without this, a store kept the grids and tables of the last few documents alive. Kept
    across collections, they moved to the collector's oldest generation, whose full
    collections then ran more often: about 7 % of a text report's parse.
    """
    for store in _PER_DOCUMENT:
        store.cache_clear()
