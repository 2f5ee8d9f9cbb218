"""Resource limits for one document, and the budget that readers check while they work.

Every limit is a field of :class:`Limits`; :data:`LIMIT_DOCS` says why each default is
what it is, and the docs page of limits is generated from it. A document that goes
over a limit raises :class:`~govreport.errors.LimitExceededError`, which names the
limit, the value seen and the maximum.

Readers do not take the limits as an argument: :meth:`govreport.Parser.parse` opens a
:class:`Budget` for the document (a context variable), and readers call
:func:`current_budget` at their loops (pages, paths, rows, inflated bytes). Outside a
parse the budget has the default limits and no deadline.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from attrs import field, fields, frozen, validators

from govreport.errors import LimitExceededError

_MiB = 1024 * 1024


@frozen(kw_only=True)
class Limits:
    """The most one document may cost. Every field is documented in :data:`LIMIT_DOCS`."""

    input_bytes: int = field(default=10 * _MiB, validator=validators.gt(0))
    inflated_bytes: int = field(default=64 * _MiB, validator=validators.gt(0))
    characters: int = field(default=2_000_000, validator=validators.gt(0))
    grid_cells: int = field(default=200_000, validator=validators.gt(0))
    markup_tags: int = field(default=1_000_000, validator=validators.gt(0))
    pdf_pages: int = field(default=300, validator=validators.gt(0))
    pdf_objects: int = field(default=500_000, validator=validators.gt(0))
    seconds: float = field(default=60.0, validator=validators.gt(0))


LIMIT_DOCS: dict[str, str] = {
    "input_bytes": "Bytes of one input file. Real reports are 10 KB to 5 MB; a larger file is refused "
    "before it is read in full.",
    "inflated_bytes": "Bytes an archive (the zip of a DOCX) may inflate to, all parts read together, "
    "counted while inflating: a zip bomb stops here, whatever its compressed size. The same limit "
    "bounds a PDF's content streams together and each of its other compressed streams (fonts) alone.",
    "characters": "Characters of text in one document after decoding or extraction. Real reports have "
    "under 100,000; reading time and memory grow with the text (a million one-character lines take "
    "about 250 MiB), so the default keeps any input under 512 MiB.",
    "grid_cells": "Table cells in one document, all tables together, counting every cell a span covers. "
    "A statistics table has about 300; huge spans and many tables stop here.",
    "markup_tags": "Tags of markup in one document (each `<` of an HTML page or of the XML parts of a "
    "DOCX), counted before parsing. A parsed element costs a few hundred bytes; a real report has "
    "under 100,000 tags, and a page of a million empty paragraphs stops here.",
    "pdf_pages": "Pages of one PDF that are read. Annual reports have 3 to 40.",
    "pdf_objects": "Drawing objects and path segments of one PDF that the table finder looks at, all "
    "pages together. A ruled table has hundreds; a path bomb stops here.",
    "seconds": "Wall-clock seconds for one document. In-process, readers check it at their loops; in "
    "batch runs with worker processes, a worker past it is killed and replaced.",
}

DEFAULT_LIMITS = Limits()

assert set(LIMIT_DOCS) == {a.name for a in fields(Limits)}, "every limit needs its documentation"


class Budget:
    """What one document has used of its :class:`Limits`, with the deadline of its time limit."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS, *, timed: bool = True) -> None:
        self.limits = limits
        self.started = time.monotonic()
        self.deadline = self.started + limits.seconds if timed else float("inf")
        self._used: dict[str, int] = {}

    def check(self, limit: str, value: float) -> None:
        """Raise :class:`LimitExceededError` when ``value`` is over the limit named ``limit``."""
        maximum = getattr(self.limits, limit)
        if value > maximum:
            raise LimitExceededError(limit, value, maximum)

    def charge(self, limit: str, amount: int) -> None:
        """Add ``amount`` to what the document has used of ``limit``, and check the total."""
        used = self._used.get(limit, 0) + amount
        self._used[limit] = used
        self.check(limit, used)

    def check_time(self) -> None:
        """Raise :class:`LimitExceededError` when the document has run past its time limit."""
        now = time.monotonic()
        if now > self.deadline:
            raise LimitExceededError("seconds", round(now - self.started, 1), self.limits.seconds)


_CURRENT: ContextVar[Budget | None] = ContextVar("govreport_budget", default=None)


def current_budget() -> Budget:
    """The budget of the document being read; a fresh untimed one with default limits outside a parse."""
    budget = _CURRENT.get()
    return budget if budget is not None else Budget(timed=False)


def budget_is_open() -> bool:
    """Whether a document's budget is open in this context (a parse or batch run in progress)."""
    return _CURRENT.get() is not None


@contextmanager
def document_budget(limits: Limits | None = None) -> Iterator[Budget]:
    """The budget of one document for the duration of the block.

    With ``limits``, a fresh budget is opened. Without, the budget already open is
    reused (a reader called inside a parse), or one with the default limits is opened.
    """
    open_budget = _CURRENT.get()
    if limits is None and open_budget is not None:
        yield open_budget
        return
    budget = Budget(limits or DEFAULT_LIMITS)
    token = _CURRENT.set(budget)
    try:
        yield budget
    finally:
        _CURRENT.reset(token)
