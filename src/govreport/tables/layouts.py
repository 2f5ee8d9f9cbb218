"""Canonical keys of the fixed tables (spec §10), with the labels used to find them.

This module is the one place where the tables' rows and columns are named. Readers,
checks, exports and docs all read these definitions.
"""

from __future__ import annotations

from enum import Enum
from functools import cache

from attrs import evolve, frozen

from govreport.normalize.text import label_key


class ValueKind(str, Enum):
    """The type of value a column holds."""

    COUNT = "count"
    """An integer >= 0."""
    SIGNED = "signed"
    """A signed integer (本年增/减)."""
    MONEY = "money"
    """A decimal amount >= 0 with a unit, 万元 unless the cell says otherwise."""


@frozen
class ColumnSpec:
    """A value column: canonical key, the official label, and label cores that identify it."""

    key: str
    label: str
    cores: tuple[str, ...]
    kind: ValueKind = ValueKind.COUNT
    unit: str | None = None


@frozen
class RowSpec:
    """A data row: canonical key, the official label, and label cores that identify it."""

    key: str
    label: str
    cores: tuple[str, ...]


@frozen
class BlockSpec:
    """One 第二十条第（X）项 block of table 二."""

    clause: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]


def _cores(*labels: str) -> tuple[str, ...]:
    return tuple(label_key(label) for label in labels)


def _row(key: str, label: str, *cores: str) -> RowSpec:
    return RowSpec(key, label, tuple(dict.fromkeys(_cores(label, *cores))))


def _col(key: str, label: str, *cores: str, kind: ValueKind = ValueKind.COUNT) -> ColumnSpec:
    unit = "万元" if kind is ValueKind.MONEY else None
    return ColumnSpec(key, label, tuple(dict.fromkeys(_cores(label, *cores))), kind, unit)


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
    _col("items_prev_year", "上一年项目数量", "上一年"),
    _col("items_change", "本年增/减", "增减", "增加减少", kind=ValueKind.SIGNED),
    _col("decisions", "处理决定数量", "处理决定"),
)
_DECISIONS_2021 = (_col("decisions", "本年处理决定数量", "处理决定"),)
_REGULATIONS = _row("regulations", "规章")

ACTIVE_V2019: tuple[BlockSpec, ...] = (
    BlockSpec(
        "一",
        (_REGULATIONS, _row("normative_documents", "规范性文件")),
        (
            _col("made", "本年新制作数量", "新制作", "制作数量"),
            _col("published", "本年新公开数量", "新公开", "公开数量"),
            _col("total_public", "对外公开总数量", "对外公开", "公开总数"),
        ),
    ),
    BlockSpec(
        "五",
        (
            _row("licensing", "行政许可"),
            _row("other_services", "其他对外管理服务事项", "对外管理服务", "其他对外"),
        ),
        _ITEMS_COLUMNS,
    ),
    BlockSpec("六", (_row("penalty", "行政处罚"), _row("enforcement", "行政强制")), _ITEMS_COLUMNS),
    BlockSpec("八", (_row("fees", "行政事业性收费", "事业性收费"),), _ITEMS_COLUMNS[:2]),
    BlockSpec(
        "九",
        (_row("procurement", "政府集中采购", "集中采购"),),
        (
            _col("projects", "采购项目数量", "采购项目"),
            _col("amount", "采购总金额", "总金额", "采购金额", kind=ValueKind.MONEY),
        ),
    ),
)
ACTIVE_V2021: tuple[BlockSpec, ...] = (
    BlockSpec(
        "一",
        (_REGULATIONS, _row("normative_documents", "行政规范性文件", "规范性文件")),
        (
            _col("issued", "本年制发件数", "制发"),
            _col("repealed", "本年废止件数", "废止"),
            _col("in_force", "现行有效件数", "现行有效"),
        ),
    ),
    BlockSpec("五", (_row("licensing", "行政许可"),), _DECISIONS_2021),
    BlockSpec("六", (_row("penalty", "行政处罚"), _row("enforcement", "行政强制")), _DECISIONS_2021),
    BlockSpec(
        "八",
        (_row("fees", "行政事业性收费", "事业性收费"),),
        (_col("amount", "本年收费金额（单位：万元）", "收费金额", kind=ValueKind.MONEY),),
    ),
)

# --- Table 三 ---------------------------------------------------------------------------
APPLICANT_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("natural_person", "自然人"),
    _col("commercial_enterprise", "商业企业", "商业"),
    _col("research_institution", "科研机构", "科研"),
    _col("public_welfare_org", "社会公益组织", "公益", "社会组织"),
    _col("legal_service_org", "法律服务机构", "法律服务"),
    _col("other_org", "其他"),
    _col("total", "总计", "合计"),
)
APPLICANT_SUM_COLUMNS = tuple(c.key for c in APPLICANT_COLUMNS[:6])


@frozen
class ApplicationRow:
    """A row of table 三; ``group`` is the merged L2 label it sits under, if any."""

    spec: RowSpec
    group: str | None = None


def _app(key: str, label: str, *cores: str, group: str | None = None) -> ApplicationRow:
    return ApplicationRow(_row(key, label, *cores), group)


GROUP_LABELS = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
GROUP_CORES = {
    "denied": _cores("不予公开"),
    "unable": _cores("无法提供"),
    "not_processed": _cores("不予处理"),
    "other": _cores("其他处理"),
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
    _row("review", "行政复议"),
    _row("litigation_direct", "行政诉讼·未经复议直接起诉", "直接起诉"),
    _row("litigation_after_review", "行政诉讼·复议后起诉", "复议后起诉"),
)
REVIEW_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("upheld", "结果维持", "维持"),
    _col("corrected", "结果纠正", "纠正"),
    _col("other", "其他结果"),
    _col("pending", "尚未审结", "未审结"),
    _col("total", "总计", "合计"),
)
REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


# --- The pre-2019 统计表 (v2008) ------------------------------------------------------
@frozen
class StatisticsRow:
    """A row of the old statistics table.

    ``pattern`` is a regular expression over the printed label (punctuation kept, since
    crawled text glues labels, units and digits together); ``unit`` is the usual unit
    printed in the 计量单位 column. ``parts`` names the rows that add up to this one.
    """

    key: str
    label: str
    pattern: str
    unit: str
    kind: ValueKind = ValueKind.COUNT
    parts: tuple[str, ...] = ()


_CHANNELS = (
    "applications.in_person",
    "applications.online",
    "applications.email",
    "applications.fax",
    "applications.letter",
    "applications.letter_or_fax",
)
_REPLIES = (
    "replies.already_public",
    "replies.granted",
    "replies.partial",
    "replies.denied",
    "replies.not_this_organ",
    "replies.not_exist",
    "replies.correction",
    "replies.other_channel",
    "replies.other",
)

STATISTICS_ROWS: tuple[StatisticsRow, ...] = (
    StatisticsRow("active", "主动公开政府信息数", r"主动公开(?:政府)?(?:信息|文件)(?:总)?数", "条"),
    StatisticsRow(
        "active.full_text",
        "其中：全文电子化的主动公开政府信息数",
        r"全文电子化的?(?:主动公开)?(?:政府)?(?:信息|文件)?数?",
        "条",
    ),
    StatisticsRow("active.normative_documents", "其中：主动公开规范性文件数", r"主动公开规范性文件数", "条"),
    StatisticsRow("active.website", "政府网站公开数", r"(?:政府)?网站公开(?:政府信息)?(?:数)?", "条"),
    StatisticsRow("active.gazette", "政府公报公开数", r"(?:政府)?公报公开(?:政府信息)?(?:数)?", "条"),
    StatisticsRow("active.weibo", "政务微博公开政府信息数", r"政务微博公开(?:政府信息)?数?", "条"),
    StatisticsRow("active.wechat", "政务微信公开政府信息数", r"政务微信公开(?:政府信息)?数?", "条"),
    StatisticsRow("active.other_channels", "其他方式公开政府信息数", r"其他方式公开(?:政府信息)?数?", "条"),
    StatisticsRow("normative_documents_issued", "制发规范性文件总数", r"制发规范性文件总?数", "件"),
    StatisticsRow(
        "applications",
        "依申请公开信息总数（申请数）",
        r"(?:受理|收到)?(?:政府信息)?依申请公开(?:政府)?(?:信息)?(?:申请)?总数|(?:收到|受理)?申请(?:总)?数(?=\s*件|\s*条)",
        "件",
        parts=_CHANNELS,
    ),
    StatisticsRow("applications.in_person", "当面申请数", r"当面申请数", "件"),
    StatisticsRow("applications.online", "网上申请数", r"(?:网上|网络)申请数", "件"),
    StatisticsRow("applications.email", "电子邮件申请数", r"电子邮件申请数", "件"),
    StatisticsRow("applications.fax", "传真申请数", r"(?<!信函[、,，])(?<!信函)传真申请数", "件"),
    StatisticsRow("applications.letter", "信函申请数", r"信函申请数", "件"),
    StatisticsRow("applications.letter_or_fax", "信函、传真申请数", r"信函[、,，]?传真申请数", "件"),
    StatisticsRow(
        "completed",
        "申请办结数",
        r"申请办结数",
        "件",
        parts=("completed.on_time", "completed.extended"),
    ),
    StatisticsRow("completed.on_time", "按时办结数", r"按时办结数", "件"),
    StatisticsRow("completed.extended", "延期办结数", r"延期办结数", "件"),
    StatisticsRow("replies", "对申请的答复总数", r"(?:对申请的)?答复总数|申请答复数", "件", parts=_REPLIES),
    StatisticsRow("replies.already_public", "属于已主动公开范围数", r"属于已主动公开范围数", "件"),
    StatisticsRow("replies.granted", "同意公开答复数", r"(?<!部分)(?<!不)同意公开(?:答复)?数?", "件"),
    StatisticsRow("replies.partial", "同意部分公开答复数", r"(?:同意)?部分公开(?:答复)?数?", "件"),
    StatisticsRow(
        "replies.denied",
        "不同意公开答复数",
        r"(?:不同意公开|不予公开|否决公开)(?:答复)?数?",
        "件",
    ),
    StatisticsRow("replies.not_this_organ", "不属于本行政机关公开数", r"不属于本(?:行政)?机关公开数", "件"),
    StatisticsRow("replies.not_exist", "申请信息不存在数", r"申请信息不存在数", "件"),
    StatisticsRow("replies.correction", "告知作出更改补充数", r"告知作出更改补充数", "件"),
    StatisticsRow("replies.other_channel", "告知通过其他途径办理数", r"告知通过其他途径办理数", "件"),
    StatisticsRow("replies.other", "其他类型答复数", r"其他类型答复数", "件"),
    StatisticsRow("review", "行政复议数", r"(?<!、)行政复议(?:数量|数)", "件"),
    StatisticsRow("litigation", "行政诉讼数", r"(?<!接受)行政诉讼(?:数量|数)", "件"),
    StatisticsRow(
        "complaints",
        "举报投诉数",
        r"举报投诉数|投诉举报数|接受行政诉讼[、,，]?举报数|行政申诉[、,，]?举报数",
        "件",
    ),
    StatisticsRow(
        "fees",
        "依申请公开收费金额",
        r"(?:政府信息公开)?收费(?:减免)?金额|收取的费用",
        "万元",
        kind=ValueKind.MONEY,
    ),
)
"""Rows of the 统计表 that provinces printed between 2008 and 2018, in form order.

Provinces used different subsets; a report's table has every row key, and the rows it
does not print are ``missing``.
"""

STATISTICS_COLUMNS: tuple[ColumnSpec, ...] = (
    _col("this_year", "本年度", "本年度", "本年"),
    _col("cumulative", "历年累计", "累计"),
)
"""Value columns of the 统计表. ``this_year`` is printed as 本年度 or as ``2011年度``."""


def active_blocks(layout: str) -> tuple[BlockSpec, ...]:
    """Table 二 blocks for layout ``v2019`` or ``v2021``."""
    return ACTIVE_V2019 if layout == "v2019" else ACTIVE_V2021


def application_rows(layout: str) -> tuple[ApplicationRow, ...]:
    """Table 三 rows for layout ``v2019`` or ``v2021``."""
    return APPLICATIONS_V2019 if layout == "v2019" else APPLICATIONS_V2021


# Rows a layout may print in place of its own: a v2021 table 三 that still prints the v2019
# single row （六）其他处理 (key ``other``) instead of its three sub-rows.
_HYBRID_ROWS: dict[tuple[str, str], tuple[str, ...]] = {(APPLICATIONS, "v2021"): ("other",)}
_REPLACED_ROWS: dict[tuple[str, str], tuple[str, ...]] = {
    (APPLICATIONS, "v2021"): tuple(r.spec.key for r in APPLICATIONS_V2021 if r.group == "other"),
}


def hybrid_rows(table: str, layout: str) -> tuple[str, ...]:
    """Rows of another layout that ``layout`` reads in place of :func:`replaced_rows` (hybrid reports)."""
    return _HYBRID_ROWS.get((table, layout), ())


def replaced_rows(table: str, layout: str) -> tuple[str, ...]:
    """The rows of ``layout`` whose sum a hybrid row prints."""
    return _REPLACED_ROWS.get((table, layout), ())


@cache
def table_keys(table: str, layout: str, hybrid: bool = False) -> tuple[tuple[str, str], ...]:
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
def cell_keys(table: str, layout: str) -> tuple[tuple[str, str], ...]:
    """Every ``(row, column)`` of a table in a layout, in reading order."""
    if table == STATISTICS:
        return tuple((r.key, c.key) for r in STATISTICS_ROWS for c in STATISTICS_COLUMNS)
    if table == ACTIVE:
        return tuple((r.key, c.key) for b in active_blocks(layout) for r in b.rows for c in b.columns)
    if table == APPLICATIONS:
        return tuple((r.spec.key, c.key) for r in application_rows(layout) for c in APPLICANT_COLUMNS)
    return tuple((g.key, c.key) for g in REVIEW_GROUPS for c in REVIEW_COLUMNS)


@cache
def _column_specs(table: str, layout: str) -> dict[tuple[str, str], ColumnSpec]:
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


def column_specs(table: str, layout: str) -> dict[tuple[str, str], ColumnSpec]:
    """The column definition of every cell of a table, by ``(row, column)`` (shared: do not change)."""
    return _column_specs(table, layout)


def column_spec(table: str, layout: str, row: str, column: str) -> ColumnSpec:
    """The column definition of one cell (its kind and default unit)."""
    return _column_specs(table, layout)[(row, column)]


@cache
def known_cell_keys(table: str) -> frozenset[tuple[str, str]]:
    """Every ``(row, column)`` the table has in any layout, hybrid rows included."""
    return frozenset(key for layout in ("v2019", "v2021") for key in table_keys(table, layout, True))
