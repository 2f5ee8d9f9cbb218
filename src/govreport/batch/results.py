"""What a corpus run yields per document: its status, the reasons, and the facts a summary needs."""

from __future__ import annotations

from enum import Enum

from attrs import frozen

from govreport.model.findings import Origin
from govreport.model.report import Report
from govreport.model.tables import CellState


class DocumentStatus(str, Enum):
    """What happened to one document of a corpus run."""

    OK = "ok"
    """Parsed, and govreport read every part it found with certainty."""
    PARTIAL = "partial"
    """Parsed, but with reading problems: a finding of origin ``reading`` (R1-R6: a cell
    missing, supplied by rule, unreadable, a row not found...) or a cell in state
    ``missing`` or ``inferred``. The report is there; some of its values are not."""
    FAILED = "failed"
    """Not parsed: unreadable file, unknown format, undecodable bytes, too large, or an
    unexpected exception inside govreport. ``errors`` says why."""
    SKIPPED = "skipped"
    """Not parsed on purpose: its content hash was already done (resume) or the same
    content appeared earlier in this run (a duplicate)."""


@frozen(kw_only=True)
class Reason:
    """Why a document failed, was skipped, or is only partly read.

    ``kind`` is the exception type name for failures (``DecodeError``, ``InputError``,
    ``NotRegularFileError``, ``LimitExceededError``...), except ``timeout`` for a document
    past the time limit and ``crashed`` for one whose worker process died; ``duplicate``
    or ``done`` for skips; and the rule id (``R1``...) for reading problems of a partial
    document.
    """

    kind: str
    message: str


@frozen(kw_only=True)
class ReportFacts:
    """The little a run summary needs of a report, kept when a transform drops the report."""

    version: str
    year: int | None
    rules: tuple[str, ...]
    ocr_pages: int = 0
    """Pages read by OCR: the expensive kind, counted apart in progress and summary."""

    @classmethod
    def of(cls, report: Report) -> ReportFacts:
        """The facts of ``report``: its version, year, the rule id of each finding, its OCR'd pages."""
        return cls(
            version=report.version.value,
            year=report.metadata.year,
            rules=tuple(f.rule for f in report.findings),
            ocr_pages=report.source.ocr.pages if report.source.ocr is not None else 0,
        )


@frozen(kw_only=True)
class DocumentResult:
    """The outcome for one document of a corpus run.

    ``id`` is the SHA-256 of the file's bytes (``None`` when the file could not be read
    at all); ``duration`` is the wall time spent on the document, in seconds. ``facts``
    is set whenever the document was parsed; ``payload`` holds whatever a ``transform``
    of :func:`iter_parse` attached (export rows, for instance), and is ``None`` otherwise.
    """

    id: str | None
    path: str
    status: DocumentStatus
    report: Report | None = None
    errors: tuple[Reason, ...] = ()
    duration: float = 0.0
    facts: ReportFacts | None = None
    payload: object = None

    @property
    def key(self) -> str:
        """The resume key: the content hash, or ``path:<path>`` when the file was unreadable."""
        return self.id if self.id is not None else f"path:{self.path}"


def reading_problems(report: Report) -> tuple[Reason, ...]:
    """The reading problems that make a parsed report :attr:`DocumentStatus.PARTIAL`."""
    problems = [Reason(kind=f.rule, message=f.message) for f in report.findings if f.origin is Origin.READING]
    if not problems:
        unsure = [
            f"{c.table}/{c.row}/{c.column}"
            for t in report.tables
            for c in t.cells
            if c.state in (CellState.MISSING, CellState.INFERRED)
        ]
        if unsure:
            problems.append(Reason(kind="cells", message="not read: " + ", ".join(unsure)))
    return tuple(problems)
