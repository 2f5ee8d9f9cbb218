"""Cells read per real file, and the share of glued 统计表 cells recovered.

For each file of ``../shared/realworld`` (expected values in ``tests/realworld_expected.py``,
written by hand), prints how many of the numbers it prints govreport reads with the
right value, how many of those numbers no reader can place (glued digits with several
splits, a lone number in a row of seven), and how many read or inferred cells are wrong
(must be 0). Then generates
``--seeds`` old-style reports whose 统计表 is glued the way crawlers glue it and prints
the share of its cells read or inferred (the rest are ``missing`` with finding T3).

Usage::

    .venv/bin/python benchmarks/realworld_scores.py [--seeds 300] [--real ../shared/realworld]
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realworld_expected import FILES, Ambiguous, Glued, Recoverable, is_printed_number  # noqa: E402

from govreport import parse  # noqa: E402
from govreport.model.tables import CellState  # noqa: E402
from govreport.tables.layouts import STATISTICS  # noqa: E402
from govreport.testing.statistics import generate_statistics  # noqa: E402

_VALUE_STATES = (CellState.READ, CellState.INFERRED)


def real_files(folder: Path) -> int:
    total_read = total_printed = total_wrong = total_open = 0
    print(f"{'file':52} {'read':>5} / {'printed':<7} {'of which glued/ambiguous':>24}  wrong")
    for real in FILES:
        report = parse(folder / real.name)
        cells = {(t.key, c.row, c.column): c for t in report.tables for c in t.cells}
        printed = read = wrong = unplaceable = 0
        for key, expected in real.cells.items():
            cell = cells.get(key)
            truth: int | Decimal | None = None
            if isinstance(expected, (int, Decimal)):
                truth = expected
            elif isinstance(expected, (Glued, Recoverable)):
                truth = expected.truth if isinstance(expected, Glued) else expected.value
            if is_printed_number(expected):
                printed += 1
                unplaceable += isinstance(expected, (Glued, Ambiguous))
            if cell is not None and cell.state in _VALUE_STATES:
                if truth is not None and cell.value == truth:
                    read += 1
                else:
                    wrong += 1
        print(f"{real.name:52} {read:5} / {printed:<7} {unplaceable:>24}  {wrong}")
        total_read += read
        total_printed += printed
        total_wrong += wrong
        total_open += unplaceable
    print(f"{'all files':52} {total_read:5} / {total_printed:<7} {total_open:>24}  {total_wrong}")
    return total_wrong


def glued_share(seeds: int) -> int:
    cells = recovered = inferred = wrong = 0
    for seed in range(seeds):
        generated = generate_statistics(seed, style="glued")
        table = parse(generated.text).table(STATISTICS)
        assert table is not None
        for (row, column), value in generated.values.items():
            cell = table.cell(row, column)
            cells += 1
            if cell.state in _VALUE_STATES:
                recovered += 1
                inferred += cell.state is CellState.INFERRED
                wrong += cell.value != value
    print(
        f"glued 统计表: {recovered}/{cells} cells recovered ({recovered / cells:.1%}; "
        f"{inferred} inferred by T1/T2), {wrong} wrong, over {seeds} generated reports"
    )
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=300)
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "realworld")
    args = parser.parse_args()
    wrong = real_files(args.real) if args.real.is_dir() else 0
    wrong += glued_share(args.seeds)
    sys.exit(1 if wrong else 0)


if __name__ == "__main__":
    main()
