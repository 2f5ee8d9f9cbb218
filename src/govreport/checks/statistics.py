"""Rules of the pre-2019 统计表 (layout ``v2008``): T1 and T2 (T3 is reported while reading it).

The table's arithmetic is checked over the rows a report prints: provinces printed
different subsets of the form, so a part that is not printed is not part of the sum.
"""

from __future__ import annotations

from collections.abc import Iterable

from govreport.checks.cells import has_number
from govreport.messages import checks as msg
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.report import Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.model.tables import Cell
from govreport.tables.layouts import STATISTICS
from govreport.tables.statistics_form import STATISTICS_COLUMNS, STATISTICS_ROWS
from govreport.tables.v2008 import RULE_CUMULATIVE, RULE_PARTS


def _t1(report: Report) -> Iterable[Finding]:
    table = report.get_table(STATISTICS)
    if table is None:
        return
    printed = {c.row for c in table.cells if c.location is not None}  # the rows the report prints
    for total in STATISTICS_ROWS:
        parts = [p for p in total.parts if p in printed]
        if not parts or total.key not in printed:
            continue
        for column in STATISTICS_COLUMNS:
            cells: list[Cell] = [
                table.cell(total.key, column.key),
                *(table.cell(p, column.key) for p in parts),
            ]
            if not all(has_number(c) for c in cells):
                continue
            left = cells[0].value
            right = sum((c.value for c in cells[1:] if c.value is not None), 0)
            if left != right:
                formula = f"{total.label} = " + " + ".join(parts) + f" [{column.key}]"
                yield finding(
                    T1,
                    msg.STATISTICS_EQUATION_FAILS(
                        formula=formula,
                        left=left,  # type: ignore[arg-type]
                        right=right,
                        difference=left - right,  # type: ignore[operator]
                    ),
                    formula=formula,
                    left=left,
                    right=right,
                    cells=cells,
                )


T1 = Rule(
    id=RULE_PARTS,
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="统计表：总数等于各分项之和",
    description=(
        "In the old 统计表, a total row equals the sum of its printed parts, per column: 对申请的答复总数 "
        "the reply rows (同意公开, 同意部分公开, 不同意公开, …), 依申请公开总数 the channel rows "
        "(当面, 网上, 传真, 信函 …), 申请办结数 按时 + 延期. Rows the report does not print are left out "
        "of the sum."
    ),
    check=_t1,
)


def _t2(report: Report) -> Iterable[Finding]:
    table = report.get_table(STATISTICS)
    if table is None:
        return
    for row in STATISTICS_ROWS:
        this_year, cumulative = table.cell(row.key, "this_year"), table.cell(row.key, "cumulative")
        if not (has_number(this_year) and has_number(cumulative)):
            continue
        if this_year.value > cumulative.value:  # type: ignore[operator]
            yield finding(
                T2,
                msg.YEAR_ABOVE_CUMULATIVE(
                    label=row.label,
                    this_year=this_year.value,  # type: ignore[arg-type]
                    cumulative=cumulative.value,  # type: ignore[arg-type]
                ),
                formula=f"本年度 ≤ 历年累计 [{row.key}]",
                left=this_year.value,
                right=cumulative.value,
                cells=(this_year, cumulative),
            )


T2 = Rule(
    id=RULE_CUMULATIVE,
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="统计表：本年度不大于历年累计",
    description="In the old 统计表, a row's 本年度 value is part of its 历年累计, so it cannot be larger.",
    check=_t2,
)


STATISTICS_RULES = (T1, T2)
