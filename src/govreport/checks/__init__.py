"""Checks: every rule govreport applies, registered by a stable id."""

from govreport.checks.rules import BUILTIN_RULES, RULES, run_checks
from govreport.model.rules import Check, Rule, RuleKind, finding
from govreport.plugins import RULE_API_VERSION, RuleSet

RULE_SET: RuleSet[Rule[Check]] = RuleSet(name="builtin", api_version=RULE_API_VERSION, rules=BUILTIN_RULES)
"""Every built-in rule, in registry order: what govreport's ``govreport.rules`` entry point names."""

__all__ = ["BUILTIN_RULES", "RULES", "RULE_SET", "Check", "Rule", "RuleKind", "finding", "run_checks"]
