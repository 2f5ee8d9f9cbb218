"""The ``govreport check`` run: per-report findings, corpus rules and the HTML page, streaming.

The command line calls :func:`run_check`; it is kept here so the CLI module only
declares options. Reports are parsed by :func:`govreport.iter_parse` and dropped after
use: the corpus checks keep a digest of each, and the HTML page is spooled to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from govreport.app.corpus_run import no_documents_warning
from govreport.app.exit_codes import ExitCode
from govreport.app.html_report import SEVERITY_NAMES, HtmlCheckReport
from govreport.app.sources import parse_sources
from govreport.batch import DocumentStatus
from govreport.corpus.checker import CorpusChecker
from govreport.corpus.findings import CorpusFinding
from govreport.corpus.index import Hierarchy
from govreport.limits import DEFAULT_LIMITS, Limits
from govreport.model.findings import Severity
from govreport.model.report import Report
from govreport.parser import default_parser

Echo = Callable[..., None]


def _shown(min_severity: str) -> set[str]:
    order = [s.value for s in Severity]
    return set(order[: order.index(min_severity) + 1])


def _print_report(echo: Echo, path: str, report: Report, shown: set[str]) -> None:
    meta = report.metadata
    echo(f"{path}  [{report.version.value}] {meta.organ or '?'} {meta.year or '?'}年")
    tables = ", ".join(f"{t.key}({len(t.cells)})" for t in report.tables) or "无统计表"
    echo(f"  表格: {tables}; 部分: {', '.join(s.key for s in report.sections) or '无'}")
    for finding in report.findings:
        if finding.severity.value not in shown:
            continue
        where = finding.location.describe() if finding.location else ""
        echo(
            f"  {SEVERITY_NAMES[finding.severity]} {finding.rule} [{finding.origin.value}] "
            f"{finding.message}" + (f"  ({where})" if where else "")
        )


def _print_corpus(echo: Echo, findings: Sequence[CorpusFinding], shown: set[str]) -> None:
    visible = [f for f in findings if f.severity.value in shown]
    echo(f"跨报告检查: {len(visible)} 条")
    for finding in visible:
        documents = ", ".join(d.path or d.id[:12] for d in finding.documents)
        echo(f"  {SEVERITY_NAMES[finding.severity]} {finding.rule} {finding.message}  ({documents})")


def run_check(
    sources: Sequence[str],
    *,
    echo: Echo,
    err: Echo,
    format: str | None = None,
    jobs: int = 1,
    min_severity: str = "info",
    corpus: bool = True,
    hierarchy: Hierarchy | None = None,
    html: Path | None = None,
    limits: Limits | None = None,
) -> ExitCode:
    """Check every document of ``sources``; return the exit status.

    ``OK``: no report has errors; ``FINDINGS``: some report has a finding of severity
    error; ``FAILED``: some document could not be read; ``USAGE``: ``sources`` named no
    document. Corpus findings are warnings and do not change the status.
    """
    shown = _shown(min_severity)
    checker = CorpusChecker(hierarchy=hierarchy, rules=default_parser().corpus_rules) if corpus else None
    page = HtmlCheckReport(html) if html is not None else None
    status = ExitCode.OK
    seen = 0
    for result in parse_sources(sources, jobs=jobs, format=format, limits=limits or DEFAULT_LIMITS):
        seen += 1
        report = result.report
        if report is None:
            if result.status is DocumentStatus.SKIPPED and result.id is not None:
                echo(f"{result.path}  跳过: {'; '.join(r.message for r in result.errors)}")
                if checker is not None:
                    checker.add_copy(result.id, result.path)
                continue
            reason = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
            err(f"{result.path}: {reason}")
            if page is not None:
                page.add_failure(result.path, reason)
            status = ExitCode.FAILED
            continue
        _print_report(echo, result.path, report, shown)
        if report.has_errors:
            status = max(status, ExitCode.FINDINGS)
        if checker is not None:
            checker.add(report)
        if page is not None:
            page.add_report(report, path=result.path)
    corpus_findings = checker.finish() if checker is not None else ()
    if checker is not None:
        _print_corpus(echo, corpus_findings, shown)
    if page is not None:
        page.finish(corpus_findings)
        echo(f"HTML: {page.path}")
    if not seen:
        err(no_documents_warning(sources))
        return ExitCode.USAGE
    return status
