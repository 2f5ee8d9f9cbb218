"""DOC corpus runs: one LibreOffice start per file (before) against one per chunk (now).

Builds ``--files`` generated reports, saves them as Word 97 ``.doc`` files in a temporary
folder (one LibreOffice run), then parses the folder three ways in this process:

* ``one by one``: :func:`govreport.batch.parse_path` on each file, which starts LibreOffice
  once per file, as every corpus run did before DOC files were converted per chunk;
* ``jobs 1``: :func:`govreport.iter_parse` with one process (a chunk's DOC files converted
  in one LibreOffice run, then read one by one);
* ``jobs 2``: the same with two worker processes.

For each it prints documents per second of wall time and per CPU second, where CPU time
counts this process and every child it waited for (workers and LibreOffice). The machine
is shared, so per-CPU-second is the number to compare; each is the median of
``--repeat`` passes. The results of the three ways must be the same report for report
(compared as JSON) or the script exits 1.

Usage::

    python benchmarks/bench_doc.py [--files 64] [--repeat 1] [--no-jobs2] [--json]

Target (issue 9): at least 5 DOC files per CPU second in a corpus run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from govreport.batch import DocumentResult, iter_parse, parse_path
from govreport.readers import office
from govreport.serialize import to_json
from govreport.testing import synthetic
from govreport.testing.render import render_docx

DEFAULT_FILES = 64
TARGET_PER_CPU_S = 5.0


def write_docs(folder: Path, files: int, seed: int = 0) -> list[Path]:
    """``files`` generated reports (both layouts) saved as ``.doc`` in ``folder``."""
    docx = [
        render_docx(synthetic.form_document(synthetic.generate(seed + i, layout=("v2019", "v2021")[i % 2])))
        for i in range(files)
    ]
    docs = office.convert_many(docx, source="docx", target="doc", timeout=60 + 10 * files)
    paths = []
    for i, data in enumerate(docs):
        path = folder / f"{i:05d}.doc"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _fingerprint(results: Iterable[DocumentResult]) -> list[tuple[object, ...]]:
    return [
        (r.path, r.id, r.status.value, r.errors, to_json(r.report) if r.report is not None else None)
        for r in results
    ]


def _timed(run: Callable[[], list[DocumentResult]], repeat: int) -> tuple[dict[str, float], list[Any]]:
    walls, cpus = [], []
    fingerprint: list[Any] = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        results = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
        fingerprint = _fingerprint(results)
    n = len(fingerprint)
    wall_s, cpu_s = statistics.median(walls), statistics.median(cpus)
    return {
        "docs_per_s": n / wall_s,
        "docs_per_cpu_s": n / cpu_s,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
    }, fingerprint


def measure(files: int, repeat: int, jobs2: bool, say: Callable[[str], None] = print) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="govreport-bench-doc-") as folder:
        paths = write_docs(Path(folder), files)
        office.convert(
            paths[0].read_bytes(), source="doc", target="docx"
        )  # this process's profile, made once
        runs: dict[str, Callable[[], list[DocumentResult]]] = {
            "one_by_one": lambda: [parse_path(path) for path in paths],
            "jobs1": lambda: list(iter_parse(folder, jobs=1)),
        }
        if jobs2:
            runs["jobs2"] = lambda: list(iter_parse(folder, jobs=2))
        numbers: dict[str, dict[str, float]] = {}
        fingerprints = {}
        for name, run in runs.items():
            numbers[name], fingerprints[name] = _timed(run, repeat)
            say(
                f"{name:<10} {numbers[name]['docs_per_s']:6.2f} DOC/s wall, "
                f"{numbers[name]['docs_per_cpu_s']:6.2f} DOC per CPU-s ({files} files)"
            )
    same = all(fingerprint == fingerprints["one_by_one"] for fingerprint in fingerprints.values())
    speedup = numbers["jobs1"]["docs_per_cpu_s"] / numbers["one_by_one"]["docs_per_cpu_s"]
    say(f"speed-up  {speedup:.1f}x per CPU-s (jobs 1 / one by one); results identical: {same}")
    per_cpu = numbers["jobs1"]["docs_per_cpu_s"]
    say(f"target    {per_cpu:.2f} / {TARGET_PER_CPU_S:g} DOC per CPU-s = {per_cpu / TARGET_PER_CPU_S:.2f}x")
    return {
        "files": files,
        "repeat": repeat,
        "runs": numbers,
        "speedup_per_cpu_s": speedup,
        "identical": same,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--files", type=int, default=DEFAULT_FILES, help=f"DOC files ({DEFAULT_FILES})")
    ap.add_argument("--repeat", type=int, default=1, help="passes per way, median reported (1)")
    ap.add_argument("--no-jobs2", action="store_true", help="skip the two-process run")
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    args = ap.parse_args(argv)
    if office.find_soffice() is None:
        print("LibreOffice (soffice) is not installed", file=sys.stderr)
        return 2
    result = measure(args.files, args.repeat, not args.no_jobs2)
    if args.json:
        print(json.dumps({"benchmark": "govreport.doc", **result, "cpus": os.cpu_count()}))
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
