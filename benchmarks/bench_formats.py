"""Reading throughput and peak memory per input format (text, HTML, DOCX) on one core.

Builds a deterministic corpus of generated table reports (v2019 and v2021, random values),
turns each into a document with merged form cells (``synthetic.form_document``) and
renders it with the fixture builder: HTML as a GB18030 CMS page with chrome and a
catalogue, DOCX with real merged cells and Word heading numbering. Then, per format:

- ``reader``: ``read_document`` alone (bytes → document model), the part this issue adds;
- ``parse``: ``Parser.parse`` on the bytes, i.e. the reader plus the downstream parse
  (tables, sections, checks), which is the same for every format.

Each pass goes over the whole corpus; the figure is the median of ``--repeat`` passes.
Peak memory is tracemalloc's peak over one extra reader pass (one report at a time).

Usage::

    python benchmarks/bench_formats.py [--reports N] [--repeat R] [--seed S] [--json] [--profile FORMAT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import govreport
from govreport.readers import read_document
from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html
from measure import MIB, heap_peak, time_passes

TARGETS = {"html": 500.0, "docx": 200.0}
"""Targets in reports per second, from issue 3."""

DEFAULT_REPORTS = 200
DEFAULT_REPEAT = 5
DEFAULT_SEED = 20_230_301


@dataclass(frozen=True)
class Result:
    """Measured figures of one format."""

    format: str
    reports: int
    mean_bytes: int
    reader_per_s: float
    parse_per_s: float
    reader_ms: float
    parse_ms: float
    peak_mib: float
    target_per_s: float | None


def pin_to_one_core() -> str:
    """Run on a single CPU where the OS allows it; say what was done."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to cpu {cpu}"
    return "not pinned (no sched_setaffinity)"


def build_corpus(n: int, seed: int) -> dict[str, list[bytes]]:
    """``n`` generated reports rendered as text, HTML and DOCX (same reports in every format)."""
    rng = random.Random(seed)
    corpus: dict[str, list[bytes]] = {"text": [], "html": [], "docx": []}
    for i in range(n):
        truth = synthetic.generate(rng.randrange(10**9), layout=("v2019", "v2021")[i % 2])
        document = synthetic.form_document(truth)
        corpus["text"].append(truth.text.encode("utf-8"))
        corpus["html"].append(render_html(document, encoding="gb18030", declare_charset="gbk"))
        corpus["docx"].append(render_docx(document, numbering=True))
    return corpus


def _cells(report: govreport.Report) -> list[tuple[Any, ...]]:
    return [(t.key, c.row, c.column, c.value, c.state) for t in report.tables for c in t.cells]


def check_corpus(parser: govreport.Parser, corpus: dict[str, list[bytes]]) -> list[str]:
    """Problems found when every format's parse is compared with the text's (empty when all agree)."""
    problems = []
    for i, text in enumerate(corpus["text"]):
        want = _cells(parser.parse(text))
        for name in ("html", "docx"):
            if _cells(parser.parse(corpus[name][i])) != want:
                problems.append(f"report {i}: {name} tables differ from text")
    return problems


def measure(corpus: dict[str, list[bytes]], repeat: int) -> list[Result]:
    """Reader-only and full-parse throughput, and reader peak memory, for each format.

    The formats take turns within each repeat, so a change in machine load during the run
    hits all of them alike and the ratios between formats stay comparable.
    """
    parser = govreport.Parser()
    readers: dict[str, Callable[[bytes], object]] = {}
    parsers: dict[str, Callable[[bytes], object]] = {}
    for name, items in corpus.items():
        readers[name] = lambda data, name=name: read_document(data, format=name)
        parsers[name] = lambda data, name=name: parser.parse(data, format=name)
        readers[name](items[0])  # warm caches and lazy imports outside the timed passes
        parsers[name](items[0])
    reader_times: dict[str, list[float]] = {name: [] for name in corpus}
    parse_times: dict[str, list[float]] = {name: [] for name in corpus}
    for _ in range(repeat):
        for name, items in corpus.items():
            reader_times[name] += time_passes(readers[name], items, 1)[0]
            parse_times[name] += time_passes(parsers[name], items, 1)[0]
    results = []
    for name, items in corpus.items():
        n = len(items)
        reader_s = statistics.median(reader_times[name])
        parse_s = statistics.median(parse_times[name])
        results.append(
            Result(
                format=name,
                reports=n,
                mean_bytes=sum(len(d) for d in items) // n,
                reader_per_s=n / reader_s,
                parse_per_s=n / parse_s,
                reader_ms=1000 * reader_s / n,
                parse_ms=1000 * parse_s / n,
                peak_mib=heap_peak(readers[name], items)[0] / MIB,
                target_per_s=TARGETS.get(name),
            )
        )
    return results


def profile_reader(name: str, items: Sequence[bytes], top: int = 15) -> str:
    """cProfile of one reader pass over ``items``: where the reading time goes."""
    import cProfile
    import io
    import pstats

    read_document(items[0], format=name)
    profiler = cProfile.Profile()
    profiler.enable()
    for data in items:
        read_document(data, format=name)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


def _verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "meets" if value >= target else "BELOW"


def report_table(results: Sequence[Result]) -> str:
    """The results as a plain-text table; ``×text`` is the reader's time over the text reader's.

    The ratio comes from the same run, so it stays meaningful on a loaded machine where the
    absolute rates swing.
    """
    text_ms = next((r.reader_ms for r in results if r.format == "text"), None)
    header = ("format", "bytes", "reader/s", "ms", "×text", "parse/s", "ms", "peak MiB")
    lines = ["{:<6} {:>7} {:>9} {:>6} {:>6} {:>8} {:>6} {:>9}  target".format(*header)]
    for r in results:
        ratio = f"{r.reader_ms / text_ms:.2f}" if text_ms else "-"
        line = (
            f"{r.format:<6} {r.mean_bytes:>7} {r.reader_per_s:>9.0f} {r.reader_ms:>6.2f} {ratio:>6}"
            f" {r.parse_per_s:>8.0f} {r.parse_ms:>6.2f} {r.peak_mib:>9.2f}"
        )
        if r.target_per_s is not None:
            line += (
                f"  {r.target_per_s:.0f}/s: reader {_verdict(r.reader_per_s, r.target_per_s)},"
                f" parse {_verdict(r.parse_per_s, r.target_per_s)}"
            )
        lines.append(line)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, check that every format parses like its text, then measure."""
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--reports", type=int, default=DEFAULT_REPORTS)
    args.add_argument("--repeat", type=int, default=DEFAULT_REPEAT)
    args.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args.add_argument("--json", action="store_true", help="print the results as JSON")
    args.add_argument("--profile", metavar="FORMAT", help="instead, profile FORMAT's reader (top functions)")
    options = args.parse_args(argv)
    pinning = pin_to_one_core()
    corpus = build_corpus(options.reports, options.seed)
    if options.profile:
        print(profile_reader(options.profile, corpus[options.profile]))
        return 0
    problems = check_corpus(govreport.Parser(), corpus)
    results = measure(corpus, options.repeat)
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "govreport": govreport.__version__,
        "cpu": pinning,
        "reports": options.reports,
        "repeat": options.repeat,
        "mismatches": problems,
    }
    if options.json:
        print(json.dumps({**info, "results": [asdict(r) for r in results]}, indent=2))
    else:
        print(", ".join(f"{k}={v}" for k, v in info.items() if k != "mismatches"))
        print(report_table(results))
        for problem in problems:
            print("MISMATCH", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
