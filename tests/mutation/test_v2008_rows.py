"""Pins of the pre-2019 统计表's row reading that the mutation run found unpinned (issue 14).

Each test reads a small hand-written table text (tables/v2008/rows.py, text.py) and names
the behaviour it holds: where the body starts, which columns the header gives, how a
row's text splits into label, unit and digits, the ordinals cut off between rows, the
findings on repeated rows and trailing text, and where each cell is located.
"""

from __future__ import annotations

from decimal import Decimal

from govreport.model.document import Document, Grid, Location, Paragraph, SourceInfo
from govreport.model.findings import Finding
from govreport.model.tables import CellState, StatTable
from govreport.tables.v2008.rows import read_statistics, strip_row_prefix
from govreport.tables.v2008.text import TableText, is_statistics_header, table_text

_HEADER = "指标名称 计量单位 本年度 历年累计"
_ORDINALS_TO_TEN = (
    "对申请的答复总数 件 3 9 其中：1.属于已主动公开范围数 件 0 0 2.同意公开答复数 件 1 2 "
    "3.同意部分公开答复数 件 0 0 4.不同意公开答复数 件 0 0 5.不属于本行政机关公开数 件 0 0 "
    "6.申请信息不存在数 件 0 0 7.告知作出更改补充数 件 0 0 8.告知通过其他途径办理数 件 0 0 "
    "9.其他类型答复数 件 2 7 10.行政复议数 件 1 2"
)


def _joined(*lines: str, advances: bool = True, page: int | None = None) -> TableText:
    """The table's text, one part per line, each printed at column 1 of its line."""
    joined = TableText()
    for number, line in enumerate(lines, 1):
        joined.add(line, Location(line=number, column=1, page=page), advances=advances)
    return joined


def _read(*lines: str) -> tuple[StatTable, list[Finding]]:
    return read_statistics(_joined(*lines))


def _values(table: StatTable, row: str) -> tuple[tuple[CellState, object], tuple[CellState, object]]:
    this_year, cumulative = table.cell(row, "this_year"), table.cell(row, "cumulative")
    return (this_year.state, this_year.value), (cumulative.state, cumulative.value)


def _read_row(value: int) -> tuple[CellState, object]:
    return (CellState.READ, value)


_MISSING = (CellState.MISSING, None)


# --- read_statistics: where the body starts and which columns the header gives ------------


def test_a_table_without_unit_header_reads_a_label_at_the_very_start() -> None:
    table, findings = _read("主动公开政府信息数 条 12 30", "行政复议数 件 1 2")
    assert _values(table, "active") == (_read_row(12), _read_row(30))
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert findings == []


def test_row_labels_before_the_unit_header_are_not_rows() -> None:
    table, findings = _read("行政复议数统计 指标名称 计量单位 本年度 历年累计", "行政复议数 件 1 2")
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert findings == []


def test_a_header_with_one_column_word_gives_one_column_whatever_the_body_says() -> None:
    table, findings = _read("指标名称 计量单位 本年度", "主动公开政府信息数 条 12", "行政复议数（累计） 件 3")
    assert _values(table, "active") == (_read_row(12), _MISSING)
    assert _values(table, "review") == (_read_row(3), _MISSING)
    assert findings == []


def test_a_header_without_rows_gives_an_empty_table() -> None:
    table, findings = _read(_HEADER)
    assert all((cell.state, cell.value) == _MISSING for cell in table.cells)
    assert table.location == Location(line=1, column=1)
    assert findings == []


def test_columns_are_read_in_the_order_the_header_prints_them() -> None:
    table, findings = _read("指标名称 计量单位 历年累计 本年度", "主动公开政府信息数 条 30 12")
    assert _values(table, "active") == (_read_row(12), _read_row(30))
    assert table.cell("active", "cumulative").location == Location(line=2, column=13)
    assert findings == []


def test_a_header_without_column_words_gives_this_year_then_cumulative() -> None:
    table, findings = _read("指标名称 计量单位", "主动公开政府信息数 条 12 30")
    assert _values(table, "active") == (_read_row(12), _read_row(30))
    assert findings == []


# --- read_statistics: repeated rows and text after a row's digits -------------------------


def test_a_repeated_row_is_reported_and_only_its_first_printing_is_read() -> None:
    table, findings = _read(
        _HEADER, "主动公开政府信息数 条 12 30", "主动公开政府信息数 条 5 6", "行政复议数 件 1 2"
    )
    assert _values(table, "active") == (_read_row(12), _read_row(30))
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert [(f.rule, f.message, f.cells, f.location) for f in findings] == [
        ("R6", "统计表中「主动公开政府信息数」行重复出现，只读第一次。", (), None)
    ]


def test_a_repeated_row_finding_comes_before_the_cell_findings() -> None:
    _, findings = _read(_HEADER, "行政复议数 件 1 2", "行政复议数 件 1 2", "行政诉讼数 件 1 2 3")
    assert [f.rule for f in findings] == ["R6", "R4"]
    assert findings[1].location == Location(line=4, column=1)


def test_digits_after_a_rows_cells_are_reported_with_label_and_thirty_characters() -> None:
    note = "备注：其中3件为上年结转，均已在法定期限内办结并答复申请人，无一被纠错"
    table, findings = _read(_HEADER, "主动公开政府信息数 条 12 30", f"行政复议数 件 1 2 {note}")
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert len(note) > 31
    assert [(f.rule, f.message, f.cells, f.location) for f in findings] == [
        (
            "R3",
            f"统计表「行政复议数」行之后有无法识别的文字「{note[:30]}」，未读取。",
            (),
            Location(line=3, column=1),
        )
    ]


def test_a_bracketed_number_after_the_last_row_is_trailing_text_not_an_ordinal() -> None:
    table, findings = _read(_HEADER, "主动公开政府信息数 条 12 30", "行政复议数 件 1 2（3）")
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert [(f.rule, f.message) for f in findings] == [
        ("R3", "统计表「行政复议数」行之后有无法识别的文字「（3）」，未读取。")
    ]


# --- read_statistics and strip_row_prefix: the ordinals between rows ----------------------


def test_digit_ordinals_after_the_first_row_are_cut_off() -> None:
    table, findings = _read(
        _HEADER, "主动公开政府信息数 条 12 30 1.政府网站公开数 条 10 25 2.政府公报公开数 条 2 5"
    )
    assert _values(table, "active") == (_read_row(12), _read_row(30))
    assert _values(table, "active.website") == (_read_row(10), _read_row(25))
    assert _values(table, "active.gazette") == (_read_row(2), _read_row(5))
    assert findings == []


def test_the_tenth_ordinal_is_cut_off_whole_after_the_ninth() -> None:
    table, findings = _read(_HEADER, _ORDINALS_TO_TEN)
    assert _values(table, "replies.other") == (_read_row(2), _read_row(7))
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert findings == []


def test_a_glued_two_digit_ordinal_is_whole_only_when_it_is_the_expected_one() -> None:
    assert strip_row_prefix("件0110.", 9) == ("件01", 10)
    assert strip_row_prefix("件011.", 9) == ("件01", 1)
    assert strip_row_prefix("件0012.", 11) == ("件00", 12)


def test_a_glued_ordinal_not_expected_is_one_digit() -> None:
    assert strip_row_prefix("件002.", None) == ("件00", 2)
    assert strip_row_prefix("件002.", 1) == ("件00", 2)
    assert strip_row_prefix("条 5 9 1.", None) == ("条 5 9 ", 1)


def test_a_segment_without_ordinal_is_kept_whole() -> None:
    assert strip_row_prefix("件 1 2", 3) == ("件 1 2", None)
    assert strip_row_prefix("件 1 2 其中：", 3) == ("件 1 2", None)


# --- _row_matches: adjacent labels ---------------------------------------------------------


def test_a_label_right_after_another_is_its_own_row() -> None:
    table, findings = _read(_HEADER, "当面申请数网上申请数件 4 9")
    assert _values(table, "applications.online") == (_read_row(4), _read_row(9))
    assert _values(table, "applications.in_person") == (_MISSING, _MISSING)
    assert findings == []


# --- _parse_segment and _first_value_digit: label, unit and digits ------------------------


def test_a_row_without_unit_reads_its_digits() -> None:
    table, findings = _read(_HEADER, "行政复议数 1 2", "依申请公开收费金额 0.5 1.25")
    assert _values(table, "review") == (_read_row(1), _read_row(2))
    assert _values(table, "fees") == ((CellState.READ, Decimal("0.5")), (CellState.READ, Decimal("1.25")))
    assert table.cell("fees", "this_year").unit == "万元"
    assert findings == []


def test_the_unit_is_cut_at_its_last_occurrence_in_the_label() -> None:
    _, findings = _read(_HEADER, "行政复议数（含撤回件） 件 1 2 3")
    assert [(f.rule, f.message) for f in findings] == [
        ("R4", "统计表「行政复议数（含撤回件）」行印出3个数，多于2列，无法确定各数所属的列。")
    ]


def test_digits_inside_brackets_belong_to_the_label() -> None:
    table, findings = _read(_HEADER, "其他方式公开政府信息数（含X平台1个） 条 4 9")
    assert _values(table, "active.other_channels") == (_read_row(4), _read_row(9))
    assert findings == []


def test_digits_after_a_nested_bracket_belong_to_the_label() -> None:
    table, findings = _read(_HEADER, "其他方式公开政府信息数（含新媒体(微博)3个） 条 4 9")
    assert _values(table, "active.other_channels") == (_read_row(4), _read_row(9))
    assert findings == []


# --- TableText.locate: grid cells stay, paragraph text advances and keeps its page --------


def test_a_grid_cells_digits_are_located_at_the_cell() -> None:
    joined = TableText()
    for number, text in enumerate(("指标名称", "计量单位", "本年度", "历年累计", "行政复议数", "件", "1 2")):
        joined.add(
            text,
            Location(line=number + 1, column=3, table=0, row=number // 4, col=number % 4),
            advances=False,
        )
    table, findings = read_statistics(joined)
    grid_cell = Location(line=7, column=3, table=0, row=1, col=2)
    assert [table.cell("review", c).location for c in ("this_year", "cumulative")] == [grid_cell, grid_cell]
    assert table.location == Location(line=1, column=3, table=0, row=0, col=0)
    assert findings == []


def test_paragraph_digits_keep_the_page_they_are_printed_on() -> None:
    table, _ = read_statistics(_joined(_HEADER, "行政复议数 件 1 2", page=4))
    assert table.cell("review", "cumulative").location == Location(line=2, column=11, page=4)
    assert table.location == Location(line=1, column=1, page=4)


# --- tables/v2008/text.py: table_text, where the 统计表 starts -----------------------------------


def _document(*blocks: Paragraph | Grid) -> Document:
    source = SourceInfo(format="text", sha256="0" * 64, size=0)
    return Document(blocks=blocks, source=source)


def _one_row_grid(*texts: str) -> Grid:
    n = len(texts)
    return Grid.from_flat(0, texts, (0,) * n, tuple(range(n)), 1, n, Location(line=1, column=1, table=0))


def test_a_grid_header_split_across_cells_starts_the_table() -> None:
    found = table_text(_document(_one_row_grid("指标", "名称", "计量单位", "本年")))
    assert found is not None and found.text == "指标\n名称\n计量单位\n本年"


def test_a_grid_header_is_looked_for_in_its_first_twelve_cells_only() -> None:
    assert table_text(_document(_one_row_grid(*("x",) * 10, "指标名称", "计量单位"))) is not None
    assert table_text(_document(_one_row_grid(*("x",) * 11, "指标名称", "计量单位"))) is None


def test_a_paragraph_header_needs_the_unit_header_after_the_name_header() -> None:
    at = Location(line=3, column=1)
    assert table_text(_document(Paragraph(text="计量单位 指标名称", location=at))) is None
    found = table_text(_document(Paragraph(text="说明：指标名称 计量单位 本年", location=at)))
    assert found is not None and found.text == "指标名称 计量单位 本年"


def test_a_paragraph_header_keeps_its_page_and_starts_at_its_first_column_when_unknown() -> None:
    found = table_text(
        _document(Paragraph(text="说明：指标名称 计量单位", location=Location(line=3, page=2)))
    )
    assert found is not None
    assert found.locate(0) == Location(line=3, column=1 + 3, page=2)


def test_the_table_goes_on_over_row_lines_and_ends_at_the_first_other_line() -> None:
    rows = [
        Paragraph(text=f"主动公开政府信息数 条 {n}", location=Location(line=n + 4, column=1))
        for n in range(3)
    ]
    other = Paragraph(text="其他说明", location=Location(line=9, column=1))
    header = Paragraph(text="指标名称 计量单位", location=Location(line=3, column=1))
    found = table_text(_document(header, *rows, other, *rows))
    assert found is not None
    assert found.text.split("\n") == ["指标名称 计量单位", *(r.text for r in rows)]


def test_the_table_takes_at_most_seventy_nine_row_lines_after_its_header() -> None:
    rows = [
        Paragraph(text=f"主动公开政府信息数 条 {n}", location=Location(line=n + 4, column=1))
        for n in range(85)
    ]
    header = Paragraph(text="指标名称 计量单位", location=Location(line=3, column=1))
    found = table_text(_document(header, *rows))
    assert found is not None
    assert found.text.split("\n")[1:] == [r.text for r in rows[:79]]


def test_a_statistics_header_line_names_the_unit_after_the_row_names() -> None:
    assert is_statistics_header("指标名称 计量单位 本年 累计")
    assert not is_statistics_header("计量单位：件 指标名称")
