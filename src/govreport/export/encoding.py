"""Export rows encoded for an output format: JSONL or CSV bytes, or Arrow record batches.

Encoding happens where a document is parsed (:class:`RowEncoder`, a picklable
``transform``), so with worker processes the main process only writes bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from attrs import evolve, frozen

from govreport.batch import DocumentResult, DocumentStatus
from govreport.export.arrow import arrow_schema, columns_batch, import_pyarrow, record_batch
from govreport.export.columns import ColumnType, ExportTable, Row, export_table
from govreport.export.text import FORMULA_FIRST, json_safe, readable, spreadsheet_safe

_JSONL, _CSV = "jsonl", "csv"
_TEXT_FORMATS = (_JSONL, _CSV)
"""The formats written as bytes; any other is an Arrow batch."""


def csv_bytes(records: Sequence[Sequence[Any]]) -> bytes:
    """``records`` as CSV lines in UTF-8, each ending in LF."""
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
    if format == _JSONL:
        # default=str: Decimal money is written as exact text
        lines = (json.dumps({n: row.get(n) for n in names}, ensure_ascii=False, default=str) for row in rows)
        return _utf8("".join(line + "\n" for line in lines), json_safe)
    if format == _CSV:
        return csv_bytes(_csv_records(table, rows, csv_raw))
    return record_batch(table, rows) if rows else None


def encode_result(format: str, table: ExportTable, result: DocumentResult, *, csv_raw: bool = False) -> Any:
    """``table``'s rows of ``result`` encoded as :func:`encode_rows` encodes them.

    An Arrow batch of a table given column by column is built from its columns directly.
    """
    if format not in _TEXT_FORMATS and table.column_values is not None:
        columns = table.column_values(result)
        return columns_batch(table, columns) if any(columns.values()) else None
    return encode_rows(format, table, list(table.rows(result)), csv_raw=csv_raw)


@frozen(kw_only=True)
class EncodedRows:
    """One document's rows of an export table, already encoded (see :func:`encode_rows`)."""

    format: str
    table: str
    data: Any
    csv_raw: bool = False

    def __reduce__(self) -> tuple[Callable[..., EncodedRows], tuple[object, ...]]:
        # Rows travel from a worker to the main process pickled. An Arrow batch goes as one
        # IPC message: pickled array by array, it cost 5 times as much to send and 17 times
        # as much to load (0.22 ms a document, in the main process that writes every row).
        data = self.data
        if self.format not in _TEXT_FORMATS and data is not None:
            return _rows_from_ipc, (self.format, self.table, data.serialize().to_pybytes(), self.csv_raw)
        return _rows, (self.format, self.table, data, self.csv_raw)


def _rows(format: str, table: str, data: Any, csv_raw: bool) -> EncodedRows:
    """Pickled :class:`EncodedRows` of a text format, or without rows."""
    return EncodedRows(format=format, table=table, data=data, csv_raw=csv_raw)


def _rows_from_ipc(format: str, table: str, message: bytes, csv_raw: bool) -> EncodedRows:
    """Pickled :class:`EncodedRows` of an Arrow batch: the batch read back from its IPC message."""
    pa = import_pyarrow()
    batch = pa.ipc.read_record_batch(pa.py_buffer(message), arrow_schema(table))
    return EncodedRows(format=format, table=table, data=batch, csv_raw=csv_raw)


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
        data = encode_result(self.format, export_table(self.table), result, csv_raw=self.csv_raw)
        payload = EncodedRows(format=self.format, table=self.table, data=data, csv_raw=self.csv_raw)
        return evolve(result, report=None, payload=payload)
