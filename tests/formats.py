"""Comparing parses of one report read from different file formats."""

from __future__ import annotations

from typing import Any

from govreport import Report
from govreport.model.document import Document


def table_signature(report: Report) -> list[tuple[Any, ...]]:
    """Every cell of every table: key, layout, value and state (no raw text, no location)."""
    return [(t.key, t.layout, c.row, c.column, c.value, c.state) for t in report.tables for c in t.cells]


def finding_signature(report: Report) -> list[tuple[str, tuple[tuple[str, str, str], ...]]]:
    """Findings as rule ids with the cells they name, sorted."""
    return sorted((f.rule, tuple((x.table, x.row, x.column) for x in f.cells)) for f in report.findings)


def report_signature(report: Report) -> dict[str, Any]:
    """What must not change with the file format: tables, findings, version, sections, narrative."""
    return {
        "tables": table_signature(report),
        "findings": finding_signature(report),
        "version": report.version,
        "sections": [s.key for s in report.sections],
        "narrative": [(s.key, s.value) for s in report.narrative],
        "year": report.metadata.year,
        "title": report.metadata.title,
    }


def grid_shapes(document: Document) -> list[list[tuple[str, int, int, int, int]]]:
    """Each grid's origin cells as (text, row, col, row span, col span), without locations."""
    return [sorted((c.text, c.row, c.col, c.row_span, c.col_span) for c in g.cells) for g in document.grids]
