"""A report's tables laid out as on the printed form, for the check page's template.

Table 二 in its 第二十条 blocks, table 三 with its three header rows and merged row labels,
table 四 with its 行政复议/行政诉讼 groups, and the old 统计表. The layouts come from
:mod:`govreport.tables.layouts`, so the page always shows exactly the canonical cells. This
module only decides the grid (labels, spans, marks); ``templates/form_table.html.j2`` draws it.
"""

from __future__ import annotations

import re
from collections import Counter

from attrs import frozen

from govreport.app.form_labels import cell_name, printed_text
from govreport.app.highlights import Highlights
from govreport.app.page_words import MARKS, PRINTED_AS, STATES
from govreport.messages.names import table_title
from govreport.model.findings import Finding, Severity
from govreport.model.messages import DEFAULT_LANG, Lang
from govreport.model.report import Report
from govreport.model.tables import Cell, CellState, StatTable
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    GROUP_LABELS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    STATISTICS,
    active_blocks,
    application_rows,
)
from govreport.tables.statistics_form import STATISTICS_COLUMNS, STATISTICS_ROWS

SEVERITY_COLOURS = {
    Severity.ERROR: "#f8b4b4",
    Severity.WARNING: "#fde68a",
    Severity.INFO: "#bfdbfe",
}
"""Background colour of a painted cell, by the most serious finding on it."""
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # canonical keys are ASCII; "." and anything else become "_"
APPLICATION_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def cell_id(section: int, table: str, row: str, column: str) -> str:
    """The HTML id of one value cell of the report in section ``section``."""
    return _ID_UNSAFE.sub("_", f"r{section}-{table}-{row}-{column}")


def number_text(value: object) -> str:
    """A value as the page prints it: blank for ``None``."""
    return "" if value is None else str(value)


def _text(cell: Cell) -> str:
    if cell.state is CellState.READ or cell.state is CellState.INFERRED:
        value = number_text(cell.value)
        return f"{value}{cell.unit}" if cell.unit and cell.unit != "万元" else value
    if cell.state is CellState.PLACEHOLDER:
        return cell.raw
    return ""


@frozen
class Head:
    """A label cell of the form."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    css: str = ""
    kind: str = "head"


@frozen
class Gap:
    """A place where the form has no cell (the third column of （八） in v2019)."""

    colspan: int = 1
    kind: str = "gap"


@frozen
class Value:
    """One value cell: what it shows and how it is marked."""

    id: str
    key: str
    """``table/row/column``, for machines (a ``data-`` attribute)."""
    css: str
    state: str
    text: str
    mark: str
    tags: str
    """The rule ids of the findings on the cell."""
    findings: str
    """``f1 f3``: the findings (by number in the report) that point at the cell."""
    title: str
    colspan: int = 1
    kind: str = "value"


GridCell = Head | Gap | Value


@frozen
class GridRow:
    """One row of a form table; ``key`` is the canonical row key, when the row is one."""

    cells: tuple[GridCell, ...]
    key: str = ""


@frozen
class FormTable:
    """One table as printed, ready for the template."""

    key: str
    layout: str
    title: str
    rows: tuple[GridRow, ...]


class Cells:
    """The cells of one report with their marks, turned into :class:`Value` grid cells."""

    def __init__(self, report: Report, section: int, lang: Lang = DEFAULT_LANG) -> None:
        self.section = section
        self.lang = lang
        self.layouts = {t.key: t.layout.value for t in report.tables}
        self.cells = {(c.table, c.row, c.column): c for t in report.tables for c in t.cells}
        self.highlights = Highlights.of(list(report.findings))
        # Each finding's line for the cells' tooltips, named as printed, made once per finding.
        notes = [f"{f.rule} {self.message(f)}" for f in report.findings]
        self.findings: dict[tuple[str, str, str], list[Finding]] = {}
        self.notes: dict[tuple[str, str, str], list[str]] = {}
        for key, numbers in self.highlights.findings.items():
            self.findings[key] = [report.findings[n - 1] for n in numbers]
            self.notes[key] = [notes[n - 1] for n in numbers]

    def message(self, finding: Finding) -> str:
        """The finding's message on the page: cells named as printed in Chinese, by key in English."""
        return printed_text(finding.message, self.layouts) if self.lang == "zh" else finding.message

    def cell_name(self, table: str, row: str, column: str) -> str:
        """How the page names one cell of this report."""
        return cell_name(table, row, column, self.layouts.get(table), self.lang)

    def value(self, table: str, row: str, column: str, *, colspan: int = 1) -> Value | Gap:
        """The grid cell of one canonical cell: value, state mark, marks and rule tags."""
        key = (table, row, column)
        cell = self.cells.get(key)
        if cell is None:
            return Gap(colspan)
        classes = [f"state-{cell.state.value}"]
        marks = self.highlights
        if key in marks.painted:
            classes.append(f"hl-{marks.painted[key].value}")
        elif key in marks.framed:
            classes.append(f"eq-{marks.framed[key].value}")
        if key in marks.culprits.values():
            classes.append("culprit")
        findings = self.findings.get(key, [])
        title = f"{self.cell_name(table, row, column)} · {STATES[cell.state]().render(self.lang)}"
        if cell.raw and cell.raw != _text(cell):
            title += f" · {PRINTED_AS(raw=cell.raw).render(self.lang)}"
        title += "".join(f"\n{note}" for note in self.notes.get(key, ()))
        return Value(
            id=cell_id(self.section, table, row, column),
            key=f"{table}/{row}/{column}",
            css=" ".join(classes),
            state=cell.state.value,
            text=_text(cell),
            mark=MARKS[cell.state]().render(self.lang) if cell.state in MARKS else "",
            tags=" ".join(dict.fromkeys(f.rule for f in findings)),
            findings=" ".join(f"f{n}" for n in marks.findings.get(key, ())),
            title=title,
            colspan=colspan,
        )


def _active(table: StatTable, cells: Cells) -> tuple[GridRow, ...]:
    rows = []
    for block in active_blocks(table.layout):
        rows.append(GridRow((Head(f"第二十条第（{block.clause}）项", colspan=4, css="caption"),)))
        single = len(block.columns) == 1
        heads: list[GridCell] = [Head(c.label, colspan=3 if single else 1) for c in block.columns]
        heads += [Gap()] * (0 if single else 3 - len(heads))
        rows.append(GridRow((Head("信息内容"), *heads)))
        for row in block.rows:
            values: list[GridCell] = [
                cells.value(ACTIVE, row.key, c.key, colspan=3 if single else 1) for c in block.columns
            ]
            values += [Gap()] * (0 if single else 3 - len(values))
            rows.append(GridRow((Head(row.label), *values), row.key))
    return tuple(rows)


def _applications(table: StatTable, cells: Cells) -> tuple[GridRow, ...]:
    rows = application_rows(table.layout)
    grid = [
        GridRow((Head(APPLICATION_NOTE, colspan=3, rowspan=3), Head("申请人情况", colspan=7))),
        GridRow(
            (
                Head(APPLICANT_COLUMNS[0].label, rowspan=2),
                Head("法人或其他组织", colspan=5),
                Head(APPLICANT_COLUMNS[6].label, rowspan=2),
            )
        ),
        GridRow(tuple(Head(c.label) for c in APPLICANT_COLUMNS[1:6])),
    ]
    single = ("new_received", "carried_over", "carried_forward")
    outcome_rows = [r for r in rows if r.spec.key not in single]
    group_sizes = Counter(r.group for r in rows if r.group)
    seen_groups: set[str] = set()
    for row in rows:
        key = row.spec.key
        labels: list[GridCell] = []
        if key in single:
            labels.append(Head(row.spec.label, colspan=3))
        else:
            if row is outcome_rows[0]:
                labels.append(Head("三、本年度办理结果", rowspan=len(outcome_rows)))
            if row.group is None:
                labels.append(Head(row.spec.label, colspan=2))
            else:
                if row.group not in seen_groups:
                    seen_groups.add(row.group)
                    labels.append(Head(GROUP_LABELS[row.group], rowspan=group_sizes[row.group]))
                labels.append(Head(row.spec.label))
        values = [cells.value(APPLICATIONS, key, c.key) for c in APPLICANT_COLUMNS]
        grid.append(GridRow((*labels, *values), key))
    return tuple(grid)


def _review(cells: Cells) -> tuple[GridRow, ...]:
    review, *suits = REVIEW_GROUPS
    suit_name = suits[0].label.split("·")[0]
    return (
        GridRow((Head(review.label, colspan=5), Head(suit_name, colspan=10))),
        GridRow(
            (
                *(Head(c.label, rowspan=2) for c in REVIEW_COLUMNS),
                *(Head(g.label.split("·")[-1], colspan=5) for g in suits),
            )
        ),
        GridRow(tuple(Head(c.label) for _ in suits for c in REVIEW_COLUMNS)),
        GridRow(
            tuple(cells.value(REVIEW_LITIGATION, g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)
        ),
    )


def _statistics(table: StatTable, cells: Cells) -> tuple[GridRow, ...]:
    """The old 统计表: the rows the report printed, as 指标名称 | 本年度 | 历年累计 (money with its unit)."""
    printed = {c.row for c in table.cells if c.location is not None}
    head = GridRow((Head("指标名称"), *(Head(c.label) for c in STATISTICS_COLUMNS)))
    return (
        head,
        *(
            GridRow(
                (Head(row.label), *(cells.value(STATISTICS, row.key, c.key) for c in STATISTICS_COLUMNS)),
                row.key,
            )
            for row in STATISTICS_ROWS
            if row.key in printed
        ),
    )


def _grid(table: StatTable, cells: Cells) -> tuple[GridRow, ...]:
    if table.key == ACTIVE:
        return _active(table, cells)
    if table.key == APPLICATIONS:
        return _applications(table, cells)
    if table.key == REVIEW_LITIGATION:
        return _review(cells)
    return _statistics(table, cells)


def form_tables(report: Report, cells: Cells) -> tuple[FormTable, ...]:
    """Every statutory table (and 统计表) of ``report``, in form order."""
    tables = {t.key: t for t in report.tables}
    return tuple(
        FormTable(
            key, tables[key].layout.value, table_title(key).render(cells.lang), _grid(tables[key], cells)
        )
        for key in (ACTIVE, APPLICATIONS, REVIEW_LITIGATION, STATISTICS)
        if key in tables
    )
