"""The ``govreport`` command line: parse, check, and list rules, plugins and the schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from govreport.app.corpus_run import CorpusOutput, CorpusRun, no_documents_warning
from govreport.app.exit_codes import ExitCode, exit_codes_epilog
from govreport.app.options import (
    INPUT_FORMAT,
    LANG_OPTION,
    limit_options,
    limits_epilog,
    limits_from,
    parser_for,
)
from govreport.app.sources import parse_sources, reads_stdin
from govreport.batch import DocumentStatus
from govreport.batch.garbage import collect_less_often
from govreport.checks import Rule
from govreport.errors import GovReportError
from govreport.export.columns import CELLS, TABLES
from govreport.export.encoding import encode_rows
from govreport.export.run_folder import RUN_FORMATS, RUN_TABLES, RunFolderWriter
from govreport.export.text import json_safe, readable
from govreport.export.writers import DEFAULT_BATCH_SIZE, CorpusWriter
from govreport.limits import Limits
from govreport.model.findings import Severity
from govreport.model.messages import Lang
from govreport.parser import Parser
from govreport.plugins import KINDS
from govreport.schema import json_schema
from govreport.serialize import converter, to_json


def _echo(text: str, *, err: bool = False) -> None:
    r"""Print a line for people: undecodable bytes of file names as ``\xNN``, never an encoding error."""
    click.echo(readable(text), err=err)


class _Commands(click.Group):
    """The command group: Ctrl-C ends a command with exit status 130, not click's 1 (which means findings)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _echo("Interrupted. A parse --out run resumes where it stopped when run again.", err=True)
            raise click.exceptions.Exit(ExitCode.INTERRUPTED) from None


@click.group(cls=_Commands, epilog=exit_codes_epilog())
@click.version_option(package_name="govreport")
def main() -> None:
    """Read 政府信息公开工作年度报告 into exact, checked data."""
    collect_less_often()  # the command's process is govreport's own


@main.command(epilog=f"{limits_epilog()}\n\n{exit_codes_epilog()}")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--cells",
    is_flag=True,
    help="One JSON line per table cell instead of whole reports: the rows of the cells export table.",
)
@click.option(
    "--format",
    "fmt",
    type=INPUT_FORMAT,
    default=None,
    help="Input format; detected from the content if omitted.",
)
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
    help="Write one export table here (.jsonl, .csv, .parquet), resumably, instead of JSON to stdout.",
)
@click.option(
    "--table",
    type=click.Choice(list(TABLES)),
    default="cells",
    show_default=True,
    help="Export table written with --out.",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Write every table (" + ", ".join(RUN_TABLES) + ") into this folder in one pass, resumably.",
)
@click.option(
    "--out-format",
    type=click.Choice(RUN_FORMATS),
    default="parquet",
    show_default=True,
    help="Format of the tables written with --out-dir (--format names the input format).",
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes.")
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Documents per commit to --out (and per Parquet part file).",
)
@click.option(
    "--restart", is_flag=True, help="Discard an earlier output and its journal instead of resuming."
)
@click.option(
    "--retry-failed",
    is_flag=True,
    help="When resuming, parse again the documents an earlier run recorded as failed (the others stay done).",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="Write CSV text cells as they are: without the leading ' that keeps a spreadsheet from running "
    "text starting with = + - @ (or a tab or CR) as a formula.",
)
@LANG_OPTION
@limit_options
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
    out_dir: Path | None,
    out_format: str,
    jobs: int,
    batch_size: int,
    restart: bool,
    retry_failed: bool,
    csv_raw: bool,
    lang: Lang,
    limit_settings: tuple[tuple[str, float], ...],
    max_bytes: int | None,
    timeout: float | None,
    no_ocr: bool,
    progress: bool | None,
) -> None:
    """Parse reports: FILES are files, folders (searched recursively) and @LIST files (one path a line).

    FILE - reads one document from standard input (its format from --format or the content).

    Without --out or --out-dir, print each report as JSON (one per line), or its cells as JSON
    Lines. With --out, write one export table; with --out-dir, write every table in one pass.
    Either prints a summary; each failed document is named on stderr as it happens and listed
    again at the end. Re-running resumes, skipping documents already written.
    """
    if out is not None and out_dir is not None:
        raise click.UsageError("choose --out (one table) or --out-dir (every table), not both")
    writes = out is not None or out_dir is not None
    if writes and (cells or indent is not None):
        raise click.UsageError("--cells and --indent shape stdout output; with --out choose --table")
    if reads_stdin(files) and (writes or len(files) > 1):
        raise click.UsageError(
            "- (standard input) is one document printed to stdout: give no other FILES, --out or --out-dir"
        )
    limits = limits_from(limit_settings, max_bytes, timeout)
    if not writes:
        sys.exit(
            print_reports(
                files,
                fmt=fmt,
                jobs=jobs,
                limits=limits,
                cells=cells,
                indent=indent,
                parser=parser_for(lang, ocr=not no_ocr),
            )
        )
    run = CorpusRun(
        files=files,
        format=fmt,
        jobs=jobs,
        limits=limits,
        progress=progress,
        parser=parser_for(lang, ocr=not no_ocr),
    )

    def open_output() -> CorpusOutput:
        if out is not None:
            return CorpusWriter(
                out,
                table=table,
                batch_size=batch_size,
                restart=restart,
                csv_raw=csv_raw,
                retry_failed=retry_failed,
            )
        assert out_dir is not None
        return RunFolderWriter(
            out_dir,
            format=out_format,
            batch_size=batch_size,
            restart=restart,
            csv_raw=csv_raw,
            retry_failed=retry_failed,
        )

    sys.exit(run.write(open_output, echo=_echo, err=lambda text: _echo(text, err=True)))


def print_reports(
    files: tuple[Path, ...],
    *,
    fmt: str | None,
    jobs: int,
    limits: Limits,
    cells: bool,
    indent: int | None,
    parser: Parser | None = None,
) -> ExitCode:
    """Print each report as JSON (or its cells as JSON Lines), failures on stderr; return the status."""
    failed = seen = 0
    for result in parse_sources(files, jobs=jobs, format=fmt, limits=limits, parser=parser):
        seen += 1
        if result.report is None:
            reasons = "; ".join(f"{r.kind}: {r.message}" for r in result.errors)
            _echo(f"{result.path}: {reasons}", err=True)
            failed += result.status is DocumentStatus.FAILED
        elif cells:  # the rows of the cells export, as --out cells.jsonl writes them
            click.echo(encode_rows("jsonl", CELLS, list(CELLS.rows(result))).decode("utf-8"), nl=False)
        else:  # undecodable bytes of the path as \udcNN escapes: valid UTF-8, lossless
            click.echo(json_safe(to_json(result.report, indent=indent)))
    if not seen:
        _echo(no_documents_warning(files), err=True)
        return ExitCode.USAGE
    return ExitCode.FAILED if failed else ExitCode.OK


@main.command(epilog=f"{limits_epilog()}\n\n{exit_codes_epilog()}")
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=INPUT_FORMAT, default=None, help="Input format; detected if omitted.")
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
@LANG_OPTION
@limit_options
def check(
    sources: tuple[str, ...],
    fmt: str | None,
    min_severity: str,
    jobs: int,
    html_path: Path | None,
    hierarchy: Path | None,
    no_corpus: bool,
    lang: Lang,
    limit_settings: tuple[tuple[str, float], ...],
    max_bytes: int | None,
    timeout: float | None,
) -> None:
    """Check reports, then the corpus across them (same organ over years, duplicates, copies).

    SOURCES are files, folders (searched recursively) or @LIST files naming one path per
    line; - alone reads one document from standard input. The exit status says whether a
    report has errors or a document failed (below).
    """
    from govreport.app.check_run import run_check
    from govreport.corpus.index import load_hierarchy

    if reads_stdin(sources) and len(sources) > 1:
        raise click.UsageError("- (standard input) is one document: give no other SOURCES with it")
    limits = limits_from(limit_settings, max_bytes, timeout)
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
            lang=lang,
        )
    except GovReportError as exc:  # a hierarchy or @list file that cannot be used
        _echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    except OSError as exc:  # the HTML page could not be written
        _echo(f"error: {exc.filename or html_path}: {exc.strerror or exc}", err=True)
        sys.exit(ExitCode.OUTPUT)
    sys.exit(status)


@main.command()
def rules() -> None:
    """List every rule id with its kind, severity and description (corpus rules last)."""
    parser = Parser()
    entries: list[Rule[object]] = [entry for _, entry in parser.rules.items()]
    entries += [entry for _, entry in parser.corpus_rules.items()]
    for entry in entries:
        click.echo(
            f"{entry.id}\t{entry.kind.value}\t{entry.severity.value}\t{entry.title}\t{entry.description}"
        )


_PLUGIN_COLUMNS = ("kind", "name", "distribution", "version")


@main.command()
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice(KINDS.names()), help="Only plugins of this kind."
)
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON array of {kind, name, distribution, version}."
)
def plugins(kinds: tuple[str, ...], as_json: bool) -> None:
    """List the installed plugins of every kind with the distribution and version each came from.

    The kind column is the plugin's entry-point group.
    """
    groups = {KINDS.get(name).group for name in kinds or KINDS.names()}
    found = [info for info in Parser().plugins_info() if info.kind in groups]
    if as_json:
        click.echo(json.dumps([converter.unstructure(info) for info in found], ensure_ascii=False, indent=2))
        return
    rows = [_PLUGIN_COLUMNS, *((info.kind, info.name, info.distribution, info.version) for info in found)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_PLUGIN_COLUMNS) - 1)]
    for row in rows:
        click.echo(
            "  ".join([*(cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)), row[-1]])
        )


@main.command()
def schema() -> None:
    """Print the JSON Schema of a parsed report."""
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
