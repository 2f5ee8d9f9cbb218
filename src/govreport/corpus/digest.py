"""What the corpus checks keep of one report: link keys, a few cell values and a text sketch.

A :class:`ReportDigest` is a few hundred bytes whatever the report's size, so the corpus
checks hold one per report over tens of thousands of reports and never a whole
:class:`~govreport.Report`.
"""

from __future__ import annotations

from array import array

from attrs import field, frozen

from govreport.corpus.findings import DocumentRef
from govreport.corpus.organs import organ_key
from govreport.corpus.similarity import sketch
from govreport.model.report import Report
from govreport.model.tables import CellState, CellValue, Layout, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
)

CARRY_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS)
STOCK_ROWS = ("regulations", "normative_documents")
ITEM_ROWS = ("licensing", "other_services", "penalty", "enforcement", "fees")
HIERARCHY_CELLS: tuple[TableCellKey, ...] = (
    *((APPLICATIONS, row, "total") for row in ("new_received", "carried_over", "total_processed")),
    (APPLICATIONS, "carried_forward", "total"),
    *((REVIEW_LITIGATION, g.key, "total") for g in REVIEW_GROUPS),
)
"""The figures S12 compares between a region's report and the sum of its units' reports."""

KEPT_CELLS: tuple[TableCellKey, ...] = tuple(
    dict.fromkeys(
        (
            *((APPLICATIONS, row, c) for row in ("carried_over", "carried_forward") for c in CARRY_COLUMNS),
            *((ACTIVE, row, c) for row in STOCK_ROWS for c in ("issued", "repealed", "in_force")),
            *((ACTIVE, row, c) for row in ITEM_ROWS for c in ("items_prev_year", "items_change")),
            *HIERARCHY_CELLS,
        )
    )
)
"""Every cell any corpus rule reads; a digest stores their values in this order."""
_POSITION = {key: i for i, key in enumerate(KEPT_CELLS)}
# Sections that hold a fixed table: their text is the form, identical in every report.
_TABLE_SECTIONS = frozenset((ACTIVE, APPLICATIONS, REVIEW_LITIGATION))


@frozen(kw_only=True)
class ReportDigest:
    """The part of one report the corpus rules read."""

    document: DocumentRef
    organ_keys: tuple[str, ...]
    """The normalised organ name first, then the normalised aliases the report also uses."""
    active_layout: Layout | None
    """Layout of table 二 (``v2019``/``v2021``), which decides whether S2 or S3 applies."""
    values: tuple[CellValue | None, ...] = field(eq=False)
    """Values of :data:`KEPT_CELLS` in order; ``None`` unless the cell was read or inferred."""
    text_sketch: array[int] = field(eq=False)
    shingle_count: int

    @property
    def organ(self) -> str | None:
        """The primary link key, or ``None`` when the report names no organ."""
        return self.organ_keys[0] if self.organ_keys else None

    def value(self, table: str, row: str, column: str) -> CellValue | None:
        """A kept cell's value (``None`` when absent, blank, a placeholder or missing)."""
        return self.values[_POSITION[(table, row, column)]]


def narrative_text(report: Report) -> str:
    """The report's own prose: every section except those that hold a fixed table."""
    present = {t.key for t in report.tables}
    return "\n".join(s.text for s in report.sections if not (s.key in _TABLE_SECTIONS and s.key in present))


def digest(report: Report) -> ReportDigest:
    """Reduce a parsed report to what the corpus checks need."""
    meta = report.metadata
    names = [n for n in (meta.organ, *meta.organ_aliases) if n]
    keys = tuple(dict.fromkeys(k for k in (organ_key(n) for n in names) if k))
    cells = {
        (c.table, c.row, c.column): c.value
        for t in report.tables
        for c in t.cells
        if c.state in (CellState.READ, CellState.INFERRED) and (c.table, c.row, c.column) in _POSITION
    }
    active = report.get_table(ACTIVE)
    text_sketch, count = sketch(narrative_text(report))
    return ReportDigest(
        document=DocumentRef(
            id=report.source.sha256, path=report.source.path, organ=meta.organ, year=meta.year
        ),
        organ_keys=keys,
        active_layout=active.layout if active else None,
        values=tuple(cells.get(key) for key in KEPT_CELLS),
        text_sketch=text_sketch,
        shingle_count=count,
    )
