"""Pins of table 四's reading, table assembly and table 二's blocks that mutation testing found unpinned.

Each test names the behaviour it holds: how table 四 is recognised and what its extra rows
report, the findings ``finalize`` adds (text cells, absent rows) and the equations it
recovers with, and how table 二's reader walks its blocks, headers and duplicate rows.
"""

from __future__ import annotations

import pytest

from govreport import Report, parse
from govreport.model.findings import Finding
from govreport.model.messages import Lang
from govreport.model.tables import Layout
from govreport.parser import Parser
from govreport.testing import synthetic
from tests.helpers import active, applications_text, report_text, zero_rows
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


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
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
    ],
)
def test_table_four_rows_after_the_first_are_each_reported_with_their_text_and_place(
    lang: Lang, expected: list[str]
) -> None:
    text = report_text(_review(REVIEW_HEADER, _tabbed(*_REVIEW_VALUES), _tabbed(*[0] * 15), "合计\t3\t4"))
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
def test_rows_not_found_are_listed_in_either_language_at_the_table(lang: Lang, message: str) -> None:
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
    truth = synthetic.generate(11, layout=Layout.V2021, hybrid_other=True)
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


# --- tables/active.py: ActiveReader ------------------------------------------------------


def _active_cells(report: Report) -> dict[tuple[str, str], tuple[str, object]]:
    return {(c.row, c.column): (c.state.value, c.value) for c in report.table("active").cells}


def test_blocks_after_a_caption_printed_outside_the_table_are_still_checked() -> None:
    """Block （一）'s caption is a heading line: table 二 starts at its 信息内容 row; later captions count."""
    text = active().replace("第二十条第（一）项\t\t\t\n", "第二十条第（一）项\n")
    text = text.replace("第二十条第（五）项", "第二十一条第（五）项")
    report = parse(report_text(text))
    table = report.table("active")
    assert table.location is not None and (table.location.line, table.location.row) == (6, 0)
    (l1,) = _only(report, "L1")
    assert (
        l1.message == "表二标题「第二十一条第（五）项」与标准格式「第二十条第（五）项」不一致，按后者读取。"
    )
    assert l1.location is not None and l1.location.line == 9
    assert [e.cue for e in report.version_evidence] == [
        "表二第（一）项表头：本年新制作数量、本年新公开数量、对外公开总数量",
        "表二第（八）项表头：上一年项目数量、本年增/减",
        "表二有第二十条第（九）项",
        "表二第（九）项表头：采购项目数量、采购总金额",
    ]


def test_a_lone_content_row_is_the_block_header_before_the_column_names_below_it() -> None:
    """信息内容 alone on a block's first header row makes it the header: the names below give no positions."""
    text = active().replace(
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0",
        "信息内容\t\t\t\n\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t\t5\t6",
    )
    report = parse(report_text(text))
    cells = _active_cells(report)
    assert [cells[("regulations", c)] for c in ("made", "published", "total_public")] == [
        ("missing", None)
    ] * 3
    assert cells[("normative_documents", "total_public")] == ("read", 0)
    (r1,) = _only(report, "R1")
    assert r1.message.startswith("「规章」应有3个数，只印了2个（5 6）")
    assert not any(e.cue.startswith("表二第（一）项") for e in report.version_evidence)


_ACTIVE_V2021 = """二、主动公开政府信息情况
第二十条第（一）项\t\t\t
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t1\t2\t3
行政规范性文件\t4\t5\t6
第二十条第（五）项\t\t\t
信息内容\t本年处理决定数量\t\t
{licensing}
第二十条第（六）项\t\t\t
信息内容\t本年处理决定数量\t\t
行政处罚\t40\t\t
行政强制\t20\t\t
{nine}第二十条第（八）项\t\t\t
信息内容\t本年收费金额（单位：万元）\t\t
行政事业性收费\t7\t\t
"""
_V2021_ACTIVE_CELLS = {
    ("regulations", "issued"): ("read", 1),
    ("regulations", "repealed"): ("read", 2),
    ("regulations", "in_force"): ("read", 3),
    ("normative_documents", "issued"): ("read", 4),
    ("normative_documents", "repealed"): ("read", 5),
    ("normative_documents", "in_force"): ("read", 6),
    ("licensing", "decisions"): ("read", 26),
    ("penalty", "decisions"): ("read", 40),
    ("enforcement", "decisions"): ("read", 20),
    ("fees", "amount"): ("read", 7),
}


def test_a_v2019_block_inside_a_v2021_table_two_is_skipped_and_the_blocks_after_it_read() -> None:
    nine = "第二十条第（九）项\t\t\t\n信息内容\t采购项目数量\t采购总金额\t\n政府集中采购\t2\t3\t\n"
    report = parse(report_text(_ACTIVE_V2021.format(licensing="行政许可\t26\t\t", nine=nine), year=2022))
    assert report.table("active").layout == "v2021"
    assert _active_cells(report) == _V2021_ACTIVE_CELLS


def test_a_v2019_row_inside_a_v2021_block_is_skipped_and_the_rows_after_it_read() -> None:
    licensing = "其他对外管理服务事项\t9\t\t\n行政许可\t26\t\t"
    report = parse(report_text(_ACTIVE_V2021.format(licensing=licensing, nine=""), year=2022))
    assert report.table("active").layout == "v2021"
    assert _active_cells(report) == _V2021_ACTIVE_CELLS


def test_a_repeated_row_is_reported_where_it_stands_and_the_rows_after_it_read() -> None:
    text = active().replace("规范性文件\t0\t0\t0", "规章\t7\t7\t7\n规范性文件\t1\t2\t3")
    report = parse(report_text(text))
    (r6,) = _only(report, "R6")
    assert r6.message == "表二「规章」行出现了两次，只取第一次。"
    assert r6.location is not None and (r6.location.line, r6.location.row) == (8, 3)
    cells = _active_cells(report)
    assert [cells[("regulations", c)] for c in ("made", "published", "total_public")] == [("read", 0)] * 3
    assert [cells[("normative_documents", c)] for c in ("made", "published", "total_public")] == [
        ("read", 1),
        ("read", 2),
        ("read", 3),
    ]
