"""Markdown from PDF-to-Markdown converters: generated fixtures checked cell by cell, and hand-made damage."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import parse
from govreport.model.tables import CellState
from govreport.testing import synthetic
from govreport.testing.render.markdown import MarkdownDamage, render_markdown
from tests.helpers import wrong_cells

DAMAGES = {
    "footers-and-splits": MarkdownDamage(),
    "dense-footers": MarkdownDamage(page_lines=6),
    "block-headings": MarkdownDamage(block_headings=True, split_tables=False),
    "generic-header": MarkdownDamage(generic_header=True),
    "lost-labels": MarkdownDamage(lost_labels=4, page_lines=9),
    "everything": MarkdownDamage(block_headings=True, generic_header=True, lost_labels=3, page_lines=11),
}


def _markdown(
    seed: int, damage: MarkdownDamage, layout: str | None = None
) -> tuple[synthetic.SyntheticReport, str]:
    generated = synthetic.generate(seed, layout=layout)
    return generated, render_markdown(generated.text, random.Random(seed), damage)


@pytest.mark.parametrize("layout", ["v2019", "v2021"])
@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
def test_generated_markdown_reads_every_cell(seed: int, layout: str, damage: MarkdownDamage) -> None:
    generated, text = _markdown(seed, damage, layout)
    parsed = parse(text)
    assert parsed.version.value == layout
    assert parsed.metadata.organ == generated.organ
    assert wrong_cells(generated, parsed) == []


@given(
    seed=st.integers(0, 10**6),
    footers=st.booleans(),
    split=st.booleans(),
    headings=st.booleans(),
    generic=st.booleans(),
    lost=st.integers(0, 6),
    page_lines=st.integers(4, 30),
)
def test_markdown_damage_never_loses_or_invents_a_cell(
    seed: int, footers: bool, split: bool, headings: bool, generic: bool, lost: int, page_lines: int
) -> None:
    damage = MarkdownDamage(
        footers=footers,
        page_lines=page_lines,
        split_tables=split,
        block_headings=headings,
        generic_header=generic,
        lost_labels=lost,
    )
    generated, text = _markdown(seed, damage)
    assert wrong_cells(generated, parse(text)) == []


def test_cell_locations_point_into_the_markdown() -> None:
    """Rewriting headings, footers and fragments keeps every line and column where it was."""
    _, text = _markdown(3, DAMAGES["everything"], "v2021")
    lines = text.split("\n")
    checked = 0
    for table in parse(text).tables:
        for cell in table.cells:
            if cell.state is CellState.READ and cell.location is not None and cell.location.line:
                line = lines[cell.location.line - 1]
                assert line[(cell.location.column or 1) - 1 :].startswith(cell.raw), (cell, line)
                checked += 1
    assert checked > 150


def test_restored_labels_are_noted() -> None:
    _, text = _markdown(5, MarkdownDamage(lost_labels=3), "v2021")
    report = parse(text)
    notes = [n for n in report.source.notes if "按前后行的次序" in n]
    assert len(notes) == 3
    m1 = [f for f in report.findings if f.rule == "M1"]
    assert len(m1) == 3
    assert all(len(f.cells) == 7 and f.severity.value == "info" for f in m1)


_UNPLACEABLE = """\
# 某县人民政府2024年政府信息公开工作年度报告

## 三、收到和处理政府信息公开申请情况
| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |
|---|---|---|---|---|---|---|---|
| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| （一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
— 3 —
| 9 | 0 | 0 | 0 | 0 | 0 | 9 |
| 7 | 0 | 0 | 0 | 0 | 0 | 7 |
| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |

## 四、政府信息公开行政复议、行政诉讼情况
"""


def test_a_fragment_that_fits_no_gap_stays_missing_with_a_finding() -> None:
    """Two bare rows where the layout has room for two (（二）部分公开, 1.属于国家秘密) are placed;
    the same rows with one more label missing between them are not."""
    placed = parse(_UNPLACEABLE).table("applications")
    assert placed is not None
    assert placed.value("partial", "total") == 9
    assert placed.value("denied.state_secret", "total") == 7
    damaged = _UNPLACEABLE.replace("| 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n", "| 7 | 0 | 0 | 0 | 0 | 0 | 7 |\n" * 2)
    report = parse(damaged)
    table = report.table("applications")
    assert table is not None
    assert table.cell("partial", "total").state is CellState.MISSING
    assert table.cell("denied.state_secret", "natural_person").state is CellState.MISSING
    assert table.value("denied.law_forbidden", "total") == 0
    assert any(f.rule == "R3" and "无法识别" in f.message for f in report.findings)
    assert not any("按前后行的次序" in n for n in report.source.notes)


def test_page_footer_inside_a_table_is_not_a_number() -> None:
    table = parse(_UNPLACEABLE).table("applications")
    assert table is not None
    assert all(c.value != 3 or c.row == "new_received" for c in table.cells)


def test_generic_headers_and_a_misplaced_header_row_are_ignored() -> None:
    text = """\
## 三、收到和处理政府信息公开申请情况
### 一、本年新收政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
### 二、上年结转政府信息公开申请数量
| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |
|---|---|---|---|---|---|---|---|
| 上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | 部分公开 | 不予公开 | 结转下年度 | 总计 |
|---|---|---|---|---|---|---|---|
| 予以公开 | 4 | 1 | 0 | 0 | 0 | 0 | 5 |
| （七）总计 | 6 | 1 | 0 | 0 | 0 | 0 | 7 |
| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
## 四、政府信息公开行政复议、行政诉讼情况
"""
    report = parse(text)
    table = report.table("applications")
    assert table is not None
    assert [table.value("new_received", c) for c in ("natural_person", "commercial_enterprise", "total")] == [
        5,
        1,
        6,
    ]
    assert table.value("total_processed", "total") == 7
    assert table.cell("total_processed", "total").state is CellState.READ
    assert not any(f.rule == "R6" for f in report.findings)


def test_heading_marks_are_not_part_of_the_organ() -> None:
    generated, text = _markdown(2, MarkdownDamage(), "v2021")
    titled = f"# {generated.year}年{generated.organ}政府信息公开工作年度报告\n\n" + text
    assert parse(titled).metadata.organ == generated.organ


def test_markdown_files_are_read_by_extension(tmp_path) -> None:
    generated, text = _markdown(1, MarkdownDamage(), "v2019")
    for name in ("report.md", "report.markdown"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert wrong_cells(generated, parse(path)) == []


def test_a_lone_number_between_rows_is_reported_not_read() -> None:
    text = _UNPLACEABLE.replace("— 3 —\n", "— 3 —\n5\n")
    report = parse(text)
    m2 = [f for f in report.findings if f.rule == "M2"]
    assert [(f.location.line if f.location else None, "「5」" in f.message) for f in m2] == [(9, True)]
    table = report.table("applications")
    assert table is not None
    assert table.value("partial", "total") == 9  # the lone 5 is not a row: 9 and 7 still fit the gap
