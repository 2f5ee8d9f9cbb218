"""The text ``govreport check`` prints: Chinese for disclosure offices, English with ``--lang en``.

In Chinese, tables, cells, formats and places are named as the form prints them
(表三(175), 第29行), the same names as the HTML page; canonical keys are left to the
machine outputs. The lines are catalogue entries like the finding messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from govreport.app.form_labels import printed_text
from govreport.app.page_words import ORIGINS, SEVERITIES, VERSIONS, place_text
from govreport.corpus.findings import CorpusFinding
from govreport.messages.names import TABLE_KEYS, table_name
from govreport.model.findings import Finding
from govreport.model.messages import Joined, Lang, Message, Param, Phrase
from govreport.model.report import Report

REPORT_HEADING = Message(
    "check.report",
    zh="{path}  [{version}] {organ} {year}年",
    en="{path}  [{version}] 「{organ}」 {year}",
    quoted={"organ"},
)
CONTENTS = Message(
    "check.contents", zh="  表格: {tables}; 部分: {sections}", en="  tables: {tables}; sections: {sections}"
)
TABLE_CELLS = Message("check.table_cells", zh="{table}({count})", en="{table} ({count} cells)")
NO_TABLES = Message("check.no_tables", zh="无统计表", en="no statistics table")
NO_SECTIONS = Message("check.no_sections", zh="无", en="none")
FINDING_LINE = Message(
    "check.finding",
    zh="  {severity} {rule} [{origin}] {message}{place}",
    en="  {severity} {rule} [{origin}] {message}{place}",
)
PLACE = Message("check.place", zh="  （{place}）", en="  ({place})")
SKIPPED = Message("check.skipped", zh="{path}  跳过: {reasons}", en="{path}  skipped: {reasons}")
CORPUS_HEADING = Message("check.corpus", zh="跨报告检查: {count} 条", en="cross-report checks: {count}")
CORPUS_LINE = Message(
    "check.corpus_finding",
    zh="  {severity} {rule} {message}  ({documents})",
    en="  {severity} {rule} {message}  ({documents})",
)


def report_lines(path: str, report: Report, shown: set[str], lang: Lang) -> Iterator[str]:
    """The heading, contents and visible findings of one report."""
    meta = report.metadata
    version = VERSIONS[report.version.value]() if report.version.value in VERSIONS else report.version.value
    yield REPORT_HEADING(path=path, version=version, organ=meta.organ or "?", year=meta.year or "?").render(
        lang
    )
    tables: Param = (
        Joined([TABLE_CELLS(table=_table(t.key), count=len(t.cells)) for t in report.tables])
        if report.tables
        else NO_TABLES()
    )
    headings = [s.heading if lang == "zh" else s.key for s in report.sections]
    sections: Param = Joined(headings) if headings else NO_SECTIONS()
    yield CONTENTS(tables=tables, sections=sections).render(lang)
    layouts = {t.key: t.layout.value for t in report.tables}
    for finding in report.findings:
        if finding.severity.value in shown:
            yield _finding_line(finding, layouts, lang)


def corpus_lines(findings: Sequence[CorpusFinding], shown: set[str], lang: Lang) -> Iterator[str]:
    """The count and the visible findings of the cross-report checks."""
    visible = [f for f in findings if f.severity.value in shown]
    yield CORPUS_HEADING(count=len(visible)).render(lang)
    for finding in visible:
        documents = ", ".join(d.path or d.id[:12] for d in finding.documents)
        yield CORPUS_LINE(
            severity=SEVERITIES[finding.severity](),
            rule=finding.rule,
            message=finding.message,
            documents=documents,
        ).render(lang)


def skipped_line(path: str, reasons: str, lang: Lang) -> str:
    """A document left out as a copy of one already read."""
    return SKIPPED(path=path, reasons=reasons).render(lang)


def _table(key: str) -> Param:
    return table_name(key) if key in TABLE_KEYS else key  # a plugin's table has only its key


def _finding_line(finding: Finding, layouts: dict[str, str], lang: Lang) -> str:
    # Chinese names cells as printed, as on the HTML page; English keeps the keys.
    message = printed_text(finding.message, layouts) if lang == "zh" else finding.message
    place = place_text(finding.location, lang)
    where: Phrase | str = PLACE(place=place) if place else ""
    return FINDING_LINE(
        severity=SEVERITIES[finding.severity](),
        rule=finding.rule,
        origin=ORIGINS[finding.origin](),
        message=message,
        place=where,
    ).render(lang)
