"""Corpus findings: rule violations that only show across reports, with the documents they link.

:func:`corpus_finding` is the one place they are made, from the rule through the one finding factory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from attrs import frozen

from govreport.model.findings import Number, Origin, Severity
from govreport.model.messages import Phrase
from govreport.model.rules import Rule, finding

if TYPE_CHECKING:  # the digest refers to DocumentRef, so it is imported for annotations only
    from govreport.corpus.digest import ReportDigest


@frozen(kw_only=True)
class DocumentRef:
    """A report a corpus finding links.

    ``id`` is the SHA-256 of the input bytes (the same id the batch results and
    exports carry); ``path`` tells two copies of one content apart.
    """

    id: str
    path: str | None = None
    organ: str | None = None
    year: int | None = None


@frozen(kw_only=True)
class CorpusCellRef:
    """A table cell of one document of the corpus, by canonical keys."""

    document: str
    """The :attr:`DocumentRef.id` of the report the cell belongs to."""
    table: str
    row: str
    column: str


@frozen(kw_only=True)
class CorpusFinding:
    """One result of a corpus rule: like :class:`govreport.Finding`, across documents.

    ``organ`` is the normalised link key (:func:`govreport.corpus.organ_key`) the
    finding is about; ``documents`` are the reports involved, oldest year first.
    """

    rule: str
    severity: Severity
    origin: Origin
    message: str
    organ: str
    documents: tuple[DocumentRef, ...]
    formula: str = ""
    left: Number | None = None
    right: Number | None = None
    difference: Number | None = None
    cells: tuple[CorpusCellRef, ...] = ()


def organ_name(digest: ReportDigest) -> str:
    """The organ as the report names itself, for messages."""
    return digest.document.organ or "?"


def corpus_finding(
    rule: Rule[object],
    organ: str,
    reports: Sequence[ReportDigest],
    message: Phrase | str,
    *,
    formula: str = "",
    left: Number | None = None,
    right: Number | None = None,
    cells: Iterable[tuple[ReportDigest, str, str, str]] = (),
) -> CorpusFinding:
    """A finding of corpus ``rule`` about ``reports``: the rule's finding, linked to the reports.

    Severity, origin and the default formula come from the rule through the one finding
    factory, :func:`govreport.model.rules.finding`. The reports are listed oldest year
    first; ``cells`` are ``(report, table, row, column)``.
    """
    base = finding(rule, message, formula=formula, left=left, right=right)
    ordered = sorted(dict.fromkeys(reports), key=lambda d: (d.document.year or 0, d.document.path or ""))
    return CorpusFinding(
        rule=base.rule,
        severity=base.severity,
        origin=base.origin,
        message=base.message,
        organ=organ,
        documents=tuple(d.document for d in ordered),
        formula=base.formula,
        left=base.left,
        right=base.right,
        difference=base.difference,
        cells=tuple(CorpusCellRef(document=d.document.id, table=t, row=r, column=c) for d, t, r, c in cells),
    )
