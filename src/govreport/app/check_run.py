"""The ``govreport check`` run: per-report findings, corpus rules and the HTML page, streaming.

The command line calls :func:`run_check`; it is kept here so the CLI module only
declares options. Reports are parsed by :func:`govreport.iter_parse` and dropped after
use: the corpus checks keep a digest of each, and the HTML page is spooled to disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from govreport.app.check_text import corpus_lines, report_lines, skipped_line
from govreport.app.corpus_run import no_documents_warning
from govreport.app.exit_codes import ExitCode
from govreport.app.html_report import HtmlCheckReport
from govreport.app.options import parser_for
from govreport.app.sources import parse_sources
from govreport.batch import DocumentStatus
from govreport.corpus.checker import CorpusChecker
from govreport.corpus.index import Hierarchy
from govreport.limits import DEFAULT_LIMITS, Limits
from govreport.model.findings import Severity
from govreport.model.messages import DEFAULT_LANG, Lang

Echo = Callable[..., None]


def _shown(min_severity: str) -> set[str]:
    order = [s.value for s in Severity]
    return set(order[: order.index(min_severity) + 1])


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
    lang: Lang = DEFAULT_LANG,
) -> ExitCode:
    """Check every document of ``sources``; return the exit status.

    ``OK``: no report has errors; ``FINDINGS``: some report has a finding of severity
    error; ``FAILED``: some document could not be read; ``USAGE``: ``sources`` named no
    document. Corpus findings are warnings and do not change the status. ``lang`` is the
    language of the printed lines and of the finding messages.
    """
    shown = _shown(min_severity)
    parser = parser_for(lang)
    checker = CorpusChecker(hierarchy=hierarchy, rules=parser.corpus_rules, lang=lang) if corpus else None
    page = HtmlCheckReport(html, lang=lang) if html is not None else None
    status = ExitCode.OK
    seen = 0
    for result in parse_sources(
        sources, jobs=jobs, format=format, limits=limits or DEFAULT_LIMITS, parser=parser
    ):
        seen += 1
        report = result.report
        if report is None:
            if result.status is DocumentStatus.SKIPPED and result.id is not None:
                echo(skipped_line(result.path, "; ".join(r.message for r in result.errors), lang))
                if checker is not None:
                    checker.add_copy(result.id, result.path)
                continue
            reason = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
            err(f"{result.path}: {reason}")
            if page is not None:
                page.add_failure(result.path, reason)
            status = ExitCode.FAILED
            continue
        for line in report_lines(result.path, report, shown, lang):
            echo(line)
        if report.has_errors:
            status = max(status, ExitCode.FINDINGS)
        if checker is not None:
            checker.add(report)
        if page is not None:
            page.add_report(report, path=result.path)
    corpus_findings = checker.finish() if checker is not None else ()
    if checker is not None:
        for line in corpus_lines(corpus_findings, shown, lang):
            echo(line)
    if page is not None:
        page.finish(corpus_findings)
        echo(f"HTML: {page.path}")
    if not seen:
        err(no_documents_warning(sources))
        return ExitCode.USAGE
    return status
