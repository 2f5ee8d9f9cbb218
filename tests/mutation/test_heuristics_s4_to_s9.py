"""Pins of the heuristic rules S4-S9 that the mutation run found unpinned (issue 14).

Each test builds a small report text, parses it and asserts the exact findings of one rule:
which rows S4 checks and what its findings say, which nil statements S5 skips, the fields of
S6's two findings, S7's date window at its edges, and S9's thin-section test and message.
"""

from __future__ import annotations

from govreport import Finding, Report, parse
from govreport.checks import run_checks
from govreport.model.document import Location
from govreport.model.tables import CellState
from tests.helpers import active, report_text, with_cell
from tests.rule_cases import table3, table4

_SECTION_FIVE = "政策解读形式不够丰富，下一步将加强培训，完善工作机制。"


def _found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


# --- S4: v2019 table 二 -------------------------------------------------------------------


def test_s4_total_below_published_names_the_row_both_counts_and_the_formula() -> None:
    report = parse(report_text(active(r1="0", r2="5", r3="3")))
    (found,) = _found(report, "S4")
    assert found.message == "表二 regulations：对外公开总数量 3 小于本年新公开数量 5。"
    assert found.formula == "对外公开总数量 >= 本年新公开数量"
    assert (found.left, found.right, found.difference) == (3, 5, -2)
    assert [(c.row, c.column) for c in found.cells] == [
        ("regulations", "total_public"),
        ("regulations", "published"),
    ]


def test_s4_checks_previous_items_plus_change_in_every_item_row() -> None:
    # Each item row's change takes it one below zero.
    table = (
        active()
        .replace("行政许可\t5\t0\t0", "行政许可\t5\t-6\t0")
        .replace("其他对外管理服务事项\t58\t0", "其他对外管理服务事项\t58\t-59")
        .replace("行政处罚\t26\t0", "行政处罚\t26\t-27")
        .replace("行政强制\t1\t0", "行政强制\t1\t-2")
        .replace("行政事业性收费\t0\t0", "行政事业性收费\t0\t-1")
    )
    found = _found(parse(report_text(table)), "S4")
    assert [f.message for f in found] == [
        "表二 licensing：上一年项目数量 5 加本年增/减 -6 为负数。",
        "表二 other_services：上一年项目数量 58 加本年增/减 -59 为负数。",
        "表二 penalty：上一年项目数量 26 加本年增/减 -27 为负数。",
        "表二 enforcement：上一年项目数量 1 加本年增/减 -2 为负数。",
        "表二 fees：上一年项目数量 0 加本年增/减 -1 为负数。",
    ]
    assert all((f.left, f.right, f.formula) == (-1, 0, "上一年项目数量 + 本年增/减 >= 0") for f in found)


# --- S5: nothing to report, said in words, against the tables ------------------------------


def test_s5_skips_a_nil_statement_of_another_topic_and_checks_the_next() -> None:
    # 全部实行免费 (topic fees) comes first; S5 has no table for it and goes on to 行政复议.
    text = report_text(
        "本机关全部实行免费。", "本年度未发生行政复议、行政诉讼。", active(), table3(), table4()
    )
    report = parse(text)
    assert [n.topic for n in report.nil_statements] == ["fees", "review_litigation"]
    (found,) = _found(report, "S5")
    assert found.message == (
        "正文称「本年度未发生行政复议、行政诉讼。」，但四、政府信息公开行政复议、行政诉讼情况合计为 1。"
    )
    assert (found.left, found.right) == (0, 1)


def test_s5_skips_a_topic_whose_table_is_missing_and_checks_the_next() -> None:
    # No table 三 for 未收到申请; table 四 still counts one 行政复议.
    report = parse(report_text("本年度未收到政府信息公开申请，未发生行政复议。", active(), table4()))
    assert [n.topic for n in report.nil_statements] == ["applications", "review_litigation"]
    assert report.get_table("applications") is None
    (found,) = _found(report, "S5")
    assert [(c.table, c.row, c.column) for c in found.cells] == [
        ("review_litigation", "review", "total"),
        ("review_litigation", "litigation_direct", "total"),
        ("review_litigation", "litigation_after_review", "total"),
    ]
    assert found.right == 1


def test_s5_counts_only_cells_whose_state_holds_a_number() -> None:
    # Table 四 prints all zeros; a blank cell that still carries a value is not a count.
    report = parse(report_text("本年度未发生行政复议。", active(), table3(), table4(("0",) * 15)))
    assert _found(report, "S5") == []
    blanked = with_cell(report, "review_litigation", "review", "total", state=CellState.BLANK, value=3)
    assert [f for f in run_checks(blanked) if f.rule == "S5"] == []


# --- S6: title year against the statistics period and the 文号 -----------------------------


def _s6_report() -> Report:
    period = "本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。"
    return parse(report_text(period, "印发文号：某府办〔2018〕3号", active()))


def test_s6_period_finding_gives_both_years_the_formula_and_the_period_location() -> None:
    report = _s6_report()
    assert report.metadata.period is not None
    period_finding, _ = _found(report, "S6")
    assert (
        period_finding.message
        == "标题年度 2020 与统计期限「统计期限自2019年1月1日起至2019年12月31日」不一致。"
    )
    assert period_finding.formula == "标题年度 = 统计期限年度"
    assert (period_finding.left, period_finding.right, period_finding.difference) == (2020, 2019, 1)
    assert period_finding.location == report.metadata.period.location == Location(line=4, column=1)


def test_s6_number_finding_gives_the_number_year_the_expected_year_and_the_number_location() -> None:
    report = _s6_report()
    _, number_finding = _found(report, "S6")
    assert number_finding.message == "文号「印发文号：某府办〔2018〕3号」的年份与报告年度 2020 不符。"
    assert number_finding.formula == "文号年份 ∈ {报告年度, 报告年度+1}"
    assert (number_finding.left, number_finding.right, number_finding.difference) == (2018, 2021, -3)
    assert number_finding.location == report.metadata.document_number_location == Location(line=5, column=1)


# --- S7: issue date between 1 January and 31 March of the next year ------------------------


def _issued(date: str) -> Report:
    return parse(report_text(active(), table3(), table4()) + f"\n某镇人民政府\n{date}\n")


def test_s7_accepts_the_first_of_january_of_the_next_year() -> None:
    report = _issued("2021年1月1日")
    assert str(report.metadata.issue_date) == "2021-01-01"
    assert _found(report, "S7") == []


def test_s7_flags_a_date_inside_the_report_year_with_its_message_and_location() -> None:
    report = _issued("2020年6月1日")
    (found,) = _found(report, "S7")
    assert found.message == "印发日期 2020-06-01 不在 2021-01-01 至 2021-03-31 之间。"
    assert found.location is not None
    assert found.location == report.metadata.issue_date_location


# --- S9: section 五 has content -----------------------------------------------------------


def _section_five(body: str) -> Report:
    return parse(report_text(active(), table3(), table4()).replace(_SECTION_FIVE, body))


def test_s9_flags_a_short_section_that_is_not_just_none() -> None:
    report = _section_five("暂无问题")
    (found,) = _found(report, "S9")
    assert found.message == "「存在的主要问题及改进情况」部分内容过少：「暂无问题」。"
    section = report.section("problems")
    assert section is not None
    assert found.location == section.location == Location(line=58, column=1)


def test_s9_accepts_exactly_ten_characters() -> None:
    assert _found(_section_five("一二三四五六七八九十"), "S9") == []
    assert len(_found(_section_five("一二三四五六七八九"), "S9")) == 1


def test_s9_does_not_count_spaces_as_content() -> None:
    # Nine characters between full-width spaces: 21 characters printed, nine of content.
    body = "问题　　　　较少　　　　，　　　　将改进。"
    (found,) = _found(_section_five(body), "S9")
    assert (
        found.message
        == "「存在的主要问题及改进情况」部分内容过少：「问题　　　　较少　　　　，　　　　将改进」。"
    )


def test_s9_flags_none_followed_by_any_number_of_full_stops() -> None:
    (found,) = _found(_section_five("无" + "。" * 22), "S9")
    assert found.message == "「存在的主要问题及改进情况」部分内容过少：「无" + "。" * 19 + "」。"


def test_s9_strips_only_full_stops_after_none() -> None:
    assert _found(_section_five("无XXXXXXXXXXX"), "S9") == []
