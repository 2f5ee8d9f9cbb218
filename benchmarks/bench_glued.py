"""Share of cells recovered from glued crawled text, and the time it takes.

Generates N reports, glues each one's table cells together the way crawlers save page
text (:func:`govreport.testing.synthetic.generate_glued`), parses them, and compares every cell
with the generated truth. A cell counts as recovered when it is ``read`` (its run has
one split) or ``inferred`` (the printed rules leave one split). Any recovered cell that
differs from the truth is counted as wrong; the script exits 1 if there is one.

Usage::

    python benchmarks/bench_glued.py [--reports N] [--seed S] [--space P] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from decimal import Decimal

import govreport
from govreport import CellState
from govreport.testing import synthetic

DEFAULT_REPORTS = 200


def measure(reports: int, seed: int, space: float) -> dict[str, object]:
    """Parse ``reports`` glued reports and count cell states per table, and wrong cells."""
    parser = govreport.Parser()
    states: Counter[tuple[str, str]] = Counter()
    wrong = 0
    narrative = 0
    slowest = 0.0
    started = time.perf_counter()
    for i in range(reports):
        truth = synthetic.generate_glued(seed + i, space=space)
        before = time.perf_counter()
        report = parser.parse(truth.text)
        slowest = max(slowest, time.perf_counter() - before)
        narrative += report.version is govreport.FormatVersion.NARRATIVE
        seen = set()
        for table in report.tables:
            for cell in table.cells:
                key = (table.key, cell.row, cell.column)
                seen.add(key)
                states[(table.key, cell.state.value)] += 1
                if cell.state in (CellState.READ, CellState.INFERRED):
                    value: int | Decimal | None = cell.in_unit("万元") if cell.unit else cell.value
                    wrong += value != truth.values[key]
        for key in truth.values:
            if key not in seen:
                states[(key[0], "table not found")] += 1
    elapsed = time.perf_counter() - started
    total = sum(states.values())
    recovered = sum(n for (_, state), n in states.items() if state in ("read", "inferred"))
    per_table = {}
    for table in ("active", "applications", "review_litigation"):
        cells = sum(n for (t, _), n in states.items() if t == table)
        got = sum(n for (t, s), n in states.items() if t == table and s in ("read", "inferred"))
        per_table[table] = {"recovered": got, "cells": cells, "share": got / cells if cells else 0.0}
    return {
        "reports": reports,
        "space": space,
        "cells": total,
        "recovered": recovered,
        "share": recovered / total if total else 0.0,
        "wrong": wrong,
        "narrative": narrative,
        "per_table": per_table,
        "states": {f"{t}/{s}": n for (t, s), n in sorted(states.items())},
        "seconds": elapsed,
        "slowest_report_seconds": slowest,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the measurement and print it."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--space", type=float, default=0.1, help="share of cell boundaries printed as a space")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.reports, args.seed, args.space)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(
            f"{result['reports']} glued reports (space {result['space']}): "
            f"{result['recovered']}/{result['cells']} cells recovered ({result['share']:.1%}), "
            f"{result['wrong']} wrong, {result['narrative']} classed narrative"
        )
        for table, row in result["per_table"].items():  # type: ignore[attr-defined]
            print(f"  {table:18} {row['recovered']:>7}/{row['cells']:<7} {row['share']:.1%}")
        print(f"  {result['seconds']:.1f} s in all, slowest report {result['slowest_report_seconds']:.2f} s")
    return 1 if result["wrong"] else 0


if __name__ == "__main__":
    sys.exit(main())
