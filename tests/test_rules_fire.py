"""Every registered rule fires where it must, naming the right cells, and stays silent in a near miss.

The rule lists come from the registries, so a new rule without cases in tests/rule_cases.py
fails here until it has both.
"""

from __future__ import annotations

import pytest

from govreport.checks import RULES
from govreport.corpus import CORPUS_RULES, check_corpus
from tests.corpus_rule_cases import CORPUS_FIRES, CORPUS_SILENT
from tests.rule_cases import FIRES, SILENT

REPORT_RULES = [rule.id for rule in RULES.active()]
CORPUS_RULE_IDS = [rule.id for rule in CORPUS_RULES.active()]


def _case(cases: dict, rule_id: str, kind: str):
    if rule_id not in cases:
        pytest.fail(f"rule {rule_id} has no {kind} case: add one to tests/rule_cases.py")
    return cases[rule_id]


@pytest.mark.parametrize("rule_id", REPORT_RULES)
def test_rule_fires_at_the_right_cells(rule_id: str) -> None:
    case = _case(FIRES, rule_id, "firing")
    fired = [f for f in case.report().findings if f.rule == rule_id]
    assert fired, f"{rule_id} did not fire"
    if case.cells is not None:
        assert {(c.table, c.row, c.column) for f in fired for c in f.cells} == case.cells


@pytest.mark.parametrize("rule_id", REPORT_RULES)
def test_rule_is_silent_in_its_near_miss(rule_id: str) -> None:
    case = _case(SILENT, rule_id, "near-miss")
    assert [f.message for f in case.report().findings if f.rule == rule_id] == []


@pytest.mark.parametrize("rule_id", CORPUS_RULE_IDS)
def test_corpus_rule_fires_at_the_right_cells(rule_id: str) -> None:
    case = _case(CORPUS_FIRES, rule_id, "firing")
    fired = [f for f in check_corpus(case.reports()) if f.rule == rule_id]
    assert fired, f"{rule_id} did not fire"
    assert {(c.table, c.row, c.column) for f in fired for c in f.cells} == case.cells


@pytest.mark.parametrize("rule_id", CORPUS_RULE_IDS)
def test_corpus_rule_is_silent_in_its_near_miss(rule_id: str) -> None:
    case = _case(CORPUS_SILENT, rule_id, "near-miss")
    assert [f.message for f in check_corpus(case.reports()) if f.rule == rule_id] == []


def test_every_case_belongs_to_a_registered_rule() -> None:
    """A case for a rule that was renamed or removed would test nothing."""
    assert set(FIRES) | set(SILENT) <= set(REPORT_RULES)
    assert set(CORPUS_FIRES) | set(CORPUS_SILENT) <= set(CORPUS_RULE_IDS)


@pytest.mark.parametrize("rule_id", ["H1", "H2", "H3", "H4"])
def test_an_arithmetic_finding_states_its_printed_rule(rule_id: str) -> None:
    """The formula names the rule as printed and the message quotes it with both sides."""
    for finding in (f for f in FIRES[rule_id].report().findings if f.rule == rule_id):
        assert finding.formula and f"{finding.formula} 不成立" in finding.message
        assert f"左边 {finding.left}，右边 {finding.right}" in finding.message
        assert finding.difference == finding.left - finding.right
