"""Corpus runs: parse many documents, one :class:`DocumentResult` each, never stopping on a bad file.

:func:`iter_parse` expands its sources (files, folders searched recursively in sorted
order, and ``@list`` files naming one path per line), parses each document with
:func:`parse_path` and yields the results in input order. With ``jobs > 1`` the
documents are parsed by a supervised pool of processes fed a bounded window of small
chunks (:func:`govreport.batch.workers.supervised_map`), so memory stays flat however long
the corpus is, the order (and so any output written from it) is the same as with one
process, and a worker stuck on one document past the time limit is killed and replaced.
Both ways the documents go in chunks, and each chunk's DOC files are converted in one
LibreOffice run before its documents are parsed (:mod:`govreport.batch.ahead`).

:func:`parse_path` is a picklable top-level function: Dask, Spark or Ray can map it
over paths and get exactly what the local run gets.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path

from attrs import evolve, frozen

from govreport.batch.ahead import prepare_chunk, prepared_map, weight
from govreport.batch.results import DocumentResult, DocumentStatus, Reason, ReportFacts, reading_problems
from govreport.batch.sources import iter_sources
from govreport.batch.workers import Lost, supervised_map
from govreport.errors import LimitExceededError
from govreport.files import display_path, read_regular_file
from govreport.limits import DEFAULT_LIMITS, Limits, document_budget
from govreport.model.report import Report
from govreport.parser import Parser, default_parser
from govreport.readers.base import sniff_format

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.input_bytes
"""Files larger than this fail with :class:`~govreport.errors.LimitExceededError` unparsed.

The default of :attr:`Limits.input_bytes <govreport.limits.Limits.input_bytes>`;
``max_bytes`` arguments are a shortcut for that one limit.
"""

_CHUNK = 8  # documents per task sent to a worker process
_WINDOW_PER_JOB = 4  # chunks in flight per worker: enough to keep workers busy, bounded

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
    parser = parser or default_parser()
    limits = limits or parser.limits
    if max_bytes is not None:
        limits = evolve(limits, input_bytes=max_bytes)
    input_bytes = limits.input_bytes
    return _parse(
        lambda: read_regular_file(path, input_bytes), display_path(path), format, parser, skip, limits
    )


def parse_data(
    data: bytes,
    *,
    name: str = "-",
    format: str | None = None,
    parser: Parser | None = None,
    limits: Limits | None = None,
) -> DocumentResult:
    """Parse a document given as bytes (standard input, say) as :func:`parse_path` parses a file.

    Its format is ``format``, or recognised by content (markup, archives, PDF), or else text,
    as :func:`govreport.parse` does for bytes. The bytes are held to ``limits.input_bytes``
    as a file's are.
    """
    parser = parser or default_parser()
    limits = limits or parser.limits
    input_bytes = limits.input_bytes

    def load() -> bytes:
        if len(data) > input_bytes:
            raise LimitExceededError("input_bytes", len(data), input_bytes)
        return data

    return _parse(load, name, format or sniff_format(data) or "text", parser, frozenset(), limits)


def _parse(
    load: Callable[[], bytes],
    name: str,
    format: str | None,
    parser: Parser,
    skip: Collection[str],
    limits: Limits,
) -> DocumentResult:
    started = time.perf_counter()
    digest: str | None = None

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
            data = load()
            digest = hashlib.sha256(data).hexdigest()
            if digest in skip:
                return result(
                    DocumentStatus.SKIPPED,
                    errors=(Reason(kind="done", message=_DONE),),
                )
            report = parser.parse_document(parser.read_file_data(data, path=name, format=format))
    except MemoryError:  # the run's problem, not the document's: let it stop the run
        raise
    except Exception as exc:  # one bad document must not stop the corpus
        if digest is None and f"path:{name}" in skip:  # unreadable as before: done, keyed by its path
            return result(DocumentStatus.SKIPPED, errors=(Reason(kind="done", message=_DONE),))
        return result(DocumentStatus.FAILED, errors=(_failure(exc),))
    problems = reading_problems(report)
    status = DocumentStatus.PARTIAL if problems else DocumentStatus.OK
    return result(status, report=report, errors=problems, facts=ReportFacts.of(report))


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

    def prepare(self, paths: list[str]) -> None:
        """Work done once for a chunk of paths before each is parsed (their DOC files converted)."""
        prepare_chunk(
            paths,
            parser=self.parser or default_parser(),
            format=self.format,
            skip=self.skip,
            limits=self.limits,
        )

    def weight(self, path: str) -> float:
        """What the document at ``path`` counts in chunk sizing."""
        return weight(path, self.format)

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
    paths = _paths_as_text(iter_sources(sources, readers=(parser or default_parser()).readers))
    task = _Task(parser, format, frozenset(skip), limits, transform)
    if jobs == 1:
        results: Iterator[DocumentResult] = prepared_map(
            task.run, paths, prepare=task.prepare, weigh=task.weight, chunk=_CHUNK
        )
    else:
        results = supervised_map(
            task.run,
            paths,
            jobs=jobs,
            seconds=limits.seconds,
            lost=task.lost,
            chunk=_CHUNK,
            window_per_job=_WINDOW_PER_JOB,
            prepare=task.prepare,
            weight=task.weight,
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
