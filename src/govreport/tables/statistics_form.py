"""The pre-2019 统计表 (layout ``v2008``): its rows, with the patterns that find them, and its columns."""

from __future__ import annotations

from govreport.tables.specs import ColumnSpec, StatisticsRow, ValueKind, make_column

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
    make_column("this_year", "本年度", "本年度", "本年"),
    make_column("cumulative", "历年累计", "累计"),
)
"""Value columns of the 统计表. ``this_year`` is printed as 本年度 or as ``2011年度``."""
