"""The ``govreport`` command line: parse, check, and list rules, plugins and the schema."""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click
from attrs import evolve, fields

from govreport.batch import DEFAULT_MAX_BYTES, DocumentStatus, RunSummary, iter_parse, iter_sources
from govreport.checks import RULES
from govreport.errors import GovReportError
from govreport.export.columns import TABLES
from govreport.export.text import json_dumps, json_safe, readable
from govreport.export.writers import DEFAULT_BATCH_SIZE, CorpusWriter
from govreport.limits import DEFAULT_LIMITS, LIMIT_DOCS, Limits
from govreport.model.findings import Severity
from govreport.model.report import Report
from govreport.parser import Parser
from govreport.readers import READERS
from govreport.readers.ocr import OcrOptions
from govreport.schema import json_schema
from govreport.serialize import converter, to_json

_FORMAT = click.Choice(READERS.names())
_Command = TypeVar("_Command", bound=Callable[..., Any])


def _echo(text: str, *, err: bool = False) -> None:
    r"""Print a line for people: undecodable bytes of file names as ``\xNN``, never an encoding error."""
    click.echo(readable(text), err=err)


# --- limits -----------------------------------------------------------------------------
def _default(name: str) -> str:
    value = getattr(DEFAULT_LIMITS, name)
    return f"{value:g}" if isinstance(value, float) else str(value)


class _LimitSetting(click.ParamType):  # type: ignore[type-arg]
    """``NAME=VALUE`` for one field of :class:`~govreport.limits.Limits`."""

    name = "NAME=VALUE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, float]:
        if isinstance(value, tuple):
            return value
        name, equals, text = str(value).partition("=")
        name = name.strip()
        if not equals or name not in LIMIT_DOCS:
            self.fail(f"{value!r}: expected NAME=VALUE with NAME one of {', '.join(LIMIT_DOCS)}", param, ctx)
        number_type = float if isinstance(getattr(DEFAULT_LIMITS, name), float) else int
        try:
            number = number_type(text.strip())
        except ValueError:
            kind = "a number" if number_type is float else "a whole number"
            self.fail(f"{value!r}: {text!r} is not {kind}", param, ctx)
        if number <= 0:
            self.fail(f"{value!r}: a limit must be greater than 0", param, ctx)
        return name, number


def _limit_options(command: _Command) -> _Command:
    """The options that set :class:`~govreport.limits.Limits`, generated from its fields."""
    names = ", ".join(f.name for f in fields(Limits))
    options = [
        click.option(
            "--limit",
            "limit_settings",
            type=_LimitSetting(),
            multiple=True,
            help=f"A limit on what one document may cost, repeatable; NAME is one of {names} (defaults "
            "below). A document over a limit fails with LimitExceededError.",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=None,
            help="Larger files fail without being parsed: --limit input_bytes=N "
            f"[default: {DEFAULT_MAX_BYTES}].",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=None,
            metavar="SECONDS",
            help=f"Time for one document: --limit seconds=N [default: {_default('seconds')}]. With --jobs "
            "> 1 a worker past it is killed and replaced; with one process, readers check it as they go.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _limits(settings: tuple[tuple[str, float], ...], max_bytes: int | None, timeout: float | None) -> Limits:
    values: dict[str, Any] = dict(settings)
    for name, shortcut, option in (
        ("input_bytes", max_bytes, "--max-bytes"),
        ("seconds", timeout, "--timeout"),
    ):
        if shortcut is not None:
            if name in values and values[name] != shortcut:
                raise click.UsageError(f"{option} {shortcut:g} and --limit {name}={values[name]:g} disagree")
            values[name] = shortcut
    return evolve(DEFAULT_LIMITS, **values)


def _limits_epilog() -> str:
    lines = ["Limits (--limit NAME=VALUE), per document:"]
    lines += [f"{name} (default {_default(name)}): {text}" for name, text in LIMIT_DOCS.items()]
    return "\n\n".join(lines)


def cell_records(path: str, report: Report) -> Iterator[dict[str, Any]]:
    """One flat record per table cell, keyed by the canonical (table, row, column)."""
    for table in report.tables:
        for cell in table.cells:
            yield {
                "file": path,
                "version": report.version.value,
                "year": report.metadata.year,
                "organ": report.metadata.organ,
                "table": cell.table,
                "row": cell.row,
                "column": cell.column,
                "value": converter.unstructure(cell.value),
                "unit": cell.unit,
                "state": cell.state.value,
                "raw": cell.raw,
                "location": converter.unstructure(cell.location),
            }


@click.group()
@click.version_option(package_name="govreport")
def main() -> None:
    """Read 政府信息公开工作年度报告 into exact, checked data."""


@main.command(epilog=_limits_epilog())
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--cells", is_flag=True, help="One JSON line per table cell instead of whole reports.")
@click.option("--format", "fmt", type=_FORMAT, default=None, help="Input format; detected if omitted.")
@click.option(
    "--indent",
    type=int,
    default=None,
    help="Indent whole-report JSON (one file per line otherwise).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=True),
    default=None,
    help="Write an export table here (.jsonl, .csv, .parquet), resumably, instead of JSON to stdout.",
)
@click.option(
    "--table",
    type=click.Choice(list(TABLES)),
    default="cells",
    show_default=True,
    help="Export table written with --out.",
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents per commit to --out (and per Parquet part file).",
)
@click.option("--restart", is_flag=True, help="Discard an earlier --out and its journal instead of resuming.")
@click.option(
    "--csv-raw",
    is_flag=True,
    help="Write CSV text cells as they are: without the leading ' that keeps a spreadsheet from running "
    "text starting with = + - @ (or a tab or CR) as a formula.",
)
@_limit_options
@click.option(
    "--no-ocr", is_flag=True, help="Do not OCR scanned pages: scanned PDFs fail with NoTextLayerError."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr; shown by default when stderr is a terminal and --out is given.",
)
def parse(
    files: tuple[Path, ...],
    cells: bool,
    fmt: str | None,
    indent: int | None,
    out: Path | None,
    table: str,
    jobs: int,
    batch_size: int,
    restart: bool,
    csv_raw: bool,
    limit_settings: tuple[tuple[str, float], ...],
    max_bytes: int | None,
    timeout: float | None,
    no_ocr: bool,
    progress: bool | None,
) -> None:
    """Parse reports: FILES are files, folders (searched recursively) and @LIST files (one path a line).

    Without --out, print each report as JSON (one per line), or its cells as JSON Lines.
    With --out, write an export table and print a summary; re-running resumes, skipping
    documents already written. Exit 2 if any document failed.
    """
    if out is not None and (cells or indent is not None):
        raise click.UsageError("--cells and --indent shape stdout output; with --out choose --table")
    limits = _limits(limit_settings, max_bytes, timeout)
    parser = Parser(ocr=OcrOptions(enabled=False)) if no_ocr else None
    if out is None:
        failed = False
        for result in iter_parse(files, jobs=jobs, format=fmt, limits=limits, parser=parser):
            if result.report is None:
                reasons = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
                _echo(f"{result.path}: {reasons}", err=True)
                failed = failed or result.status is DocumentStatus.FAILED
            elif cells:
                for record in cell_records(result.path, result.report):
                    click.echo(json_dumps(record))
            else:  # undecodable bytes of the path as \udcNN escapes: valid UTF-8, lossless
                click.echo(json_safe(to_json(result.report, indent=indent)))
        sys.exit(2 if failed else 0)
    try:
        summary = _write_corpus(
            files, out, table, fmt, jobs, batch_size, restart, csv_raw, limits, progress, parser
        )
    except GovReportError as exc:
        raise click.ClickException(readable(f"{type(exc).__name__}: {exc}")) from exc
    for line in summary.lines():
        click.echo(line)
    sys.exit(2 if summary.status[DocumentStatus.FAILED.value] else 0)


def _write_corpus(
    files: tuple[Path, ...],
    out: Path,
    table: str,
    fmt: str | None,
    jobs: int,
    batch_size: int,
    restart: bool,
    csv_raw: bool,
    limits: Limits,
    progress: bool | None,
    parser: Parser | None,
) -> RunSummary:
    summary = RunSummary()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        writer = CorpusWriter(out, table=table, batch_size=batch_size, restart=restart, csv_raw=csv_raw)
    for warning in caught:  # a damaged journal: say so, the run goes on
        _echo(f"warning: {warning.message}", err=True)
    with writer:
        results = iter_parse(
            files,
            jobs=jobs,
            format=fmt,
            skip=writer.done,
            limits=limits,
            transform=writer.encoder,
            parser=parser,
        )
        show = progress if progress is not None else sys.stderr.isatty()
        if not show:
            for result in results:
                writer.write(result)
                summary.add(result)
            return summary
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
            for result in bar:
                writer.write(result)
                summary.add(result)
    return summary


@main.command(epilog=_limits_epilog())
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=_FORMAT, default=None, help="Input format; detected if omitted.")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    help="Hide findings below this severity.",
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Also write a self-contained HTML page: tables as on the form, flagged cells coloured.",
)
@click.option(
    "--hierarchy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Region -> unit names for S12: JSON {region: [units]} or 'region<TAB>unit' lines.",
)
@click.option("--no-corpus", is_flag=True, help="Skip the cross-report checks (S1-S3, S12, D1-D3).")
@_limit_options
def check(
    sources: tuple[str, ...],
    fmt: str | None,
    min_severity: str,
    jobs: int,
    html_path: Path | None,
    hierarchy: Path | None,
    no_corpus: bool,
    limit_settings: tuple[tuple[str, float], ...],
    max_bytes: int | None,
    timeout: float | None,
) -> None:
    """Check reports, then the corpus across them (same organ over years, duplicates, copies).

    SOURCES are files, folders (searched recursively) or @LIST files naming one path per
    line. Exit 1 if any report has errors, 2 if a document could not be read.
    """
    from govreport.app.check_run import run_check
    from govreport.corpus.index import load_hierarchy

    limits = _limits(limit_settings, max_bytes, timeout)
    try:
        status = run_check(
            sources,
            echo=_echo,
            err=lambda text: _echo(text, err=True),
            limits=limits,
            format=fmt,
            jobs=jobs,
            min_severity=min_severity,
            corpus=not no_corpus,
            hierarchy=load_hierarchy(hierarchy) if hierarchy else None,
            html=html_path,
        )
    except GovReportError as exc:
        _echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # the HTML page could not be written
        _echo(f"error: {exc.filename or html_path}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    sys.exit(status)


@main.command()
def rules() -> None:
    """List every rule id with its kind, severity and description (corpus rules last)."""
    from govreport.corpus import CORPUS_RULES

    for name, entry in RULES.items():
        click.echo(f"{name}\t{entry.kind}\t{entry.severity.value}\t{entry.title}\t{entry.description}")
    for name, corpus_entry in CORPUS_RULES.items():
        click.echo(
            f"{name}\tcorpus\t{corpus_entry.severity.value}\t{corpus_entry.title}\t{corpus_entry.description}"
        )


@main.command()
def plugins() -> None:
    """List the section plugins and table readers with the distribution each came from."""
    parser = Parser()
    for info in parser.plugins_info():
        click.echo(f"{info.kind}\t{info.name}\t{info.distribution} {info.version}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a parsed report."""
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
