"""Run the corpus rules over a stream of reports, keeping only a digest of each."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import evolve

from govreport.corpus.digest import ReportDigest, digest
from govreport.corpus.findings import CorpusFinding
from govreport.corpus.index import CorpusIndex, Hierarchy
from govreport.corpus.rules import CorpusRule, run_corpus_rules
from govreport.model.messages import DEFAULT_LANG, Lang, speaking
from govreport.model.report import Report
from govreport.plugins import CORPUS_RULE_KIND, installed
from govreport.registry import Registry


class CorpusChecker:
    """Collect reports one at a time, then run the corpus rules once.

    Each added report is reduced to a :class:`ReportDigest` (a few hundred bytes), so a
    caller can stream tens of thousands of reports through :meth:`add` and drop each
    :class:`~govreport.Report` straight after.

    Args:
        hierarchy: optional ``{region name: [unit names…]}`` for S12, beside the
            hierarchy read from names (see :mod:`govreport.corpus.index`).
        rules: the corpus rules to run (a parser's ``corpus_rules``, some disabled, say);
            the installed corpus rule sets' rules if omitted.
        lang: the language of the findings' messages (Chinese unless ``"en"``).
    """

    def __init__(
        self,
        *,
        hierarchy: Hierarchy | None = None,
        rules: Registry[CorpusRule] | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        self.hierarchy = hierarchy
        self.lang: Lang = lang
        self.rules = rules if rules is not None else installed(CORPUS_RULE_KIND)
        self._digests: list[ReportDigest] = []
        self._first: dict[str, ReportDigest] = {}
        self._pending_copies: list[tuple[str, str]] = []

    def add(self, report: Report) -> ReportDigest:
        """Digest one report and keep the digest."""
        entry = digest(report)
        self.add_digest(entry)
        return entry

    def add_digest(self, entry: ReportDigest) -> None:
        """Keep a digest made elsewhere (for example by :func:`digest` in a worker process)."""
        self._digests.append(entry)
        self._first.setdefault(entry.document.id, entry)

    def add_copy(self, document_id: str, path: str) -> None:
        """Record another file with the content of document ``document_id`` (for D1).

        :func:`govreport.iter_parse` parses each content once and yields later copies as
        skipped; this keeps them in the corpus without parsing them again.
        """
        self._pending_copies.append((document_id, path))

    def __len__(self) -> int:
        return len(self._digests)

    def finish(self) -> tuple[CorpusFinding, ...]:
        """Run every active corpus rule over the reports added so far."""
        copies = [
            evolve(first, document=evolve(first.document, path=path))
            for document_id, path in self._pending_copies
            if (first := self._first.get(document_id)) is not None
        ]
        with speaking(self.lang):
            return run_corpus_rules(CorpusIndex.build([*self._digests, *copies], self.hierarchy), self.rules)


def check_corpus(
    reports: Iterable[Report],
    *,
    hierarchy: Hierarchy | None = None,
    rules: Registry[CorpusRule] | None = None,
    lang: Lang = DEFAULT_LANG,
) -> tuple[CorpusFinding, ...]:
    """Check a corpus of parsed reports for errors that only show across reports.

    ``reports`` may be any iterable, including a generator over a large corpus: each
    report is reduced to a small digest as it arrives. Reports are linked by normalised
    organ name (:func:`organ_key`) and year.

    Args:
        reports: parsed reports, in any order.
        hierarchy: optional ``{region name: [unit names…]}`` for S12.
        rules: the corpus rules to run; the installed corpus rule sets' rules if omitted.
        lang: the language of the findings' messages (Chinese unless ``"en"``).

    Returns:
        The findings of rules S1, S2, S3, S12, D1, D2 and D3, in registry order.
    """
    checker = CorpusChecker(hierarchy=hierarchy, rules=rules, lang=lang)
    for report in reports:
        checker.add(report)
    return checker.finish()
