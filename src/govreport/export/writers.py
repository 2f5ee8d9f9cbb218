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
with a :class:`JournalWarning` together with every line after it, so those batches
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

import csv
import io
import json
import os
import stat
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, Protocol

from attrs import evolve, frozen

from govreport.batch import DocumentResult, DocumentStatus
from govreport.errors import OutputError
from govreport.export.arrow import import_pyarrow, record_batch
from govreport.export.columns import ColumnType, ExportTable, Row, export_table
from govreport.export.text import FORMULA_FIRST, json_dumps, json_safe, readable, spreadsheet_safe

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: outputs are not locked there
    fcntl = None  # type: ignore[assignment]

JOURNAL_SUFFIX = ".journal"
FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""Output formats by file extension."""
DEFAULT_BATCH_SIZE = 200
_ROW_GROUP_ROWS = 128 * 1024
_JOURNAL_VERSION = 1


class JournalWarning(UserWarning):
    """Lines of a journal were damaged and dropped on resume; their documents are parsed again."""


def output_format(out: str | os.PathLike[str]) -> str:
    """The output format for a path, chosen by its extension.

    Raises:
        OutputError: the extension is not one of ``.jsonl``, ``.csv``, ``.parquet``.
    """
    suffix = Path(out).suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(f"cannot tell the output format of {out}: use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _csv_bytes(records: Sequence[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    text = buffer.getvalue()
    if "\r" in text:  # rare: a cell holding a bare CR, which csv does not quote
        text = "".join(_csv_row(record) for record in records)
    return _utf8(text, readable)


def _utf8(text: str, escape: Callable[[str], str]) -> bytes:
    """``text`` as UTF-8; only text that cannot be (names with bytes that are not UTF-8) is escaped first."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return escape(text).encode("utf-8")


def _csv_row(record: Sequence[Any]) -> str:
    # csv quotes only fields holding a character of the line terminator, so a bare CR would
    # split the row for every reader: write the row with CR LF to have it quoted, then end it in LF.
    row = io.StringIO()
    csv.writer(row, lineterminator="\r\n").writerow(record)
    return row.getvalue()[:-2] + "\n"


def _csv_records(table: ExportTable, rows: list[Row], raw: bool) -> list[list[Any]]:
    names = table.names
    records = [["" if (value := row.get(name)) is None else value for name in names] for row in rows]
    if not raw:  # text only: numbers are written as numbers, a negative count stays -3
        text_columns = [i for i, column in enumerate(table.columns) if column.type is ColumnType.STRING]
        for record in records:
            for i in text_columns:
                if record[i][:1] in FORMULA_FIRST:  # checked here first: a call per cell is slow
                    record[i] = spreadsheet_safe(record[i])
    return records


def encode_rows(format: str, table: ExportTable, rows: list[Row], *, csv_raw: bool = False) -> Any:
    """Rows in an output format: JSONL or CSV bytes, or an Arrow record batch (``None`` if no rows).

    Every format writes valid UTF-8 (see :mod:`govreport.export.text` for file names that
    are not). CSV text cells that a spreadsheet would run as a formula get a leading
    ``'`` unless ``csv_raw`` (:func:`~govreport.export.text.spreadsheet_safe`).
    """
    names = table.names
    if format == "jsonl":
        # default=str: Decimal money is written as exact text
        lines = (json.dumps({n: row.get(n) for n in names}, ensure_ascii=False, default=str) for row in rows)
        return _utf8("".join(line + "\n" for line in lines), json_safe)
    if format == "csv":
        return _csv_bytes(_csv_records(table, rows, csv_raw))
    return record_batch(table, rows) if rows else None


@frozen(kw_only=True)
class EncodedRows:
    """One document's rows of an export table, already encoded (see :func:`encode_rows`)."""

    format: str
    table: str
    data: Any
    csv_raw: bool = False


@frozen
class RowEncoder:
    """A picklable ``transform`` for :func:`~govreport.iter_parse`: encode rows where they are parsed.

    The report is dropped and its rows, encoded for ``format``, travel in ``payload``:
    with worker processes, this keeps the main process to writing bytes.
    """

    format: str
    table: str
    csv_raw: bool = False

    def __call__(self, result: DocumentResult) -> DocumentResult:
        """The result with its report replaced by its encoded rows."""
        if result.status is DocumentStatus.SKIPPED:
            return result
        spec = export_table(self.table)
        data = encode_rows(self.format, spec, list(spec.rows(result)), csv_raw=self.csv_raw)
        payload = EncodedRows(format=self.format, table=self.table, data=data, csv_raw=self.csv_raw)
        return evolve(result, report=None, payload=payload)


class _Sink(Protocol):
    def restore(self, position: str | None) -> None: ...

    def add(self, data: Any) -> None: ...

    def commit(self) -> str | None: ...

    def close(self) -> None: ...


class _FileSink:
    """An append-only file (JSONL or CSV) whose committed position is a byte offset."""

    def __init__(self, path: Path, table: ExportTable, format: str) -> None:
        self.path = path
        self.table = table
        self.header = _csv_bytes([table.names]) if format == "csv" else b""
        self._file: io.BufferedWriter | None = None

    def restore(self, position: str | None) -> None:
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
        # Written at once: an uncommitted tail is cut off on resume, so nothing is buffered here.
        assert self._file is not None
        self._file.write(data)

    def commit(self) -> str:
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        return str(self._file.tell())

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class _ParquetSink:
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
        if data is not None:
            self._batches.append(data)

    def commit(self) -> str | None:
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
        _fsync_dir(self.path)
        self._next += 1
        return name

    def close(self) -> None:
        pass


_SINKS: dict[str, type[_FileSink] | type[_ParquetSink]] = {
    "jsonl": _FileSink,
    "csv": _FileSink,
    "parquet": _ParquetSink,
}


class _Journal:
    """``OUT.journal``: a header line, then one line per committed batch; locked while a run writes."""

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path = path
        self.header = header
        self.done: set[str] = set()
        self.failed: set[str] = set()  # keys whose last committed status is failed
        self.position: str | None = None
        self._file: IO[bytes] | None = None

    def lock(self) -> bool:
        """Open (creating it empty if need be) and lock the journal; return whether it was there before.

        Raises:
            OutputError: another run holds the lock.
        """
        existed = self.path.exists()
        _refuse_special(self.path, folder=False)
        self._file = open(self.path, "a+b")  # noqa: SIM115 - held, and locked, for the whole run
        if not stat.S_ISREG(os.fstat(self._file.fileno()).st_mode):  # replaced meanwhile
            self.close()
            _refuse_special(self.path, folder=False)
        if fcntl is not None:
            try:
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                self.close()
                raise OutputError(
                    f"{readable(str(self.path))} is locked: another govreport run is writing the same "
                    "output; wait for it to finish or choose another --out"
                ) from exc
        return existed

    def close(self) -> None:
        """Close the journal, which releases the lock."""
        if self._file is not None:
            self._file.close()
            self._file = None

    @property
    def empty(self) -> bool:
        assert self._file is not None
        return os.fstat(self._file.fileno()).st_size == 0

    def truncate(self, size: int) -> None:
        assert self._file is not None
        self._file.truncate(size)
        self._file.flush()
        os.fsync(self._file.fileno())

    def load(self) -> None:
        assert self._file is not None
        self._file.seek(0)
        data = self._file.read()
        *lines, _torn = data.split(b"\n")  # a torn last line was never committed
        kept = 0  # bytes of the lines kept
        records: list[dict[str, Any]] = []
        for number, line in enumerate(lines, start=1):
            record = _journal_record(line, header=number == 1)
            if record is None:
                if number == 1:
                    raise OutputError(
                        f"{readable(str(self.path))} does not start with a govreport journal header: "
                        "remove it and its output, or run with --restart"
                    )
                warnings.warn(
                    f"{readable(str(self.path))}: line {number} is damaged; it and the "
                    f"{len(lines) - number} line(s) after it are dropped, and their documents are "
                    "parsed again",
                    JournalWarning,
                    stacklevel=4,
                )
                break
            records.append(record)
            kept += len(line) + 1
        if not records:  # killed while the header itself was being written: nothing committed
            self.truncate(0)
            self.create()
            return
        if records[0] != self.header:
            raise OutputError(
                f"{readable(str(self.path))} belongs to a run with other settings (table, format, "
                "columns or --csv-raw); remove it and its output, or run with --restart"
            )
        for record in records[1:]:
            if record["position"] is not None:
                self.position = record["position"]
            self._note(record["documents"])
        if kept != len(data):
            self.truncate(kept)

    def create(self) -> None:
        self._append(self.header)

    def commit(self, position: str | None, documents: list[tuple[str, str]]) -> None:
        if position is not None:
            self.position = position
        self._append({"position": self.position, "documents": documents})
        self._note(documents)

    def _note(self, documents: list[tuple[str, str]]) -> None:
        for key, status in documents:
            self.done.add(key)
            if status == DocumentStatus.FAILED.value:
                self.failed.add(key)
            else:
                self.failed.discard(key)

    def _append(self, record: dict[str, Any]) -> None:
        assert self._file is not None
        self._file.write((json_dumps(record) + "\n").encode("utf-8"))
        self._file.flush()
        os.fsync(self._file.fileno())


def _refuse_special(path: Path, *, folder: bool = True) -> None:
    """Raise :class:`OutputError` when ``path`` exists and is not a regular file (or a folder, if allowed).

    Writing to a FIFO would block the run, reading a device would never end.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    if not (stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode))):
        kind = "a regular file or a folder" if folder else "a regular file"
        raise OutputError(f"{readable(str(path))} is not {kind}: it is not written")


def _journal_record(line: bytes, *, header: bool) -> dict[str, Any] | None:
    """The record of one complete journal line, or ``None`` when the line is damaged."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(record, dict):
        return None
    if header:
        return record if record.get("journal") == "govreport" else None
    position, documents = record.get("position", ...), record.get("documents")
    if not (position is None or isinstance(position, str)) or not isinstance(documents, list):
        return None
    if not all(isinstance(d, list) and len(d) == 2 and all(isinstance(v, str) for v in d) for d in documents):
        return None
    return record


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
        self._journal = _Journal(self.journal_path, header)
        self._sink: _FileSink | _ParquetSink = _SINKS[self.format](self.out, self.table, self.format)
        _refuse_special(self.out)
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
            rows = list(self.table.rows(result))
            self._sink.add(encode_rows(self.format, self.table, rows, csv_raw=self.csv_raw))
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
