"""The corpus rule registry: checks that only show across reports (spec §5.2).

S1, S2, S3 and S12 are the spec's cross-report heuristics. D1-D3 are govreport's own:
the same file twice, two different reports for one organ and year, and narrative text
copied from an earlier year (内容雷同). Every rule is a warning: legitimate corpora can
break them (corrections, lapsed documents, regional reporting scopes).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from attrs import frozen

from govreport.corpus.digest import (
    CARRY_COLUMNS,
    HIERARCHY_CELLS,
    ITEM_ROWS,
    STOCK_ROWS,
    ReportDigest,
)
from govreport.corpus.findings import CorpusCellRef, CorpusFinding
from govreport.corpus.index import CorpusIndex
from govreport.corpus.similarity import MIN_SHINGLES, jaccard
from govreport.model.findings import Number, Origin, Severity
from govreport.model.tables import CellValue, Layout
from govreport.registry import Registry
from govreport.tables.layouts import (
    ACTIVE,
    APPLICANT_COLUMNS,
    APPLICATIONS,
    FORM_LAYOUTS,
    REVIEW_GROUPS,
    active_blocks,
    application_rows,
)

CorpusCheck = Callable[[CorpusIndex], Iterable[CorpusFinding]]

NEAR_COPY_THRESHOLD = Decimal("0.8")
"""Estimated Jaccard similarity of narrative shingles at or above which D3 fires."""


@frozen
class CorpusRule:
    """A registered corpus rule: stable id, what it checks, and its check over the corpus index."""

    id: str
    title: str
    severity: Severity
    origin: Origin
    description: str
    check: CorpusCheck


CORPUS_RULES: Registry[CorpusRule] = Registry("corpus rule")


def corpus_rule(
    id: str, title: str, severity: Severity, origin: Origin, description: str
) -> Callable[[CorpusCheck], CorpusCheck]:
    """Register a corpus check under ``id``."""

    def register(check: CorpusCheck) -> CorpusCheck:
        CORPUS_RULES.add(id, CorpusRule(id, title, severity, origin, description, check))
        return check

    return register


def run_corpus_rules(
    index: CorpusIndex, rules: Registry[CorpusRule] = CORPUS_RULES
) -> tuple[CorpusFinding, ...]:
    """Run every active corpus rule, in registry order."""
    return tuple(f for entry in rules.active() for f in entry.check(index))


# --- labels for messages, from the layouts ----------------------------------------------
_COLUMN_LABEL = {c.key: c.label for c in APPLICANT_COLUMNS}
_APPLICATION_LABEL = {r.spec.key: r.spec.label for layout in FORM_LAYOUTS for r in application_rows(layout)}
_REVIEW_LABEL = {g.key: g.label for g in REVIEW_GROUPS}


def _active_label(layout: Layout, row: str, column: str) -> str:
    for block in active_blocks(layout):
        for r in block.rows:
            for c in block.columns:
                if r.key == row and c.key == column:
                    return f"{r.label}·{c.label}"
    return f"{row}/{column}"


def _total_label(table: str, row: str) -> str:
    """The label of a total S12 compares (table 三 总计 column or a table-四 group total)."""
    if table == APPLICATIONS:
        return f"{_APPLICATION_LABEL[row]}［{_COLUMN_LABEL['total']}］"
    return f"表四 {_REVIEW_LABEL[row]}·总计"


def _finding(
    rule_id: str,
    organ: str,
    docs: Sequence[ReportDigest],
    message: str,
    *,
    formula: str = "",
    left: Number | None = None,
    right: Number | None = None,
    cells: Iterable[tuple[ReportDigest, str, str, str]] = (),
    severity: Severity | None = None,
) -> CorpusFinding:
    entry = CORPUS_RULES.get(rule_id)
    ordered = sorted(dict.fromkeys(docs), key=lambda d: (d.document.year or 0, d.document.path or ""))
    return CorpusFinding(
        rule=rule_id,
        severity=severity or entry.severity,
        origin=entry.origin,
        message=message,
        organ=organ,
        documents=tuple(d.document for d in ordered),
        formula=formula,
        left=left,
        right=right,
        difference=left - right if left is not None and right is not None else None,
        cells=tuple(CorpusCellRef(document=d.document.id, table=t, row=r, column=c) for d, t, r, c in cells),
    )


def _name(d: ReportDigest) -> str:
    return d.document.organ or "?"


def _year_pairs(index: CorpusIndex) -> Iterable[tuple[str, int, ReportDigest, ReportDigest]]:
    """(organ, year, last year's report, this year's report) for every organ with consecutive years."""
    for organ, years in index.groups.items():
        for year in years:
            if year - 1 not in years:
                continue
            for previous in index.reports(organ, year - 1):
                for current in index.reports(organ, year):
                    yield organ, year, previous, current


# --- S1 S2 S3: cross-year links ---------------------------------------------------------
@corpus_rule(
    "S1",
    "跨年度结转一致",
    Severity.WARNING,
    Origin.SOURCE,
    "Per column of table 三: this year's 二、上年结转 = last year's 四、结转下年度继续办理 "
    "(same organ, consecutive years; valid across the v2019 → v2021 switch).",
)
def _s1(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, year, previous, current in _year_pairs(index):
        for column in CARRY_COLUMNS:
            now = current.value(APPLICATIONS, "carried_over", column)
            before = previous.value(APPLICATIONS, "carried_forward", column)
            if now is None or before is None or now == before:
                continue
            label = _COLUMN_LABEL[column]
            yield _finding(
                "S1",
                organ,
                (previous, current),
                f"{_name(current)} {year}年「二、上年结转政府信息公开申请数量」［{label}］为 {now}，"
                f"{year - 1}年「四、结转下年度继续办理」［{label}］为 {before}，相差 {now - before}。",
                formula=f"二、上年结转({year})[{column}] = 四、结转下年度继续办理({year - 1})[{column}]",
                left=now,
                right=before,
                cells=(
                    (previous, APPLICATIONS, "carried_forward", column),
                    (current, APPLICATIONS, "carried_over", column),
                ),
            )


@corpus_rule(
    "S2",
    "v2021 现行有效件数跨年度衔接",
    Severity.WARNING,
    Origin.SOURCE,
    "v2021 table 二, for 规章 and 行政规范性文件: 现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − "
    "本年废止件数(N). Both years must use the v2021 layout.",
)
def _s2(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, year, previous, current in _year_pairs(index):
        if previous.active_layout != Layout.V2021 or current.active_layout != Layout.V2021:
            continue
        for row in STOCK_ROWS:
            stock = current.value(ACTIVE, row, "in_force")
            before = previous.value(ACTIVE, row, "in_force")
            issued = current.value(ACTIVE, row, "issued")
            repealed = current.value(ACTIVE, row, "repealed")
            if stock is None or before is None or issued is None or repealed is None:
                continue
            expected = before + issued - repealed
            if stock == expected:
                continue
            label = _active_label(Layout.V2021, row, "in_force").split("·")[0]
            yield _finding(
                "S2",
                organ,
                (previous, current),
                f"{_name(current)} {label}：{year}年现行有效件数 {stock}，应为{year - 1}年现行有效件数 "
                f"{before} + 本年制发 {issued} − 本年废止 {repealed} = {expected}，相差 {stock - expected}。",
                formula=f"现行有效件数({year}) = 现行有效件数({year - 1}) + 本年制发件数({year}) − "
                f"本年废止件数({year}) [{row}]",
                left=stock,
                right=expected,
                cells=(
                    (previous, ACTIVE, row, "in_force"),
                    (current, ACTIVE, row, "issued"),
                    (current, ACTIVE, row, "repealed"),
                    (current, ACTIVE, row, "in_force"),
                ),
            )


@corpus_rule(
    "S3",
    "v2019 项目数量跨年度衔接",
    Severity.WARNING,
    Origin.SOURCE,
    "v2019 table 二, for each （五）（六）（八） row: "
    "上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1). Both years must use the v2019 layout.",
)
def _s3(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, year, previous, current in _year_pairs(index):
        if previous.active_layout != Layout.V2019 or current.active_layout != Layout.V2019:
            continue
        for row in ITEM_ROWS:
            items = current.value(ACTIVE, row, "items_prev_year")
            before = previous.value(ACTIVE, row, "items_prev_year")
            change = previous.value(ACTIVE, row, "items_change")
            if items is None or before is None or change is None:
                continue
            expected = before + change
            if items == expected:
                continue
            label = _active_label(Layout.V2019, row, "items_prev_year").split("·")[0]
            yield _finding(
                "S3",
                organ,
                (previous, current),
                f"{_name(current)} {label}：{year}年上一年项目数量 {items}，应为{year - 1}年上一年项目数量 "
                f"{before} + 本年增/减 {change} = {expected}，相差 {items - expected}。",
                formula=f"上一年项目数量({year}) = 上一年项目数量({year - 1}) + "
                f"本年增/减({year - 1}) [{row}]",
                left=items,
                right=expected,
                cells=(
                    (previous, ACTIVE, row, "items_prev_year"),
                    (previous, ACTIVE, row, "items_change"),
                    (current, ACTIVE, row, "items_prev_year"),
                ),
            )


# --- S12: hierarchy ---------------------------------------------------------------------
@corpus_rule(
    "S12",
    "汇总报告不小于下级单位之和",
    Severity.WARNING,
    Origin.SOURCE,
    "A region's report (parent) for a year: each table-三 total of rows 一, 二, 三（七）, 四 "
    "and each table-四 group total is >= the sum over its units' reports of that year; "
    "a unit expected that year has a report. "
    "Units come from names (a unit's normalised name starts with its region's) or an explicit mapping.",
)
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
                yield _finding(
                    "S12",
                    parent,
                    (parent_doc, *present),
                    f"{_name(parent_doc)} {year}年 {label} 为 {total}，"
                    f"小于 {len(present)} 个下级单位报告之和 {summed}，相差 {total - summed}。",
                    formula=f"{row}/{column}(上级) >= Σ {row}/{column}(下级) [{table}]",
                    left=total,
                    right=summed,
                    cells=((d, table, row, column) for d in (parent_doc, *present)),
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
        yield _finding(
            "S12",
            parent,
            (parent_doc,),
            f"{_name(parent_doc)} {year}年有报告，下级单位「{kid}」同年没有报告。",
            formula=f"下级单位 {kid} 有 {year} 年报告",
        )


# --- D1 D2 D3: duplicates and copies ----------------------------------------------------
@corpus_rule(
    "D1",
    "重复报告（内容相同）",
    Severity.WARNING,
    Origin.SOURCE,
    "The same content (equal SHA-256 of the input bytes) occurs more than once in the corpus.",
)
def _d1(index: CorpusIndex) -> Iterable[CorpusFinding]:
    by_hash: dict[str, list[ReportDigest]] = defaultdict(list)
    for d in index.digests:
        by_hash[d.document.id].append(d)
    for _, copies in sorted(by_hash.items()):
        copies.sort(key=lambda d: d.document.path or "")
        if len(copies) < 2:
            continue
        first = copies[0]
        paths = "、".join(d.document.path or "?" for d in copies)
        yield _finding(
            "D1",
            first.organ or "",
            copies,
            f"同一份报告（{_name(first)} {first.document.year or '?'}年）"
            f"在语料中出现 {len(copies)} 次：{paths}。",
            formula="sha256 相同",
        )


@corpus_rule(
    "D2",
    "同一机关同一年度有多份不同报告",
    Severity.WARNING,
    Origin.SOURCE,
    "Two reports with different content share one normalised organ and year (a corrected re-issue, "
    "a wrong year, or two organs with one name).",
)
def _d2(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, years in index.groups.items():
        for year in years:
            versions = index.reports(organ, year)
            if len(versions) < 2:
                continue
            paths = "、".join(d.document.path or d.document.id[:12] for d in versions)
            yield _finding(
                "D2",
                organ,
                versions,
                f"{_name(versions[0])} {year}年有 {len(versions)} 份内容不同的报告：{paths}。",
                formula="同一机关、同一年度只有一份报告",
            )


@corpus_rule(
    "D3",
    "内容雷同（与上一年度报告文字高度相似）",
    Severity.WARNING,
    Origin.SOURCE,
    "Narrative text (all sections except those holding a fixed table; digits masked) of an organ's "
    "report is near-identical to its previous report: Jaccard similarity of 5-character shingles, "
    f"estimated by a 64-hash bottom-k MinHash, >= {NEAR_COPY_THRESHOLD}. "
    "Texts under 30 shingles are skipped.",
)
def _d3(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, years in index.groups.items():
        for before_year, year in itertools.pairwise(years):
            for previous in index.reports(organ, before_year):
                for current in index.reports(organ, year):
                    if min(previous.shingle_count, current.shingle_count) < MIN_SHINGLES:
                        continue
                    similarity = Decimal(str(round(jaccard(previous.text_sketch, current.text_sketch), 3)))
                    if similarity < NEAR_COPY_THRESHOLD:
                        continue
                    yield _finding(
                        "D3",
                        organ,
                        (previous, current),
                        f"{_name(current)} {year}年报告的文字与{before_year}年报告高度雷同："
                        f"相似度 {similarity}，阈值 {NEAR_COPY_THRESHOLD}。",
                        formula=f"Jaccard(5字片段, {year}, {before_year}) < {NEAR_COPY_THRESHOLD}",
                        left=similarity,
                        right=NEAR_COPY_THRESHOLD,
                    )
