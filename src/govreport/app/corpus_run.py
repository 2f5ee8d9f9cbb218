"""``govreport parse --out`` and ``--out-dir``: one pass over a corpus into export tables.

Each failed document is said on stderr as it happens and listed again at the end, so
none disappears without trace; the summary and the exit status come from here too.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

import click
from attrs import frozen

from govreport.app.exit_codes import ExitCode
from govreport.batch import DocumentResult, DocumentStatus, RunSummary, iter_parse, iter_sources
from govreport.batch.run import Transform
from govreport.errors import InputError, MissingDependencyError, OutputError
from govreport.limits import Limits
from govreport.parser import Parser
from govreport.readers import installed_readers

Say = Callable[[str], None]


class CorpusOutput(Protocol):
    """What a corpus run writes to: a :class:`CorpusWriter` (one table) or a :class:`RunFolderWriter`."""

    @property
    def done(self) -> frozenset[str]:
        """Keys of the documents already written: not parsed again."""
        ...

    @property
    def encoder(self) -> Transform:
        """Turns a result into its encoded rows, in the worker that parsed it."""
        ...

    def write(self, result: DocumentResult) -> bool:
        """Add one result; return whether it was written."""
        ...

    def close(self, *, commit: bool = True) -> None:
        """Commit (unless ``commit`` is false) and release the output."""
        ...


class FailureLog:
    """The failed documents of a run: each said on stderr as it comes, all listed at the end."""

    def __init__(self, err: Say) -> None:
        self._err = err
        self.failures: list[tuple[str, str]] = []

    def add(self, result: DocumentResult) -> None:
        """Note ``result`` if it failed."""
        if result.status is DocumentStatus.FAILED:
            reason = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
            self.failures.append((result.path, reason))
            self._err(f"failed: {result.path}: {reason}")

    def lines(self) -> list[str]:
        """The final list, empty when nothing failed."""
        if not self.failures:
            return []
        return [f"failed documents ({len(self.failures)}):", *(f"  {p}: {r}" for p, r in self.failures)]


@frozen(kw_only=True)
class CorpusRun:
    """How the documents of a corpus run are found and parsed."""

    files: tuple[Path, ...]
    format: str | None
    jobs: int
    limits: Limits
    progress: bool | None
    parser: Parser | None = None
    """The parser (its language, say); the shared default parser if omitted."""

    def write(self, open_output: Callable[[], CorpusOutput], *, echo: Say, err: Say) -> ExitCode:
        """Parse every document into the output ``open_output`` makes; return the exit status."""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                output = open_output()
            for warning in caught:  # a damaged journal: say so, the run goes on
                err(f"warning: {warning.message}")
        except (OutputError, MissingDependencyError) as exc:
            err(f"error: {type(exc).__name__}: {exc}")
            return ExitCode.OUTPUT
        failures = FailureLog(err)
        summary = RunSummary()
        try:
            self._run(output, summary, failures)
        except InputError as exc:  # a @list file that cannot be read
            output.close(commit=False)
            err(f"error: {exc}")
            return ExitCode.USAGE
        except (OutputError, OSError) as exc:
            output.close(commit=False)
            err(f"error: the output could not be written: {exc}")
            return ExitCode.OUTPUT
        except BaseException:
            output.close(commit=False)
            raise
        try:
            output.close()
        except (OutputError, OSError) as exc:
            err(f"error: the output could not be written: {exc}")
            return ExitCode.OUTPUT
        for line in summary.lines():
            echo(line)
        for line in failures.lines():
            err(line)
        if summary.documents == 0:
            err(no_documents_warning(self.files))
            return ExitCode.USAGE
        return ExitCode.FAILED if failures.failures else ExitCode.OK

    def _run(self, output: CorpusOutput, summary: RunSummary, failures: FailureLog) -> None:
        results = iter_parse(
            self.files,
            jobs=self.jobs,
            format=self.format,
            skip=output.done,
            limits=self.limits,
            transform=output.encoder,
            parser=self.parser,
        )
        show = self.progress if self.progress is not None else sys.stderr.isatty()
        for result in _with_progress(results, self.files, summary) if show else results:
            output.write(result)
            summary.add(result)
            failures.add(result)


def _with_progress(
    results: Iterator[DocumentResult], files: Iterable[Path], summary: RunSummary
) -> Iterator[DocumentResult]:
    total = sum(1 for _ in iter_sources(files))
    started = time.monotonic()

    def rate(_: object) -> str:
        done = summary.documents
        if not done:
            return ""
        speed = f"{done / max(time.monotonic() - started, 1e-9):.1f} docs/s"
        return f"{speed}, {summary.ocr_pages} OCR pages" if summary.ocr_pages else speed

    with click.progressbar(
        results, length=total, file=sys.stderr, show_pos=True, show_eta=True, item_show_func=rate
    ) as bar:
        yield from bar


def no_documents_warning(files: Iterable[Path | str]) -> str:
    """The warning for inputs that named no document: nothing was read, so the run is a usage error."""
    names = ", ".join(str(f) for f in files)
    extensions = sorted({ext for _, reader in installed_readers().items() for ext in reader.extensions})
    return f"warning: no report files found in {names} (a folder is searched for {' '.join(extensions)})"
