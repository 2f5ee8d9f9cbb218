"""The hard rules H1-H8: the form's printed arithmetic, its value types and one layout per report."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from govreport.checks.compiled import view
from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.messages import Joined
from govreport.model.report import Report
from govreport.model.rules import Check, Rule, RuleKind, finding
from govreport.model.tables import Cell, StatTable
from govreport.tables.layouts import APPLICATIONS, REVIEW_LITIGATION, TABLE_NAMES
from govreport.tables.specs import ValueKind


def _equation_findings(table: StatTable | None, rule: Rule[Check]) -> Iterable[Finding]:
    if table is None:
        return
    for eq, left, right, cells in view(table).failed(rule.id):
        yield finding(
            rule,
            msg.EQUATION_FAILS(
                table=table_title(table.key),
                formula=eq.formula,
                left=left,
                right=right,
                difference=left - right,
            ),
            formula=eq.formula,
            left=left,
            right=right,
            cells=cells,
        )


def _h1(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.get_table(APPLICATIONS), H1)


H1 = Rule(
    id="H1",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="勾稽关系：第一项加第二项之和等于第三项加第四项之和",
    description="Table 三, per column: 一 + 二 = 三（七）总计 + 四 (printed on the form).",
    check=_h1,
)


def _h2(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.get_table(APPLICATIONS), H2)


H2 = Rule(
    id="H2",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="（七）总计等于各办理结果之和",
    description="Table 三, per column: （七）总计 = （一）+（二）+（三）1-8+（四）1-3+（五）1-5+（六).",
    check=_h2,
)


def _h3(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.get_table(APPLICATIONS), H3)


H3 = Rule(
    id="H3",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="总计列等于六类申请人之和",
    description="Table 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns.",
    check=_h3,
)


def _h4(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.get_table(REVIEW_LITIGATION), H4)


H4 = Rule(
    id="H4",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="表四各组总计等于四种结果之和",
    description="Table 四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
    check=_h4,
)


def _cells_of_kind(
    report: Report, kind: ValueKind, bad: Callable[[Any], bool]
) -> Iterable[tuple[StatTable, Cell]]:
    """Every ``read`` cell of ``kind`` in the statutory tables whose value is ``bad`` (a decimal or below 0).

    A plugin's own table has its own rules.
    """
    for table in report.tables:
        if table.key in TABLE_NAMES:
            for cell in view(table).read_cells(kind, bad):
                yield table, cell


def _not_count(value: Any) -> bool:
    return isinstance(value, Decimal) or (value is not None and value < 0)


def _negative(value: Any) -> bool:
    return value is not None and value < 0


def _not_integer(value: Any) -> bool:
    return isinstance(value, Decimal)


def _h5(report: Report) -> Iterable[Finding]:
    for table, cell in _cells_of_kind(report, ValueKind.COUNT, _not_count):
        yield finding(
            H5,
            msg.COUNT_NOT_INTEGER(
                table=table_title(table.key), row=cell.row, column=cell.column, raw=cell.raw
            ),
            cells=(cell,),
        )


H5 = Rule(
    id="H5",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="计数单元格为非负整数",
    description="Every count cell of tables 二, 三 and 四 is an integer >= 0.",
    check=_h5,
)


def _h6(report: Report) -> Iterable[Finding]:
    for _, cell in _cells_of_kind(report, ValueKind.MONEY, _negative):
        yield finding(H6, msg.MONEY_NEGATIVE(row=cell.row, column=cell.column, raw=cell.raw), cells=(cell,))


H6 = Rule(
    id="H6",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="金额单元格非负",
    description="Money cells (v2021 本年收费金额, v2019 采购总金额) are decimals >= 0.",
    check=_h6,
)


def _h7(report: Report) -> Iterable[Finding]:
    for _, cell in _cells_of_kind(report, ValueKind.SIGNED, _not_integer):
        yield finding(H7, msg.CHANGE_NOT_INTEGER(row=cell.row, raw=cell.raw), cells=(cell,))


H7 = Rule(
    id="H7",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="本年增/减为整数",
    description="v2019 本年增/减 is a signed integer.",
    check=_h7,
)


def _h8(report: Report) -> Iterable[Finding]:
    table_cues = [e for e in report.version_evidence if e.cue.startswith("表")]
    versions = {e.version for e in table_cues}
    if len(versions) > 1:
        cues = Joined(
            [msg.VERSION_CUE(cue=e.cue, version=e.version.value) for e in table_cues], zh="；", en="; "
        )
        yield finding(H8, msg.MIXED_VERSIONS(cues=cues), location=table_cues[0].location)


H8 = Rule(
    id="H8",
    kind=RuleKind.HARD,
    severity=Severity.ERROR,
    origin=Origin.SOURCE,
    title="表格集合与格式版本一致",
    description=(
        "The tables must all follow one layout: v2019 (five table-二 blocks incl. （九）, one （六） row) "
        "or v2021 (four blocks, three （六） sub-rows)."
    ),
    check=_h8,
)


HARD_RULES = (H1, H2, H3, H4, H5, H6, H7, H8)
