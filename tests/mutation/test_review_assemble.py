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
from govreport.testing import synthetic
from tests.helpers import applications_text, report_text, zero_rows
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


# --- tables/assemble.py: finalize --------------------------------------------------------


def test_text_in_value_cells_is_reported_once_with_each_cell_and_the_first_place() -> None:
    printed = [str(v) for v in _REVIEW_VALUES]
    printed[2], printed[7] = "见附件", "不详"
    report = parse(report_text(_review(REVIEW_HEADER, _tabbed(*printed))))
    (r5,) = _only(report, "R5")
    assert r5.message == (
        "四、政府信息公开行政复议、行政诉讼情况中有单元格的文字不是数字："
        "review/other「见附件」、litigation_direct/other「不详」；按占位符处理，不计为0。"
    )
    first = report.table("review_litigation").cell("review", "other").location
    assert first is not None and (first.line, first.row, first.col) == (8, 3, 2)
    assert r5.location == first
    assert [(c.table, c.row, c.column, c.location) for c in r5.cells] == [
        ("review_litigation", "review", "other", first),
        ("review_litigation", "litigation_direct", "other", first),
    ]


def _applications_without(*absent: str) -> str:
    rows = zero_rows()
    for row in absent:
        del rows[row]
    return report_text(applications_text(rows))


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "zh",
            "三、收到和处理政府信息公开申请情况中按v2019格式应有的3行未找到："
            "partial, denied.state_secret, denied.law_forbidden；这些单元格标为 missing。",
        ),
        (
            "en",
            "table 3 (applications received and handled): 3 rows of the v2019 form were not found: "
            "partial, denied.state_secret, denied.law_forbidden; their cells are marked missing.",
        ),
    ],
)
def test_rows_not_found_are_listed_in_either_language_at_the_table(lang: str, message: str) -> None:
    report = Parser(lang=lang).parse(
        _applications_without("partial", "denied.state_secret", "denied.law_forbidden")
    )
    (r3,) = _only(report, "R3")
    assert r3.message == message
    table = report.table("applications")
    assert table.location is not None and table.location.line == 5
    assert r3.location == table.location
    assert len(r3.cells) == 21 and {c.location for c in r3.cells} == {table.location}
    assert {c.row for c in r3.cells} == {"partial", "denied.state_secret", "denied.law_forbidden"}


def test_a_hybrid_other_row_printed_short_is_completed_by_the_hybrid_equations() -> None:
    """A v2021 table 三 printing the v2019 row （六）其他处理 with one number lost: its row total gives it."""
    truth = synthetic.generate(11, layout="v2021", hybrid_other=True)
    lines = truth.text.split("\n")
    (i,) = [n for n, line in enumerate(lines) if "其他" in line and "处理\t" in line]
    fields = lines[i].split("\t")
    assert fields[4] == "26"  # 商业企业
    del fields[4]
    lines[i] = "\t".join(fields)
    report = parse("\n".join(lines))
    other = {
        c.column: (c.state.value, c.value) for c in report.table("applications").cells if c.row == "other"
    }
    assert other == {
        "natural_person": ("read", 0),
        "commercial_enterprise": ("inferred", 26),
        "research_institution": ("read", 0),
        "public_welfare_org": ("read", 19),
        "legal_service_org": ("read", 67),
        "other_org": ("read", 0),
        "total": ("read", 112),
    }
    (r2,) = _only(report, "R2")
    assert "（六）其他处理" in r2.message and "1个单元格按规则补出" in r2.message
