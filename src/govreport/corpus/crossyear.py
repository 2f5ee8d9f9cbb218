"""Corpus rules S1-S3: an organ's report agrees with its report of the year before."""

from __future__ import annotations

from collections.abc import Iterable

from govreport.corpus.digest import CARRY_COLUMNS, ITEM_ROWS, STOCK_ROWS, ReportDigest
from govreport.corpus.findings import CorpusFinding, corpus_finding, organ_name
from govreport.corpus.index import CorpusIndex
from govreport.messages import corpus as msg
from govreport.model.findings import Origin, Severity
from govreport.model.rules import Rule, RuleKind
from govreport.model.tables import Layout
from govreport.tables.layouts import ACTIVE, APPLICANT_COLUMNS, APPLICATIONS, active_blocks

_COLUMN_LABEL = {c.key: c.label for c in APPLICANT_COLUMNS}


def _active_label(layout: Layout, row: str, column: str) -> str:
    for block in active_blocks(layout):
        for r in block.rows:
            for c in block.columns:
                if r.key == row and c.key == column:
                    return f"{r.label}·{c.label}"
    return f"{row}/{column}"


def _year_pairs(index: CorpusIndex) -> Iterable[tuple[str, int, ReportDigest, ReportDigest]]:
    """(organ, year, last year's report, this year's report) for every organ with consecutive years."""
    for organ, years in index.groups.items():
        for year in years:
            if year - 1 not in years:
                continue
            for previous in index.reports(organ, year - 1):
                for current in index.reports(organ, year):
                    yield organ, year, previous, current


def _s1(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, year, previous, current in _year_pairs(index):
        for column in CARRY_COLUMNS:
            now = current.value(APPLICATIONS, "carried_over", column)
            before = previous.value(APPLICATIONS, "carried_forward", column)
            if now is None or before is None or now == before:
                continue
            label = _COLUMN_LABEL[column]
            yield corpus_finding(
                S1,
                organ,
                (previous, current),
                msg.CARRIED_OVER(
                    organ=organ_name(current),
                    year=year,
                    label=label,
                    now=now,
                    previous_year=year - 1,
                    before=before,
                    difference=now - before,
                ),
                formula=f"二、上年结转({year})[{column}] = 四、结转下年度继续办理({year - 1})[{column}]",
                left=now,
                right=before,
                cells=(
                    (previous, APPLICATIONS, "carried_forward", column),
                    (current, APPLICATIONS, "carried_over", column),
                ),
            )


S1 = Rule(
    id="S1",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="跨年度结转一致",
    description=(
        "Per column of table 三: this year's 二、上年结转 = last year's 四、结转下年度继续办理 "
        "(same organ, consecutive years; valid across the v2019 → v2021 switch)."
    ),
    check=_s1,
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
            yield corpus_finding(
                S2,
                organ,
                (previous, current),
                msg.IN_FORCE(
                    organ=organ_name(current),
                    label=label,
                    year=year,
                    stock=stock,
                    previous_year=year - 1,
                    before=before,
                    issued=issued,
                    repealed=repealed,
                    expected=expected,
                    difference=stock - expected,
                ),
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


S2 = Rule(
    id="S2",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="v2021 现行有效件数跨年度衔接",
    description=(
        "v2021 table 二, for 规章 and 行政规范性文件: "
        "现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N). "
        "Both years must use the v2021 layout."
    ),
    check=_s2,
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
            yield corpus_finding(
                S3,
                organ,
                (previous, current),
                msg.ITEMS_CARRIED(
                    organ=organ_name(current),
                    label=label,
                    year=year,
                    items=items,
                    previous_year=year - 1,
                    before=before,
                    change=change,
                    expected=expected,
                    difference=items - expected,
                ),
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


S3 = Rule(
    id="S3",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="v2019 项目数量跨年度衔接",
    description=(
        "v2019 table 二, for each （五）（六）（八） row: "
        "上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1). Both years must use the v2019 layout."
    ),
    check=_s3,
)


CROSS_YEAR_RULES = (S1, S2, S3)
