"""The pre-2019 统计表 (layout ``v2008``): generated tables in four printings, glued digits, rules T1-T3."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import Report, parse
from govreport.extract.narrative.links import TEXT_TABLE_LINKS, TextTableLink
from govreport.model.tables import CellState, StatTable
from govreport.tables.layouts import STATISTICS
from govreport.testing.statistics import StatisticsReport, generate_statistics
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
    assert not [f for f in report.findings if f.rule.startswith("N")]  # text and table agree


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
    assert parse(_HEAD + "本年度未收到政府信息公开申请。").get_table(STATISTICS) is None


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
    from govreport.testing.render import render_docx, render_html

    generated = generate_statistics(seed, style="tabs")
    document = _document_of(generated)
    _assert_every_cell(generated, parse(render_html(document), format="html"))  # type: ignore[arg-type]
    _assert_every_cell(generated, parse(render_docx(document), format="docx"))  # type: ignore[arg-type]


@needs_soffice
def test_statistics_table_in_pdf() -> None:
    from govreport.readers import office
    from govreport.testing.render import render_docx

    generated = generate_statistics(5, style="tabs")
    docx = render_docx(_document_of(generated))  # type: ignore[arg-type]
    _assert_every_cell(generated, parse(office.convert(docx, source="docx", target="pdf"), format="pdf"))


@needs_soffice
def test_statistics_table_in_doc_is_never_misread() -> None:
    """The DOC round trip through LibreOffice prints this table as one run of text, as crawlers do."""
    from govreport.readers import office
    from govreport.testing.render import render_docx

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
    from govreport.tables.v2008.rows import strip_row_prefix

    assert strip_row_prefix(segment, previous) == expected


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


# --- text vs the 统计表 (N3) ------------------------------------------------------------------
_OLD_HEAD = "二〇一二年度政府信息公开工作年度报告\n一、概述\n本年度工作稳步推进。\n"
# One sentence per narrative key linked to a 统计表 row, under the heading an old report puts it.
_V2008_SENTENCES = {
    "active.total": "二、主动公开政府信息情况\n全年主动公开政府信息{}条。",
    "active.channel.website": "二、主动公开政府信息情况\n通过政府门户网站公开政府信息{}条。",
    "active.channel.weibo": "二、主动公开政府信息情况\n通过政务微博发布信息{}条。",
    "active.channel.wechat": "二、主动公开政府信息情况\n通过政务微信公众号推送信息{}条。",
    "active.channel.gazette": "二、主动公开政府信息情况\n政府公报刊登文件{}件。",
    "applications.received": "三、依申请公开政府信息情况\n全年共受理政府信息公开申请{}件。",
    "applications.channel.in_person": "三、依申请公开政府信息情况\n当面申请{}件。",
    "applications.channel.online": "三、依申请公开政府信息情况\n网上申请{}件。",
    "applications.channel.email": "三、依申请公开政府信息情况\n通过电子邮件提出申请{}件。",
    "applications.channel.fax": "三、依申请公开政府信息情况\n通过传真提出申请{}件。",
    "applications.channel.letter": "三、依申请公开政府信息情况\n信函申请{}件。",
    "applications.completed": "三、依申请公开政府信息情况\n全年办结申请{}件。",
    "replies.total": "三、依申请公开政府信息情况\n全年共答复申请{}件。",
    "replies.granted": "三、依申请公开政府信息情况\n同意公开{}件。",
    "replies.partial": "三、依申请公开政府信息情况\n部分公开{}件。",
    "replies.denied": "三、依申请公开政府信息情况\n不予公开{}件。",
    "replies.not_this_organ": "三、依申请公开政府信息情况\n不属于本机关公开范围{}件。",
    "replies.not_held": "三、依申请公开政府信息情况\n申请信息不存在{}件。",
    "review.total": "四、行政复议和行政诉讼情况\n因政府信息公开申请行政复议{}件。",
    "litigation.total": "四、行政复议和行政诉讼情况\n因政府信息公开提起行政诉讼{}件。",
    "complaints.total": "五、举报投诉情况\n全年收到政府信息公开举报投诉{}件。",
}


def _statistics_link(key: str) -> TextTableLink:
    (link,) = [link for link in TEXT_TABLE_LINKS if link.key == key and "v2008" in link.layouts]
    return link


def _with_sentence(generated: StatisticsReport, sentence: str) -> str:
    """The generated 统计表 under a hand-written text that states one count (no other counts)."""
    table = generated.text.split("政府信息公开情况统计表\n", 1)[1]
    return f"{_OLD_HEAD}{sentence}\n政府信息公开情况统计表\n{table}"


def test_every_linked_statistics_key_has_a_sentence() -> None:
    linked = {link.key for link in TEXT_TABLE_LINKS if "v2008" in link.layouts}
    assert linked - set(_V2008_SENTENCES) == {"fees.charged"}  # money: see the test of units below
    assert all(column == "this_year" for link in _statistics_links() for _, column in link.cells)


def _statistics_links() -> list[TextTableLink]:
    return [link for link in TEXT_TABLE_LINKS if "v2008" in link.layouts]


@pytest.mark.parametrize("key", sorted(_V2008_SENTENCES))
@given(
    seed=st.integers(0, 10_000),
    style=st.sampled_from(["tabs", "spaces", "lines"]),
    delta=st.sampled_from((0, 1, -1, 9)),
)
def test_text_is_checked_against_this_years_column(key: str, seed: int, style: str, delta: int) -> None:
    """Agreeing text gives no N3; a different figure gives one naming the sentence and the cell."""
    generated = generate_statistics(seed, style=style)
    link = _statistics_link(key)
    printed = all(cell in generated.values for cell in link.cells)
    truth = sum(int(generated.values.get(cell, 0)) for cell in link.cells)
    stated = max(0, truth + delta)
    text = _with_sentence(generated, _V2008_SENTENCES[key].format(stated))
    report = parse(text)
    assert [(s.key, s.value) for s in report.narrative] == [(key, stated)]
    n3 = [f for f in report.findings if f.rule == "N3"]
    if not printed or stated == truth:
        assert n3 == []  # a row the table does not print is missing: nothing to compare
        return
    (finding,) = n3
    assert (finding.origin.value, finding.left, finding.right) == ("source", stated, truth)
    assert type(finding.right) is int  # a count stays a count
    assert finding.location is not None and finding.location.line == 5  # the sentence
    (cell,) = finding.cells
    assert (cell.table, cell.row, cell.column) == (STATISTICS, link.cells[0][0], "this_year")
    assert cell.location is not None and cell.location.line > 5  # the table's digits
    assert f"{cell.row}/this_year（line {cell.location.line}" in finding.message


@given(seed=st.integers(0, 10_000), delta=st.sampled_from((0, 1, 50)))
def test_glued_digits_never_give_a_cross_check_from_a_missing_cell(seed: int, delta: int) -> None:
    """Glued rows whose split is ambiguous stay missing; only read or inferred cells are compared."""
    generated = generate_statistics(seed, style="glued")
    truth = int(generated.values.get(("active", "this_year"), 0))
    text = _with_sentence(generated, _V2008_SENTENCES["active.total"].format(truth + delta))
    report = parse(text)
    cell = _table(report).cell("active", "this_year")
    n3 = [(f.left, f.right) for f in report.findings if f.rule == "N3"]
    compared = cell.state in (CellState.READ, CellState.INFERRED)
    assert n3 == ([(truth + delta, truth)] if compared and delta else [])


@pytest.mark.parametrize(
    ("stated", "printed", "unit", "n3"),
    [
        ("12000元", "1.2", "万元", None),
        ("1200元", "1.2", "万元", (Decimal(1200), Decimal(12000))),
        ("1.2万元", "12000", "元", None),
        ("35.5元", "35.50", "元", None),
    ],
)
def test_fees_are_compared_in_one_unit(
    stated: str, printed: str, unit: str, n3: tuple[Decimal, Decimal] | None
) -> None:
    text = (
        f"{_OLD_HEAD}六、收费情况\n依申请公开政府信息收取费用{stated}。\n政府信息公开情况统计表\n"
        f"指标名称\t计量单位\t本年度\t历年累计\n依申请公开收费金额\t{unit}\t{printed}\t{printed}\n"
    )
    report = parse(text)
    assert [s.key for s in report.narrative] == ["fees.charged"]
    found = [(f.left, f.right) for f in report.findings if f.rule == "N3"]
    assert found == ([] if n3 is None else [n3])
