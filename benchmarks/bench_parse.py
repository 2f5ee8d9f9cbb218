"""Parsing throughput of govreport on one core.

Builds a deterministic in-memory corpus of synthetic reports (v2019, v2021 and narrative
text), plus a "damaged" copy in which some table reports lost one number from a
table-三 data line, and parses both with one reused :class:`govreport.Parser` in a
single process.

Usage::

    python benchmarks/bench_parse.py [--reports N] [--repeat R] [--seed S] [--json]

See benchmarks/README.md for what is measured and how to read the numbers.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import random
import re
import resource
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import govreport
from govreport import CellState, FormatVersion, Origin
from govreport.testing import synthetic
from measure import MIB, heap_peak, time_passes

TARGET_REPORTS_PER_S = 2_000.0
"""Target: typical text reports parsed per second on one core."""

DEFAULT_REPORTS = 2_000
DEFAULT_REPEAT = 5
DEFAULT_SEED = 20_190_515
MIX = (("v2019", 0.4), ("v2021", 0.4), ("narrative", 0.2))
DAMAGE_SHARE = 0.2
"""Share of the table reports (v2019 and v2021) that get one table-三 number removed."""

APPLICATION_VALUE_COLUMNS = 7  # 自然人, five 法人或其他组织 columns, 总计
_NUMBER = re.compile(r"[+\-]?[0-9０-９][0-9０-９,，.．]*")


@dataclass(frozen=True)
class Item:
    """One corpus entry: the report text and what a correct parse must say about it."""

    kind: str  # "v2019", "v2021" or "narrative": the expected FormatVersion value
    text: str
    damaged: bool = False
    truth: synthetic.SyntheticReport | None = None
    """The generated values of a table report; an undamaged parse must read every one."""


# --------------------------------------------------------------------------- corpus


def build_corpus(n: int, seed: int) -> list[Item]:
    """``n`` reports mixed as :data:`MIX`, in a shuffled but reproducible order."""
    rng = random.Random(seed)
    counts = {kind: round(n * share) for kind, share in MIX}
    counts["narrative"] = n - counts["v2019"] - counts["v2021"]
    kinds = [kind for kind, _ in MIX for _ in range(counts[kind])]
    rng.shuffle(kinds)
    corpus = []
    for kind in kinds:
        report_seed = rng.getrandbits(32)
        if kind == "narrative":
            text = synthetic.generate_narrative(report_seed, year=rng.randint(2008, 2018))
            corpus.append(Item(kind=kind, text=text))
        else:
            truth = synthetic.generate(report_seed, layout=kind)
            corpus.append(Item(kind=kind, text=truth.text, truth=truth))
    return corpus


def table3_data_lines(lines: Sequence[str]) -> list[int]:
    """Indices of the table-三 data lines: tab-separated rows ending in 7 printed numbers.

    Table 三 is the grid under the ``三、…申请…`` heading, up to the next ``四、`` heading
    (a prose line; the table's own ``四、结转下年度继续办理`` row is tab-separated).
    """
    start = next(
        (
            i
            for i, line in enumerate(lines)
            if line.startswith("三、") and "申请" in line and "\t" not in line
        ),
        None,
    )
    if start is None:
        return []
    found = []
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if "\t" not in line:
            if line.startswith("四、"):
                break
            continue
        fields = line.split("\t")
        values = fields[-APPLICATION_VALUE_COLUMNS:]
        if len(fields) > APPLICATION_VALUE_COLUMNS and all(_NUMBER.fullmatch(v.strip()) for v in values):
            found.append(i)
    return found


def damage_report(text: str, rng: random.Random) -> str:
    """Remove one number (the whole tab-separated field) from one random table-三 data line.

    The line then has one field fewer than its neighbours, so grid positions can no longer
    be trusted and the row is read as an incomplete run, which exercises recovery.
    """
    lines = text.split("\n")
    candidates = table3_data_lines(lines)
    if not candidates:
        raise ValueError("no table-三 data line found to damage")
    index = rng.choice(candidates)
    fields = lines[index].split("\t")
    del fields[rng.randrange(len(fields) - APPLICATION_VALUE_COLUMNS, len(fields))]
    lines[index] = "\t".join(fields)
    return "\n".join(lines)


def damage_corpus(corpus: Sequence[Item], seed: int, share: float = DAMAGE_SHARE) -> list[Item]:
    """A copy of ``corpus`` in which ``share`` of the table reports are damaged."""
    rng = random.Random(seed ^ 0xDA3A6ED)
    tables = [i for i, item in enumerate(corpus) if item.kind != "narrative"]
    chosen = set(rng.sample(tables, round(len(tables) * share)))
    return [
        replace(item, text=damage_report(item.text, rng), damaged=True) if i in chosen else item
        for i, item in enumerate(corpus)
    ]


# --------------------------------------------------------------------------- checks


def check_parse(item: Item, report: govreport.Report) -> str | None:
    """Why ``report`` is not a correct parse of ``item``, or ``None`` when it is."""
    if report.version is not FormatVersion(item.kind):
        return f"version {report.version.value}, expected {item.kind}"
    if item.kind == "narrative":
        if report.tables or not report.narrative:
            return f"narrative parse has {len(report.tables)} tables, {len(report.narrative)} stats"
        return None
    keys = sorted(t.key for t in report.tables)
    if keys != ["active", "applications", "review_litigation"]:
        return f"tables {keys}"
    if any(t.layout != item.kind for t in report.tables):
        return "table layout differs from the report version"
    if item.truth is not None and not item.damaged:
        wrong = item.truth.mismatches(report)
        if wrong:
            key, (expected, read) = next(iter(wrong.items()))
            return (
                f"{len(wrong)} cells differ from the generated truth, e.g. {key}: {expected} read as {read}"
            )
    if item.damaged:
        applications = report.table("applications")
        assert applications is not None
        touched = [c for c in applications.cells if c.state in (CellState.INFERRED, CellState.MISSING)]
        if not touched:
            return "damaged table 三 has no inferred or missing cell"
        if not any(f.origin is Origin.READING for f in report.findings):
            return "damaged table 三 has no reading finding"
    return None


def sanity_pass(parser: govreport.Parser, corpus: Sequence[Item]) -> tuple[list[str], Counter[str]]:
    """Parse everything once (also the warm-up); return failures and damaged-cell states."""
    failures: list[str] = []
    states: Counter[str] = Counter()
    for i, item in enumerate(corpus):
        report = parser.parse(item.text)
        problem = check_parse(item, report)
        if problem:
            failures.append(f"#{i} ({item.kind}{', damaged' if item.damaged else ''}): {problem}")
        table = report.get_table("applications") if item.damaged else None
        if table is not None:
            states.update(c.state.value for c in table.cells if c.state is not CellState.READ)
    return failures, states


# --------------------------------------------------------------------------- measurements


def _rss_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # Linux reports KiB


def phase_split(parser: govreport.Parser, items: Sequence[Item]) -> dict[str, Any]:
    """Total time in ``read_document`` vs ``parse_document``, and per-report times by kind.

    Each report is read and then parsed right away, so no documents pile up in memory
    (a growing heap would make garbage collection, charged to whichever phase runs, slower).
    """
    gc.collect()
    read = parse = 0.0
    by_kind: dict[str, list[float]] = {}
    for item in items:
        t0 = time.perf_counter()
        document = parser.read_document(item.text)
        t1 = time.perf_counter()
        parser.parse_document(document)
        t2 = time.perf_counter()
        read += t1 - t0
        parse += t2 - t1
        by_kind.setdefault(item.kind + (" damaged" if item.damaged else ""), []).append(t2 - t0)
    return {
        "read_document_s": read,
        "parse_document_s": parse,
        "read_share": read / (read + parse),
        "median_ms_by_kind": {k: 1000 * statistics.median(v) for k, v in sorted(by_kind.items())},
    }


def measure(
    parser: govreport.Parser, name: str, inputs: Sequence[str | bytes], repeat: int
) -> dict[str, Any]:
    """Throughput of ``repeat`` timed passes over ``inputs`` (text, or raw file bytes)."""
    n_bytes = sum(len(x.encode("utf-8")) if isinstance(x, str) else len(x) for x in inputs)
    times, _ = time_passes(parser.parse, inputs, repeat)
    median = statistics.median(times)
    rates = sorted(len(inputs) / t for t in times)
    return {
        "corpus": name,
        "reports": len(inputs),
        "bytes": n_bytes,
        "runs_s": times,
        "median_reports_per_s": len(inputs) / median,
        "median_mb_per_s": n_bytes / median / 1e6,
        "min_reports_per_s": rates[0],
        "max_reports_per_s": rates[-1],
        "target_ratio": len(inputs) / median / TARGET_REPORTS_PER_S,
    }


def _rate_line(r: dict[str, Any], repeat: int) -> str:
    return (
        f"{r['corpus']:<8} median {r['median_reports_per_s']:7.1f} reports/s "
        f"{r['median_mb_per_s']:6.3f} MB/s   min {r['min_reports_per_s']:.1f}  "
        f"max {r['max_reports_per_s']:.1f} reports/s   ({r['reports']} reports x {repeat})"
    )


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status is 1 when a sanity check failed."""
    ap = argparse.ArgumentParser(description="Parsing throughput of govreport on one core.")
    ap.add_argument("--reports", type=int, default=DEFAULT_REPORTS, help="corpus size (2000)")
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help="timed passes (5)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    ap.add_argument("--real", type=Path, metavar="DIR", help="also time the *.txt reports in DIR")
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    args = ap.parse_args(argv)
    if args.reports < 5 or args.repeat < 1:
        ap.error("need --reports >= 5 and --repeat >= 1")

    def say(line: str) -> None:
        print(line, flush=True)

    t0 = time.perf_counter()
    clean = build_corpus(args.reports, args.seed)
    damaged = damage_corpus(clean, args.seed)
    build_s = time.perf_counter() - t0
    corpora: dict[str, list[Item]] = {"clean": clean, "damaged": damaged}
    kinds = Counter(item.kind for item in clean)
    n_table = kinds["v2019"] + kinds["v2021"]
    clean_mb = sum(len(i.text.encode("utf-8")) for i in clean) / 1e6
    say(
        f"govreport {govreport.__version__} parse benchmark, {platform.python_implementation()} "
        f"{platform.python_version()} on {platform.system()} {platform.machine()}, one process"
    )
    say(
        f"corpus   {len(clean)} reports ({kinds['v2019']} v2019, {kinds['v2021']} v2021, "
        f"{kinds['narrative']} narrative), {clean_mb:.2f} MB UTF-8 "
        f"({1e3 * clean_mb / len(clean):.1f} kB/report), seed {args.seed}, built in {build_s:.1f} s"
    )
    say(
        f"damaged  same reports, but {sum(i.damaged for i in damaged)} of the {n_table} table "
        "reports lost one number from a table-三 data line"
    )

    rss_before = _rss_bytes()
    t0 = time.perf_counter()
    parser = govreport.Parser()
    init_s = time.perf_counter() - t0
    failures, _ = sanity_pass(parser, clean)
    damaged_failures, states = sanity_pass(parser, damaged)
    failures += [f"damaged {f}" for f in damaged_failures]
    if failures:
        say(f"SANITY   {len(failures)} of {2 * len(clean)} parses are wrong; first: {failures[0]}")
    else:
        cells = ", ".join(f"{n} {s}" for s, n in sorted(states.items()))
        say(f"sanity   all {2 * len(clean)} parses as expected; damaged table-三 cells: {cells}")

    results = {name: measure(parser, name, [i.text for i in items], args.repeat)
               for name, items in corpora.items()}  # fmt: skip
    rss_after = _rss_bytes()
    if args.real is not None:
        files = sorted(args.real.glob("*.txt"))
        if files:
            results["real"] = measure(parser, "real", [f.read_bytes() for f in files], args.repeat)
    for r in results.values():
        say(_rate_line(r, args.repeat))
    say(
        f"target   {TARGET_REPORTS_PER_S:,.0f} typical reports/s on one core; measured/target: "
        + ", ".join(f"{name} {r['target_ratio']:.3f}" for name, r in results.items())
    )

    phases = {name: phase_split(parser, items) for name, items in corpora.items()}
    for name, p in phases.items():
        share = 100 * p["read_share"]
        say(
            f"phases   {name}: read_document {p['read_document_s']:.2f} s ({share:.0f}%), "
            f"parse_document {p['parse_document_s']:.2f} s ({100 - share:.0f}%)"
        )
    # Undamaged reports are timed from the clean corpus, damaged ones from the damaged corpus.
    per_kind = {**phases["damaged"]["median_ms_by_kind"], **phases["clean"]["median_ms_by_kind"]}
    say("per kind median ms/report: " + ", ".join(f"{k} {v:.2f}" for k, v in per_kind.items()))

    say(
        f"memory   peak RSS {rss_before / MIB:.1f} MiB before parsing, {rss_after / MIB:.1f} MiB "
        f"after the timed passes (+{(rss_after - rss_before) / MIB:.1f}); "
        f"Parser() {1e3 * init_s:.0f} ms"
    )
    heap = {
        "clean": heap_peak(parser.parse, [i.text for i in clean]),
        "damaged_only": heap_peak(parser.parse, [i.text for i in damaged if i.damaged]),
    }
    say(
        "heap     tracemalloc peak during one pass: "
        + ", ".join(f"{k} {p / MIB:.2f} MiB (left {c / 1024:.0f} KiB)" for k, (p, c) in heap.items())
    )
    if args.json:
        summary = {
            "benchmark": "govreport.parse",
            "govreport": govreport.__version__,
            "python": platform.python_version(),
            "machine": platform.machine(),
            "reports": args.reports,
            "seed": args.seed,
            "repeat": args.repeat,
            "target_reports_per_s": TARGET_REPORTS_PER_S,
            "results": results,
            "phases": phases,
            "peak_rss_bytes_before": rss_before,
            "peak_rss_bytes_after": rss_after,
            "peak_heap_bytes": {k: p for k, (p, _) in heap.items()},
            "heap_left_bytes": {k: c for k, (_, c) in heap.items()},
            "parser_init_s": init_s,
            "sanity_failures": len(failures),
        }
        print(json.dumps(summary, sort_keys=True), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
