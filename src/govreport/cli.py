"""The ``govreport`` command line: parse, check, and list rules, plugins and the schema."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from govreport.batch import DEFAULT_MAX_BYTES, DocumentStatus, RunSummary, iter_parse, iter_sources
from govreport.checks import RULES
from govreport.errors import GovReportError
from govreport.export.columns import TABLES
from govreport.export.writers import DEFAULT_BATCH_SIZE, CorpusWriter
from govreport.model.findings import Severity
from govreport.model.report import Report
from govreport.parser import Parser
from govreport.readers import READERS
from govreport.schema import json_schema
from govreport.serialize import converter, to_json

_FORMAT = click.Choice(READERS.names())


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


@main.command()
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
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Larger files fail without being parsed.",
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
    max_bytes: int,
    progress: bool | None,
) -> None:
    """Parse reports: FILES are files, folders (searched recursively) and @LIST files (one path a line).

    Without --out, print each report as JSON (one per line), or its cells as JSON Lines.
    With --out, write an export table and print a summary; re-running resumes, skipping
    documents already written. Exit 2 if any document failed.
    """
    if out is not None and (cells or indent is not None):
        raise click.UsageError("--cells and --indent shape stdout output; with --out choose --table")
    if out is None:
        failed = False
        for result in iter_parse(files, jobs=jobs, format=fmt, max_bytes=max_bytes):
            if result.report is None:
                reasons = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
                click.echo(f"{result.path}: {reasons}", err=True)
                failed = failed or result.status is DocumentStatus.FAILED
            elif cells:
                for record in cell_records(result.path, result.report):
                    click.echo(json.dumps(record, ensure_ascii=False))
            else:
                click.echo(to_json(result.report, indent=indent))
        sys.exit(2 if failed else 0)
    try:
        summary = _write_corpus(files, out, table, fmt, jobs, batch_size, restart, max_bytes, progress)
    except GovReportError as exc:
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from exc
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
    max_bytes: int,
    progress: bool | None,
) -> RunSummary:
    summary = RunSummary()
    with CorpusWriter(out, table=table, batch_size=batch_size, restart=restart) as writer:
        results = iter_parse(
            files, jobs=jobs, format=fmt, skip=writer.done, max_bytes=max_bytes, transform=writer.encoder
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
            return f"{done / max(time.monotonic() - started, 1e-9):.1f} docs/s" if done else ""

        with click.progressbar(
            results, length=total, file=sys.stderr, show_pos=True, show_eta=True, item_show_func=rate
        ) as bar:
            for result in bar:
                writer.write(result)
                summary.add(result)
    return summary


@main.command()
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
def check(
    sources: tuple[str, ...],
    fmt: str | None,
    min_severity: str,
    jobs: int,
    html_path: Path | None,
    hierarchy: Path | None,
    no_corpus: bool,
) -> None:
    """Check reports, then the corpus across them (same organ over years, duplicates, copies).

    SOURCES are files, folders (searched recursively) or @LIST files naming one path per
    line. Exit 1 if any report has errors, 2 if a document could not be read.
    """
    from govreport.checking import run_check
    from govreport.corpus.index import load_hierarchy

    try:
        status = run_check(
            sources,
            echo=click.echo,
            err=lambda text: click.echo(text, err=True),
            format=fmt,
            jobs=jobs,
            min_severity=min_severity,
            corpus=not no_corpus,
            hierarchy=load_hierarchy(hierarchy) if hierarchy else None,
            html=html_path,
        )
    except GovReportError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:  # the HTML page could not be written
        click.echo(f"error: {exc.filename or html_path}: {exc.strerror or exc}", err=True)
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
