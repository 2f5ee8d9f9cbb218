"""A pytest-benchmark timing of narrative reading and a smoke run of bench_narrative."""

from __future__ import annotations

import pytest

from bench_narrative import line, main, measure
from govreport.extract.narrative import extract_narrative
from govreport.testing.narrative import generate_narrative_paragraphs

pytestmark = pytest.mark.benchmark(group="narrative")


def test_extract_one_generated_report(benchmark) -> None:
    paragraphs = generate_narrative_paragraphs(7).paragraphs()
    stats, _ = benchmark(extract_narrative, paragraphs)
    assert stats


def test_smoke_run_reads_everything() -> None:
    totals = measure(20, 100)
    assert totals["wrong"] == 0 and totals["found"] == totals["stated"] > 0
    assert "found/stated/wrong" in line(totals)
    assert main(["--reports", "5"]) == 0
