"""The journal of a corpus run (``OUT.journal``): what has been committed, and the run's lock.

See :mod:`govreport.export.writers` for the write protocol the journal is part of.
"""

from __future__ import annotations

import json
import os
import stat
import warnings
from pathlib import Path
from typing import IO, Any

from govreport.batch.results import DocumentStatus
from govreport.errors import JournalWarning, OutputError
from govreport.export.text import json_dumps, readable

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: outputs are not locked there
    fcntl = None  # type: ignore[assignment]

JOURNAL_SUFFIX = ".journal"


class Journal:
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
        refuse_special(self.path, folder=False)
        self._file = open(self.path, "a+b")  # noqa: SIM115 - held, and locked, for the whole run
        if not stat.S_ISREG(os.fstat(self._file.fileno()).st_mode):  # replaced meanwhile
            self.close()
            refuse_special(self.path, folder=False)
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
        """Whether the journal has no line yet."""
        assert self._file is not None
        return os.fstat(self._file.fileno()).st_size == 0

    def truncate(self, size: int) -> None:
        """Cut the journal to ``size`` bytes, durably."""
        assert self._file is not None
        self._file.truncate(size)
        self._file.flush()
        os.fsync(self._file.fileno())

    def load(self) -> None:
        """Read the committed batches: :attr:`done` and :attr:`position`; drop a torn or damaged tail.

        Raises:
            OutputError: the journal has no header, or one of a run with other settings.
        """
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
        """Write the header line of a new journal."""
        self._append(self.header)

    def commit(self, position: str | None, documents: list[tuple[str, str]]) -> None:
        """Append one batch: the output position it ends at and its ``(key, status)`` documents."""
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


def refuse_special(path: Path, *, folder: bool = True) -> None:
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
