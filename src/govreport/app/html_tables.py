"""A report's tables drawn as on the printed form, each cell coloured by the findings on it.

Table 二 in its 第二十条 blocks, table 三 with its three header rows and merged row labels,
table 四 with its 行政复议/行政诉讼 groups, and the old 统计表. The tables are generated from
:mod:`govreport.tables.layouts`, so they always show exactly the canonical cells.
"""

from __future__ import annotations

import re
from collections import Counter
from html import escape

from govreport.model.findings import Finding, Severity
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
    TABLE_TITLES,
    active_blocks,
    application_rows,
)
from govreport.tables.statistics_form import STATISTICS_COLUMNS, STATISTICS_ROWS

SEVERITY_COLOURS = {
    Severity.ERROR: "#f8b4b4",
    Severity.WARNING: "#fde68a",
    Severity.INFO: "#bfdbfe",
}
"""Background colour of a highlighted cell, by the most serious finding pointing at it."""
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # canonical keys are ASCII; "." and anything else become "_"
_STATE_MARK = {CellState.INFERRED: "推", CellState.MISSING: "缺", CellState.PLACEHOLDER: "占"}
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


class Cells:
    """The cells of one report with the findings that point at each."""

    def __init__(self, report: Report, section: int) -> None:
        self.section = section
        self.cells = {(c.table, c.row, c.column): c for t in report.tables for c in t.cells}
        self.findings: dict[tuple[str, str, str], list[Finding]] = {}
        for finding in report.findings:
            for ref in dict.fromkeys((r.table, r.row, r.column) for r in finding.cells):
                self.findings.setdefault(ref, []).append(finding)

    def td(self, table: str, row: str, column: str, *, colspan: int = 1) -> str:
        """The ``<td>`` of one cell: its value, state mark, severity colour and rule tags."""
        key = (table, row, column)
        cell = self.cells.get(key)
        span = f' colspan="{colspan}"' if colspan > 1 else ""
        if cell is None:
            return f'<td class="empty"{span}></td>'
        classes = [f"state-{cell.state.value}"]
        findings = self.findings.get(key, [])
        tags = ""
        title = f"{table}/{row}/{column} · {cell.state.value}"
        if cell.raw and cell.raw != _text(cell):
            title += f" · 原文「{cell.raw}」"
        if findings:
            worst = min((f.severity for f in findings), key=SEVERITY_RANK.__getitem__)
            classes.append(f"hl-{worst.value}")
            rules = list(dict.fromkeys(f.rule for f in findings))
            tags = f'<span class="tag">{escape(" ".join(rules))}</span>'
            title += "".join(f"\n{f.rule} {f.message}" for f in findings)
        mark = _STATE_MARK.get(cell.state)
        mark_html = f'<span class="mark">{mark}</span>' if mark else ""
        rules_attr = (
            f' data-rules="{escape(" ".join(dict.fromkeys(f.rule for f in findings)))}"' if findings else ""
        )
        return (
            f'<td id="{cell_id(self.section, table, row, column)}" class="{" ".join(classes)}"{span}'
            f' data-state="{cell.state.value}"{rules_attr} title="{escape(title)}">'
            f"{escape(_text(cell))}{mark_html}{tags}</td>"
        )


def _active_html(table: StatTable, cells: Cells) -> str:
    out = [f'<table class="form" data-table="{ACTIVE}" data-layout="{escape(table.layout)}">']
    for block in active_blocks(table.layout):
        out.append(f'<tr><th class="caption" colspan="4">第二十条第（{block.clause}）项</th></tr>')
        heads = [f"<th>{escape(c.label)}</th>" for c in block.columns]
        if len(block.columns) == 1:
            heads = [f'<th colspan="3">{escape(block.columns[0].label)}</th>']
        heads += ['<th class="empty"></th>'] * (3 - len(heads) if len(block.columns) > 1 else 0)
        out.append("<tr><th>信息内容</th>" + "".join(heads) + "</tr>")
        for row in block.rows:
            if len(block.columns) == 1:
                values = [cells.td(ACTIVE, row.key, block.columns[0].key, colspan=3)]
            else:
                values = [cells.td(ACTIVE, row.key, c.key) for c in block.columns]
                values += ['<td class="empty"></td>'] * (3 - len(values))
            out.append(f"<tr><th>{escape(row.label)}</th>{''.join(values)}</tr>")
    out.append("</table>")
    return "".join(out)


def _applications_html(table: StatTable, cells: Cells) -> str:
    rows = application_rows(table.layout)
    legal = APPLICANT_COLUMNS[1:6]
    out = [
        f'<table class="form" data-table="{APPLICATIONS}" data-layout="{escape(table.layout)}">',
        f'<tr><th colspan="3" rowspan="3">{APPLICATION_NOTE}</th><th colspan="7">申请人情况</th></tr>',
        f'<tr><th rowspan="2">{escape(APPLICANT_COLUMNS[0].label)}</th>'
        f'<th colspan="5">法人或其他组织</th><th rowspan="2">{escape(APPLICANT_COLUMNS[6].label)}</th></tr>',
        "<tr>" + "".join(f"<th>{escape(c.label)}</th>" for c in legal) + "</tr>",
    ]
    single = ("new_received", "carried_over", "carried_forward")
    outcome_rows = [r for r in rows if r.spec.key not in single]
    group_sizes = Counter(r.group for r in rows if r.group)
    seen_groups: set[str] = set()
    for row in rows:
        key = row.spec.key
        labels = ""
        if key in single:
            labels = f'<th colspan="3">{escape(row.spec.label)}</th>'
        else:
            if row is outcome_rows[0]:
                labels += f'<th rowspan="{len(outcome_rows)}">三、本年度办理结果</th>'
            if row.group is None:
                labels += f'<th colspan="2">{escape(row.spec.label)}</th>'
            else:
                if row.group not in seen_groups:
                    seen_groups.add(row.group)
                    labels += f'<th rowspan="{group_sizes[row.group]}">{escape(GROUP_LABELS[row.group])}</th>'
                labels += f"<th>{escape(row.spec.label)}</th>"
        values = "".join(cells.td(APPLICATIONS, key, c.key) for c in APPLICANT_COLUMNS)
        out.append(f'<tr data-row="{escape(key)}">{labels}{values}</tr>')
    out.append("</table>")
    return "".join(out)


def _review_html(cells: Cells) -> str:
    review, *suits = REVIEW_GROUPS
    suit_name = suits[0].label.split("·")[0]
    out = [
        f'<table class="form" data-table="{REVIEW_LITIGATION}">',
        f'<tr><th colspan="5">{escape(review.label)}</th><th colspan="10">{escape(suit_name)}</th></tr>',
        "<tr>"
        + "".join(f'<th rowspan="2">{escape(c.label)}</th>' for c in REVIEW_COLUMNS)
        + "".join(f'<th colspan="5">{escape(g.label.split("·")[-1])}</th>' for g in suits)
        + "</tr>",
        "<tr>" + "".join(f"<th>{escape(c.label)}</th>" for _ in suits for c in REVIEW_COLUMNS) + "</tr>",
        "<tr>"
        + "".join(cells.td(REVIEW_LITIGATION, g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)
        + "</tr>",
        "</table>",
    ]
    return "".join(out)


def _statistics_html(table: StatTable, cells: Cells) -> str:
    """The old 统计表: the rows the report printed, as 指标名称 | 本年度 | 历年累计 (money with its unit)."""
    printed = {c.row for c in table.cells if c.location is not None}
    out = [
        f'<table class="form" data-table="{STATISTICS}" data-layout="{escape(table.layout)}">',
        "<tr><th>指标名称</th>"
        + "".join(f"<th>{escape(c.label)}</th>" for c in STATISTICS_COLUMNS)
        + "</tr>",
    ]
    for row in STATISTICS_ROWS:
        if row.key not in printed:
            continue
        out.append(
            f"<tr><th>{escape(row.label)}</th>"
            + "".join(cells.td(STATISTICS, row.key, c.key) for c in STATISTICS_COLUMNS)
            + "</tr>"
        )
    out.append("</table>")
    return "".join(out)


def tables_html(report: Report, cells: Cells) -> str:
    """Every statutory table (and 统计表) of ``report``, each under its title."""
    parts = []
    tables = {t.key: t for t in report.tables}
    if ACTIVE in tables:
        parts.append(f"<h3>{TABLE_TITLES[ACTIVE]}</h3>{_active_html(tables[ACTIVE], cells)}")
    if APPLICATIONS in tables:
        parts.append(
            f"<h3>{TABLE_TITLES[APPLICATIONS]}</h3>{_applications_html(tables[APPLICATIONS], cells)}"
        )
    if REVIEW_LITIGATION in tables:
        parts.append(f"<h3>{TABLE_TITLES[REVIEW_LITIGATION]}</h3>{_review_html(cells)}")
    if STATISTICS in tables:
        parts.append(f"<h3>{TABLE_TITLES[STATISTICS]}</h3>{_statistics_html(tables[STATISTICS], cells)}")
    if not parts:
        parts.append("<p>无统计表。</p>")
    return "".join(parts)
