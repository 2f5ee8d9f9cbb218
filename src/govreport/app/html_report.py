"""The HTML check report: one self-contained page a disclosure office opens in a browser.

A summary at the top counts errors and doubts about the reading, per report. Each report
gets a section with its tables drawn as on the printed form, cells named by their printed
labels; the findings sit beside the tables with the formula, the numbers, a one-line
suggestion and the likely culprit cell. Corpus findings are listed at the end.

The page is written while reports stream by: each section is rendered and spooled to a
temporary file, and only document ids and counts stay in memory. Corpus findings are known
only at the end, so their cells are coloured by a generated style sheet that targets the
cells' ids. Everything is rendered by the Jinja2 templates in ``templates/`` with
autoescaping on. No script, no network: inline CSS only.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from attrs import evolve, frozen
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from govreport.app.form_labels import cell_name, printed_text
from govreport.app.highlights import worst
from govreport.app.html_tables import SEVERITY_COLOURS, Cells, cell_id, form_tables, number_text
from govreport.app.page_words import (
    DEFAULT_TITLE,
    MARKS,
    ORIGINS,
    REPORT_HEADING,
    SEVERITIES,
    UNKNOWN_ORGAN,
    VERSIONS,
    place_text,
    say,
)
from govreport.app.suggestions import suggestion
from govreport.corpus.findings import CorpusFinding
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.messages import DEFAULT_LANG, Lang
from govreport.model.report import Report

__all__ = ["SEVERITY_COLOURS", "HtmlCheckReport", "cell_id"]


def _css_text(text: str) -> str:
    """Text safe inside a CSS string inside a ``<style>`` element."""
    return "".join(ch if ch.isalnum() or ch in " ._-" else f"\\{ord(ch):x} " for ch in text)


_TEMPLATES = Environment(
    loader=PackageLoader("govreport.app", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_TEMPLATES.filters["css_text"] = _css_text
_TEMPLATES.filters["link"] = lambda text, href: Markup('<a href="{}">{}</a>').format(href, text)


@frozen
class Link:
    """A link to a cell or report section; ``href`` is empty when the target is not on the page."""

    text: str
    href: str = ""


@frozen
class FindingView:
    """What the page shows of one finding (single-report or corpus)."""

    rule: str
    severity: str
    severity_name: str
    message: str
    suggestion: str
    number: int = 0
    anchor: str = ""
    origin: str = ""
    formula: str = ""
    has_numbers: bool = False
    left: str = ""
    right: str = ""
    difference: str = ""
    cells: tuple[Link, ...] = ()
    documents: tuple[Link, ...] = ()
    where: str = ""

    @classmethod
    def of(cls, finding: Finding | CorpusFinding, layouts: Mapping[str, str], lang: Lang) -> FindingView:
        """What every finding shows; links and numbers are added by ``evolve``.

        In Chinese the cells are named as printed: ``layouts`` gives the layout of each
        table the finding's keys may name. English keeps the keys, as the JSON does.
        """

        def shown(text: str) -> str:
            return printed_text(text, layouts) if lang == "zh" else text

        return cls(
            rule=finding.rule,
            severity=finding.severity.value,
            severity_name=SEVERITIES[finding.severity]().render(lang),
            message=shown(finding.message),
            suggestion=suggestion(finding.rule, lang),
            formula=shown(finding.formula),
            has_numbers=finding.left is not None or finding.right is not None,
            left=number_text(finding.left),
            right=number_text(finding.right),
            difference=number_text(finding.difference),
        )


@frozen
class Counts:
    """A report's findings as the summary counts them."""

    errors: int = 0
    """Findings of severity error: the report breaks a rule."""
    reading: int = 0
    """Doubts about govreport's reading (origin reading) that are not errors."""
    other: int = 0

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Counts:
        """Count ``findings`` into errors, doubts about the reading and the rest."""
        kinds = Counter(
            "errors" if f.severity is Severity.ERROR else "reading" if f.origin is Origin.READING else "other"
            for f in findings
        )
        return cls(errors=kinds["errors"], reading=kinds["reading"], other=kinds["other"])

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            errors=self.errors + other.errors,
            reading=self.reading + other.reading,
            other=self.other + other.other,
        )


def _lines(spool: IO[str]) -> Iterator[Markup]:
    """The spooled lines, already rendered (and escaped) by a template."""
    spool.seek(0)
    for line in spool:
        yield Markup(line)  # written by our own autoescaping templates


class HtmlCheckReport:
    """Write the check report page for a stream of reports.

    Call :meth:`add_report` (or :meth:`add_failure`) per document, then :meth:`finish`
    with the corpus findings; only then is ``path`` written.
    """

    def __init__(self, path: str | Path, *, title: str | None = None, lang: Lang = DEFAULT_LANG) -> None:
        self.path = Path(path)
        self.lang = lang
        self.title = DEFAULT_TITLE().render(lang) if title is None else title
        # Sections and contents rows wait on disk until finish(): the page is written in one go.
        # A file name that is not UTF-8 (lone surrogates) is written with backslash escapes.
        self._body = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        self._toc = tempfile.TemporaryFile("w+", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
        self._sections: dict[str, list[int]] = {}
        self._layouts: dict[tuple[str, str], str] = {}  # (document, table) -> layout, to name corpus cells
        self._count = 0
        self._failures = 0
        self._totals = Counts()
        self._rules: Counter[str] = Counter()

    def add_report(self, report: Report, *, path: str | None = None) -> int:
        """Append one report's section; returns its section number."""
        self._count += 1
        section = self._count
        document = report.source.sha256
        self._sections.setdefault(document, []).append(section)
        self._layouts.update({(document, t.key): t.layout.value for t in report.tables})
        meta = report.metadata
        counts = Counts.of(report.findings)
        self._totals += counts
        self._rules.update(f.rule for f in report.findings)
        cells = Cells(report, section, self.lang)
        layouts = cells.layouts
        context = {
            "say": self._say,
            "section": section,
            "sha256": document,
            "heading": self._heading(meta.organ, meta.year),
            "version": VERSIONS[report.version.value]().render(self.lang),
            "name": path or report.source.path or document[:12],
            "counts": counts,
        }

        def cell_link(table: str, row: str, column: str) -> Link:
            return Link(cells.cell_name(table, row, column), cell_id(section, table, row, column))

        findings = [
            evolve(
                FindingView.of(f, layouts, self.lang),
                number=n,
                anchor=f"r{section}-f{n}",
                origin=ORIGINS[f.origin]().render(self.lang),
                cells=tuple(
                    Link(
                        cells.cell_name(r.table, r.row, r.column), cell_id(section, r.table, r.row, r.column)
                    )
                    for r in dict.fromkeys(f.cells)
                ),
                where=place_text(f.location, self.lang),
            )
            for n, f in enumerate(report.findings, start=1)
        ]
        culprits = tuple(cell_link(*key) for key in cells.highlights.culprits.values())
        self._body.write(
            _TEMPLATES.get_template("report.html.j2").render(
                **context,
                title=meta.title or "—",
                tables=form_tables(report, cells),
                findings=findings,
                culprits=culprits,
            )
        )
        self._toc.write(_TEMPLATES.get_template("toc_row.html.j2").render(**context))
        return section

    def add_failure(self, path: str, reason: str) -> None:
        """Append a section for a document that could not be parsed."""
        self._failures += 1
        page = _TEMPLATES.get_template("failure.html.j2")
        self._body.write(page.render(say=self._say, path=path, reason=reason))

    def _say(self, name: str, /, **params: object) -> Markup:
        return say(self.lang, name, **params)

    def _heading(self, organ: str | None, year: int | None) -> str:
        organ_text = organ or UNKNOWN_ORGAN().render(self.lang)
        return REPORT_HEADING(organ=organ_text, year=year or "?").render(self.lang)

    def _corpus_marks(self, findings: Sequence[CorpusFinding]) -> list[dict[str, str]]:
        """Colour and tag the cells of corpus findings, which are known only after every section."""
        severities: dict[str, list[Severity]] = {}
        rules: dict[str, list[str]] = {}
        for finding in findings:
            for ref in finding.cells:
                for section in self._sections.get(ref.document, ()):
                    key = cell_id(section, ref.table, ref.row, ref.column)
                    severities.setdefault(key, []).append(finding.severity)
                    if finding.rule not in rules.setdefault(key, []):
                        rules[key].append(finding.rule)
        return [
            {"id": key, "colour": SEVERITY_COLOURS[worst(found)], "tags": " ".join(rules[key])}
            for key, found in sorted(severities.items())
        ]

    def _corpus_view(self, finding: CorpusFinding) -> FindingView:
        """A corpus finding with links to its reports' sections and cells, where they are on the page."""
        documents = []
        for d in finding.documents:
            section = self._first_section(d.id)
            text = f"{self._heading(d.organ, d.year)} {d.path or d.id[:12]}"
            documents.append(Link(text, f"r{section}" if section else ""))
        cells = []
        for r in dict.fromkeys(finding.cells):
            section = self._first_section(r.document)
            text = cell_name(r.table, r.row, r.column, self._layouts.get((r.document, r.table)), self.lang)
            cells.append(Link(text, cell_id(section, r.table, r.row, r.column) if section else ""))
        layouts = {
            table: layout
            for (document, table), layout in self._layouts.items()
            if any(d.id == document for d in finding.documents)
        }
        view = FindingView.of(finding, layouts, self.lang)
        return evolve(view, documents=tuple(documents), cells=tuple(cells))

    def _first_section(self, document: str) -> int | None:
        sections = self._sections.get(document)
        return sections[0] if sections else None

    def finish(self, corpus_findings: Iterable[CorpusFinding] = ()) -> Path:
        """Write the page to :attr:`path` and release the temporary files."""
        findings = tuple(corpus_findings)
        page = _TEMPLATES.get_template("page.html.j2")
        with self.path.open("w", encoding="utf-8", errors="backslashreplace") as out:
            for chunk in page.generate(
                say=self._say,
                lang="zh-CN" if self.lang == "zh" else "en",
                title=self.title,
                marks={state.value: mark().render(self.lang) for state, mark in MARKS.items()},
                corpus_marks=self._corpus_marks(findings),
                reports=self._count,
                failures=self._failures,
                totals=self._totals,
                corpus=[self._corpus_view(f) for f in findings],
                legend=[
                    (colour, SEVERITIES[s]().render(self.lang)) for s, colour in SEVERITY_COLOURS.items()
                ],
                rules=sorted(self._rules.items()),
                toc=_lines(self._toc),
                sections=_lines(self._body),
            ):
                out.write(chunk)
        self._body.close()
        self._toc.close()
        return self.path
