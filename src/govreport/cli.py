"""The ``govreport`` command line: parse, check, and list rules, plugins and the schema."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from govreport.checks import RULES
from govreport.errors import GovReportError
from govreport.model.findings import Severity
from govreport.model.report import Report
from govreport.parser import Parser
from govreport.readers import READERS
from govreport.schema import json_schema
from govreport.serialize import converter, to_json

_FORMAT = click.Choice(READERS.names())
_SEVERITY_MARK = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def _parse_all(files: tuple[Path, ...], fmt: str | None) -> Iterator[tuple[Path, Report | None]]:
    """Parse each file; a broken file is reported on stderr and yields ``None``."""
    parser = Parser()
    for path in files:
        try:
            yield path, parser.parse(path, format=fmt)
        except GovReportError as exc:
            click.echo(f"{path}: {type(exc).__name__}: {exc}", err=True)
            yield path, None


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
def parse(files: tuple[Path, ...], cells: bool, fmt: str | None, indent: int | None) -> None:
    """Print each report as JSON (one per line), or its cells as JSON Lines."""
    failed = False
    for path, report in _parse_all(files, fmt):
        if report is None:
            failed = True
            continue
        if cells:
            for record in cell_records(str(path), report):
                click.echo(json.dumps(record, ensure_ascii=False))
        else:
            click.echo(to_json(report, indent=indent))
    sys.exit(2 if failed else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=_FORMAT, default=None, help="Input format; detected if omitted.")
@click.option(
    "--min-severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    help="Hide findings below this severity.",
)
def check(files: tuple[Path, ...], fmt: str | None, min_severity: str) -> None:
    """Print each report's findings. Exit 1 if any report has errors, 2 if a file could not be read."""
    order = [s.value for s in Severity]
    shown = set(order[: order.index(min_severity) + 1])
    status = 0
    for path, report in _parse_all(files, fmt):
        if report is None:
            status = 2
            continue
        meta = report.metadata
        click.echo(f"{path}  [{report.version.value}] {meta.organ or '?'} {meta.year or '?'}年")
        tables = ", ".join(f"{t.key}({len(t.cells)})" for t in report.tables) or "无统计表"
        click.echo(f"  表格: {tables}; 部分: {', '.join(s.key for s in report.sections) or '无'}")
        for finding in report.findings:
            if finding.severity.value not in shown:
                continue
            where = finding.location.describe() if finding.location else ""
            click.echo(
                f"  {_SEVERITY_MARK[finding.severity]} {finding.rule} [{finding.origin.value}] "
                f"{finding.message}" + (f"  ({where})" if where else "")
            )
        if report.has_errors:
            status = max(status, 1)
    sys.exit(status)


@main.command()
def rules() -> None:
    """List every rule id with its kind, severity and description."""
    for name, entry in RULES.items():
        click.echo(f"{name}\t{entry.kind}\t{entry.severity.value}\t{entry.title}\t{entry.description}")


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
