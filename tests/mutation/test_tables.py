"""Pins of table-reading details that the mutation run found unpinned (issue 14).

Each test names the behaviour it holds: the hybrid 三 equations, why a glued run could not
be split, the row left between two found rows, value-cell identity, and the 统计表's
piece offsets and finding locations.
"""

from __future__ import annotations

from typing import Any, cast

from govreport.messages import glued as msg
from govreport.model.document import Location
from govreport.model.tables import Layout
from govreport.normalize.numbers import CellToken, TokenKind
from govreport.tables.applications import _ALL_ROWS, _row_between
from govreport.tables.equations import Equation, equations
from govreport.tables.layouts import APPLICANT_COLUMNS, APPLICANT_SUM_COLUMNS, APPLICATIONS, application_rows
from govreport.tables.reading import Slot
from govreport.tables.rules import R6
from govreport.tables.run_splits import RunText
from govreport.tables.splitting import _why_no_split
from govreport.tables.statistics_form import STATISTICS_ROWS
from govreport.tables.v2008.cells import PrintedRow, _pieces, statistics_finding

_OTHER_SUBROWS = ("other.overdue_correction", "other.overdue_fee", "other.other")


# --- tables/equations.py: _hybrid ---------------------------------------------------------


def test_hybrid_table_three_sums_the_printed_other_row_not_its_sub_rows() -> None:
    hybrid = equations(APPLICATIONS, Layout.V2021, hybrid=True)
    h3_rows = [eq.left[0][0] for eq in hybrid if eq.rule == "H3"]
    expected = [r.spec.key for r in application_rows(Layout.V2021) if r.spec.key not in _OTHER_SUBROWS]
    assert h3_rows == [*expected, "other"]


def test_hybrid_table_three_keeps_every_other_rule_as_printed() -> None:
    plain = equations(APPLICATIONS, Layout.V2021)
    hybrid = equations(APPLICATIONS, Layout.V2021, hybrid=True)
    plain_h1 = [eq for eq in plain if eq.rule == "H1"]
    assert [eq for eq in hybrid if eq.rule == "H1"] == plain_h1
    assert len(plain_h1) == len(APPLICANT_COLUMNS)
    assert all(eq.table == APPLICATIONS for eq in hybrid)


def test_hybrid_outcome_total_counts_the_other_row_in_place_of_its_sub_rows() -> None:
    plain = {eq.left: eq for eq in equations(APPLICATIONS, Layout.V2021) if eq.rule == "H2"}
    hybrid = [eq for eq in equations(APPLICATIONS, Layout.V2021, hybrid=True) if eq.rule == "H2"]
    assert len(hybrid) == len(APPLICANT_COLUMNS)
    for eq in hybrid:
        (column,) = {c for _, c in plain[eq.left].right}
        kept = tuple((r, c) for r, c in plain[eq.left].right if r not in _OTHER_SUBROWS)
        assert eq.right == (*kept, ("other", column))
        assert eq.formula == plain[eq.left].formula == f"（七）总计 = （一）+…+（六） [{column}]"
        assert eq.table == APPLICATIONS


def test_hybrid_other_row_has_its_own_row_sum() -> None:
    last = equations(APPLICATIONS, Layout.V2021, hybrid=True)[-1]
    assert last == Equation(
        "H3",
        APPLICATIONS,
        (("other", "total"),),
        tuple(("other", c) for c in APPLICANT_SUM_COLUMNS),
        "总计 = 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他 [other]",
    )


# --- tables/splitting.py: _why_no_split ---------------------------------------------------


def test_more_spaced_pieces_than_cells_says_how_many_pieces() -> None:
    assert _why_no_split(RunText("1 2 3"), 2) == msg.TOO_MANY_PIECES(chunks=3)


def test_as_many_spaced_pieces_as_cells_is_not_too_many() -> None:
    assert _why_no_split(RunText("1 2"), 2) == msg.NO_NUMBER_FORM()


def test_one_glued_run_into_one_cell_is_not_too_many_pieces() -> None:
    assert _why_no_split(RunText("12"), 1) == msg.NO_NUMBER_FORM()


def test_as_many_digits_as_cells_is_not_too_few_digits() -> None:
    assert _why_no_split(RunText("12"), 2) == msg.NO_NUMBER_FORM()
    assert _why_no_split(RunText("12"), 3) == msg.TOO_FEW_DIGITS()


# --- tables/applications.py: _row_between -------------------------------------------------


def _found(*keys: str) -> list[Any]:
    rows = {r.spec.key: r for r in _ALL_ROWS}
    return [(rows[k], None) for k in keys]


def test_row_between_names_the_one_missing_row() -> None:
    found = cast(Any, _found("not_processed.confirm", "total_processed"))
    between = _row_between(found, 1, set())
    assert between is not None
    assert between.spec.key == "other"


def test_row_between_is_none_when_that_row_was_already_read() -> None:
    found = cast(Any, _found("not_processed.confirm", "total_processed"))
    assert _row_between(found, 1, {"other"}) is None


# --- tables/reading.py: Slot ---------------------------------------------------------------


def test_slots_with_different_tokens_differ_even_without_a_grid_cell() -> None:
    one = Slot(CellToken(TokenKind.NUMBER, 1), None)
    two = Slot(CellToken(TokenKind.NUMBER, 2), None)
    assert one != two
    assert one == Slot(CellToken(TokenKind.NUMBER, 1), None)
    assert len({one, two, Slot(CellToken(TokenKind.NUMBER, 1), None)}) == 2


# --- tables/v2008/cells.py ----------------------------------------------------------------


def _printed(*runs: tuple[int, str]) -> PrintedRow:
    return PrintedRow(STATISTICS_ROWS[0], "label", None, runs, Location(line=1))


def test_pieces_of_a_glued_run_sit_at_consecutive_offsets() -> None:
    assert _pieces(_printed((10, "1234")), (1, 23, 4)) == [("1", 10), ("23", 11), ("4", 13)]


def test_pieces_move_to_the_next_run_when_one_is_used_up() -> None:
    assert _pieces(_printed((5, "12"), (9, "345")), (1, 2, 3, 45)) == [
        ("1", 5),
        ("2", 6),
        ("3", 9),
        ("45", 10),
    ]


def test_statistics_finding_keeps_its_location() -> None:
    where = Location(line=7, column=3)
    found = statistics_finding(R6, msg.TOO_FEW_DIGITS(), STATISTICS_ROWS[0].key, columns=(), location=where)
    assert found.location == where
