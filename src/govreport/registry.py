"""A named, ordered registry: the single list of names for readers, tables, sections and rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from govreport.errors import DuplicateNameError, UnknownNameError

T = TypeVar("T")


class Registry(Generic[T]):
    """An ordered mapping of unique names to entries, with per-entry enable/disable.

    Docs, CLI choices and error messages are generated from a registry, so a name
    exists in exactly one place.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T] = {}
        self._disabled: set[str] = set()

    def add(
        self,
        name: str,
        entry: T,
        *,
        replace: bool = False,
        before: str | None = None,
        after: str | None = None,
    ) -> None:
        """Register ``entry`` under ``name``, at the end or next to an existing name."""
        if name in self._entries and not replace:
            raise DuplicateNameError(f"{self.kind} {name!r} is already registered")
        anchor = before or after
        if anchor is not None and anchor not in self._entries:
            raise UnknownNameError(self.kind, anchor, self._entries)
        if name in self._entries or anchor is None:
            self._entries[name] = entry
            return
        items = [(k, v) for k, v in self._entries.items() if k != name]
        index = [k for k, _ in items].index(anchor) + (1 if after else 0)
        items.insert(index, (name, entry))
        self._entries = dict(items)

    def get(self, name: str) -> T:
        """Return the entry for ``name``; raise :class:`UnknownNameError` listing known names."""
        try:
            return self._entries[name]
        except KeyError:
            raise UnknownNameError(self.kind, name, self._entries) from None

    def enable(self, *names: str) -> None:
        """Re-enable entries by name."""
        for name in names:
            self.get(name)
            self._disabled.discard(name)

    def disable(self, *names: str) -> None:
        """Disable entries by name; they stay listed but are not :meth:`active`."""
        for name in names:
            self.get(name)
            self._disabled.add(name)

    def names(self) -> tuple[str, ...]:
        """Every registered name, in order."""
        return tuple(self._entries)

    def active(self) -> tuple[T, ...]:
        """The enabled entries, in order."""
        return tuple(v for k, v in self._entries.items() if k not in self._disabled)

    def items(self) -> tuple[tuple[str, T], ...]:
        """``(name, entry)`` pairs in order, enabled or not."""
        return tuple(self._entries.items())

    def copy(self) -> Registry[T]:
        """An independent registry with the same entries and disabled set."""
        clone: Registry[T] = Registry(self.kind)
        clone._entries = dict(self._entries)
        clone._disabled = set(self._disabled)
        return clone

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
