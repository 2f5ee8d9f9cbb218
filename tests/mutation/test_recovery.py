"""Recovery's findings, texts and search caps, pinned on small hand-written tables.

Each test fixes one behaviour of tables/recovery.py that the mutation run showed no other
test pinned: which message a short row gets, where its findings point, and the exact
limits of the search (a cap reached aborts the search: nothing is inferred).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from govreport import CellState, Report, parse
from govreport.tables import recovery
from tests.helpers import applications_text, report_text, zero_rows
from tests.rule_cases import REVIEW_HEADER

REVIEW = "review_litigation"
APPLICATIONS = "applications"
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")

# Table 四 with 14 of 15 numbers: the lost one is in the first group (5 0 0 5 + a 0 somewhere).
# Three fillings fit (the 0 lost before, at or after 其他结果); all give 其他结果 = 0.
SAME_IN_ALL_ROW = [5, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
SAME_IN_ALL_SOLUTIONS = 3
SAME_IN_ALL_NODES = 4  # the root and one node per filling


def _review(printed: list[int]) -> Report:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", *REVIEW_HEADER, "\t".join(map(str, printed))]
    return parse(report_text("\n".join(lines) + "\n"))


def _applications(rows: dict[str, list[str]]) -> Report:
    return parse(report_text(applications_text(rows, aligned=False)))


def _row(report: Report, table: str, row: str) -> dict[str, tuple[object, CellState]]:
    return {c.column: (c.value, c.state) for c in report.table(table).cells if c.row == row}


def _only(report: Report, rule: str):
    found = [f for f in report.findings if f.rule == rule]
    assert len(found) == 1, found
    return found[0]


def _assert_points_at_row(f, line: int) -> None:
    """The finding and every cell it names carry the location of the row it is about."""
    assert f.location is not None and f.location.line == line
    assert all(c.location == f.location for c in f.cells)


def test_one_filling_is_named_as_the_only_one_and_points_at_the_row() -> None:
    report = _review([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    r2 = _only(report, "R2")
    assert "只有一种填法" in r2.message
    _assert_points_at_row(r2, 8)
    assert not [f for f in report.findings if f.rule == "R1"]


def test_a_value_all_fillings_agree_on_is_inferred_and_the_rest_stay_missing() -> None:
    report = _review(SAME_IN_ALL_ROW)
    cells = _row(report, REVIEW, "review")
    assert cells["other"] == (0, CellState.INFERRED)
    for column in ("upheld", "corrected", "pending", "total"):
        assert cells[column] == (None, CellState.MISSING), column
    r2 = _only(report, "R2")
    assert "所有可行填法在这些格上取值相同" in r2.message and "只有一种填法" not in r2.message
    assert [(c.table, c.row, c.column) for c in r2.cells] == [(REVIEW, "review", "other")]
    _assert_points_at_row(r2, 8)
    r1 = _only(report, "R1")
    assert "符合表内规则的填法不止一种" in r1.message and "4个单元格标为 missing" in r1.message
    assert [(c.table, c.row, c.column) for c in r1.cells] == [
        (REVIEW, "review", column) for column in ("upheld", "corrected", "pending", "total")
    ]
    _assert_points_at_row(r1, 8)


def test_a_short_row_no_filling_fits_says_so() -> None:
    rows = zero_rows()
    rows["granted"] = ["1"] * 6  # six 1s: no placement makes the applicant total a sum
    report = _applications(rows)
    assert set(_row(report, APPLICATIONS, "granted").values()) == {(None, CellState.MISSING)}
    r1 = _only(report, "R1")
    assert "没有一种填法满足表内规则" in r1.message and "不止一种" not in r1.message
    assert len(r1.cells) == 7
    _assert_points_at_row(r1, 10)


def test_a_row_with_an_unplaceable_token_is_missing_with_one_finding_at_the_row() -> None:
    rows = zero_rows()
    rows["granted"] = ["0", "—", "0", "0", "0", "0"]
    report = _applications(rows)
    assert set(_row(report, APPLICATIONS, "granted").values()) == {(None, CellState.MISSING)}
    r1 = _only(report, "R1")
    assert "无法按规则确定各数所属的列" in r1.message
    assert {(c.table, c.row) for c in r1.cells} == {(APPLICATIONS, "granted")} and len(r1.cells) == 7
    _assert_points_at_row(r1, 10)


def test_a_label_only_row_the_rules_fill_prints_none_in_its_finding() -> None:
    rows = zero_rows()
    rows["granted"] = []
    report = _applications(rows)
    assert set(_row(report, APPLICATIONS, "granted").values()) == {(0, CellState.INFERRED)}
    r2 = _only(report, "R2")
    assert "只印了0个（（无））" in r2.message and "只有一种填法" in r2.message
    _assert_points_at_row(r2, 10)


def test_label_only_rows_the_rules_cannot_fill_get_one_table_finding_at_the_first_row() -> None:
    rows = zero_rows()
    rows["granted"] = []
    rows["partial"] = []
    report = _applications(rows)
    for row in ("granted", "partial"):
        assert set(_row(report, APPLICATIONS, row).values()) == {(None, CellState.MISSING)}, row
    r1 = _only(report, "R1")
    assert "有2行只印了行名" in r1.message and "14个单元格标为 missing" in r1.message
    _assert_points_at_row(r1, 10)


def test_a_filling_the_rules_force_negative_is_not_inferred() -> None:
    # The partial row prints 1 person, the 总计 row 0: granted would have to be -1.
    rows = zero_rows()
    rows["granted"] = []
    rows["partial"] = ["1", "0", "0", "0", "0", "0", "1"]
    report = _applications(rows)
    granted = _row(report, APPLICATIONS, "granted")
    assert set(granted.values()) == {(None, CellState.MISSING)}
    assert all(c.state is not CellState.INFERRED for c in report.table(APPLICATIONS).cells)


def test_label_only_row_whose_column_sums_contradict_its_row_sum_is_not_filled() -> None:
    # 总计 row: 1 natural person, 0 in total. The columns force granted = 1 0 0 0 0 0 | 0,
    # whose own row sum fails: no filling.
    rows = zero_rows()
    rows["granted"] = []
    rows["total_processed"] = ["1", "0", "0", "0", "0", "0", "0"]
    report = _applications(rows)
    assert set(_row(report, APPLICATIONS, "granted").values()) == {(None, CellState.MISSING)}
    assert all(c.state is not CellState.INFERRED for c in report.table(APPLICATIONS).cells)


def test_the_node_cap_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "MAX_NODES", SAME_IN_ALL_NODES)
    assert _row(_review(SAME_IN_ALL_ROW), REVIEW, "review")["other"] == (0, CellState.INFERRED)
    monkeypatch.setattr(recovery, "MAX_NODES", SAME_IN_ALL_NODES - 1)
    assert _row(_review(SAME_IN_ALL_ROW), REVIEW, "review")["other"] == (None, CellState.MISSING)


def test_the_solution_cap_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    # The cap counts solutions beyond MAX_SOLUTIONS: reaching it is fine, passing it aborts.
    monkeypatch.setattr(recovery, "MAX_SOLUTIONS", SAME_IN_ALL_SOLUTIONS - 1)
    assert _row(_review(SAME_IN_ALL_ROW), REVIEW, "review")["other"] == (0, CellState.INFERRED)
    monkeypatch.setattr(recovery, "MAX_SOLUTIONS", SAME_IN_ALL_SOLUTIONS - 2)
    report = _review(SAME_IN_ALL_ROW)
    assert _row(report, REVIEW, "review")["other"] == (None, CellState.MISSING)
    assert not [f for f in report.findings if f.rule == "R2"]


@pytest.mark.parametrize(
    ("key", "value", "admissible"),
    [
        (("review", "upheld"), Fraction(0), True),
        (("review", "upheld"), Fraction(-1), False),
        (("review", "upheld"), Fraction(1, 2), False),
    ],
)
def test_a_count_is_admissible_when_a_whole_number_not_below_zero(key, value, admissible) -> None:
    assert recovery._admissible(REVIEW, "v2019", key, value) is admissible


def test_a_money_value_is_admissible_when_not_below_zero_fractions_included() -> None:
    amount = ("procurement", "amount")
    assert recovery._admissible("active", "v2019", amount, Fraction(0)) is True
    assert recovery._admissible("active", "v2019", amount, Fraction(1, 2)) is True
    assert recovery._admissible("active", "v2019", amount, Fraction(-1, 2)) is False


def test_a_signed_count_may_be_negative() -> None:
    change = ("licensing", "items_change")
    assert recovery._admissible("active", "v2019", change, -3) is True
    assert recovery._admissible("active", "v2019", change, Fraction(-1, 2)) is False


def test_an_inferred_money_value_is_an_exact_decimal() -> None:
    amount = ("procurement", "amount")
    assert recovery._to_value("active", "v2019", amount, Fraction(3, 2)) == Decimal("1.5")
    assert recovery._to_value(REVIEW, "v2019", ("review", "total"), Fraction(7)) == 7


def test_a_placement_ruled_out_does_not_stop_the_later_ones_from_being_tried() -> None:
    # A misprinted -2 among the parts: the first placement tried (总计 lost) would make the
    # total -1 and is ruled out; the later ones (a part lost, = 3) still fit, so the row is
    # placed (its printed 总计 is read) and only ambiguous, not unplaceable.
    report = _review([0] * 10 + [0, 0, -2, 1])
    cells = _row(report, REVIEW, "litigation_after_review")
    assert cells["total"] == (1, CellState.READ)
    for column in ("upheld", "corrected", "other", "pending"):
        assert cells[column] == (None, CellState.MISSING), column
    r1 = _only(report, "R1")
    assert "符合表内规则的填法不止一种" in r1.message and "4个单元格标为 missing" in r1.message
