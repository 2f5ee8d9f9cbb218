"""Pins of glued-row splitting and value placement that the mutation run found unpinned (issue 14).

tables/splitting.py: :func:`split_glued` on hand-made runs and equations of table 二 (v2019)
and 三 — the R10 finding of rows read as printed, the R8 finding and cells of a row the rules
decide, the R9 reason of every row left missing, the R11 cap, and where each cell points.
tables/reading.py: row widths under row-spanning cells, exact core matching, the header
index per ``exact`` set, and strict placement.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from attrs import evolve

from govreport.model.document import Grid, GridCell, Location
from govreport.model.findings import Finding
from govreport.model.tables import Cell, CellKey, CellState, Layout
from govreport.normalize.numbers import parse_cell
from govreport.tables import run_splits, splitting
from govreport.tables.equations import Equation
from govreport.tables.layouts import APPLICANT_COLUMNS, make_column
from govreport.tables.reading import (
    AnalysedRow,
    GluedRun,
    Placement,
    analyse_rows,
    header_positions,
    match_core,
    place_values,
)
from govreport.tables.splitting import split_glued

ACTIVE, APPLICATIONS = "active", "applications"
_V2019_COUNTS = ("made", "published", "total_public")
_APPLICANTS = tuple(c.key for c in APPLICANT_COLUMNS)
# 28 characters: a finding shows the last 20 (「区分处理的，…」) or, for a row read as printed, the last 12.
_LONG_LABEL = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"


def _keys(row: str, columns: tuple[str, ...] = _V2019_COUNTS) -> tuple[CellKey, ...]:
    return tuple((row, c) for c in columns)


def _at(line: int, column: int | None = 1, *, page: int | None = None, table: int | None = None) -> Location:
    return Location(line=line, column=column, page=page, table=table)


def _known(row: str, column: str, value: int) -> tuple[CellKey, Cell]:
    """A cell read as printed outside the glued runs (a constant in the table search)."""
    return (row, column), Cell(
        table=ACTIVE, row=row, column=column, value=value, state=CellState.READ, raw=str(value)
    )


def _eq(rule: str, left: CellKey, right: CellKey) -> Equation:
    return Equation(rule=rule, table=ACTIVE, left=(left,), right=(right,), formula="")


def _split(
    runs: list[GluedRun],
    eqs: tuple[Equation, ...] = (),
    cells: dict[CellKey, Cell] | None = None,
    table: str = ACTIVE,
) -> tuple[dict[CellKey, Cell], list[Finding]]:
    cells = {} if cells is None else cells
    return cells, split_glued(table, Layout.V2019, cells, runs, eqs)


# --- split_glued: rows read as printed (R10) ----------------------------------------------------


def _read_rows(count: int) -> list[GluedRun]:
    rows = [
        "new_received",
        "carried_over",
        "granted",
        "partial",
        "denied.state_secret",
        "denied.law_forbidden",
        "denied.three_safety_one_stability",
    ]
    labels = [
        _LONG_LABEL,
        "二、上年结转",
        "予以公开",
        "部分公开",
        "属于国家秘密",
        "法律禁止",
        "危及三安全一稳定",
    ]
    texts = ["0000000", "100000\n1", "0000000", "0000000", "0000000", "0000000", "0000000"]
    runs = [
        GluedRun(_keys(row, _APPLICANTS), text, label, _at(10 + i, 4, page=2, table=1))
        for i, (row, label, text) in enumerate(zip(rows[:count], labels, texts, strict=False))
    ]
    # The second row wraps: its last digit is printed at the start of a line of its own.
    runs[1] = evolve(runs[1], segments=((7, _at(20, 1, page=3, table=1)),))
    return runs


def test_six_rows_read_as_printed_are_shown_in_one_finding_without_an_ellipsis() -> None:
    runs = _read_rows(6)
    cells, findings = _split(runs, table=APPLICATIONS)
    (read,) = findings
    assert read.rule == "R10"
    assert read.message == (
        "表三的单元格在原文中没有分隔（粘连在一起，6行）；这些行的数字只有一种拆分（每行格数固定，多位数不以0开头），"
        "按原文读取：「这一情形，不计其他情形）」0000000、「二、上年结转」100000 / 1、「予以公开」0000000、"
        "「部分公开」0000000、「属于国家秘密」0000000、「法律禁止」0000000。"
    )
    assert read.location == runs[0].location
    assert [(r.row, r.column, r.location) for r in read.cells] == [
        (row, column, runs[0].location) for run in runs for row, column in run.keys
    ]
    assert all(c.state is CellState.READ and c.table == APPLICATIONS for c in cells.values())
    wrapped = [cells[k] for k in runs[1].keys]
    assert [(c.value, c.raw, c.unit) for c in wrapped] == [
        (1, "1", None),
        *[(0, "0", None)] * 5,
        (1, "1", None),
    ]
    assert [c.location for c in wrapped] == [
        *(_at(11, 4 + offset, page=2, table=1) for offset in range(6)),
        _at(20, 1, page=3, table=1),
    ]


def test_a_seventh_row_read_as_printed_is_left_to_an_ellipsis() -> None:
    _, findings = _split(_read_rows(7), table=APPLICATIONS)
    (read,) = findings
    assert "（粘连在一起，7行）" in read.message
    assert read.message.endswith("「法律禁止」0000000…。")
    assert "危及三安全一稳定" not in read.message


# --- split_glued: rows the table's rules decide (R8) -------------------------------------------

_REGULATIONS = GluedRun(_keys("regulations"), "1234", _LONG_LABEL, _at(3, 5, page=1, table=0))
_PROCUREMENT = GluedRun(_keys("procurement", ("projects", "amount")), "123", "政府集中采购", _at(4, 7))


def test_a_row_the_rules_decide_is_inferred_and_named_with_its_rules() -> None:
    # 1234 is 1/2/34, 1/23/4 or 12/3/4; made = 12 leaves one. 123 is 1/23 or 12/3; projects = 1.
    cells = dict([_known("licensing", "decisions", 12), _known("penalty", "decisions", 4)])
    cells.update([_known("enforcement", "decisions", 1)])
    eqs = (
        _eq("H6", ("regulations", "made"), ("licensing", "decisions")),
        _eq("H7", ("regulations", "total_public"), ("penalty", "decisions")),
        _eq("H5", ("procurement", "projects"), ("enforcement", "decisions")),
        _eq("H9", ("fees", "items_prev_year"), ("other_services", "decisions")),  # no glued row's
    )
    cells, findings = _split([_REGULATIONS, _PROCUREMENT], eqs, cells)
    assert [(f.rule, f.message, f.location) for f in findings] == [
        (
            "R8",
            "表二「区分处理的，只计这一情形，不计其他情形）」的3个数粘连为「1234」；"
            "按表内规则 H6、H7 只有一种拆分：12 / 3 / 4，状态为 inferred。",
            _REGULATIONS.location,
        ),
        (
            "R8",
            "表二「政府集中采购」的2个数粘连为「123」；按表内规则 H5 只有一种拆分：1 / 23，状态为 inferred。",
            _PROCUREMENT.location,
        ),
    ]
    assert [(r.row, r.column, r.location) for r in findings[0].cells] == [
        (row, column, _REGULATIONS.location) for row, column in _REGULATIONS.keys
    ]
    inferred = [cells[k] for k in (*_REGULATIONS.keys, *_PROCUREMENT.keys)]
    assert [(c.table, c.value, c.raw, c.unit, c.state) for c in inferred] == [
        (ACTIVE, 12, "12", None, CellState.INFERRED),
        (ACTIVE, 3, "3", None, CellState.INFERRED),
        (ACTIVE, 4, "4", None, CellState.INFERRED),
        (ACTIVE, 1, "1", None, CellState.INFERRED),
        (ACTIVE, Decimal(23), "23", "万元", CellState.INFERRED),  # the column's unit
    ]
    assert [c.location for c in inferred] == [
        _at(3, 5, page=1, table=0),
        _at(3, 7, page=1, table=0),
        _at(3, 8, page=1, table=0),
        _at(4, 7),
        _at(4, 8),
    ]


# --- split_glued: rows left missing (R9), and why ---------------------------------------------


def test_an_undecided_row_leaves_every_cell_missing_at_the_run() -> None:
    cells, findings = _split([_REGULATIONS])
    (missing,) = findings
    assert (missing.rule, missing.message, missing.location) == (
        "R9",
        "表二「区分处理的，只计这一情形，不计其他情形）」的3个数粘连为「1234」；拆分不止一种，且没有表内规则能确定，"
        "这些单元格标为 missing。",
        _REGULATIONS.location,
    )
    assert [(r.row, r.column, r.location) for r in missing.cells] == [
        (row, column, _REGULATIONS.location) for row, column in _REGULATIONS.keys
    ]
    assert cells == {
        key: Cell(
            table=ACTIVE,
            row=key[0],
            column=key[1],
            value=None,
            state=CellState.MISSING,
            location=_REGULATIONS.location,
        )
        for key in _REGULATIONS.keys
    }


_SUMS_TO_ITS_PARTS = Equation(
    rule="H3",
    table=ACTIVE,
    left=(("regulations", "total_public"),),
    right=(("regulations", "made"), ("regulations", "published")),
    formula="",
)


@pytest.mark.parametrize(
    ("eqs", "why"),
    [
        ((), "拆分不止一种，且没有表内规则能确定"),
        ((_eq("H6", ("regulations", "made"), ("licensing", "decisions")),), "满足表内规则的拆分不止一种"),
        (
            (_eq("H6", ("regulations", "published"), ("licensing", "decisions")),),
            "没有一种整表拆分满足表内规则",
        ),
        ((_SUMS_TO_ITS_PARTS,), "没有一种拆分满足本行的合计"),
    ],
    ids=["no-rule", "many-table-splits", "no-table-split", "no-row-split"],
)
def test_a_missing_row_says_why_it_was_not_split(eqs: tuple[Equation, ...], why: str) -> None:
    # licensing = 1: made = 1 in 1/2/34 and 1/23/4; published = 1 in none.
    _, findings = _split([_REGULATIONS], eqs, dict([_known("licensing", "decisions", 1)]))
    assert [(f.rule, f.message.split("；")[1]) for f in findings] == [
        ("R9", f"{why}，这些单元格标为 missing。")
    ]


def test_a_row_with_too_many_splits_is_not_searched() -> None:
    # Twelve 1s make 462 splits into seven cells, more than the 256 kept.
    run = GluedRun(_keys("new_received", _APPLICANTS), "1" * 12, "本年新收", _at(1))
    cells, findings = _split([run], table=APPLICATIONS)
    assert [(f.rule, f.message.split("；")[1]) for f in findings] == [
        ("R9", "可能的拆分太多，搜索超过上限，这些单元格标为 missing。")
    ]
    assert all(c.state is CellState.MISSING for c in cells.values())


def test_a_row_with_exactly_the_most_splits_kept_is_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(splitting, "MAX_ROW_SPLITS", 3)  # 1234 has exactly three splits
    _, findings = _split([_REGULATIONS])
    assert [f.message.split("；")[1] for f in findings] == [
        "拆分不止一种，且没有表内规则能确定，这些单元格标为 missing。"
    ]


def test_a_row_search_stopped_before_any_split_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_splits, "MAX_ROW_NODES", 1)
    _, findings = _split([_REGULATIONS])
    assert [f.message.split("；")[1] for f in findings] == ["拆分搜索超过上限，这些单元格标为 missing。"]


# --- split_glued: the table search's node cap (R11) ---------------------------------------------


def test_a_capped_table_search_infers_nothing_and_says_where_the_table_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # made = 1 holds in 1/2/34 (the first solution, found in the second node) and 1/23/4: the
    # third node goes over the cap of two, so even the split found first is not taken.
    monkeypatch.setattr(splitting, "MAX_TABLE_NODES", 2)
    first = GluedRun(_keys("normative_documents"), "000", "规范性文件", _at(2, 9))
    eqs = (_eq("H6", ("regulations", "made"), ("licensing", "decisions")),)
    cells, findings = _split([first, _REGULATIONS], eqs, dict([_known("licensing", "decisions", 1)]))
    assert [(f.rule, f.location) for f in findings] == [
        ("R10", first.location),
        ("R9", _REGULATIONS.location),
        ("R11", first.location),
    ]
    assert findings[1].message.endswith("；整表拆分搜索超过上限，无法确定，这些单元格标为 missing。")
    assert (
        findings[2].message
        == "表二粘连数字的整表拆分搜索超过上限（2个节点），未能按规则确定的行标为 missing。"
    )
    assert all(cells[k].state is CellState.MISSING for k in _REGULATIONS.keys)


def test_no_table_search_runs_when_every_row_was_read_or_left(monkeypatch: pytest.MonkeyPatch) -> None:
    # A search over the read row alone would go over a cap of no nodes and report R11.
    monkeypatch.setattr(splitting, "MAX_TABLE_NODES", 0)
    read = GluedRun(_keys("regulations"), "000", "规章", _at(1))
    left = GluedRun(_keys("normative_documents"), "0", "规范性文件", _at(2))
    eqs = (_eq("H6", ("regulations", "made"), ("licensing", "decisions")),)
    _, findings = _split([read, left], eqs, dict([_known("licensing", "decisions", 0)]))
    assert [f.rule for f in findings] == ["R10", "R9"]


@pytest.mark.parametrize(("text", "rule"), [("", "R10"), ("5", "R9")], ids=["read", "not-split"])
def test_a_run_naming_no_cells_is_still_reported_where_it_was_printed(text: str, rule: str) -> None:
    # With no cells to point at, the finding's place is the run's own.
    run = GluedRun((), text, "规章", _at(7, 2))
    cells, findings = _split([run])
    assert cells == {}
    assert [(f.rule, f.cells, f.location) for f in findings] == [(rule, (), run.location)]


# --- where a split cell points --------------------------------------------------------------------


@pytest.mark.parametrize("where", [None, _at(6, None, page=1)], ids=["no-location", "no-column"])
def test_a_run_printed_without_a_column_gives_its_cells_the_run_location(where: Location | None) -> None:
    run = GluedRun(_keys("regulations"), "000", "规章", where)
    cells, _ = _split([run])
    assert [cells[k].location for k in run.keys] == [where] * 3


# --- reading: row widths ------------------------------------------------------------------------


def _cell(text: str, row: int, col: int, row_span: int = 1, col_span: int = 1) -> GridCell:
    where = Location(line=row + 1, column=col + 1, table=0, row=row, col=col)
    return GridCell(text=text, row=row, col=col, row_span=row_span, col_span=col_span, location=where)


def _grid(*cells: GridCell, n_rows: int) -> Grid:
    n_cols = max(c.col + c.col_span for c in cells)
    return Grid(
        index=0, cells=cells, n_rows=n_rows, n_cols=n_cols, location=Location(line=1, column=1, table=0)
    )


def test_a_cell_spanning_two_rows_widens_the_row_below_it_only() -> None:
    # Row 1 ends with a cell two rows high and two columns wide (columns 1-2): row 2 is as wide.
    grid = _grid(
        _cell("规章", 0, 0),
        _cell("规范性文件", 1, 0),
        _cell("5", 1, 1, 2, 2),
        _cell("行政许可", 2, 0),
        _cell("行政处罚", 3, 0),
        n_rows=4,
    )
    assert [row.width for row in analyse_rows(grid)] == [1, 3, 3, 1]


def test_a_row_with_no_cells_is_no_columns_wide() -> None:
    grid = _grid(_cell("规章", 0, 0), _cell("行政许可", 2, 0), n_rows=3)
    assert [(row.cells, row.width) for row in analyse_rows(grid)] == [
        ((grid.cells[0],), 1),
        ((), 0),
        ((grid.cells[1],), 1),
    ]


# --- reading: cores, header columns, placement ------------------------------------------------


def test_an_exact_core_must_be_the_whole_key() -> None:
    assert match_core(["法人或其他组织"], ["其他"], exact=True) == 0
    assert match_core(["法人或其他组织", "其他"], ["其他"], exact=True) == 2
    assert match_core(["法人或其他组织"], ["其他"]) == 2


def test_header_columns_are_matched_anew_for_each_set_of_exact_cores() -> None:
    # The same columns, asked for twice: 其他 is found inside 法人或其他组织 only when not exact.
    columns = (make_column("natural_person", "自然人"), make_column("other_org", "其他"))
    rows = analyse_rows(
        _grid(_cell("法人或其他组织", 0, 0), _cell("自然人", 0, 1), _cell("其他", 0, 2), n_rows=1)
    )
    assert header_positions(rows, columns) == [1, 0]
    assert header_positions(rows, columns, frozenset({"其他"})) == [1, 2]
    assert header_positions(rows, columns) == [1, 0]


def _analysed(*texts: str) -> AnalysedRow:
    cells = tuple(_cell(t, 0, i) for i, t in enumerate(texts))
    return AnalysedRow(cells, tuple(parse_cell(t) for t in texts), len(texts))


def test_header_positions_must_name_one_column_per_key() -> None:
    row = _analysed("规章", "5", "")
    with pytest.raises(ValueError, match="zip"):
        place_values(row, [("regulations", "made"), ("regulations", "published")], [1])


def test_tokens_must_match_the_row_cells_one_for_one() -> None:
    cells = (_cell("规章", 0, 0), _cell("5", 0, 1), _cell("6", 0, 2))
    row = AnalysedRow(cells, (parse_cell("规章"), parse_cell("5")), 3)
    with pytest.raises(ValueError, match="zip"):
        row.printed()


def test_too_many_numbers_for_no_cells_is_reported_at_the_row() -> None:
    placement = Placement()
    row = _analysed("规章", "5")
    assert placement.place_row(ACTIVE, row, (), None) == {}
    (too_many,) = placement.findings
    assert (too_many.rule, too_many.cells, too_many.location) == ("R4", (), row.location)
    assert row.location == _cell("规章", 0, 0).location
