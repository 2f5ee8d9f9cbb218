"""Corpus checks: rules that link reports by organ and year (spec §5.2) and find duplicates."""

from govreport.corpus.checker import CorpusChecker, check_corpus
from govreport.corpus.digest import ReportDigest, digest
from govreport.corpus.findings import CorpusCellRef, CorpusFinding, DocumentRef
from govreport.corpus.index import CorpusIndex
from govreport.corpus.organs import organ_key
from govreport.corpus.rules import CORPUS_RULES, NEAR_COPY_THRESHOLD, CorpusRule
from govreport.plugins import CORPUS_RULE_API_VERSION, CorpusRuleSet

CORPUS_RULE_SET: CorpusRuleSet[CorpusRule] = CorpusRuleSet(
    name="builtin", api_version=CORPUS_RULE_API_VERSION, corpus_rules=tuple(CORPUS_RULES.active())
)
"""Every built-in corpus rule, in registry order: what the ``govreport.corpus_rules`` entry point names."""

__all__ = [
    "CORPUS_RULES",
    "CORPUS_RULE_SET",
    "NEAR_COPY_THRESHOLD",
    "CorpusCellRef",
    "CorpusChecker",
    "CorpusFinding",
    "CorpusIndex",
    "CorpusRule",
    "DocumentRef",
    "ReportDigest",
    "check_corpus",
    "digest",
    "organ_key",
]
