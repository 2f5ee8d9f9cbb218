"""Checks: every rule govreport applies, registered by a stable id."""

from govreport.checks.rules import BUILTIN_RULES, RULES, run_checks
from govreport.model.rules import Check, Rule, RuleKind, finding

__all__ = ["BUILTIN_RULES", "RULES", "Check", "Rule", "RuleKind", "finding", "run_checks"]
