"""Pins of rules S10 (fees but 六 says 无), S11 (all done but carried forward) and V1 (version
against year) that the mutation run found unpinned (issue 14): which fees count, at which
amount they start to count, the exact messages, numbers and locations of the findings.
"""

from __future__ import annotations

from attrs import evolve

from govreport import Finding, Report, parse
from govreport.checks.heuristics import _s10, _v1
from govreport.model.document import Location
from govreport.model.report import FormatVersion
from govreport.model.tables import Layout
from govreport.tables.layouts import ACTIVE
from govreport.testing import synthetic
from tests.helpers import active, report_text, with_cell
from tests.rule_cases import table3, table4

_OVERVIEW = "本镇认真贯彻落实政府信息公开条例。"
_OTHER_HEADING = "六、其他需要报告的事项"


def _findings(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def _v2019(*parts: str, part_six: str = "无。", year: int = 2020) -> Report:
    """The small 2019-form report of tests/helpers.py with ``parts`` in part 一 and ``part_six`` as 六."""
    text = report_text(*parts, active(), table3(), table4(), year=year)
    assert text.endswith(f"{_OTHER_HEADING}\n无。")
    return parse(text.removesuffix("无。") + part_six)


def _v2021(fee: str, *, part_six: str = "无。") -> Report:
    """A generated 2021-form report whose 行政事业性收费 amount is ``fee`` and whose 六 is ``part_six``."""
    lines = synthetic.generate(11, layout=Layout.V2021, year=2022).text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("行政事业性收费"))
    fields = lines[row].split("\t")
    fields[1] = fee
    lines[row] = "\t".join(fields)
    text = "\n".join(lines)
    return parse(text[: text.index(_OTHER_HEADING)] + f"{_OTHER_HEADING}\n{part_six}\n")


def _other_location(report: Report) -> Location | None:
    section = report.section("other")
    assert section is not None
    return section.location


# --- S10 ----------------------------------------------------------------------------------


def test_fee_in_the_text_with_part_six_none_is_one_finding_at_part_six() -> None:
    report = _v2019("本年度收取信息处理费12.5元。")
    (found,) = _findings(report, "S10")
    assert found.message == "已收费（信息处理费 12.5元），但「其他需要报告的事项」为「无」。"
    assert found.location == _other_location(report)
    assert found.location is not None and found.location.line == 61
    assert (found.left, found.right, found.cells) == (None, None, ())


def test_fee_in_the_text_keeps_its_printed_unit() -> None:
    (found,) = _findings(_v2019("本年度收取信息处理费300元。"), "S10")
    assert found.message == "已收费（信息处理费 300元），但「其他需要报告的事项」为「无」。"
    (found,) = _findings(_v2019("本年度收取信息处理费0.3万元。"), "S10")
    assert found.message == "已收费（信息处理费 0.3万元），但「其他需要报告的事项」为「无」。"


def test_fee_in_the_text_counts_from_any_amount_above_zero() -> None:
    (found,) = _findings(_v2019("本年度收取信息处理费1元。"), "S10")
    assert found.message == "已收费（信息处理费 1元），但「其他需要报告的事项」为「无」。"
    (found,) = _findings(_v2019("本年度收取信息处理费0.5元。"), "S10")
    assert found.message == "已收费（信息处理费 0.5元），但「其他需要报告的事项」为「无」。"


def test_fee_of_zero_in_the_text_is_no_finding() -> None:
    assert _findings(_v2019("本年度收取信息处理费0元。"), "S10") == []
    assert _findings(_v2019("本年度收取信息处理费0.00万元。"), "S10") == []


def test_part_six_with_only_a_full_stop_counts_as_none() -> None:
    report = _v2019("本年度收取信息处理费12.5元。", part_six="。")
    section = report.section("other")
    assert section is not None and section.text == "。"
    (found,) = _findings(report, "S10")
    assert found.message == "已收费（信息处理费 12.5元），但「其他需要报告的事项」为「无」。"
    assert found.location == section.location


def test_part_six_with_content_is_no_finding() -> None:
    assert (
        _findings(_v2019("本年度收取信息处理费12.5元。", part_six="本年度收取信息处理费12.5元。"), "S10")
        == []
    )


def test_fee_amount_may_start_the_next_part_of_the_text() -> None:
    # Parts are joined by one line break: an amount 18 characters after 信息处理费, across the
    # break, is still within the pattern's 20-character reach.
    gap = "（依照国务院办公厅有关规定标准收取）"
    assert len(gap) == 18
    text = report_text(f"本年度收取信息处理费{gap}", active(), table3(), table4())
    text = text.replace("二、主动公开政府信息情况\n", "二、主动公开政府信息情况\n12元。\n", 1)
    report = parse(text)
    section = report.section("active")
    assert section is not None and section.text == "12元。"
    (found,) = _findings(report, "S10")
    assert found.message == "已收费（信息处理费 12元），但「其他需要报告的事项」为「无」。"


def test_fee_in_the_v2021_table_is_named_with_its_unit() -> None:
    report = _v2021("12.5")
    (found,) = _findings(report, "S10")
    assert found.message == "已收费（表二行政事业性收费 12.5 万元），但「其他需要报告的事项」为「无」。"
    assert found.location == _other_location(report)
    assert (found.left, found.right, found.cells) == (None, None, ())


def test_fee_of_zero_in_the_v2021_table_is_no_finding() -> None:
    report = _v2021("0")
    table = report.get_table(ACTIVE)
    assert table is not None and table.cell("fees", "amount").value == 0
    assert _findings(report, "S10") == []


def test_table_fee_wins_over_a_fee_in_the_text() -> None:
    report = _v2021("12.5")
    problems = report.section("problems")
    assert problems is not None
    with_text = evolve(
        report,
        sections=tuple(
            evolve(s, text="本年度收取信息处理费300元。") if s is problems else s for s in report.sections
        ),
    )
    (found,) = _s10(with_text)
    assert found.message == "已收费（表二行政事业性收费 12.5 万元），但「其他需要报告的事项」为「无」。"


def test_table_fee_without_a_unit_is_named_without_one() -> None:
    report = _v2021("12.5")
    bare = with_cell(report, ACTIVE, "fees", "amount", unit=None)
    (found,) = _s10(bare)
    assert found.message == "已收费（表二行政事业性收费 12.5 ），但「其他需要报告的事项」为「无」。"


# --- S11 ----------------------------------------------------------------------------------


def test_all_done_with_applications_carried_forward_names_claim_count_and_place() -> None:
    report = _v2019("所有申请均已办结。")
    (found,) = _findings(report, "S11")
    assert found.message == "正文称「所有申请均已办结」，但结转下年度继续办理为 1。"
    assert (found.left, found.right, found.difference) == (1, 0, 1)
    assert [(c.table, c.row, c.column) for c in found.cells] == [("applications", "carried_forward", "total")]
    overview = report.section("overview")
    assert overview is not None
    # The claim's part, not the cell (the default location of a finding with cells).
    assert found.location == overview.location
    assert found.location != found.cells[0].location


# --- V1 -----------------------------------------------------------------------------------


def test_version_against_year_is_located_at_the_first_version_cue() -> None:
    report = _v2019(year=2022)
    (found,) = _findings(report, "V1")
    assert found.message == "2022年度报告应采用 v2021 格式，实际为 v2019。"
    assert report.version_evidence
    assert found.location == report.version_evidence[0].location
    assert found.location is not None and found.location.line == 6


def test_version_against_year_without_cues_has_no_location() -> None:
    report = evolve(_v2019(year=2022), version_evidence=())
    assert report.version is FormatVersion.V2019
    (found,) = _v1(report)
    assert found.message == "2022年度报告应采用 v2021 格式，实际为 v2019。"
    assert found.location is None
