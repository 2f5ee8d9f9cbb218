"""Checks: every rule govreport applies, registered by a stable id."""

from govreport.checks import heuristics as _heuristics  # registers S*, V1, N1, R*, L1
from govreport.checks import repairs as _repairs  # registers M1 (repairs of converter damage)
from govreport.checks import statistics as _statistics  # registers T1-T3 (the v2008 统计表)
from govreport.checks.rules import RULES, Rule, run_checks

__all__ = ["RULES", "Rule", "run_checks"]
del _heuristics, _repairs, _statistics
