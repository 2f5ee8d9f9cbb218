"""The export tables and their columns: one definition drives JSONL, CSV, Parquet, Arrow and the docs.

The tables, all keyed to a document by ``document_id`` and ``file``:

- ``documents``: one row per document (failed ones included), with its status and reasons;
- ``cells``: the tidy cell table, one row per table cell of every parsed report;
- ``findings``: one row per finding;
- ``narrative``: one row per count stated in a sentence (:mod:`govreport.export.narrative`);
- ``reports``: the wide summary, the ``documents`` row plus finding counts per rule and
  one column per canonical cell key.

Each :class:`ExportTable` lists its :class:`Column` s and turns a
:class:`~govreport.batch.DocumentResult` into rows (plain dicts keyed by column name,
values already of the column's type), so every writer and the published Arrow schema
agree by construction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from govreport.batch import DocumentResult, DocumentStatus
from govreport.checks import RULES
from govreport.errors import UnknownNameError
from govreport.export.narrative import NARRATIVE
from govreport.export.spec import (
    DOCUMENT_COLUMNS,
    FILE,
    FILE_BYTES,
    LOCATION_COLUMNS,
    ORGAN,
    VERSION,
    YEAR,
    Columns,
    D,
    N,
    S,
    count,
    document_fields,
    exact,
    location_columns,
    location_fields,
    rows_of_columns,
    yuan,
)
from govreport.export.spec import Column as Column
from govreport.export.spec import ColumnType as ColumnType
from govreport.export.spec import ExportTable as ExportTable
from govreport.export.spec import Row as Row
from govreport.export.text import path_bytes
from govreport.model.findings import Origin, Severity
from govreport.model.tables import Cell, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICATIONS,
    FORM_LAYOUTS,
    REVIEW_LITIGATION,
    cell_keys,
    column_specs,
)
from govreport.tables.specs import ValueKind


# --- cells ------------------------------------------------------------------------------
def _cell_columns(result: DocumentResult) -> Columns:
    report = result.report
    if report is None:
        return {name: [] for name in CELLS.names}
    cells = [cell for table in report.tables for cell in table.cells]
    n = len(cells)
    values = [cell.value for cell in cells]
    units = [cell.unit for cell in cells]
    money = list(zip(values, units, strict=True))
    columns: Columns = {name: [value] * n for name, value in document_fields(result, report).items()}
    columns["table"] = [cell.table for cell in cells]
    columns["layout"] = [table.layout.value for table in report.tables for _ in table.cells]
    columns["row_key"] = [cell.row for cell in cells]
    columns["column_key"] = [cell.column for cell in cells]
    columns["value"] = [exact(value) for value in values]
    columns["count"] = [count(value) if unit is None else None for value, unit in money]
    columns["value_yuan"] = [yuan(value, unit) for value, unit in money]
    columns["unit"] = units
    columns["state"] = [cell.state.value for cell in cells]
    columns["raw"] = [cell.raw for cell in cells]
    columns.update(location_columns([cell.location for cell in cells]))
    return columns


CELLS = ExportTable(
    name="cells",
    description="The tidy cell table: one row per value cell of every parsed report's fixed tables.",
    columns=(
        *DOCUMENT_COLUMNS,
        Column(
            "table", S, "Canonical table key: active (表二), applications (表三), review_litigation (表四)."
        ),
        Column("layout", S, "The table layout the cell keys belong to (v2019 or v2021)."),
        Column("row_key", S, "Canonical row key."),
        Column("column_key", S, "Canonical column key."),
        Column("value", S, "The exact value as text (an integer, or a decimal for money); null if none."),
        Column("count", N, "A count as an integer; null for money and for no value."),
        Column(
            "value_yuan",
            D,
            "A money value in 元 (万元 ×10,000), exact, so a column sum never mixes units; null for counts.",
        ),
        Column("unit", S, "Unit of a money value as printed (元 or 万元); null for counts."),
        Column("state", S, "Cell state: read, blank, placeholder, missing or inferred."),
        Column("raw", S, "The cell's text as printed."),
        *LOCATION_COLUMNS,
    ),
    rows=rows_of_columns(_cell_columns),
    column_values=_cell_columns,
)


# --- findings ---------------------------------------------------------------------------
def _cell_refs(cells: tuple[Any, ...]) -> str | None:
    return ";".join(f"{c.table}/{c.row}/{c.column}" for c in cells) or None


def _finding_rows(result: DocumentResult) -> Iterator[Row]:
    report = result.report
    if report is None:
        return
    document = document_fields(result, report)
    for finding in report.findings:
        yield {
            **document,
            "rule": finding.rule,
            "severity": finding.severity.value,
            "origin": finding.origin.value,
            "message": finding.message,
            "formula": finding.formula or None,
            "left": exact(finding.left),
            "right": exact(finding.right),
            "difference": exact(finding.difference),
            "cells": _cell_refs(finding.cells),
            **location_fields(finding.location),
        }


FINDINGS = ExportTable(
    name="findings",
    description="One row per finding of every parsed report.",
    columns=(
        *DOCUMENT_COLUMNS,
        Column("rule", S, "Rule id (H1, S4, R2...); see Rules and findings."),
        Column("severity", S, "error, warning or info."),
        Column("origin", S, "source (the report breaks a rule) or reading (govreport's doubt)."),
        Column("message", S, "What is wrong, in words."),
        Column("formula", S, "The equation checked, when there is one."),
        Column("left", S, "Left side of the equation, exact, as text."),
        Column("right", S, "Right side of the equation, exact, as text."),
        Column("difference", S, "left - right, exact, as text."),
        Column("cells", S, "The cells the finding points at, as table/row/column joined by ';'."),
        *LOCATION_COLUMNS,
    ),
    rows=_finding_rows,
)


# --- documents ------------------------------------------------------------------------
def _document_row(result: DocumentResult) -> Row:
    row: Row = {
        "document_id": result.id,
        "file": result.path,
        "file_bytes": path_bytes(result.path),
        "status": result.status.value,
        "reasons": "\n".join(f"{r.kind}: {r.message}" for r in result.errors) or None,
    }
    report = result.report
    if report is None:
        return row
    meta = report.metadata
    severities = Counter(f.severity for f in report.findings)
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
    return row


def _document_rows(result: DocumentResult) -> Iterator[Row]:
    if result.status is not DocumentStatus.SKIPPED:
        yield _document_row(result)


_DOCUMENT_TABLE_COLUMNS = (
    Column("document_id", S, "SHA-256 of the file's bytes; null when the file could not be read."),
    FILE,
    FILE_BYTES,
    Column("status", S, "ok, partial or failed (skipped documents get no row)."),
    Column("reasons", S, "Why the document failed or is partial: 'kind: message' lines."),
    Column("format", S, "Input format the document was read as."),
    Column("encoding", S, "Text encoding the document was decoded with."),
    Column("size", N, "File size in bytes."),
    ORGAN,
    YEAR,
    VERSION,
    Column("title", S, "The report's title."),
    Column("document_number", S, "文号, when printed."),
    Column("issue_date", S, "Issue date (ISO 8601), when printed."),
    Column("findings_error", N, "Number of error findings."),
    Column("findings_warning", N, "Number of warning findings."),
    Column("findings_info", N, "Number of info findings."),
    Column("findings_reading", N, "Number of findings of origin reading."),
)

DOCUMENTS = ExportTable(
    name="documents",
    description=(
        "One row per document of the run, failed ones included with their reasons: every row of the "
        "other tables joins to it on document_id (or file, for a file that could not be read)."
    ),
    columns=_DOCUMENT_TABLE_COLUMNS,
    rows=_document_rows,
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


@cache
def _wide_keys() -> frozenset[TableCellKey]:
    return frozenset(wide_cell_keys())


@cache
def _money_keys() -> frozenset[TableCellKey]:
    return frozenset(
        (table, row, column)
        for layout in reversed(FORM_LAYOUTS)
        for table in (ACTIVE, APPLICATIONS, REVIEW_LITIGATION)
        for (row, column), spec in column_specs(table, layout).items()
        if spec.kind is ValueKind.MONEY
    )


def _wide_value(cell: Cell) -> int | Decimal | None:
    """Counts as integers; money in 元, exact, so one column has one unit."""
    return count(cell.value) if cell.unit is None else yuan(cell.value, cell.unit)


def _report_rows(result: DocumentResult) -> Iterator[Row]:
    if result.status is DocumentStatus.SKIPPED:
        return
    row = _document_row(result)
    report = result.report
    if report is None:
        yield row
        return
    rules = Counter(f.rule for f in report.findings)
    row.update({f"rule_{rule}": rules[rule] for rule in RULES})
    # A plugin's own table has no wide columns; its cells are in the cells table.
    for table in report.tables:
        for cell in table.cells:
            if (cell.table, cell.row, cell.column) in _wide_keys():
                row[_wide_name(cell.table, cell.row, cell.column)] = _wide_value(cell)
    yield row


def _wide_column(table: str, row: str, column: str) -> Column:
    name = _wide_name(table, row, column)
    if (table, row, column) in _money_keys():
        return Column(name, D, f"Cell {table}/{row}/{column}: money in 元; null if absent or not read.")
    return Column(name, N, f"Cell {table}/{row}/{column}: a count; null if absent or not read.")


def _reports_columns() -> tuple[Column, ...]:
    rule_columns = tuple(
        Column(f"rule_{rule_id}", N, f"Findings of rule {rule_id} ({rule.title}).")
        for rule_id, rule in RULES.items()
    )
    cell_columns = tuple(_wide_column(*key) for key in wide_cell_keys())
    return (*_DOCUMENT_TABLE_COLUMNS, *rule_columns, *cell_columns)


REPORTS = ExportTable(
    name="reports",
    description=(
        "The wide summary: the documents table plus finding counts per rule and one column per "
        "canonical cell key."
    ),
    columns=_reports_columns(),
    rows=_report_rows,
)

TABLES: dict[str, ExportTable] = {t.name: t for t in (DOCUMENTS, CELLS, FINDINGS, NARRATIVE, REPORTS)}
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
