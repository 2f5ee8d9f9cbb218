"""Pins of the glued-run splitter and the table search that the mutation run found unpinned (issue 14).

tables/run_splits.py: the node counter and its time checks, where a run may and must be cut,
which printed numbers fit a column's kind, the row search's bounds and limits, and which
equations are a row's own totals. tables/split_search.py: how the table search builds each
equation from the cells read as printed and the rows' splits, its pruning, and what it reports.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from govreport.errors import LimitExceededError
from govreport.limits import document_budget
from govreport.model.tables import Cell, CellKey, CellState
from govreport.tables import run_splits
from govreport.tables.equations import Equation
from govreport.tables.reading import GluedRun
from govreport.tables.run_splits import (
    GluedRow,
    LocalSum,
    NodeCounter,
    Part,
    RunText,
    local_sums,
    run_search,
    splits,
)
from govreport.tables.specs import ValueKind
from govreport.tables.split_search import combine_rows

COUNT, SIGNED, MONEY = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.MONEY


def _values(found: list[run_splits.Split]) -> list[list[int | Decimal]]:
    return [[p.value for p in split] for split in found]


# --- NodeCounter, run_search ------------------------------------------------------------------


def _visits(counter: NodeCounter, count: int) -> None:
    for _ in range(count):
        counter.visit()


@pytest.mark.parametrize("cap", [1, 3, 10])
def test_node_counter_allows_exactly_cap_nodes(cap: int) -> None:
    assert run_search(lambda: _visits(NodeCounter(cap), cap)) is False
    assert run_search(lambda: _visits(NodeCounter(cap), cap + 1)) is True
    counter = NodeCounter(cap)
    _visits(counter, cap)
    assert counter.nodes == cap


def test_node_counter_checks_the_time_every_4096_nodes() -> None:
    with document_budget() as budget:
        budget.deadline = float("-inf")  # the document's time is already spent
        counter = NodeCounter(10_000)
        _visits(counter, 4095)  # no check yet: the spent budget goes unnoticed
        with pytest.raises(LimitExceededError):
            counter.visit()
        assert counter.nodes == 4096


# --- RunText: cuts ---------------------------------------------------------------------------


def test_run_cuts_never_fall_inside_a_grouped_number() -> None:
    # Not after a digit before ',' nor after ','; ends always; the rest allowed.
    assert RunText("1,000").allowed == [True, False, False, True, True, True]
    assert RunText("1,0002").allowed == [True, False, False, True, True, True, True]


def test_run_ends_are_cuts_even_next_to_a_unit_or_separator() -> None:
    # 万 may not end a part and '.' may not start one, but the run's own ends are cuts.
    assert RunText("1.5万").allowed == [True, False, False, False, True]
    assert RunText(".5").allowed == [True, False, True]


def test_signs_and_yuan_force_cuts() -> None:
    assert RunText("1+2+3").forced == frozenset({1, 3})
    assert RunText("5+3").forced == frozenset({1})
    assert RunText("5元3").forced == frozenset({2})
    assert RunText("5元3").allowed == [True, False, True, True]


def test_spaces_force_cuts_but_not_at_the_run_ends() -> None:
    run = RunText(" 5 3 ")
    assert run.compact == "53"
    assert run.offsets == [1, 3]
    assert run.forced == frozenset({1})


def test_floor_is_the_start_of_each_ends_chunk() -> None:
    assert RunText("5元3").floor == [0, 0, 0, 2]
    assert RunText("1 23").floor == [0, 0, 1, 1]
    assert RunText("12 34").floor == [0, 0, 0, 2, 2]


def test_a_part_never_crosses_a_space() -> None:
    assert _values(splits(RunText("12 34"), (COUNT, COUNT), (), 10)[0]) == [[12, 34]]
    assert _values(splits(RunText("1 23"), (COUNT, COUNT), (), 10)[0]) == [[1, 23]]
    assert splits(RunText("12 34"), (COUNT,), (), 10) == ([], False)


# --- RunText.part, _fits -----------------------------------------------------------------------


def _part(text: str, kind: ValueKind) -> Part | None:
    run = RunText(text)
    return run.part(0, len(run.compact), kind)


def test_money_takes_decimals_and_units_but_no_sign() -> None:
    assert _part("1.5", MONEY) == Part("1.5", 0, Decimal("1.5"), None)
    assert _part("12元", MONEY) == Part("12元", 0, 12, "元")
    assert _part("0", MONEY) == Part("0", 0, 0, None)
    assert _part("5", MONEY) == Part("5", 0, 5, None)
    assert _part("+5", MONEY) is None
    assert _part("-5", MONEY) is None


def test_counts_take_plain_whole_numbers_only() -> None:
    assert _part("1,000", COUNT) == Part("1,000", 0, 1000, None)
    assert _part("0", COUNT) == Part("0", 0, 0, None)
    assert _part("1.5", COUNT) is None
    assert _part("5元", COUNT) is None
    assert _part("+5", COUNT) is None
    assert _part("-5", COUNT) is None
    assert _part("05", COUNT) is None


def test_signed_cells_take_a_sign_but_no_decimal() -> None:
    assert _part("+5", SIGNED) == Part("+5", 0, 5, None)
    assert _part("-5", SIGNED) == Part("-5", 0, -5, None)
    assert _part("减少2", SIGNED) == Part("减少2", 0, -2, None)
    assert _part("1.5", SIGNED) is None


def test_part_reports_its_printed_text_and_offset() -> None:
    run = RunText("3 １2")
    assert run.part(1, 3, COUNT) == Part("１2", 2, 12, None)


# --- splits --------------------------------------------------------------------------------------


def test_splits_read_each_cell_by_its_kind() -> None:
    assert _values(splits(RunText("1.5"), (MONEY,), (), 5)[0]) == [[Decimal("1.5")]]
    assert splits(RunText("1.5"), (COUNT,), (), 5) == ([], False)
    assert _values(splits(RunText("3+5"), (COUNT, SIGNED), (), 5)[0]) == [[3, 5]]
    assert splits(RunText("3+5"), (COUNT, COUNT), (), 5) == ([], False)


def test_splits_stop_at_the_limit_without_reporting_the_cap() -> None:
    found, capped = splits(RunText("123"), (COUNT, COUNT), (), 1)
    assert _values(found) == [[12, 3]]
    assert capped is False
    found, capped = splits(RunText("123"), (COUNT, COUNT), (), 2)
    assert _values(found) == [[12, 3], [1, 23]]
    assert capped is False


def test_a_part_is_at_most_sixteen_characters() -> None:
    assert _values(splits(RunText("1" * 16), (COUNT,), (), 2)[0]) == [[int("1" * 16)]]
    assert splits(RunText("1" * 17), (COUNT,), (), 2) == ([], False)


def test_row_search_visits_no_dead_branch(monkeypatch: pytest.MonkeyPatch) -> None:
    # "123" in two cells: the root, the two ends of the right cell, then the left cell
    # only from the run's start and the two finds: five nodes.
    monkeypatch.setattr(run_splits, "MAX_ROW_NODES", 5)
    found, capped = splits(RunText("123"), (COUNT, COUNT), (), 10)
    assert (_values(found), capped) == ([[12, 3], [1, 23]], False)
    monkeypatch.setattr(run_splits, "MAX_ROW_NODES", 4)
    found, capped = splits(RunText("123"), (COUNT, COUNT), (), 10)
    assert (_values(found), capped) == ([[12, 3]], True)


def test_one_digit_per_cell_is_found_without_reaching_the_cap() -> None:
    # A part never leaves fewer characters than cells to its left: no hopeless branches.
    found, capped = splits(RunText("1" * 17), (COUNT,) * 17, (), 2)
    assert (_values(found), capped) == ([[1] * 17], False)


def test_every_row_total_is_checked_even_after_an_unfilled_one() -> None:
    # Cells 1 = 0 and 3 = 2: the second total (3 != 2) fails while the first is still open.
    sums = [LocalSum(total=1, parts=(0,)), LocalSum(total=3, parts=(2,))]
    assert splits(RunText("1 1 2 3"), (COUNT,) * 4, sums, 5) == ([], False)
    assert _values(splits(RunText("1 1 3 3"), (COUNT,) * 4, sums, 5)[0]) == [[1, 1, 3, 3]]


# --- local_sums ------------------------------------------------------------------------------------


def test_a_total_among_its_own_parts_is_no_row_total() -> None:
    keys = [("r", "a"), ("r", "b"), ("r", "c")]
    eqs = [
        Equation("X", "t", (("r", "b"),), (("r", "a"), ("r", "b")), "b = a + b"),
        Equation("Y", "t", (("r", "c"),), (("r", "a"), ("r", "b")), "c = a + b"),
    ]
    assert local_sums(keys, eqs) == [LocalSum(total=2, parts=(0, 1))]


# --- split_search.combine_rows --------------------------------------------------------------------


def _row(keys: tuple[CellKey, ...], *candidates: tuple[int, ...]) -> GluedRow:
    row = GluedRow(GluedRun(keys, "", "", None), (COUNT,) * len(keys))
    row.candidates = [tuple(Part(str(v), 0, v, None) for v in values) for values in candidates]
    return row


def _cell(key: CellKey, value: int, state: CellState = CellState.READ) -> Cell:
    return Cell(table="t", row=key[0], column=key[1], value=value, state=state)


def _eq(left: tuple[CellKey, ...], right: tuple[CellKey, ...]) -> Equation:
    return Equation("E", "t", left, right, "")


TOTAL, KNOWN, INFERRED = ("t", "x"), ("k", "x"), ("u", "x")
GA, GB = ("g", "a"), ("g", "b")


def test_table_search_balances_read_cells_against_the_rows_splits() -> None:
    # total (5) = known (2) + g.a: only g.a = 3 balances; an inferred cell is no known value.
    row = _row((GA, GB), (4, 0), (3, 0), (1, 0))
    cells = {k: _cell(k, v) for k, v in ((TOTAL, 5), (KNOWN, 2))}
    cells[INFERRED] = _cell(INFERRED, 9, CellState.INFERRED)
    eqs = [_eq((TOTAL,), (KNOWN, GA)), _eq((GB,), (INFERRED,))]
    outcome = combine_rows([row], cells, eqs, 100)
    assert outcome.searched == {0}
    assert outcome.chosen == {0: {1}}
    assert outcome.solutions == 1
    assert outcome.capped is False


def test_table_search_counts_every_solution() -> None:
    row = _row((GA,), (5,), (6,), (5,))
    outcome = combine_rows([row], {TOTAL: _cell(TOTAL, 5)}, [_eq((GA,), (TOTAL,))], 100)
    assert (outcome.chosen, outcome.solutions, outcome.capped) == ({0: {0, 2}}, 2, False)


def test_table_search_tries_the_row_with_fewest_splits_first() -> None:
    # Row 1 (one split) first: the root, one node, then three: five nodes in all.
    rows = [_row((GA,), (7,), (7,), (7,)), _row((("h", "a"),), (7,))]
    outcome = combine_rows(rows, {}, [_eq((GA,), (("h", "a"),))], 5)
    assert (outcome.chosen, outcome.solutions, outcome.capped) == ({0: {0, 1, 2}, 1: {0}}, 3, False)


def test_table_search_restores_the_bounds_after_each_row() -> None:
    # a + b + c = 10 over three rows of two splits: 1+3+6, 1+4+5 and 2+3+5.
    rows = [_row((("a", "x"),), (1,), (2,)), _row((("b", "x"),), (3,), (4,)), _row((("c", "x"),), (5,), (6,))]
    eqs = [_eq((("a", "x"), ("b", "x"), ("c", "x")), (TOTAL,))]
    outcome = combine_rows(rows, {TOTAL: _cell(TOTAL, 10)}, eqs, 100)
    assert (outcome.chosen, outcome.solutions) == ({0: {0, 1}, 1: {0, 1}, 2: {0, 1}}, 3)
