"""Synthetic reports: consistent random tables rendered the way real files look.

Used by govreport's own tests, benchmarks and bundled examples, and useful for testing
pipelines built on govreport. Every generated value is known, so a parse can be
compared with the truth cell by cell.
"""

from __future__ import annotations

import hashlib
import random
from decimal import Decimal

from attrs import evolve, field, frozen

from govreport.model.document import Document, Grid, SourceInfo
from govreport.model.tables import CellKey, Layout, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICANT_SUM_COLUMNS,
    APPLICATIONS,
    FORM_LAYOUTS,
    GROUP_LABELS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    REVIEW_PARTS,
    active_blocks,
    application_rows,
    outcome_rows,
)
from govreport.tables.specs import ApplicationRow, ValueKind

Value = int | Decimal | None  # None renders as a blank cell

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
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@frozen(kw_only=True)
class SyntheticReport:
    """A generated report: its truth (values by canonical key) and its rendered text."""

    layout: Layout
    year: int
    organ: str
    values: dict[TableCellKey, Value] = field(hash=False)
    text: str


def random_values(rng: random.Random, layout: Layout, *, scale: int = 40) -> dict[TableCellKey, Value]:
    """Values for tables 二, 三 and 四 that satisfy every hard rule (H1-H7) and S4."""
    values: dict[TableCellKey, Value] = {}
    for block in active_blocks(layout):
        for spec_row in block.rows:
            counts: dict[str, int] = {}
            for column in block.columns:
                if column.kind is ValueKind.MONEY:
                    values[(ACTIVE, spec_row.key, column.key)] = Decimal(rng.randint(0, 10**6)) / 10**4
                elif column.kind is ValueKind.SIGNED:
                    counts[column.key] = rng.randint(-5, 5)
                else:
                    counts[column.key] = rng.randint(0, scale)
            if "total_public" in counts:  # S4: cumulative total >= published this year
                counts["total_public"] = counts["published"] + rng.randint(0, scale)
            if "items_change" in counts:  # S4: the item count never drops below zero
                counts["items_change"] = max(counts["items_change"], -counts["items_prev_year"])
            values.update({(ACTIVE, spec_row.key, k): v for k, v in counts.items()})
    outcomes = outcome_rows(layout)
    applications: dict[CellKey, int] = {}
    for column_key in APPLICANT_SUM_COLUMNS:
        sparse = rng.random() < 0.5
        for row_key in outcomes:
            applications[(row_key, column_key)] = (
                0 if sparse and rng.random() < 0.7 else rng.randint(0, scale)
            )
        processed = sum(applications[(r, column_key)] for r in outcomes)
        forward = rng.randint(0, scale // 4)
        carried = rng.randint(0, min(processed + forward, scale))
        applications[("total_processed", column_key)] = processed
        applications[("carried_forward", column_key)] = forward
        applications[("carried_over", column_key)] = carried
        applications[("new_received", column_key)] = processed + forward - carried
    for app_row in application_rows(layout):
        key = app_row.spec.key
        applications[(key, "total")] = sum(applications[(key, c)] for c in APPLICANT_SUM_COLUMNS)
    values.update({(APPLICATIONS, r, c): v for (r, c), v in applications.items()})
    for group in REVIEW_GROUPS:
        parts = [rng.randint(0, 6) for _ in REVIEW_PARTS]
        for part, value in zip(REVIEW_PARTS, parts, strict=True):
            values[(REVIEW_LITIGATION, group.key, part)] = value
        values[(REVIEW_LITIGATION, group.key, "total")] = sum(parts)
    return values


def format_number(rng: random.Random, value: int | Decimal, kind: ValueKind) -> str:
    """Print a number the ways real cells do: full-width, thousands separators, signs, units."""
    if isinstance(value, Decimal):
        choice = rng.random()
        if choice < 0.15:
            return f"{(value * 10000).quantize(Decimal(1))}元"
        if choice < 0.3:
            return f"{value}万元"
        return str(value)
    if kind is ValueKind.SIGNED and value > 0 and rng.random() < 0.5:
        return rng.choice((f"+{value}", f"增加{value}"))
    if kind is ValueKind.SIGNED and value < 0 and rng.random() < 0.3:
        return f"减少{-value}"
    text = f"{value:,}" if value >= 1000 and rng.random() < 0.5 else str(value)
    return text.translate(_FULLWIDTH) if rng.random() < 0.1 else text


def _variant(rng: random.Random, label: str, variants: dict[str, tuple[str, ...]]) -> str:
    options = variants.get(label)
    if options and rng.random() < 0.3:
        return rng.choice(options)
    if rng.random() < 0.15 and len(label) > 3:
        cut = rng.randrange(1, len(label) - 1)
        return label[:cut] + " " + label[cut:]
    return label


# Printed variants seen in real files (spec §2.4, §3.3).
_ROW_VARIANTS: dict[str, tuple[str, ...]] = {
    "一、本年新收政府信息公开申请数量": ("一、本年新收政府信息公开数量",),
    "（一）予以公开": ("(一) 予以公开",),
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (
        "(二) 部分公开(区分处理的,只计这一情形,不计其他情形)",
        "(二) 部分公开(区分处理的只计这一情形, 不计其他情形)",
    ),
    "1.属于国家秘密": ("1. 属于国家秘密",),
    "2.其他法律行政法规禁止公开": ("2.其他法律法规禁止公开",),
    "7.属于行政执法案卷": ("7. 属于行政执法案件",),
    "8.属于行政查询事项": ("8. 属于行政查询案件",),
    "（三）不予公开": ("(三) 不予 公开",),
    "（四）无法提供": ("(四) 无法 提供",),
    "（五）不予处理": ("(五) 不予 处理",),
    "三、本年度办理结果": ("三、本 年度 办理 结案", "三、本年度办理结果"),
}
_CAPTION_VARIANTS = ("第二十条第（{}）项", "第二十条第({})项", "第二十一条第（{}）项")


def render_text(
    rng: random.Random,
    layout: Layout,
    values: dict[TableCellKey, Value],
    *,
    year: int,
    organ: str,
    flattened: bool = False,
    caption_headings: bool = False,
) -> str:
    """Render a six-part report whose tables are flattened to tab-separated lines.

    With ``caption_headings=True`` each 第二十条第（X）项 caption of table 二 stands on a
    line of its own with no tab, as in text saved from web pages: a heading between
    the blocks rather than a table row. A v2021 ``values`` that holds the v2019 row
    ``other`` instead of the three （六） sub-rows renders that hybrid layout (see
    :func:`hybrid_other_values`).

    By default table 三 keeps one field per grid column on every line, as a clean
    conversion does. With ``flattened=True`` it looks like seed 001: rows carry
    different numbers of fields and the header words 社会公益/组织 and 法律服务/机构
    are split onto a line of their own. Blank cells (``None`` values) are only
    recoverable from the first form, so do not combine them with ``flattened``.
    """
    lines = [
        "",
        f"{organ}{year}年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"如对本报告有任何疑问，请与{organ}办公室联系"
        f"（电话：0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}）。",
        f"{year}年，{organ}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
        "二、主动公开政府信息情况",
        "",
        *_render_active(rng, layout, values, caption_headings=caption_headings),
        "",
        "三、收到和处理政府信息公开申请情况",
        "",
        *(_render_flattened_applications if flattened else _render_applications)(rng, layout, values),
        "",
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        *_render_review(rng, values),
        "",
        "五、存在的主要问题及改进情况",
        "一是信息公开的及时性有待提高，二是政策解读形式不够丰富。下一步将加强培训，完善工作机制。",
        "六、其他需要报告的事项",
        "无。",
        "",
        f"{organ}",
        f"{year + 1}年1月{rng.randint(10, 28)}日",
        "",
    ]
    return "\n".join(lines)


def _cell_text(rng: random.Random, value: Value, kind: ValueKind) -> str:
    return "" if value is None else format_number(rng, value, kind)


def _render_active(
    rng: random.Random, layout: Layout, values: dict[TableCellKey, Value], *, caption_headings: bool = False
) -> list[str]:
    out: list[str] = []
    for block in active_blocks(layout):
        caption = rng.choice(_CAPTION_VARIANTS).format(block.clause)
        out.append(caption if caption_headings else f"{caption}\t\t\t")
        headers = [c.label for c in block.columns]
        header_unit = ""
        if block.clause == "九" and rng.random() < 0.5:
            header_unit = "（单位：万元，保留4位小数）"
        headers[-1] += header_unit
        out.append("\t".join(["信息内容", *headers, *([""] * (3 - len(headers)))]))
        for row in block.rows:
            cells = [_cell_text(rng, values[(ACTIVE, row.key, c.key)], c.kind) for c in block.columns]
            out.append("\t".join([row.label, *cells, *([""] * (3 - len(cells)))]))
    return out


def _render_applications(rng: random.Random, layout: Layout, values: dict[TableCellKey, Value]) -> list[str]:
    note = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
    header_labels = [c.label for c in APPLICANT_COLUMNS]
    if rng.random() < 0.3:
        header_labels[3] = "社会组织"
    out = [
        "\t".join([note, "", "", "申请人情况", *([""] * 6)]),
        "\t".join(["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        "\t".join(["", "", "", "", *header_labels[1:6], ""]),
    ]
    group: str | None = None
    first_outcome = True
    for row in _printed_rows(layout, values):
        l1 = l2 = l3 = ""
        key = row.spec.key
        label = _variant(rng, row.spec.label, _ROW_VARIANTS)
        if row.group is None:
            if key in ("new_received", "carried_over", "carried_forward"):
                l1 = label
            else:
                l2 = label
                if first_outcome:
                    l1 = _variant(rng, "三、本年度办理结果", _ROW_VARIANTS)
                    first_outcome = False
        else:
            if row.group != group:
                l2 = _variant(rng, GROUP_LABELS[row.group], _ROW_VARIANTS)
            l3 = label
        group = row.group
        cells = [_cell_text(rng, values[(APPLICATIONS, key, c.key)], c.kind) for c in APPLICANT_COLUMNS]
        out.append("\t".join([l1, l2, l3, *cells]))
    return out


def _printed_rows(layout: Layout, values: dict[TableCellKey, Value]) -> list[ApplicationRow]:
    """Table 三's rows in ``layout``; a hybrid v2021 prints the v2019 （六） row instead of its sub-rows."""
    if layout != Layout.V2021 or (APPLICATIONS, "other", "total") not in values:
        return list(application_rows(layout))
    single = next(r for r in application_rows(Layout.V2019) if r.spec.key == "other")
    rows: list[ApplicationRow] = []
    for row in application_rows(layout):
        if row.group == "other":
            if single not in rows:
                rows.append(single)
            continue
        rows.append(row)
    return rows


def hybrid_other_values(values: dict[TableCellKey, Value]) -> dict[TableCellKey, Value]:
    """v2021 ``values`` as a hybrid report prints them: （六） as the single v2019 row ``other``.

    Its cells hold the sums of the three sub-rows, which the report then does not print.
    """
    sub_rows = [r.spec.key for r in application_rows(Layout.V2021) if r.group == "other"]
    result = {k: v for k, v in values.items() if not (k[0] == APPLICATIONS and k[1] in sub_rows)}
    for column in APPLICANT_COLUMNS:
        parts = [values[(APPLICATIONS, r, column.key)] for r in sub_rows]
        result[(APPLICATIONS, "other", column.key)] = sum(p for p in parts if p is not None)
    return result


def _render_flattened_applications(
    rng: random.Random, layout: Layout, values: dict[TableCellKey, Value]
) -> list[str]:
    note = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
    out = [
        "\t".join([note, "申请人情况", "", "", "", "", "", ""]),
        "\t".join(["", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        "\t".join(["", "", "商业企业", "科研机构", "社会公益", "法律服务", "其他", ""]),
        "",
        "\t".join(["", "", "", "", "", "组织", "机构", "", ""]),
    ]
    group: str | None = None
    for row in application_rows(layout):
        key = row.spec.key
        label = _variant(rng, row.spec.label, _ROW_VARIANTS)
        cells = [_cell_text(rng, values[(APPLICATIONS, key, c.key)], c.kind) for c in APPLICANT_COLUMNS]
        if key in ("new_received", "carried_over", "carried_forward"):
            fields = [label, "", *cells]
        elif row.group is None:
            l1 = "三、本年度办理结果" if key == "granted" else ""
            fields = [l1, label, "", *cells]
        else:
            l2 = _variant(rng, GROUP_LABELS[row.group], _ROW_VARIANTS) if row.group != group else ""
            fields = ["", l2, label, *cells]
        group = row.group
        out.append("\t".join(fields))
    return out


def _render_review(rng: random.Random, values: dict[TableCellKey, Value]) -> list[str]:
    columns = [c.label for c in REVIEW_COLUMNS]
    out = [
        "\t".join(["行政复议", "", "", "", "", "行政诉讼", *([""] * 9)]),
        "\t".join([*columns, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]),
        "\t".join(["", "", "", "", "", *columns, *columns]),
        "\t".join(
            _cell_text(rng, values[(REVIEW_LITIGATION, g.key, c.key)], c.kind)
            for g in REVIEW_GROUPS
            for c in REVIEW_COLUMNS
        ),
    ]
    return out


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
