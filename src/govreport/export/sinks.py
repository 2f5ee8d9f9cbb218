"""Where a corpus writer's rows go: an append-only file, or a folder of Parquet parts.

Each sink can say what it has committed (a byte offset, or the name of the last part),
and can cut itself back to such a position when a run resumes.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Protocol

from govreport.errors import OutputError
from govreport.export.arrow import import_pyarrow
from govreport.export.columns import ExportTable
from govreport.export.encoding import csv_bytes

_ROW_GROUP_ROWS = 128 * 1024


def fsync_dir(path: Path) -> None:
    """Sync a folder, so that a file renamed into it stays there after a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Sink(Protocol):
    """An output that takes encoded rows and commits them in batches."""

    def restore(self, position: str | None) -> None:
        """Open the output, cut back to ``position`` (what the journal last committed; ``None``: nothing)."""

    def add(self, data: Any) -> None:
        """Take one document's encoded rows (see :func:`~govreport.export.encoding.encode_rows`)."""

    def commit(self) -> str | None:
        """Make what was added durable; return the new position, or ``None`` if it did not move."""

    def close(self) -> None:
        """Release the output."""


class FileSink:
    """An append-only file (JSONL or CSV) whose committed position is a byte offset."""

    def __init__(self, path: Path, table: ExportTable, format: str) -> None:
        self.path = path
        self.table = table
        self.header = csv_bytes([table.names]) if format == "csv" else b""
        self._file: io.BufferedWriter | None = None

    def restore(self, position: str | None) -> None:
        """See :meth:`Sink.restore`."""
        end = int(position) if position is not None else 0
        size = self.path.stat().st_size if self.path.exists() else 0
        if size < end:
            raise OutputError(
                f"{self.path} is shorter ({size:,} bytes) than its journal says ({end:,}): it was "
                "changed outside govreport; run with --restart"
            )
        with open(self.path, "ab") as file:
            file.truncate(end)
        self._file = open(self.path, "ab")  # noqa: SIM115 - kept open for the whole run
        if end == 0:
            self.add(self.header)

    def add(self, data: bytes) -> None:
        """See :meth:`Sink.add`."""
        # Written at once: an uncommitted tail is cut off on resume, so nothing is buffered here.
        assert self._file is not None
        self._file.write(data)

    def commit(self) -> str:
        """See :meth:`Sink.commit`."""
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        return str(self._file.tell())

    def close(self) -> None:
        """See :meth:`Sink.close`."""
        if self._file is not None:
            self._file.close()
            self._file = None


class ParquetSink:
    """A folder of ``part-NNNNNN.parquet`` files, one per batch, each renamed into place when complete."""

    def __init__(self, path: Path, table: ExportTable, format: str) -> None:
        self.pa = import_pyarrow()  # a clear MissingDependencyError first
        import pyarrow.parquet as pq

        self.pq = pq
        self.path = path
        self.table = table
        self._next = 0
        self._batches: list[Any] = []  # one Arrow record batch per document: compact, unlike row dicts

    @staticmethod
    def _is_part(name: str) -> bool:
        return name.startswith("part-") and name.endswith(".parquet")

    @staticmethod
    def _part_number(name: str) -> int:
        return int(name.removeprefix("part-").removesuffix(".parquet"))

    def restore(self, position: str | None) -> None:
        """See :meth:`Sink.restore`."""
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(f"{self.path} exists and is not a folder of Parquet parts")
        self.path.mkdir(parents=True, exist_ok=True)
        last = -1
        if position is not None:
            last = self._part_number(position)
            if not (self.path / position).exists():
                raise OutputError(
                    f"{self.path / position} is in the journal but missing: the output was changed "
                    "outside govreport; run with --restart"
                )
        for entry in self.path.iterdir():
            if entry.name.endswith(".tmp"):
                entry.unlink()
            elif self._is_part(entry.name) and self._part_number(entry.name) > last:
                entry.unlink()  # renamed into place, but its journal line never came
        self._next = last + 1

    def add(self, data: Any) -> None:
        """See :meth:`Sink.add`."""
        if data is not None:
            self._batches.append(data)

    def commit(self) -> str | None:
        """See :meth:`Sink.commit`."""
        if not self._batches:
            return None
        name = f"part-{self._next:06d}.parquet"
        tmp = self.path / (name + ".tmp")
        table = self.pa.Table.from_batches(self._batches)
        self._batches = []
        with self.pq.ParquetWriter(tmp, table.schema, compression="zstd") as writer:
            writer.write_table(table, row_group_size=_ROW_GROUP_ROWS)
        with open(tmp, "rb") as file:
            os.fsync(file.fileno())
        os.replace(tmp, self.path / name)
        fsync_dir(self.path)
        self._next += 1
        return name

    def close(self) -> None:
        """See :meth:`Sink.close`: nothing is held open between batches."""


SINKS: dict[str, type[FileSink] | type[ParquetSink]] = {
    "jsonl": FileSink,
    "csv": FileSink,
    "parquet": ParquetSink,
}
