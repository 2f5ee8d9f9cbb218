"""Pins of rules H6 and S8 that the mutation run found unpinned (issue 14).

H6's message names the money cell and its printed text. S8 grades its finding by the count
of empty cells (serious above 10 in table 三, above 5 in table 四) and lists at most 12 of
them, with "…" when there are more.
"""

from __future__ import annotations

from govreport import Finding, Report, parse
from govreport.model.findings import Severity
from govreport.tables.layouts import APPLICANT_COLUMNS
from tests.helpers import active, applications_text, report_text, zero_rows
from tests.rule_cases import table3, table4

_APPLICATIONS_TITLE = "三、收到和处理政府信息公开申请情况"
_REVIEW_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
# The first 13 cells of table 三 that ``_applications_with_placeholders`` empties, in order.
_APPLICATION_CELLS = [
    *(f"denied.state_secret/{c.key}" for c in APPLICANT_COLUMNS),
    *(f"denied.law_forbidden/{c.key}" for c in APPLICANT_COLUMNS[:-1]),
]


def _found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def _applications_with_placeholders(count: int) -> str:
    """Table 三 of zeros with ``count`` cells printed as "/", row by row from 一、国家秘密."""
    rows = zero_rows()
    left = count
    for key in ("denied.state_secret", "denied.law_forbidden"):
        for i in range(7):
            if left:
                rows[key][i] = "/"
                left -= 1
    return applications_text(rows)


def _s8_of_applications(count: int) -> Finding:
    (found,) = _found(parse(report_text(active(), _applications_with_placeholders(count), table4())), "S8")
    return found


def _s8_of_review(count: int) -> Finding:
    values = ("/",) * count + ("0",) * (15 - count)
    (found,) = _found(parse(report_text(active(), table3(), table4(values))), "S8")
    return found


# --- H6 -------------------------------------------------------------------------------------


def test_h6_message_names_the_money_cell_and_its_printed_text() -> None:
    report = parse(report_text(active(amount="-1.5"), table3(), table4()))
    (found,) = _found(report, "H6")
    assert found.message == "金额 procurement/amount 为负数「-1.5」。"
    assert found.severity is Severity.ERROR
    assert [(c.table, c.row, c.column) for c in found.cells] == [("active", "procurement", "amount")]


# --- S8: how serious --------------------------------------------------------------------------


def test_s8_ten_empty_cells_in_table_three_are_a_warning() -> None:
    found = _s8_of_applications(10)
    assert found.severity is Severity.WARNING
    assert found.message == (
        f"{_APPLICATIONS_TITLE}有 10 个空白或占位单元格（不等于0）：{'、'.join(_APPLICATION_CELLS[:10])}。"
    )


def test_s8_eleven_empty_cells_in_table_three_are_an_error() -> None:
    found = _s8_of_applications(11)
    assert found.severity is Severity.ERROR
    assert len(found.cells) == 11


def test_s8_five_empty_cells_in_table_four_are_a_warning() -> None:
    found = _s8_of_review(5)
    assert found.severity is Severity.WARNING
    assert found.message == (
        f"{_REVIEW_TITLE}有 5 个空白或占位单元格（不等于0）："
        "review/upheld、review/corrected、review/other、review/pending、review/total。"
    )


def test_s8_six_empty_cells_in_table_four_are_an_error() -> None:
    found = _s8_of_review(6)
    assert found.severity is Severity.ERROR
    assert [(c.row, c.column) for c in found.cells][-1] == ("litigation_direct", "upheld")


# --- S8: the list of cells --------------------------------------------------------------------


def test_s8_lists_all_of_twelve_empty_cells_without_an_ellipsis() -> None:
    found = _s8_of_applications(12)
    assert found.message == (
        f"{_APPLICATIONS_TITLE}有 12 个空白或占位单元格（不等于0）：{'、'.join(_APPLICATION_CELLS[:12])}。"
    )


def test_s8_lists_the_first_twelve_of_thirteen_empty_cells_and_an_ellipsis() -> None:
    found = _s8_of_applications(13)
    assert found.message == (
        f"{_APPLICATIONS_TITLE}有 13 个空白或占位单元格（不等于0）：{'、'.join(_APPLICATION_CELLS[:12])}…。"
    )
    assert len(found.cells) == 13
