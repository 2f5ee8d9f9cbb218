"""What an export table is made of: column types, columns, and the fields every table shares.

The tables themselves are defined in :mod:`govreport.export.columns` (cells, findings,
reports, documents) and :mod:`govreport.export.narrative` (narrative counts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from attrs import frozen

from govreport.batch import DocumentResult
from govreport.export.text import path_bytes
from govreport.model.document import Location
from govreport.model.report import Report

Row = dict[str, Any]


class ColumnType(str, Enum):
    """The type of an export column; each maps to one Arrow type."""

    STRING = "string"
    """Text (Arrow ``string``); exact numbers are written as text in ``value`` columns."""
    INT = "int64"
    """A whole number (Arrow ``int64``): counts, years, sizes."""
    FLOAT = "float64"
    """A floating-point number (Arrow ``float64``): convenient, not exact."""
    DECIMAL = "decimal(38,6)"
    """An exact decimal (Arrow ``decimal128(38, 6)``; text in JSON Lines and CSV): money in 元."""


@frozen
class Column:
    """One column of an export table. Every column may be null."""

    name: str
    type: ColumnType
    description: str


Columns = dict[str, list[Any]]
"""One document's rows of a table column by column: each column's values, by name."""


@frozen
class ExportTable:
    """A flat table written by the corpus writers; ``rows`` builds its rows from one result.

    A table may also give ``column_values``, the same rows column by column: Arrow batches
    are built from those without a dict per row (``rows`` is then derived from it, see
    :func:`rows_of_columns`).
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[DocumentResult], Iterator[Row]]
    column_values: Callable[[DocumentResult], Columns] | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)


S, N, F, D = ColumnType.STRING, ColumnType.INT, ColumnType.FLOAT, ColumnType.DECIMAL

FILE = Column(
    "file",
    S,
    "The path the document was read from. Bytes of the name that are not UTF-8 are written as "
    "\\udcXX escapes in JSON Lines (lossless: os.fsencode gives the bytes back) and as \\xXX in CSV "
    "and Parquet.",
)
FILE_BYTES = Column(
    "file_bytes", S, "The path's bytes in hex, only when they are not valid UTF-8 (null otherwise)."
)
ORGAN = Column("organ", S, "The reporting organ (机关) as printed.")
YEAR = Column("year", N, "The report year.")
VERSION = Column("version", S, "Format version: v2019, v2021, narrative or unknown.")

DOCUMENT_COLUMNS = (
    Column("document_id", S, "SHA-256 of the file's bytes: the document's identity across runs."),
    FILE,
    FILE_BYTES,
    ORGAN,
    YEAR,
    VERSION,
)
"""The columns naming the document of a row; they join every table to ``documents``."""

LOCATION_COLUMNS = (
    Column("line", N, "1-based line in the decoded text."),
    Column("line_column", N, "1-based character column on that line."),
    Column("page", N, "1-based page, for page-based formats."),
    Column("grid", N, "0-based index of the source table grid."),
    Column("grid_row", N, "0-based row in that grid."),
    Column("grid_col", N, "0-based column in that grid."),
)


def document_fields(result: DocumentResult, report: Report) -> Row:
    """The :data:`DOCUMENT_COLUMNS` of a row of ``report``."""
    return {
        "document_id": result.id,
        "file": result.path,
        "file_bytes": path_bytes(result.path),
        "organ": report.metadata.organ,
        "year": report.metadata.year,
        "version": report.version.value,
    }


def location_fields(location: Location | None) -> Row:
    """The :data:`LOCATION_COLUMNS` of a row pointing at ``location``."""
    return {name: values[0] for name, values in location_columns([location]).items()}


def location_columns(locations: Sequence[Location | None]) -> Columns:
    """The :data:`LOCATION_COLUMNS` of rows pointing at ``locations``, column by column."""
    return {
        "line": [None if at is None else at.line for at in locations],
        "line_column": [None if at is None else at.column for at in locations],
        "page": [None if at is None else at.page for at in locations],
        "grid": [None if at is None else at.table for at in locations],
        "grid_row": [None if at is None else at.row for at in locations],
        "grid_col": [None if at is None else at.col for at in locations],
    }


def exact(value: int | Decimal | None) -> str | None:
    """A number as exact text, ``None`` kept."""
    return None if value is None else str(value)


_INT64 = 2**63
_DECIMAL_SCALE = 6
_DECIMAL_LIMIT = Decimal(10) ** (38 - _DECIMAL_SCALE)


def count(value: int | Decimal | None) -> int | None:
    """A count as an integer; ``None`` when it is not a whole number or does not fit int64.

    The exact printed value is always in the text column beside it, so nothing is lost.
    """
    if isinstance(value, int) and -_INT64 <= value < _INT64:
        return value
    return None


_YUAN_PER = {"元": Decimal(1), "万元": Decimal(10_000)}


def yuan(value: int | Decimal | None, unit: str | None) -> Decimal | None:
    """A money value in 元 (万元 ×10,000), exact; ``None`` when ``unit`` is not money.

    ``None`` also when the value does not fit :attr:`ColumnType.DECIMAL` (more than 6
    decimals of 元, or 32 digits before the point). The exact printed value is always in
    the text column beside it.
    """
    if value is None or unit not in _YUAN_PER:
        return None
    amount = Decimal(value) * _YUAN_PER[unit]
    exponent = amount.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # a read value is finite
    if -exponent > _DECIMAL_SCALE or abs(amount) >= _DECIMAL_LIMIT:
        return None
    return Decimal(format(amount.normalize(), "f"))  # 529202, not 529202.0000 or 5.29202E+5


def rows_of_columns(
    column_values: Callable[[DocumentResult], Columns],
) -> Callable[[DocumentResult], Iterator[Row]]:
    """``rows`` for a table defined column by column: each row a dict of its columns' values."""

    def rows(result: DocumentResult) -> Iterator[Row]:
        columns = column_values(result)
        names = list(columns)
        for values in zip(*columns.values(), strict=True):
            yield dict(zip(names, values, strict=True))

    return rows
