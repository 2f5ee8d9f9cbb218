"""Narrative reading accuracy on generated old-style reports: found / stated / wrong.

Each report comes from the sentence grammar of ``govreport.testing.narrative``: disclosure
counts in digits and Chinese numerals, approximations, 其中 and 分别为 lists, wholes and parts,
zeros stated in words, mixed with service-centre, approval, petition, 12345 and budget
sentences carrying look-alike numbers, laid out per line or all on one line. A stat is
*found* when it has the stated key, value, approximation, part label and location; any other
stat is *wrong* (a look-alike read as a disclosure count, a wrong key or value). Exits 1 when
anything is wrong or fewer than 95% of the core counts are found.

Usage::

    python benchmarks/bench_narrative.py [--reports N] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from govreport.extract.narrative import extract_narrative
from govreport.testing.narrative import generate_narrative_paragraphs, score

CORE_TARGET = 0.95


def measure(reports: int, seed: int) -> dict[str, float]:
    """Totals over ``reports`` generated reports starting at ``seed``."""
    totals = dict.fromkeys(("reports", "stated", "found", "wrong", "core_stated", "core_found", "decoys"), 0)
    started = time.perf_counter()
    for index in range(reports):
        generated = generate_narrative_paragraphs(seed + index)
        stats, _ = extract_narrative(generated.paragraphs())
        result = score(generated, stats)
        totals["reports"] += 1
        totals["stated"] += result.stated
        totals["found"] += result.found
        totals["wrong"] += result.wrong
        totals["core_stated"] += result.core_stated
        totals["core_found"] += result.core_found
        totals["decoys"] += len(generated.decoys)
    return {**totals, "seconds": time.perf_counter() - started}


def line(totals: dict[str, float]) -> str:
    core = totals["core_found"] / totals["core_stated"] if totals["core_stated"] else 1.0
    return (
        f"narrative: {totals['reports']} reports, found/stated/wrong {totals['found']}/{totals['stated']}/"
        f"{totals['wrong']}, core {totals['core_found']}/{totals['core_stated']} ({core:.1%}), "
        f"{totals['decoys']} look-alike numbers, {totals['seconds']:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    totals = measure(args.reports, args.seed)
    print(line(totals))
    if args.json:
        print(json.dumps(totals))
    core = totals["core_found"] / totals["core_stated"] if totals["core_stated"] else 1.0
    return 0 if totals["wrong"] == 0 and core >= CORE_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
