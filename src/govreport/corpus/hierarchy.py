"""Corpus rule S12: a region's report is at least the sum of its units' reports, and no unit is missing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from govreport.corpus.digest import HIERARCHY_CELLS, ReportDigest
from govreport.corpus.findings import CorpusFinding, corpus_finding, organ_name
from govreport.corpus.index import CorpusIndex
from govreport.messages import corpus as msg
from govreport.model.findings import Origin, Severity
from govreport.model.rules import Rule, RuleKind
from govreport.model.tables import CellValue
from govreport.tables.layouts import (
    APPLICANT_COLUMNS,
    APPLICATIONS,
    FORM_LAYOUTS,
    REVIEW_GROUPS,
    application_rows,
)

_TOTAL_COLUMN_LABEL = next(c.label for c in APPLICANT_COLUMNS if c.key == "total")
_APPLICATION_LABEL = {r.spec.key: r.spec.label for layout in FORM_LAYOUTS for r in application_rows(layout)}
_REVIEW_LABEL = {g.key: g.label for g in REVIEW_GROUPS}


def _total_label(table: str, row: str) -> str:
    """The label of a total S12 compares (table 三 总计 column or a table-四 group total)."""
    if table == APPLICATIONS:
        return f"{_APPLICATION_LABEL[row]}［{_TOTAL_COLUMN_LABEL}］"
    return f"表四 {_REVIEW_LABEL[row]}·总计"


def _s12(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for parent, kids in index.children.items():
        for year in index.groups.get(parent, {}):
            parent_doc = index.reports(parent, year)[0]
            present = [index.reports(k, year)[0] for k in kids if index.reports(k, year)]
            yield from _missing_units(index, parent, parent_doc, year, kids)
            if not present:
                continue
            for table, row, column in HIERARCHY_CELLS:
                total = parent_doc.value(table, row, column)
                parts = [d.value(table, row, column) for d in present]
                if total is None or any(p is None for p in parts):
                    continue
                summed: CellValue = sum(p for p in parts if p is not None)
                if total >= summed:
                    continue
                label = _total_label(table, row)
                yield corpus_finding(
                    S12,
                    parent,
                    (parent_doc, *present),
                    msg.PARENT_BELOW_UNITS(
                        organ=organ_name(parent_doc),
                        year=year,
                        label=label,
                        total=total,
                        count=len(present),
                        summed=summed,
                        difference=total - summed,
                    ),
                    formula=f"{row}/{column}(上级) >= Σ {row}/{column}(下级) [{table}]",
                    left=total,
                    right=summed,
                    cells=((d, table, row, column) for d in (parent_doc, *present)),
                )


S12 = Rule(
    id="S12",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="汇总报告不小于下级单位之和",
    description=(
        "A region's report (parent) for a year: each table-三 total of rows 一, 二, 三（七）, 四 "
        "and each table-四 group total is >= the sum over its units' reports of that year; "
        "a unit expected that year has a report. "
        "Units come from names (a unit's normalised name starts with its region's) or an explicit mapping."
    ),
    check=_s12,
)


def _missing_units(
    index: CorpusIndex, parent: str, parent_doc: ReportDigest, year: int, kids: Sequence[str]
) -> Iterable[CorpusFinding]:
    explicit = parent in index.explicit_parents
    for kid in kids:
        years = index.groups.get(kid, {})
        if year in years:
            continue
        # From names, a unit is only expected between its first and last report in the corpus.
        if not explicit and not (years and min(years) < year < max(years)):
            continue
        yield corpus_finding(
            S12,
            parent,
            (parent_doc,),
            msg.UNIT_WITHOUT_REPORT(organ=organ_name(parent_doc), year=year, unit=kid),
            formula=f"下级单位 {kid} 有 {year} 年报告",
        )
