"""pytest-benchmark timings of reading one generated report per format, and a smoke run of bench_formats.

Run the timings with ``.venv/bin/python -m pytest benchmarks -k formats``; with
``--benchmark-disable`` each read runs once and only the assertions count.
"""

from __future__ import annotations

import pytest

import govreport
from bench_formats import build_corpus, check_corpus, measure, report_table
from govreport import Parser
from govreport.readers import read_document
from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html

pytestmark = pytest.mark.benchmark(group="formats")


@pytest.fixture(scope="module")
def truth() -> synthetic.SyntheticReport:
    return synthetic.generate(17, layout="v2021")


@pytest.mark.parametrize("name", ["html", "docx"])
def test_read_one_report(benchmark, truth: synthetic.SyntheticReport, name: str) -> None:
    document = synthetic.form_document(truth)
    data = (
        render_html(document, encoding="gb18030") if name == "html" else render_docx(document, numbering=True)
    )

    read = benchmark(read_document, data, format=name)

    expected = read_document(truth.text.encode("utf-8"), format="text")
    assert [p.text for p in read.paragraphs] == [p.text for p in expected.paragraphs]
    assert len(read.grids) == len(expected.grids) == 3
    assert truth.mismatches(Parser().parse_document(read)) == {}  # the generated truth is the oracle


def test_bench_script_measures_every_format() -> None:
    corpus = build_corpus(2, seed=1)
    assert sorted(corpus) == ["docx", "html", "text"]
    assert check_corpus(govreport.Parser(), corpus) == []
    results = measure(corpus, repeat=1)
    assert [r.format for r in results] == ["text", "html", "docx"]
    assert all(r.reader_per_s > 0 and r.parse_per_s > 0 and r.peak_mib > 0 for r in results)
    assert {r.format: r.target_per_s for r in results} == {"text": None, "html": 500.0, "docx": 200.0}
    assert "reader" in report_table(results)
