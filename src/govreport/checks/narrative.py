"""Rules on narrative counts: breakdowns add up (N1), one value per key (N2), text agrees with tables (N3)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from govreport.checks.cells import has_number
from govreport.extract.narrative.keys import NARRATIVE_KEYS
from govreport.extract.narrative.links import TEXT_TABLE_LINKS
from govreport.messages import checks as msg
from govreport.messages.names import table_title
from govreport.model.findings import Finding, Origin, Severity
from govreport.model.messages import Joined, Param
from govreport.model.report import NarrativeStat, NumberForm, Report
from govreport.model.rules import Rule, RuleKind, finding
from govreport.model.tables import MONEY_UNITS, Cell, StatTable

# A total and the key prefix of its breakdown by category or channel.
_PARTS_OF = {
    "active.total": "active.category",
    "applications.received": "applications.channel",
    "consultation.total": "consultation.channel",
}


def _where(stat: NarrativeStat) -> str:
    return stat.location.describe() if stat.location is not None else "unknown location"


_ZERO = Decimal(0)


def _in_unit_of(stat: NarrativeStat, cell: Cell) -> int | Decimal:
    """The cell's value in the stat's unit: the 统计表 prints fees in 元 or 万元, the text in either."""
    if cell.unit is not None and stat.unit in MONEY_UNITS:
        return cell.in_unit(stat.unit) or _ZERO
    return cell.value if cell.value is not None else 0


def _exact(stats: Iterable[NarrativeStat]) -> bool:
    return not any(s.approximate for s in stats)


def _n1(report: Report) -> Iterable[Finding]:
    breakdowns = [
        (k, [s for s in report.narrative if s.key == p or s.key.startswith(p + ".")], p)
        for k, p in _PARTS_OF.items()
    ]
    for key in dict.fromkeys(s.key for s in report.narrative if s.part):
        parts = [s for s in report.narrative if s.key == key and s.part]
        shared = [s for s in parts if s.share_percent is not None]
        # Parts given with their shares are one partition; a subset named elsewhere is not in it.
        breakdowns.append((key, shared if len(shared) >= 2 else parts, f"{key} 的分项"))
    for total_key, parts, name in breakdowns:
        total = report.stat(total_key)
        if total is None or len(parts) < 2 or not _exact([total, *parts]):
            continue
        summed = sum(p.value for p in parts)
        if summed != total.value:
            yield finding(
                N1,
                msg.PARTS_SUM(
                    total=total.raw,
                    summed=summed,
                    parts=Joined([msg.PART(label=p.label or p.key, value=p.value) for p in parts]),
                ),
                formula=f"{total_key} = Σ {name}",
                left=total.value,
                right=summed,
                location=total.location,
            )


N1 = Rule(
    id="N1",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="正文分项之和等于总数",
    description=(
        "Narrative breakdowns add up: 主动公开 categories, 依申请 channels and 咨询 channels, and the "
        "parts of a whole stated under the same key (全区…其中区直部门…乡镇…), equal their stated totals "
        "(exact counts only, at least two parts; where parts give their shares, those parts)."
    ),
    check=_n1,
)


def _n2(report: Report) -> Iterable[Finding]:
    groups: dict[tuple[str, str], list[NarrativeStat]] = {}
    for stat in report.narrative:
        if stat.part:
            continue
        label = stat.label if NARRATIVE_KEYS.get(stat.key).labelled else ""
        groups.setdefault((stat.key, label), []).append(stat)
    for (key, label), stats in groups.items():
        if len({s.value for s in stats}) < 2:
            continue
        values = Joined(
            [msg.STAT_VALUE(raw=s.raw, value=s.value, where=_where(s)) for s in stats], zh="；", en="; "
        )
        yield finding(
            N2,
            msg.VALUES_DIFFER(
                key=key, label=msg.STAT_LABEL(label=label) if label else "", count=len(stats), values=values
            ),
            formula=f"{key} 只有一个数值",
            left=stats[0].value,
            right=stats[1].value,
            location=stats[0].location,
        )


N2 = Rule(
    id="N2",
    kind=RuleKind.READING,
    severity=Severity.WARNING,
    origin=Origin.READING,
    title="正文对同一项给出不同数值",
    description=(
        "The text states different values for one narrative key that are not a whole and its labelled parts. "
        "All are kept; none is chosen, so Report.stat() returns None for the key and no cross-check uses it."
    ),
    check=_n2,
)


def _stated(report: Report) -> dict[str, NarrativeStat]:
    """:meth:`Report.stat` of every key the text states, found in one pass over the narrative."""
    wholes: dict[str, list[NarrativeStat]] = {}
    for stat in report.narrative:
        if not stat.part:
            wholes.setdefault(stat.key, []).append(stat)
    return {key: stats[0] for key, stats in wholes.items() if len({s.value for s in stats}) == 1}


def _n3(report: Report) -> Iterable[Finding]:
    if not report.narrative or not report.tables:
        return
    stated = _stated(report)
    tables: dict[str, StatTable] = {}
    for found in report.tables:
        tables.setdefault(found.key, found)  # the first, as Report.get_table finds
    for link in TEXT_TABLE_LINKS:
        stat, table = stated.get(link.key), tables.get(link.table)
        if stat is None or table is None or table.layout not in link.layouts:
            continue
        if stat.approximate or stat.written is NumberForm.NEGATION:
            continue  # approximations cannot disagree; "nothing to report" is rule S5's
        cells = [table.cell(row, column) for row, column in link.cells]
        if not all(has_number(c) for c in cells):
            continue
        total: int | Decimal = sum((_in_unit_of(stat, c) for c in cells), start=0)
        if total != stat.value:
            where: list[Param] = [
                msg.CELL_AT(cell=f"{c.row}/{c.column}", where=c.location.describe())
                if c.location is not None
                else f"{c.row}/{c.column}"
                for c in cells
            ]
            yield finding(
                N3,
                msg.TEXT_VS_TABLE(
                    raw=stat.raw,
                    where=_where(stat),
                    table=table_title(link.table),
                    cells=Joined(where),
                    total=total,
                ),
                formula=f"正文 {link.key} = 表格",
                left=stat.value,
                right=total,
                cells=cells,
                location=stat.location,
            )


N3 = Rule(
    id="N3",
    kind=RuleKind.HEURISTIC,
    severity=Severity.WARNING,
    origin=Origin.SOURCE,
    title="正文数字与统计表一致",
    description=(
        "A count stated in the text equals the table cells that state the same figure (narrative key → "
        "table cells, see govreport.extract.narrative.TEXT_TABLE_LINKS; exact counts in digits or "
        "numerals, one value per key; the old 统计表 by its 本年度 column, fees converted between 元 "
        "and 万元). The finding names the sentence and the cells."
    ),
    check=_n3,
)


NARRATIVE_RULES = (N1, N2, N3)
