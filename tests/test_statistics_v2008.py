"""The pre-2019 统计表 (layout ``v2008``): generated tables in four printings, glued digits, rules T1-T3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import Report, parse
from govreport.model.tables import CellState, StatTable
from govreport.synthetic_statistics import StatisticsReport, generate_statistics
from govreport.tables.layouts import STATISTICS
from tests.format_fixtures import needs_soffice

_HEAD = "二〇一八年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n政府信息公开情况统计表\n"


def _table(report: Report) -> StatTable:
    table = report.table(STATISTICS)
    assert table is not None
    return table


def _wrong(generated: StatisticsReport, table: StatTable) -> list[object]:
    """Read or inferred cells that differ from the truth, and cells of unprinted rows that are not missing."""
    wrong: list[object] = []
    for cell in table.cells:
        truth = generated.values.get((cell.row, cell.column))
        if cell.state in (CellState.READ, CellState.INFERRED):
            if truth is None or cell.value != truth:
                wrong.append((cell.row, cell.column, truth, cell.value, cell.raw))
        elif truth is None and cell.state is not CellState.MISSING:
            wrong.append((cell.row, cell.column, cell.state))
    return wrong


@pytest.mark.parametrize("style", ["tabs", "spaces", "lines"])
@pytest.mark.parametrize("seed", range(12))
def test_separated_tables_read_every_cell(seed: int, style: str) -> None:
    generated = generate_statistics(seed, style=style)
    report = parse(generated.text)
    assert report.version.value == "narrative"
    assert [t.key for t in report.tables] == [STATISTICS]
    table = _table(report)
    assert table.layout == "v2008"
    for (row, column), value in generated.values.items():
        cell = table.cell(row, column)
        assert (cell.state, cell.value) == (CellState.READ, value), (row, column, cell)
    assert _wrong(generated, table) == []
    assert not [f for f in report.findings if f.rule.startswith("T")]


@given(seed=st.integers(0, 10**6), style=st.sampled_from(["tabs", "spaces", "lines"]))
def test_separated_digits_are_always_read(seed: int, style: str) -> None:
    generated = generate_statistics(seed, style=style)
    table = _table(parse(generated.text))
    assert all(table.cell(r, c).value == v for (r, c), v in generated.values.items())
    assert _wrong(generated, table) == []


@given(seed=st.integers(0, 10**6))
def test_glued_digits_are_never_split_wrongly(seed: int) -> None:
    """Every read or inferred cell is the true value; any other printed cell is missing with finding T3."""
    generated = generate_statistics(seed, style="glued")
    report = parse(generated.text)
    table = _table(report)
    assert _wrong(generated, table) == []
    t3_rows = {ref.row for f in report.findings if f.rule == "T3" for ref in f.cells}
    for row, column in generated.values:
        cell = table.cell(row, column)
        if cell.state is CellState.INFERRED or cell.state is CellState.MISSING:
            assert row in t3_rows, (row, column, cell.state)
        else:
            assert cell.state is CellState.READ


def test_a_run_of_zeros_is_read_without_rules() -> None:
    report = parse(_HEAD + "指标名称计量单位本年度历年累计行政复议数件00行政诉讼数件00")
    table = _table(report)
    assert [table.cell("review", c).state for c in ("this_year", "cumulative")] == [CellState.READ] * 2
    assert table.value("litigation", "cumulative") == 0
    assert not [f for f in report.findings if f.rule == "T3"]


def test_glued_digits_with_several_splits_stay_missing() -> None:
    """The 平潭 2018 pattern: 2069 and 12106 glued; 20|6912106, 206|912106 and 2069|12106 all fit."""
    text = _HEAD + (
        "指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条206912106"
        "2.政府公报公开数条00受理依申请公开信息总数条00"
    )
    report = parse(text)
    table = _table(report)
    for row in ("active", "active.website"):
        for column in ("this_year", "cumulative"):
            cell = table.cell(row, column)
            assert (cell.state, cell.value, cell.raw) == (CellState.MISSING, None, "206912106")
    messages = [f.message for f in report.findings if f.rule == "T3"]
    assert len(messages) == 2
    assert all("20|6912106" in m and "206|912106" in m and "2069|12106" in m for m in messages)
    assert table.value("active.gazette", "this_year") == 0  # the ordinal 2. is not a digit of the row above


def test_the_rules_decide_a_split_and_say_so() -> None:
    """答复总数 23100 splits two ways under T2 (2|3100, 23|100); T1 with its parts keeps only 23|100."""
    text = _HEAD + (
        "指标名称计量单位本年度历年累计对申请的答复总数件23100其中：1.同意公开答复数件2080"
        "2.同意部分公开答复数件320"
    )
    report = parse(text)
    table = _table(report)
    assert [
        (table.value("replies", c), table.cell("replies", c).state) for c in ("this_year", "cumulative")
    ] == [
        (23, CellState.INFERRED),
        (100, CellState.INFERRED),
    ]
    assert (table.value("replies.granted", "this_year"), table.value("replies.granted", "cumulative")) == (
        20,
        80,
    )
    assert table.cell("replies.granted", "this_year").state is CellState.INFERRED
    decided = [f for f in report.findings if f.rule == "T3" and any(r.row == "replies" for r in f.cells)]
    assert len(decided) == 1 and "T1" in decided[0].message and "T2" in decided[0].message


def test_source_errors_are_findings() -> None:
    text = _HEAD + (
        "指标名称\t计量单位\t本年度\t历年累计\n"
        "对申请的答复总数\t件\t5\t9\n"
        "其中：1.同意公开答复数\t件\t2\t4\n"
        "2.不同意公开答复数\t件\t2\t4\n"
        "行政复议数\t件\t3\t1\n"
    )
    report = parse(text)
    rules = sorted(f.rule for f in report.findings if f.rule.startswith("T"))
    assert rules == ["T1", "T1", "T2"]
    t2 = next(f for f in report.findings if f.rule == "T2")
    assert (t2.left, t2.right) == (3, 1)


def test_money_row_keeps_its_printed_unit() -> None:
    table = _table(parse(_HEAD + "指标名称 计量单位 本年度 历年累计 政府信息公开收费减免金额 元 12.5 30"))
    cell = table.cell("fees", "this_year")
    assert (cell.state, cell.unit, cell.in_unit("元")) == (CellState.READ, "元", 12.5)


def test_a_report_without_the_table_has_none() -> None:
    assert parse(_HEAD + "本年度未收到政府信息公开申请。").table(STATISTICS) is None


def _document_of(generated: StatisticsReport) -> object:
    import hashlib

    from govreport.model.document import SourceInfo
    from govreport.readers.text import read_text

    data = generated.text.encode("utf-8")
    source = SourceInfo(
        format="text", encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    return read_text(generated.text, source)


def _assert_every_cell(generated: StatisticsReport, report: Report) -> None:
    table = _table(report)
    assert report.version.value == "narrative"
    for (row, column), value in generated.values.items():
        cell = table.cell(row, column)
        assert (cell.state, cell.value) == (CellState.READ, value), (row, column, cell)
    assert _wrong(generated, table) == []


@pytest.mark.parametrize("seed", range(4))
def test_statistics_table_in_html_and_docx(seed: int) -> None:
    from govreport.render import render_docx, render_html

    generated = generate_statistics(seed, style="tabs")
    document = _document_of(generated)
    _assert_every_cell(generated, parse(render_html(document), format="html"))  # type: ignore[arg-type]
    _assert_every_cell(generated, parse(render_docx(document), format="docx"))  # type: ignore[arg-type]


@needs_soffice
def test_statistics_table_in_pdf() -> None:
    from govreport.readers import office
    from govreport.render import render_docx

    generated = generate_statistics(5, style="tabs")
    docx = render_docx(_document_of(generated))  # type: ignore[arg-type]
    _assert_every_cell(generated, parse(office.convert(docx, source="docx", target="pdf"), format="pdf"))


@needs_soffice
def test_statistics_table_in_doc_is_never_misread() -> None:
    """The DOC round trip through LibreOffice prints this table as one run of text, as crawlers do."""
    from govreport.readers import office
    from govreport.render import render_docx

    generated = generate_statistics(5, style="tabs")
    docx = render_docx(_document_of(generated))  # type: ignore[arg-type]
    report = parse(office.convert(docx, source="docx", target="doc"), format="doc")
    table = _table(report)
    assert _wrong(generated, table) == []
    t3_rows = {ref.row for f in report.findings if f.rule == "T3" for ref in f.cells}
    for row, column in generated.values:
        assert table.cell(row, column).state is not CellState.MISSING or row in t3_rows


@pytest.mark.parametrize(
    ("segment", "previous", "expected"),
    [
        ("条0012、", 1, ("条001", 2)),
        ("条0012、", 11, ("条00", 12)),
        ("条00其中：1.", 3, ("条00", 1)),
        ("件 5 7 （2）", None, ("件 5 7", None)),
        ("件00", 2, ("件00", None)),
    ],
)
def test_the_next_labels_ordinal_is_cut_off_by_sequence(
    segment: str, previous: int | None, expected: tuple[str, int | None]
) -> None:
    from govreport.tables.v2008 import _strip_row_prefix

    assert _strip_row_prefix(segment, previous) == expected


def test_an_absurd_run_of_digits_is_not_split() -> None:
    report = parse(_HEAD + "指标名称计量单位本年度历年累计行政复议数件" + "7" * 5000 + "行政诉讼数件00")
    table = _table(report)
    assert table.cell("review", "this_year").state is CellState.MISSING
    assert table.value("litigation", "this_year") == 0


@pytest.mark.parametrize("style", ["spaces", "lines", "glued"])
def test_each_cell_points_at_its_digits(style: str) -> None:
    checked = 0
    for seed in range(6):
        generated = generate_statistics(seed, style=style)
        lines = generated.text.split("\n")
        for cell in _table(parse(generated.text)).cells:
            if cell.state in (CellState.READ, CellState.INFERRED):
                assert cell.location is not None and cell.location.line and cell.location.column
                line = lines[cell.location.line - 1]
                assert line[cell.location.column - 1 :].startswith(cell.raw), (cell, line[:80])
                assert str(cell.value) == cell.raw
                checked += 1
    assert checked >= 20


def test_a_number_inside_the_label_is_not_a_value() -> None:
    text = _HEAD + (
        "指标名称\t计量单位\t本年度\t历年累计\n"
        "主动公开政府信息数（不同渠道和方式公开相同信息计1条）\t条\t120\t500\n"
        "其中：主动公开规范性文件数\t条\t3\t40\n"
    )
    table = _table(parse(text))
    assert (table.value("active", "this_year"), table.value("active", "cumulative")) == (120, 500)
    assert table.value("active.normative_documents", "cumulative") == 40
