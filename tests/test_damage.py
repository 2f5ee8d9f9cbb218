"""Hand-written fixtures for the damage real files show (spec §2.4, §3.3, §3.4, §6)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from govreport import CellState, FormatVersion, Origin, Severity, parse
from govreport.tables.layouts import application_rows
from govreport.testing.synthetic import random_values, render_text
from tests.helpers import active, applications_text, report_text, zero_rows


def rules_of(report) -> set[str]:
    return {f.rule for f in report.findings}


# --- Table 二 ------------------------------------------------------------------------------
@pytest.mark.parametrize("caption", ["第二十一条第（一）项", "第二十条第(一)项", "第 二十条第（一）项"])
def test_clause_caption_variants_are_read(caption):
    report = parse(report_text(active(caption1=caption, r1="3", r2="2", r3="9")))
    table = report.table("active")
    assert [table.value("regulations", c) for c in ("made", "published", "total_public")] == [
        3,
        2,
        9,
    ]
    labelled = any(f.rule == "L1" and "第二十条第（一）项" in f.message for f in report.findings)
    assert labelled is (caption == "第二十一条第（一）项")


def test_blank_cell_in_regular_grid_is_blank_not_zero():
    report = parse(report_text(active(penalty="")))
    cell = report.table("active").cell("penalty", "decisions")
    assert (cell.state, cell.value, cell.raw) == (CellState.BLANK, None, "")
    assert "S8" in rules_of(report)


@pytest.mark.parametrize("raw", ["/", "—", "无", "不适用", "--", "-"])
def test_placeholders_are_kept_apart_from_zero(raw):
    cell = parse(report_text(active(penalty=raw))).table("active").cell("penalty", "decisions")
    assert (cell.state, cell.value, cell.raw) == (CellState.PLACEHOLDER, None, raw)


def test_unrecognised_cell_text_is_placeholder_with_finding():
    report = parse(report_text(active(penalty="见附件")))
    assert report.table("active").cell("penalty", "decisions").state is CellState.PLACEHOLDER
    (r5,) = [f for f in report.findings if f.rule == "R5"]
    assert "见附件" in r5.message and r5.origin is Origin.READING


@pytest.mark.parametrize(
    ("raw", "value"), [("+3", 3), ("增加3", 3), ("-2", -2), ("－2", -2), ("减少2", -2), ("０", 0)]
)
def test_signed_change_forms(raw, value):
    report = parse(report_text(active(change=raw)))
    assert report.table("active").value("licensing", "items_change") == value
    assert "H7" not in rules_of(report)


def test_thousands_separator():
    assert parse(report_text(active())).table("active").value("other_services", "decisions") == 1982


@pytest.mark.parametrize(
    ("header", "raw", "value", "unit", "wan"),
    [
        ("采购总金额", "251000元", Decimal(251000), "元", Decimal("25.1")),
        (
            "采购总金额（单位：万元，保留4位小数）",
            "12.3456",
            Decimal("12.3456"),
            "万元",
            Decimal("12.3456"),
        ),
        ("采购总金额", "7", Decimal(7), "万元", Decimal(7)),
        ("采购总金额（单位：元）", "5000", Decimal(5000), "元", Decimal("0.5")),
    ],
)
def test_money_units(header, raw, value, unit, wan):
    cell = (
        parse(report_text(active(amount_header=header, amount=raw)))
        .table("active")
        .cell("procurement", "amount")
    )
    assert (cell.value, cell.unit, cell.in_unit("万元")) == (value, unit, wan)
    assert isinstance(cell.value, Decimal)


def test_wrapped_header_label():
    text = active().replace("本年新制作数量", "本年新<br/>制作数量")
    report = parse(report_text(text.replace("规章\t0\t0\t0", "规章\t1\t2\t3")))
    assert report.table("active").value("regulations", "made") == 1
    assert report.version is FormatVersion.V2019


def test_negative_count_breaks_h5():
    report = parse(report_text(active(r1="-1")))
    (h5,) = [f for f in report.findings if f.rule == "H5"]
    assert h5.severity is Severity.ERROR and h5.cells[0].row == "regulations"


def test_s4_total_public_below_published():
    report = parse(report_text(active(r2="5", r3="2")))
    (s4,) = [f for f in report.findings if f.rule == "S4"]
    assert (s4.left, s4.right, s4.difference) == (2, 5, -3)


# --- Table 三 ------------------------------------------------------------------------------
def test_table3_label_variants_and_typos():
    rows = zero_rows()
    text = applications_text(rows)
    for official, variant in [
        ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开数量"),
        ("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开"),
        ("7.属于行政执法案卷", "7. 属于行政执法案件"),
        ("8.属于行政查询事项", "8. 属于行政查询案件"),
        (
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(二) 部分公开(区分处理的,只计这一情形,不计其他情形)",
        ),
        ("1.属于国家秘密", "1. 属于国家秘密"),
    ]:
        text = text.replace(official, variant)
    report = parse(report_text(text))
    table = report.table("applications")
    assert len(table.cells) == 161 and {c.state for c in table.cells} == {CellState.READ}
    l1 = [f.message for f in report.findings if f.rule == "L1"]
    assert len(l1) == 4  # spaces and half-width punctuation are not typos


def test_table3_social_org_header_and_split_headers():
    text = applications_text(zero_rows()).replace("社会公益组织", "社会组织")
    table = parse(report_text(text)).table("applications")
    assert {c.state for c in table.cells} == {CellState.READ}


def test_table3_blank_total_cells_are_blank_and_skip_rules():
    rows = zero_rows()
    rows["granted"] = ["3", "1", "0", "0", "0", "0", ""]
    rows["total_processed"] = ["3", "1", "0", "0", "0", "0", "4"]
    rows["new_received"] = ["3", "1", "0", "0", "0", "0", "4"]
    report = parse(report_text(applications_text(rows)))
    cell = report.table("applications").cell("granted", "total")
    assert cell.state is CellState.BLANK
    assert not rules_of(report) & {"H1", "H2", "H3"}
    assert "S8" in rules_of(report)


def test_h1_violation_carries_numbers_and_cells():
    rows = zero_rows()
    rows["new_received"] = ["2", "0", "0", "0", "0", "0", "2"]
    report = parse(report_text(applications_text(rows)))
    h1 = [f for f in report.findings if f.rule == "H1"]
    assert {f.cells[0].column for f in h1} == {"natural_person", "total"}
    finding = next(f for f in h1 if f.cells[0].column == "total")
    assert (finding.left, finding.right, finding.difference) == (2, 0, 2)
    assert finding.origin is Origin.SOURCE and finding.severity is Severity.ERROR
    assert {(c.row, c.column) for c in finding.cells} == {
        ("new_received", "total"),
        ("carried_over", "total"),
        ("total_processed", "total"),
        ("carried_forward", "total"),
    }
    assert "勾稽" in finding.formula or "一+二" in finding.formula


def test_h2_and_h3_violations():
    rows = zero_rows()
    rows["granted"] = ["1", "0", "0", "0", "0", "0", "2"]  # H3 broken; H2 broken for two columns
    report = parse(report_text(applications_text(rows)))
    assert {"H2", "H3"} <= rules_of(report)


def test_recovery_fills_only_when_unique():
    """granted prints 6 of 7 numbers; H3 alone admits four placements, H2 picks one."""
    rows = zero_rows()
    rows["granted"] = ["3", "1", "0", "0", "0", "4"]
    rows["total_processed"] = ["3", "1", "0", "0", "0", "0", "4"]
    rows["new_received"] = ["3", "1", "0", "0", "0", "0", "4"]
    report = parse(report_text(applications_text(rows, aligned=False)))
    table = report.table("applications")
    row = [table.cell("granted", c.column) for c in table.cells if c.row == "granted"]
    assert [c.value for c in row] == [3, 1, 0, 0, 0, 0, 4]
    assert [c.state for c in row] == [CellState.READ] * 2 + [CellState.INFERRED] * 4 + [CellState.READ]
    (r2,) = [f for f in report.findings if f.rule == "R2"]
    assert r2.origin is Origin.READING and len(r2.cells) == 4
    assert not rules_of(report) & {"H1", "H2", "H3", "R1"}


def test_recovery_leaves_ambiguous_row_missing():
    """Rows 一, （一） and （七） all print 6 of 7: four fillings satisfy every rule, so none is chosen.

    Only public_welfare_org and legal_service_org are 0 in every admissible filling;
    they are the only cells the rules pin down.
    """
    rows = zero_rows()
    for key in ("granted", "total_processed", "new_received"):
        rows[key] = ["3", "1", "0", "0", "0", "4"]
    report = parse(report_text(applications_text(rows, aligned=False)))
    table = report.table("applications")
    row = [table.cell("granted", c.column) for c in table.cells if c.row == "granted"]
    assert [c.state for c in row] == [CellState.MISSING] * 3 + [CellState.INFERRED] * 2 + [
        CellState.MISSING
    ] * 2
    assert [c.value for c in row] == [None, None, None, 0, 0, None, None]
    recovery = [f for f in report.findings if f.rule in ("R1", "R2")]
    assert [f.rule for f in recovery] == ["R2", "R1"] * 3  # per row: the pinned cells, then the rest
    granted_r2, granted_r1 = [f for f in recovery if any(c.row == "granted" for c in f.cells)]
    assert [c.column for c in granted_r2.cells] == ["public_welfare_org", "legal_service_org"]
    assert len(granted_r1.cells) == 5
    assert not rules_of(report) & {"H1", "H2", "H3"}


def test_recovery_uses_column_rules_across_rows():
    """（一） and （七） both print 6 of 7; H1 pins （七） from the complete row 一, then H2 pins （一）."""
    rows = zero_rows()
    rows["granted"] = ["3", "1", "0", "0", "0", "4"]
    rows["total_processed"] = ["3", "1", "0", "0", "0", "4"]
    rows["new_received"] = ["3", "1", "0", "0", "0", "0", "4"]
    report = parse(report_text(applications_text(rows, aligned=False)))
    table = report.table("applications")
    for key in ("granted", "total_processed"):
        assert [table.value(key, c.column) for c in table.cells if c.row == key] == [
            3,
            1,
            0,
            0,
            0,
            0,
            4,
        ]
    assert [f.rule for f in report.findings if f.rule in ("R1", "R2")] == ["R2", "R2"]


def test_recovery_never_invents_when_no_placement_fits():
    rows = zero_rows()
    rows["granted"] = ["5", "5", "5", "5", "5", "5"]  # no placement satisfies H3 and H2
    report = parse(report_text(applications_text(rows, aligned=False)))
    table = report.table("applications")
    assert {table.cell("granted", c.column).state for c in table.cells if c.row == "granted"} == {
        CellState.MISSING
    }
    (r1,) = [f for f in report.findings if f.rule == "R1"]
    assert "5 5 5 5 5 5" in r1.message


def test_shifted_rows_with_extra_empty_fields_are_read_by_count():
    """Seed 004 shape: (六)/(七) rows shifted left with a trailing empty field."""
    rows = zero_rows()
    text = applications_text(rows).replace(
        "（七）总计\t\t\t0\t0\t0\t0\t0\t0\t0", "(七) 总计\t\t0\t0\t0\t0\t0\t0\t0\t"
    )
    table = parse(report_text(text)).table("applications")
    assert {c.state for c in table.cells} == {CellState.READ}


def test_too_many_values_is_reported_not_truncated():
    rows = zero_rows()
    rows["granted"] = ["0"] * 8
    report = parse(report_text(applications_text(rows, aligned=False)))
    assert "R4" in rules_of(report)
    assert "R3" not in rules_of(report), "the row was found; R4 alone says why it is missing"
    table = report.table("applications")
    assert {table.cell("granted", c.column).state for c in table.cells if c.row == "granted"} == {
        CellState.MISSING
    }


def test_duplicate_row_is_reported():
    text = applications_text(zero_rows())
    extra = "\n".join(line for line in text.splitlines() if "（一）予以公开" in line)
    report = parse(report_text(text + extra + "\n"))
    assert "R6" in rules_of(report)


def test_duplicate_table2_row_is_reported_and_first_kept():
    text = active(penalty="19").replace("行政强制\t1\t0\t1\n", "行政强制\t1\t0\t1\n行政处罚\t9\t9\t9\n")
    report = parse(report_text(text))
    duplicates = [f for f in report.findings if f.rule == "R6"]
    assert len(duplicates) == 1 and "行政处罚" in duplicates[0].message
    assert report.table("active").cell("penalty", "decisions").value == 19


def test_missing_rows_are_reported_as_missing_cells():
    rows = zero_rows()
    del rows["denied.third_party"]
    report = parse(report_text(applications_text(rows)))
    table = report.table("applications")
    assert table.cell("denied.third_party", "total").state is CellState.MISSING
    assert any(f.rule == "R3" and "denied.third_party" in f.message for f in report.findings)


def test_v2021_layout_detected_from_table3():
    report = parse(report_text(applications_text(zero_rows("v2021"), "v2021"), year=2022))
    assert report.version is FormatVersion.V2021
    table = report.table("applications")
    assert len(table.cells) == 175 and table.cell("other.overdue_fee", "total").state is CellState.READ
    assert "V1" not in rules_of(report)


def test_mixed_layouts_fire_h8():
    report = parse(report_text(active(), applications_text(zero_rows("v2021"), "v2021")))
    assert "H8" in rules_of(report)


def test_pipe_tables_are_read():
    text = applications_text(zero_rows()).replace("\t", " | ")
    text = "\n".join(f"| {line} |" if " | " in line else line for line in text.splitlines())
    table = parse(report_text(text)).table("applications")
    assert table is not None and {c.state for c in table.cells} == {CellState.READ}


# --- Table 四 ------------------------------------------------------------------------------
REVIEW = """四、政府信息公开行政复议、行政诉讼情况
行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
{values}
"""


def test_table4_groups_and_h4():
    values = "1\t2\t0\t1\t4\t0\t0\t1\t0\t1\t3\t0\t0\t0\t2"
    report = parse(report_text(REVIEW.format(values=values)))
    table = report.table("review_litigation")
    assert table.value("review", "total") == 4
    assert table.value("litigation_direct", "other") == 1
    assert table.value("litigation_after_review", "upheld") == 3
    (h4,) = [f for f in report.findings if f.rule == "H4"]
    assert h4.cells[0].row == "litigation_after_review" and (h4.left, h4.right) == (2, 3)


def test_table4_blank_cell_when_grid_is_regular():
    values = "0\t0\t\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
    cell = parse(report_text(REVIEW.format(values=values))).table("review_litigation").cell("review", "other")
    assert cell.state is CellState.BLANK


def test_table4_fourteen_values_recovered_by_h4():
    values = "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"  # 14 zeros, one lost; H4 forces it to 0
    report = parse(
        report_text(REVIEW.format(values=values).replace("\t\t\t\t\t结果维持", "\t\t\t\t结果维持"))
    )
    table = report.table("review_litigation")
    assert [c.value for c in table.cells] == [0] * 15
    assert "R2" in rules_of(report)


def _garbled(layout: str, row: str) -> tuple[object, str]:
    """Table 三 of ``layout`` with ``row``'s label replaced by words no label has, its total 7."""
    rows = zero_rows(layout)
    rows[row] = ["0"] * 6 + ["7"]
    label = next(r.spec.label for r in application_rows(layout) if r.spec.key == row)
    return parse(report_text(applications_text(rows, layout).replace(label, "稀奇古怪"), year=2020)), label


@pytest.mark.parametrize(
    ("layout", "row"),
    [
        ("v2019", "carried_over"),
        ("v2019", "granted"),
        ("v2019", "unable.unclear"),
        ("v2019", "other"),
        ("v2021", "denied.admin_query"),
        ("v2021", "other.overdue_fee"),
    ],
)
def test_a_label_no_words_match_is_the_one_row_left_between_its_neighbours(layout, row):
    report, label = _garbled(layout, row)
    assert report.table("applications").cell(row, "total").value == 7
    (l1,) = [f for f in report.findings if f.rule == "L1" and "稀奇古怪" in f.message]
    assert label in l1.message


@pytest.mark.parametrize("row", ["new_received", "carried_forward"])
def test_a_label_no_words_match_at_either_end_is_not_guessed(row):
    report, _ = _garbled("v2019", row)
    assert report.table("applications").cell(row, "total").state is CellState.MISSING
    assert any(f.rule == "R3" and row in f.message for f in report.findings)


def test_table_four_is_found_when_ocr_misreads_its_litigation_labels() -> None:
    """A seal over 行政诉讼 makes OCR print 行政折讼; 行政复议 and the column labels still name table 四."""
    values = random_values(random.Random(5), "v2021")
    text = render_text(random.Random(5), "v2021", values, year=2022, organ="黄庄镇")
    for printed, misread in (
        ("行政诉讼", "行政折讼"),
        ("直接起诉", "直接起折"),
        ("复议后起诉", "复议后起折"),
    ):
        text = text.replace(printed, misread)
    table = parse(text.encode()).table("review_litigation")
    assert table is not None
    assert {(c.row, c.column): c.value for c in table.cells} == {
        (row, column): value for (key, row, column), value in values.items() if key == "review_litigation"
    }
    # One of the two names alone, without the columns, is not table 四.
    alone = parse(report_text("行政复议\t总计\n1\t2").encode())
    assert "review_litigation" not in {t.key for t in alone.tables}


def test_a_scan_whose_table_and_heading_were_not_read_says_so() -> None:
    """R7 needs the part's heading in a text report; in a scan the heading may be unread too."""
    from attrs import evolve

    from govreport.checks.reading import R7
    from govreport.model.document import OcrSource

    values = random_values(random.Random(6), "v2019")
    report = parse(render_text(random.Random(6), "v2019", values, year=2020, organ="黄庄镇").encode())
    lost = evolve(
        report,
        tables=tuple(t for t in report.tables if t.key != "review_litigation"),
        sections=tuple(s for s in report.sections if s.key != "review_litigation"),
    )
    assert list(R7.check(lost)) == []  # a text report may leave a part out
    scanned = evolve(
        lost, source=evolve(lost.source, ocr=OcrSource(engine="tesseract", version="5", dpi=300, pages=3))
    )
    (r7,) = R7.check(scanned)
    assert "四、政府信息公开行政复议、行政诉讼情况" in r7.message and "扫描件" in r7.message
