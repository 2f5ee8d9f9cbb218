"""The corpus rule registry: checks that only show across reports (spec §5.2).

S1, S2, S3 and S12 are the spec's cross-report heuristics. D1-D3 are govreport's own:
the same file twice, two different reports for one organ and year, and narrative text
copied from an earlier year (内容雷同). Every rule is a warning: legitimate corpora can
break them (corrections, lapsed documents, regional reporting scopes). A corpus rule is a
:class:`~govreport.model.rules.Rule` like any other; its check runs on the corpus index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from govreport.corpus.crossyear import CROSS_YEAR_RULES
from govreport.corpus.duplicates import DUPLICATE_RULES, NEAR_COPY_THRESHOLD
from govreport.corpus.findings import CorpusFinding
from govreport.corpus.hierarchy import S12
from govreport.corpus.index import CorpusIndex
from govreport.model.rules import Rule
from govreport.registry import Registry

CorpusCheck = Callable[[CorpusIndex], Iterable[CorpusFinding]]
"""The check of a corpus rule: it looks at the whole corpus index and yields corpus findings."""
CorpusRule = Rule[CorpusCheck]
"""A registered corpus rule: the same rule model as a report's rules, run on the corpus index."""

BUILTIN_CORPUS_RULES: tuple[CorpusRule, ...] = (*CROSS_YEAR_RULES, S12, *DUPLICATE_RULES)
"""govreport's own corpus rules, in the order they are listed and run."""

CORPUS_RULES: Registry[CorpusRule] = Registry("corpus rule")
for _rule in BUILTIN_CORPUS_RULES:
    CORPUS_RULES.add(_rule.id, _rule)


def run_corpus_rules(
    index: CorpusIndex, rules: Registry[CorpusRule] = CORPUS_RULES
) -> tuple[CorpusFinding, ...]:
    """Run every active corpus rule that has a check, in registry order."""
    return tuple(f for entry in rules.active() if entry.check is not None for f in entry.check(index))


__all__ = [
    "BUILTIN_CORPUS_RULES",
    "CORPUS_RULES",
    "NEAR_COPY_THRESHOLD",
    "CorpusCheck",
    "CorpusRule",
    "run_corpus_rules",
]
