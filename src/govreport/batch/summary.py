"""Counts over a corpus run, for the summary the command line prints."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from govreport.batch.results import DocumentResult, DocumentStatus


class RunSummary:
    """Counts over a corpus run: documents by status, version and year, findings by rule."""

    def __init__(self) -> None:
        self.status: Counter[str] = Counter()
        self.version: Counter[str] = Counter()
        self.year: Counter[str] = Counter()
        self.rule: Counter[str] = Counter()
        self.seconds = 0.0
        self.ocr_pages = 0

    def add(self, result: DocumentResult) -> None:
        """Count one result."""
        self.status[result.status.value] += 1
        self.seconds += result.duration
        facts = result.facts
        if facts is not None and result.status is not DocumentStatus.SKIPPED:
            self.version[facts.version] += 1
            self.year[str(facts.year) if facts.year else "?"] += 1
            self.rule.update(facts.rules)
            self.ocr_pages += facts.ocr_pages

    @property
    def documents(self) -> int:
        """Documents seen, whatever their status."""
        return sum(self.status.values())

    def lines(self) -> list[str]:
        """The summary as text lines, each group in a stable order."""

        def counts(counter: Counter[str], order: Iterable[str] | None = None) -> str:
            keys = list(order) if order is not None else sorted(counter)
            return ", ".join(f"{k} {counter[k]}" for k in keys if counter[k]) or "-"

        lines = [
            f"documents: {self.documents}",
            f"status:    {counts(self.status, (s.value for s in DocumentStatus))}",
            f"version:   {counts(self.version)}",
            f"year:      {counts(self.year)}",
            f"findings:  {counts(self.rule, sorted(self.rule, key=lambda r: (-self.rule[r], r)))}",
        ]
        if self.ocr_pages:
            lines.append(f"ocr pages: {self.ocr_pages}")
        return lines
