"""Heuristic single-report rules: the spec's S4-S11 and govreport's own V1 (version against year)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from govreport.checks.cells import has_number
from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.messages import Joined, Phrase
from govreport.model.report import FormatVersion, Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.model.tables import CellKey, CellState, Layout
from govreport.tables.layouts import ACTIVE, APPLICATIONS, REVIEW_LITIGATION

_ALL_DONE = re.compile(
    r"(?:所有|全部)(?:申请)?(?:均|都)?已(?:按要求|按时|依法)?(?:办理完成|办结|答复完毕|全部办结)"
)
_NUMBER_YEAR = re.compile(r"((?:19|20)\d{2})")
_SPACE = re.compile(r"\s")
_SPACE_OR_STOP = re.compile(r"[\s。.]")
_PROCESSING_FEE = re.compile(r"信息处理费[^。；]{0,20}?(\d+(?:\.\d+)?)\s*(元|万元)")


def _s4(report: Report) -> Iterable[Finding]:
    table = report.get_table(ACTIVE)
    if table is None or table.layout != Layout.V2019:
        return
    cells = {(c.row, c.column): c for c in table.cells}
    for row in ("regulations", "normative_documents"):
        total, published = cells[(row, "total_public")], cells[(row, "published")]
        if has_number(total) and has_number(published) and total.value < published.value:  # type: ignore[operator]
            yield finding(
                S4,
                msg.TOTAL_BELOW_PUBLISHED(row=row, total=total.value, published=published.value),  # type: ignore[arg-type]
                formula="对外公开总数量 >= 本年新公开数量",
                left=total.value,
                right=published.value,
                cells=(total, published),
            )
    for row in ("licensing", "other_services", "penalty", "enforcement", "fees"):
        prev, change = cells.get((row, "items_prev_year")), cells.get((row, "items_change"))
        if prev and change and has_number(prev) and has_number(change):
            after = prev.value + change.value  # type: ignore[operator]
            if after < 0:
                yield finding(
                    S4,
                    msg.ITEMS_NEGATIVE(row=row, previous=prev.value, change=change.value),  # type: ignore[arg-type]
                    formula="上一年项目数量 + 本年增/减 >= 0",
                    left=after,
                    right=0,
                    cells=(prev, change),
                )


S4 = Rule(
    id="S4",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="v2019 表二数量关系",
    description="v2019: 对外公开总数量 >= 本年新公开数量; 上一年项目数量 + 本年增/减 >= 0.",
    check=_s4,
)


_NIL_VS_TABLE: dict[str, tuple[str, tuple[CellKey, ...]]] = {
    "applications": (APPLICATIONS, (("new_received", "total"), ("carried_over", "total"))),
    "review_litigation": (
        REVIEW_LITIGATION,
        tuple((g, "total") for g in ("review", "litigation_direct", "litigation_after_review")),
    ),
}


def _s5(report: Report) -> Iterable[Finding]:
    for nil in report.nil_statements:
        if nil.topic not in _NIL_VS_TABLE:
            continue
        table_key, cell_keys = _NIL_VS_TABLE[nil.topic]
        table = report.get_table(table_key)
        if table is None:
            continue
        cells = [table.cell(r, c) for r, c in cell_keys]
        total = sum(c.value for c in cells if has_number(c) and c.value is not None)
        if total:
            yield finding(
                S5,
                msg.NIL_BUT_TABLE(claim=nil.raw, table=table_title(table_key), total=total),
                left=0,
                right=total,
                cells=cells,
                location=nil.location,
            )


S5 = Rule(
    id="S5",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="正文称无此类情况时表格为0",
    formula="无此类情况 ⇒ 表格为 0",
    description=(
        "Statements that there was nothing to report (未收到申请, 没有行政复议、行政诉讼) agree with the "
        "tables. Counts stated in the text are compared with the tables by rule N3."
    ),
    check=_s5,
)


def _s6(report: Report) -> Iterable[Finding]:
    meta = report.metadata
    if meta.year is None:
        return
    if meta.period is not None and {meta.period.start.year, meta.period.end.year} != {meta.year}:
        yield finding(
            S6,
            msg.TITLE_YEAR_VS_PERIOD(year=meta.year, period=meta.period.raw),
            formula="标题年度 = 统计期限年度",
            left=meta.year,
            right=meta.period.start.year,
            location=meta.period.location,
        )
    if meta.document_number and (m := _NUMBER_YEAR.search(meta.document_number)):
        number_year = int(m.group(1))
        if number_year not in (meta.year, meta.year + 1):
            yield finding(
                S6,
                msg.NUMBER_YEAR(number=meta.document_number, year=meta.year),
                formula="文号年份 ∈ {报告年度, 报告年度+1}",
                left=number_year,
                right=meta.year + 1,
                location=meta.document_number_location,
            )


S6 = Rule(
    id="S6",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="年份一致",
    description="The title year, the statistics period and the 文号 year (normally report year + 1) agree.",
    check=_s6,
)


def _s7(report: Report) -> Iterable[Finding]:
    meta = report.metadata
    if meta.year is None or meta.issue_date is None:
        return
    start, end = date(meta.year + 1, 1, 1), date(meta.year + 1, 3, 31)
    if not start <= meta.issue_date <= end:
        yield finding(
            S7,
            msg.ISSUE_DATE(date=meta.issue_date.isoformat(), start=start.isoformat(), end=end.isoformat()),
            location=meta.issue_date_location,
        )


S7 = Rule(
    id="S7",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="发布时间",
    formula="次年1月1日 <= 印发日期 <= 次年3月31日",
    description=(
        "The issue date falls between 1 January and 31 March of the year after the report year (Art. 49)."
    ),
    check=_s7,
)


def _s8(report: Report) -> Iterable[Finding]:
    for table in report.tables:
        states = [c.state for c in table.cells]
        if CellState.BLANK not in states and CellState.PLACEHOLDER not in states:
            continue  # the usual case, seen without a look at each cell
        empty = [c for c in table.cells if c.state in (CellState.BLANK, CellState.PLACEHOLDER)]
        limit = {APPLICATIONS: 10, REVIEW_LITIGATION: 5}.get(table.key)
        serious = limit is not None and len(empty) > limit
        names = Joined([f"{c.row}/{c.column}" for c in empty[:12]])
        yield finding(
            S8,
            msg.EMPTY_CELLS(
                table=table_title(table.key),
                count=len(empty),
                cells=names,
                more="…" if len(empty) > 12 else "",
            ),
            cells=empty,
            serious=serious,
        )


S8 = Rule(
    id="S8",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    serious=Severity.ERROR,
    title="表格完整",
    description=(
        "A statutory table's cells are filled: blank and placeholder cells are formally missing "
        "(more than 10 in table 三 or 5 in table 四 is serious). A table that is not there at all is R7."
    ),
    check=_s8,
)


def _s9(report: Report) -> Iterable[Finding]:
    if report.version is FormatVersion.UNKNOWN:
        return
    section = report.section("problems")
    if section is None:
        yield finding(S9, msg.NO_PROBLEMS_SECTION())
        return
    body = _SPACE.sub("", section.text)
    if len(body) < 10 or body.rstrip("。.") == "无":
        yield finding(
            S9,
            msg.THIN_PROBLEMS_SECTION(heading=section.heading, text=section.text[:20]),
            location=section.location,
        )


S9 = Rule(
    id="S9",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="存在的主要问题部分有实质内容",
    description=(
        "Section 五 (problems and improvements) exists, is not just 无, and has at least 10 characters."
    ),
    check=_s9,
)


def _s10(report: Report) -> Iterable[Finding]:
    section = report.section("other")
    if section is None or _SPACE_OR_STOP.sub("", section.text) not in ("无", ""):
        return
    table = report.get_table(ACTIVE)
    collected: Phrase | None = None
    if table is not None and table.layout == Layout.V2021:
        fees = table.cell("fees", "amount")
        if has_number(fees) and fees.value:
            collected = msg.FEES_IN_TABLE(amount=fees.value, unit=fees.unit or "")
    text = "\n".join(s.text for s in report.sections)
    if collected is None and (m := _PROCESSING_FEE.search(text)) and float(m.group(1)) > 0:
        collected = msg.FEES_IN_TEXT(amount=m.group(1), unit=m.group(2))
    if collected:
        yield finding(
            S10,
            msg.FEES_BUT_NONE(collected=collected, heading=section.heading),
            location=section.location,
        )


S10 = Rule(
    id="S10",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="收费时第六部分不应为无",
    description=(
        "If money was collected (v2021 本年收费金额 > 0, or 信息处理费 mentioned with an amount), "
        "section 六 is not just 无. Weak: 行政事业性收费 and 信息处理费 are different things."
    ),
    check=_s10,
)


def _s11(report: Report) -> Iterable[Finding]:
    table = report.get_table(APPLICATIONS)
    if table is not None:
        forward = table.cell("carried_forward", "total")
        for section in report.sections:
            if (m := _ALL_DONE.search(section.text)) and has_number(forward) and forward.value:
                yield finding(
                    S11,
                    msg.ALL_DONE_BUT_CARRIED(claim=m.group(0), forward=forward.value),
                    left=forward.value,
                    right=0,
                    cells=(forward,),
                    location=section.location,
                )
    for nil in report.nil_statements:
        for stat in report.narrative:
            if stat.key.split(".")[0] == nil.topic and stat.key.endswith("total") and stat.value:
                yield finding(
                    S11,
                    msg.NIL_BUT_STATED(claim=nil.raw, stated=stat.raw),
                    left=stat.value,
                    right=0,
                    location=nil.location,
                )


S11 = Rule(
    id="S11",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="内容前后矛盾",
    description=(
        "No internal contradiction: 所有申请均已办结 with a non-zero 结转下年度; a statement that there "
        "was nothing to report next to a non-zero count of the same topic."
    ),
    check=_s11,
)


_EXPECTED = ((2018, FormatVersion.NARRATIVE), (2020, FormatVersion.V2019))


def _v1(report: Report) -> Iterable[Finding]:
    year = report.metadata.year
    if year is None or report.version is FormatVersion.UNKNOWN:
        return
    expected = next((v for last, v in _EXPECTED if year <= last), FormatVersion.V2021)
    if report.version is not expected:
        yield finding(
            V1,
            msg.VERSION_VS_YEAR(year=year, expected=expected.value, actual=report.version.value),
            location=report.version_evidence[0].location if report.version_evidence else None,
        )


V1 = Rule(
    id="V1",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="格式版本与报告年度相符",
    description=(
        "Reports for 2019-2020 use the v2019 tables, from 2021 the v2021 tables, up to 2018 the "
        "old narrative form. The version is detected from the content; a mismatch is reported here."
    ),
    check=_v1,
)


HEURISTIC_RULES = (S4, S5, S6, S7, S8, S9, S10, S11, V1)
