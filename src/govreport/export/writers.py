"""Resumable corpus writers: JSONL, CSV and Parquet, with a journal that makes a run restartable.

The write protocol, the same for every format:

1. Results are taken in input order. Skipped documents write nothing; every other
   document (ok, partial or failed) counts towards a batch of ``batch_size``.
2. JSONL and CSV rows are appended as each document arrives; at the end of a batch
   the file is flushed and synced. Parquet rows are gathered as Arrow record batches
   and, at the end of a batch, written as one ``part-NNNNNN.parquet.tmp`` file that is
   closed, synced and renamed into place.
3. Only then is one journal line appended and synced: the output position the batch
   ends at, and the key and status of each of its documents.

On resume the journal is read up to its last complete line (a torn last line is cut
off; a damaged line anywhere, binary garbage or text that does not parse, is dropped
with a :class:`~govreport.errors.JournalWarning` together with every line after it, so those batches
are done again), the output is cut back to the position of the last commit (a JSONL/CSV tail
written after it, a Parquet part not in the journal and any ``.tmp`` file are
removed), and the committed documents are skipped. A run killed at any point (Ctrl-C,
``kill -9``) therefore loses nothing and writes nothing twice, and since batches start
where the last commit ended, the resumed output is byte for byte the uninterrupted one.
An interrupted batch is simply parsed again.

The journal is locked (``fcntl.flock``, exclusive) for the whole run: a second run on
the same output fails at once with :class:`~govreport.errors.OutputError` instead of
writing every row a second time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from govreport.batch import DocumentResult, DocumentStatus
from govreport.errors import OutputError
from govreport.export.columns import export_table
from govreport.export.encoding import EncodedRows, RowEncoder, encode_result, encode_rows
from govreport.export.journal import JOURNAL_SUFFIX, Journal, refuse_special
from govreport.export.sinks import SINKS, FileSink, ParquetSink
from govreport.export.text import readable

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "FORMATS",
    "JOURNAL_SUFFIX",
    "CorpusWriter",
    "EncodedRows",
    "RowEncoder",
    "encode_rows",
    "output_format",
]

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""Output formats by file extension."""
DEFAULT_BATCH_SIZE = 200
_JOURNAL_VERSION = 1


def output_format(out: str | os.PathLike[str]) -> str:
    """The output format for a path, chosen by its extension.

    Raises:
        OutputError: the extension is not one of ``.jsonl``, ``.csv``, ``.parquet``.
    """
    suffix = Path(out).suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"cannot tell the output format of {out}: use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


class CorpusWriter:
    """Writes one export table of a corpus run to ``out``, resumably.

    Use it as a context manager; pass :attr:`done` as ``skip`` to
    :func:`~govreport.batch.iter_parse` so committed documents are not parsed again::

        with CorpusWriter("cells.parquet") as writer:
            for result in iter_parse(paths, skip=writer.done):
                writer.write(result)

    Leaving the block normally commits the last batch; leaving it by an exception
    (Ctrl-C included) does not, so the resumed run redoes that batch exactly.

    Args:
        out: The output path; its extension picks the format (``.jsonl``, ``.csv``,
            ``.parquet``; Parquet output is a folder of part files).
        table: Which export table to write (``cells``, ``documents``, ``findings``,
            ``narrative`` or ``reports``).
        batch_size: Documents per commit (and per Parquet part file).
        restart: Remove an earlier output and journal and start afresh.
        csv_raw: Write CSV text cells as they are, without the leading ``'`` that keeps a
            spreadsheet from running text such as ``=HYPERLINK(...)`` as a formula.
        retry_failed: On resume, parse again the documents an earlier run recorded as failed
            (normally every committed document is skipped). Their new rows are appended: in
            the ``documents`` and ``reports`` tables the last row of a document is its status.

    Raises:
        OutputError: unknown extension, an output without a journal already exists,
            the journal was written with other settings or does not start with a
            header, or another run is writing the same output (its journal is locked).
        MissingDependencyError: Parquet output without pyarrow.
    """

    def __init__(
        self,
        out: str | os.PathLike[str],
        *,
        table: str = "cells",
        batch_size: int = DEFAULT_BATCH_SIZE,
        restart: bool = False,
        csv_raw: bool = False,
        retry_failed: bool = False,
    ) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.out = Path(out)
        self.format = output_format(self.out)
        self.table = export_table(table)
        self.batch_size = batch_size
        self.csv_raw = csv_raw and self.format == "csv"
        self.journal_path = self.out.with_name(self.out.name + JOURNAL_SUFFIX)
        header: dict[str, Any] = {
            "journal": "govreport",
            "version": _JOURNAL_VERSION,
            "table": self.table.name,
            "format": self.format,
            "columns": list(self.table.names),
        }
        if self.format == "csv":
            header["csv_cells"] = "raw" if self.csv_raw else "spreadsheet-safe"
        self._journal = Journal(self.journal_path, header)
        self._sink: FileSink | ParquetSink = SINKS[self.format](self.out, self.table, self.format)
        refuse_special(self.out)
        existed = self._journal.lock()  # first: nothing is read or removed while another run writes
        try:
            if restart:
                self._remove_previous()
            self.resumed = not self._journal.empty
            if self.resumed:
                self._journal.load()
                if retry_failed:
                    self._journal.done -= self._journal.failed
            elif self._holds_data():
                raise OutputError(
                    f"{readable(str(self.out))} exists and has no {JOURNAL_SUFFIX}: remove it or run "
                    "with --restart"
                )
            else:
                self._journal.create()
            self._sink.restore(self._journal.position)
        except BaseException:
            self._journal.close()
            if not existed:  # leave nothing behind for a run that never started
                self.journal_path.unlink(missing_ok=True)
            raise
        self._documents: list[tuple[str, str]] = []
        self._encoder_key = (self.format, self.table.name, self.csv_raw)

    def _holds_data(self) -> bool:
        if self.out.is_dir():
            return any(self.out.iterdir())
        return self.out.exists() and self.out.stat().st_size > 0

    def _remove_previous(self) -> None:
        if self.out.is_dir():
            for entry in self.out.iterdir():
                if entry.name.startswith("part-") and entry.is_file():
                    entry.unlink()
        elif self.out.exists():
            self.out.unlink()
        self._journal.truncate(0)  # not removed: this run holds its lock

    @property
    def encoder(self) -> RowEncoder:
        """The ``transform`` to give :func:`~govreport.iter_parse` so rows are encoded in the workers."""
        return RowEncoder(self.format, self.table.name, self.csv_raw)

    @property
    def done(self) -> frozenset[str]:
        """Keys (content hashes, or ``path:…`` for unreadable files) of documents already committed."""
        return frozenset(self._journal.done)

    def write(self, result: DocumentResult) -> bool:
        """Add one result; return whether it was written (skipped and already-done ones are not)."""
        if result.status is DocumentStatus.SKIPPED or result.key in self._journal.done:
            return False
        payload = result.payload
        if (
            isinstance(payload, EncodedRows)
            and (payload.format, payload.table, payload.csv_raw) == self._encoder_key
        ):
            self._sink.add(payload.data)
        else:
            self._sink.add(encode_result(self.format, self.table, result, csv_raw=self.csv_raw))
        self._documents.append((result.key, result.status.value))
        if len(self._documents) >= self.batch_size:
            self.commit()
        return True

    def commit(self) -> None:
        """Write and commit the buffered batch now."""
        if not self._documents:
            return
        position = self._sink.commit()
        self._journal.commit(position, self._documents)
        self._documents = []

    def close(self, *, commit: bool = True) -> None:
        """Commit the last batch (unless ``commit`` is false), close the output and release its lock."""
        try:
            if commit:
                self.commit()
        finally:
            self._sink.close()
            self._journal.close()

    def __enter__(self) -> CorpusWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.close(commit=exc_type is None)
