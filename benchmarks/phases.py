"""Where a parse spends its time, phase by phase: the "where the remaining time goes" of issue 9.

:func:`measure_phases` parses files with each phase of ``govreport.parse`` wrapped in a CPU
clock. Times are exclusive: a phase running inside another (the grid analysis inside the
table readers) is taken out of the outer one, so the shares add up to the whole, with what
no phase covers (decoding the call, building the report) as ``other``.

The phases are the functions named in :data:`PHASES`. A name that no longer exists (a
function moved or renamed) raises :class:`LookupError` instead of reading as zero.
"""

from __future__ import annotations

import contextlib
import importlib
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import govreport

PHASES: tuple[tuple[str, str, str], ...] = (
    # (phase, module or "module:Class", function): each is timed apart from the phases inside it
    ("read", "govreport.parser:Parser", "_read"),
    ("metadata", "govreport.parser", "extract_metadata"),
    ("grid analysis", "govreport.tables.reading", "_analyse"),
    ("place, recover, cells", "govreport.parser", "finalize"),
    ("sections", "govreport.parser", "build_outline"),
    ("sections", "govreport.parser:Parser", "_sections"),
    ("narrative", "govreport.parser", "extract_narrative"),
    ("checks", "govreport.parser", "run_checks"),
)


def table_reader_phases() -> tuple[tuple[str, str, str], ...]:
    """A "table readers" phase for the reading method of each table reader the default parser runs."""
    from govreport.parser import default_parser
    from govreport.tables import DocumentTableReader

    found = {
        (
            f"{type(r).__module__}:{type(r).__name__}",
            "read_document" if isinstance(r, DocumentTableReader) else "read",
        )
        for r in default_parser().table_readers.active()
    }
    return tuple(("table readers", path, name) for path, name in sorted(found))


def _owner(path: str) -> Any:
    module, _, cls = path.partition(":")
    owner = importlib.import_module(module)
    return getattr(owner, cls) if cls else owner


@contextlib.contextmanager
def _timed(phases: Sequence[tuple[str, str, str]], spent: Counter[str]) -> Iterator[None]:
    """Wrap every phase's function for the duration of the block, adding exclusive CPU time to ``spent``."""
    inner: list[float] = [0.0]  # per open phase: the time of phases that ran inside it
    originals: list[tuple[Any, str, Callable[..., Any]]] = []

    def wrap(phase: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            inner.append(0.0)
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.process_time() - started
                spent[phase] += elapsed - inner.pop()
                inner[-1] += elapsed

        return timed

    try:
        for phase, path, name in phases:
            owner = _owner(path)
            function = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name, None)
            if function is None:
                raise LookupError(f"phase {phase!r}: {path} has no {name!r} (moved or renamed?)")
            originals.append((owner, name, function))
            setattr(owner, name, wrap(phase, function))
        yield
    finally:
        for owner, name, function in reversed(originals):
            setattr(owner, name, function)


def measure_phases(
    paths: Sequence[Path], phases: Sequence[tuple[str, str, str]] | None = None
) -> dict[str, float]:
    """Each phase's share of the CPU time of parsing ``paths`` (after one warm-up parse), and ``other``.

    The phases are :data:`PHASES` and the table readers' (:func:`table_reader_phases`) by default.
    """
    if not paths:
        raise ValueError("no files to measure")
    phases = (*PHASES, *table_reader_phases()) if phases is None else phases
    govreport.parse(paths[0])
    spent: Counter[str] = Counter()
    with _timed(phases, spent):
        started = time.process_time()
        for path in paths:  # as bench_floor times govreport: the file read is part of "read"
            govreport.parse(path)
        total = time.process_time() - started
    shares = {phase: spent[phase] / total for phase, _, _ in phases}
    shares["other"] = 1.0 - sum(shares.values())
    return shares


def describe(shares: dict[str, float]) -> str:
    """``read 18%, metadata 3%, …``, largest first."""
    return ", ".join(f"{phase} {share:.0%}" for phase, share in sorted(shares.items(), key=lambda kv: -kv[1]))
