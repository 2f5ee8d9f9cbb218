"""Work done for a whole chunk of documents before they are parsed one by one.

Converting DOC files is the one such job: LibreOffice takes about a second to start and
a fraction of one per file, so a corpus run converts the DOC files of a chunk in one run
(:meth:`DocReader.convert_ahead <govreport.readers.doc.DocReader.convert_ahead>`) and the
DOC reader then finds each converted file instead of starting LibreOffice again. A DOC
file counts :data:`DOC_WEIGHT` of a document in chunk sizing, so a chunk holds enough of
them to share one start-up.

Preparing is only a shortcut: it never raises, and a document it could not prepare is
read exactly as it would have been without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import TypeVar

from govreport.files import read_regular_file
from govreport.limits import Limits
from govreport.parser import Parser
from govreport.readers import doc_ahead
from govreport.readers.doc import DocReader, looks_like_word97

I = TypeVar("I")  # noqa: E741 - an item, as in map(function, items)
T = TypeVar("T")

DOC_WEIGHT = 0.25
"""What a DOC file counts in chunk sizing: a chunk of 8 documents holds 32 DOC files."""

_DOC_FORMAT = "doc"


def weight(path: str, format: str | None) -> float:
    """What the document at ``path`` counts in chunk sizing (by its name: the file is not read)."""
    if format == _DOC_FORMAT or (format is None and path.lower().endswith(".doc")):
        return DOC_WEIGHT
    return 1.0


def prepare_chunk(
    paths: Iterable[str],
    *,
    parser: Parser,
    format: str | None,
    skip: Collection[str],
    limits: Limits,
) -> int:
    """Convert the DOC files among ``paths`` ahead in one LibreOffice run; returns how many are held.

    Only files that :func:`weight` counts as DOC are read (so other formats cost nothing
    here), and only those that are Word 97 files, within ``limits.input_bytes`` and not in
    ``skip``, are converted. Never raises: any failure leaves the files to be converted
    when they are read, one by one.
    """
    try:
        reader = parser.readers.get(_DOC_FORMAT) if _DOC_FORMAT in parser.readers else None
        if not isinstance(reader, DocReader):
            doc_ahead.clear()  # another DOC reader (a plugin) converts its own way
            return 0
        inputs = []
        for path in paths:
            if weight(path, format) != DOC_WEIGHT:
                continue
            try:
                data = read_regular_file(path, limits.input_bytes)
            except Exception:  # reading it again reports why, as the document's own failure
                continue
            if looks_like_word97(data) and hashlib.sha256(data).hexdigest() not in skip:
                inputs.append(data)
        if not inputs:
            doc_ahead.clear()
            return 0
        return reader.convert_ahead(inputs, timeout=min(reader.timeout, limits.seconds))
    except Exception:  # a shortcut only: every document is still read on its own
        doc_ahead.clear()
        return 0


def take_chunk(items: Iterator[I], weigh: Callable[[I], float], size: float) -> list[I]:
    """The next items of ``items`` whose weights add up to ``size`` (fewer at the end)."""
    chunk: list[I] = []
    filled = 0.0
    for item in items:
        chunk.append(item)
        filled += weigh(item)
        if filled >= size:
            break
    return chunk


def prepared_map(
    function: Callable[[I], T],
    items: Iterable[I],
    *,
    prepare: Callable[[list[I]], object],
    weigh: Callable[[I], float],
    chunk: float,
) -> Iterator[T]:
    """``map(function, items)`` in this process, calling ``prepare`` on each chunk before its items."""
    iterator = iter(items)
    try:
        while batch := take_chunk(iterator, weigh, chunk):
            prepare(batch)
            yield from map(function, batch)
    finally:
        doc_ahead.clear()  # nothing held stays in the caller's context after the run
