"""Corpus rules D1-D3: the same file twice, two reports for one organ and year, text copied from last year."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from govreport.corpus.digest import ReportDigest
from govreport.corpus.findings import CorpusFinding, corpus_finding, organ_name
from govreport.corpus.index import CorpusIndex
from govreport.corpus.similarity import MIN_SHINGLES, jaccard
from govreport.messages import corpus as msg
from govreport.model.findings import Origin, Severity
from govreport.model.messages import Joined
from govreport.model.rules import Rule, RuleKind

NEAR_COPY_THRESHOLD = Decimal("0.8")
"""Estimated Jaccard similarity of narrative shingles at or above which D3 fires."""


def _d1(index: CorpusIndex) -> Iterable[CorpusFinding]:
    by_hash: dict[str, list[ReportDigest]] = defaultdict(list)
    for d in index.digests:
        by_hash[d.document.id].append(d)
    for _, copies in sorted(by_hash.items()):
        copies.sort(key=lambda d: d.document.path or "")
        if len(copies) < 2:
            continue
        first = copies[0]
        paths = Joined([msg.PATH(path=d.document.path or "?") for d in copies])
        yield corpus_finding(
            D1,
            first.organ or "",
            copies,
            msg.SAME_REPORT_TWICE(
                organ=organ_name(first), year=first.document.year or "?", count=len(copies), paths=paths
            ),
        )


D1 = Rule(
    id="D1",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="重复报告（内容相同）",
    formula="sha256 相同",
    description="The same content (equal SHA-256 of the input bytes) occurs more than once in the corpus.",
    check=_d1,
)


def _d2(index: CorpusIndex) -> Iterable[CorpusFinding]:
    for organ, years in index.groups.items():
        for year in years:
            versions = index.reports(organ, year)
            if len(versions) < 2:
                continue
            paths = Joined([msg.PATH(path=d.document.path or d.document.id[:12]) for d in versions])
            yield corpus_finding(
                D2,
                organ,
                versions,
                msg.TWO_REPORTS_ONE_YEAR(
                    organ=organ_name(versions[0]), year=year, count=len(versions), paths=paths
                ),
            )


D2 = Rule(
    id="D2",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="同一机关同一年度有多份不同报告",
    formula="同一机关、同一年度只有一份报告",
    description=(
        "Two reports with different content share one normalised organ and year (a corrected re-issue, "
        "a wrong year, or two organs with one name)."
    ),
    check=_d2,
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
                    yield corpus_finding(
                        D3,
                        organ,
                        (previous, current),
                        msg.NEAR_COPY(
                            organ=organ_name(current),
                            year=year,
                            before=before_year,
                            similarity=similarity,
                            threshold=NEAR_COPY_THRESHOLD,
                        ),
                        formula=f"Jaccard(5字片段, {year}, {before_year}) < {NEAR_COPY_THRESHOLD}",
                        left=similarity,
                        right=NEAR_COPY_THRESHOLD,
                    )


D3 = Rule(
    id="D3",
    kind=RuleKind.CORPUS,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="内容雷同（与上一年度报告文字高度相似）",
    description=(
        "Narrative text (all sections except those holding a fixed table; digits masked) of an organ's "
        "report is near-identical to its previous report: Jaccard similarity of 5-character shingles, "
        f"estimated by a 64-hash bottom-k MinHash, >= {NEAR_COPY_THRESHOLD}. "
        "Texts under 30 shingles are skipped."
    ),
    check=_d3,
)


DUPLICATE_RULES = (D1, D2, D3)
