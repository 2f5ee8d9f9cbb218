"""Which cells of a report the check page paints, frames or names as the likely culprit.

A failed equation (H1-H4, T1) may span a whole column: H2 adds 26 rows of table 三. Painting
every one of its cells would hide the cell that is wrong, so the cells of a failed equation
are only framed. A cell is painted when a finding names it alone (a negative count, a
missing cell) or when it is the likely culprit: the one cell that every failed equation of
its table contains (the crossing of a failed column H2 and a failed row H3).
"""

from __future__ import annotations

from attrs import frozen

from govreport.model.findings import Finding, Severity

CellKey3 = tuple[str, str, str]
"""A cell of a report: ``(table, row, column)``."""
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def worst(severities: list[Severity]) -> Severity:
    """The most serious of ``severities`` (not empty)."""
    return min(severities, key=SEVERITY_RANK.__getitem__)


def finding_cells(finding: Finding) -> tuple[CellKey3, ...]:
    """The distinct cells a finding points at, in its order."""
    return tuple(dict.fromkeys((c.table, c.row, c.column) for c in finding.cells))


def is_equation(finding: Finding) -> bool:
    """A finding that compares two sides over several cells (an equation that does not hold)."""
    return finding.left is not None and finding.right is not None and len(finding_cells(finding)) > 1


def culprits(findings: list[Finding]) -> dict[str, CellKey3]:
    """Per table, the one cell every failed equation of that table contains, where there is one."""
    by_table: dict[str, list[set[CellKey3]]] = {}
    for finding in findings:
        cells = finding_cells(finding)
        if is_equation(finding) and len({table for table, _, _ in cells}) == 1:
            by_table.setdefault(cells[0][0], []).append(set(cells))
    found = {}
    for table, equations in by_table.items():
        common = set.intersection(*equations)
        if len(common) == 1:
            found[table] = common.pop()
    return found


@frozen
class Highlights:
    """The marks of one report's cells."""

    painted: dict[CellKey3, Severity]
    """Cells filled with a severity colour: named alone by a finding, or a likely culprit."""
    framed: dict[CellKey3, Severity]
    """Cells of a failed equation that are not painted: outlined only."""
    culprits: dict[str, CellKey3]
    """The likely culprit cell per table."""
    findings: dict[CellKey3, tuple[int, ...]]
    """The numbers (1-based, in report order) of the findings that point at each cell."""

    @classmethod
    def of(cls, findings: list[Finding]) -> Highlights:
        """The marks the findings of one report give its cells."""
        found = culprits(findings)
        culprit_cells = set(found.values())
        painted: dict[CellKey3, list[Severity]] = {}
        framed: dict[CellKey3, list[Severity]] = {}
        numbers: dict[CellKey3, list[int]] = {}
        for number, finding in enumerate(findings, start=1):
            equation = is_equation(finding)
            for key in finding_cells(finding):
                numbers.setdefault(key, []).append(number)
                target = framed if equation and key not in culprit_cells else painted
                target.setdefault(key, []).append(finding.severity)
        painted_worst = {key: worst(s) for key, s in painted.items()}
        return cls(
            painted=painted_worst,
            framed={key: worst(s) for key, s in framed.items() if key not in painted_worst},
            culprits=found,
            findings={key: tuple(n) for key, n in numbers.items()},
        )
