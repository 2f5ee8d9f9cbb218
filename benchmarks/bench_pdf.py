"""Text-layer PDF reading throughput and peak memory, and DOC conversion time, on one core.

Builds a deterministic corpus of generated table reports (v2019 and v2021, random values),
renders each as DOCX with merged form cells (the fixture builder) and prints it to PDF
with LibreOffice (one ``soffice`` run for the whole corpus; that set-up is not timed).
Then:

- ``pdf reader``: ``read_document`` alone (PDF bytes → document model);
- ``pdf parse``: ``Parser.parse`` on the PDF bytes (reader plus tables, sections, checks);
- the reader's time split into pdfium extraction (characters and paths) and layout;
- ``doc``: converting one DOC file to DOCX with LibreOffice, as the DOC reader does for
  each file (a fresh ``soffice`` process per file, the profile kept), and the full parse.

Throughput figures are the median of ``--repeat`` passes over the corpus. Peak memory is
tracemalloc's peak over one extra reader pass (Python allocations; pdfium's own C heap
is not in it) and the process's maximum resident set size.

Usage::

    python benchmarks/bench_pdf.py [--reports N] [--repeat R] [--doc-files D] [--seed S] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from typing import Any

import govreport
from govreport.readers import office, read_document
from govreport.testing import synthetic
from govreport.testing.render import render_docx
from measure import MIB, heap_peak, time_passes

TARGET_PDF_PER_S = 20.0
"""Target from issue 3: text-layer PDF reports read per second on one core."""

DEFAULT_REPORTS = 40
DEFAULT_REPEAT = 5
DEFAULT_DOC_FILES = 3
DEFAULT_SEED = 20_240_131


def build_corpus(n: int, seed: int) -> tuple[list[synthetic.SyntheticReport], list[bytes]]:
    """``n`` generated reports (half of each layout) and their DOCX renderings."""
    rng = random.Random(seed)
    reports = [synthetic.generate(rng.getrandbits(32), layout=("v2019", "v2021")[i % 2]) for i in range(n)]
    return reports, [render_docx(synthetic.form_document(r)) for r in reports]


def split_reader(inputs: Sequence[bytes]) -> dict[str, float]:
    """Milliseconds per report in pdfium extraction and in layout (one pass)."""
    import pypdfium2
    import pypdfium2.raw as raw

    from govreport.limits import current_budget
    from govreport.readers.pdf.fonts import stand_in_fonts
    from govreport.readers.pdf.layout import layout_document
    from govreport.readers.pdf.reader import _read_page

    extract = layout = 0.0
    for data in inputs:
        start = time.perf_counter()
        with stand_in_fonts(raw):  # as the reader does: digits never depend on the machine's fonts
            pdf = pypdfium2.PdfDocument(data)
            pages = [_read_page(pdf, i, raw, current_budget()) for i in range(len(pdf))]
            pdf.close()
        middle = time.perf_counter()
        layout_document(pages)
        extract += middle - start
        layout += time.perf_counter() - middle
    return {"extract_ms": 1000 * extract / len(inputs), "layout_ms": 1000 * layout / len(inputs)}


def check(
    reports: Sequence[synthetic.SyntheticReport], pdfs: Sequence[bytes], parser: govreport.Parser
) -> int:
    """How many PDFs parse to exactly the table values and states of their text (the sanity check)."""
    good = 0
    for truth, data in zip(reports, pdfs, strict=True):
        cells = [
            {(c.table, c.row, c.column): (c.value, c.state) for t in parsed.tables for c in t.cells}
            for parsed in (parser.parse(data, format="pdf"), parser.parse(truth.text))
        ]
        good += cells[0] == cells[1]
    return good


def measure_pdf(
    reports: Sequence[synthetic.SyntheticReport], docx: Sequence[bytes], repeat: int
) -> dict[str, Any]:
    start = time.perf_counter()
    pdfs = office.convert_many(docx, source="docx", target="pdf", timeout=60 + 10 * len(docx))
    convert_s = time.perf_counter() - start
    parser = govreport.Parser()

    def reader(data: bytes) -> object:
        return read_document(data, format="pdf")

    def parse(data: bytes) -> object:
        return parser.parse(data, format="pdf")

    correct = check(reports, pdfs, parser)
    reader_times, reader_cpu = time_passes(reader, pdfs, repeat)
    parse_times, parse_cpu = time_passes(parse, pdfs, repeat)
    n = len(pdfs)
    return {
        "reports": n,
        "mean_kib": statistics.mean(len(p) for p in pdfs) / 1024,
        "correct": correct,
        "corpus_conversion_s": convert_s,
        "reader_per_s": n / statistics.median(reader_times),
        "parse_per_s": n / statistics.median(parse_times),
        "reader_per_cpu_s": n / statistics.median(reader_cpu),
        "parse_per_cpu_s": n / statistics.median(parse_cpu),
        **split_reader(pdfs),
        "reader_heap_peak_mib": heap_peak(reader, pdfs)[0] / MIB,
    }


def measure_doc(docx: Sequence[bytes], files: int) -> dict[str, Any]:
    docs = office.convert_many(list(docx[:files]), source="docx", target="doc")
    office.convert(docs[0], source="doc", target="docx")  # create the worker's profile first
    conversions = []
    for data in docs:
        start = time.perf_counter()
        office.convert(data, source="doc", target="docx")
        conversions.append(time.perf_counter() - start)
    parser = govreport.Parser()
    parses = []
    for data in docs:
        start = time.perf_counter()
        parser.parse(data, format="doc")
        parses.append(time.perf_counter() - start)
    return {
        "files": len(docs),
        "conversion_s_median": statistics.median(conversions),
        "parse_s_median": statistics.median(parses),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; the exit status is 1 when a PDF did not parse to its values."""
    ap = argparse.ArgumentParser(description="Text-layer PDF and DOC reading on one core.")
    ap.add_argument(
        "--reports", type=int, default=DEFAULT_REPORTS, help=f"PDF corpus size ({DEFAULT_REPORTS})"
    )
    ap.add_argument("--repeat", type=int, default=DEFAULT_REPEAT, help=f"timed passes ({DEFAULT_REPEAT})")
    ap.add_argument("--doc-files", type=int, default=DEFAULT_DOC_FILES, help="DOC files converted (3)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    ap.add_argument("--json", action="store_true", help="also print one JSON line")
    args = ap.parse_args(argv)

    reports, docx = build_corpus(args.reports, args.seed)
    pdf = measure_pdf(reports, docx, args.repeat)
    doc = measure_doc(docx, min(args.doc_files, len(docx))) if args.doc_files else None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"govreport {govreport.__version__} PDF/DOC benchmark, {platform.python_implementation()} "
        f"{platform.python_version()}, {args.reports} reports, median of {args.repeat} passes"
    )
    print(
        f"pdf  reader {pdf['reader_per_s']:7.1f} reports/s (target {TARGET_PDF_PER_S:g}), "
        f"parse {pdf['parse_per_s']:7.1f} reports/s, mean file {pdf['mean_kib']:.0f} KiB"
    )
    print(
        f"     per CPU second: reader {pdf['reader_per_cpu_s']:.1f} reports, "
        f"parse {pdf['parse_per_cpu_s']:.1f} reports"
    )
    print(
        f"     per report: pdfium extraction {pdf['extract_ms']:.1f} ms, layout {pdf['layout_ms']:.1f} ms; "
        f"reader heap peak {pdf['reader_heap_peak_mib']:.1f} MiB, process max RSS {rss:.0f} MiB"
    )
    print(
        f"     {pdf['correct']}/{pdf['reports']} PDFs parse to the same table values and states as their text"
    )
    if doc:
        print(
            f"doc  LibreOffice DOC→DOCX conversion {doc['conversion_s_median']:.2f} s per file, "
            f"full parse {doc['parse_s_median']:.2f} s per file (median of {doc['files']})"
        )
    if args.json:
        print(json.dumps({"benchmark": "govreport.pdf_doc", "pdf": pdf, "doc": doc, "max_rss_mib": rss}))
    return 0 if pdf["correct"] == pdf["reports"] else 1


if __name__ == "__main__":
    sys.exit(main())
