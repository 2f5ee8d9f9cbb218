"""Recovery's contract (tables/recovery.py) as properties, against oracles written here.

- An inferred value is the only filling the printed rules admit: never negative, never
  fractional, always the generated truth (the truth satisfies the rules, so a different
  inferred value would mean two fillings were admissible).
- Ambiguity leaves the cells missing, and an R1 finding names them.
- The search caps end in R1 with nothing inferred.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from govreport import CellState, Report, Severity, parse
from govreport.tables import recovery
from govreport.tables.equations import Equation
from govreport.tables.recovery import solve
from govreport.testing.synthetic import random_values
from tests.helpers import applications_text, report_text, zero_rows
from tests.rule_cases import REVIEW_HEADER

# Table 四: three groups of 结果维持, 结果纠正, 其他结果, 尚未审结 and their 总计, in print order.
GROUPS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
SCALES = st.sampled_from([0, 1, 3, 40, 10**6])  # all zeros, zero-heavy, small, typical, large


def _review_text(printed: list[int] | list[str]) -> str:
    lines = ["四、政府信息公开行政复议、行政诉讼情况", *REVIEW_HEADER, "\t".join(map(str, printed))]
    return "\n".join(lines) + "\n"


def _admissible_fillings(printed: list[int]) -> set[tuple[int, ...]]:
    """Every table 四 that the 14 printed values can be, by brute force over the lost position.

    The lost value is fixed by its group's 总计 = sum of the four parts (H4); it must be a
    count (>= 0), and the other two groups must add up with the values they then hold.
    """
    fillings = set()
    for lost in range(15):
        values: list[int | None] = [*printed[:lost], None, *printed[lost:]]
        group, position = divmod(lost, 5)
        parts = values[group * 5 : group * 5 + 4]
        total = values[group * 5 + 4]
        if position == 4:
            filled = sum(v for v in parts if v is not None)
        else:
            filled = (total or 0) - sum(v for v in parts if v is not None)
        values[lost] = filled
        sums_hold = all(sum(values[g * 5 : g * 5 + 4]) == values[g * 5 + 4] for g in range(3))  # type: ignore[arg-type]
        if filled >= 0 and sums_hold:
            fillings.add(tuple(values))  # type: ignore[arg-type]
    return fillings


def _cells(report: Report, table: str) -> dict[tuple[str, str], object]:
    return {(c.row, c.column): c for c in report.table(table).cells}


@given(scale=SCALES, data=st.data())
def test_a_lost_value_of_table_four_is_inferred_only_when_one_filling_fits(scale: int, data) -> None:
    truth = []
    for _ in GROUPS:
        parts = [data.draw(st.integers(0, scale)) for _ in range(4)]
        truth += [*parts, sum(parts)]
    lost = data.draw(st.integers(0, 14))
    printed = truth[:lost] + truth[lost + 1 :]
    fillings = _admissible_fillings(printed)
    assert tuple(truth) in fillings  # the oracle admits the truth
    event(f"admissible fillings: {min(len(fillings), 3)}{'+' if len(fillings) > 2 else ''}")
    report = parse(report_text(_review_text(printed)))
    cells = _cells(report, "review_litigation")
    keys = [(g, c) for g in GROUPS for c in REVIEW_COLUMNS]
    r1 = {(c.row, c.column) for f in report.findings if f.rule == "R1" for c in f.cells}
    for i, key in enumerate(keys):
        cell = cells[key]
        candidates = {filling[i] for filling in fillings}
        if len(candidates) == 1:
            # Pinned: read or inferred, and then the one admissible value, a count.
            assert cell.state in (CellState.READ, CellState.INFERRED), key
            assert cell.value == truth[i] and isinstance(cell.value, int) and cell.value >= 0, key
        else:
            assert cell.state is CellState.MISSING and cell.value is None, key
            assert key in r1, key
    if len(fillings) == 1:
        assert not r1


def _short_rows_report(values: dict, short: dict[str, int]) -> Report:
    """Table 三 of ``values`` where each row of ``short`` prints 6 of its 7 numbers (index lost)."""
    rows: dict[str, list[str]] = {}
    for (table, row, _column), value in values.items():
        if table == "applications":
            rows.setdefault(row, []).append(str(value))
    for row, lost in short.items():
        del rows[row][lost]
    return parse(report_text(applications_text(rows, aligned=False)))


OUTCOMES = ("granted", "partial", "denied.state_secret", "unable.not_held", "not_processed.repeat", "other")


@given(
    rng=st.randoms(use_true_random=False),
    scale=SCALES,
    short=st.dictionaries(st.sampled_from(OUTCOMES), st.integers(0, 6), min_size=1, max_size=3),
)
def test_inferred_cells_of_table_three_are_the_truth_and_missing_ones_have_r1(
    rng: random.Random, scale: int, short: dict[str, int]
) -> None:
    values = random_values(rng, "v2019", scale=scale)
    report = _short_rows_report(values, short)
    r1 = {(c.row, c.column) for f in report.findings if f.rule == "R1" for c in f.cells}
    states = []
    for cell in report.table("applications").cells:
        truth = values[("applications", cell.row, cell.column)]
        states.append(cell.state)
        if cell.row not in short:
            assert (cell.state, cell.value) == (CellState.READ, truth), cell
        elif cell.state is CellState.MISSING:
            assert (cell.row, cell.column) in r1, cell
        else:
            assert cell.value == truth and isinstance(cell.value, int) and cell.value >= 0, cell
    event(f"short rows: {len(short)}; missing cells: {states.count(CellState.MISSING) > 0}")


def test_a_negative_filling_is_never_admitted() -> None:
    """Printed 3 0 0 0 for a group: only 总计 = 3 fits; a lost part would be 0 - 3 = -3."""
    printed = [3, 0, 0, 0, *[1, 0, 0, 0, 1], *[0, 2, 0, 0, 2]]
    assert _admissible_fillings(printed) == {(3, 0, 0, 0, 3, 1, 0, 0, 0, 1, 0, 2, 0, 0, 2)}
    report = parse(report_text(_review_text(printed)))
    review = report.table("review_litigation")
    assert review.cell("review", "total").value == 3
    assert review.cell("review", "total").state is CellState.INFERRED
    assert [f.rule for f in report.findings if f.rule in ("R1", "R2")] == ["R2"]


def test_a_fractional_filling_is_never_admitted() -> None:
    """Printed 1.5 0 0 3 for a group of counts: every filling holds a 1.5 or a 4.5, so none fits."""
    printed = ["1.5", "0", "0", "3", *["1", "0", "0", "0", "1"], *["0", "2", "0", "0", "2"]]
    report = parse(report_text(_review_text(printed)))
    review = report.table("review_litigation")
    assert {review.cell("review", c).state for c in REVIEW_COLUMNS} == {CellState.MISSING}
    (r1,) = [f for f in report.findings if f.rule == "R1"]
    assert r1.message == (  # none fits: the columns of the printed numbers stay unknown
        "「第4行（无行名）」应有15个数，只印了14个（1.5 0 0 3 1 0 0 0 1 0 2 0 0 2），"
        "无法按规则确定各数所属的列，相关单元格标为 missing。"
    )
    assert r1.severity is Severity.WARNING and r1.location is not None and r1.location.line == 8
    assert {(c.table, c.location.line) for c in review.cells if c.row == "review"} == {
        ("review_litigation", 8)
    }
    assert not [f for f in report.findings if f.rule == "R2"]


# Two outcome rows printing 6 of 7 each: without the caps, both are inferred (see the property above).
_CAPPED = {"granted": 0, "partial": 3}


@pytest.mark.parametrize(
    ("cap", "value"),
    [("MAX_NODES", 1), ("MAX_SOLUTIONS", -1), ("MAX_PLACEMENTS", 1)],
)
def test_each_search_cap_ends_in_r1_with_nothing_inferred(
    monkeypatch: pytest.MonkeyPatch, cap: str, value: int
) -> None:
    values = random_values(random.Random(4), "v2019", scale=40)
    uncapped = _short_rows_report(values, _CAPPED)
    inferred = [c for c in uncapped.table("applications").cells if c.state is CellState.INFERRED]
    assert inferred and not [f for f in uncapped.findings if f.rule == "R1"]

    monkeypatch.setattr(recovery, cap, value)
    report = _short_rows_report(values, _CAPPED)
    table = report.table("applications")
    assert not [c for c in table.cells if c.state is CellState.INFERRED]
    r1_rows = {c.row for f in report.findings if f.rule == "R1" for c in f.cells}
    assert r1_rows == set(_CAPPED)
    missing_rows = {c.row for c in table.cells if c.state is CellState.MISSING}
    assert missing_rows == set(_CAPPED)


# --- solve: exact elimination over the printed rules ----------------------------------------
def _eq(left: tuple[str, ...], right: tuple[str, ...]) -> Equation:
    return Equation("H1", "applications", tuple((k, "c") for k in left), tuple((k, "c") for k in right), "")


def _keys(*names: str) -> list[tuple[str, str]]:
    return [(n, "c") for n in names]


def test_solve_needs_every_equation_and_fractions() -> None:
    """a = x + y and x = y + b: x = (a + b) / 2 needs both rows, a factor and a division."""
    eqs = [_eq(("a",), ("x", "y")), _eq(("x",), ("y", "b"))]
    known = {("a", "c"): Fraction(7), ("b", "c"): Fraction(1)}
    assert solve(eqs, known, _keys("x", "y")) == (
        "unique",
        {("x", "c"): Fraction(4), ("y", "c"): Fraction(3)},
    )
    known[("a", "c")] = Fraction(6)
    assert solve(eqs, known, _keys("y", "x")) == (
        "unique",
        {("x", "c"): Fraction(7, 2), ("y", "c"): Fraction(5, 2)},
    )


def test_solve_three_unknowns_in_a_chain() -> None:
    """t = p + q + r, p = q + 1, q = r + 1: each row is needed once, in any order."""
    eqs = [_eq(("p",), ("q", "one")), _eq(("t",), ("p", "q", "r")), _eq(("q",), ("r", "one"))]
    known = {("t", "c"): Fraction(12), ("one", "c"): Fraction(1)}
    assert solve(eqs, known, _keys("r", "q", "p")) == (
        "unique",
        {("p", "c"): Fraction(5), ("q", "c"): Fraction(4), ("r", "c"): Fraction(3)},
    )


def test_solve_keeps_what_is_determined_when_the_rest_is_not() -> None:
    """x + y = 5 leaves both open; z = 2 is still determined, after a column with no pivot."""
    eqs = [_eq(("five",), ("x", "y")), _eq(("z",), ("two",))]
    known = {("five", "c"): Fraction(5), ("two", "c"): Fraction(2)}
    assert solve(eqs, known, _keys("x", "y", "z")) == ("many", {("z", "c"): Fraction(2)})
    # An unknown no equation holds has no pivot at all.
    assert solve(eqs[1:], known, _keys("w", "z")) == ("many", {("z", "c"): Fraction(2)})


def test_solve_reports_an_inconsistent_system() -> None:
    eqs = [_eq(("a",), ("x",)), _eq(("b",), ("x",))]
    known = {("a", "c"): Fraction(1), ("b", "c"): Fraction(2)}
    assert solve(eqs, known, _keys("x")) == ("none", {})
    assert solve(eqs, {**known, ("b", "c"): Fraction(1)}, _keys("x")) == ("unique", {("x", "c"): Fraction(1)})


DENIED = (
    "denied.state_secret",
    "denied.law_forbidden",
    "denied.three_safety_one_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
)


@pytest.mark.parametrize("silent", [6, 7])
def test_rows_with_a_label_and_no_value_are_one_r1_naming_six_of_them(silent: int) -> None:
    rows = zero_rows()
    for row in DENIED[:silent]:
        rows[row] = []
    report = parse(report_text(applications_text(rows)))
    (r1,) = [f for f in report.findings if f.rule == "R1"]
    labels = "、".join(
        [
            "「（三）不予公开 / 1.属于国家秘密」",
            "「2.其他法律行政法规禁止公开」",
            "「3.危及“三安全一稳定”」",
            "「4.保护第三方合法权益」",
            "「5.属于三类内部事务信息」",
            "「6.属于四类过程性信息」",
        ]
    )
    assert r1.message == (
        f"表三有{silent}行只印了行名、没有印任何数值（{labels}{'等' if silent > 6 else ''}）："
        "复制时空白格没有留下痕迹，无法区分空白与丢失，"
        f"{silent * 7}个单元格标为 missing（不是空白，也不是0）。"
    )
    assert r1.location is not None and r1.location.line == 12  # the first of those rows
    assert {(c.table, c.row) for c in r1.cells} == {("applications", row) for row in DENIED[:silent]}
