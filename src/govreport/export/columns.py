"""The export tables and their columns: one definition drives JSONL, CSV, Parquet, Arrow and the docs.

Three tables are defined here:

- ``cells``: the tidy cell table, one row per table cell of every parsed report;
- ``findings``: one row per finding;
- ``reports``: the wide summary, one row per document (failed ones included), with
  metadata, finding counts and one column per canonical cell key.

Each :class:`ExportTable` lists its :class:`Column` s and turns a
:class:`~govreport.batch.DocumentResult` into rows (plain dicts keyed by column name,
values already of the column's type), so every writer and the published Arrow schema
agree by construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from attrs import frozen

from govreport.batch import DocumentResult, DocumentStatus
from govreport.checks import RULES
from govreport.errors import UnknownNameError
from govreport.export.text import path_bytes
from govreport.model.document import Location
from govreport.model.findings import Origin, Severity
from govreport.model.report import Report
from govreport.model.tables import Cell, TableCellKey
from govreport.tables.layouts import ACTIVE, APPLICATIONS, FORM_LAYOUTS, REVIEW_LITIGATION, cell_keys

Row = dict[str, Any]


class ColumnType(str, Enum):
    """The type of an export column; each maps to one Arrow type."""

    STRING = "string"
    """Text (Arrow ``string``); exact numbers are written as text in ``value`` columns."""
    INT = "int64"
    """A whole number (Arrow ``int64``)."""
    FLOAT = "float64"
    """A floating-point number (Arrow ``float64``): convenient, not exact for money."""


@frozen
class Column:
    """One column of an export table. Every column may be null."""

    name: str
    type: ColumnType
    description: str


@frozen
class ExportTable:
    """A flat table written by the corpus writers; ``rows`` builds its rows from one result."""

    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[DocumentResult], Iterator[Row]]

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)


S, N, F = ColumnType.STRING, ColumnType.INT, ColumnType.FLOAT  # short names for the lists below

_FILE = (
    "The path the document was read from. Bytes of the name that are not UTF-8 are written as "
    "\\udcXX escapes in JSON Lines (lossless: os.fsencode gives the bytes back) and as \\xXX in CSV "
    "and Parquet."
)
_FILE_BYTES = "The path's bytes in hex, only when they are not valid UTF-8 (null otherwise)."

_DOCUMENT_COLUMNS = (
    Column("document_id", S, "SHA-256 of the file's bytes: the document's identity across runs."),
    Column("file", S, _FILE),
    Column("file_bytes", S, _FILE_BYTES),
    Column("organ", S, "The reporting organ (机关) as printed."),
    Column("year", N, "The report year."),
    Column("version", S, "Format version: v2019, v2021, narrative or unknown."),
)

_LOCATION_COLUMNS = (
    Column("line", N, "1-based line in the decoded text."),
    Column("line_column", N, "1-based character column on that line."),
    Column("page", N, "1-based page, for page-based formats."),
    Column("grid", N, "0-based index of the source table grid."),
    Column("grid_row", N, "0-based row in that grid."),
    Column("grid_col", N, "0-based column in that grid."),
)


def _document_fields(result: DocumentResult, report: Report) -> Row:
    return {
        "document_id": result.id,
        "file": result.path,
        "file_bytes": path_bytes(result.path),
        "organ": report.metadata.organ,
        "year": report.metadata.year,
        "version": report.version.value,
    }


def _location_fields(location: Location | None) -> Row:
    if location is None:
        return dict.fromkeys(c.name for c in _LOCATION_COLUMNS)
    return {
        "line": location.line,
        "line_column": location.column,
        "page": location.page,
        "grid": location.table,
        "grid_row": location.row,
        "grid_col": location.col,
    }


def _exact(value: int | Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(value: int | Decimal | None) -> float | None:
    return None if value is None else float(value)


# --- cells ------------------------------------------------------------------------------
def _cell_rows(result: DocumentResult) -> Iterator[Row]:
    report = result.report
    if report is None:
        return
    document = _document_fields(result, report)
    for table in report.tables:
        for cell in table.cells:
            yield {
                **document,
                "table": cell.table,
                "layout": table.layout.value,
                "row_key": cell.row,
                "column_key": cell.column,
                "value": _exact(cell.value),
                "number": _number(cell.value),
                "unit": cell.unit,
                "state": cell.state.value,
                "raw": cell.raw,
                **_location_fields(cell.location),
            }


CELLS = ExportTable(
    name="cells",
    description="The tidy cell table: one row per value cell of every parsed report's fixed tables.",
    columns=(
        *_DOCUMENT_COLUMNS,
        Column(
            "table", S, "Canonical table key: active (表二), applications (表三), review_litigation (表四)."
        ),
        Column("layout", S, "The table layout the cell keys belong to (v2019 or v2021)."),
        Column("row_key", S, "Canonical row key."),
        Column("column_key", S, "Canonical column key."),
        Column("value", S, "The exact value as text (an integer, or a decimal for money); null if none."),
        Column("number", F, "The value as a float, for convenience; null if none."),
        Column("unit", S, "Unit of a money value (元 or 万元); null for counts."),
        Column("state", S, "Cell state: read, blank, placeholder, missing or inferred."),
        Column("raw", S, "The cell's text as printed."),
        *_LOCATION_COLUMNS,
    ),
    rows=_cell_rows,
)


# --- findings ---------------------------------------------------------------------------
def _cell_refs(cells: tuple[Any, ...]) -> str | None:
    return ";".join(f"{c.table}/{c.row}/{c.column}" for c in cells) or None


def _finding_rows(result: DocumentResult) -> Iterator[Row]:
    report = result.report
    if report is None:
        return
    document = _document_fields(result, report)
    for finding in report.findings:
        yield {
            **document,
            "rule": finding.rule,
            "severity": finding.severity.value,
            "origin": finding.origin.value,
            "message": finding.message,
            "formula": finding.formula or None,
            "left": _exact(finding.left),
            "right": _exact(finding.right),
            "difference": _exact(finding.difference),
            "cells": _cell_refs(finding.cells),
            **_location_fields(finding.location),
        }


FINDINGS = ExportTable(
    name="findings",
    description="One row per finding of every parsed report.",
    columns=(
        *_DOCUMENT_COLUMNS,
        Column("rule", S, "Rule id (H1, S4, R2...); see Rules and findings."),
        Column("severity", S, "error, warning or info."),
        Column("origin", S, "source (the report breaks a rule) or reading (govreport's doubt)."),
        Column("message", S, "What is wrong, in words."),
        Column("formula", S, "The equation checked, when there is one."),
        Column("left", S, "Left side of the equation, exact, as text."),
        Column("right", S, "Right side of the equation, exact, as text."),
        Column("difference", S, "left - right, exact, as text."),
        Column("cells", S, "The cells the finding points at, as table/row/column joined by ';'."),
        *_LOCATION_COLUMNS,
    ),
    rows=_finding_rows,
)


# --- reports (wide) ---------------------------------------------------------------------
def _wide_name(table: str, row: str, column: str) -> str:
    return f"{table}__{row}__{column}"


@cache
def wide_cell_keys() -> tuple[TableCellKey, ...]:
    """Every canonical ``(table, row, column)`` of both layouts, v2021 order first, then v2019-only keys."""
    keys: dict[TableCellKey, None] = {}
    for layout in reversed(FORM_LAYOUTS):
        for table in (ACTIVE, APPLICATIONS, REVIEW_LITIGATION):
            keys.update(((table, row, column), None) for row, column in cell_keys(table, layout))
    return tuple(keys)


_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001")}


def _wide_value(cell: Cell) -> float | None:
    """Counts as they are; money converted to 万元 so one column has one unit."""
    if cell.value is None:
        return None
    if cell.unit is None:
        return float(cell.value)
    return float(Decimal(cell.value) * _TO_WAN[cell.unit])


def _report_rows(result: DocumentResult) -> Iterator[Row]:
    if result.status is DocumentStatus.SKIPPED:
        return
    row: Row = {
        "document_id": result.id,
        "file": result.path,
        "file_bytes": path_bytes(result.path),
        "status": result.status.value,
        "reasons": "\n".join(f"{r.kind}: {r.message}" for r in result.errors) or None,
    }
    report = result.report
    if report is None:
        yield row
        return
    meta = report.metadata
    severities = Counter(f.severity for f in report.findings)
    rules = Counter(f.rule for f in report.findings)
    row.update(
        {
            "format": report.source.format,
            "encoding": report.source.encoding,
            "size": report.source.size,
            "organ": meta.organ,
            "year": meta.year,
            "version": report.version.value,
            "title": meta.title,
            "document_number": meta.document_number,
            "issue_date": meta.issue_date.isoformat() if meta.issue_date else None,
            "findings_error": severities[Severity.ERROR],
            "findings_warning": severities[Severity.WARNING],
            "findings_info": severities[Severity.INFO],
            "findings_reading": sum(1 for f in report.findings if f.origin is Origin.READING),
        }
    )
    row.update({f"rule_{rule}": rules[rule] for rule in RULES})
    for table in report.tables:
        for cell in table.cells:
            row[_wide_name(cell.table, cell.row, cell.column)] = _wide_value(cell)
    yield row


def _reports_columns() -> tuple[Column, ...]:
    rule_columns = tuple(
        Column(f"rule_{rule_id}", N, f"Findings of rule {rule_id} ({rule.title}).")
        for rule_id, rule in RULES.items()
    )
    cell_columns = tuple(
        Column(
            _wide_name(table, row, column),
            F,
            f"Cell {table}/{row}/{column}: a count, or money in 万元; null if absent or not read.",
        )
        for table, row, column in wide_cell_keys()
    )
    return (
        Column("document_id", S, "SHA-256 of the file's bytes; null when the file could not be read."),
        Column("file", S, _FILE),
        Column("file_bytes", S, _FILE_BYTES),
        Column("status", S, "ok, partial or failed (skipped documents get no row)."),
        Column("reasons", S, "Why the document failed or is partial: 'kind: message' lines."),
        Column("format", S, "Input format the document was read as."),
        Column("encoding", S, "Text encoding the document was decoded with."),
        Column("size", N, "File size in bytes."),
        Column("organ", S, "The reporting organ (机关) as printed."),
        Column("year", N, "The report year."),
        Column("version", S, "Format version: v2019, v2021, narrative or unknown."),
        Column("title", S, "The report's title."),
        Column("document_number", S, "文号, when printed."),
        Column("issue_date", S, "Issue date (ISO 8601), when printed."),
        Column("findings_error", N, "Number of error findings."),
        Column("findings_warning", N, "Number of warning findings."),
        Column("findings_info", N, "Number of info findings."),
        Column("findings_reading", N, "Number of findings of origin reading."),
        *rule_columns,
        *cell_columns,
    )


REPORTS = ExportTable(
    name="reports",
    description=(
        "The wide summary: one row per document (failed ones included), with metadata, finding "
        "counts and one column per canonical cell key."
    ),
    columns=_reports_columns(),
    rows=_report_rows,
)

TABLES: dict[str, ExportTable] = {t.name: t for t in (CELLS, FINDINGS, REPORTS)}
"""The export tables by name."""


def export_table(name: str) -> ExportTable:
    """The export table called ``name``.

    Raises:
        UnknownNameError: no such table.
    """
    try:
        return TABLES[name]
    except KeyError:
        raise UnknownNameError("export table", name, TABLES) from None
