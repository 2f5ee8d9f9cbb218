"""DOC files converted ahead of reading, held until the DOC reader asks for them by content hash.

A corpus run converts the DOC files of a chunk in one LibreOffice run (starting it costs
more than converting a file), then reads them one by one; the reader finds each
converted file here. What is held is bounded (:data:`MAX_FILES`, :data:`MAX_BYTES`) and
replaced by the next chunk's, so memory stays flat. The holder is a context variable, so
one thread's (or task's) conversions are never read by another.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from typing import TypeAlias

from govreport.errors import ConversionError

MAX_FILES = 32
"""Converted files held at once; more are left to be converted when read."""

MAX_BYTES = 32 * 2**20
"""Bytes of converted files held at once."""

Converted: TypeAlias = bytes | ConversionError
"""The converted file, or why LibreOffice could not convert it."""

_held: ContextVar[dict[str, Converted] | None] = ContextVar("govreport_doc_ahead", default=None)


def hold(converted: Iterable[tuple[str, Converted]]) -> int:
    """Hold ``(sha256, converted)`` pairs in place of what was held; returns how many were kept."""
    kept: dict[str, Converted] = {}
    size = 0
    for digest, result in converted:
        length = len(result) if isinstance(result, bytes) else 0
        if len(kept) >= MAX_FILES or size + length > MAX_BYTES:
            continue  # too much to hold: this one is converted when it is read
        kept[digest] = result
        size += length
    _held.set(kept or None)
    return len(kept)


def take(sha256: str) -> Converted | None:
    """The converted file held for the content hash ``sha256`` (no longer held after), if any."""
    held = _held.get()
    return held.pop(sha256, None) if held else None


def clear() -> None:
    """Hold nothing."""
    _held.set(None)
