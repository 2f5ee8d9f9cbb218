"""Synthetic reports: consistent random tables rendered the way real files look.

Used by govreport's own tests, benchmarks and bundled examples, and useful for testing
pipelines built on govreport. Every generated value is known, so a parse can be
compared with the truth cell by cell.
"""

from __future__ import annotations

import hashlib
import random

from attrs import evolve, field, frozen

from govreport.model.document import Document, Grid, SourceInfo
from govreport.model.report import Report
from govreport.model.tables import Layout, TableCellKey
from govreport.tables.layouts import FORM_LAYOUTS, column_spec
from govreport.testing.report_text import format_number, render_text
from govreport.testing.values import Value, hybrid_other_values, random_values

__all__ = [
    "SyntheticReport",
    "Value",
    "catalogue_fields",
    "form_document",
    "format_number",
    "generate",
    "generate_glued",
    "generate_narrative",
    "glue_text",
    "hybrid_other_values",
    "random_values",
    "render_text",
]

_ORGANS = (
    "黄庄镇人民政府",
    "凤山乡人民政府",
    "城关街道办事处",
    "县市场监督管理局",
    "市生态环境局",
    "东河区人民政府",
    "县教育局",
    "西关镇人民政府",
)


@frozen(kw_only=True)
class SyntheticReport:
    """A generated report: its truth (values by canonical key) and its rendered text."""

    layout: Layout
    year: int
    organ: str
    values: dict[TableCellKey, Value] = field(hash=False)
    text: str

    def mismatches(self, report: Report) -> dict[TableCellKey, tuple[Value, Value]]:
        """Every cell ``report`` read differently from this truth: ``{key: (truth, read)}``.

        Money is compared in its column's unit, since a report may print 元 where the form
        says 万元; a cell the report has no table for reads as ``None``.
        """
        differing: dict[TableCellKey, tuple[Value, Value]] = {}
        for key, expected in self.values.items():
            table, row, column = key
            found = report.get_table(table)
            cell = found.get(row, column) if found is not None else None
            unit = column_spec(table, self.layout, row, column).unit
            read = None if cell is None else cell.in_unit(unit) if cell.unit and unit else cell.value
            if read != expected:
                differing[key] = (expected, read)
        return differing


def generate(
    seed: int,
    *,
    layout: Layout | None = None,
    year: int | None = None,
    caption_headings: bool = False,
    hybrid_other: bool = False,
) -> SyntheticReport:
    """A complete consistent report from ``seed`` (same seed, same report).

    ``caption_headings`` prints table 二's captions as heading lines between the blocks;
    ``hybrid_other`` (v2021 only) prints the v2019 row （六）其他处理 instead of its three
    sub-rows, and ``values`` then holds that row under ``other`` and no sub-rows.
    """
    rng = random.Random(seed)
    layout = Layout(layout) if layout else rng.choice(FORM_LAYOUTS)
    year = year or (rng.choice((2019, 2020)) if layout == Layout.V2019 else rng.randint(2021, 2025))
    organ = rng.choice(_ORGANS)
    values = random_values(rng, layout)
    if hybrid_other and layout == Layout.V2021:
        values = hybrid_other_values(values)
    text = render_text(rng, layout, values, year=year, organ=organ, caption_headings=caption_headings)
    return SyntheticReport(layout=layout, year=year, organ=organ, values=values, text=text)


def generate_narrative(
    seed: int, *, year: int = 2017, active_total: int | None = None, applications: int = 0
) -> str:
    """An old-style narrative report with its counts inside sentences.

    ``active_total`` and ``applications`` fix the 主动公开 total and the applications received,
    so that a 统计表 printed after the text states the same figures (no N3).
    """
    rng = random.Random(seed)
    organ = rng.choice(_ORGANS)
    parts = [rng.randint(0, 60) for _ in range(4)]
    if active_total is not None:  # four categories that add up to the given total
        split = random.Random(f"{seed}:active")  # its own stream: the rest of the text is unchanged
        cuts = sorted(split.randint(0, active_total) for _ in range(3))
        parts = [b - a for a, b in zip([0, *cuts], [*cuts, active_total], strict=True)]
    total = sum(parts)
    phone, visit = rng.randint(0, 200), rng.randint(0, 200)
    return "\n".join(
        [
            f"{year}年{organ}政府信息公开工作年度报告",
            f"本报告中所列数据的统计时限自{year}年1月1日至{year}年12月31日。",
            "一、概述",
            f"{year}年，{organ}政府信息公开工作稳步推进。",
            "二、主动公开政府信息情况",
            f"全年累计主动公开政府信息{total}条。其中：“机构职能”信息{parts[0]}条；“政策法规”信息{parts[1]}条；"
            f"“工作动态”信息{parts[2]}条；“决策”信息{parts[3]}条。",
            "三、依申请公开政府信息情况",
            f"全年累计受理依申请公开政府信息{applications}件。",
            "四、咨询处理情况",
            f"全年累计接受群众咨询{phone + visit}次。其中咨询电话接听{phone}次；当面咨询接待{visit}次。",
            "五、复议、诉讼情况",
            "全年没有因政府信息公开申请行政复议、提起行政诉讼的案件。",
            "六、存在问题及改进措施",
            "信息公开的及时性有待进一步提高，下一步将加强培训。",
            f"{organ}",
            f"{year + 1}年2月{rng.randint(1, 28)}日",
        ]
    )


def catalogue_fields(report: SyntheticReport) -> tuple[tuple[str, str], ...]:
    """The catalogue a publishing page shows for ``report`` (索引号, 发布机构, 发布日期, 文号)."""
    serial = int(hashlib.sha256(report.text.encode("utf-8")).hexdigest()[:4], 16) % 90 + 10
    return (
        ("索引号", f"11000000MB0000000X/{report.year + 1}-{serial:05d}"),
        ("发布机构", report.organ),
        ("发布日期", f"{report.year + 1}-01-{serial % 18 + 10}"),
        ("文号", f"{report.organ[:2]}政办发〔{report.year + 1}〕{serial}号"),
    )


def form_document(report: SyntheticReport, *, catalogue: bool = True) -> Document:
    """``report`` as a document whose tables have merged cells as on the official form.

    The text is read with the text reader, then each grid's blank label and header
    fields are merged into the spans of their labels (see
    :func:`govreport.testing.render.merge_form_cells`). With ``catalogue=True`` the source
    carries the page catalogue fields of :func:`catalogue_fields`. Render the result
    with :mod:`govreport.testing.render` to get the report as HTML or DOCX.
    """
    from govreport.readers.text import read_text
    from govreport.testing.render.spans import merge_form_cells

    data = report.text.encode("utf-8")
    source = SourceInfo(
        format="text",
        encoding="utf-8",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        catalogue=catalogue_fields(report) if catalogue else (),
    )
    document = read_text(report.text, source)
    blocks = tuple(merge_form_cells(b) if isinstance(b, Grid) else b for b in document.blocks)
    return evolve(document, blocks=blocks)


def glue_text(text: str, rng: random.Random, *, space: float = 0.1, breaks: float = 0.3) -> str:
    """``text`` as a crawler saves a page: every table's cells glued together with no separator.

    Each table (a run of tab-separated lines) becomes one line whose fields follow each
    other directly, as in ``规章000行政规范性文件693665…``. A field boundary becomes a
    space with probability ``space`` (some crawlers keep one now and then), and a row
    boundary starts a new line with probability ``breaks``. Other lines are kept.
    """
    out: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if table:
            out.append("".join(table).strip())
            table.clear()

    for line in text.split("\n"):
        if "\t" not in line:
            if line.strip() or not table:
                flush()
                out.append(line)
            continue
        if table and rng.random() < breaks:
            flush()
        for field_text in line.split("\t"):
            if field_text.strip():
                table.append(field_text.strip() + (" " if rng.random() < space else ""))
    flush()
    return "\n".join(out)


def generate_glued(seed: int, *, layout: Layout | None = None, space: float = 0.1) -> SyntheticReport:
    """A generated report whose tables are printed with their cells glued (see :func:`glue_text`)."""
    report = generate(seed, layout=layout)
    glued = glue_text(report.text, random.Random(seed), space=space)
    return evolve(report, text=glued)
