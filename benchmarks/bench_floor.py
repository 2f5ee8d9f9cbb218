"""govreport against the floor of each input format, in one run on one core (issue 9).

The floor is the least any tool must do to get at a format's content:

- TXT: read the file and decode it;
- HTML: ``lxml.html.fromstring`` of the file's bytes;
- DOCX: open the zip and parse ``word/document.xml`` with lxml;
- PDF: pypdfium2, every character's code and box on every page;
- DOC: one ``soffice`` run converting all the DOC files to DOCX.

``govreport.parse`` reads each file (DOC through the batch API, ``iter_parse``, as a corpus
run does, with whatever LibreOffice conversion it does), and for HTML ``pandas.read_html``
(lxml flavour) reads the same pages. The corpus is ``floor_corpus.py``'s: the generated
reports of ``bench_parse.py`` in every format, plus the bundled examples.

Before anything is timed every govreport parse is checked against the generated truth;
a wrong parse makes the script exit 1 (a fast wrong parser is not measured). The process
is pinned to one core; within each of ``--repeat`` passes the formats and tools take
turns, so load from other programs hits all of them alike. Rates are files per CPU
second (``time.process_time``), medians over the passes; DOC is timed by the wall clock
because its work happens in LibreOffice's processes.

``--phases`` adds, per format, each parse phase's share of the CPU time
(``phases.py``): where the time goes.

``--jobs 2`` adds the scaling of a corpus run (``bench_batch.py``'s child) from one to two
worker processes, as a share of what this machine gives two processes of pure Python in
the same run. ``--memory`` adds the peak RSS of a one-worker corpus run at 1,000 and
10,000 documents (``--memory-docs``).

Usage::

    python benchmarks/bench_floor.py [--reports N] [--repeat R] [--formats txt html ...]
        [--doc-reports D] [--jobs 2] [--memory] [--memory-docs 1000 10000] [--phases] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import govreport
from bench_batch import machine_scaling, run_child, write_corpus
from floor_corpus import FORMATS, OFFICE_FORMATS, Sample, build, check_report
from govreport.batch import iter_parse
from govreport.readers import office
from phases import describe, measure_phases

DEFAULT_REPORTS = 200
DEFAULT_REPEAT = 5
DEFAULT_DOC_REPORTS = 20
DEFAULT_SEED = 20_261_203
DEFAULT_JOBS_REPORTS = 2_000
DEFAULT_MEMORY_DOCS = (1_000, 10_000)


@dataclass(frozen=True)
class Target:
    """What issue 9 asks of one format."""

    per_s: float
    max_ratio: float | None = None  # govreport at most this many times slower than the floor
    beat_pandas: bool = False

    def describe(self) -> str:
        parts = [f">={self.per_s:,.0f}/s"]
        if self.max_ratio is not None:
            parts.append(f"ratio <={self.max_ratio:g}")
        if self.beat_pandas:
            parts.append("> pandas")
        return ", ".join(parts)


TARGETS = {
    "txt": Target(2_000.0, max_ratio=50.0),
    "html": Target(500.0, beat_pandas=True),
    "docx": Target(300.0, max_ratio=4.0),
    "pdf": Target(60.0, max_ratio=2.5),
    "doc": Target(5.0),
}
TARGET_SCALING_SHARE = 0.95
TARGET_MEMORY_RATIO = 0.10


# --------------------------------------------------------------------------- the floors


def read_text_floor(path: Path) -> object:
    return path.read_bytes().decode("utf-8")


def html_floor(path: Path) -> object:
    import lxml.html

    return lxml.html.fromstring(path.read_bytes())


def docx_floor(path: Path) -> object:
    import lxml.etree

    with zipfile.ZipFile(path) as archive:
        return lxml.etree.fromstring(archive.read("word/document.xml"))


def pdf_floor(path: Path) -> object:
    """Every character's code point and loose box, page by page (what any positioned-text reader needs)."""
    import pypdfium2
    import pypdfium2.raw as raw

    chars: list[tuple[int, float, float, float, float]] = []
    pdf = pypdfium2.PdfDocument(path)
    try:
        rect = raw.FS_RECTF()
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            handle = textpage.raw
            for i in range(raw.FPDFText_CountChars(handle)):
                code = raw.FPDFText_GetUnicode(handle, i)
                if raw.FPDFText_GetLooseCharBox(handle, i, rect):
                    chars.append((code, rect.left, rect.top, rect.right, rect.bottom))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return chars


def pandas_read_html(path: Path) -> object:
    import pandas

    try:
        return pandas.read_html(str(path), flavor="lxml")
    except ValueError:  # "No tables found": a narrative page; the page was still parsed
        return None


def doc_floor(paths: Sequence[Path]) -> None:
    office.convert_many(
        [p.read_bytes() for p in paths], source="doc", target="docx", timeout=120 + 10 * len(paths)
    )


def govreport_batch(paths: Sequence[Path]) -> None:
    for result in iter_parse(paths, jobs=1):
        if result.report is None:
            raise RuntimeError(f"{result.path}: {result.status.value} {result.errors}")


def each(work: Callable[[Path], object]) -> Callable[[Sequence[Path]], None]:
    def run(paths: Sequence[Path]) -> None:
        for path in paths:
            work(path)

    return run


FLOORS: dict[str, Callable[[Sequence[Path]], None]] = {
    "txt": each(read_text_floor),
    "html": each(html_floor),
    "docx": each(docx_floor),
    "pdf": each(pdf_floor),
    "doc": doc_floor,
}


# --------------------------------------------------------------------------- checks


def check_formats(corpus: dict[str, list[Sample]]) -> list[str]:
    """Every way a govreport parse of the corpus is wrong (empty when all are right).

    DOC goes through the batch API, as it is timed; the other formats through ``govreport.parse``.
    """
    problems: list[str] = []
    for name, samples in corpus.items():
        if name == "doc":
            results = list(iter_parse([s.path for s in samples], jobs=1))
            for sample, result in zip(samples, results, strict=True):
                if result.report is None:
                    problems.append(f"{sample.path.name}: {result.status.value} {result.errors}")
                elif problem := check_report(sample, result.report):
                    problems.append(problem)
            continue
        for sample in samples:
            try:
                report = govreport.parse(sample.path)
            except govreport.GovReportError as exc:
                problems.append(f"{sample.path.name}: {type(exc).__name__}: {exc}")
                continue
            if problem := check_report(sample, report):
                problems.append(problem)
    return problems


# --------------------------------------------------------------------------- timing


@dataclass
class Timings:
    """Seconds per pass of one tool over one format's files."""

    files: int
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def rate(self, clock: str) -> float:
        return self.files / statistics.median(self.cpu if clock == "cpu" else self.wall)


def tools_for(name: str, pandas_ok: bool) -> dict[str, Callable[[Sequence[Path]], None]]:
    tools = {"govreport": govreport_batch if name == "doc" else each(govreport.parse), "floor": FLOORS[name]}
    if name == "html" and pandas_ok:
        tools["pandas"] = each(pandas_read_html)
    return tools


def time_interleaved(
    corpus: dict[str, list[Sample]], repeat: int, pandas_ok: bool
) -> dict[str, dict[str, Timings]]:
    """``repeat`` passes; within each, every format's tools run one after the other."""
    tools = {name: tools_for(name, pandas_ok) for name in corpus}
    paths = {name: [s.path for s in samples] for name, samples in corpus.items()}
    timings = {name: {tool: Timings(len(paths[name])) for tool in tools[name]} for name in corpus}
    for name, by_tool in tools.items():  # warm imports and caches outside the timed passes
        for tool, run in by_tool.items():
            # govreport was warmed by the check; DOC's floor runs in LibreOffice, nothing to warm here
            if tool != "govreport" and name != "doc":
                run(paths[name][:1])
    for _ in range(repeat):
        for name, by_tool in tools.items():
            for tool, run in by_tool.items():
                gc.collect()
                wall, cpu = time.perf_counter(), time.process_time()
                run(paths[name])
                timings[name][tool].cpu.append(time.process_time() - cpu)
                timings[name][tool].wall.append(time.perf_counter() - wall)
    return timings


@dataclass(frozen=True)
class FormatResult:
    """One row of the table."""

    format: str
    files: int
    clock: str
    govreport_per_s: float
    floor_per_s: float
    ratio: float  # floor rate / govreport rate: how many times slower govreport is
    target: str
    met: bool
    pandas_per_s: float | None = None


def summarize(timings: dict[str, dict[str, Timings]]) -> list[FormatResult]:
    results = []
    for name, by_tool in timings.items():
        clock = "wall" if name == "doc" else "cpu"
        gov = by_tool["govreport"].rate(clock)
        floor = by_tool["floor"].rate(clock)
        pandas = by_tool["pandas"].rate(clock) if "pandas" in by_tool else None
        target = TARGETS[name]
        met = gov >= target.per_s
        if target.max_ratio is not None:
            met = met and floor / gov <= target.max_ratio
        if target.beat_pandas and pandas is not None:
            met = met and gov > pandas
        results.append(
            FormatResult(
                format=name,
                files=by_tool["govreport"].files,
                clock=clock,
                govreport_per_s=gov,
                floor_per_s=floor,
                ratio=floor / gov,
                target=target.describe(),
                met=met,
                pandas_per_s=pandas,
            )
        )
    return results


def table(results: Sequence[FormatResult]) -> str:
    """The results as a plain-text table, with a line per format compared with pandas."""
    lines = [
        f"{'format':<6} {'files':>5} {'govreport/s':>12} {'floor/s':>10} {'ratio':>7}  {'target':<28} met?"
    ]
    for r in results:
        lines.append(
            f"{r.format:<6} {r.files:>5} {r.govreport_per_s:>12,.1f} {r.floor_per_s:>10,.1f} "
            f"{r.ratio:>7.1f}  {r.target:<28} {'yes' if r.met else 'NO'}"
        )
    for r in results:
        if r.pandas_per_s is not None:
            lines.append(
                f"{r.format}: pandas.read_html {r.pandas_per_s:,.1f}/s; "
                f"govreport/pandas x{r.govreport_per_s / r.pandas_per_s:.2f}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- corpus runs


def pin_to_one_core() -> set[int] | None:
    """Pin this process to one CPU; return the CPUs it had (``None`` where the OS cannot)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(allowed)})
    return allowed


@contextlib.contextmanager
def unpinned(allowed: set[int] | None) -> Iterator[None]:
    """Give back every CPU for a while, so child processes started meanwhile can use them."""
    if allowed is None:
        yield
        return
    pinned = os.sched_getaffinity(0)
    os.sched_setaffinity(0, allowed)
    try:
        yield
    finally:
        os.sched_setaffinity(0, pinned)


def _listing(root: Path, paths: Sequence[Path], n: int) -> Path:
    listing = root / f"first-{n}.list"
    listing.write_text("\n".join(str(p) for p in paths[:n]) + "\n", encoding="utf-8")
    return listing


def measure_scaling(
    root: Path, paths: Sequence[Path], repeat: int, say: Callable[[str], None], burn: int = 2_000_000
) -> dict[str, Any]:
    """Corpus-run docs/s with 1 and 2 workers, and the machine's own 2-process scaling, interleaved."""
    listing = _listing(root, paths, len(paths))
    rates: dict[int, list[float]] = {1: [], 2: []}
    ceilings = []
    for _ in range(repeat):
        ceilings.append(machine_scaling(burn))
        for jobs in (1, 2):
            run = run_child(listing, root / "out.parquet", "cells", jobs)
            rates[jobs].append(run["documents"] / run["seconds"])
        ceilings.append(machine_scaling(burn))
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    ceiling = statistics.median(ceilings)
    result = {
        "documents": len(paths),
        "jobs1_docs_per_s": one,
        "jobs2_docs_per_s": two,
        "scaling": two / one,
        "machine_scaling": ceiling,
        "share": (two / one) / ceiling,
        "target_share": TARGET_SCALING_SHARE,
    }
    result["met"] = result["share"] >= TARGET_SCALING_SHARE
    say(
        f"jobs 2   {one:,.0f} -> {two:,.0f} docs/s (x{two / one:.2f}) over {len(paths)} documents; "
        f"the machine gives 2 processes x{ceiling:.2f}: share {100 * result['share']:.0f}% "
        f"(target >={100 * TARGET_SCALING_SHARE:.0f}%): {'met' if result['met'] else 'NOT met'}"
    )
    return result


def measure_memory(
    root: Path, paths: Sequence[Path], sizes: Sequence[int], say: Callable[[str], None]
) -> dict[str, Any]:
    """Peak RSS of one-worker corpus runs over the first ``n`` documents, for each ``n`` in ``sizes``."""
    peaks = {}
    for n in sorted(set(sizes)):
        run = run_child(_listing(root, paths, n), root / "memory.parquet", "cells", 1)
        peaks[n] = run["peak_rss_mib"]
    smallest, largest = min(peaks), max(peaks)
    ratio = peaks[largest] / peaks[smallest]
    met = abs(ratio - 1) <= TARGET_MEMORY_RATIO
    say(
        "memory   peak RSS of a 1-worker run: "
        + ", ".join(f"{v:.1f} MiB at {n:,} docs" for n, v in peaks.items())
        + f" (x{ratio:.3f}; target within ±{100 * TARGET_MEMORY_RATIO:.0f}%): {'met' if met else 'NOT met'}"
    )
    return {"peak_rss_mib": {str(n): v for n, v in peaks.items()}, "ratio": ratio, "met": met}


# --------------------------------------------------------------------------- main


def available_formats(wanted: Sequence[str], say: Callable[[str], None]) -> list[str]:
    """``wanted`` less the formats this machine cannot make or read, each said."""
    formats = []
    for name in wanted:
        if name in OFFICE_FORMATS and office.find_soffice() is None:
            say(f"skip     {name}: LibreOffice (soffice) is not installed; it makes the {name.upper()} files")
        elif name == "pdf" and importlib.util.find_spec("pypdfium2") is None:
            say("skip     pdf: pypdfium2 (the pdf extra) is not installed")
        else:
            formats.append(name)
    return formats


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status is 1 when a govreport parse is wrong."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--reports", type=int, default=DEFAULT_REPORTS, help=f"generated reports ({DEFAULT_REPORTS})"
    )
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help=f"timed passes ({DEFAULT_REPEAT})")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS), metavar="FORMAT")
    ap.add_argument(
        "--doc-reports", type=int, default=DEFAULT_DOC_REPORTS, help=f"DOC files ({DEFAULT_DOC_REPORTS})"
    )
    ap.add_argument("--no-examples", action="store_true", help="leave out the bundled examples/")
    ap.add_argument("--jobs", type=int, choices=(1, 2), default=1, help="2: also measure 2-worker scaling")
    ap.add_argument(
        "--jobs-reports",
        type=int,
        default=DEFAULT_JOBS_REPORTS,
        help=f"scaling corpus ({DEFAULT_JOBS_REPORTS})",
    )
    ap.add_argument("--memory", action="store_true", help="also measure peak RSS at --memory-docs documents")
    ap.add_argument("--memory-docs", type=int, nargs="+", default=list(DEFAULT_MEMORY_DOCS), metavar="N")
    ap.add_argument(
        "--phases", action="store_true", help="also show each format's CPU share per parse phase (not DOC)"
    )
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    args = ap.parse_args(argv)
    if args.reports < 5 or args.repeat < 1 or args.doc_reports < 1:
        ap.error("need --reports >= 5, --repeat >= 1 and --doc-reports >= 1")

    def say(line: str) -> None:
        print(line, flush=True)

    pandas_ok = all(importlib.util.find_spec(m) is not None for m in ("pandas", "lxml"))
    formats = available_formats(args.formats, say)
    if "html" in formats and not pandas_ok:
        say("skip     pandas.read_html: pandas or lxml is not installed")
    summary: dict[str, Any] = {
        "benchmark": "govreport.floor",
        "govreport": govreport.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "reports": args.reports,
        "repeat": args.repeat,
        "seed": args.seed,
    }
    with tempfile.TemporaryDirectory(prefix="govreport-floor-") as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        corpus = build(
            root / "corpus",
            args.reports,
            args.seed,
            formats,
            doc_reports=args.doc_reports,
            examples=not args.no_examples,
        )
        say(
            f"govreport {govreport.__version__} floor benchmark, {platform.python_implementation()} "
            f"{platform.python_version()}; corpus of {args.reports} generated reports"
            f"{'' if args.no_examples else ' + examples'} built in {time.perf_counter() - started:.1f}s: "
            + ", ".join(f"{name} {len(samples)}" for name, samples in corpus.items())
        )
        problems = check_formats(corpus)
        summary["wrong_parses"] = problems
        if problems:
            say(
                f"WRONG    {len(problems)} govreport parses differ from the truth; nothing timed. First ones:"
            )
            for problem in problems[:10]:
                say(f"         {problem}")
            if args.json:
                print(json.dumps(summary, sort_keys=True), flush=True)
            return 1
        say(f"checked  all {sum(map(len, corpus.values()))} govreport parses match the generated truth")

        allowed = pin_to_one_core()
        try:
            pinning = f"pinned to cpu {min(os.sched_getaffinity(0))}" if allowed else "not pinned"
            say(f"timing   {pinning}, median of {args.repeat} interleaved passes")
            results = summarize(time_interleaved(corpus, args.repeat, pandas_ok))
            say(table(results))
            summary["formats"] = {r.format: asdict(r) for r in results}
            if args.phases:
                summary["phases"] = {}
                for name, samples in corpus.items():
                    if name != "doc":  # DOC's time is LibreOffice's, outside these phases
                        shares = measure_phases([s.path for s in samples])
                        summary["phases"][name] = shares
                        say(f"phases   {name}: {describe(shares)}")
            if args.jobs == 2 or args.memory:
                sizes = [
                    args.jobs_reports if args.jobs == 2 else 0,
                    *(args.memory_docs if args.memory else []),
                ]
                paths = write_corpus(root / "batch", max(sizes), args.seed)
                with unpinned(allowed):
                    if args.jobs == 2:
                        summary["scaling"] = measure_scaling(
                            root, paths[: args.jobs_reports], args.repeat, say
                        )
                    if args.memory:
                        summary["memory"] = measure_memory(root, paths, args.memory_docs, say)
        finally:
            if allowed is not None:  # the caller (a test session, say) gets its CPUs back
                os.sched_setaffinity(0, allowed)
    if args.json:
        print(json.dumps(summary, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
