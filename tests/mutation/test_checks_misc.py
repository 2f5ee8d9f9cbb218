"""Rules N1, N3, H8, R7 and M1 at the edges mutation testing found unpinned."""

from __future__ import annotations

from decimal import Decimal

import pytest
from attrs import evolve

from govreport import Report, parse
from govreport.checks.cells import has_number
from govreport.checks.narrative import N3
from govreport.checks.repairs import M1
from govreport.model.document import Location
from govreport.model.messages import Lang, speaking
from govreport.model.tables import Cell, CellState
from govreport.parser import Parser
from govreport.readers.markdown_tables import RESTORED_LABEL_NOTE
from tests.helpers import active, applications_text, report_text, with_cell, zero_rows
from tests.rule_cases import table3, table4

# Table 三 of tests.rule_cases receives 3 new applications; the text says 5.
_RECEIVED_FIVE = report_text(active(), table3(), table4(), "本年度共收到政府信息公开申请5件。")
_OLD_HEAD = "二〇一二年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n"


def _findings(report: Report, rule: str) -> list[tuple[str, Location | None]]:
    return [(f.message, f.location) for f in report.findings if f.rule == rule]


def _n3_messages(report: Report) -> list[str]:
    with speaking("zh"):
        return [f.message for f in N3.check(report)]


# --- N1: narrative breakdowns ------------------------------------------------------------
def test_channels_of_a_total_are_its_breakdown() -> None:
    report = parse(
        "四、咨询处理情况\n全年累计接受群众咨询275次。其中咨询电话接听154次；当面咨询接待120次。\n"
    )
    (finding,) = [f for f in report.findings if f.rule == "N1"]
    assert finding.message == (
        "「接受群众咨询275次」，分项之和为 274"
        "（consultation.channel.phone 154、consultation.channel.in_person 120）。"
    )
    assert finding.formula == "consultation.total = Σ consultation.channel"
    assert (finding.left, finding.right) == (275, 274)


def test_parts_that_add_up_to_their_whole_give_no_finding() -> None:
    report = parse(
        "二、主动公开政府信息情况\n"
        "全区主动公开政府信息100条，其中区直部门主动公开政府信息60条，乡镇主动公开政府信息40条。\n"
    )
    assert [(s.value, s.part) for s in report.narrative] == [(100, False), (60, True), (40, True)]
    assert _findings(report, "N1") == []


def test_parts_without_shares_are_summed_all() -> None:
    report = parse(
        "二、主动公开政府信息情况\n"
        "全区主动公开政府信息100条，其中区直部门主动公开政府信息60条，乡镇主动公开政府信息30条。\n"
    )
    (finding,) = [f for f in report.findings if f.rule == "N1"]
    assert finding.message == "「主动公开政府信息100条」，分项之和为 90（区直部门 60、乡镇 30）。"
    assert finding.formula == "active.total = Σ active.total 的分项"


# --- N3: text against tables -------------------------------------------------------------
def test_an_approximate_count_is_not_compared() -> None:
    report = parse(report_text(active(), table3(), table4(), "本年度共收到政府信息公开申请约5件。"))
    assert [(s.key, s.approximate) for s in report.narrative] == [("applications.received", True)]
    assert _findings(report, "N3") == []


def test_an_approximate_count_does_not_stop_the_later_comparisons() -> None:
    text = report_text(
        active(), table3(), table4(), "本年度共收到政府信息公开申请约3件。因政府信息公开申请行政复议2件。"
    )
    (finding,) = [f for f in parse(text).findings if f.rule == "N3"]
    assert finding.formula == "正文 review.total = 表格"
    assert (finding.left, finding.right) == (2, 1)


def test_a_blank_cell_does_not_stop_the_later_comparisons() -> None:
    text = report_text(
        active(penalty=""), table3(), table4(), "全年公开行政处罚决定19件。本年度共收到政府信息公开申请5件。"
    )
    (finding,) = [f for f in parse(text).findings if f.rule == "N3"]
    assert finding.formula == "正文 applications.received = 表格"
    assert (finding.left, finding.right) == (5, 3)


def test_a_stat_without_location_is_said_to_be_at_an_unknown_location() -> None:
    report = parse(_RECEIVED_FIVE)
    report = evolve(report, narrative=tuple(evolve(s, location=None) for s in report.narrative))
    assert _n3_messages(report) == [
        "正文「收到政府信息公开申请5件」（unknown location）与三、收到和处理政府信息公开申请情况 "
        "new_received/total（line 28:32, table 1 r3c9） 的 3 不一致。"
    ]


def test_a_cell_without_location_is_named_by_its_keys_alone() -> None:
    report = with_cell(parse(_RECEIVED_FIVE), "applications", "new_received", "total", location=None)
    assert _n3_messages(report) == [
        "正文「收到政府信息公开申请5件」（line 58:5）与三、收到和处理政府信息公开申请情况 "
        "new_received/total 的 3 不一致。"
    ]


def _fees(stated: str, printed: str, unit: str) -> Report:
    return parse(
        f"{_OLD_HEAD}六、收费情况\n依申请公开政府信息收取费用{stated}。\n政府信息公开情况统计表\n"
        f"指标名称\t计量单位\t本年度\t历年累计\n依申请公开收费金额\t{unit}\t{printed}\t{printed}\n"
    )


@pytest.mark.parametrize(
    ("stated", "printed", "unit", "compared"),
    [
        ("12000元", "1.2", "万元", None),
        ("1200元", "1.2", "万元", (Decimal(1200), Decimal(12000))),
        ("1.2万元", "12000", "元", None),
        ("1.2万元", "1.2", "元", (Decimal("1.2"), Decimal("0.00012"))),
    ],
)
def test_fees_are_converted_to_the_texts_unit(
    stated: str, printed: str, unit: str, compared: tuple[Decimal, Decimal] | None
) -> None:
    report = _fees(stated, printed, unit)
    assert [s.key for s in report.narrative] == ["fees.charged"]
    found = [(f.left, f.right) for f in report.findings if f.rule == "N3"]
    assert found == ([] if compared is None else [compared])


def test_a_fee_cell_without_a_unit_is_compared_as_printed() -> None:
    report = with_cell(_fees("1200元", "1.2", "万元"), "statistics", "fees", "this_year", unit=None)
    assert _n3_messages(report) == [
        "正文「收取费用1200元」（line 5:10）与政府信息公开情况统计表 "
        "fees/this_year（line 8:14, table 0 r1c2） 的 1.2 不一致。"
    ]
    same = with_cell(report, "statistics", "fees", "this_year", value=Decimal(1200))
    assert _n3_messages(same) == []


# --- H8: one form for all tables ---------------------------------------------------------
_MIXED = report_text(active(), applications_text(zero_rows("v2021"), "v2021"))
_CUES_ZH = (
    "表二第（一）项表头：本年新制作数量、本年新公开数量、对外公开总数量（v2019）；"
    "表二第（八）项表头：上一年项目数量、本年增/减（v2019）；"
    "表二有第二十条第（九）项（v2019）；"
    "表二第（九）项表头：采购项目数量、采购总金额（v2019）；"
    "表三（六）其他处理分为三个子项（v2021）"
)
_CUES_EN = (
    "「表二第（一）项表头：本年新制作数量、本年新公开数量、对外公开总数量」 (v2019); "
    "「表二第（八）项表头：上一年项目数量、本年增/减」 (v2019); "
    "「表二有第二十条第（九）项」 (v2019); "
    "「表二第（九）项表头：采购项目数量、采购总金额」 (v2019); "
    "「表三（六）其他处理分为三个子项」 (v2021)"
)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("zh", "表格混用了2019版与2021版格式：" + _CUES_ZH),
        ("en", "the tables mix the 2019 and 2021 forms: " + _CUES_EN),
    ],
)
def test_mixed_forms_list_every_table_cue_at_the_first(lang: Lang, message: str) -> None:
    report = Parser(lang=lang).parse(_MIXED)
    ((said, location),) = _findings(report, "H8")
    assert said == message
    assert location is not None and (location.line, location.table, location.row) == (6, 0, 1)


# --- R7: a part whose table was not read ---------------------------------------------------
def test_a_2019_form_report_names_a_part_without_table_under_old_headings() -> None:
    applications = table3().replace("三、收到和处理政府信息公开申请情况", "三、依申请公开情况")
    report = parse(report_text("二、主动公开政府信息情况", "本年度主动公开情况见附表。", applications))
    assert report.version.value == "v2019"
    assert _findings(report, "R7") == [
        (
            "有「主动公开政府信息情况」部分，但没有读到二、主动公开政府信息情况的统计表；其单元格一个也没有读出。",
            Location(line=4, column=1),
        )
    ]


def test_new_form_headings_make_a_narrative_report_name_parts_without_tables() -> None:
    text = report_text(
        "二、主动公开政府信息情况",
        "本年度主动公开情况见附表。",
        "三、收到和处理政府信息公开申请情况",
        "本年度情况见附表。",
        year=2015,
    )
    report = parse(text)
    assert report.version.value == "narrative"
    assert [location for _, location in _findings(report, "R7")] == [
        Location(line=4, column=1),
        Location(line=6, column=1),
    ]


# --- M1: a restored label without table 三 ------------------------------------------------
def test_a_restored_label_is_reported_even_without_table_three() -> None:
    report = parse(report_text("本年度情况见附件。"))
    assert report.get_table("applications") is None
    note = RESTORED_LABEL_NOTE.format(line=12, label="（三）不予公开")
    report = evolve(report, source=evolve(report.source, notes=(note,)))
    with speaking("zh"):
        (finding,) = M1.check(report)
    assert finding.message == "第12行的一行数字没有行名，按前后行的次序读作「（三）不予公开」。"
    assert (finding.cells, finding.location) == ((), Location(line=12))


# --- has_number: only read or inferred cells count -----------------------------------------
@pytest.mark.parametrize("state", [CellState.BLANK, CellState.PLACEHOLDER, CellState.MISSING])
def test_a_cell_that_was_not_read_has_no_number_whatever_its_value(state: CellState) -> None:
    cell = Cell(table="active", row="penalty", column="decisions", value=0, state=state)
    assert not has_number(cell)
    assert has_number(evolve(cell, state=CellState.INFERRED))
