"""The words of ``govreport check``'s outputs (terminal lines and HTML page) in each language.

Chinese names things as the form prints them (表三, 第29行, 2021版格式) for disclosure
offices; English names them by key and number for researchers, as the machine outputs do.
Every entry is a catalogue :class:`~govreport.model.messages.Message`, so the catalogue's
tests check that each has both languages and that the English is English.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from govreport.model.document import Location
from govreport.model.findings import Origin, Severity
from govreport.model.messages import Lang, Message
from govreport.model.tables import CellState, Layout

SEVERITIES = {
    Severity.ERROR: Message("severity.error", zh="错误", en="error"),
    Severity.WARNING: Message("severity.warning", zh="警告", en="warning"),
    Severity.INFO: Message("severity.info", zh="提示", en="info"),
}
ORIGINS = {
    Origin.SOURCE: Message("origin.source", zh="报告本身", en="source"),
    Origin.READING: Message("origin.reading", zh="读取存疑", en="reading"),
}
VERSIONS = {
    Layout.V2008.value: Message("version.v2008", zh="2008—2018年统计表", en="v2008"),
    Layout.V2019.value: Message("version.v2019", zh="2019版格式", en="v2019"),
    Layout.V2021.value: Message("version.v2021", zh="2021版格式", en="v2021"),
    "narrative": Message("version.narrative", zh="旧版文字报告", en="narrative"),
    "unknown": Message("version.unknown", zh="未识别的格式", en="unknown"),
}
STATES = {
    CellState.READ: Message("state.read", zh="已读取", en="read"),
    CellState.BLANK: Message("state.blank", zh="空白", en="blank"),
    CellState.PLACEHOLDER: Message("state.placeholder", zh="占位符", en="placeholder"),
    CellState.MISSING: Message("state.missing", zh="原文缺格", en="missing"),
    CellState.INFERRED: Message("state.inferred", zh="按规则补出", en="inferred"),
}
MARKS = {
    CellState.INFERRED: Message("mark.inferred", zh="推", en="inf"),
    CellState.MISSING: Message("mark.missing", zh="缺", en="miss"),
    CellState.PLACEHOLDER: Message("mark.placeholder", zh="占", en="ph"),
}
"""The short mark a value cell of the page carries for its state."""

PRINTED_AS = Message("page.printed_as", zh="原文「{raw}」", en="printed 「{raw}」", quoted={"raw"})
REPORT_HEADING = Message("page.report", zh="{organ} {year}年", en="「{organ}」 {year}", quoted={"organ"})
UNKNOWN_ORGAN = Message("page.unknown_organ", zh="（未识别机关）", en="(organ not found)")
DEFAULT_TITLE = Message(
    "page.title",
    zh="政府信息公开工作年度报告检查结果",
    en="Check of government information disclosure annual reports",
)

# The page's own lines; the templates call them through ``say``.
PAGE = {
    m.id.removeprefix("page."): m
    for m in (
        Message(
            "page.summary",
            zh="报告 {reports} 份，无法读取 {failures} 份；"
            "错误 {errors} 条，读取存疑 {reading} 条，其他 {other} 条；{corpus_link} {corpus} 条。",
            en="{reports} reports, {failures} unreadable; "
            "{errors} errors, {reading} doubts about the reading, {other} other; {corpus_link}: {corpus}.",
        ),
        Message("page.corpus_link", zh="跨报告检查", en="cross-report checks"),
        Message(
            "page.explained",
            zh="“错误”是报告违反了填报规则（如勾稽关系不成立）；“读取存疑”是本工具读取原文时没有把握，请对照原文核对。",
            en="An error is the report breaking a rule of the form (an equation that does not hold); "
            "a doubt about the reading is govreport being unsure of what it read: compare with the original.",
        ),
        Message(
            "page.legend_equation",
            zh="虚线框 = 不成立的等式所含单元格",
            en="dashed frame = in an equation that fails",
        ),
        Message(
            "page.legend_culprit", zh="粗框 = 可能出错的单元格", en="thick frame = the likely wrong cell"
        ),
        Message(
            "page.legend_inferred", zh="{mark} = 按规则补出", en="{mark} = filled in by the printed rules"
        ),
        Message("page.legend_missing", zh="{mark} = 原文缺格", en="{mark} = missing in the original"),
        Message("page.rules", zh="规则：", en="Rules: "),
        Message("page.column_report", zh="机关 年度", en="organ, year"),
        Message("page.column_version", zh="格式", en="format"),
        Message("page.column_errors", zh="错误", en="errors"),
        Message("page.column_reading", zh="读取存疑", en="reading doubts"),
        Message("page.column_other", zh="其他", en="other"),
        Message("page.column_file", zh="文件", en="file"),
        Message("page.corpus_heading", zh="跨报告检查（{count}）", en="Cross-report checks ({count})"),
        Message("page.corpus_none_heading", zh="跨报告检查", en="Cross-report checks"),
        Message("page.corpus_none", zh="未发现问题。", en="No problems found."),
        Message(
            "page.report_meta",
            zh="文件：{name} · 标题：{title} · SHA-256：{sha256}",
            en="file: {name} · title: 「{title}」 · SHA-256: {sha256}",
            quoted={"title"},
        ),
        Message(
            "page.report_summary",
            zh="错误 {errors} 条 · 读取存疑 {reading} 条 · 其他 {other} 条",
            en="{errors} errors · {reading} doubts about the reading · {other} other",
        ),
        Message("page.no_tables", zh="无统计表。", en="No statistics table."),
        Message("page.culprits", zh="可能出错的单元格：", en="Likely wrong cells: "),
        Message("page.findings", zh="发现的问题（{count}）", en="Findings ({count})"),
        Message("page.no_findings", zh="无", en="None"),
        Message(
            "page.numbers",
            zh="左边 {left} · 右边 {right} · 相差 {difference}",
            en="left {left} · right {right} · difference {difference}",
        ),
        Message("page.advice", zh="建议：{advice}", en="Advice: {advice}"),
        Message("page.documents", zh="报告：", en="Reports: "),
        Message("page.cells", zh="单元格：", en="Cells: "),
        Message("page.where", zh="位置：{place}", en="Where: {place}"),
        Message("page.list_separator", zh="；", en="; "),
        Message("page.failed", zh="无法读取：{path}", en="Could not read: {path}"),
    )
}


def say(lang: Lang, name: str, /, **params: object) -> Markup:
    """Page line ``name`` in ``lang``, its words escaped; Markup parameters (a link) stay HTML."""
    return Markup(escape(PAGE[name].template(lang))).format(**params)


def place_text(location: Location | None, lang: Lang) -> str:
    """Where in the original a finding points (第3页 第29行第20字 原文第2个表格第4行第4列).

    English uses :meth:`~govreport.model.document.Location.describe`, as the JSON readers see it.
    """
    if location is None:
        return ""
    if lang == "en":
        return location.describe()
    parts = []
    if location.page is not None:
        parts.append(f"第{location.page}页")
    if location.line is not None:
        parts.append(f"第{location.line}行" + (f"第{location.column}字" if location.column else ""))
    if location.table is not None:
        # Table, row and column indexes count from 0 in the model; people count from 1.
        row = f"第{location.row + 1}行" if location.row is not None else ""
        col = f"第{location.col + 1}列" if location.col is not None else ""
        parts.append(f"原文第{location.table + 1}个表格{row}{col}")
    return " ".join(parts)
