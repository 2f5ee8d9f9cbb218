"""Pins of table 四's reading, table assembly and table 二's blocks that mutation testing found unpinned.

Each test names the behaviour it holds: how table 四 is recognised and what its extra rows
report, the findings ``finalize`` adds (text cells, absent rows) and the equations it
recovers with, and how table 二's reader walks its blocks, headers and duplicate rows.
"""

from __future__ import annotations

import pytest

from govreport import Report, parse
from govreport.model.findings import Finding
from govreport.parser import Parser
from tests.helpers import report_text
from tests.rule_cases import REVIEW_HEADER

_REVIEW_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
_REVIEW_VALUES = (1, 2, 0, 0, 3, 0, 1, 0, 0, 1, 2, 0, 0, 0, 2)


def _tabbed(*fields: object) -> str:
    return "\t".join(str(f) for f in fields)


def _review(header: list[str], *rows: str) -> str:
    return "\n".join([_REVIEW_HEADING, *header, *rows]) + "\n"


def _only(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def _review_values(report: Report) -> list[object] | None:
    table = report.get_table("review_litigation")
    return None if table is None else [c.value for c in table.cells]


# --- tables/review.py: ReviewLitigationReader._read -------------------------------------


def test_table_four_rows_after_the_first_are_each_reported_with_their_text_and_place() -> None:
    text = report_text(_review(REVIEW_HEADER, _tabbed(*_REVIEW_VALUES), _tabbed(*[0] * 15), "合计\t3\t4"))
    for lang, expected in (
        (
            "zh",
            [
                "表四有多余的数据行「0 0 0 0 0 0 0 0 0 0 0 0 0 0 0」，未读取。",
                "表四有多余的数据行「合计 3 4」，未读取。",
            ],
        ),
        (
            "en",
            [
                "table 4 has an extra data row 「0 0 0 0 0 0 0 0 0 0 0 0 0 0 0」; not read.",
                "table 4 has an extra data row 「合计 3 4」; not read.",
            ],
        ),
    ):
        report = Parser(lang=lang).parse(text)
        extra = _only(report, "R3")
        assert [f.message for f in extra] == expected
        assert [(f.location.line, f.location.row) for f in extra if f.location] == [(9, 4), (10, 5)]
        assert _review_values(report) == list(_REVIEW_VALUES)


def test_table_four_row_with_more_numbers_than_columns_names_table_four() -> None:
    report = parse(report_text(_review(REVIEW_HEADER, _tabbed(*_REVIEW_VALUES, 0))))
    (r4,) = _only(report, "R4")
    assert r4.message == "表四「第4行（无行名）」行印出的数比15列多，无法确定各数所属的列。"
    assert {c.table for c in r4.cells} == {"review_litigation"}
    assert len(r4.cells) == 15


# --- tables/review.py: ReviewLitigationReader._layout ------------------------------------


def test_table_four_header_naming_two_groups_is_read_by_count_not_by_position() -> None:
    """Without its 行政复议 label the header names 15 columns but two groups: the official order is kept."""
    header = [REVIEW_HEADER[0].replace("行政复议", ""), *REVIEW_HEADER[1:]]
    report = parse(report_text(_review(header, _tabbed(*_REVIEW_VALUES))))
    assert _review_values(report) == list(_REVIEW_VALUES)
    assert report.findings == ()


# --- tables/review.py: _names_table_four -------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "行政复议\t行政诉讼",
        "行政复议\t复议后起诉",
        "行政复议\t直接起诉",
        "行政复议\t结果维持\t结果纠正\t总计",
        "行政诉讼\t结果维持\t其他结果\t尚未审结",
    ],
)
def test_table_four_is_named_by_both_parts_or_by_one_and_three_columns(header: str) -> None:
    report = parse(report_text(_review([header], _tabbed(*_REVIEW_VALUES))))
    assert _review_values(report) == list(_REVIEW_VALUES)


def test_one_part_and_two_columns_do_not_name_table_four() -> None:
    report = parse(report_text(_review(["行政复议\t结果维持\t结果纠正"], _tabbed(*_REVIEW_VALUES))))
    assert _review_values(report) is None
