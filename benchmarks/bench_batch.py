"""Corpus runs end to end: throughput with 1 and 2 processes, peak memory, output size per format.

Writes a deterministic corpus of mixed synthetic reports (v2019, v2021 and narrative
text, a share of the table reports damaged so they come out ``partial``) to a temporary
folder, then runs ``iter_parse`` + ``CorpusWriter`` (the library behind
``govreport parse FOLDER --out FILE``) in fresh child processes and reports:

* throughput (documents/s) with ``--jobs 1`` and ``--jobs 2`` on the whole corpus, and
  the scaling ratio, each the median of ``--repeat`` runs;
* peak resident memory (``ru_maxrss``) of the run's main process, and of its largest
  worker, for the first 1,000 documents and for all of them: flat memory means the
  ratio stays within ±10%;
* output bytes per document for the cells table in JSONL, CSV and Parquet (and for the
  wide ``reports`` table), measured on the first 1,000 documents.

Usage::

    python benchmarks/bench_batch.py [--reports 10000] [--small 1000] [--repeat 1] [--json]

Targets: scaling >= 1.8x on 2 cores (issue 4) and >= 95% of the machine's own two-process
scaling measured in the same run (issue 9); memory within ±10% between 1,000 and 10,000
documents. The machine is shared, so read the numbers as medians of a noisy box.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_parse import damage_report
from govreport.testing import synthetic

DEFAULT_REPORTS = 10_000
DEFAULT_SMALL = 1_000
DEFAULT_SEED = 20_210_530
MIX = (("v2019", 0.4), ("v2021", 0.4), ("narrative", 0.2))
DAMAGE_SHARE = 0.1
TARGET_SCALING = 1.8
TARGET_MACHINE_SHARE = 0.95
TARGET_MEMORY_RATIO = 0.10


def write_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` generated reports as ``NNNNNN.txt`` files in ``folder``; returns them in order."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        kind = rng.choices([k for k, _ in MIX], weights=[w for _, w in MIX])[0]
        report_seed = rng.getrandbits(32)
        if kind == "narrative":
            text = synthetic.generate_narrative(report_seed, year=rng.randint(2008, 2018))
        else:
            text = synthetic.generate(report_seed, layout=kind).text
            if rng.random() < DAMAGE_SHARE:
                text = damage_report(text, rng)
        path = folder / f"{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def own_peak_rss_mib() -> float:
    """This process's peak resident set (``VmHWM``), where Linux reports it.

    ``ru_maxrss`` can carry the parent's peak over ``fork`` and ``exec``, so a child started
    by a large benchmark process would report the benchmark's memory, not its own.
    """
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/status").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(listing: str, out: str, table: str, jobs: int) -> dict[str, Any]:
    """One corpus run in this (fresh) process: what ``govreport parse @LIST --out OUT`` does."""
    from govreport.batch import RunSummary, iter_parse
    from govreport.batch.garbage import collect_less_often
    from govreport.export import CorpusWriter

    collect_less_often()  # as the command does in its own process (its workers do it too)
    summary = RunSummary()
    started = time.perf_counter()
    with CorpusWriter(out, table=table) as writer:
        for result in iter_parse(f"@{listing}", jobs=jobs, skip=writer.done, transform=writer.encoder):
            writer.write(result)
            summary.add(result)
    seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "main_cpu_s": own.ru_utime + own.ru_stime,
        "workers_cpu_s": workers.ru_utime + workers.ru_stime,
        "seconds": seconds,
        "documents": summary.documents,
        "status": dict(summary.status),
        "peak_rss_mib": own_peak_rss_mib(),
        "peak_worker_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "gc_first_threshold": gc.get_threshold()[0],
    }


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_scaling(work: int = 2_000_000, tasks: int = 8) -> float:
    """How much faster 2 processes run pure-Python work than 1, on this machine, right now.

    Other programs share the 2 cores, so the corpus scaling is read against this ceiling.
    """
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    for _ in range(tasks):
        _burn(work)
    one = time.perf_counter() - started
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1, 1]))  # start both workers before timing
        started = time.perf_counter()
        list(pool.map(_burn, [work] * tasks))
        two = time.perf_counter() - started
    return one / two


def run_child(listing: Path, out: Path, table: str, jobs: int) -> dict[str, Any]:
    """Run :func:`child` in a new interpreter; add the output size."""
    if out.is_dir():
        shutil.rmtree(out)
    out.unlink(missing_ok=True)
    out.with_name(out.name + ".journal").unlink(missing_ok=True)
    command = [sys.executable, __file__, "--child", str(listing), str(out), table, str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=Path(__file__).parent)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    files = list(out.glob("*")) if out.is_dir() else [out]
    result["bytes"] = sum(f.stat().st_size for f in files)
    return result


def measure(
    reports: int, small: int, repeat: int, seed: int, say: Any, burn: int = 2_000_000
) -> dict[str, Any]:
    """Every measurement of this benchmark, as one dict."""
    with tempfile.TemporaryDirectory(prefix="govreport-bench-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        paths = write_corpus(root / "corpus", reports, seed)
        say(f"wrote {reports} reports in {time.perf_counter() - started:.1f}s")
        listings = {}
        for n in sorted({min(small, reports), reports}):
            listings[n] = root / f"first-{n}.list"
            listings[n].write_text("\n".join(str(p) for p in paths[:n]) + "\n", encoding="utf-8")

        runs: dict[int, list[dict[str, Any]]] = {1: [], 2: []}
        ceilings = []
        for _ in range(repeat):
            ceilings.append(machine_scaling(burn))
            for jobs in (1, 2):
                run = run_child(listings[reports], root / "out.parquet", "cells", jobs)
                runs[jobs].append(run)
                say(
                    f"jobs={jobs}: {run['documents'] / run['seconds']:.0f} docs/s "
                    f"({run['seconds']:.1f}s wall, "
                    f"CPU {run['main_cpu_s']:.1f}s main + {run['workers_cpu_s']:.1f}s workers)"
                )
            ceilings.append(machine_scaling(burn))
        rate = {j: statistics.median(r["documents"] / r["seconds"] for r in runs[j]) for j in runs}
        ceiling = statistics.median(ceilings)
        pairs = [
            (two["documents"] / two["seconds"]) / (one["documents"] / one["seconds"])
            for one, two in zip(runs[1], runs[2], strict=True)
        ]
        say("scaling per repeat (same moment, jobs=2 / jobs=1): " + ", ".join(f"x{p:.2f}" for p in pairs))
        say(f"machine: 2 processes run pure-Python work x{ceiling:.2f} faster than 1 (other load)")

        small_n = min(small, reports)
        memory_small = run_child(listings[small_n], root / "mem.parquet", "cells", 1)
        memory_large = runs[1][-1]
        memory = {
            "documents_small": small_n,
            "documents_large": reports,
            "peak_rss_mib_small": memory_small["peak_rss_mib"],
            "peak_rss_mib_large": memory_large["peak_rss_mib"],
            "ratio": memory_large["peak_rss_mib"] / memory_small["peak_rss_mib"],
            "jobs2_main_rss_mib": runs[2][-1]["peak_rss_mib"],
            "jobs2_worker_rss_mib": runs[2][-1]["peak_worker_rss_mib"],
        }
        say(
            f"peak RSS {memory['peak_rss_mib_small']:.1f} MiB at {small_n} docs, "
            f"{memory['peak_rss_mib_large']:.1f} MiB at {reports} docs (x{memory['ratio']:.3f})"
        )

        sizes: dict[str, float] = {"cells.parquet": memory_small["bytes"] / small_n}
        for name in ("cells.jsonl", "cells.csv", "reports.parquet", "reports.csv"):
            table, suffix = name.split(".")
            sized = run_child(listings[small_n], root / f"size.{suffix}", table, 1)
            sizes[name] = sized["bytes"] / small_n
        input_bytes = sum(p.stat().st_size for p in paths[:small_n]) / small_n
        say(
            "bytes/doc: "
            + ", ".join(f"{k} {v:,.0f}" for k, v in sizes.items())
            + f" (input {input_bytes:,.0f})"
        )
    return {
        "reports": reports,
        "repeat": repeat,
        "docs_per_s": {"jobs1": rate[1], "jobs2": rate[2]},
        "scaling": rate[2] / rate[1],
        "scaling_per_repeat": pairs,
        "machine_scaling": ceiling,
        "machine_share": rate[2] / rate[1] / ceiling,
        "status": runs[1][-1]["status"],
        "cpu_s": {
            f"jobs{j}": {"main": runs[j][-1]["main_cpu_s"], "workers": runs[j][-1]["workers_cpu_s"]}
            for j in runs
        },
        "memory": memory,
        "bytes_per_document": sizes,
        "input_bytes_per_document": input_bytes,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--child"]:
        listing, out, table, jobs = args[1:5]
        print(json.dumps(child(listing, out, table, int(jobs))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--reports", type=int, default=DEFAULT_REPORTS, help="corpus size (10000)")
    ap.add_argument("--small", type=int, default=DEFAULT_SMALL, help="the smaller memory run (1000)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs per job count (1)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    options = ap.parse_args(args)
    result = measure(options.reports, options.small, options.repeat, options.seed, print)
    scaling_ok = result["scaling"] >= TARGET_SCALING
    share_ok = result["machine_share"] >= TARGET_MACHINE_SHARE
    memory_ok = abs(result["memory"]["ratio"] - 1) <= TARGET_MEMORY_RATIO
    print(
        f"scaling x{result['scaling']:.2f} (target >= {TARGET_SCALING}): {'met' if scaling_ok else 'NOT met'}"
    )
    print(
        f"scaling {result['machine_share']:.0%} of the machine's x{result['machine_scaling']:.2f} "
        f"(target >= {TARGET_MACHINE_SHARE:.0%}): {'met' if share_ok else 'NOT met'}"
    )
    print(
        f"memory x{result['memory']['ratio']:.3f} (target within ±10%): {'met' if memory_ok else 'NOT met'}"
    )
    if options.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
