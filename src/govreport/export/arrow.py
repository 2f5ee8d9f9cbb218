"""The published Arrow schemas of the export tables, and rows → Arrow record batches."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from govreport.errors import MissingDependencyError
from govreport.export.columns import TABLES, ColumnType, ExportTable, Row, export_table
from govreport.export.spec import Columns
from govreport.export.text import readable

SCHEMA_VERSION = "3"
"""Stored in each schema's metadata; raised when a column changes meaning or type."""


def import_pyarrow(feature: str = "Arrow and Parquet output") -> Any:
    """Import pyarrow, or raise :class:`MissingDependencyError` naming the ``parquet`` extra."""
    try:
        import pyarrow
    except ImportError as exc:
        raise MissingDependencyError(feature, "parquet") from exc
    return pyarrow


def _arrow_type(pa: Any, column_type: ColumnType) -> Any:
    return {
        ColumnType.STRING: pa.string(),
        ColumnType.INT: pa.int64(),
        ColumnType.FLOAT: pa.float64(),
        ColumnType.DECIMAL: pa.decimal128(38, 6),
    }[column_type]


def arrow_schema(table: str | ExportTable) -> Any:
    """The ``pyarrow.Schema`` of an export table (``cells``, ``documents``, ``findings``, ``narrative``...).

    Every field is nullable and carries its description in the field metadata; the
    schema metadata names the table and :data:`SCHEMA_VERSION`.

    Raises:
        MissingDependencyError: pyarrow is not installed (``pip install 'govreport[parquet]'``).
        UnknownNameError: no such table.
    """
    return _schema(table if isinstance(table, str) else table.name)


@cache
def _schema(name: str) -> Any:
    pa = import_pyarrow("the Arrow schema")
    spec = export_table(name)
    fields = [
        pa.field(c.name, _arrow_type(pa, c.type), nullable=True, metadata={"description": c.description})
        for c in spec.columns
    ]
    return pa.schema(fields, metadata={"govreport.table": spec.name, "govreport.schema": SCHEMA_VERSION})


def arrow_schemas() -> dict[str, Any]:
    """The Arrow schema of every export table, by table name."""
    return {name: arrow_schema(spec) for name, spec in TABLES.items()}


def record_batch(table: str | ExportTable, rows: Sequence[Row]) -> Any:
    """A ``pyarrow.RecordBatch`` of ``rows`` (dicts from ``ExportTable.rows``) under the table's schema."""
    spec = export_table(table) if isinstance(table, str) else table
    return columns_batch(spec, {name: [row.get(name) for row in rows] for name in spec.names})


def columns_batch(table: str | ExportTable, columns: Columns) -> Any:
    """A ``pyarrow.RecordBatch`` of rows given column by column (``ExportTable.column_values``)."""
    pa = import_pyarrow()
    spec = export_table(table) if isinstance(table, str) else table
    schema = arrow_schema(spec)
    arrays = [_array(pa, columns[c.name], field.type) for c, field in zip(spec.columns, schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def _array(pa: Any, values: list[Any], type: Any) -> Any:
    try:
        return pa.array(values, type=type)
    except UnicodeEncodeError:  # a path with bytes that are not UTF-8: Arrow strings must be
        return pa.array([readable(v) if isinstance(v, str) else v for v in values], type=type)
