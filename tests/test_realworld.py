"""The fifteen real reports of ``../shared/realworld`` read as a person reads them.

Expected values live in :mod:`tests.realworld_expected`, written by hand from each file.
Where govreport cannot read a pattern yet, that single assertion is marked
``xfail(strict=True)`` with the pattern's name; the expected value is never weakened.
One test is never marked: no cell govreport reads or infers may differ from the file.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from govreport import Report, parse
from govreport.model.tables import Cell, CellState
from tests.realworld_expected import FILES, Ambiguous, CellKey, Glued, RealFile, Recoverable, State, Value
from tests.shared_files import REALWORLD


@pytest.fixture(scope="session")
def realworld_dir() -> Path:
    """The real files beside the checkout; tests using it skip when it is absent."""
    if not REALWORLD.is_dir():
        pytest.skip("../shared/realworld is not present (it is not part of the repository)")
    return REALWORLD


@cache
def _parse(path: Path) -> Report:
    return parse(path)


def _report(directory: Path, real: RealFile) -> Report:
    return _parse(directory / real.name)


def _cell(report: Report, key: CellKey) -> Cell | None:
    table = report.get_table(key[0])
    return None if table is None else table.cell(key[1], key[2])


def _xfail_reason(real: RealFile, name: str) -> str | None:
    hits = [p for p in real.xfail if name == p or (p.endswith("/") and name.startswith(p))]
    return real.xfail[max(hits, key=len)] or None if hits else None


def _param(real: RealFile, name: str, *values: object) -> object:
    reason = _xfail_reason(real, name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(real, *values, marks=marks, id=f"{real.name.split('-')[0]}-{real.year}-{name}")


def _metadata_params() -> list[object]:
    return [_param(real, field, field) for real in FILES for field in ("organ", "year", "version", "tables")]


def _cell_params() -> list[object]:
    return [
        _param(real, f"{key[0]}/{key[1]}/{key[2]}", key, value)
        for real in FILES
        for key, value in real.cells.items()
    ]


@pytest.mark.parametrize(("real", "field"), _metadata_params())
def test_metadata(realworld_dir: Path, real: RealFile, field: str) -> None:
    report = _report(realworld_dir, real)
    if field == "organ":
        assert report.metadata.organ == real.organ
    elif field == "year":
        assert report.metadata.year == real.year
    elif field == "version":
        assert report.version.value == real.version
    else:
        assert {t.key for t in report.tables} == real.tables


def _matches(cell: Cell | None, expected: Value) -> bool:
    if isinstance(expected, State):
        if expected is State.MISSING:
            return cell is None or cell.state is CellState.MISSING
        return cell is not None and cell.state is CellState.BLANK
    if isinstance(expected, Recoverable):
        if cell is not None and cell.state is CellState.INFERRED:
            return cell.value == expected.value
        return cell is not None and cell.state is CellState.BLANK
    if isinstance(expected, (Glued, Ambiguous)):
        # Nothing in the file says which split or column is right: the cell stays missing.
        return cell is None or cell.state is CellState.MISSING
    return (
        cell is not None
        and cell.state is CellState.READ
        and cell.value == expected
        and type(cell.value) is type(expected)
    )


@pytest.mark.parametrize(("real", "key", "expected"), _cell_params())
def test_cell(realworld_dir: Path, real: RealFile, key: CellKey, expected: Value) -> None:
    cell = _cell(_report(realworld_dir, real), key)
    shown = None if cell is None else (cell.state.value, cell.value, cell.raw)
    assert _matches(cell, expected), f"{key}: expected {expected!r}, read {shown}"


def _truth(expected: Value) -> int | Decimal | None:
    if isinstance(expected, Glued):
        return expected.truth
    if isinstance(expected, Recoverable):
        return expected.value
    if isinstance(expected, (int, Decimal)):
        return expected
    return None


@pytest.mark.parametrize("real", FILES, ids=[r.name for r in FILES])
def test_no_cell_is_ever_wrong(realworld_dir: Path, real: RealFile) -> None:
    """Every read or inferred cell holds the value the file prints, whatever else fails."""
    report = _report(realworld_dir, real)
    wrong = []
    for table in report.tables:
        for cell in table.cells:
            if cell.state not in (CellState.READ, CellState.INFERRED):
                continue
            key = (table.key, cell.row, cell.column)
            truth = _truth(real.cells.get(key, State.MISSING))
            if truth is None or cell.value != truth:
                wrong.append((key, cell.value, real.cells.get(key)))
    assert not wrong


def test_every_file_has_expectations(realworld_dir: Path) -> None:
    on_disk = {p.name for p in realworld_dir.glob("*.txt")}
    assert on_disk == {r.name for r in FILES}


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("shanghai-stcsm-2024-pdf2md.txt", [172]),  # a stray "1" among the rows of table 三
        ("shanghai-govoffice-2025-pdf2md.txt", [79, 81]),  # 本年废止 22 and 55, away from their rows
    ],
)
def test_numbers_no_row_can_take_are_findings(realworld_dir: Path, name: str, lines: list[int]) -> None:
    report = _parse(realworld_dir / name)
    assert sorted(f.location.line for f in report.findings if f.rule == "M2" and f.location) == lines


def test_statutory_headings_without_tables_name_the_version_from_headings_and_year(
    realworld_dir: Path,
) -> None:
    """hunnan 2022: 二/三/四 are headings whose tables were images. v2021 by headings and year; tables absent.

    Each announced table is a reading finding (R7), so the report is partial; no V1, since the
    version is not contradicted by anything printed.
    """
    from govreport.batch import reading_problems

    report = _parse(realworld_dir / "hunnan-district-sasac-2022-tables-missing.txt")
    assert (report.version.value, report.tables) == ("v2021", ())
    assert (
        report.version_evidence[-1].cue == "未读到统计表，版本依据标题与年度而非表格：按报告年度2022取v2021"
    )
    assert [e.cue for e in report.version_evidence[:-1]] == [
        "法定标题：三、收到和处理政府信息公开申请情况",
        "法定标题：四、政府信息公开行政复议、行政诉讼情况",
    ]
    r7 = [f for f in report.findings if f.rule == "R7"]
    assert [f.origin.value for f in r7] == ["reading"] * 3
    assert [f.location.line for f in r7 if f.location] == [14, 15, 16]
    assert {p.kind for p in reading_problems(report)} == {"R7"}
    assert not [f for f in report.findings if f.rule == "V1"]


def test_tables_of_labels_without_values_say_so(realworld_dir: Path) -> None:
    """xiongxian 2019: tables 二 and 三 printed every row label and (but for one 0) no value.

    One R1 per table names the rows that printed no value and says why their cells are
    missing rather than blank or 0; no cell of those rows is blank, read or inferred.
    """
    report = _parse(realworld_dir / "xiongxian-township-2019-blank-tables-partial.txt")
    grouped = {f.cells[0].table: f for f in report.findings if f.rule == "R1" and "只印了行名" in f.message}
    assert sorted(grouped) == ["active", "applications"]
    assert "表二有7行只印了行名、没有印任何数值" in grouped["active"].message
    assert "表三有23行只印了行名、没有印任何数值" in grouped["applications"].message
    for finding in grouped.values():
        assert finding.origin.value == "reading" and "不是空白，也不是0" in finding.message
        table = report.table(finding.cells[0].table)
        assert table is not None
        assert {table.cell(c.row, c.column).state for c in finding.cells} == {CellState.MISSING}
    assert len(grouped["active"].cells) == 19 and len(grouped["applications"].cells) == 161
    assert not [c for t in report.tables for c in t.cells if c.state is not CellState.MISSING]
    # The 总计 column head, on a line of its own above 一、本年新收, is not row （七）总计 (no R6).
    assert "「总计」" not in grouped["applications"].message
    assert not [f for f in report.findings if f.rule == "R6"]
    total = report.table("applications").cell("total_processed", "total")
    assert total.location is not None and total.location.line == 63
