"""One corpus pass, every table: a run folder of ``documents``, ``cells``, ``findings`` and ``narrative``.

Each table is written by its own :class:`~govreport.export.writers.CorpusWriter` (so each
is resumable, with its own journal), fed from one parse of every document: the rows of
all tables are encoded where the document is parsed, and each writer takes its own.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from attrs import evolve, frozen

from govreport.batch import DocumentResult, DocumentStatus
from govreport.errors import OutputError
from govreport.export.writers import DEFAULT_BATCH_SIZE, FORMATS, CorpusWriter, RowEncoder

RUN_TABLES = ("documents", "cells", "findings", "narrative")
"""The tables a run folder holds, in the order they are written."""

RUN_FORMATS = tuple(FORMATS.values())
"""The output formats of a run folder: ``jsonl``, ``csv``, ``parquet``."""


@frozen
class MultiEncoder:
    """A picklable ``transform`` for :func:`~govreport.iter_parse`: encode the rows of several tables at once.

    The report is dropped; ``payload`` holds one result per table, each carrying that
    table's encoded rows, in the order of ``encoders``.
    """

    encoders: tuple[RowEncoder, ...]

    def __call__(self, result: DocumentResult) -> DocumentResult:
        """The result with its report replaced by the encoded rows of every table."""
        if result.status is DocumentStatus.SKIPPED:
            return result
        return evolve(result, report=None, payload=tuple(encode(result) for encode in self.encoders))


class RunFolderWriter:
    """Writes every table of a corpus run into the folder ``out``: ``out/documents.parquet`` and so on.

    Use it as :class:`~govreport.export.writers.CorpusWriter` is used: as a context
    manager, passing :attr:`done` as ``skip`` and :attr:`encoder` as ``transform`` to
    :func:`~govreport.batch.iter_parse`, then :meth:`write` for each result.

    Args:
        out: The run folder; created if missing.
        format: ``parquet``, ``csv`` or ``jsonl``; the extension of every table.
        tables: The tables to write (see :data:`RUN_TABLES`).
        batch_size, restart, csv_raw, retry_failed: as for ``CorpusWriter``, for every table.

    Raises:
        OutputError: ``out`` is not a folder, an unknown format, or a table's output
            cannot be resumed (see ``CorpusWriter``).
    """

    def __init__(
        self,
        out: str | os.PathLike[str],
        *,
        format: str = "parquet",
        tables: Sequence[str] = RUN_TABLES,
        batch_size: int = DEFAULT_BATCH_SIZE,
        restart: bool = False,
        csv_raw: bool = False,
        retry_failed: bool = False,
    ) -> None:
        if format not in RUN_FORMATS:
            raise OutputError(f"unknown output format {format!r}: use one of {', '.join(RUN_FORMATS)}")
        self.out = Path(out)
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot make the run folder {self.out}: {exc.strerror or exc}") from exc
        self.writers: list[CorpusWriter] = []
        try:
            for table in tables:
                self.writers.append(
                    CorpusWriter(
                        self.out / f"{table}.{format}",
                        table=table,
                        batch_size=batch_size,
                        restart=restart,
                        csv_raw=csv_raw,
                        retry_failed=retry_failed,
                    )
                )
        except BaseException:  # release the tables opened (and locked) before the one that failed
            self.close(commit=False)
            raise

    @property
    def paths(self) -> tuple[Path, ...]:
        """The output of each table."""
        return tuple(writer.out for writer in self.writers)

    @property
    def done(self) -> frozenset[str]:
        """Documents every table has committed: those need no parsing.

        A document only some tables committed (a run stopped between two commits) is parsed
        again; the tables that have it skip it on write.
        """
        return frozenset.intersection(*(writer.done for writer in self.writers))

    @property
    def encoder(self) -> MultiEncoder:
        """The ``transform`` for :func:`~govreport.iter_parse`: every table's rows, encoded in the workers."""
        return MultiEncoder(tuple(writer.encoder for writer in self.writers))

    def write(self, result: DocumentResult) -> bool:
        """Add one result to every table; return whether any table wrote it."""
        payloads = result.payload if isinstance(result.payload, tuple) else (None,) * len(self.writers)
        written = [
            writer.write(payload if payload is not None else result)
            for writer, payload in zip(self.writers, payloads, strict=True)
        ]
        return any(written)

    def close(self, *, commit: bool = True) -> None:
        """Commit (unless ``commit`` is false) and close every table, each even if another fails."""
        with ExitStack() as stack:
            for writer in self.writers:
                stack.callback(writer.close, commit=commit)

    def __enter__(self) -> RunFolderWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(commit=exc_type is None)
