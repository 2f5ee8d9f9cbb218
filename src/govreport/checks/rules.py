"""The rule registry: hard rules H1-H8, heuristics S4-S11, and govreport's own rules.

Rules with a ``check`` run on the assembled report. Rules without one are emitted
while reading (placement, recovery, labels) and are listed here so every rule id a
finding can carry is documented in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

from attrs import frozen

from govreport.checks.ocr import failure_origin
from govreport.model.findings import CellRef, Finding, Origin, Severity
from govreport.model.report import Report
from govreport.model.tables import Cell, CellState, StatTable
from govreport.registry import Registry
from govreport.tables.equations import Equation, equations
from govreport.tables.layouts import (
    APPLICATIONS,
    REVIEW_LITIGATION,
    TABLE_TITLES,
    ValueKind,
    column_specs,
)
from govreport.tables.reading import is_hybrid

Check = Callable[[Report], Iterable[Finding]]


@frozen
class Rule:
    """A registered rule: stable id, what it checks, and how serious a violation is."""

    id: str
    title: str
    kind: str
    """``hard`` (the form's arithmetic), ``heuristic``, ``reading`` or ``label``."""
    severity: Severity
    origin: Origin
    description: str
    check: Check | None = None


RULES: Registry[Rule] = Registry("rule")


def rule(
    id: str, title: str, kind: str, severity: Severity, origin: Origin, description: str
) -> Callable[[Check], Check]:
    """Register a check function under ``id``."""

    def register(check: Check) -> Check:
        RULES.add(id, Rule(id, title, kind, severity, origin, description, check))
        return check

    return register


def run_checks(report: Report, rules: Registry[Rule] = RULES) -> list[Finding]:
    """Run every active rule that has a check, in registry order."""
    findings: list[Finding] = []
    for entry in rules.active():
        if entry.check is not None:
            findings.extend(entry.check(report))
    return findings


def _ref(cell: Cell) -> CellRef:
    return CellRef(table=cell.table, row=cell.row, column=cell.column, location=cell.location)


def _finding(
    rule_id: str,
    message: str,
    *,
    formula: str = "",
    left: int | Decimal | None = None,
    right: int | Decimal | None = None,
    cells: Iterable[Cell] = (),
    severity: Severity | None = None,
    location: object = None,
) -> Finding:
    entry = RULES.get(rule_id)
    refs = tuple(_ref(c) for c in cells)
    difference = left - right if left is not None and right is not None else None
    return Finding(
        rule=rule_id,
        severity=severity or entry.severity,
        origin=failure_origin(entry.origin, refs),
        message=message,
        formula=formula,
        left=left,
        right=right,
        difference=difference,
        cells=refs,
        location=location or (refs[0].location if refs else None),  # type: ignore[arg-type]
    )


_NUMERIC_STATES = frozenset({CellState.READ, CellState.INFERRED})


def _numeric(cell: Cell) -> bool:
    return cell.state in _NUMERIC_STATES and cell.value is not None


# --- Hard rules --------------------------------------------------------------------------
@cache
def _rule_equations(table: str, layout: str, rule_id: str, hybrid: bool) -> tuple[Equation, ...]:
    return tuple(eq for eq in equations(table, layout, hybrid) if eq.rule == rule_id)


def _equation_findings(table: StatTable | None, rule_id: str) -> Iterable[Finding]:
    if table is None:
        return
    hybrid = is_hybrid(table.key, table.layout, ((c.row, c.column) for c in table.cells))
    for eq in _rule_equations(table.key, table.layout, rule_id, hybrid):
        left_cells = [table.cell(*k) for k in eq.left]
        right_cells = [table.cell(*k) for k in eq.right]
        values = [c.value for c in (*left_cells, *right_cells) if c.state in _NUMERIC_STATES]
        numbers = [v for v in values if v is not None]
        if len(numbers) != len(left_cells) + len(right_cells):
            continue  # a blank, placeholder or missing cell: the rule cannot be evaluated
        left = sum(numbers[: len(left_cells)], 0)
        right = sum(numbers[len(left_cells) :], 0)
        if left != right:
            yield _finding(
                rule_id,
                f"{TABLE_TITLES[table.key]}：{eq.formula} 不成立，"
                f"左边 {left}，右边 {right}，相差 {left - right}。",
                formula=eq.formula,
                left=left,
                right=right,
                cells=(*left_cells, *right_cells),
            )


@rule(
    "H1",
    "勾稽关系：第一项加第二项之和等于第三项加第四项之和",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Table 三, per column: 一 + 二 = 三（七）总计 + 四 (printed on the form).",
)
def _h1(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.table(APPLICATIONS), "H1")


@rule(
    "H2",
    "（七）总计等于各办理结果之和",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Table 三, per column: （七）总计 = （一）+（二）+（三）1-8+（四）1-3+（五）1-5+（六).",
)
def _h2(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.table(APPLICATIONS), "H2")


@rule(
    "H3",
    "总计列等于六类申请人之和",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Table 三, per row: 总计 = 自然人 + the five 法人或其他组织 columns.",
)
def _h3(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.table(APPLICATIONS), "H3")


@rule(
    "H4",
    "表四各组总计等于四种结果之和",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Table 四, per group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.",
)
def _h4(report: Report) -> Iterable[Finding]:
    return _equation_findings(report.table(REVIEW_LITIGATION), "H4")


def _cells_of_kind(report: Report, kind: ValueKind) -> Iterable[tuple[StatTable, Cell]]:
    """Every ``read`` cell of ``kind`` in the report's tables."""
    for table in report.tables:
        specs = column_specs(table.key, table.layout)
        for cell in table.cells:
            if cell.state is CellState.READ and specs[(cell.row, cell.column)].kind is kind:
                yield table, cell


@rule(
    "H5",
    "计数单元格为非负整数",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Every count cell of tables 二, 三 and 四 is an integer >= 0.",
)
def _h5(report: Report) -> Iterable[Finding]:
    for table, cell in _cells_of_kind(report, ValueKind.COUNT):
        value = cell.value
        if isinstance(value, Decimal) or (value is not None and value < 0):
            yield _finding(
                "H5",
                f"{TABLE_TITLES[table.key]} {cell.row}/{cell.column} 应为非负整数，读到「{cell.raw}」。",
                cells=(cell,),
            )


@rule(
    "H6",
    "金额单元格非负",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "Money cells (v2021 本年收费金额, v2019 采购总金额) are decimals >= 0.",
)
def _h6(report: Report) -> Iterable[Finding]:
    for _, cell in _cells_of_kind(report, ValueKind.MONEY):
        if cell.value is not None and cell.value < 0:
            yield _finding("H6", f"金额 {cell.row}/{cell.column} 为负数「{cell.raw}」。", cells=(cell,))


@rule("H7", "本年增/减为整数", "hard", Severity.ERROR, Origin.SOURCE, "v2019 本年增/减 is a signed integer.")
def _h7(report: Report) -> Iterable[Finding]:
    for _, cell in _cells_of_kind(report, ValueKind.SIGNED):
        if isinstance(cell.value, Decimal):
            yield _finding("H7", f"本年增/减 {cell.row} 应为整数，读到「{cell.raw}」。", cells=(cell,))


@rule(
    "H8",
    "表格集合与格式版本一致",
    "hard",
    Severity.ERROR,
    Origin.SOURCE,
    "The tables must all follow one layout: v2019 (five table-二 blocks incl. （九）, one （六） row) "
    "or v2021 (four blocks, three （六） sub-rows).",
)
def _h8(report: Report) -> Iterable[Finding]:
    table_cues = [e for e in report.version_evidence if e.cue.startswith("表")]
    versions = {e.version for e in table_cues}
    if len(versions) > 1:
        cues = "；".join(f"{e.cue}（{e.version.value}）" for e in table_cues)
        yield _finding("H8", f"表格混用了2019版与2021版格式：{cues}", location=table_cues[0].location)
