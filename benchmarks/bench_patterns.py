"""Cells read per real-text pattern, over generated fixtures in TXT, HTML and DOCX.

Patterns (issue 8): table 二 captions as heading lines, the hybrid v2021 （六） row, a
misprinted table-三 label read by closeness, and glued crawled text. For each pattern and
format it prints the cells read (``read``, or ``inferred`` for glued text) over the cells
the fixtures print, and the wrong cells (the script exits 1 if there is any).

Usage::

    python benchmarks/bench_patterns.py [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal

from govreport import CellState, Report, parse
from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html

Fixture = tuple[synthetic.SyntheticReport, str]  # (truth, format)
_MISPRINTS = (("禁止公开", "2.其他法律行政止公开"), ("内部事务", "5.属于三类内部事物信息"))


def _parse(report: synthetic.SyntheticReport, fmt: str) -> Report:
    if fmt == "text":
        return parse(report.text)
    document = synthetic.form_document(report)
    data = render_html(document) if fmt == "html" else render_docx(document)
    return parse(data, format=fmt)


def _misprinted(seed: int) -> Iterator[synthetic.SyntheticReport]:
    truth = synthetic.generate(seed, layout="v2021")
    for words, printed in _MISPRINTS:
        lines = truth.text.split("\n")
        (i,) = [n for n, line in enumerate(lines) if words in line.replace(" ", "")]
        fields = lines[i].split("\t")
        fields[2] = printed
        lines[i] = "\t".join(fields)
        yield synthetic.SyntheticReport(
            layout=truth.layout,
            year=truth.year,
            organ=truth.organ,
            values=truth.values,
            text="\n".join(lines),
        )


PATTERNS: dict[str, tuple[tuple[str, ...], Callable[[int], Iterator[synthetic.SyntheticReport]]]] = {
    "caption headings": (
        ("text", "html", "docx"),
        lambda s: iter(
            [synthetic.generate(s, layout=layout, caption_headings=True) for layout in ("v2019", "v2021")]
        ),
    ),
    "hybrid （六） row": (
        ("text", "html", "docx"),
        lambda s: iter([synthetic.generate(s, layout="v2021", hybrid_other=True)]),
    ),
    "label by closeness": (("text", "html", "docx"), _misprinted),
    "glued text": (("text",), lambda s: iter([synthetic.generate_glued(s)])),
}


def count(report: Report, truth: synthetic.SyntheticReport) -> tuple[int, int, int]:
    """(cells read or inferred, cells the fixture prints, wrong cells)."""
    read = wrong = 0
    for table in report.tables:
        for cell in table.cells:
            key = (table.key, cell.row, cell.column)
            if cell.state in (CellState.READ, CellState.INFERRED) and key in truth.values:
                read += 1
                value: int | Decimal | None = cell.in_unit("万元") if cell.unit else cell.value
                wrong += value != truth.values[key]
            elif cell.state in (CellState.READ, CellState.INFERRED):
                wrong += 1  # a value for a cell the fixture does not print
    return read, len(truth.values), wrong


def main(argv: list[str] | None = None) -> int:
    """Measure every pattern and print one line per pattern and format."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20)
    args = ap.parse_args(argv)
    any_wrong = False
    for name, (formats, fixtures) in PATTERNS.items():
        for fmt in formats:
            read = total = wrong = 0
            for seed in range(args.seeds):
                for truth in fixtures(seed):
                    r, t, w = count(_parse(truth, fmt), truth)
                    read, total, wrong = read + r, total + t, wrong + w
            any_wrong |= wrong > 0
            print(f"{name:20} {fmt:5} {read:>6}/{total:<6} ({read / total:.1%})  wrong {wrong}")
    return 1 if any_wrong else 0


if __name__ == "__main__":
    sys.exit(main())
