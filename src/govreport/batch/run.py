"""Corpus runs: parse many documents, one :class:`DocumentResult` each, never stopping on a bad file.

:func:`iter_parse` expands its sources (files, folders searched recursively in sorted
order, and ``@list`` files naming one path per line), parses each document with
:func:`parse_path` and yields the results in input order. With ``jobs > 1`` the
documents are parsed by a supervised pool of processes fed a bounded window of small
chunks (:func:`govreport.batch.workers.supervised_map`), so memory stays flat however long
the corpus is, the order (and so any output written from it) is the same as with one
process, and a worker stuck on one document past the time limit is killed and replaced.

:func:`parse_path` is a picklable top-level function: Dask, Spark or Ray can map it
over paths and get exactly what the local run gets.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from enum import Enum
from pathlib import Path

from attrs import evolve, frozen

from govreport.batch.workers import Lost, supervised_map
from govreport.errors import InputError, LimitExceededError
from govreport.files import display_path, read_regular_file
from govreport.limits import DEFAULT_LIMITS, Limits, document_budget
from govreport.model.findings import Origin
from govreport.model.report import Report
from govreport.model.tables import CellState
from govreport.parser import Parser, default_parser
from govreport.readers import READERS, read_document
from govreport.readers.ocr.options import ocr_options

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.input_bytes
"""Files larger than this fail with :class:`~govreport.errors.LimitExceededError` unparsed.

The default of :attr:`Limits.input_bytes <govreport.limits.Limits.input_bytes>`;
``max_bytes`` arguments are a shortcut for that one limit.
"""

LIST_PREFIX = "@"
"""A source written ``@corpus.list`` is a list file: one path per line."""

_CHUNK = 8  # documents per task sent to a worker process
_WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep workers busy, bounded


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


_DONE = "already done in an earlier run"

TIMEOUT = "timeout"
"""The reason kind of a document that ran past the time limit, whether a reader noticed
(:class:`~govreport.errors.LimitExceededError` on ``seconds``) or its worker was killed."""


def _failure(exc: BaseException) -> Reason:
    if isinstance(exc, LimitExceededError) and exc.limit == "seconds":
        return Reason(kind=TIMEOUT, message=str(exc))
    return Reason(kind=type(exc).__name__, message=str(exc) or repr(exc))


def parse_path(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    parser: Parser | None = None,
    skip: Collection[str] = frozenset(),
    max_bytes: int | None = None,
    limits: Limits | None = None,
) -> DocumentResult:
    """Parse the document at ``path`` into a :class:`DocumentResult`; never raises for a bad file.

    Every :class:`~govreport.errors.GovReportError` and every unexpected exception is
    caught and recorded in ``errors``. ``MemoryError`` and ``KeyboardInterrupt`` (and
    other non-``Exception`` errors) propagate: they concern the run, not the document.

    Args:
        path: The file to read.
        format: Input format name; detected from the content and extension if omitted.
        parser: The parser to use; the shared default parser if omitted.
        skip: Keys of documents to skip without parsing (already done): content hashes,
            and ``path:PATH`` for files that could not be read (see :attr:`DocumentResult.key`).
        max_bytes: Larger files fail without being parsed; overrides ``limits.input_bytes``.
        limits: What one document may cost; the parser's limits if omitted.
    """
    started = time.perf_counter()
    name = display_path(path)
    digest: str | None = None
    parser = parser or default_parser()
    limits = limits or parser.limits
    if max_bytes is not None:
        limits = evolve(limits, input_bytes=max_bytes)

    def result(
        status: DocumentStatus,
        errors: tuple[Reason, ...],
        report: Report | None = None,
        facts: ReportFacts | None = None,
    ) -> DocumentResult:
        duration = time.perf_counter() - started
        return DocumentResult(
            id=digest, path=name, status=status, report=report, errors=errors, duration=duration, facts=facts
        )

    try:
        with document_budget(limits):
            data = read_regular_file(path, limits.input_bytes)
            digest = hashlib.sha256(data).hexdigest()
            if digest in skip:
                return result(
                    DocumentStatus.SKIPPED,
                    errors=(Reason(kind="done", message=_DONE),),
                )
            with ocr_options(parser.ocr):
                document = read_document(data, path=name, format=format)
            report = parser.parse_document(document)
    except MemoryError:  # the run's problem, not the document's: let it stop the run
        raise
    except Exception as exc:  # one bad document must not stop the corpus
        if digest is None and f"path:{name}" in skip:  # unreadable as before: done, keyed by its path
            return result(DocumentStatus.SKIPPED, errors=(Reason(kind="done", message=_DONE),))
        return result(DocumentStatus.FAILED, errors=(_failure(exc),))
    problems = reading_problems(report)
    status = DocumentStatus.PARTIAL if problems else DocumentStatus.OK
    return result(status, report=report, errors=problems, facts=ReportFacts.of(report))


# --- sources ----------------------------------------------------------------------------
def _known_extension(path: Path) -> bool:
    suffix = path.suffix.lower()
    return any(suffix in reader.extensions for _, reader in READERS.items())


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files with a known input extension under ``folder``, recursively, in sorted path order."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and _known_extension(path):
                yield path


def _list_file(listing: Path) -> Iterator[Path]:
    try:
        data = listing.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the list file {display_path(listing)}: {exc.strerror or exc}") from exc
    for line in data.splitlines():
        entry = os.fsdecode(line.strip())  # names as the file system has them, any bytes
        if entry and not entry.startswith("#"):
            path = Path(entry)
            yield path if path.is_absolute() else listing.parent / path


def iter_sources(sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Expand sources into document paths, in a deterministic order.

    A folder gives every file below it whose extension an input reader knows (each
    folder's files in name order, then its subfolders in name order; hidden files are
    left out); ``@FILE`` gives the paths listed in ``FILE`` (one per line, ``#``
    comments and blank lines ignored, relative paths taken from the list's folder; a
    listed folder is expanded too); anything else is taken as a file path, existing or
    not (a missing file becomes a failed result, not an exception).

    Raises:
        InputError: a list file cannot be read.
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    for source in sources:
        text = os.fspath(source)
        if text.startswith(LIST_PREFIX):
            for listed in _list_file(Path(text[len(LIST_PREFIX) :])):
                yield from _folder_files(listed) if listed.is_dir() else (listed,)
        elif Path(text).is_dir():
            yield from _folder_files(Path(text))
        else:
            yield Path(text)


# --- the run ----------------------------------------------------------------------------
Transform = Callable[[DocumentResult], DocumentResult]


@frozen
class _Task:
    """What every document of a run is parsed with; sent once to each worker process."""

    parser: Parser | None
    format: str | None
    skip: frozenset[str]
    limits: Limits
    transform: Transform | None

    def run(self, path: str | os.PathLike[str]) -> DocumentResult:
        result = parse_path(path, format=self.format, parser=self.parser, skip=self.skip, limits=self.limits)
        return self.transform(result) if self.transform is not None else result

    def lost(self, path: str, why: Lost) -> DocumentResult:
        """The failed result of a document whose worker process was stopped or died on it.

        It is made in the main process and not passed through ``transform``: the
        document was never parsed. The file is hashed here so that it keeps its id.
        """
        try:
            digest: str | None = hashlib.sha256(read_regular_file(path, self.limits.input_bytes)).hexdigest()
        except Exception:  # the worker read it; if this process cannot, it has no id
            digest = None
        return DocumentResult(
            id=digest,
            path=path,
            status=DocumentStatus.FAILED,
            errors=(Reason(kind=why.kind, message=why.message),),
            duration=why.seconds,
        )


def _paths_as_text(paths: Iterator[Path]) -> Iterator[str]:
    return (os.fspath(path) for path in paths)


def iter_parse(
    sources: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    format: str | None = None,
    skip: Collection[str] = frozenset(),
    parser: Parser | None = None,
    limits: Limits | None = None,
    max_bytes: int | None = None,
    transform: Transform | None = None,
) -> Iterator[DocumentResult]:
    """Parse every document of ``sources``, yielding one :class:`DocumentResult` each, in input order.

    A bad document never stops the run: it is yielded as ``failed`` with its reasons.
    A document whose content hash is in ``skip``, or whose content already appeared
    earlier in this run, is yielded as ``skipped`` without its report. The results are
    a stream: nothing is kept but the content hashes seen so far.

    Args:
        sources: Files, folders (searched recursively, sorted) and ``@list`` files; see
            :func:`iter_sources`.
        jobs: Worker processes. ``1`` parses in this process.
        format: Input format name for every document; detected per document if omitted.
        skip: Content hashes already done, for example from a resumed run's journal.
        parser: A configured :class:`~govreport.Parser`; with ``jobs > 1`` it is pickled
            once to each worker. The shared default parser if omitted.
        limits: What one document may cost (:class:`~govreport.limits.Limits`); the
            parser's limits if omitted. Going over one fails the document. The time
            limit (``seconds``) is kept in two ways: readers check it at their loops,
            and with ``jobs > 1`` a worker process still on one document a second after
            it is killed and replaced, the document failing with reason ``timeout``.
            With ``jobs=1`` only the readers' checks apply, so code that never checks
            (a plugin stuck in a loop) can hold the run.
        max_bytes: Larger files fail without being parsed; a shortcut for
            ``limits.input_bytes`` (see :data:`DEFAULT_MAX_BYTES`).
        transform: A picklable function applied to each result where it was parsed (in
            the worker process with ``jobs > 1``), for example to turn the report into
            export rows there so that only the rows, not the report, cross back to this
            process. Duplicate detection and skipping happen before and after it as usual.

    Raises:
        ValueError: ``jobs`` is less than 1.
        InputError: a ``@list`` file cannot be read.
        WorkerError: a worker process could not start (``parser`` or ``transform`` do
            not unpickle there).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    limits = limits or (parser.limits if parser is not None else DEFAULT_LIMITS)
    if max_bytes is not None:
        limits = evolve(limits, input_bytes=max_bytes)
    paths = _paths_as_text(iter_sources(sources))
    task = _Task(parser, format, frozenset(skip), limits, transform)
    if jobs == 1:
        results: Iterator[DocumentResult] = map(task.run, paths)
    else:
        results = supervised_map(
            task.run,
            paths,
            jobs=jobs,
            seconds=limits.seconds,
            lost=task.lost,
            chunk=_CHUNK,
            window_per_job=_WINDOW_PER_JOB,
        )
    first_path: dict[str, str] = {}  # content hash -> first path: the only state kept
    for result in results:
        digest = result.id
        if digest is not None and result.status is not DocumentStatus.SKIPPED:
            if digest in first_path:
                result = evolve(
                    result,
                    status=DocumentStatus.SKIPPED,
                    report=None,
                    payload=None,
                    errors=(Reason(kind="duplicate", message=f"same content as {first_path[digest]}"),),
                )
            else:
                first_path[digest] = result.path
        yield result


def reports(results: Iterable[DocumentResult]) -> Iterator[tuple[str, str, Report]]:
    """``(document id, path, report)`` for every result that has a report (ok or partial)."""
    for result in results:
        if result.report is not None and result.id is not None:
            yield result.id, result.path, result.report


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
