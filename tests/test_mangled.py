"""Mangled reports: whatever happens to the text, no crash and no number that is not printed.

Real conversions drop, repeat and shuffle lines, lose tab stops and insert stray
characters. Under any such damage a parse either succeeds or raises a
:class:`GovReportError`, and every ``read`` cell's value is what its source location holds.
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govreport import CellState, GovReportError, Report, parse
from govreport.normalize.numbers import TokenKind, parse_cell
from govreport.testing import synthetic


def _mangle(text: str, rng: random.Random, steps: int) -> str:
    lines = text.split("\n")
    for _ in range(steps):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.choice(["drop", "repeat", "swap", "merge", "untab", "retab", "junk", "cut"])
        if action == "drop":
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "merge" and i + 1 < len(lines):
            lines[i : i + 2] = [lines[i] + lines[i + 1]]
        elif action == "untab":
            lines[i] = lines[i].replace("\t", " ", 1)
        elif action == "retab":
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + "\t" + lines[i][pos:]
        elif action == "junk":
            pos = rng.randrange(len(lines[i]) + 1)
            junk = rng.choice(["一", "（", "7", "-", "　", "/", "、", "%"])
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        elif action == "cut":
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    return "\n".join(lines)


def _assert_read_cells_are_printed(report: Report, text: str) -> None:
    lines = text.split("\n")
    for table in report.tables:
        for cell in table.cells:
            if cell.state is not CellState.READ:
                continue
            location = cell.location
            assert location is not None and location.line is not None and location.column is not None
            printed = lines[location.line - 1][location.column - 1 :]
            assert printed.startswith(cell.raw), (cell, printed[:20])
            token = parse_cell(cell.raw)
            assert token.kind is TokenKind.NUMBER
            assert cell.value == token.value, (cell.raw, cell.value, token.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    layout=st.sampled_from(["v2019", "v2021"]),
    steps=st.integers(1, 12),
    mangle_seed=st.integers(0, 2**32 - 1),
)
# A short row whose equations run through another row that no placement fits.
@example(seed=227, layout="v2021", steps=7, mangle_seed=297)
def test_mangled_reports_never_crash_or_invent_numbers(seed: int, layout: str, steps: int, mangle_seed: int):
    text = _mangle(synthetic.generate(seed, layout=layout).text, random.Random(mangle_seed), steps)
    try:
        report = parse(text)
    except GovReportError:
        return
    _assert_read_cells_are_printed(report, text)
    inferred = {
        (c.table, c.row, c.column) for t in report.tables for c in t.cells if c.state is CellState.INFERRED
    }
    if inferred:
        assert any(f.rule == "R2" for f in report.findings), "an inferred cell always comes with R2"


REPORT_ALPHABET = list("一二三四五六七（）、\t\n 0123456789总计申请公开情况报告年第条项")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(REPORT_ALPHABET), max_size=400))
def test_arbitrary_text_parses_or_raises_library_error(text: str):
    try:
        report = parse(text)
    except GovReportError:
        return
    _assert_read_cells_are_printed(report, text)
