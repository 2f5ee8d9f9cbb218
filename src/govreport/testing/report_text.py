"""A generated report's text: six parts, tables flattened to tab-separated lines.

Numbers and labels are printed the ways real files print them (full-width digits,
thousands separators, signs, units, label variants, headers split over lines).
"""

from __future__ import annotations

import random
from decimal import Decimal

from govreport.model.tables import Layout, TableCellKey
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    GROUP_LABELS,
    REVIEW_COLUMNS,
    REVIEW_GROUPS,
    REVIEW_LITIGATION,
    active_blocks,
    application_rows,
)
from govreport.tables.specs import ApplicationRow, ValueKind
from govreport.testing.values import Value

_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


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
