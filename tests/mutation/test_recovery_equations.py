"""Recovery's exact solver, placement cap and unplaced-row message; table 四's equations.

Each test pins one behaviour of tables/recovery.py or tables/equations.py that the
mutation run showed no test in this folder pinned.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from govreport import CellState, Report, parse
from govreport.model.tables import CellKey, Layout
from govreport.tables import recovery
from govreport.tables.equations import Equation, equations
from govreport.tables.layouts import APPLICANT_COLUMNS, APPLICATIONS, REVIEW_LITIGATION
from govreport.tables.recovery import solve
from tests.helpers import applications_text, report_text, zero_rows
from tests.rule_cases import REVIEW_HEADER

A: CellKey = ("r", "a")
B: CellKey = ("r", "b")

# Table 四 with 14 of 15 numbers: 15 placements, all give 其他结果 = 0 (see test_recovery.py).
SAME_IN_ALL_ROW = [5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
SAME_IN_ALL_PLACEMENTS = 15  # comb(15, 14)
APPLICANT_COLUMN_KEYS = [c.key for c in APPLICANT_COLUMNS]


def _eq(left: tuple[CellKey, ...], right: tuple[CellKey, ...]) -> Equation:
    return Equation("E", "t", left, right, "")


def _review_other(printed: list[int]) -> tuple[object, CellState]:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", *REVIEW_HEADER, "\t".join(map(str, printed))]
    report = parse(report_text("\n".join(lines) + "\n"))
    cell = report.table(REVIEW_LITIGATION).cell("review", "other")
    return cell.value, cell.state


def _r1_messages(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.rule == "R1"]


# --- recovery.solve -------------------------------------------------------------------------


def test_solve_counts_a_cell_named_twice_on_one_side() -> None:
    # a + a = b with b = 4: a is 2, not 4.
    assert solve([_eq((A, A), (B,))], {B: 4}, [A]) == ("unique", {A: Fraction(2)})


def test_solve_cancels_a_cell_named_on_both_sides() -> None:
    # a = a + b with b = 0 holds for every a: nothing is determined, and it is consistent.
    assert solve([_eq((A,), (A, B))], {B: 0}, [A]) == ("many", {})
    # ... and with b = 1 no a fits.
    assert solve([_eq((A,), (A, B))], {B: 1}, [A]) == ("none", {})


# --- recovery._run_options: the placement cap ---------------------------------------------------


def test_a_run_with_exactly_max_placements_is_still_placed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "MAX_PLACEMENTS", SAME_IN_ALL_PLACEMENTS)
    assert _review_other(SAME_IN_ALL_ROW) == (0, CellState.INFERRED)
    monkeypatch.setattr(recovery, "MAX_PLACEMENTS", SAME_IN_ALL_PLACEMENTS - 1)
    assert _review_other(SAME_IN_ALL_ROW) == (None, CellState.MISSING)


# --- recovery._settle_unsolvable ----------------------------------------------------------------


def test_an_unplaced_row_says_how_many_values_it_should_have_and_printed() -> None:
    rows = zero_rows()
    rows["granted"] = ["0", "—", "0", "0", "0", "0"]
    report = parse(report_text(applications_text(rows, aligned=False)))
    assert _r1_messages(report) == [
        "「三、本年度办理结果 / （一）予以公开」应有7个数，只印了6个（0 — 0 0 0 0），"
        "无法按规则确定各数所属的列，相关单元格标为 missing。"
    ]


# --- equations._review_equations ----------------------------------------------------------------


@pytest.mark.parametrize("layout", [Layout.V2019, Layout.V2021])
def test_table_four_equations_are_its_three_group_totals(layout: Layout) -> None:
    parts = ("upheld", "corrected", "other", "pending")
    assert equations(REVIEW_LITIGATION, layout) == tuple(
        Equation(
            "H4",
            "review_litigation",
            ((group, "total"),),
            tuple((group, part) for part in parts),
            f"总计 = 结果维持+结果纠正+其他结果+尚未审结 [{group}]",
        )
        for group in ("review", "litigation_direct", "litigation_after_review")
    )


# --- recovery.recover: an unplaceable row beside a fillable one -------------------------------


def test_an_unplaceable_row_leaves_its_rules_out_and_another_row_is_still_filled() -> None:
    # 予以公开 cannot be placed (a dash among its values), so every （七）总计 column sum
    # through it says nothing; 四、结转 is still fixed by 一+二 = 三（七）+四.
    rows = zero_rows()
    rows["new_received"] = ["3", "0", "0", "0", "0", "0", "3"]
    rows["granted"] = ["0", "—", "0", "0", "0", "0"]
    rows["carried_forward"] = []
    report = parse(report_text(applications_text(rows, aligned=False)))
    table = report.table(APPLICATIONS)
    carried = {c.column: (c.value, c.state) for c in table.cells if c.row == "carried_forward"}
    assert carried == {
        column: (3 if column in ("natural_person", "total") else 0, CellState.INFERRED)
        for column in APPLICANT_COLUMN_KEYS
    }
    assert {c.state for c in table.cells if c.row == "granted"} == {CellState.MISSING}
    assert [f.rule for f in report.findings] == ["R2", "R1"]
