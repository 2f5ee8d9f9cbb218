"""Split markup tables, cell-line rows and declared charsets: the cases mutation testing found unpinned."""

from __future__ import annotations

import pytest

from govreport.model.document import Location, Paragraph
from govreport.normalize.decode import declared_charset
from govreport.readers.cell_lines import _rows
from govreport.readers.cells import RawCell, RawTable, continuation_skip, join_lines, merge_split_tables


def table(*rows: list[str]) -> RawTable:
    """A table of one-position cells, row by row."""
    cells = [RawCell(text, r, c, 1, 1, r + 1) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return RawTable(cells, len(rows), max(len(row) for row in rows), 1)


def texts_by_row(t: RawTable) -> list[tuple[int, int, str]]:
    return [(c.row, c.col, c.text) for c in t.cells]


def test_the_first_cjk_radical_joins_wrapped_pieces_without_a_space() -> None:
    assert join_lines(["\u2e80", "\u2e80"]) == "\u2e80\u2e80"
    assert join_lines(["\u2e7f", "\u2e80"]) == "\u2e7f \u2e80"


def test_a_table_with_its_own_header_is_a_new_table() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    second = table(["类别", "件数"], ["其他", "2"])
    assert continuation_skip(first, second) is None


def test_a_table_starting_with_a_data_row_continues_the_one_before() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    assert continuation_skip(first, table(["其他", "2"], ["合计", "3"])) == 0
    assert continuation_skip(first, table(["其他", "2"])) == 0  # a single row piece too


def test_numbers_below_a_text_first_row_do_not_make_a_continuation() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    assert continuation_skip(first, table(["说明", "备注"], ["其他", "2"])) is None


def test_a_first_table_starting_with_numbers_is_not_continued_by_a_headed_one() -> None:
    first = table(["规章", "1"], ["其他", "2"])
    assert continuation_skip(first, table(["项目", "数量"], ["合计", "3"])) is None


def test_a_repeated_one_row_header_is_dropped_and_the_rows_counted() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    second = table(["项目", "数量"], ["其他", "2"], ["合计", "3"])
    assert continuation_skip(first, second) == 1
    merged = merge_split_tables([first, second])
    assert merged == [first]
    assert first.n_rows == 4
    assert texts_by_row(first)[4:] == [(2, 0, "其他"), (2, 1, "2"), (3, 0, "合计"), (3, 1, "3")]


def test_a_piece_holding_only_the_repeated_header_is_a_table_of_its_own() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    header_only = table(["项目", "数量"])
    assert continuation_skip(first, header_only) is None
    assert merge_split_tables([first, header_only]) == [first, header_only]


def test_merging_goes_on_after_the_first_joined_piece() -> None:
    first = table(["项目", "数量"], ["规章", "1"])
    piece = table(["其他", "2"])
    after = Paragraph(text="说明", location=Location(line=9))
    other = table(["类别", "件数"], ["合计", "3"])
    assert merge_split_tables([first, piece, after, other]) == [first, after, other]
    assert first.n_rows == 3


def spanning(rows: int, beyond: int) -> RawTable:
    """A two-column table whose second cell (a label) declares ``beyond`` rows more than it has."""
    t = table(*([["值", "标签"]] + [["1"] for _ in range(rows - 1)]))
    t.n_cols = 2
    t.cells[1] = t.cells[1]._replace(row_span=rows)
    t.overflow = [(1, beyond)]
    return t


def test_a_row_span_ending_with_the_next_piece_holds_nothing_further() -> None:
    t = spanning(2, 3)
    t.continue_with(table(["2"], ["3"], ["4"]))
    assert t.cells[1].row_span == 5
    assert t.overflow == []
    assert t.held_columns() == []


def test_a_row_span_longer_than_the_next_piece_carries_the_rest_on() -> None:
    t = spanning(2, 5)
    t.continue_with(table(["2"], ["3"]))
    assert t.cells[1].row_span == 4
    assert t.held_columns() == [(1, 1, 3)]
    t.continue_with(table(["4"], ["5"], ["6"]))
    assert t.cells[1].row_span == 7
    assert t.held_columns() == []


def test_a_piece_overflowing_in_turn_hands_its_own_spans_on() -> None:
    t = spanning(2, 1)
    piece = table(["2", "小计"], ["3"])
    piece.cells[1] = piece.cells[1]._replace(row_span=2)
    piece.overflow = [(1, 4)]
    t.continue_with(piece)
    assert t.n_rows == 4
    assert t.cells[1].row_span == 3
    assert t.cells[4] == RawCell("小计", 2, 1, 2, 1, 1)
    assert t.held_columns() == [(1, 1, 4)]
    assert t.overflow == [(4, 4)]


AT = Location(line=1)


def row_texts(lines: list[str]) -> list[list[str]]:
    return [[text for text, _ in row] for row in _rows([(line, AT) for line in lines])]


def test_a_single_label_under_a_caption_is_one_row_with_its_numbers() -> None:
    assert row_texts(["第二十条第（一）项", "规章", "0", "1"]) == [["第二十条第（一）项"], ["规章", "0", "1"]]


def test_header_lines_under_a_caption_form_one_header_row() -> None:
    lines = ["第二十条第（一）项", "信息内容", "本年新制作数量", "规章", "0"]
    assert row_texts(lines) == [["第二十条第（一）项"], ["信息内容", "本年新制作数量"], ["规章", "0"]]


def test_labels_after_data_rows_each_start_a_row() -> None:
    lines = ["信息内容", "数量", "规章", "0", "一、甲", "（一）乙", "（二）丙", "5"]
    assert row_texts(lines) == [
        ["信息内容", "数量"],
        ["规章", "0"],
        ["一、甲"],
        ["（一）乙"],
        ["（二）丙", "5"],
    ]


def test_a_number_before_any_label_starts_a_row_of_its_own() -> None:
    assert row_texts(["7", "规章", "0"]) == [["7"], ["规章", "0"]]


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<meta charset="GBK">', "gbk"),
        (b'<?xml version="1.0" encoding="UTF-8"?><html>', "utf-8"),
        (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb2312"),
    ],
)
def test_a_declared_charset_is_found_at_the_start_and_lowered(head: bytes, charset: str) -> None:
    assert declared_charset(head) == charset


def test_a_declaration_after_the_first_4_kib_is_not_read() -> None:
    assert declared_charset(b" " * 4090 + b'<meta charset="gbk">') is None
    assert declared_charset(b" " * 4000 + b'<meta charset="gbk">') == "gbk"
