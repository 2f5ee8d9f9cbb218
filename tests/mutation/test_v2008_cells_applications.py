"""Pins of the 统计表's cell placing and table 三's row reading that the mutation run found unpinned.

tables/v2008/cells.py: which digits are one number, how glued runs split, when a split is
decided by the table's rules and what the findings say. tables/applications.py: which rows
are headers, labels and numbering, rows matched by closeness, duplicate and unknown rows.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation, localcontext

from govreport.model.document import Grid, Location
from govreport.model.findings import Finding
from govreport.model.tables import CellState, Layout, StatTable
from govreport.tables.applications import READER
from govreport.tables.layouts import application_rows
from govreport.tables.reading import TableReading
from govreport.tables.statistics_form import STATISTICS_ROWS
from govreport.tables.v2008.cells import PrintedRow, place_cells
from govreport.tables.v2008.rows import read_statistics
from govreport.tables.v2008.text import TableText
from tests.helpers import applications_text, grid_of_rows, zero_rows

_HEADER = "指标名称 计量单位 本年度 历年累计"
_MISSING = (CellState.MISSING, None)


def _joined(*lines: str) -> TableText:
    """The table's text, one part per line, each printed at column 1 of its line."""
    joined = TableText()
    for number, line in enumerate(lines, 1):
        joined.add(line, Location(line=number, column=1), advances=True)
    return joined


def _read(*rows: str) -> tuple[StatTable, list[Finding]]:
    return read_statistics(_joined(_HEADER, *rows))


def _values(table: StatTable, row: str) -> tuple[tuple[CellState, object], tuple[CellState, object]]:
    this_year, cumulative = table.cell(row, "this_year"), table.cell(row, "cumulative")
    return (this_year.state, this_year.value), (cumulative.state, cumulative.value)


def _read_pair(this_year: object, cumulative: object) -> tuple[tuple[CellState, object], ...]:
    return ((CellState.READ, this_year), (CellState.READ, cumulative))


def _inferred_pair(this_year: object, cumulative: object) -> tuple[tuple[CellState, object], ...]:
    return ((CellState.INFERRED, this_year), (CellState.INFERRED, cumulative))


def _messages(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.message) for f in findings]


def _undecided(label: str, raw: str, count: int, options: str) -> tuple[str, str]:
    return (
        "T3",
        f"统计表「{label}」行的数字「{raw}」粘连，可拆成{count}种：{options}；无法确定，单元格标为 missing。",
    )


# --- _number: which digits are one cell ------------------------------------------------------


def test_money_digits_ending_in_a_dot_are_not_a_number() -> None:
    table, findings = _read("依申请公开收费金额 万元 12. 30")
    assert _values(table, "fees") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("收费金额", "12. 30", 0, "无")]


def test_money_digits_starting_with_a_dot_are_not_a_number() -> None:
    table, findings = _read("依申请公开收费金额 万元 1 .5")
    assert _values(table, "fees") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("收费金额", "1 .5", 0, "无")]


def test_fifteen_digits_are_one_number_and_sixteen_are_not() -> None:
    table, findings = _read(
        "主动公开政府信息数 条 123456789012345 999999999999999", "行政复议数 件 1234567890123456 1"
    )
    assert _values(table, "active") == _read_pair(123456789012345, 999999999999999)
    assert _values(table, "review") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("行政复议数", "1234567890123456 1", 0, "无")]


def test_a_count_with_a_decimal_point_is_not_a_number() -> None:
    table, findings = _read("主动公开政府信息数 条 1.5 3")
    assert _values(table, "active") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("主动公开政府信息数", "1.5 3", 0, "无")]


def test_money_with_a_leading_zero_before_its_point_is_not_a_number() -> None:
    table, findings = _read("依申请公开收费金额 万元 01.5 3")
    assert _values(table, "fees") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("收费金额", "01.5 3", 0, "无")]
    table, findings = _read("依申请公开收费金额 万元 0.5 3")
    assert _values(table, "fees") == _read_pair(Decimal("0.5"), Decimal(3))
    assert findings == []


def test_money_digits_with_two_points_are_not_a_number_even_where_decimal_does_not_trap() -> None:
    # The check must not lean on Decimal raising: with the trap off, Decimal("1.2.3") is NaN.
    with localcontext() as context:
        context.traps[InvalidOperation] = False
        table, findings = _read("依申请公开收费金额 万元 1.2.3 4")
    assert _values(table, "fees") == (_MISSING, _MISSING)
    assert _messages(findings) == [_undecided("收费金额", "1.2.3 4", 0, "无")]


# --- _splits: the ways a glued run is cut ----------------------------------------------------


def test_a_glued_money_run_splits_after_its_decimal_digit() -> None:
    # 1|.52 and 1.|52 are no numbers: 1.5|2 is the one split, read as printed.
    table, findings = _read("依申请公开收费金额 万元 1.52")
    assert _values(table, "fees") == _read_pair(Decimal("1.5"), Decimal(2))
    cells = (table.cell("fees", "this_year"), table.cell("fees", "cumulative"))
    assert [(c.raw, c.location) for c in cells] == [
        ("1.5", Location(line=2, column=14)),
        ("2", Location(line=2, column=17)),
    ]
    assert findings == []


def test_a_run_too_long_for_two_cells_has_no_split_and_is_shown_whole_up_to_forty_digits() -> None:
    digits = "1234567890" * 4
    table, findings = _read(f"主动公开政府信息数 条 {digits}")
    assert _values(table, "active") == (_MISSING, _MISSING)
    assert table.cell("active", "this_year").raw == digits
    assert _messages(findings) == [_undecided("主动公开政府信息数", digits, 0, "无")]


def test_a_raw_text_longer_than_forty_characters_is_cut_in_the_finding() -> None:
    digits = "1234567890" * 4 + "1"
    table, findings = _read(f"主动公开政府信息数 条 {digits}")
    assert table.cell("active", "cumulative").raw == digits
    assert _messages(findings) == [_undecided("主动公开政府信息数", digits[:40] + "…", 0, "无")]


def _printed(runs: list[str]) -> tuple[list[PrintedRow], TableText]:
    """One 主动公开 row whose runs are printed one space apart on line 1."""
    joined = _joined(" ".join(runs))
    offsets, offset = [], 0
    for run in runs:
        offsets.append(offset)
        offset += len(run) + 1
    row = PrintedRow(
        STATISTICS_ROWS[0],
        "主动公开政府信息数",
        None,
        tuple(zip(offsets, runs, strict=True)),
        Location(line=1),
    )
    return [row], joined


def test_runs_of_sixty_digits_in_all_are_still_placed() -> None:
    runs = ["123456789012345"] * 4
    printed, joined = _printed(runs)
    cells, findings = place_cells(printed, ("a", "b", "c", "d"), joined)
    assert [(c.column, c.state, c.value) for c in cells.values()] == [
        (column, CellState.READ, 123456789012345) for column in "abcd"
    ]
    assert findings == []


def test_runs_of_more_than_sixty_digits_in_all_are_not_split() -> None:
    printed, joined = _printed(["123456789012345"] * 5)
    cells, findings = place_cells(printed, ("a", "b", "c", "d", "e"), joined)
    assert {(c.state, c.value) for c in cells.values()} == {_MISSING}
    assert [(f.rule, f.message.split("，")[1]) for f in findings] == [("T3", "可拆成0种：无；无法确定")]


# --- place_cells: rows, raws, units and findings ------------------------------------------------


def test_rows_after_a_row_with_too_many_numbers_are_still_read() -> None:
    table, findings = _read("主动公开政府信息数 条 1 2 3", "行政复议数 件 4 5")
    assert _values(table, "active") == (_MISSING, _MISSING)
    assert _values(table, "review") == _read_pair(4, 5)
    assert _messages(findings) == [
        ("R4", "统计表「主动公开政府信息数」行印出3个数，多于2列，无法确定各数所属的列。")
    ]


def test_missing_money_cells_keep_the_printed_runs_and_the_printed_unit() -> None:
    table, findings = _read("依申请公开收费金额 元 01 2")
    cells = [table.cell("fees", "this_year"), table.cell("fees", "cumulative")]
    assert [(c.state, c.raw, c.unit) for c in cells] == [(CellState.MISSING, "01 2", "元")] * 2
    assert _messages(findings) == [_undecided("收费金额", "01 2", 0, "无")]


def test_missing_money_cells_without_a_printed_unit_take_the_rows_unit() -> None:
    table, _ = _read("依申请公开收费金额 01 2")
    cells = [table.cell("fees", "this_year"), table.cell("fees", "cumulative")]
    assert [(c.state, c.raw, c.unit) for c in cells] == [(CellState.MISSING, "01 2", "万元")] * 2


def test_an_undecided_split_lists_only_its_first_six_options() -> None:
    table, findings = _read("主动公开政府信息数 条 " + "1" * 14)
    assert _values(table, "active") == (_MISSING, _MISSING)
    shown = "、".join(f"{'1' * i}|{'1' * (14 - i)}" for i in range(1, 7))
    assert _messages(findings) == [_undecided("主动公开政府信息数", "1" * 14, 7, shown)]


# --- _decide: splits chosen by the sums of the table --------------------------------------------

_SIX_CHANNELS = ("当面申请数", "网上申请数", "电子邮件申请数", "传真申请数", "信函申请数", "信函、传真申请数")
_CHANNEL_KEYS = (
    "applications.in_person",
    "applications.online",
    "applications.email",
    "applications.fax",
    "applications.letter",
    "applications.letter_or_fax",
)


def _one_split(label: str, raw: str, values: str) -> tuple[str, str]:
    return ("T3", f"统计表「{label}」行的数字「{raw}」粘连，只有一种拆法符合规则（T2、T1）：{values}。")


def test_a_sum_of_rows_read_as_printed_does_not_stop_another_sum_deciding() -> None:
    # 申请办结数 ≠ 按时 + 延期 as printed; that sum has no open row, so it is not asked.
    table, findings = _read(
        "申请办结数 件 5 5",
        "按时办结数 件 1 1",
        "延期办结数 件 1 1",
        "对申请的答复总数 件 1 111",
        "同意公开答复数 件 1111",
    )
    assert _values(table, "completed") == _read_pair(5, 5)
    assert _values(table, "replies.granted") == _inferred_pair(1, 111)
    assert _messages(findings) == [_one_split("同意公开答复数", "1111", "1 | 111")]


def test_rows_are_decided_together_up_to_4096_combinations() -> None:
    # Six channels of four splits each: 4**6 = 4096 combinations, and only 1|1111111 six times sums up.
    channels = [f"{label} 件 11111111" for label in _SIX_CHANNELS]
    table, findings = _read("依申请公开信息总数 件 6 6666666", *channels)
    assert all(_values(table, key) == _inferred_pair(1, 1111111) for key in _CHANNEL_KEYS)
    assert _messages(findings) == [_one_split(label, "11111111", "1 | 1111111") for label in _SIX_CHANNELS]


def test_open_rows_outside_every_printed_sum_do_not_count_towards_the_limit() -> None:
    # Without 申请总数 the six channels are in no sum: only 同意公开's two splits are tried.
    channels = [f"{label} 件 11111111" for label in _SIX_CHANNELS]
    table, findings = _read("对申请的答复总数 件 1 111", "同意公开答复数 件 1111", *channels)
    assert _values(table, "replies.granted") == _inferred_pair(1, 111)
    assert all(_values(table, key) == (_MISSING, _MISSING) for key in _CHANNEL_KEYS)
    channel_options = "1|1111111、11|111111、111|11111、1111|1111"
    assert _messages(findings) == [
        _one_split("同意公开答复数", "1111", "1 | 111"),
        *(_undecided(label, "11111111", 4, channel_options) for label in _SIX_CHANNELS),
    ]


def test_a_total_without_any_split_leaves_its_parts_undecided() -> None:
    table, findings = _read("对申请的答复总数 件 1.5 2", "同意公开答复数 件 1111")
    assert _values(table, "replies") == (_MISSING, _MISSING)
    assert _values(table, "replies.granted") == (_MISSING, _MISSING)
    assert _messages(findings) == [
        _undecided("对申请的答复总数", "1.5 2", 0, "无"),
        _undecided("同意公开答复数", "1111", 2, "1|111、11|11"),
    ]


# --- tables/applications.py: table 三 read from a grid ---------------------------------------


def _grid(lines: list[str]) -> Grid:
    """A grid of tab-separated lines, one grid row per line."""
    return grid_of_rows([line.split("\t") for line in lines])


def _table3() -> list[str]:
    """Table 三 of the 2019 form with zeros: title, three header lines, then the 23 rows."""
    return applications_text(zero_rows()).rstrip("\n").split("\n")


def _line(lines: list[str], label: str) -> int:
    return next(i for i, line in enumerate(lines) if label in line)


def _read3(lines: list[str]) -> TableReading:
    reading = READER.read([_grid(lines)])
    assert reading is not None
    return reading


def _placed(reading: TableReading) -> dict[str, list[object]]:
    """The values placed for the 2019 layout, by row."""
    placed: dict[str, list[object]] = {}
    for (row, _), slot in reading.placement(Layout.V2019).slots.items():
        placed.setdefault(row, []).append(slot.token.value)
    return placed


def _reported(reading: TableReading) -> list[tuple[str, str, Location | None]]:
    return [(f.rule, f.message, f.location) for f in reading.findings]


def _at(row: int) -> Location:
    return Location(table=0, row=row, col=0)


_ZEROS = [0] * 7
_V2019_ROWS = [r.spec.key for r in application_rows(Layout.V2019)]


def test_a_column_header_printed_again_inside_the_table_is_skipped() -> None:
    lines = _table3()
    at = _line(lines, "（一）予以公开") + 1
    lines[at:at] = [lines[2], lines[3]]
    reading = _read3(lines)
    assert _reported(reading) == []
    assert _placed(reading) == dict.fromkeys(_V2019_ROWS, _ZEROS)


def test_a_total_row_printed_before_the_others_is_read() -> None:
    lines = _table3()
    total = lines.pop(_line(lines, "（七）总计"))
    lines.insert(4, total.replace("\t0\t0\t0\t0\t0\t0\t0", "\t1\t0\t0\t0\t0\t0\t1"))
    reading = _read3(lines)
    assert _reported(reading) == []
    assert _placed(reading) == {
        key: [1, 0, 0, 0, 0, 0, 1] if key == "total_processed" else _ZEROS for key in _V2019_ROWS
    }


def test_of_two_label_cells_matching_equally_the_first_names_the_row() -> None:
    lines = _table3()
    at = _line(lines, "（一）予以公开")
    lines[at] = "\t".join(["三、本年度办理结果", "予以公开了", "予以公开", *["0"] * 7])
    reading = _read3(lines)
    assert _reported(reading) == [
        (
            "L1",
            "表三行名「予以公开了」与标准格式「（一）予以公开」不一致，按「（一）予以公开」读取。",
            _at(at),
        )
    ]


def test_a_label_one_character_short_of_the_official_reads_as_that_row() -> None:
    lines = _table3()
    at = _line(lines, "2.其他法律行政法规禁止公开")
    lines[at] = lines[at].replace("其他法律行政法规禁止公开", "其他法律行政法规止公开")
    reading = _read3(lines)
    official = "2.其他法律行政法规禁止公开"
    assert _reported(reading) == [
        (
            "L1",
            f"表三行名「2.其他法律行政法规止公开」与标准格式「{official}」不一致，按「{official}」读取。",
            _at(at),
        )
    ]
    assert _placed(reading)["denied.law_forbidden"] == _ZEROS


def test_a_group_label_printed_differently_is_reported() -> None:
    lines = _table3()
    at = _line(lines, "（三）不予公开")
    lines[at] = lines[at].replace("（三）不予公开", "（三）不予公开的")
    reading = _read3(lines)
    assert _reported(reading) == [
        (
            "L1",
            "表三行名「（三）不予公开的」与标准格式「（三）不予公开」不一致，按「（三）不予公开」读取。",
            _at(at),
        )
    ]
    assert _placed(reading) == dict.fromkeys(_V2019_ROWS, _ZEROS)


def test_a_row_printed_twice_keeps_its_first_values_and_the_rows_after_it_are_read() -> None:
    lines = _table3()
    at = _line(lines, "（一）予以公开") + 1
    lines.insert(at, "\t".join(["", "（一）予以公开", "", "1", "1", "0", "0", "0", "0", "2"]))
    reading = _read3(lines)
    assert _reported(reading) == [("R6", "表三「（一）予以公开」行出现了两次，只取第一次。", _at(at))]
    assert _placed(reading) == dict.fromkeys(_V2019_ROWS, _ZEROS)


def test_a_numbers_row_with_an_unknown_label_after_the_last_row_is_reported() -> None:
    lines = [*_table3(), "\t".join(["某某情况", "", "", "1", "0", "0", "0", "0", "0", "1"])]
    reading = _read3(lines)
    assert _reported(reading) == [("R3", "表三有一行数字的行名无法识别：「某某情况」。", _at(len(lines) - 1))]
    assert _placed(reading) == dict.fromkeys(_V2019_ROWS, _ZEROS)


def test_an_unknown_label_where_one_row_is_left_reads_as_that_row() -> None:
    lines = _table3()
    at = _line(lines, "2.其他法律行政法规禁止公开")
    lines[at] = (
        lines[at]
        .replace("其他法律行政法规禁止公开", "某某某")
        .replace("\t0\t0\t0\t0\t0\t0\t0", "\t0\t1\t0\t0\t0\t0\t1")
    )
    reading = _read3(lines)
    assert _reported(reading) == [
        (
            "L1",
            "表三行名「2.某某某」与标准格式不符，但它所在的位置只剩「2.其他法律行政法规禁止公开」一行未出现，按该行读取。",
            _at(at),
        )
    ]
    assert _placed(reading)["denied.law_forbidden"] == [0, 1, 0, 0, 0, 0, 1]


def test_a_data_row_at_the_top_of_the_grid_is_never_its_header() -> None:
    # Column names glued into the first data row give no positions: 予以公开's six numbers stay unplaced.
    columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    lines = [
        "\t".join(["一、本年新收政府信息公开申请数量", *columns, "1", "0", "0", "0", "0", "0", "1"]),
        "\t".join(["二、上年结转政府信息公开申请数量", *["0"] * 7, *[""] * 7]),
        "\t".join(["（一）予以公开", "1", "", "0", "0", "0", "0", "1", *[""] * 7]),
        "\t".join(["（五）不予处理", "1.信访举报投诉类申请", *["0"] * 7, *[""] * 6]),
    ]
    reading = _read3(lines)
    assert _placed(reading) == {
        "new_received": [1, 0, 0, 0, 0, 0, 1],
        "carried_over": _ZEROS,
        "not_processed.petition": _ZEROS,
    }
    placement = reading.placement(Layout.V2019)
    assert [run.keys[0][0] for run in placement.incomplete] == ["granted"]


def test_table_three_needs_three_of_its_distinctive_rows() -> None:
    zeros = "\t".join(["0"] * 7)
    strong = [f"一、本年新收政府信息公开申请数量\t{zeros}", f"二、上年结转政府信息公开申请数量\t{zeros}"]
    weak = [f"五、其他处理\t{zeros}", f"总计\t{zeros}"]
    assert READER.read([_grid([*strong, *weak])]) is None
    third = f"（一）予以公开\t{zeros}"
    assert _read3([*strong, third, *weak]).table == "applications"
