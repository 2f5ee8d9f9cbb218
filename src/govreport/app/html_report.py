"""The HTML check report: one self-contained page a disclosure office opens in a browser.

Each report gets a section with its tables drawn as on the printed form (table 二 in its
第二十条 blocks, table 三 with its three header rows and merged row labels, table 四 with
its 行政复议/行政诉讼 groups). Every cell a finding points at is coloured by severity and
tagged with the rule id; the findings with formula and numbers sit beside the tables.
Corpus findings are listed at the end and coloured in their reports' tables too.

The page is written while reports stream by: sections go to a temporary file, and only
document ids and counts stay in memory. Corpus findings are known only at the end, so
their cells are coloured by a generated style sheet that targets the cells' ids. The
tables are generated from :mod:`govreport.tables.layouts`, so the page always shows
exactly the canonical cells. No script, no network: inline CSS only.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

from govreport.app.html_tables import (
    SEVERITY_COLOURS,
    SEVERITY_NAMES,
    SEVERITY_RANK,
    Cells,
    cell_id,
    number_text,
    tables_html,
)
from govreport.corpus.findings import CorpusFinding
from govreport.model.findings import Finding, Severity
from govreport.model.report import Report

__all__ = ["SEVERITY_COLOURS", "SEVERITY_NAMES", "HtmlCheckReport", "cell_id"]

_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:16px;
color:#111;background:#fff;font-size:14px}
h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:0 0 4px}h3{font-size:15px;margin:12px 0 4px}
.meta{color:#555;font-size:12px;margin:0 0 8px;word-break:break-all}
section.report,section.corpus,section.failed{border-top:3px solid #b91c1c;padding:12px 0;margin-top:16px}
.body{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}.tables{flex:1 1 760px;min-width:0}
aside{flex:0 1 300px;min-width:240px;font-size:13px}
table.form{border-collapse:collapse;margin:4px 0 12px;font-size:13px}
table.form th,table.form td{border:1px solid #333;padding:3px 6px;text-align:center;vertical-align:middle}
table.form th{background:#f3f4f6;font-weight:normal}table.form th.caption{text-align:left;font-weight:bold}
table.form td{min-width:2.6em;font-variant-numeric:tabular-nums}
td.empty{background:#e5e7eb}td.state-blank{color:#999}
td.state-missing{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#d1d5db 4px,#d1d5db 8px)}
td.state-inferred{border:2px dashed #7c3aed;font-style:italic}
.mark{font-size:10px;color:#7c3aed;margin-left:2px}.tag{font-size:10px;color:#7f1d1d;margin-left:3px}
td.hl-error{background:#f8b4b4}td.hl-warning{background:#fde68a}td.hl-info{background:#bfdbfe}
td.state-missing.hl-error,td.state-missing.hl-warning,td.state-missing.hl-info{
background-image:repeating-linear-gradient(45deg,transparent,transparent 4px,#9ca3af 4px,#9ca3af 8px)}
ol.findings{padding-left:20px;margin:0}ol.findings li{margin:0 0 8px;padding:4px 6px;border-left:6px solid}
li.sev-error{border-color:#dc2626;background:#fef2f2}li.sev-warning{border-color:#d97706;background:#fffbeb}
li.sev-info{border-color:#2563eb;background:#eff6ff}
.formula{font-family:monospace;font-size:12px;color:#333}.numbers{font-size:12px}
.cells{font-size:11px;color:#555;word-break:break-all}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #333}
table.list{border-collapse:collapse;font-size:13px}
table.list td,table.list th{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
"""


def _css_text(text: str) -> str:
    """Text safe inside a CSS string inside a ``<style>`` element."""
    return "".join(ch if ch.isalnum() or ch in " ._-" else f"\\{ord(ch):x} " for ch in text)


def _arithmetic(finding: Finding | CorpusFinding) -> str:
    """The formula of a finding and its two sides with their difference, where it has them."""
    formula = f'<div class="formula">{escape(finding.formula)}</div>' if finding.formula else ""
    if finding.left is None and finding.right is None:
        return formula
    return (
        f'{formula}<div class="numbers">左边 <b>{escape(number_text(finding.left))}</b>'
        f" · 右边 <b>{escape(number_text(finding.right))}</b>"
        f" · 相差 <b>{escape(number_text(finding.difference))}</b></div>"
    )


def _finding_item(finding: Finding, section: int) -> str:
    refs = ", ".join(
        f'<a href="#{cell_id(section, r.table, r.row, r.column)}">{escape(f"{r.table}/{r.row}/{r.column}")}'
        "</a>"
        for r in dict.fromkeys(finding.cells)
    )
    where = finding.location.describe() if finding.location else ""
    return (
        f'<li class="sev-{finding.severity.value}" data-rule="{escape(finding.rule)}">'
        f"<b>{escape(finding.rule)}</b> {SEVERITY_NAMES[finding.severity]} "
        f"<small>[{escape(finding.origin.value)}]</small> {escape(finding.message)}"
        + _arithmetic(finding)
        + (f'<div class="cells">单元格：{refs}</div>' if refs else "")
        + (f'<div class="cells">位置：{escape(where)}</div>' if where else "")
        + "</li>"
    )


class HtmlCheckReport:
    """Write the check report page for a stream of reports.

    Call :meth:`add_report` (or :meth:`add_failure`) per document, then :meth:`finish`
    with the corpus findings; only then is ``path`` written.
    """

    def __init__(self, path: str | Path, *, title: str = "政府信息公开工作年度报告检查结果") -> None:
        self.path = Path(path)
        self.title = title
        # Sections and contents rows wait on disk until finish(): the page is written in one go.
        # A file name that is not UTF-8 (lone surrogates) is written with backslash escapes.
        self._body = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        self._toc = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        self._sections: dict[str, list[int]] = {}
        self._count = 0
        self._failures = 0
        self._severities: Counter[Severity] = Counter()
        self._rules: Counter[str] = Counter()

    def add_report(self, report: Report, *, path: str | None = None) -> int:
        """Append one report's section; returns its section number."""
        self._count += 1
        section = self._count
        self._sections.setdefault(report.source.sha256, []).append(section)
        meta = report.metadata
        name = path or report.source.path or report.source.sha256[:12]
        self._severities.update(f.severity for f in report.findings)
        self._rules.update(f.rule for f in report.findings)
        cells = Cells(report, section)
        items = "".join(_finding_item(f, section) for f in report.findings)
        heading = f"{meta.organ or '（未识别机关）'} {meta.year or '?'}年"
        self._body.write(
            f'<section class="report" id="r{section}" data-document="{escape(report.source.sha256)}">'
            f"<h2>{section}. {escape(heading)} <small>[{escape(report.version.value)}]</small></h2>"
            f'<p class="meta">文件：{escape(name)} · 标题：{escape(meta.title or "—")} · '
            f"SHA-256：{escape(report.source.sha256)}</p>"
            f'<div class="body"><div class="tables">{tables_html(report, cells)}</div>'
            f"<aside><h3>发现的问题（{len(report.findings)}）</h3>"
            + (f'<ol class="findings">{items}</ol>' if items else "<p>无</p>")
            + "</aside>"
            "</div></section>\n"
        )
        counts = Counter(f.severity for f in report.findings)
        self._toc.write(
            f'<tr><td><a href="#r{section}">{section}</a></td><td>{escape(heading)}</td>'
            f"<td>{escape(report.version.value)}</td>"
            + "".join(f"<td>{counts.get(s, 0)}</td>" for s in Severity)
            + f"<td>{escape(name)}</td></tr>\n"
        )
        return section

    def add_failure(self, path: str, reason: str) -> None:
        """Append a section for a document that could not be parsed."""
        self._failures += 1
        self._body.write(
            f'<section class="failed"><h2>无法读取：{escape(path)}</h2><p>{escape(reason)}</p></section>\n'
        )

    def _corpus_css(self, findings: Sequence[CorpusFinding]) -> str:
        """Colour and tag the cells of corpus findings, which are known only after every section."""
        worst: dict[str, Severity] = {}
        rules: dict[str, list[str]] = {}
        for finding in findings:
            for ref in finding.cells:
                for section in self._sections.get(ref.document, ()):
                    key = cell_id(section, ref.table, ref.row, ref.column)
                    current = worst.get(key)
                    if current is None or SEVERITY_RANK[finding.severity] < SEVERITY_RANK[current]:
                        worst[key] = finding.severity
                    if finding.rule not in rules.setdefault(key, []):
                        rules[key].append(finding.rule)
        # Rule ids are registry names ([A-Z0-9]); nothing else from the input reaches the CSS.
        return "\n".join(
            f"#{key}{{background-color:{SEVERITY_COLOURS[severity]};outline:2px solid #92400e}}"
            f'#{key}::after{{content:" {_css_text(" ".join(rules[key]))}";font-size:10px;color:#92400e}}'
            for key, severity in sorted(worst.items())
        )

    def _corpus_html(self, findings: Sequence[CorpusFinding]) -> str:
        if not findings:
            return '<section class="corpus" id="corpus"><h2>跨报告检查</h2><p>未发现问题。</p></section>'
        items = []
        for finding in findings:
            documents = ", ".join(
                self._document_link(d.id, f"{d.organ or '?'} {d.year or '?'}年 {d.path or d.id[:12]}")
                for d in finding.documents
            )
            refs = ", ".join(
                self._cell_link(r.document, r.table, r.row, r.column) for r in dict.fromkeys(finding.cells)
            )
            items.append(
                f'<li class="sev-{finding.severity.value}" data-rule="{escape(finding.rule)}">'
                f"<b>{escape(finding.rule)}</b> {SEVERITY_NAMES[finding.severity]} {escape(finding.message)}"
                + _arithmetic(finding)
                + f'<div class="cells">报告：{documents}</div>'
                + (f'<div class="cells">单元格：{refs}</div>' if refs else "")
                + "</li>"
            )
        return (
            f'<section class="corpus" id="corpus"><h2>跨报告检查（{len(findings)}）</h2>'
            f'<ol class="findings">{"".join(items)}</ol></section>'
        )

    def _document_link(self, document: str, text: str) -> str:
        sections = self._sections.get(document)
        if not sections:
            return escape(text)
        return f'<a href="#r{sections[0]}">{escape(text)}</a>'

    def _cell_link(self, document: str, table: str, row: str, column: str) -> str:
        sections = self._sections.get(document)
        text = f"{document[:8]}:{table}/{row}/{column}"
        if not sections:
            return escape(text)
        return f'<a href="#{cell_id(sections[0], table, row, column)}">{escape(text)}</a>'

    def finish(self, corpus_findings: Iterable[CorpusFinding] = ()) -> Path:
        """Write the page to :attr:`path` and release the temporary files."""
        findings = tuple(corpus_findings)
        legend = "".join(
            f'<span style="background:{colour}">{SEVERITY_NAMES[s]}</span>'
            for s, colour in SEVERITY_COLOURS.items()
        )
        summary = " · ".join(f"{SEVERITY_NAMES[s]} {self._severities.get(s, 0)}" for s in Severity)
        rules = " ".join(f"{escape(rule)}×{n}" for rule, n in sorted(self._rules.items()))
        heads = "".join(f"<th>{SEVERITY_NAMES[s]}</th>" for s in Severity)
        with self.path.open("w", encoding="utf-8", errors="backslashreplace") as out:
            out.write(
                '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
                f"<title>{escape(self.title)}</title><style>{_CSS}</style>"
                f'<style id="corpus-highlights">{self._corpus_css(findings)}</style></head><body>'
                f"<h1>{escape(self.title)}</h1>"
                f"<p>报告 {self._count} 份，无法读取 {self._failures} 份；单份报告的问题：{summary}；"
                f'<a href="#corpus">跨报告检查</a> {len(findings)} 条。</p>'
                f'<p class="legend">{legend}<span class="state-inferred" style="border:2px dashed #7c3aed">'
                '推 = 按规则补出</span><span style="background:#d1d5db">缺 = 原文缺格</span></p>'
                f'<p class="meta">规则：{rules or "—"}</p>'
                f'<table class="list"><tr><th>#</th><th>机关 年度</th><th>版本</th>{heads}<th>文件</th></tr>'
            )
            self._toc.seek(0)
            for line in self._toc:
                out.write(line)
            out.write("</table>")
            self._body.seek(0)
            for line in self._body:
                out.write(line)
            out.write(self._corpus_html(findings))
            out.write("</body></html>\n")
        self._body.close()
        self._toc.close()
        return self.path
