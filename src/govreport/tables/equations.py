"""The printed arithmetic of tables 三 and 四 as linear equations over cell keys.

Checks (H1-H4) and invariant-guided recovery both read these, so a rule is written once.
"""

from __future__ import annotations

from functools import cache

from attrs import frozen

from govreport.model.tables import CellKey, Layout
from govreport.tables.layouts import (
    APPLICANT_COLUMNS,
    APPLICANT_SUM_COLUMNS,
    APPLICATIONS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    REVIEW_PARTS,
    application_rows,
    hybrid_rows,
    outcome_rows,
    replaced_rows,
)


@frozen
class Equation:
    """``sum(left) == sum(right)`` over cells of one table, for rule ``rule``."""

    rule: str
    table: str
    left: tuple[CellKey, ...]
    right: tuple[CellKey, ...]
    formula: str


@cache
def equations(table: str, layout: Layout, hybrid: bool = False) -> tuple[Equation, ...]:
    """Every hard arithmetic rule of ``table`` in ``layout`` (``v2019`` or ``v2021``).

    ``hybrid`` is for a table that prints a row of the other layout in place of rows of
    its own (see :func:`~govreport.tables.layouts.hybrid_rows`): the printed row stands
    for the sum of the rows it replaces, in every rule.
    """
    if table == APPLICATIONS:
        eqs = _application_equations(layout)
        if hybrid and hybrid_rows(table, layout):
            return _hybrid(eqs, table, layout)
        return eqs
    if table == REVIEW_LITIGATION:
        return _review_equations()
    return ()


def _application_equations(layout: Layout) -> tuple[Equation, ...]:
    outcomes = outcome_rows(layout)
    result: list[Equation] = []
    for column in APPLICANT_COLUMNS:
        c = column.key
        result.append(
            Equation(
                "H1",
                APPLICATIONS,
                (("new_received", c), ("carried_over", c)),
                (("total_processed", c), ("carried_forward", c)),
                f"一+二 = 三（七）+四 [{c}]",
            )
        )
    for column in APPLICANT_COLUMNS:
        c = column.key
        result.append(
            Equation(
                "H2",
                APPLICATIONS,
                (("total_processed", c),),
                tuple((r, c) for r in outcomes),
                f"（七）总计 = （一）+…+（六） [{c}]",
            )
        )
    for row in application_rows(layout):
        r = row.spec.key
        result.append(
            Equation(
                "H3",
                APPLICATIONS,
                ((r, "total"),),
                tuple((r, c) for c in APPLICANT_SUM_COLUMNS),
                f"总计 = 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 [{r}]",
            )
        )
    return tuple(result)


def _hybrid(eqs: tuple[Equation, ...], table: str, layout: Layout) -> tuple[Equation, ...]:
    (printed,) = hybrid_rows(table, layout)
    replaced = set(replaced_rows(table, layout))
    result: list[Equation] = []
    for eq in eqs:
        if eq.rule == "H3" and eq.left[0][0] in replaced:
            continue  # the sub-rows are not printed: their row sums say nothing
        right = eq.right
        if any(row in replaced for row, _ in right):
            column = next(c for row, c in right if row in replaced)
            kept = tuple(k for k in right if k[0] not in replaced)
            right = (*kept, (printed, column))
        result.append(Equation(eq.rule, eq.table, eq.left, right, eq.formula))
    result.append(
        Equation(
            "H3",
            table,
            ((printed, "total"),),
            tuple((printed, c) for c in APPLICANT_SUM_COLUMNS),
            f"总计 = 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 [{printed}]",
        )
    )
    return tuple(result)


def _review_equations() -> tuple[Equation, ...]:
    return tuple(
        Equation(
            "H4",
            REVIEW_LITIGATION,
            ((g.key, "total"),),
            tuple((g.key, p) for p in REVIEW_PARTS),
            f"总计 = 结果维持+结果纠正+其他结果+尚未审结 [{g.key}]",
        )
        for g in REVIEW_GROUPS
    )
