"""Tables copied from report pages with every cell on a line of its own."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import parse
from govreport.model.tables import CellState
from govreport.readers import read_document
from govreport.testing import synthetic
from govreport.testing.render.excerpt import render_cell_per_line
from tests.helpers import wrong_cells

VARIANTS = {
    "plain": {},
    "stray-pipes": {"stray_pipes": True},
    "blank-lines": {"blank_lines": True},
}


@pytest.mark.parametrize("layout", ["v2019", "v2021"])
@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_generated_tables_one_cell_per_line_read_every_cell(
    seed: int, layout: str, variant: dict[str, bool]
) -> None:
    generated = synthetic.generate(seed, layout=layout)
    report = parse(render_cell_per_line(generated.text, **variant))
    assert report.version.value == layout
    assert wrong_cells(generated, report) == []


@given(seed=st.integers(0, 10**6), pipes=st.booleans(), blanks=st.booleans())
def test_one_cell_per_line_never_loses_or_invents_a_cell(seed: int, pipes: bool, blanks: bool) -> None:
    generated = synthetic.generate(seed)
    report = parse(render_cell_per_line(generated.text, stray_pipes=pipes, blank_lines=blanks))
    assert wrong_cells(generated, report) == []


def test_cells_keep_the_line_they_were_printed_on() -> None:
    generated = synthetic.generate(4, layout="v2019")
    text = render_cell_per_line(generated.text)
    lines = text.split("\n")
    table = parse(text).table("applications")
    assert table is not None
    for cell in table.cells:
        assert cell.location is not None and cell.location.line is not None
        assert lines[cell.location.line - 1].strip() == cell.raw


_EXCERPT = """\
二、主动公开政府信息情况
第二十条第（一）项
信息内容
本年制发件数
本年废止件数
现行有效件数
规章
0
3
行政规范性文件
2
0
9
三、收到和处理政府信息公开申请情况
"""


def test_a_row_with_a_cell_short_is_missing_not_shifted() -> None:
    """规章 printed two numbers for three cells: which one is empty is unknown."""
    report = parse(_EXCERPT)
    table = report.table("active")
    assert table is not None
    assert report.version.value == "v2021"
    assert {table.cell("regulations", c).state for c in ("issued", "repealed", "in_force")} == {
        CellState.MISSING
    }
    assert [table.value("normative_documents", c) for c in ("issued", "repealed", "in_force")] == [2, 0, 9]
    assert any(f.rule == "R1" for f in report.findings)


_LABELS_ONLY = """\
二、主动公开政府信息情况
第二十条第(一)项
信息内容
本年新制作数量
本年新公开数量
对外公开总数量
规章
0
规范性文件
第二十条第(五)项
信息内容
上一年项目数量
本年增/减
处理决定数量
行政许可
其他对外管理服务事项
三、收到和处理政府信息公开申请情况
"""


def test_rows_printed_without_any_value_are_one_finding_and_missing() -> None:
    """A copy that drops empty cells (a real 2019 page copy): labels with no value line below them.

    Their cells are missing, not blank and not 0, and one R1 says so for the whole table; 规章,
    which printed one value of three, keeps its own R1.
    """
    report = parse(_LABELS_ONLY)
    table = report.table("active")
    assert table is not None and report.version.value == "v2019"
    silent = ("normative_documents", "licensing", "other_services")
    assert {c.state for c in table.cells} == {CellState.MISSING}
    r1 = [f for f in report.findings if f.rule == "R1"]
    assert r1[0].message.split("；")[0] == "「规章」应有3个数，只印了1个（0）"
    assert r1[1].message.startswith(
        "表二有3行只印了行名、没有印任何数值（「规范性文件」、「行政许可」、「其他对外管理服务事项」）"
    )
    assert "不是空白，也不是0" in r1[1].message
    assert sorted({c.row for c in r1[1].cells}) == sorted(silent) and len(r1[1].cells) == 9
    assert len(r1) == 2


def test_short_sentences_naming_the_table_are_not_a_table() -> None:
    text = "\n".join(
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议0件。",
            "行政诉讼0件。",
            "未发生行政复议案件。",
            "结果维持0件。",
        ]
    )
    assert parse(text).tables == ()
    document = read_document(text.encode("utf-8"), format="text")
    assert document.grids == ()
    assert [p.text for p in document.paragraphs][1:] == text.split("\n")[1:]


def test_short_prose_lines_are_not_a_table() -> None:
    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "全年主动公开信息12条。",
            "其中规章0件。",
            "规范性文件2件。",
            "三、其他",
            "无。",
        ]
    )
    report = parse(text)
    assert report.tables == ()
    assert report.version.value == "narrative"


@pytest.mark.parametrize(
    ("head", "organ"),
    [
        ("标题: 平潭综合实验区2012年政府信息公开工作年度报告", "平潭综合实验区"),
        ("驼峰路街道办事处政府信息公开工作年度报告", "驼峰路街道办事处"),
        ("政府信息公开工作年度报告", None),
        ("浑南区国资局\n根据条例编制本报告。", "浑南区国资局"),
        ("一、总体情况", None),
    ],
)
def test_organ_from_a_page_copys_title(head: str, organ: str | None) -> None:
    """Page copies label the title (标题:) or drop the year from it."""
    assert parse(f"{head}\n一、总体情况\n本年度工作稳步推进。\n").metadata.organ == organ


@pytest.mark.parametrize(
    ("opening", "organ"),
    [
        # nppa 2022: the page copy lost its title; the overview's first sentence names the organ.
        ("2022年,国家新闻出版署坚持以习近平新时代中国特色社会主义思想为指导。", "国家新闻出版署"),
        ("2021年，青山市人民政府办公室认真贯彻落实《条例》。", "青山市人民政府办公室"),
        ("本报告由东城区卫生健康委员会编制。", "东城区卫生健康委员会"),
        ("今年以来，县教育局深入推进政务公开。", "县教育局"),
        # Pronouns, areas and phrases are no organ's name.
        ("我乡严格按照《中华人民共和国政府信息公开条例》要求。", None),
        ("2019年,我乡明确专人负责政务内网及政务公开工作。", None),
        ("2022年，全区坚持以人民为中心。", None),
        ("2022年，各乡镇认真落实公开要求。", None),
        ("2022年，在区委区政府的坚强领导下坚持公开。", None),
        ("2022年，政务公开工作坚持稳中求进。", None),  # no organ's ending
        ("根据条例有关规定，编制本报告。", None),
    ],
)
def test_organ_named_only_in_the_opening_sentence(opening: str, organ: str | None) -> None:
    """A page copy without title or first-line name: the subject of the overview's first sentence."""
    assert parse(f"一、总体情况\n{opening}\n二、主动公开政府信息情况\n").metadata.organ == organ


def test_a_title_organ_is_not_replaced_by_the_opening_sentence() -> None:
    text = "甲镇人民政府2022年政府信息公开工作年度报告\n一、总体情况\n2022年,乙县人民政府坚持依法公开。\n"
    assert parse(text).metadata.organ == "甲镇人民政府"


@pytest.mark.parametrize(
    ("body", "year"),
    [
        ("2022年,本局坚持依法公开。公开发布《本局2021年政府信息公开工作年度报告》。", 2022),
        ("本报告于2021年1月20日发布。2020年度我街办未接到申请。", 2020),
        ("2019年开展培训。2020年完善制度。", None),
    ],
)
def test_year_of_a_page_copy_without_a_dated_title(body: str, year: int | None) -> None:
    """The year mentioned most in the opening paragraphs, not dates and not other reports' titles."""
    assert parse(f"一、总体情况\n{body}\n").metadata.year == year
