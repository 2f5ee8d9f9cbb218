"""Rule T2 and label_key at the edges the mutation run found unpinned (issue 14).

T2: every field and both languages of its finding, and a row with one number is skipped.
label_key: the folded key of a label the cache has not seen yet.
"""

from __future__ import annotations

import itertools

from govreport import Finding, Report, parse
from govreport.checks.statistics import T2
from govreport.model.messages import speaking
from govreport.model.tables import CellState
from govreport.normalize.text import label_key
from tests.helpers import with_cell

# 不同意公开 prints 本年度 5 above its 历年累计 3; the other rows are consistent.
_ABOVE = (
    "二〇一八年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n政府信息公开情况统计表\n"
    "指标名称\t计量单位\t本年度\t历年累计\n"
    "对申请的答复总数\t件\t7\t9\n"
    "其中：1.同意公开答复数\t件\t2\t6\n"
    "2.不同意公开答复数\t件\t5\t3\n"
)

# A suffix no other test passes to label_key, so the first call computes the key afresh;
# it has no marks or capitals, so it stays as it is in the key.
_UNSEEN = (f"未见标签{n}" for n in itertools.count())


def _t2(report: Report) -> list[Finding]:
    assert T2.check is not None
    return list(T2.check(report))


# --- T2: 本年度 ≤ 历年累计 -----------------------------------------------------------------


def test_t2_finding_names_the_row_both_values_and_its_cells() -> None:
    (found,) = [f for f in parse(_ABOVE).findings if f.rule == "T2"]
    assert found.message == "统计表「不同意公开答复数」：本年度 5 大于历年累计 3。"
    assert (found.formula, found.left, found.right, found.difference) == (
        "本年度 ≤ 历年累计 [replies.denied]",
        5,
        3,
        2,
    )
    assert [(c.row, c.column) for c in found.cells] == [
        ("replies.denied", "this_year"),
        ("replies.denied", "cumulative"),
    ]
    with speaking("en"):
        (english,) = _t2(parse(_ABOVE))
    assert english.message == (
        "statistics table 「不同意公开答复数」: this year's 5 is more than the cumulative 3."
    )


def test_t2_skips_a_row_whose_cumulative_has_no_number() -> None:
    # 历年累计 of 不同意公开 unread: 本年度 5 has nothing to be compared with.
    unread = with_cell(
        parse(_ABOVE), "statistics", "replies.denied", "cumulative", state=CellState.PLACEHOLDER, value=None
    )
    assert _t2(unread) == []


# --- label_key -------------------------------------------------------------------------------


def test_label_key_folds_width_case_breaks_and_punctuation_of_a_new_label() -> None:
    unseen = next(_UNSEEN)
    text = f"三、本 年度<br/>办理（ＡＢ） {unseen}"
    assert label_key(text) == f"三本年度办理ab{unseen}"
    assert label_key(text) == f"三本年度办理ab{unseen}"  # the cached key is the computed one


def test_label_key_keeps_a_label_without_marks_in_lower_case() -> None:
    unseen = next(_UNSEEN)
    assert label_key(f"Total{unseen}") == f"total{unseen}"
    assert label_key(f"Total{unseen}") == f"total{unseen}"
