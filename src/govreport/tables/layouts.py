"""Canonical keys of the fixed tables (spec §10), with the labels used to find them.

This module is the one place where the tables' rows and columns are named, and where a
:class:`~govreport.model.tables.Layout` is turned into them. Readers, checks, exports and
docs all read these definitions. The old 统计表 is written in
:mod:`govreport.tables.statistics_form`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TypeVar

from attrs import evolve

from govreport.errors import UnknownNameError
from govreport.model.tables import CellKey, Layout
from govreport.tables.specs import (
    ApplicationRow,
    BlockSpec,
    ColumnSpec,
    RowSpec,
    ValueKind,
    label_cores,
    make_column,
    make_row,
)
from govreport.tables.statistics_form import STATISTICS_COLUMNS, STATISTICS_ROWS

# Table keys (spec §10).
ACTIVE = "active"
APPLICATIONS = "applications"
REVIEW_LITIGATION = "review_litigation"
STATISTICS = "statistics"
"""The pre-2019 统计表 (layout ``v2008``), printed at the end of narrative reports."""
TABLE_NAMES = {ACTIVE: "表二", APPLICATIONS: "表三", REVIEW_LITIGATION: "表四", STATISTICS: "统计表"}
"""How messages name each table."""

TABLE_TITLES = {
    ACTIVE: "二、主动公开政府信息情况",
    APPLICATIONS: "三、收到和处理政府信息公开申请情况",
    REVIEW_LITIGATION: "四、政府信息公开行政复议、行政诉讼情况",
    STATISTICS: "政府信息公开情况统计表",
}

# --- Table 二 ---------------------------------------------------------------------------
_ITEMS_COLUMNS = (
    make_column("items_prev_year", "上一年项目数量", "上一年"),
    make_column("items_change", "本年增/减", "增减", "增加减少", kind=ValueKind.SIGNED),
    make_column("decisions", "处理决定数量", "处理决定"),
)
_DECISIONS_2021 = (make_column("decisions", "本年处理决定数量", "处理决定"),)
_REGULATIONS = make_row("regulations", "规章")

ACTIVE_V2019: tuple[BlockSpec, ...] = (
    BlockSpec(
        "一",
        (_REGULATIONS, make_row("normative_documents", "规范性文件")),
        (
            make_column("made", "本年新制作数量", "新制作", "制作数量"),
            make_column("published", "本年新公开数量", "新公开", "公开数量"),
            make_column("total_public", "对外公开总数量", "对外公开", "公开总数"),
        ),
    ),
    BlockSpec(
        "五",
        (
            make_row("licensing", "行政许可"),
            make_row("other_services", "其他对外管理服务事项", "对外管理服务", "其他对外"),
        ),
        _ITEMS_COLUMNS,
    ),
    BlockSpec("六", (make_row("penalty", "行政处罚"), make_row("enforcement", "行政强制")), _ITEMS_COLUMNS),
    BlockSpec("八", (make_row("fees", "行政事业性收费", "事业性收费"),), _ITEMS_COLUMNS[:2]),
    BlockSpec(
        "九",
        (make_row("procurement", "政府集中采购", "集中采购"),),
        (
            make_column("projects", "采购项目数量", "采购项目"),
            make_column("amount", "采购总金额", "总金额", "采购金额", kind=ValueKind.MONEY),
        ),
    ),
)
ACTIVE_V2021: tuple[BlockSpec, ...] = (
    BlockSpec(
        "一",
        (_REGULATIONS, make_row("normative_documents", "行政规范性文件", "规范性文件")),
        (
            make_column("issued", "本年制发件数", "制发"),
            make_column("repealed", "本年废止件数", "废止"),
            make_column("in_force", "现行有效件数", "现行有效"),
        ),
    ),
    BlockSpec("五", (make_row("licensing", "行政许可"),), _DECISIONS_2021),
    BlockSpec("六", (make_row("penalty", "行政处罚"), make_row("enforcement", "行政强制")), _DECISIONS_2021),
    BlockSpec(
        "八",
        (make_row("fees", "行政事业性收费", "事业性收费"),),
        (make_column("amount", "本年收费金额（单位：万元）", "收费金额", kind=ValueKind.MONEY),),
    ),
)

# --- Table 三 ---------------------------------------------------------------------------
APPLICANT_COLUMNS: tuple[ColumnSpec, ...] = (
    make_column("natural_person", "自然人"),
    make_column("commercial_enterprise", "商业企业", "商业"),
    make_column("research_institution", "科研机构", "科研"),
    make_column("public_welfare_org", "社会公益组织", "公益", "社会组织"),
    make_column("legal_service_org", "法律服务机构", "法律服务"),
    make_column("other_org", "其他"),
    make_column("total", "总计", "合计"),
)
APPLICANT_SUM_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS[:6])


def _app(key: str, label: str, *cores: str, group: str | None = None) -> ApplicationRow:
    return ApplicationRow(make_row(key, label, *cores), group)


GROUP_LABELS = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
GROUP_CORES = {
    "denied": label_cores("不予公开"),
    "unable": label_cores("无法提供"),
    "not_processed": label_cores("不予处理"),
    "other": label_cores("其他处理"),
}

_APPLICATION_HEAD = (
    _app("new_received", "一、本年新收政府信息公开申请数量", "本年新收"),
    _app("carried_over", "二、上年结转政府信息公开申请数量", "上年结转"),
    _app("granted", "（一）予以公开", "予以公开"),
    _app("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"),
    _app("denied.state_secret", "1.属于国家秘密", "国家秘密", group="denied"),
    _app("denied.law_forbidden", "2.其他法律行政法规禁止公开", "禁止公开", group="denied"),
    _app("denied.three_safety_one_stability", "3.危及“三安全一稳定”", "三安全", group="denied"),
    _app("denied.third_party", "4.保护第三方合法权益", "第三方", group="denied"),
    _app("denied.internal_affairs", "5.属于三类内部事务信息", "内部事务", group="denied"),
    _app("denied.process_info", "6.属于四类过程性信息", "过程性", group="denied"),
    _app("denied.enforcement_file", "7.属于行政执法案卷", "执法案", group="denied"),
    _app("denied.admin_query", "8.属于行政查询事项", "行政查询", group="denied"),
    _app("unable.not_held", "1.本机关不掌握相关政府信息", "不掌握", group="unable"),
    _app(
        "unable.needs_creation",
        "2.没有现成信息需要另行制作",
        "另行制作",
        "没有现成",
        group="unable",
    ),
    _app("unable.unclear", "3.补正后申请内容仍不明确", "不明确", group="unable"),
    _app("not_processed.petition", "1.信访举报投诉类申请", "信访", group="not_processed"),
    _app("not_processed.repeat", "2.重复申请", "重复申请", group="not_processed"),
    _app("not_processed.publication", "3.要求提供公开出版物", "出版物", group="not_processed"),
    _app("not_processed.massive", "4.无正当理由大量反复申请", "大量反复", group="not_processed"),
    _app(
        "not_processed.confirm",
        "5.要求行政机关确认或重新出具已获取信息",
        "重新出具",
        "确认或",
        group="not_processed",
    ),
)
_APPLICATION_TAIL = (
    _app("total_processed", "（七）总计", "总计", "合计"),
    _app("carried_forward", "四、结转下年度继续办理", "结转下年"),
)
APPLICATIONS_V2019: tuple[ApplicationRow, ...] = (
    *_APPLICATION_HEAD,
    _app("other", "（六）其他处理", "其他处理"),
    *_APPLICATION_TAIL,
)
APPLICATIONS_V2021: tuple[ApplicationRow, ...] = (
    *_APPLICATION_HEAD,
    _app(
        "other.overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "逾期不补正",
        "不补正",
        group="other",
    ),
    _app(
        "other.overdue_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "缴纳费用",
        "收费通知",
        group="other",
    ),
    _app("other.other", "3.其他", "其他", group="other"),
    *_APPLICATION_TAIL,
)
OUTCOME_ROWS_V2019 = tuple(r.spec.key for r in APPLICATIONS_V2019[2:-2])
OUTCOME_ROWS_V2021 = tuple(r.spec.key for r in APPLICATIONS_V2021[2:-2])

# --- Table 四 ---------------------------------------------------------------------------
REVIEW_GROUPS: tuple[RowSpec, ...] = (
    make_row("review", "行政复议"),
    make_row("litigation_direct", "行政诉讼·未经复议直接起诉", "直接起诉"),
    make_row("litigation_after_review", "行政诉讼·复议后起诉", "复议后起诉"),
)
REVIEW_COLUMNS: tuple[ColumnSpec, ...] = (
    make_column("upheld", "结果维持", "维持"),
    make_column("corrected", "结果纠正", "纠正"),
    make_column("other", "其他结果"),
    make_column("pending", "尚未审结", "未审结"),
    make_column("total", "总计", "合计"),
)
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


# --- By layout --------------------------------------------------------------------------
FORM_LAYOUTS = (Layout.V2019, Layout.V2021)
"""The layouts of the statutory form's tables 二-四, in the order they were issued."""
_LAYOUTS = {
    ACTIVE: FORM_LAYOUTS,
    APPLICATIONS: FORM_LAYOUTS,
    REVIEW_LITIGATION: FORM_LAYOUTS,
    STATISTICS: (Layout.V2008,),
}
_ACTIVE_BLOCKS = {Layout.V2019: ACTIVE_V2019, Layout.V2021: ACTIVE_V2021}
_APPLICATION_ROWS = {Layout.V2019: APPLICATIONS_V2019, Layout.V2021: APPLICATIONS_V2021}
_OUTCOME_ROWS = {Layout.V2019: OUTCOME_ROWS_V2019, Layout.V2021: OUTCOME_ROWS_V2021}
_Spec = TypeVar("_Spec")


def check_layout(table: str, layout: Layout) -> None:
    """Raise unless ``table`` is a fixed table printed in ``layout``: a typo is an error, never a fallback.

    Raises:
        UnknownNameError: ``table`` is no fixed table, or is not printed in ``layout``.
    """
    if table not in _LAYOUTS:
        raise UnknownNameError("table", table, _LAYOUTS)
    if layout not in _LAYOUTS[table]:
        raise UnknownNameError(f"{TABLE_NAMES[table]} layout", str(layout), map(str, _LAYOUTS[table]))


def _of_layout(table: str, by_layout: Mapping[Layout, _Spec], layout: Layout) -> _Spec:
    check_layout(table, layout)
    return by_layout[layout]


def active_blocks(layout: Layout) -> tuple[BlockSpec, ...]:
    """Table 二 blocks for layout ``v2019`` or ``v2021``."""
    return _of_layout(ACTIVE, _ACTIVE_BLOCKS, layout)


def application_rows(layout: Layout) -> tuple[ApplicationRow, ...]:
    """Table 三 rows for layout ``v2019`` or ``v2021``."""
    return _of_layout(APPLICATIONS, _APPLICATION_ROWS, layout)


def outcome_rows(layout: Layout) -> tuple[str, ...]:
    """Table 三's outcome rows （一）-（六）, whose sum is （七）总计, for layout ``v2019`` or ``v2021``."""
    return _of_layout(APPLICATIONS, _OUTCOME_ROWS, layout)


# Rows a layout may print in place of its own: a v2021 table 三 that still prints the v2019
# single row （六）其他处理 (key ``other``) instead of its three sub-rows.
_HYBRID_ROWS: dict[tuple[str, Layout], tuple[str, ...]] = {(APPLICATIONS, Layout.V2021): ("other",)}
_REPLACED_ROWS: dict[tuple[str, Layout], tuple[str, ...]] = {
    (APPLICATIONS, Layout.V2021): tuple(r.spec.key for r in APPLICATIONS_V2021 if r.group == "other"),
}


def hybrid_rows(table: str, layout: Layout) -> tuple[str, ...]:
    """Rows of another layout that ``layout`` reads in place of :func:`replaced_rows` (hybrid reports)."""
    check_layout(table, layout)
    return _HYBRID_ROWS.get((table, layout), ())


def replaced_rows(table: str, layout: Layout) -> tuple[str, ...]:
    """The rows of ``layout`` whose sum a hybrid row prints."""
    check_layout(table, layout)
    return _REPLACED_ROWS.get((table, layout), ())


@cache
def table_keys(table: str, layout: Layout, hybrid: bool = False) -> tuple[CellKey, ...]:
    """Every cell of a table as read: :func:`cell_keys`, plus the hybrid rows before the rows they sum."""
    keys = cell_keys(table, layout)
    extra = hybrid_rows(table, layout)
    if not hybrid or not extra:
        return keys
    first = replaced_rows(table, layout)[0]
    columns = tuple(dict.fromkeys(c for _, c in keys))
    at = next(i for i, (row, _) in enumerate(keys) if row == first)
    return (*keys[:at], *((row, c) for row in extra for c in columns), *keys[at:])


@cache
def cell_keys(table: str, layout: Layout) -> tuple[CellKey, ...]:
    """Every ``(row, column)`` of a table in a layout, in reading order.

    Raises:
        UnknownNameError: ``table`` is no fixed table, or is not printed in ``layout``.
    """
    check_layout(table, layout)
    if table == STATISTICS:
        return tuple((r.key, c.key) for r in STATISTICS_ROWS for c in STATISTICS_COLUMNS)
    if table == ACTIVE:
        return tuple((r.key, c.key) for b in active_blocks(layout) for r in b.rows for c in b.columns)
    if table == APPLICATIONS:
        return tuple((r.spec.key, c.key) for r in application_rows(layout) for c in APPLICANT_COLUMNS)
    return tuple((g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)  # the same in both layouts


@cache
def _column_specs(table: str, layout: Layout) -> dict[CellKey, ColumnSpec]:
    check_layout(table, layout)
    if table == STATISTICS:
        return {
            (r.key, c.key): evolve(c, kind=r.kind, unit=r.unit if r.kind is ValueKind.MONEY else None)
            for r in STATISTICS_ROWS
            for c in STATISTICS_COLUMNS
        }
    if table == ACTIVE:
        return {(r.key, c.key): c for b in active_blocks(layout) for r in b.rows for c in b.columns}
    columns = APPLICANT_COLUMNS if table == APPLICATIONS else REVIEW_COLUMNS
    return {(row, c.key): c for row, _ in table_keys(table, layout, True) for c in columns}


def column_specs(table: str, layout: Layout) -> dict[CellKey, ColumnSpec]:
    """The column definition of every cell of a table, by ``(row, column)`` (shared: do not change)."""
    return _column_specs(table, layout)


def column_spec(table: str, layout: Layout, row: str, column: str) -> ColumnSpec:
    """The column definition of one cell (its kind and default unit)."""
    return _column_specs(table, layout)[(row, column)]


@cache
def known_cell_keys(table: str) -> frozenset[tuple[str, str]]:
    """Every ``(row, column)`` the table has in any of its layouts, hybrid rows included."""
    layouts = _LAYOUTS.get(table, FORM_LAYOUTS)  # an unknown table: table_keys names the error
    return frozenset(key for layout in layouts for key in table_keys(table, layout, True))
