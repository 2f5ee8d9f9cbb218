"""The rule registry: every rule a finding of one report can carry, in one ordered list.

Each family of rules is declared as :class:`~govreport.model.rules.Rule` values next to
its check (or, for rules reported while reading, next to the readers); this module only
puts them in order. Rules with a ``check`` run on the assembled report.
"""

from __future__ import annotations

from govreport.checks.hard import HARD_RULES
from govreport.checks.heuristics import HEURISTIC_RULES
from govreport.checks.narrative import NARRATIVE_RULES
from govreport.checks.ocr import O1
from govreport.checks.reading import R7
from govreport.checks.repairs import REPAIR_RULES
from govreport.checks.statistics import STATISTICS_RULES
from govreport.model.findings import Finding
from govreport.model.report import Report
from govreport.model.rules import Check, Rule
from govreport.registry import Registry
from govreport.tables.rules import GLUED_RULES, L1, ROW_RULES, T3

BUILTIN_RULES: tuple[Rule[Check], ...] = (
    *HARD_RULES,
    *HEURISTIC_RULES,
    *NARRATIVE_RULES,
    *ROW_RULES,
    R7,
    O1,
    *GLUED_RULES,
    L1,
    *REPAIR_RULES,
    *STATISTICS_RULES,
    T3,
)
"""govreport's own rules, in the order they are listed and run."""

RULES: Registry[Rule[Check]] = Registry("rule")
for _rule in BUILTIN_RULES:
    RULES.add(_rule.id, _rule)


def run_checks(report: Report, rules: Registry[Rule[Check]] = RULES) -> list[Finding]:
    """Run every active rule that has a check, in registry order."""
    findings: list[Finding] = []
    for entry in rules.active():
        if entry.check is not None:
            findings.extend(entry.check(report))
    return findings
