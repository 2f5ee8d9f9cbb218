"""Corpus findings: rule violations that only show across reports, with the documents they link."""

from __future__ import annotations

from attrs import frozen

from govreport.model.findings import Number, Origin, Severity


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
