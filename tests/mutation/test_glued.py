"""Glued table text (tables/glued.py), pinned where the mutation run found it unpinned.

Labels are named through :func:`classify` at the edges of its label-fit rule (how much
text may follow a row's core, which core wins a tie, which cores are looked at); one-column
grids of glued lines are read through :func:`grid_pairs` and :func:`read_glued`, whose
rows, layout cues and placed keys are asserted exactly.
"""

from __future__ import annotations

import pytest

from govreport.model.document import Grid, GridCell, Location
from govreport.model.tables import Layout
from govreport.tables import glued
from govreport.tables.glued import GluedPair, classify, grid_pairs, read_glued
from govreport.tables.layouts import APPLICANT_COLUMNS, APPLICATIONS, cell_keys

ACTIVE = "active"
REVIEW = ("review_litigation", "")
_SEVEN_ZEROS = "0000000"
_NEW = "一、本年新收政府信息公开申请数量"
_CARRIED = "二、上年结转政府信息公开申请数量"
_GRANTED = "三、本年度办理结果（一）予以公开"
_PARTIAL_REST = "（区分处理的，只计这一情形，不计其他情形）"


def _grid(*lines: str) -> Grid:
    """A one-column grid, one cell per line, as the text reader makes of glued lines."""
    cells = tuple(
        GridCell(text=t, row=r, col=0, location=Location(line=r + 1, column=1, table=0, row=r, col=0))
        for r, t in enumerate(lines)
    )
    return Grid(
        index=0, cells=cells, n_rows=len(cells), n_cols=1, location=Location(line=1, column=1, table=0)
    )


def _at(line: int, column: int) -> Location:
    return Location(line=line, column=column, table=0)


# --- classify: which table and row a label names ---------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "行政复议行政诉讼结果维持结果纠正其他结果尚未审结合计",
        # The last line of 表四's column names alone: two groups' 结果维持 are enough.
        "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计",
    ],
)
def test_review_header_is_named_by_its_column_words(label: str) -> None:
    assert classify(label) == REVIEW


def test_review_header_needs_both_review_and_litigation() -> None:
    # 行政复议 alone is not 表四's header: its closing 总计 names table 三's total row.
    assert classify("行政复议结果维持结果纠正其他结果尚未审结总计") == (APPLICATIONS, "total_processed")


def test_review_heading_without_column_names_is_no_row() -> None:
    assert classify("五、政府信息公开行政复议、行政诉讼情况") == (None, None)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("部分公开", (APPLICATIONS, "partial")),  # a shortened label: the core alone
        (f"部分公开{_PARTIAL_REST}", (APPLICATIONS, "partial")),  # the rest of the label as printed
        ("部分公开（区分处理的，只计这一情形，不计）", (APPLICATIONS, "partial")),  # 4 of 17 lost
        ("行政许可事项", (ACTIVE, "licensing")),  # two characters more than the label
        ("合计数", (APPLICATIONS, "total_processed")),  # 合计: a core the official label lacks
    ],
)
def test_a_core_followed_by_its_own_label_text_names_its_row(label: str, expected: tuple[str, str]) -> None:
    assert classify(label) == expected


@pytest.mark.parametrize(
    "label",
    [
        f"部分公开{_PARTIAL_REST}的数量",  # three characters more than the label
        "8.属于行政查询类案件",  # three edits from 事项, a 2-character rest
        "合计总数计",  # 合计's rest is empty, not the rest of 七总计
    ],
)
def test_a_core_followed_by_other_words_names_no_row(label: str) -> None:
    assert classify(label) == (None, None)


def test_the_last_occurrence_of_a_core_is_the_one_read() -> None:
    assert classify("行政许可类信息行政许可") == (ACTIVE, "licensing")


def test_of_two_equally_long_cores_the_row_listed_first_wins() -> None:
    # 总计 and 信访 both fit (two characters after 总计 are allowed); 信访's row comes first.
    assert classify("总计信访") == (APPLICATIONS, "not_processed.petition")


def test_a_core_overlapped_by_the_core_found_before_it_is_not_read() -> None:
    # 上年结转 takes the characters 结转, so 结转下年 (carried_forward) is never found.
    assert classify("上年结转下年度继续办理") == (None, None)


def test_a_core_found_only_inside_a_longer_core_is_still_read() -> None:
    # 收费通知 is found within the whole label, and its last occurrence (in 本年新收费通知,
    # where 本年新收 took it) is followed by nothing: the row is named by it.
    label = "2申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请本年新收费通知"
    assert classify(label) == (APPLICATIONS, "other.overdue_fee")


# --- grid_pairs: the pairs of a grid of glued lines ------------------------------------------


def test_the_first_line_starts_with_no_label_text() -> None:
    pairs = grid_pairs(_grid("规章000行政规范性文件693"))
    assert [(p.label, p.run, p.table, p.row) for p in pairs] == [
        ("规章", "000", ACTIVE, "regulations"),
        ("行政规范性文件", "693", ACTIVE, "normative_documents"),
    ]


def test_a_wrapped_run_records_where_its_next_line_starts_in_the_run() -> None:
    (pair,) = grid_pairs(_grid("规章 100", "5"))
    assert pair.run == "100\n5"
    assert pair.segments == ((4, _at(2, 1)),)
    assert pair.run[pair.segments[0][0] :] == "5"


def test_numbers_after_an_em_space_continue_the_run_before_them() -> None:
    # An em space is no run space: the 5 is a run with no label, so it continues 规章's run.
    (pair,) = grid_pairs(_grid("规章000\u20035"))
    assert (pair.label, pair.run, pair.row) == ("规章", "000\n5", "regulations")
    assert pair.segments == ((4, _at(1, 7)),)


def test_a_cache_entry_of_another_grid_at_the_same_id_is_not_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    grid = _grid("规章000")
    freed = _grid("规章111")  # stands for a freed grid whose id was reused
    stale = [GluedPair("规章", "111", _at(1, 3), ACTIVE, "regulations")]
    monkeypatch.setitem(glued._PAIRS._entries, (id(grid), None), (freed, stale))
    assert [(p.label, p.run) for p in grid_pairs(grid)] == [("规章", "000")]


# --- read_glued: a table read from glued grids -----------------------------------------------


@pytest.mark.parametrize("weak", ["（七）总计", "3.其他", "（六）其他处理"])
def test_table_three_needs_three_rows_besides_totals_and_other(weak: str) -> None:
    grid = _grid(f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{weak}{_SEVEN_ZEROS}")
    assert [p.row for p in grid_pairs(grid)] == [
        "new_received",
        "carried_over",
        {"（七）总计": "total_processed", "3.其他": "other.other", "（六）其他处理": "other"}[weak],
    ]
    assert read_glued(APPLICATIONS, [grid]) is None


def test_table_three_is_read_from_three_distinctive_rows() -> None:
    grid = _grid(f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{_GRANTED}{_SEVEN_ZEROS}")
    reading = read_glued(APPLICATIONS, [grid])
    assert reading is not None
    assert reading.location == _at(1, len(_NEW) + 1)
    assert reading.evidence == []
    placed = reading.placement(Layout.V2019).glued
    assert [(g.keys[0][0], g.text, g.label) for g in placed] == [
        ("new_received", _SEVEN_ZEROS, _NEW),
        ("carried_over", _SEVEN_ZEROS, _CARRIED),
        ("granted", _SEVEN_ZEROS, _GRANTED),
    ]


def test_table_two_header_words_are_layout_cues() -> None:
    label = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章"
    reading = read_glued(ACTIVE, [_grid(f"{label}000")])
    assert reading is not None
    where = _at(1, len(label) + 1)
    assert reading.location == where
    assert reading.evidence == [
        (Layout.V2021, f"表二表头有「{word}」（粘连文本）", where) for word in ("制发", "废止", "现行有效")
    ]


def test_a_single_other_row_is_a_v2019_cue_at_that_row() -> None:
    text = f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{_GRANTED}{_SEVEN_ZEROS}（六）其他处理{_SEVEN_ZEROS}"
    reading = read_glued(APPLICATIONS, [_grid(text)])
    assert reading is not None
    other_at = _at(1, text.index("（六）其他处理") + len("（六）其他处理") + 1)
    assert reading.evidence == [(Layout.V2019, "表三（六）其他处理为单行", other_at)]


def test_other_sub_rows_are_a_v2021_cue_at_the_table() -> None:
    text = f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{_GRANTED}{_SEVEN_ZEROS}3.其他{_SEVEN_ZEROS}"
    reading = read_glued(APPLICATIONS, [_grid(text)])
    assert reading is not None
    assert reading.evidence == [(Layout.V2021, "表三（六）其他处理分为三个子项", _at(1, len(_NEW) + 1))]


def test_printed_other_sub_rows_leave_the_hybrid_other_row_unplaced() -> None:
    text = (
        f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{_GRANTED}{_SEVEN_ZEROS}"
        f"（六）其他处理{_SEVEN_ZEROS}3.其他{_SEVEN_ZEROS}"
    )
    reading = read_glued(APPLICATIONS, [_grid(text)])
    assert reading is not None
    columns = tuple(c.key for c in APPLICANT_COLUMNS)
    v2021 = reading.placement(Layout.V2021).glued
    assert [g.keys for g in v2021] == [
        tuple((row, c) for c in columns) for row in ("new_received", "carried_over", "granted", "other.other")
    ]
    # 2019's table has no 3.其他 row: that run is not placed there.
    v2019 = reading.placement(Layout.V2019).glued
    assert [g.keys[0][0] for g in v2019] == ["new_received", "carried_over", "granted", "other"]


def test_the_hybrid_other_row_is_placed_when_no_sub_row_is_printed() -> None:
    text = f"{_NEW}{_SEVEN_ZEROS}{_CARRIED}{_SEVEN_ZEROS}{_GRANTED}{_SEVEN_ZEROS}（六）其他处理{_SEVEN_ZEROS}"
    reading = read_glued(APPLICATIONS, [_grid(text)])
    assert reading is not None
    placed = reading.placement(Layout.V2021).glued
    assert [g.keys[0][0] for g in placed] == ["new_received", "carried_over", "granted", "other"]


# --- is_review_row_under_header: 表四's run on the line below its header -----------------------

_REVIEW_HEADER = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
_REVIEW_RUN = "1 2 3 4 10 5 6 7 8 26 9 10 11 12 42"


def test_a_run_of_numbers_under_the_review_header_is_its_row() -> None:
    assert glued.is_review_row_under_header(_REVIEW_HEADER, _REVIEW_RUN)
    assert glued.is_review_row_under_header(_REVIEW_HEADER, _REVIEW_RUN.replace(" ", ""))


def test_a_header_with_a_number_is_not_the_review_header_line() -> None:
    assert not glued.is_review_row_under_header(_REVIEW_HEADER + "2023", _REVIEW_RUN)


def test_a_line_with_words_after_its_numbers_is_not_the_review_row() -> None:
    # Joined to the header it would still read as 表四's row: only a line of numbers alone counts.
    line = _REVIEW_RUN + " x"
    assert not glued.is_number_line(line)
    assert [p.table for p in glued.glued_pairs(_REVIEW_HEADER + line, _at(1, 1))[0]] == ["review_litigation"]
    assert not glued.is_review_row_under_header(_REVIEW_HEADER, line)


@pytest.mark.parametrize(
    ("line", "numbers_only"),
    [("12 0 3", True), (" 1,024 ", True), ("", False), ("   ", False), ("合计", False), ("12 件", False)],
)
def test_a_number_line_holds_numbers_and_nothing_else(line: str, numbers_only: bool) -> None:
    assert glued.is_number_line(line) is numbers_only


def test_table_four_read_only_from_glued_text_is_found_by_its_reader() -> None:
    from govreport.tables.review import ReviewLitigationReader

    header = (
        "行政复议结果维持结果纠正其他结果尚未审结总计行政诉讼未经复议直接起诉结果维持结果纠正其他结果尚未审结总计"
        "复议后起诉结果维持结果纠正其他结果尚未审结总计"
    )
    reading = ReviewLitigationReader().read([_grid(header, _REVIEW_RUN)])
    assert reading is not None and reading.table == "review_litigation"
    (run,) = reading.placement(Layout.V2021).glued
    assert run.keys == tuple(cell_keys("review_litigation", Layout.V2021))
    assert run.text == _REVIEW_RUN


# --- glued_pairs: labels, runs, tables and where each run is --------------------------------

_AT = Location(line=2, column=5, page=3, table=1)


def test_a_pair_is_located_on_the_page_and_column_of_its_run() -> None:
    (pair,), rest = glued.glued_pairs("规章000", _AT)
    assert (pair.label, pair.run, pair.table, pair.row, rest) == ("规章", "000", "active", "regulations", "")
    assert pair.location == Location(line=2, column=5 + 2, page=3, table=1)


def test_a_line_without_a_known_column_counts_columns_from_one() -> None:
    (pair,), _ = glued.glued_pairs("规章000", Location(line=2))
    assert pair.location == Location(line=2, column=1 + 2)


def test_a_run_before_a_numbered_label_loses_the_number_and_the_space_before_it() -> None:
    (pair,), rest = glued.glued_pairs("规章 5 1.属于国家秘密", _AT)
    assert (pair.run, rest) == ("5", " 1.属于国家秘密")


def test_a_count_followed_by_a_measure_word_names_no_table_and_no_row() -> None:
    (pair,), rest = glued.glued_pairs("本年新收申请5件", _AT)
    assert (pair.label, pair.run, rest) == ("本年新收申请", "5", "件")
    assert pair.table is None and pair.row is None


def test_table_four_needs_fifteen_digits_in_its_run() -> None:
    (short,), _ = glued.glued_pairs(_REVIEW_HEADER + "1" * 14, _AT)
    assert short.table is None and short.row is None
    (full,), _ = glued.glued_pairs(_REVIEW_HEADER + "1" * 15, _AT)
    assert (full.table, full.row) == ("review_litigation", "")
