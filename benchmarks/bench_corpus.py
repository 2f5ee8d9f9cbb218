"""Cost of the corpus checks: per-report digest time, memory held per report, rule run time.

The corpus checks keep one :class:`govreport.corpus.ReportDigest` per report and run the
rules once at the end. This script measures, in one process:

* ``digest()`` time per parsed report, next to the parse time of the same reports;
* memory retained per report by a :class:`CorpusChecker` (tracemalloc, after ``gc``) for
  corpora of 1,000 and 10,000 reports (organs × 5 consecutive years), and its ratio;
* the time ``finish()`` takes to run every corpus rule over those corpora.

Digests of the large corpora are made from a pool of parsed reports with fresh values,
ids, organs and sketches for every entry, so nothing is shared between them.

Usage::

    python benchmarks/bench_corpus.py [--sizes 1000 10000] [--repeat 3] [--json]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import statistics
import time
import tracemalloc
from array import array
from typing import Any

from attrs import evolve

import govreport
from govreport.corpus import CorpusChecker, DocumentRef, ReportDigest, digest, organ_key
from govreport.testing.series import year_series
from govreport.testing.synthetic import render_text

YEARS = range(2019, 2024)
POOL = 100


def _pool(seed: int) -> tuple[list[govreport.Report], float, float]:
    """Parse a pool of reports; return them with median parse and digest seconds per report."""
    rng = random.Random(seed)
    texts = []
    for i in range(POOL // len(YEARS)):
        for year, layout, values in year_series(rng, YEARS):
            texts.append(render_text(rng, layout, values, year=year, organ=f"第{i}乡人民政府"))
    parser = govreport.Parser()
    parse_times, digest_times, reports = [], [], []
    for text in texts:
        started = time.perf_counter()
        report = parser.parse(text)
        parse_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        digest(report)
        digest_times.append(time.perf_counter() - started)
        reports.append(report)
    return reports, statistics.median(parse_times), statistics.median(digest_times)


def _fresh(template: ReportDigest, rng: random.Random, organ: str, year: int, n: int) -> ReportDigest:
    sha = hashlib.sha256(f"{organ}/{year}/{n}".encode()).hexdigest()
    values = tuple(None if v is None else rng.randint(0, 500) for v in template.values)
    sketch = array("Q", sorted(rng.getrandbits(64) for _ in template.text_sketch))
    return evolve(
        template,
        document=DocumentRef(id=sha, path=f"corpus/{organ}/{year}.txt", organ=organ, year=year),
        organ_keys=(organ_key(organ),),
        values=values,
        text_sketch=sketch,
    )


def measure(size: int, pool: list[ReportDigest], seed: int) -> dict[str, float]:
    """Retained bytes per report and rule run time for a corpus of ``size`` reports."""
    rng = random.Random(seed)
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    checker = CorpusChecker()
    for n in range(size):
        organ, year = f"第{n // len(YEARS)}镇人民政府", YEARS[n % len(YEARS)]
        template = pool[n % len(pool)]
        checker.add_digest(_fresh(template, rng, organ, year, n))
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - baseline
    tracemalloc.stop()
    started = time.perf_counter()
    findings = checker.finish()
    elapsed = time.perf_counter() - started
    return {"bytes_per_report": held / size, "finish_s": elapsed, "findings": len(findings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    reports, parse_s, digest_s = _pool(args.seed)
    pool = [digest(r) for r in reports]
    del reports
    results: dict[str, Any] = {"parse_ms_per_report": parse_s * 1e3, "digest_ms_per_report": digest_s * 1e3}
    for size in args.sizes:
        runs = [measure(size, pool, args.seed + i) for i in range(args.repeat)]
        results[str(size)] = {
            key: statistics.median(run[key] for run in runs)
            for key in ("bytes_per_report", "finish_s", "findings")
        }
    if len(args.sizes) >= 2:
        small, large = (results[str(s)]["bytes_per_report"] for s in (args.sizes[0], args.sizes[-1]))
        results["bytes_per_report_ratio"] = large / small
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"parse  {results['parse_ms_per_report']:.2f} ms/report (median of {POOL})")
    print(f"digest {results['digest_ms_per_report']:.3f} ms/report")
    for size in args.sizes:
        r = results[str(size)]
        print(
            f"{size:>7} reports: {r['bytes_per_report']:.0f} B held per report, "
            f"rules {r['finish_s']:.3f} s, {r['findings']:.0f} findings (median of {args.repeat})"
        )
    if "bytes_per_report_ratio" in results:
        print(f"held bytes per report, largest / smallest corpus: {results['bytes_per_report_ratio']:.3f}")


if __name__ == "__main__":
    main()
