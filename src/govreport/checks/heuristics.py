"""Heuristic single-report rules (S4-S11), govreport's own rules, and reading rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from govreport.checks import ocr
from govreport.checks.rules import RULES, Rule, _finding, _numeric, rule
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.report import FormatVersion, Report
from govreport.model.tables import CellState
from govreport.sections.builtin import new_form_headings
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION, TABLE_TITLES

_SECTION_TABLE = {
    "active": ACTIVE,
    "applications": APPLICATIONS,
    "review_litigation": REVIEW_LITIGATION,
}
_ALL_DONE = re.compile(
    r"(?:所有|全部)(?:申请)?(?:均|都)?已(?:按要求|按时|依法)?(?:办理完成|办结|答复完毕|全部办结)"
)
_PROCESSING_FEE = re.compile(r"信息处理费[^。；]{0,20}?(\d+(?:\.\d+)?)\s*(元|万元)")


@rule(
    "S4",
    "v2019 表二数量关系",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "v2019: 对外公开总数量 >= 本年新公开数量; 上一年项目数量 + 本年增/减 >= 0.",
)
def _s4(report: Report) -> Iterable[Finding]:
    table = report.table(ACTIVE)
    if table is None or table.layout != "v2019":
        return
    cells = {(c.row, c.column): c for c in table.cells}
    for row in ("regulations", "normative_documents"):
        total, published = cells[(row, "total_public")], cells[(row, "published")]
        if _numeric(total) and _numeric(published) and total.value < published.value:  # type: ignore[operator]
            yield _finding(
                "S4",
                f"表二 {row}：对外公开总数量 {total.value} 小于本年新公开数量 {published.value}。",
                formula="对外公开总数量 >= 本年新公开数量",
                left=total.value,
                right=published.value,
                cells=(total, published),
            )
    for row in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        prev, change = cells.get((row, "items_prev_year")), cells.get((row, "items_change"))
        if prev and change and _numeric(prev) and _numeric(change):
            after = prev.value + change.value  # type: ignore[operator]
            if after < 0:
                yield _finding(
                    "S4",
                    f"表二 {row}：上一年项目数量 {prev.value} 加本年增/减 {change.value} 为负数。",
                    formula="上一年项目数量 + 本年增/减 >= 0",
                    left=after,
                    right=0,
                    cells=(prev, change),
                )


_NIL_VS_TABLE: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "applications": (APPLICATIONS, (("new_received", "total"), ("carried_over", "total"))),
    "review_litigation": (
        REVIEW_LITIGATION,
        tuple((g, "total") for g in ("review", "litigation_direct", "litigation_after_review")),
    ),
}


@rule(
    "S5",
    "正文称无此类情况时表格为0",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "Statements that there was nothing to report (未收到申请, 没有行政复议、行政诉讼) agree with the "
    "tables. Counts stated in the text are compared with the tables by rule N3.",
)
def _s5(report: Report) -> Iterable[Finding]:
    for nil in report.nil_statements:
        if nil.topic not in _NIL_VS_TABLE:
            continue
        table_key, cell_keys = _NIL_VS_TABLE[nil.topic]
        table = report.table(table_key)
        if table is None:
            continue
        cells = [table.cell(r, c) for r, c in cell_keys]
        total = sum(c.value for c in cells if _numeric(c) and c.value is not None)
        if total:
            yield _finding(
                "S5",
                f"正文称「{nil.raw}」，但{TABLE_TITLES[table_key]}合计为 {total}。",
                formula="无此类情况 ⇒ 表格为 0",
                left=0,
                right=total,
                cells=cells,
                location=nil.location,
            )


@rule(
    "S6",
    "年份一致",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "The title year, the statistics period and the 文号 year (normally report year + 1) agree.",
)
def _s6(report: Report) -> Iterable[Finding]:
    meta = report.metadata
    if meta.year is None:
        return
    if meta.period is not None and {meta.period.start.year, meta.period.end.year} != {meta.year}:
        yield _finding(
            "S6",
            f"标题年度 {meta.year} 与统计期限「{meta.period.raw}」不一致。",
            formula="标题年度 = 统计期限年度",
            left=meta.year,
            right=meta.period.start.year,
            location=meta.period.location,
        )
    if meta.document_number and (m := re.search(r"((?:19|20)\d{2})", meta.document_number)):
        number_year = int(m.group(1))
        if number_year not in (meta.year, meta.year + 1):
            yield _finding(
                "S6",
                f"文号「{meta.document_number}」的年份与报告年度 {meta.year} 不符。",
                formula="文号年份 ∈ {报告年度, 报告年度+1}",
                left=number_year,
                right=meta.year + 1,
                location=meta.document_number_location,
            )


@rule(
    "S7",
    "发布时间",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "The issue date falls between 1 January and 31 March of the year after the report year (Art. 49).",
)
def _s7(report: Report) -> Iterable[Finding]:
    meta = report.metadata
    if meta.year is None or meta.issue_date is None:
        return
    start, end = date(meta.year + 1, 1, 1), date(meta.year + 1, 3, 31)
    if not start <= meta.issue_date <= end:
        yield _finding(
            "S7",
            f"印发日期 {meta.issue_date.isoformat()} 不在 {start.isoformat()} 至 {end.isoformat()} 之间。",
            formula="次年1月1日 <= 印发日期 <= 次年3月31日",
            location=meta.issue_date_location,
        )


@rule(
    "S8",
    "表格完整",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "A statutory table's cells are filled: blank and placeholder cells are formally missing "
    "(more than 10 in table 三 or 5 in table 四 is serious). A table that is not there at all is R7.",
)
def _s8(report: Report) -> Iterable[Finding]:
    for table in report.tables:
        empty = [c for c in table.cells if c.state in (CellState.BLANK, CellState.PLACEHOLDER)]
        if not empty:
            continue
        limit = {APPLICATIONS: 10, REVIEW_LITIGATION: 5}.get(table.key)
        serious = limit is not None and len(empty) > limit
        names = "、".join(f"{c.row}/{c.column}" for c in empty[:12]) + ("…" if len(empty) > 12 else "")
        yield _finding(
            "S8",
            f"{TABLE_TITLES[table.key]}有 {len(empty)} 个空白或占位单元格（不等于0）：{names}。",
            cells=empty,
            severity=Severity.ERROR if serious else Severity.WARNING,
        )


@rule(
    "S9",
    "存在的主要问题部分有实质内容",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "Section 五 (problems and improvements) exists, is not just 无, and has at least 10 characters.",
)
def _s9(report: Report) -> Iterable[Finding]:
    if report.version is FormatVersion.UNKNOWN:
        return
    section = report.section("problems")
    if section is None:
        yield _finding("S9", "报告没有「存在的主要问题及改进情况」部分。")
        return
    body = re.sub(r"\s", "", section.text)
    if len(body) < 10 or body.rstrip("。.") == "无":
        yield _finding(
            "S9",
            f"「{section.heading}」部分内容过少：「{section.text[:20]}」。",
            location=section.location,
        )


@rule(
    "S10",
    "收费时第六部分不应为无",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "If money was collected (v2021 本年收费金额 > 0, or 信息处理费 mentioned with an amount), "
    "section 六 is not just 无. Weak: 行政事业性收费 and 信息处理费 are different things.",
)
def _s10(report: Report) -> Iterable[Finding]:
    section = report.section("other")
    if section is None or re.sub(r"[\s。.]", "", section.text) not in ("无", ""):
        return
    table = report.table(ACTIVE)
    collected = None
    if table is not None and table.layout == "v2021":
        fees = table.cell("fees", "amount")
        if _numeric(fees) and fees.value:
            collected = f"表二行政事业性收费 {fees.value} {fees.unit or ''}"
    text = "\n".join(s.text for s in report.sections)
    if collected is None and (m := _PROCESSING_FEE.search(text)) and float(m.group(1)) > 0:
        collected = f"信息处理费 {m.group(1)}{m.group(2)}"
    if collected:
        yield _finding(
            "S10",
            f"已收费（{collected}），但「{section.heading}」为「无」。",
            location=section.location,
        )


@rule(
    "S11",
    "内容前后矛盾",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "No internal contradiction: 所有申请均已办结 with a non-zero 结转下年度; a statement that there "
    "was nothing to report next to a non-zero count of the same topic.",
)
def _s11(report: Report) -> Iterable[Finding]:
    table = report.table(APPLICATIONS)
    if table is not None:
        forward = table.cell("carried_forward", "total")
        for section in report.sections:
            if (m := _ALL_DONE.search(section.text)) and _numeric(forward) and forward.value:
                yield _finding(
                    "S11",
                    f"正文称「{m.group(0)}」，但结转下年度继续办理为 {forward.value}。",
                    left=forward.value,
                    right=0,
                    cells=(forward,),
                    location=section.location,
                )
    for nil in report.nil_statements:
        for stat in report.narrative:
            if stat.key.split(".")[0] == nil.topic and stat.key.endswith("total") and stat.value:
                yield _finding(
                    "S11",
                    f"正文称「{nil.raw}」，又称「{stat.raw}」。",
                    left=stat.value,
                    right=0,
                    location=nil.location,
                )


_EXPECTED = ((2018, FormatVersion.NARRATIVE), (2020, FormatVersion.V2019))


@rule(
    "V1",
    "格式版本与报告年度相符",
    "heuristic",
    Severity.WARNING,
    Origin.SOURCE,
    "Reports for 2019-2020 use the v2019 tables, from 2021 the v2021 tables, up to 2018 the "
    "old narrative form. The version is detected from the content; a mismatch is reported here.",
)
def _v1(report: Report) -> Iterable[Finding]:
    year = report.metadata.year
    if year is None or report.version is FormatVersion.UNKNOWN:
        return
    expected = next((v for last, v in _EXPECTED if year <= last), FormatVersion.V2021)
    if report.version is not expected:
        yield _finding(
            "V1",
            f"{year}年度报告应采用 {expected.value} 格式，实际为 {report.version.value}。",
            location=report.version_evidence[0].location if report.version_evidence else None,
        )


# N1-N3 (narrative counts) are registered here so they stay listed between V1 and the reading rules.
from govreport.checks import narrative as _narrative  # noqa: E402

del _narrative


def _r7(report: Report) -> Iterable[Finding]:
    new_form = report.version in (FormatVersion.V2019, FormatVersion.V2021) or bool(
        new_form_headings(report.sections)
    )
    for section_key, table_key in _SECTION_TABLE.items() if new_form else ():
        section = report.section(section_key)
        if section is not None and report.table(table_key) is None:
            yield _finding(
                "R7",
                f"有「{section.heading}」部分，但没有读到{TABLE_TITLES[table_key]}的统计表；"
                "其单元格一个也没有读出。",
                location=section.location,
            )


_READING_RULES = (
    (
        "R1",
        "行数不全，无法确定缺格位置",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row printed fewer values than it has cells and no placement is certain; its cells are missing. "
        "Rows that printed their label and no value at all (copies that drop empty cells) are one finding "
        "per table: their cells are missing, since nothing tells a blank from a lost value.",
    ),
    (
        "R2",
        "按规则补出缺格",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row printed fewer values than it has cells; every placement the printed rules allow gives the "
        "same table, so the gaps are filled with state inferred.",
    ),
    (
        "R3",
        "未找到或无法识别的行",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row of the layout was not found, or a row of numbers had a label no layout knows.",
    ),
    (
        "R4",
        "数值多于列数",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row printed more values than it has cells; its cells are missing.",
    ),
    (
        "R5",
        "单元格文字不是数字",
        "reading",
        Severity.INFO,
        Origin.READING,
        "A value cell holds text that is neither a number nor a known placeholder; "
        "it is kept as a placeholder.",
    ),
    (
        "R6",
        "重复的行",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row label occurs twice in one table; the first is read.",
    ),
    (
        "R7",
        "有该部分但未读到统计表",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A statutory part (二, 三 or 四 of the 2019+ form) has its heading but its table was not read: the "
        "table may be an image, lost in conversion or laid out in a way govreport does not read. It is a "
        "reading problem, so the report is partial, never ok.",
    ),
    (
        "R8",
        "粘连数字按规则拆分",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row's numbers were printed glued together (crawled page text) and the run of digits admits "
        "several splits; exactly one split of the row is left by the printed rules (H1-H4) over the whole "
        "table, so its cells are inferred. The finding names the rules.",
    ),
    (
        "R9",
        "粘连数字无法唯一拆分",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "A row's numbers were printed glued together and no split, or more than one split, satisfies the "
        "printed rules; its cells are missing.",
    ),
    (
        "R10",
        "粘连数字只有一种拆分",
        "reading",
        Severity.INFO,
        Origin.READING,
        "A table's cells were printed glued together; the rows listed admit one split only (each row has a "
        "fixed number of cells, and a number never starts with 0 unless it is 0), so they are read as "
        "printed.",
    ),
    (
        "R11",
        "粘连数字拆分搜索超出上限",
        "reading",
        Severity.WARNING,
        Origin.READING,
        "The search for the splits of a glued table went over its node cap; the rows it could not settle "
        "are missing.",
    ),
    ("O1", ocr.O1_TITLE, "reading", Severity.WARNING, Origin.READING, ocr.O1_DESCRIPTION),
    (
        "L1",
        "行名或标题与标准格式不一致",
        "label",
        Severity.INFO,
        Origin.SOURCE,
        "A row label or block caption differs from the official form (a typo or variant) and was read "
        "as the official one: by its distinctive words, or, for a table-三 label no words match, by "
        "closeness (within two edits of one official label of 8 or more characters, or the one row "
        "left between the rows found before and after it). The message names both labels.",
    ),
)
_READING_CHECKS = {"R7": _r7, "O1": ocr.low_confidence_numbers}
"""Reading rules that run on the assembled report; the others are emitted while tables are read."""
for _id, _title, _kind, _severity, _origin, _description in _READING_RULES:
    RULES.add(_id, Rule(_id, _title, _kind, _severity, _origin, _description, _READING_CHECKS.get(_id)))
