"""Rules N2, T1 and S4 (item rows) at the edges the mutation run found unpinned (issue 14).

N2: which statements form a group, and every field and both languages of its finding.
T1: every field of its finding, and that a column without numbers does not end the row.
S4: an item row with no previous count is skipped; a negative sum names both cells.
"""

from __future__ import annotations

from attrs import evolve

from govreport import Finding, Report, parse
from govreport.checks.heuristics import S4
from govreport.checks.narrative import N2
from govreport.checks.statistics import T1
from govreport.model.document import Location
from govreport.model.messages import speaking
from govreport.model.rules import Check, Rule
from govreport.model.tables import CellState
from tests.helpers import active, report_text, with_cell
from tests.rule_cases import STATISTICS_TEMPLATE

# One 依申请 count stated once, then two keys stated twice with different values:
# a labelled one (the category 政务动态) and an unlabelled one (active.total).
_TWICE = (
    "二、主动公开政府信息情况\n全年共受理申请3件。\n"
    "本年度公开“政务动态”类信息50条。全年主动公开政府信息100条。\n"
    "“政务动态”类信息60条。\n全年共主动公开政府信息120条。\n"
)


def _found(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def _run(rule: Rule[Check], report: Report) -> list[Finding]:
    assert rule.check is not None
    return list(rule.check(report))


# --- N2: one value per narrative key ------------------------------------------------------


def test_n2_reports_each_conflicting_key_after_a_key_stated_once() -> None:
    found = _found(parse(_TWICE), "N2")
    assert [f.message for f in found] == [
        "正文对 active.category（政务动态） 给出 2 个不同数值："
        "「“政务动态”类信息50条」= 50（line 3:6）；「“政务动态”类信息60条」= 60（line 4:1）。",
        "正文对 active.total 给出 2 个不同数值："
        "「主动公开政府信息100条」= 100（line 3:21）；「主动公开政府信息120条」= 120（line 5:4）。",
    ]


def test_n2_finding_carries_formula_both_values_and_the_first_location() -> None:
    category, total = _found(parse(_TWICE), "N2")
    assert (category.formula, category.left, category.right) == ("active.category 只有一个数值", 50, 60)
    assert category.location == Location(line=3, column=6)
    assert (total.formula, total.left, total.right, total.difference) == (
        "active.total 只有一个数值",
        100,
        120,
        -20,
    )
    assert total.location == Location(line=3, column=21)


def test_n2_message_in_english_joins_values_with_semicolons() -> None:
    with speaking("en"):
        messages = [f.message for f in _run(N2, parse(_TWICE))]
    assert messages == [
        "the text gives 2 different values for active.category (「政务动态」): "
        "「“政务动态”类信息50条」 = 50 (line 3:6); 「“政务动态”类信息60条」 = 60 (line 4:1).",
        "the text gives 2 different values for active.total: "
        "「主动公开政府信息100条」 = 100 (line 3:21); 「主动公开政府信息120条」 = 120 (line 5:4).",
    ]


def test_n2_skips_the_parts_of_a_whole_and_compares_the_wholes_after_them() -> None:
    report = parse(
        "二、主动公开政府信息情况\n"
        "全年主动公开政府信息100条，其中区直部门主动公开政府信息60条，乡镇主动公开政府信息40条。\n"
        "全年共主动公开政府信息120条。\n"
    )
    assert [(s.value, s.part) for s in report.narrative] == [
        (100, False),
        (60, True),
        (40, True),
        (120, False),
    ]
    (found,) = _found(report, "N2")
    assert found.message == (
        "正文对 active.total 给出 2 个不同数值："
        "「主动公开政府信息100条」= 100（line 2:3）；「主动公开政府信息120条」= 120（line 3:4）。"
    )


def test_n2_groups_an_unlabelled_key_whatever_label_its_statements_carry() -> None:
    report = parse(_TWICE)
    # A label on a whole of a key without labels (as a hand-built report may have) does not split it.
    narrative = tuple(
        evolve(s, label="全区") if (s.key, s.value) == ("active.total", 120) else s for s in report.narrative
    )
    found = _run(N2, evolve(report, narrative=narrative))
    assert [(f.formula, f.left, f.right) for f in found] == [
        ("active.category 只有一个数值", 50, 60),
        ("active.total 只有一个数值", 100, 120),
    ]
    assert found[1].message.startswith("正文对 active.total 给出 2 个不同数值：")


# --- T1: a 统计表 total equals its printed parts ------------------------------------------


def test_t1_finding_names_the_equation_both_sides_and_its_cells() -> None:
    (found,) = _found(parse(STATISTICS_TEMPLATE.format(replies="5", refused="5")), "T1")
    formula = "对申请的答复总数 = replies.granted + replies.denied [this_year]"
    assert found.message == f"统计表：{formula} 不成立，左边 5，右边 4，相差 1。"
    assert (found.formula, found.left, found.right, found.difference) == (formula, 5, 4, 1)
    assert [(c.row, c.column) for c in found.cells] == [
        ("replies", "this_year"),
        ("replies.granted", "this_year"),
        ("replies.denied", "this_year"),
    ]
    with speaking("en"):
        (english,) = _run(T1, parse(STATISTICS_TEMPLATE.format(replies="5", refused="5")))
    assert english.message == (
        f"statistics table: 「{formula}」 does not hold: left 5, right 4, difference 1."
    )


def test_t1_checks_the_next_column_when_one_has_a_cell_without_a_number() -> None:
    report = parse(STATISTICS_TEMPLATE.format(replies="4", refused="6"))
    # 本年度 of 同意公开 unread: that column is skipped, 历年累计 (9 against 4 + 6) is still checked.
    unread = with_cell(
        report, "statistics", "replies.granted", "this_year", state=CellState.PLACEHOLDER, value=None
    )
    found = _run(T1, unread)
    assert [(f.formula, f.left, f.right) for f in found] == [
        ("对申请的答复总数 = replies.granted + replies.denied [cumulative]", 9, 10)
    ]


# --- S4: v2019 table 二 item rows -----------------------------------------------------------


def test_s4_skips_an_item_row_without_a_previous_count() -> None:
    report = parse(report_text(active().replace("行政许可\t5\t0\t0", "行政许可\t\t-1\t0")))
    table = report.table("active")
    assert table is not None
    prev, change = (table.cell("licensing", c) for c in ("items_prev_year", "items_change"))
    assert (prev.state, change.state, change.value) == (CellState.BLANK, CellState.READ, -1)
    assert _run(S4, report) == []


def test_s4_negative_items_finding_names_the_previous_and_change_cells() -> None:
    report = parse(report_text(active(change="-6")))
    (found,) = _found(report, "S4")
    assert found.message == "表二 licensing：上一年项目数量 5 加本年增/减 -6 为负数。"
    assert (found.left, found.right) == (-1, 0)
    assert [(c.row, c.column) for c in found.cells] == [
        ("licensing", "items_prev_year"),
        ("licensing", "items_change"),
    ]
