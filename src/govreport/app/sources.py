"""The documents a command reads: files, folders and ``@LIST`` files, or ``-`` for standard input."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from govreport.batch import DocumentResult, iter_parse, parse_data
from govreport.limits import Limits
from govreport.parser import Parser

STDIN = "-"
"""The source that means standard input: one document, its format given or recognised by content."""


def reads_stdin(sources: Sequence[str | os.PathLike[str]]) -> bool:
    """Whether ``sources`` name standard input."""
    return any(os.fspath(source) == STDIN for source in sources)


def parse_sources(
    sources: Sequence[str | os.PathLike[str]],
    *,
    jobs: int,
    format: str | None,
    limits: Limits,
    parser: Parser | None = None,
) -> Iterable[DocumentResult]:
    """:func:`~govreport.batch.iter_parse` of ``sources``, or the one document on standard input for ``-``.

    ``parser`` is the shared default parser if omitted.

    Raises:
        ValueError: ``-`` is given with other sources (the command reports it as a usage error).
    """
    if not reads_stdin(sources):
        return iter_parse(sources, jobs=jobs, format=format, limits=limits, parser=parser)
    if len(sources) > 1:
        raise ValueError("- (standard input) is one document: give no other FILES with it")
    return _stdin(format, limits, parser)


def _stdin(format: str | None, limits: Limits, parser: Parser | None) -> Iterator[DocumentResult]:
    data = sys.stdin.buffer.read(limits.input_bytes + 1)  # one byte over is enough to refuse it
    yield parse_data(data, format=format, limits=limits, parser=parser)
