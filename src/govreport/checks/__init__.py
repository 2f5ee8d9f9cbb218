"""Checks: every rule govreport applies, registered by a stable id."""

from govreport.checks import heuristics as _heuristics  # registers S*, V1, N1, R*, L1
from govreport.checks import repairs as _repairs  # registers M1 (repairs of converter damage)
from govreport.checks import statistics as _statistics  # registers T1-T3 (the v2008 统计表)
from govreport.checks.rules import RULES, Rule, run_checks
from govreport.plugins import RULE_API_VERSION, RuleSet

RULE_SET: RuleSet[Rule] = RuleSet(name="builtin", api_version=RULE_API_VERSION, rules=tuple(RULES.active()))
"""Every built-in rule, in registry order: what govreport's ``govreport.rules`` entry point names."""

__all__ = ["RULES", "RULE_SET", "Rule", "run_checks"]
del _heuristics, _repairs, _statistics
